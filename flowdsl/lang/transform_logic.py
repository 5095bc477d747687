"""Transformer methods for 处理逻辑说明 (mixed into the Transformer of
:mod:`flowdsl.lang.transform`; lark is not imported here)."""

from __future__ import annotations

from sys import intern

from ..diagnostics.diagnostic import Span
from .syntax import Name, unquote
from .syntax_logic import (
    DecisionTable, DecisionTree, Logic, SeStmt, StructuredEnglish, TableRow, TreeBranch, TreeCond, Word,
)


def _is_tok(x) -> bool:
    return hasattr(x, "type") and hasattr(x, "value")


def word(tok) -> Word:
    text = unquote(str(tok)) if tok.type == "STRING" else str(tok)
    return Word(text, Span.of(tok))


def _name(tok) -> Name:
    return tok if isinstance(tok, Name) else Name(intern(str(tok)), Span.of(tok), tok.type == "ID")


class _Kw:
    """A marker for an optional keyword (则 / then, 执行 / do)."""


class LogicTransformer:
    """Methods named after the grammar rules of the logic section (``meta=True``)."""

    def logic(self, meta, c):
        name = _name(c[0])
        rest = list(c[1:])
        second = _name(rest.pop(0)) if rest and _is_tok(rest[0]) else None
        label = rest.pop(0) if rest and type(rest[0]) is str else None
        return Logic(name, label, rest, Span.of(meta), second)

    def _logic_titled(self, c):
        name = label = None
        rest = list(c)
        if rest and _is_tok(rest[0]):
            name = _name(rest.pop(0))
        if rest and type(rest[0]) is str:
            label = rest.pop(0)
        return name, label, rest

    def dtable(self, meta, c):
        name, label, rows = self._logic_titled(c)
        return DecisionTable(name, label, rows, Span.of(meta))

    def _row(kind):
        def f(self, meta, c):
            return TableRow(kind, word(c[0]), [word(t) for t in c[1:]], Span.of(meta))
        return f

    dt_cond = _row("condition")
    dt_action = _row("action")

    def dtree(self, meta, c):
        name, label, body = self._logic_titled(c)
        return DecisionTree(name, label, body, Span.of(meta))

    def tree_node(self, meta, c):
        label = word(c[0]) if c and _is_tok(c[0]) else None
        children = [x for x in c if not _is_tok(x)]
        return TreeBranch(label, None, children, Span.of(meta))

    def tree_leaf(self, meta, c):
        toks = list(c)
        if _starts_with_arrow(meta, toks[0]):   # ``-> 折扣``: a leaf without a label
            return TreeBranch(None, [word(t) for t in toks], None, Span.of(meta))
        return TreeBranch(word(toks[0]), [word(t) for t in toks[1:]], None, Span.of(meta))

    def tree_cond(self, meta, c):
        return TreeCond(word(c[0]), Span.of(meta))

    def then_kw(self, meta, c):
        return _Kw()

    do_kw = then_kw

    def senglish(self, meta, c):
        label = c[0] if type(c[0]) is str else None
        body = c[-1]
        return StructuredEnglish(label, body[0], Span.of(meta), body[1])

    def se_body(self, meta, c):
        return (list(c), Span.of(meta))

    def _se(kind):
        def f(self, meta, c):
            words = [word(t) for t in c if _is_tok(t)]
            kw = any(isinstance(t, _Kw) for t in c)
            body = [t for t in c if isinstance(t, tuple)]
            return SeStmt(kind, words, body[0][0] if body else None, Span.of(meta), kw)
        return f

    se_do = _se("do")
    se_if = _se("if")
    se_elif = _se("elif")
    se_else = _se("else")
    se_for = _se("for")
    se_repeat = _se("repeat")
    se_until = _se("until")


def _starts_with_arrow(meta, tok) -> bool:
    """Was ``tok`` written after the leaf's arrow (an unlabelled leaf ``-> 折扣``)?"""
    return (getattr(meta, "line", None), getattr(meta, "column", None)) != (tok.line, tok.column)


def logic_methods() -> dict:
    """The methods of :class:`LogicTransformer`, to be placed in the Transformer's own class
    body (lark applies ``v_args`` only to a class's own methods)."""
    return {k: v for k, v in vars(LogicTransformer).items() if callable(v) and not k.startswith("__")}
