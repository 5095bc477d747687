"""What an editor asks about a case: where each name is declared and used, its kind, the
outline (charts, DFDs, their levels and elements). Built from a parsed ``Case`` (its syntax
tree, and its model for the IDs a DFD numbers itself); pure Python, no language server
library, so ``flowdsl lsp`` (``app/lsp.py``) only translates it to the protocol.

Positions are the syntax tree's: 1-based lines and columns counted in characters.

    >>> import flowdsl
    >>> idx = build_index(flowdsl.parse("chart a {\\n  unit 员工\\n  员工 -> end\\n}"))
    >>> occ = idx.at(3, 3)
    >>> occ.symbol.kind, occ.symbol.span.line, occ.is_decl
    ('unit', 2, False)
    >>> [(o.span.line, o.is_decl) for o in idx.references(occ.symbol)]
    [(2, True), (3, False)]
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..diagnostics.diagnostic import Span
from ..lang import syntax as S
from ..lang import syntax_dict as SD
from ..lang import syntax_er as SE
from ..model.lower_base import KIND_WORDS as CHART_WORDS, KIND_WORDS_ZH as CHART_WORDS_ZH
from ..model.lower_dfd import KIND_WORDS as DFD_WORDS, KIND_WORDS_ZH as DFD_WORDS_ZH, norm

__all__ = ["Symbol", "Occurrence", "Scope", "Outline", "Index", "build_index", "hover_text", "KIND_WORDS", "KIND_WORDS_ZH"]

KIND_WORDS = {**CHART_WORDS, **DFD_WORDS, "definition": "data dictionary entry (数据字典条目)",
              "chart": "business flow chart (业务流程图)", "dfd": "data flow diagram (数据流程图)",
              "case": "case (案例)", "level": "DFD level (数据流程图的一层)",
              "dictionary": "data dictionary (数据字典)", "er": "ER diagram (E-R图)",
              "er_entity": "entity (实体)", "weak_entity": "weak entity (弱实体)",
              "relationship": "relationship (联系)", "isa": "is-a (泛化)"}
KIND_WORDS_ZH = {**CHART_WORDS_ZH, **DFD_WORDS_ZH, "definition": "数据字典条目", "chart": "业务流程图",
                 "dfd": "数据流程图", "case": "案例", "level": "数据流程图的一层", "dictionary": "数据字典",
                 "er": "E-R图", "er_entity": "实体", "weak_entity": "弱实体", "relationship": "联系", "isa": "泛化"}


@dataclass(frozen=True)
class Symbol:
    name: str                  #: as written where declared
    kind: str                  #: unit … decision, entity / store / process, definition, chart, dfd
    span: Span                 #: the name in its declaration
    scope: str                 #: "chart 订货", "dfd 订货", "" (the whole case)
    label: str | None = None
    ident: str | None = None   #: a DFD node's ID (written, or numbered by flowdsl)
    detail: str | None = None  #: a definition's composition


@dataclass(frozen=True)
class Occurrence:
    span: Span
    symbol: Symbol
    is_decl: bool


@dataclass
class Scope:
    """A chart or DFD: its span and the names declared in it (name or ID -> symbol)."""

    kind: str
    name: str
    span: Span
    names: dict[str, Symbol] = field(default_factory=dict)


@dataclass
class Outline:
    """One entry of the document outline (LSP document symbols)."""

    name: str
    kind: str
    span: Span                 #: the whole statement
    selection: Span            #: its name
    detail: str | None = None
    children: list["Outline"] = field(default_factory=list)


@dataclass
class Index:
    symbols: list[Symbol] = field(default_factory=list)
    occurrences: list[Occurrence] = field(default_factory=list)
    scopes: list[Scope] = field(default_factory=list)
    outline: list[Outline] = field(default_factory=list)
    definitions: dict[str, Symbol] = field(default_factory=dict)

    def at(self, line: int, column: int) -> Occurrence | None:
        """The name under (or just after) the cursor at ``line``:``column``."""
        for o in self.occurrences:
            s = o.span
            if s.line == line and s.column <= column <= s.end_column:
                return o
        return None

    def references(self, symbol: Symbol, declaration: bool = True) -> list[Occurrence]:
        return sorted((o for o in self.occurrences if o.symbol == symbol and (declaration or not o.is_decl)),
                      key=lambda o: (o.span.line, o.span.column))

    def scope_at(self, line: int, column: int) -> Scope | None:
        for sc in self.scopes:
            s = sc.span
            if (s.line, s.column) <= (line, column) <= (s.end_line, s.end_column):
                return sc
        return None


def _label(node) -> str | None:
    return getattr(node, "label", None)


class _Builder:
    def __init__(self, case) -> None:
        self.case = case
        self.index = Index()

    def occur(self, span: Span, symbol: Symbol, is_decl: bool = False) -> None:
        self.index.occurrences.append(Occurrence(span, symbol, is_decl))

    def declare(self, scope: Scope, name: S.Name, kind: str, label: str | None = None,
                ident: str | None = None, detail: str | None = None) -> Symbol:
        sym = Symbol(name.text, kind, name.span, f"{scope.kind} {scope.name}".strip(), label, ident, detail)
        self.index.symbols.append(sym)
        scope.names.setdefault(name.text, sym)      # a name declared twice: the first one (FD102)
        self.occur(name.span, sym, True)
        return sym

    def build(self) -> Index:
        ast = self.case.syntax
        if ast is None:
            return self.index
        case_scope = Scope("", "", ast.span)
        for item in ast.items:                      # the data dictionary first: flows may name its entries
            if isinstance(item, S.Define):
                self.define(item, case_scope, self.index.outline)
            elif isinstance(item, SD.Dictionary):
                self.dictionary(item, case_scope)
        self.index.definitions = dict(case_scope.names)
        for item in ast.items:
            if isinstance(item, S.Chart):
                self.chart(item)
            elif isinstance(item, S.Dfd):
                self.dfd(item)
            elif isinstance(item, SE.Er):
                self.er(item)
            elif isinstance(item, S.Define):
                self.comp(item.comp, case_scope)
            elif isinstance(item, SD.Dictionary):
                for e in item.entries:
                    comps = [e.comp] if isinstance(e, S.Define) else \
                        [e.comp] + [f.comp for f in e.body or [] if isinstance(f, SD.DictComp)]
                    for c in comps:
                        if c is not None:
                            self.comp(c, case_scope)
            elif isinstance(item, S.CaseStmt):
                self.index.outline.append(Outline(item.name.text, "case", item.span, item.name.span, item.label))
        self.index.occurrences.sort(key=lambda o: (o.span.line, o.span.column))
        self.index.outline.sort(key=lambda o: (o.span.line, o.span.column))
        return self.index

    # ------------------------------------------------------------------ data dictionary
    def define(self, item: S.Define, scope: Scope, outline: list) -> None:
        expr = next((d.expr for d in (self.case.model.definitions if self.case.model else [])
                     if d.name == item.name.text), None)
        sym = self.declare(scope, item.name, "definition", item.description, detail=expr)
        outline.append(Outline(sym.name, "definition", item.span, item.name.span, f"= {expr}" if expr else None))

    def dictionary(self, item: SD.Dictionary, scope: Scope) -> None:
        entry = Outline(item.label or "数据字典", "dictionary", item.span, item.span, item.label)
        self.index.outline.append(entry)
        for e in item.entries:
            if isinstance(e, S.Define):
                self.define(e, scope, entry.children)
                continue
            words = {"item": "数据项", "structure": "数据结构", "flow": "数据流", "store": "数据存储",
                     "process": "处理逻辑", "entity": "外部实体"}
            sym = self.declare(scope, e.name, "definition", e.description, e.ident.text if e.ident else None)
            entry.children.append(Outline(f"{sym.ident} {sym.name}" if sym.ident else sym.name, "definition",
                                          e.span, e.name.span, words.get(e.kind, e.kind)))

    # ------------------------------------------------------------------ ER diagrams
    def er(self, er: SE.Er) -> None:
        scope = Scope("er", er.name.text, er.span)
        self.index.scopes.append(scope)
        entry = Outline(er.name.text, "er", er.span, er.name.span, er.label)
        self.index.outline.append(entry)
        for stmt in er.body:
            if isinstance(stmt, (SE.ErEntity, SE.ErRel)):
                kind = ("weak_entity" if stmt.weak else "er_entity") if isinstance(stmt, SE.ErEntity) else "relationship"
                self.declare(scope, stmt.name, kind, stmt.label)
                entry.children.append(Outline(stmt.name.text, kind, stmt.span, stmt.name.span, stmt.label))
        for stmt in er.body:
            names = [e.entity for e in stmt.ends] if isinstance(stmt, SE.ErRel) else \
                [stmt.parent, *stmt.children] if isinstance(stmt, SE.ErIsa) else []
            for n in names:
                if n.text in scope.names:
                    self.occur(n.span, scope.names[n.text])

    def comp(self, comp: S.Comp, scope: Scope) -> None:
        if comp.kind == "ref" and comp.text in scope.names:
            self.occur(comp.span, scope.names[comp.text])
        for part in comp.parts:
            self.comp(part, scope)

    # ------------------------------------------------------------------ business charts
    def chart(self, chart: S.Chart) -> None:
        scope = Scope("chart", chart.name.text, chart.span)
        self.index.scopes.append(scope)
        entry = Outline(chart.name.text, "chart", chart.span, chart.name.span, chart.label)
        self.index.outline.append(entry)
        for stmt in chart.body:
            if isinstance(stmt, S.Decl):
                self.declare(scope, stmt.name, stmt.kind, stmt.label)
                entry.children.append(Outline(stmt.name.text, stmt.kind, stmt.span, stmt.name.span, stmt.label))
        for stmt in chart.body:
            names: list[S.Name] = []
            if isinstance(stmt, S.Decl):
                names = [n for a in stmt.attrs for n in a.names]
            elif isinstance(stmt, S.Chain):
                names = [e.name for e in stmt.endpoints if e.kind == "name"]
            elif isinstance(stmt, S.Lanes):
                names = stmt.names
            for n in names:
                if n.text in scope.names:
                    self.occur(n.span, scope.names[n.text])

    # ------------------------------------------------------------------ data flow diagrams
    def dfd(self, dfd: S.Dfd) -> None:
        scope = Scope("dfd", dfd.name.text, dfd.span)
        self.index.scopes.append(scope)
        model = next((d for d in (self.case.model.dfds if self.case.model else []) if d.name == dfd.name.text), None)
        idents = {n.name: n.ident for n in model.nodes} if model else {}
        entry = Outline(dfd.name.text, "dfd", dfd.span, dfd.name.span, dfd.label)
        self.index.outline.append(entry)
        entry.children.append(Outline(f"{dfd.name.text}-context", "level", dfd.span, dfd.name.span,
                                      "context diagram, derived (顶层图，自动导出)"))
        level = Outline(f"{dfd.name.text}-0", "level", dfd.span, dfd.name.span, "first breakdown (0 层图)")
        entry.children.append(level)
        self.nodes(dfd.body, scope, idents, level, dfd.name.text)
        self.index.symbols.sort(key=lambda s: (s.span.line, s.span.column))
        by_ident: dict[str, Symbol] = {}
        for sym in (s for s in self.index.symbols if s.scope == f"dfd {dfd.name.text}"):
            if sym.ident:
                by_ident.setdefault(sym.ident, sym)
        self.flows(dfd.body, scope, by_ident)

    def nodes(self, body: list, scope: Scope, idents: dict[str, str], level: Outline, dfd_name: str) -> None:
        for stmt in body:
            if not isinstance(stmt, (S.EntityDecl, S.StoreDecl, S.ProcessDecl)):
                continue
            kind = "entity" if isinstance(stmt, S.EntityDecl) else "store" if isinstance(stmt, S.StoreDecl) else "process"
            first = stmt.name.text not in scope.names
            ident = stmt.ident.text if stmt.ident else idents.get(stmt.name.text)
            sym = self.declare(scope, stmt.name, kind, stmt.label, ident)
            if stmt.ident is not None and first:
                self.occur(stmt.ident.span, sym, True)
            node = Outline(f"{ident} {sym.name}" if ident else sym.name, kind, stmt.span, stmt.name.span, stmt.label)
            level.children.append(node)
            if isinstance(stmt, S.ProcessDecl) and stmt.body:
                child = Outline(f"{dfd_name}-{ident}" if ident else f"{dfd_name}-{sym.name}", "level", stmt.span,
                                stmt.name.span, f"child diagram of {sym.name} ({sym.name} 的子图)")
                node.children.append(child)
                self.nodes(stmt.body, scope, idents, child, dfd_name)

    def flows(self, body: list, scope: Scope, by_ident: dict[str, Symbol]) -> None:
        for stmt in body:
            if isinstance(stmt, S.ProcessDecl) and stmt.body:
                self.flows(stmt.body, scope, by_ident)
            if not isinstance(stmt, S.Chain):
                continue
            for e in stmt.endpoints:
                if e.kind != "name":
                    continue
                sym = scope.names.get(e.name.text) or by_ident.get(e.name.text)
                if sym is None:
                    folded = [s for k, s in by_ident.items() if norm(k) == norm(e.name.text)]
                    sym = folded[0] if len(folded) == 1 else None
                if sym is not None:
                    self.occur(e.name.span, sym)
            for a in stmt.arrows:                   # a flow named like a data dictionary entry
                if a.label is not None and a.label.text in self.index.definitions:
                    self.occur(a.label.span, self.index.definitions[a.label.text])


def build_index(case) -> Index:
    """The index of a parsed ``flowdsl.Case`` (empty when the text does not parse)."""
    return _Builder(case).build()


def hover_text(sym: Symbol, lang: str = "both") -> str:
    """Markdown for a hover: the name, its kind, label and ID, where it is declared.

    >>> print(hover_text(Symbol("请假单", "document", Span(3, 3, 3, 6), "chart 请假", "请假申请单")))
    **请假单**: document (单据)
    <BLANKLINE>
    label “请假申请单”
    <BLANKLINE>
    declared at line 3 in business flow chart (业务流程图) “请假”
    <BLANKLINE>
    业务流程图“请假”第 3 行声明的单据
    """
    kind, _, scope = sym.scope.partition(" ")
    en = [f"**{sym.name}**: {KIND_WORDS.get(sym.kind, sym.kind)}"]
    if sym.ident:
        en.append(f"ID {sym.ident}")
    if sym.detail:
        en.append(f"`{sym.name} = {sym.detail}`")
    if sym.label:
        en.append(f"label “{sym.label}”" if sym.kind != "definition" else f"“{sym.label}”")
    where = f"declared at line {sym.span.line}" + (f" in {KIND_WORDS[kind]} “{scope}”" if kind else "")
    where_zh = (f"{KIND_WORDS_ZH[kind]}“{scope}”" if kind else "") + f"第 {sym.span.line} 行声明的{KIND_WORDS_ZH.get(sym.kind, sym.kind)}"
    parts = en + ([where] if lang != "zh" else []) + ([where_zh] if lang != "en" else [])
    return "\n\n".join(parts)
