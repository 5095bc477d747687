"""Model → text for the data dictionary (:mod:`flowdsl.lang.unparse` calls ``write``):
one ``数据字典 { }`` block at the top of the file's end, one inside each DFD that had
entries written inside it. Only what was written is written back (the fields the diagram
fills in never are)."""

from __future__ import annotations

from ..model.dict_fields import KIND_FIELDS, LIST_FIELDS, field_word

KIND_WORDS = {
    "en": {"dictionary": "dictionary", "item": "item", "structure": "structure", "flow": "flow",
           "store": "store", "process": "process", "entity": "entity", "composition": "composition"},
    "zh": {"dictionary": "数据字典", "item": "数据项", "structure": "数据结构", "flow": "数据流",
           "store": "数据存储", "process": "处理逻辑", "entity": "外部实体", "composition": "组成"},
}


def write(w, dictionary, depth: int, dfd: str | None, title: bool) -> None:
    """Emit through writer ``w`` the block of the entries written in ``dfd`` (None: at the
    top). ``title``: this block carries the dictionary's title (and is written even empty)."""
    entries = [e for e in dictionary.entries if e.dfd == dfd]
    if not entries and not title:
        return
    kw = KIND_WORDS[w.lang]
    if depth == 0:
        w.blank()
    label = w.label(dictionary.title) if title and dictionary.title is not None else ""
    w.emit(depth, f"{kw['dictionary']}{label} {{")
    for e in entries:
        head = f"{kw[e.kind]} {e.ident + ' ' if e.ident else ''}{e.name}"
        if e.short:
            if e.composition is not None:
                head += f" = {e.composition.text_form()}"
            if e.description is not None:
                head += f": {w.quote(e.description)}"
            w.emit(depth + 1, head)
            continue
        w.emit(depth + 1, head + " {")
        if e.composition is not None:
            w.emit(depth + 2, f"{kw['composition']}: {e.composition.text_form()}")
        for key in KIND_FIELDS[e.kind]:
            val = getattr(e, key)
            if val is None or val == []:
                continue
            if key in LIST_FIELDS:
                text = w.sep.join(w.value(v) for v in val)
            else:
                text = w.value(val)
            word = "数据量" if (w.lang, e.kind, key) == ("zh", "store", "volume") else field_word(key, w.lang)
            w.emit(depth + 2, f"{word}: {text}")
        w.emit(depth + 1, "}")
    w.emit(depth, "}")

