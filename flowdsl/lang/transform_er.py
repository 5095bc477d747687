"""The ER part of the Lark Transformer (:mod:`flowdsl.lang.transform` mixes it in)."""

from __future__ import annotations

from sys import intern

from ..diagnostics.diagnostic import Span
from .syntax import Name, unquote
from .syntax_er import Er, ErAttr, ErEnd, ErEntity, ErIsa, ErRel


def _name(tok) -> Name:
    if isinstance(tok, Name):
        return tok
    return Name(intern(str(tok)), Span.of(tok), getattr(tok, "type", "") == "ID")


class ErTransform:
    """Methods of the transformer for the ``er`` rules (``v_args(meta=True)`` style)."""

    def er(self, meta, c):
        name = _name(c[0])
        if len(c) > 1 and type(c[1]) is str:
            return Er(name, c[1], list(c[2:]), Span.of(meta))
        return Er(name, None, list(c[1:]), Span.of(meta))

    def _er_entity(self, meta, c, weak: bool):
        name = _name(c[0])
        label = None
        attrs: list[ErAttr] = []
        key: list[Name] = []
        has_attrs = False
        for x in c[1:]:
            if type(x) is str:
                label = x
            elif isinstance(x, tuple) and x[0] == "attrs":
                attrs, has_attrs = x[1], True
            elif isinstance(x, tuple) and x[0] == "key":
                key = x[1]
        return ErEntity(name, label, attrs, key, weak, Span.of(meta), has_attrs)

    def er_entity(self, meta, c):
        return self._er_entity(meta, c, False)

    def er_weak(self, meta, c):
        return self._er_entity(meta, c, True)

    def er_attrs(self, meta, c):
        return ("attrs", list(c))

    def er_star(self, meta, c):
        return "*"

    def er_attr(self, meta, c):
        key = "*" in [x for x in c[1:] if type(x) is str]
        types = [x for x in c[1:] if isinstance(x, tuple) and x[0] == "type"]
        return ErAttr(_name(c[0]), key, types[0][1] if types else None, Span.of(meta))

    def er_type(self, meta, c):
        if len(c) == 1 and getattr(c[0], "type", None) == "STRING":
            return ("type", unquote(str(c[0])))
        head, *args = [str(x) for x in c]
        return ("type", f"{head}({','.join(args)})" if args else head)

    def er_key(self, meta, c):
        return ("key", c[0])

    def er_end(self, meta, c):
        card = c[1] if len(c) > 1 else None
        return ErEnd(_name(c[0]), card[0] if card else None, Span.of(meta), card[1] if card else None)

    def er_card(self, meta, c):
        return ("".join(str(x) for x in c), Span.of(meta))

    def _rel(self, meta, c, identifying: bool):
        name = _name(c[0])
        label = None
        ends: list[ErEnd] = []
        attrs: list[ErAttr] = []
        for x in c[1:]:
            if type(x) is str:
                label = x
            elif isinstance(x, ErEnd):
                ends.append(x)
            elif isinstance(x, tuple) and x[0] == "attrs":
                attrs = x[1]
        return ErRel(name, label, ends, attrs, identifying, Span.of(meta))

    def er_rel(self, meta, c):
        return self._rel(meta, c, False)

    def er_ident_rel(self, meta, c):
        return self._rel(meta, c, True)

    def er_isa(self, meta, c):
        return ErIsa(_name(c[0]), list(c[1]), Span.of(meta))
