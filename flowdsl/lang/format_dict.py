"""The formatter's lines for the data dictionary block (:mod:`flowdsl.lang.format` calls
``head`` for these statements): keywords and separators kept as written."""

from __future__ import annotations

from . import syntax_dict as SD

_SEP = {" ": " ", ",": ", ", "，": "，", "、": "、"}


def body_of(st) -> list | None:
    if isinstance(st, SD.Dictionary):
        return st.entries
    if isinstance(st, SD.DictEntry):
        return st.body
    return None


def head(fmt, st, kw: str) -> str | None:
    """The line of ``st`` (for an entry with a body: up to ``{``); None: not ours."""
    if isinstance(st, SD.Dictionary):
        return f"{kw}{fmt.label(st.label)} {{"
    if isinstance(st, SD.DictEntry):
        ident = f" {st.ident.text}" if st.ident else ""
        s = f"{kw}{ident} {st.name.text}"
        if st.comp is not None:
            s += f" = {fmt.comp(st.comp)}"
        if st.description is not None:
            s += f": {fmt.quote(st.description)}"
        return s + (" {" if st.body is not None else "")
    if isinstance(st, SD.DictField):
        s = f"{st.key.text}: {fmt.value(st.values[0])}"
        for sep, v in zip(st.seps, st.values[1:]):
            s += _SEP.get(sep, sep) + fmt.value(v) if sep != " " else " " + fmt.value(v)
        return s
    if isinstance(st, SD.DictComp):
        return f"{kw}: {fmt.comp(st.comp)}"
    return None
