"""Text → AST in one pass: the LALR parser's own tables and lexers, with the
Transformer's methods called as each rule is reduced (issue 17, B4).

Lark's path is three passes: its lexer and parser loop build a parse tree (a ``Tree``
and a ``Meta`` for every rule, each through a chain of wrapper callables), and the
Transformer then walks that tree once more. On a 13,000-line chart that was ~1.1 s of
the 1.4 s of parse + lower + check. :class:`FastParser` runs the same machine in one
loop: the contextual lexer's per-state regular expressions (the keyword retyping of
``NAME`` included), the same parse table, and at each reduce what the tree builder
and the Transformer would have done together: drop the filtered tokens, splice the
children of inlined ``_rules``, pass a single child of a ``?rule`` through, compute
the node's position the way ``propagate_positions`` does (from the first and the last
child, a ``?rule``'s passed-through node taking its container's extent), and call the
rule's method with that position and the transformed children.

It gives the same AST as ``Transformer().transform(parser.parse(text))`` (the tests
compare both on every sample, fixture and generated case, and on damaged texts). It
knows no error of its own: on any mistake in the text (or anything unexpected) it
raises :class:`Fallback`, and :func:`flowdsl.lang.parser.parse_text` runs Lark's path,
whose exception becomes the diagnostic as before. :func:`fast_parser` returns None,
and Lark's path is always used, when the parser is not built the way this module
knows (another lexer, a post-lexer, lexer callbacks, an ambiguous parser …).
"""

from __future__ import annotations

import sys

__all__ = ["Fallback", "FastParser", "fast_parser"]


class Fallback(Exception):
    """The text is not one this loop parses alone (a syntax error, most often)."""


class _Pos:
    """A node's position as a ``Meta`` gives it: from its first token's ``line``,
    ``column``, ``start_pos`` to its last token's ``end_*``."""

    __slots__ = ("line", "column", "start_pos", "end_line", "end_column", "end_pos")
    empty = False

    def __init__(self, first, last) -> None:
        self.line = first.line
        self.column = first.column
        self.start_pos = first.start_pos
        self.end_line = last.end_line
        self.end_column = last.end_column
        self.end_pos = last.end_pos

    # a fresh node's container extent is its own
    container_line = property(lambda self: self.line)
    container_column = property(lambda self: self.column)
    container_start_pos = property(lambda self: self.start_pos)
    container_end_line = property(lambda self: self.end_line)
    container_end_column = property(lambda self: self.end_column)
    container_end_pos = property(lambda self: self.end_pos)


class _Splice(list):
    """The children of an inlined ``_rule``, spliced into its parent's."""

    __slots__ = ()


# what each rule does at its reduce: call its method, leave a Tree (no method), splice
# into the parent (an inlined _rule), or pass its one child on (a ?rule of one symbol:
# only the parser's state changes; the child keeps its value and its extent)
_CALL, _TREE, _SPLICE, _PASS = 0, 1, 2, 3
# the same for a rule of one symbol, kept or filtered out (the node's extent is the
# symbol's: only the stack's top changes)
_ONE_SPLICE, _ONE_DROP, _ONE_CALL, _ONE_CALL_EMPTY = 4, 5, 6, 7


def _nullable(rules) -> set[str]:
    null: set[str] = set()
    changed = True
    while changed:
        changed = False
        for r in rules:
            if r.origin.name not in null and all(not s.is_term and s.name in null for s in r.expansion):
                null.add(r.origin.name)
                changed = True
    return null


def fast_parser(parser, transformer_cls) -> "FastParser | None":
    """A :class:`FastParser` over ``parser`` (a ``Lark`` or ``Lark_StandAlone`` made with
    ``parser="lalr"``, the contextual lexer and ``propagate_positions=True``) and the
    ``v_args(meta=True)`` Transformer class, or None when they are not built that way."""
    try:
        return FastParser(parser, transformer_cls)
    except (_Unsupported, AttributeError, KeyError, TypeError, ValueError):
        return None


class _Unsupported(Exception):
    pass


def _require(cond: bool) -> None:
    if not cond:
        raise _Unsupported


def _module_of(frontend):
    """The module of Lark's classes (lark's own modules, or the stand-alone one)."""
    if type(frontend).__module__.startswith("lark."):
        import lark
        from lark.lexer import BasicLexer, UnlessCallback
        from lark.parsers.lalr_analysis import Shift
        from lark.visitors import Transformer, _vargs_meta

        return dict(Shift=Shift, Token=lark.Token, Tree=lark.Tree, Meta=lark.tree.Meta, Rule=lark.grammar.Rule,
                    BasicLexer=BasicLexer, UnlessCallback=UnlessCallback, Transformer=Transformer,
                    _vargs_meta=_vargs_meta)
    mod = sys.modules[type(frontend).__module__]
    return {n: getattr(mod, n) for n in ("Shift", "Token", "Tree", "Meta", "Rule", "BasicLexer",
                                          "UnlessCallback", "Transformer", "_vargs_meta")}


