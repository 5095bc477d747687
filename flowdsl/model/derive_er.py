"""A first ER diagram drafted from the data dictionary (``flowdsl derive --er``,
``Case.derive_er``), issue 14.

- every data store of the DFDs (and every ledger of the charts) with a composition in the
  data dictionary (a ``数据字典`` entry or a ``define``) becomes an entity; its composition,
  with defined parts expanded, its attributes;
- the store's 关键字 is the key; without one the first item whose name ends like a key
  (号, 编号, 编码, 代码, ID …); without that a key ``<name>编号`` is proposed (commented);
- when the key of one entity is an item of another, the two are related 1:n (the
  other holds it as a foreign key, so the item is left out of its attributes); when two
  entities share the same non-key items, a comment points at it.

The text is in the keyword language of the source, formatted, with a comment on each
choice the student should check.
"""

from __future__ import annotations

import re

from .types import CaseModel

__all__ = ["derive_er", "DeriveErError"]

KEY_RE = re.compile(r"(号|编号|编码|代码|号码|代号|ID|Id|id|No|NO|no|code|Code|key|Key)$")

_MSG = {
    "zh": {"header": "# 由数据字典导出的ER图初稿（flowdsl derive --er）：请检查注释处的取舍并补全联系",
           "title": "{0}E-R图（初稿）", "nodef": "# {0} 在数据字典中没有定义：属性请补全",
           "key": "# {0} 的组成中没有像主键的数据项：主键 {1} 由 flowdsl 拟定",
           "fk": "# {1} 的组成中有 {0} 的主键 {2}：1:n 联系（{2} 是 {1} 的外码，不再列为属性）；请改为实际的联系名",
           "shared": "# {0} 与 {1} 都有 {2}：也许它们之间还有联系",
           "none": "这个文件的数据字典中没有数据存储的定义（定义 存储名 = 数据项 + …）"},
    "en": {"header": "# ER diagram drafted from the data dictionary (flowdsl derive --er): check the commented choices and add the relationships",
           "title": "{0} ER diagram (draft)", "nodef": "# {0} has no definition in the data dictionary: add its attributes",
           "key": "# no item of {0} looks like a key: the key {1} is made up by flowdsl",
           "fk": "# {1} holds the key {2} of {0}: a 1:n relationship ({2} is a foreign key of {1}, no longer an attribute); rename it",
           "shared": "# {0} and {1} both hold {2}: perhaps they are related too",
           "none": "the file's data dictionary defines no data store (define STORE = item + …)"},
}
_KW = {"zh": ("ER图", "实体", "联系"), "en": ("er", "entity", "relationship")}


class DeriveErError(ValueError):
    """Nothing to derive from (no store with a definition)."""


def _items(name: str, defs: dict[str, list[str]], seen: frozenset[str] = frozenset()) -> list[str]:
    """The data items of ``name``: its definition's parts, defined parts expanded."""
    out: list[str] = []
    for p in defs.get(name, []):
        if p in defs and p not in seen and defs[p] != [name]:
            out += _items(p, defs, seen | {name})
        else:
            out.append(p)
    return list(dict.fromkeys(out))


def _stores(model: CaseModel) -> list[str]:
    names: list[str] = []
    for d in model.dfds:
        names += [n.name for n in d.nodes if n.kind == "store"]
    for c in model.charts:
        names += [e.key for e in c.elements if e.kind == "ledger"]
    return list(dict.fromkeys(names))


def _distinct(names: list[str], defs: dict[str, list[str]]) -> list[str]:
    """One entity per record: a ledger that is a store's content (图书库存情况存档 = {入库台帐})
    or a store holding the same items as one kept before is the same entity."""
    kept: list[str] = []
    for n in names:
        if any(n in defs.get(k, ()) or set(_items(n, defs)) == set(_items(k, defs)) for k in kept):
            continue
        kept.append(n)
    return kept


def derive_er(model: CaseModel, lang: str = "zh") -> str:
    from ..lang.format import format_source

    lang = lang if lang in _MSG else "en"
    m = _MSG[lang]
    kw = _KW[lang]
    defs = {d.name: list(d.parts) for d in model.definitions}
    given_keys: dict[str, list[str]] = {}
    dictionary = getattr(model, "dictionary", None)
    for e in (dictionary.entries if dictionary is not None else []):   # the 数据字典 block (issue 13)
        if e.kind in ("structure", "flow", "store") and e.parts:
            defs.setdefault(e.name, list(e.parts))
        if e.kind == "store" and e.key:
            given_keys.setdefault(e.name, list(e.key))
    stores = _distinct([s for s in _stores(model) if s in defs], defs) or [
        n for n in defs if n.endswith(("存档", "文件", "台账", "台帐", "清单", "档案", "库"))]
    if not stores:
        raise DeriveErError(m["none"])
    attrs: dict[str, list[str]] = {}
    keys: dict[str, list[str]] = {}
    notes: dict[str, list[str]] = {}
    for s in stores:
        items = [i for i in _items(s, defs) if i != s and i not in stores] or []
        key = [k for k in given_keys.get(s, []) if k in items] or \
            [i for i in items if KEY_RE.search(i)][:1]
        if not key:
            key = [f"{s}编号" if lang == "zh" or not s.isascii() else f"{s}_id"]
            notes.setdefault(s, []).append(m["nodef" if not items else "key"].format(s, key[0]))
            items = key + items
        keys[s], attrs[s] = key, items
    rels: list[tuple[str, str, str]] = []
    for a in stores:
        for b in stores:
            # a's (whole) key among b's items, and not b's whole key: b refers to a (1:n)
            if a != b and set(keys[a]) <= set(attrs[b]) and set(keys[a]) != set(keys[b]):
                rels.append((a, b, "、".join(keys[a]) if lang == "zh" else ", ".join(keys[a])))
    for a, b, _ in rels:
        attrs[b] = [i for i in attrs[b] if i not in keys[a] or i in keys[b]]
    shared = []
    for i, a in enumerate(stores):
        for b in stores[i + 1:]:
            common = [x for x in attrs[a] if x in attrs[b] and x not in keys[a] + keys[b]]
            if common:
                shared.append(m["shared"].format(a, b, "、".join(common) if lang == "zh" else ", ".join(common)))
    used = {x.name for x in model.ers}
    name = (model.name or "数据") + ("ER" if lang == "zh" else "_er")
    while name in used:
        name += "1"
    lines = [m["header"], f'{kw[0]} {name} "{m["title"].format(model.name or "")}" {{']
    for s in stores:
        lines += ["  " + n for n in notes.get(s, [])]
        cols = ", ".join(i + ("*" if i in keys[s] else "") for i in attrs[s])
        lines.append(f"  {kw[1]} {s} ({cols})")
    for a, b, k in rels:
        lines.append("  " + m["fk"].format(a, b, k))
        rname = f"{a}与{b}" if lang == "zh" else f"{a}_{b}"
        lines.append(f"  {kw[2]} {rname}: {a} 1 -- {b} n")
    lines += ["  " + s for s in shared]
    lines.append("}")
    return format_source("\n".join(lines) + "\n")
