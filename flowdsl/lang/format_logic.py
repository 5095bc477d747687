"""The formatter's part for 处理逻辑说明 (see :mod:`flowdsl.lang.format`): the canonical line
of each logic statement, keywords kept as written (``判定表`` stays ``判定表``), and which
statements have a body."""

from __future__ import annotations

from . import syntax_logic as L
from .unparse_logic import entry, word

NODES = (L.Logic, L.DecisionTable, L.TableRow, L.DecisionTree, L.TreeCond, L.TreeBranch,
         L.StructuredEnglish, L.SeStmt)


def body_of(st) -> list | None:
    if isinstance(st, L.Logic):
        return st.parts
    if isinstance(st, L.DecisionTable):
        return st.rows
    if isinstance(st, L.DecisionTree):
        return st.body
    if isinstance(st, L.TreeBranch):
        return st.children
    if isinstance(st, (L.StructuredEnglish, L.SeStmt)):
        return st.body
    return None


def _words(ws: list[L.Word]) -> str:
    return " ".join(word(w.text) for w in ws)


def _kw_after(f, st, first: L.Word | None, before: L.Word | None = None) -> str:
    """The keyword written between the end of ``first`` (or the statement's keyword) and
    ``before`` (or the ``{``): 则 / then, 执行 / do, 如果 after 否则."""
    import re

    line = f.lines[st.span.line - 1]
    start = first.span.end_column - 1 if first else st.span.column - 1 + len(f.word_at(st.span))
    end = before.span.column - 1 if before and before.span.line == st.span.line else len(line)
    m = re.match(r"[\s\u3000]*(\w+)", line[start:end])
    return m.group(1) if m else ""


def _sep(f, ws: list[L.Word]) -> str:
    """The list separator of ``a、b`` / ``a, b`` as the author chose it (、 or ，: 、)."""
    if len(ws) < 2:
        return ", "
    a, b = ws[0].span, ws[1].span
    between = f.lines[a.line - 1][a.end_column - 1:b.column - 1] if a.line == b.line else ","
    return "、" if ("、" in between or "，" in between) else ", "


def head(f, st) -> str:
    """The canonical line of a logic statement (for one with a body: the line before ``{``)."""
    kw = f.word_at(st.span)
    if isinstance(st, L.Logic):
        second = f" {st.process_name.text}" if st.process_name else ""
        return f"{kw} {st.process.text}{second}{f.label(st.label)} {{"
    if isinstance(st, (L.DecisionTable, L.DecisionTree)):
        name = f" {word(st.name.text)}" if st.name else ""
        return f"{kw}{name}{f.label(st.label)} {{"
    if isinstance(st, L.TableRow):
        colon = "：" if any(ch >= "\u2e80" for ch in kw) else ":"
        return f"{kw} {word(st.stub.text)}{colon}" + "".join(" " + entry(e.text) for e in st.entries)
    if isinstance(st, L.TreeCond):
        return f"{kw} {word(st.text.text)}"
    if isinstance(st, L.TreeBranch):
        label = word(st.label.text) if st.label else ""
        if st.children is not None:
            return f"{label} {{".lstrip()
        acts = _sep(f, st.actions or []).join(word(a.text) for a in st.actions or [])
        return " ".join(x for x in (label, "->" if acts else "", acts) if x)
    if isinstance(st, L.StructuredEnglish):
        return f"{kw}{f.label(st.label)} {{"
    if isinstance(st, L.SeStmt):
        text = _words(st.words)
        if st.kind == "do":
            return text
        if st.kind in ("until",):
            return f"{kw} {text}"
        if st.kind in ("else", "repeat"):
            return f"{kw} {{"
        if st.kind == "elif":
            kw = f"{kw} {_kw_after(f, st, None, st.words[0] if st.words else None)}"
        tail = f" {_kw_after(f, st, st.words[-1])}" if st.then_kw and st.words else ""
        return f"{kw} {text}{tail} {{"
    raise TypeError(f"cannot format {type(st).__name__}")  # pragma: no cover