class FastParser:
    def __init__(self, parser, transformer_cls) -> None:
        opts = parser.options
        _require(opts.parser == "lalr" and opts.lexer == "contextual" and opts.postlex is None)
        _require(opts.propagate_positions is True and not opts.maybe_placeholders and not opts.keep_all_tokens)
        _require(opts.transformer is None and not getattr(opts, "lexer_callbacks", None) and not opts.use_bytes)
        _require(not getattr(opts, "ambiguity", None) or opts.ambiguity in ("auto", "resolve"))
        frontend = parser.parser
        m = _module_of(frontend)
        lexer = frontend.lexer
        lalr = frontend.parser.parser
        table = lalr.parse_table
        self.token_cls, self.tree_cls, self.meta_cls = m["Token"], m["Tree"], m["Meta"]
        _require(set(table.start_states) == {"start"} and not frontend.skip_lexer)
        _require(all(isinstance(k, m["Rule"]) for k in lalr.callbacks))   # no token callbacks
        self.start_state = table.start_states["start"]
        self.end_state = table.end_states["start"]
        # the lexers, one per state (shared between states that accept the same terminals)
        by_lexer: dict[int, tuple] = {}
        self.lexers: list = [None] * (max(lexer.lexers) + 1)
        for state, lx in lexer.lexers.items():
            if id(lx) not in by_lexer:
                scanner = lx.scanner   # built on first use, as Lark does
                _require(len(scanner._mres) == 1 and type(lx) is m["BasicLexer"])
                unless = {}
                for name, cb in lx.callback.items():
                    _require(type(cb) is m["UnlessCallback"] and len(cb.scanner._mres) == 1)
                    unless[name] = cb.scanner._mres[0].fullmatch
                by_lexer[id(lx)] = (scanner._mres[0].match, unless, frozenset(lx.ignore_types),
                                    frozenset(lx.newline_types))
            self.lexers[state] = by_lexer[id(lx)]
        # the rules
        rules = parser.rules
        null = _nullable(rules)
        _require(not any(not s.is_term and s.name in null for r in rules for s in r.expansion))
        self.transformer_cls = transformer_cls
        probe = transformer_cls()
        _require(not any(hasattr(probe, t.name) for t in parser.terminals))   # no token methods
        self.methods: set[str] = set()
        info: dict = {}
        for r in rules:
            name = r.alias or r.options.template_source or r.origin.name
            keep = r.options.keep_all_tokens
            include = tuple((i, not s.is_term and s.name.startswith("_")) for i, s in enumerate(r.expansion)
                            if keep or not (s.is_term and s.filter_out))
            plain = len(include) == len(r.expansion) and not any(e for _, e in include)
            expand1 = bool(r.options.expand1 and not r.alias)
            _require(not (expand1 and r.origin.name.startswith("_")))
            if r.origin.name.startswith("_"):
                kind = _SPLICE
            elif hasattr(probe, name):
                _require(getattr(getattr(probe, name), "visit_wrapper", None) is m["_vargs_meta"])
                kind = _CALL
                self.methods.add(name)
            else:
                _require(type(probe).__default__ is m["Transformer"].__default__)
                kind = _TREE
            # a ?rule's one child: its index among the rule's symbols (None: it may come
            # out of a spliced _rule, and which symbol it was is not kept)
            single = include[0][0] if len(include) == 1 and not include[0][1] else None
            if len(r.expansion) == 1 and (plain or not include):   # one symbol: the stack's top is replaced
                if expand1 and plain:
                    kind = _PASS
                elif kind == _SPLICE:
                    kind = _ONE_SPLICE if plain else _ONE_DROP
                elif kind == _CALL:
                    kind = _ONE_CALL if plain else _ONE_CALL_EMPTY
            info[r] = (len(r.expansion), r.origin.name, kind, name, None if plain else include, expand1, single)
        # the parse table, a list by state: a shift (and a goto) is the next state, a
        # reduce the rule's tuple above (no hashing of Rule objects per reduce)
        shift = m["Shift"]
        self.table: list = [None] * (max(table.states) + 1)
        for state, row in table.states.items():
            self.table[state] = {sym: (arg if action is shift else info[arg]) for sym, (action, arg) in row.items()}
        _require(all(type(a) is int for row in self.table if row for a in row.values() if type(a) is not tuple))

    def parse(self, text: str):
        """The AST of ``text``; :class:`Fallback` when Lark's path must be taken."""
        Token, Pos, Splice, tree_cls, meta_cls = self.token_cls, _Pos, _Splice, self.tree_cls, self.meta_cls
        EMPTY = Splice()   # the children of a _rule of one filtered token (never grown: not adopted)
        new_token = str.__new__
        table, lexers, end_state = self.table, self.lexers, self.end_state
        t = self.transformer_cls()   # a fresh one per text, as parse_text makes
        methods = {name: getattr(t, name).base_func for name in self.methods}
        # the stacks: parser states, values, and each value's first and last token
        states = [self.start_state]
        values: list = []
        firsts: list = []
        lasts: list = []
        end = len(text)
        pos, line, line_start = 0, 1, 0
        cur_lexer = None
        tok = None
        push_state, push_value, push_first, push_last = states.append, values.append, firsts.append, lasts.append
        while True:
            if pos < end:
                lx = lexers[states[-1]]
                if lx is not cur_lexer:
                    cur_lexer = lx
                    match, unless, ignore, newline = lx
                mt = match(text, pos)
                if mt is None:
                    raise Fallback
                ttype = mt.lastgroup
                if ttype in ignore:
                    if ttype in newline:
                        value = mt.group(0)
                        n = value.count("\n")
                        if n:
                            line += n
                            line_start = pos + value.rindex("\n") + 1
                    pos = mt.end()
                    continue
                value = mt.group(0)
                start, col, tline = pos, pos - line_start + 1, line
                if ttype in newline:
                    n = value.count("\n")
                    if n:
                        line += n
                        line_start = pos + value.rindex("\n") + 1
                pos = mt.end()
                if ttype in unless:   # a keyword matched as a NAME (Lark's UnlessCallback)
                    fm = unless[ttype](value)
                    if fm is not None:
                        ttype = fm.lastgroup
                tok = new_token(Token, value)
                tok.type = ttype
                tok.start_pos = start
                tok.value = value
                tok.line = tline
                tok.column = col
                tok.end_line = line
                tok.end_column = pos - line_start + 1
                tok.end_pos = pos
                is_end = False
            else:
                ttype = "$END"
                is_end = True
            while True:
                a = table[states[-1]].get(ttype)
                if a is None:
                    raise Fallback
                if type(a) is int:   # shift
                    if is_end:
                        raise Fallback
                    push_state(a)
                    push_value(tok)
                    push_first(tok)
                    push_last(tok)
                    break
                size, origin, kind, name, include, expand1, single = a
                if kind >= _PASS:   # one symbol: its extent stays, the top value is replaced
                    if kind == _ONE_SPLICE:
                        values[-1] = Splice((values[-1],))
                    elif kind == _ONE_DROP:
                        values[-1] = EMPTY
                    elif kind != _PASS:
                        value = methods[name](Pos(firsts[-1], lasts[-1]),
                                              [values[-1]] if kind == _ONE_CALL else [])
                        if type(value) is Token:   # would pass as a token through a ?rule
                            raise Fallback
                        values[-1] = value
                    goto = states[-1] = table[states[-2]][origin]
                    if is_end and goto == end_state:
                        return values[-1]
                    continue
                if size:
                    kids = values[-size:]
                    first, last = firsts[-size], lasts[-1]
                    del states[-size:], values[-size:], firsts[-size:], lasts[-size:]
                else:
                    kids, first, last = [], None, None
                if include is not None:
                    children: list = []
                    for i, spliced in include:
                        if not spliced:
                            children.append(kids[i])
                        elif children:
                            children += kids[i]
                        elif kids[i]:   # adopted (and grown), as Lark does; never the shared EMPTY
                            children = kids[i]
                else:
                    children = kids
                if kind == _SPLICE:
                    value = children if type(children) is Splice else Splice(children)
                elif expand1 and len(children) == 1:
                    if single is None:
                        raise Fallback   # the child came out of a spliced _rule: Lark's path
                    value = children[0]
                    if type(value) is Token:   # a token stays its own extent
                        first = last = value
                    elif isinstance(value, tree_cls):   # a node's container widens to this rule's
                        _widen(value.meta, Pos(first, last))
                else:
                    if type(children) is Splice:   # a method gets a plain list, as from Lark
                        children = list(children)
                    meta = Pos(first, last) if first is not None else meta_cls()
                    if kind == _CALL:
                        value = methods[name](meta, children)
                        if type(value) is Token:   # would pass as a token through a ?rule
                            raise Fallback
                    else:
                        value = tree_cls(name, children, _meta(meta_cls, meta if first is not None else None))
                goto = table[states[-1]][origin]
                push_state(goto)
                push_value(value)
                push_first(first)
                push_last(last)
                if is_end and goto == end_state:
                    return value

def _meta(meta_cls, p):
    """A real ``Meta`` for a node left as a ``Tree`` (no method for its rule)."""
    meta = meta_cls()
    if p is not None:
        _fill(meta, p, own=True)
    return meta


def _fill(meta, p, own: bool) -> None:
    if own:
        meta.line, meta.column, meta.start_pos = p.line, p.column, p.start_pos
        meta.end_line, meta.end_column, meta.end_pos = p.end_line, p.end_column, p.end_pos
        meta.empty = False
    meta.container_line, meta.container_column, meta.container_start_pos = p.line, p.column, p.start_pos
    meta.container_end_line, meta.container_end_column = p.end_line, p.end_column
    meta.container_end_pos = p.end_pos


def _widen(meta, p) -> None:
    """A ``?rule`` passing a ``Tree`` through widens its container extent (and gives it
    its own when it had none, as ``propagate_positions`` does)."""
    _fill(meta, p, own=getattr(meta, "empty", True))
