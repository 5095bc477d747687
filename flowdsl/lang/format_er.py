"""The formatter's ER statements (``lang.format`` calls :func:`er_head` for them).

Keywords stay as written (``ER图`` / ``E-R图`` / ``er``, ``实体`` / ``entity`` …); ends are
joined by `` -- ``, attribute lists written ``(书号*, 书名: 文本(40))`` with ASCII punctuation.
"""

from __future__ import annotations

from .syntax_er import Er, ErAttr, ErEntity, ErIsa, ErRel
from .unparse_er import er_type

ER_NODES = (Er, ErEntity, ErRel, ErIsa)


def _zh(word: str) -> bool:
    return any(ch >= "\u2e80" for ch in word)


def keyword_before(lines: list[str], st, name) -> str:
    """The keyword as written: the source from the statement's start to its name."""
    if st.span.line == name.span.line and 1 <= st.span.line <= len(lines):
        return lines[st.span.line - 1][st.span.column - 1:name.span.column - 1].strip()
    return ""


def _attrs(attrs: list[ErAttr], quote) -> str:
    parts = []
    for a in attrs:
        s = a.name.text + ("*" if a.key else "")
        if a.type is not None:
            s += ": " + er_type(a.type, quote)
        parts.append(s)
    return "(" + ", ".join(parts) + ")"


def er_head(f, st) -> str:
    """One ER statement's text (an ``Er`` block: the line before ``{``); ``f`` the formatter."""
    if isinstance(st, Er):
        return f"{keyword_before(f.lines, st, st.name)} {st.name.text}{f.label(st.label)} {{"
    if isinstance(st, ErEntity):
        kw = keyword_before(f.lines, st, st.name)
        s = f"{kw} {st.name.text}{f.label(st.label)}"
        if st.attrs:
            s += " " + _attrs(st.attrs, f.quote)
        if st.key:
            zh = _zh(kw)
            s += f" {'主键' if zh else 'key'} " + ("、" if zh else ", ").join(k.text for k in st.key)
        return s
    if isinstance(st, ErRel):
        kw = keyword_before(f.lines, st, st.name)
        ends = " -- ".join(f"{e.entity.text} {e.card}" if e.card else e.entity.text for e in st.ends)
        tail = " " + _attrs(st.attrs, f.quote) if st.attrs else ""
        return f"{kw} {st.name.text}{f.label(st.label)}: {ends}{tail}"
    kw = keyword_before(f.lines, st, st.parent)
    sep = "、" if _zh(kw) else ", "
    return f"{kw} {st.parent.text}: {sep.join(c.text for c in st.children)}"
