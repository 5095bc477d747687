"""The Lark Transformer that builds the typed AST of :mod:`flowdsl.lang.syntax`.

Built lazily (importing lark costs start-up time); ``flowdsl.lang.parser`` calls
``build_transformer()`` (cached) for every parse.
"""

from __future__ import annotations

from functools import lru_cache
from sys import intern

from ..diagnostics.diagnostic import Span
from .syntax import (
    Arrow, Attr, Block, CaseStmt, Chain, Chart, Comp, Decl, Define, Dfd, Endpoint, EntityDecl,
    File, FlowLabel, Lanes, Name, Option, ProcessDecl, SeverityStmt, StoreDecl, TitleStmt, unquote,
)


def build_transformer(flavour: str | None = None):
    """The Transformer class, built once (lazily: importing lark costs start-up time;
    building the class inspects every method, so it is not done per parse), on the
    Lark the parser runs on (``flavour``: "standalone" or "lark", default the one in
    use, see :mod:`flowdsl.lang.larkbase`: its trees are only known to its own
    Transformer)."""
    from .larkbase import kit

    return _build_transformer(flavour or kit().name)


@lru_cache(maxsize=2)
def _build_transformer(flavour: str):
    from .larkbase import kit

    k = kit()
    assert k.name == flavour, (k.name, flavour)
    Token, v_args = k.Token, k.v_args
    Transformer = k.Transformer_NonRecursive  # deep nesting: no RecursionError

    def span(meta) -> Span:
        return Span.of(meta)

    def name_of(tok) -> Name:
        if isinstance(tok, Name):
            return tok
        # interned: every mention of a name is then one string, and the model's and the
        # checks' dicts keyed by names find it by identity (no compare of the text)
        return Name(intern(str(tok)), Span.of(tok), tok.type == "ID")

    def text_of(tok) -> str:
        if isinstance(tok, Token) and tok.type == "STRING":
            return unquote(str(tok))
        return str(tok)

    def split_label(children):
        rest = [c for c in children if not isinstance(c, Attr)]
        attrs = [c for c in children if isinstance(c, Attr)]
        name = name_of(rest[0])
        label = rest[1] if len(rest) > 1 else None
        return name, label, attrs

    from .transform_er import ErTransform
    from .transform_dict import dict_rules
    from .transform_logic import logic_methods

    class ToAst(Transformer, dict_rules()):   # the data dictionary block's rules: transform_dict
        def start(self, meta, items):
            return File(list(items), span(meta))

        def label(self, meta, c):
            return unquote(str(c[0]))

        def case_stmt(self, meta, c):
            return CaseStmt(name_of(c[0]), c[1] if len(c) > 1 else None, span(meta))

        def title_stmt(self, meta, c):
            return TitleStmt(unquote(str(c[0])), span(meta))

        def option_stmt(self, meta, c):
            return Option(str(c[0]), text_of(c[1]), span(meta), Span.of(c[0]), Span.of(c[1]))

        def severity_stmt(self, meta, c):
            return SeverityStmt(str(c[0]), str(c[1]), span(meta), Span.of(c[0]), Span.of(c[1]))

        def chart(self, meta, c):
            return self._titled(Chart, meta, c)

        def dfd(self, meta, c):
            return self._titled(Dfd, meta, c)

        def _titled(self, cls, meta, c):
            name = name_of(c[0])
            if len(c) > 1 and type(c[1]) is str:
                return cls(name, c[1], list(c[2:]), span(meta))
            return cls(name, None, list(c[1:]), span(meta))

        def _decl(kind):
            def f(self, meta, c):
                name, label, attrs = split_label(c)
                return Decl(kind, name, label, attrs, span(meta))
            return f

        unit_decl = _decl("unit")
        ext_unit_decl = _decl("ext_unit")
        doc_decl = _decl("document")
        report_decl = _decl("report")
        ledger_decl = _decl("ledger")
        collect_decl = _decl("collect")
        step_decl = _decl("step")
        decision_decl = _decl("decision")

        def names(self, meta, c):
            return [name_of(t) for t in c]

        def _attr(kind, value=False):
            def f(self, meta, c):
                if value:
                    return Attr(kind, [], text_of(c[0]), span(meta))
                names = c[0] if isinstance(c[0], list) else [name_of(c[0])]
                return Attr(kind, names, None, span(meta))
            return f

        attr_by = _attr("by")
        attr_reads = _attr("reads")
        attr_writes = _attr("writes")
        attr_makes = _attr("makes")
        attr_module = _attr("module", True)

        def attr_control(self, meta, c):
            note = text_of(c[1]) if len(c) > 1 else None
            return Attr("control", [], text_of(c[0]), span(meta), note)

        def vertical(self, meta, c):
            return "vertical"

        def horizontal(self, meta, c):
            return "horizontal"

        def lanes_stmt(self, meta, c):
            direction = None
            names: list[Name] = []
            for x in c:
                if isinstance(x, list):
                    names = x
                else:
                    direction = x
            return Lanes(direction, names, span(meta))

        def block_field(self, meta, c):
            return (name_of(c[0]), text_of(c[1]))

        def block_stmt(self, meta, c):
            return Block(list(c), span(meta))

        def kw_name(self, meta, c):
            return Name(str(c[0]), Span.of(c[0]))

        def start_ref(self, meta, c):
            return Endpoint("start", Name("start", span(meta)))

        def end_ref(self, meta, c):
            return Endpoint("end", Name("end", span(meta)))

        def flow_label(self, meta, c):
            if len(c) == 2:
                return FlowLabel(str(c[0]), text_of(c[1]), span(meta))
            tok = c[0]
            if tok.type == "ID":
                return FlowLabel(str(tok), None, span(meta))
            return FlowLabel(None, text_of(tok), span(meta))

        def info_arrow(self, meta, c):
            return Arrow("info", c[0] if c else None, span(meta))

        def goods_arrow(self, meta, c):
            return Arrow("goods", c[0] if c else None, span(meta))

        def chain(self, meta, c):
            endpoints = [x if isinstance(x, Endpoint) else Endpoint("name", name_of(x)) for x in c[0::2]]
            return Chain(endpoints, list(c[1::2]), span(meta))

        def _idn(self, c):
            if len(c) >= 2 and isinstance(c[0], Token) and c[0].type == "ID" and isinstance(c[1], Token) and c[1].type == "NAME":
                return name_of(c[0]), name_of(c[1]), c[2:]
            return None, name_of(c[0]), c[1:]

        def entity_decl(self, meta, c):
            ident, name, rest = self._idn(c)
            return EntityDecl(ident, name, rest[0] if rest else None, span(meta))

        def store_decl(self, meta, c):
            ident, name, rest = self._idn(c)
            return StoreDecl(ident, name, rest[0] if rest else None, span(meta))

        def process_body(self, meta, c):
            return list(c)

        def process_decl(self, meta, c):
            ident, name, rest = self._idn(c)
            label = location = body = None
            for x in rest:
                if isinstance(x, list):
                    body = x
                elif isinstance(x, Token):
                    location = text_of(x)
                else:
                    label = x
            return ProcessDecl(ident, name, label, location, body, span(meta))

        def define_stmt(self, meta, c):
            desc = unquote(str(c[2])) if len(c) > 2 else None
            return Define(name_of(c[0]), c[1], desc, span(meta))

        def comp(self, meta, c):
            return Comp("seq", parts=list(c), span=span(meta))

        def comp_ref(self, meta, c):
            return Comp("ref", text=str(c[0]), span=span(meta))

        def comp_lit(self, meta, c):
            return Comp("lit", text=unquote(str(c[0])), span=span(meta))

        def comp_choice(self, meta, c):
            return Comp("choice", parts=list(c), span=span(meta))

        def comp_optional(self, meta, c):
            return Comp("optional", parts=[c[0]], span=span(meta))

        def comp_repeat(self, meta, c):
            low = high = None
            parts = [x for x in c if isinstance(x, Comp)]
            toks = [x for x in c if isinstance(x, Token)]
            if toks and c[0] is toks[0]:
                low = str(toks.pop(0))
            if toks:
                high = str(toks[0])
            return Comp("repeat", parts=parts, low=low, high=high, span=span(meta))

    for key, fn in vars(ErTransform).items():  # the ER rules' methods (lang/transform_er.py)
        if callable(fn):
            setattr(ToAst, key, fn)
    for key, fn in logic_methods().items():  # the 处理逻辑说明 rules (lang/transform_logic.py)
        setattr(ToAst, key, fn)
    return v_args(meta=True)(ToAst)
