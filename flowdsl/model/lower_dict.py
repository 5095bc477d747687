"""AST → model for the data dictionary block (``数据字典 { … }``, issue 13 §1).

Field keys in either language are read into the entry's typed fields; what the diagram
already says (来源, 去向, 输入, 输出, 编号 …) is not typed (FD808); unknown keys (FD807), fields
another kind has (FD809), a field written twice (FD812), a composition on a kind that has
none (FD813) and a repetition whose bounds are reversed (FD815) are reported here. Entries
defined twice (FD806, also against ``define``) are reported once the whole file is read.
"""

from __future__ import annotations

from ..lang import syntax as S
from ..lang import syntax_dict as SD
from .dict_fields import (
    FIELDS, KIND_FIELDS, LABEL_EN, LABEL_ZH, LIST_FIELDS, all_spellings, canonical_field, derived_field,
)
from .dictionary import COMPOSED, KIND_EN, KIND_ZH, CompNode, DictEntry
from .names import did_you_mean_both


def comp_node(c: S.Comp) -> CompNode:
    return CompNode.model_construct(kind=c.kind, text=c.text, parts=[comp_node(p) for p in c.parts],
                                    low=c.low, high=c.high, span=c.span)


def _bounds(lw, c: S.Comp) -> None:
    if c.kind == "repeat" and c.low is not None and c.high is not None:
        lo, hi = _number(c.low), _number(c.high)
        if lo is not None and hi is not None and lo > hi:
            lw.error("FD815", f"repetition {c.low}{{…}}{c.high} asks for at least {lo} and at most {hi}", c.span,
                     f"write the smaller bound first: {c.high}{{…}}{c.low}", severity="error",
                     zh=f"重复 {c.low}{{…}}{c.high} 要求至少 {lo} 次、至多 {hi} 次，下限大于上限",
                     hint_zh=f"把小的次数写在前面：{c.high}{{…}}{c.low}")
    for p in c.parts:
        _bounds(lw, p)


def _number(text: str) -> int | None:
    return int(text) if text.isdigit() else None


def lower_dictionary(lw, block: SD.Dictionary, case, dfd: str | None = None) -> None:
    """Append the entries of ``block`` (and its ``define`` lines) to ``case``.
    ``lw``: the lowerer (reporting, ``define``); ``dfd``: the DFD that holds the block."""
    d = case.dictionary
    d.declared = True
    if d.title is None and block.label is not None:
        d.title = block.label
    for item in block.entries:
        if isinstance(item, S.Define):
            case.definitions.append(lw.define(item))
        else:
            d.entries.append(entry(lw, item, dfd))


def entry(lw, e: SD.DictEntry, dfd: str | None) -> DictEntry:
    out = DictEntry.model_construct(kind=e.kind, name=e.name.text, ident=e.ident.text if e.ident else None,
                                    short=e.body is None, dfd=dfd, span=e.span, name_span=e.name.span)
    out.field_spans = {"ident": e.ident.span} if e.ident else {}
    if e.description is not None:
        out.description = e.description
        out.field_spans["description"] = e.span
    comps = ([e.comp] if e.comp is not None else []) + [f.comp for f in (e.body or []) if isinstance(f, SD.DictComp)]
    comp_spans = ([e.comp.span] if e.comp is not None else []) + [f.span for f in (e.body or [])
                                                                  if isinstance(f, SD.DictComp)]
    if comps:
        if e.kind not in COMPOSED:
            lw.error("FD813", f"a {KIND_EN[e.kind]} has no composition", comp_spans[0],
                     "only data structures, data flows and data stores are made of parts; "
                     + ("declare it as a data structure (structure) if it has parts" if e.kind == "item"
                        else "describe it in its fields instead"),
                     severity="error", zh=f"{KIND_ZH[e.kind]}没有“组成”",
                     hint_zh="只有数据结构、数据流和数据存储由若干部分组成；"
                             + ("若它由几部分组成，请改为“数据结构”" if e.kind == "item" else "请改用其它字段说明它"))
        else:
            out.composition = comp_node(comps[0])
            out.field_spans["composition"] = comp_spans[0]
            _bounds(lw, comps[0])
        for sp in comp_spans[1:]:
            _twice(lw, "composition", sp, comp_spans[0])
    for f in e.body or []:
        if isinstance(f, SD.DictField):
            _field(lw, out, f)
    return out


