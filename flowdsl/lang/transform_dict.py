"""The Transformer rules of the data dictionary block (grammar section "data dictionary
block"), mixed into :func:`flowdsl.lang.transform.build_transformer`'s class."""

from __future__ import annotations

from sys import intern

from ..diagnostics.diagnostic import Span
from .syntax import Comp, Name, unquote
from .syntax_dict import DictComp, DictEntry, DictField, Dictionary


class _Sep:
    """A comma between two values of a field (``关键字: 书号、书名``)."""

    def __init__(self, text: str) -> None:
        self.text = text


def dict_rules():
    """The mixin class (built lazily: it needs lark's ``v_args``)."""
    from .larkbase import kit

    Token, v_args = kit().Token, kit().v_args

    def text_of(tok) -> str:
        return unquote(str(tok)) if tok.type == "STRING" else str(tok)

    def name_of(tok) -> Name:
        return Name(intern(str(tok)), Span.of(tok), tok.type == "ID")

    class DictRules:
        @v_args(meta=True)
        def dictionary(self, meta, c):
            label = c[0] if c and type(c[0]) is str else None
            return Dictionary(label, [x for x in c if not isinstance(x, str)], Span.of(meta))

        def _kind(kind):
            @v_args(meta=True)
            def f(self, meta, c):
                return kind
            return f

        kind_item = _kind("item")
        kind_structure = _kind("structure")
        kind_flow = _kind("flow")
        kind_store = _kind("store")
        kind_process = _kind("process")
        kind_entity = _kind("entity")

        @v_args(meta=True)
        def dict_entry(self, meta, c):
            kind, rest = c[0], list(c[1:])
            ident = None
            if len(rest) > 1 and isinstance(rest[1], Token) and rest[1].type == "NAME" and rest[0].type == "ID":
                ident = name_of(rest.pop(0))
            name = name_of(rest.pop(0))
            comp = desc = body = None
            for x in rest:
                if isinstance(x, Comp):
                    comp = x
                elif isinstance(x, Token):
                    desc = unquote(str(x))
                else:
                    body = x
            return DictEntry(kind, ident, name, comp, desc, body, Span.of(meta))

        @v_args(meta=True)
        def dict_body(self, meta, c):
            return list(c)

        @v_args(meta=True)
        def dict_field(self, meta, c):
            values: list[str] = []
            seps: list[str] = []
            sep = " "
            for x in c[1:]:
                if isinstance(x, _Sep):
                    sep = x.text
                    continue
                if values:
                    seps.append(sep)
                values.append(text_of(x))
                sep = " "
            return DictField(name_of(c[0]), values, seps, Span.of(meta))

        @v_args(meta=True)
        def dict_sep(self, meta, c):
            return _Sep(str(c[0]))

        @v_args(meta=True)
        def dict_comp(self, meta, c):
            return DictComp(c[0], Span.of(meta))

    return DictRules
