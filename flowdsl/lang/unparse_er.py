"""ER diagram → text in canonical form (``lang.unparse`` calls it for every ER block).

    实体 图书 "图书" (书号*, 书名, 定价: 数值(8,2))
    联系 购买: 顾客 m -- 图书 n (日期, 数量)
"""

from __future__ import annotations

import re

KEYWORDS_ER = {
    "en": {"er": "er", "entity": "entity", "weak": "weak", "rel": "relationship",
           "ident": "identifying", "isa": "isa"},
    "zh": {"er": "ER图", "entity": "实体", "weak": "弱实体", "rel": "联系",
           "ident": "标识联系", "isa": "泛化"},
}
_TYPE_RE = re.compile(r"(\w[\w.]*)(\((\w[\w.]*)(,\w[\w.]*)*\))?")


def er_type(text: str, quote) -> str:
    """A type bare when the grammar reads it back the same (整数, varchar(20)), else quoted."""
    return text if _TYPE_RE.fullmatch(text) else quote(text)


def attrs_text(attrs, sep: str, quote) -> str:
    out = []
    for a in attrs:
        s = a.name + ("*" if a.key else "")
        if a.type is not None:
            s += ": " + er_type(a.type, quote)
        out.append(s)
    return "(" + sep.join(out) + ")"


def write_er(w, er, quote) -> None:
    """Emit one ER diagram through the unparse writer ``w`` (``lang.unparse._Writer``);
    ``quote``: its STRING quoting."""
    kw = KEYWORDS_ER[w.lang]
    sep = ", "
    w.emit(0, f"{kw['er']} {er.name}{w.label(er.title)} {{")
    w.options(1, er.options)
    w.severities(1, er.severities)
    for e in er.entities:
        head = f"{kw['weak' if e.weak else 'entity']} {e.name}{w.label(e.label)}"
        if e.attrs:
            head += " " + attrs_text(e.attrs, sep, quote)
        w.emit(1, head)
    for r in er.relationships:
        ends = " -- ".join(f"{x.entity} {x.card}" if x.card else x.entity for x in r.ends)
        tail = " " + attrs_text(r.attrs, sep, quote) if r.attrs else ""
        w.emit(1, f"{kw['ident' if r.identifying else 'rel']} {r.name}{w.label(r.label)}: {ends}{tail}")
    for i in er.isas:
        w.emit(1, f"{kw['isa']} {i.parent}: {w.sep.join(i.children)}")
    w.emit(0, "}")