def _twice(lw, key: str, span, first) -> None:
    lw.error("FD812", f"{LABEL_EN[key]} given twice in one entry", span,
             f"the first (line {first.line}) is kept; remove one", severity="warning",
             zh=f"同一条目中“{LABEL_ZH[key]}”写了两次", hint_zh=f"保留第一处（第 {first.line} 行）；请删去一处")


def _field(lw, out: DictEntry, f: SD.DictField) -> None:
    word = f.key.text
    key = canonical_field(word)
    if key is None:
        derived = derived_field(word)
        if derived is not None:
            lw.error("FD808", f"“{word}” is filled in from the diagram; it is not typed", f.key.span,
                     "remove this line: the dictionary shows what the DFD draws "
                     "(a flow's source and destination, the flows of a store, process or entity, the IDs)",
                     severity="warning", zh=f"“{word}”由数据流程图自动填写，不必再写一遍",
                     hint_zh="请删去这一行：数据字典按数据流程图填写数据流的来源和去向、数据存储、处理逻辑和外部实体的"
                             "输入输出以及编号")
            return
        allowed = [w for k in KIND_FIELDS[out.kind] for w in FIELDS[k] if w.isascii() == word.isascii()]
        en, zh = did_you_mean_both(word, [w for w in all_spellings() if w.isascii() == word.isascii()])
        lw.error("FD807", f"unknown field “{word}” in a {KIND_EN[out.kind]} entry", f.key.span,
                 en or f"the fields of a {KIND_EN[out.kind]} are: {', '.join(allowed)}",
                 severity="error", zh=f"{KIND_ZH[out.kind]}条目中没有“{word}”这个字段",
                 hint_zh=zh or f"{KIND_ZH[out.kind]}的字段有：" + "、".join(
                     w for k in KIND_FIELDS[out.kind] for w in FIELDS[k] if not w.isascii()))
        return
    if key not in KIND_FIELDS[out.kind]:
        lw.error("FD809", f"a {KIND_EN[out.kind]} has no field “{word}” ({LABEL_EN[key]}); it is ignored",
                 f.key.span, f"the fields of a {KIND_EN[out.kind]} are: "
                 + ", ".join(LABEL_EN[k] for k in KIND_FIELDS[out.kind]), severity="warning",
                 zh=f"{KIND_ZH[out.kind]}没有“{word}”这一项，已忽略",
                 hint_zh=f"{KIND_ZH[out.kind]}的字段有：" + "、".join(LABEL_ZH[k] for k in KIND_FIELDS[out.kind]))
        return
    if key in out.field_spans:
        _twice(lw, key, f.span, out.field_spans[key])
        return
    out.field_spans[key] = f.span
    if key in LIST_FIELDS:
        setattr(out, key, list(f.values))
    else:
        text = f.values[0]
        for sep, v in zip(f.seps, f.values[1:]):
            text += sep + v
        setattr(out, key, text)


def check_unique(lw, case) -> None:
    """FD806: a name with two entries (a ``define`` counts as an entry)."""
    seen: dict[str, object] = {}
    items = [(e.name, e.name_span) for e in case.dictionary.entries] + [(d.name, d.span) for d in case.definitions]
    items.sort(key=lambda x: (x[1].line, x[1].column))
    for name, sp in items:
        if name in seen:
            first = seen[name]
            lw.error("FD806", f"“{name}” has two data dictionary entries", sp,
                     f"the first is at line {first.line}; keep one entry per name (an alias goes in 别名)",
                     severity="error", zh=f"“{name}”在数据字典中定义了两次",
                     hint_zh=f"第一处在第 {first.line} 行；每个名称只写一个条目（别名写在“别名”里）")
        else:
            seen[name] = sp
