"""DFD AST → model: IDs (verbatim or numbered), name resolution, levels.

``lower_dfd(ast, case)`` returns the ``Dfd`` and its diagnostics. Rules:

- An ID written in the file is kept verbatim (P3.1, F3.2, S01, E1). Otherwise it is
  numbered: processes of the first breakdown 1, 2, 3 (``process_prefix``, default
  none), children of process 3 are 3.1, 3.2, their children 3.2.1; flows F1, F2 …
  on the first breakdown and F3.1, F3.2 … inside the child diagram of process 3
  (``flow_prefix``); a child diagram's boundary flow written without an ID takes the
  ID of the parent flow it refines (same name, same direction); stores D1 …
  (``store_prefix``), entities E1 … (``entity_prefix``). Numbers already written are
  skipped.
- Endpoints are names or IDs (IDs case-insensitively: ``p3.2`` finds ``P3.2``);
  undefined ones are FD101 with a suggestion, names declared twice FD102.
- Statements directly inside ``dfd {}`` are the first breakdown (0层图); those inside
  ``process P3 { }`` form P3's child diagram. The context diagram is derived by the
  views, never written.
- ``option`` / ``severity`` inside ``dfd {}`` apply to that DFD only; inside a process
  body, options apply to that child diagram (``repeat``, ``notation``, ``direction``).
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..diagnostics.diagnostic import Diagnostic, Span
from ..lang import syntax as S
from ..lang import syntax_dict as SD
from .lower_dict import lower_dictionary
from .lower_base import UNKNOWN, Gaps, Lowerer
from .names import did_you_mean_kind, suggestions
from .types import CaseModel, Dfd, DfdFlow, DfdNode

DEFAULT_PREFIX = {"process": "", "entity": "E", "store": "D", "flow": "F"}
KIND_WORDS = {"entity": "external entity (外部实体)", "store": "data store (数据存储)",
              "process": "process (处理逻辑)"}
KIND_WORDS_ZH = {"entity": "外部实体", "store": "数据存储", "process": "处理逻辑"}
_NUM = re.compile(r"^[A-Za-z]*(\d+(?:\.\d+)*)$")


@lru_cache(maxsize=1 << 16)
def norm(ident: str) -> str:
    """Comparison form of an ID: ``s01`` and ``S1`` are the same number."""
    # leading zeros dropped as text: int() refuses more than 4300 digits
    return re.sub(r"\d+", lambda m: m.group().lstrip("0") or "0", ident.upper())


def letters(ident: str) -> str:
    m = re.match(r"[A-Za-z]*", ident)
    return m.group() if m else ""


def numeric(ident: str | None) -> str | None:
    """The number part of an ID: ``P3.1`` → ``3.1``; ``S01`` → ``01``."""
    if not ident:
        return None
    m = _NUM.match(ident)
    return m.group(1) if m else None


class _Union:
    """``x in a or x in b`` without copying either set."""

    def __init__(self, a: set, b: set) -> None:
        self.a, self.b = a, b

    def __contains__(self, x) -> bool:
        return x in self.a or x in self.b


class DfdLowerer:
    def __init__(self, case: CaseModel) -> None:
        self.case = case
        self.base = Lowerer()        # options, severities, defines: same rules as charts
        self.diags: list[Diagnostic] = []
        self.dfd: Dfd | None = None
        self.by_name: dict[str, DfdNode] = {}
        self.by_ident: dict[str, DfdNode] = {}
        self.written_flow_ids: set[str] = set()
        self.seen_prefix: dict[str, str] = {}   #: letters of the first ID written for each kind
        self.gaps = Gaps()                      #: flows with an unresolved end: (diagram, src, dst)
        self.diagram: DfdNode | None = None     #: the process whose child diagram is being lowered

    def error(self, code, message, span, hint=None, severity="error", *, zh=None, hint_zh=None) -> None:
        self.diags.append(Diagnostic(code, severity, message, span, hint, message_zh=zh, hint_zh=hint_zh))

    def prefix(self, kind: str) -> str:
        assert self.dfd is not None
        key = f"{kind}_prefix"
        given = self.dfd.options.get(key, self.case.options.get(key))
        if given is not None:
            return given
        return self.seen_prefix.get(kind, DEFAULT_PREFIX[kind])

    # ------------------------------------------------------------------ entry
    def lower(self, ast: S.Dfd) -> Dfd:
        dfd = self.dfd = Dfd.model_construct(name=ast.name.text, title=ast.label, span=ast.span)
        for stmt in ast.body:            # DFD-wide settings first: prefixes number the nodes
            if isinstance(stmt, S.Option):
                self.base.option(stmt, dfd.options)
            elif isinstance(stmt, S.SeverityStmt):
                self.base.severity(stmt, dfd.severities)
            elif isinstance(stmt, S.TitleStmt):
                dfd.title = stmt.text
        self.scan_flow_ids(ast.body)
        self.declare(ast.body, None)
        self.flows(ast.body, None)
        self.diags.extend(self.base.diags)
        return dfd

    def scan_flow_ids(self, body: list) -> None:
        for stmt in body:
            if isinstance(stmt, S.Chain):
                for arrow in stmt.arrows:
                    if arrow.label is not None and arrow.label.ident:
                        ident = norm(arrow.label.ident)
                        parts = ident.split(".")
                        # F3.1 written: F3 is never given automatically (it would read as its parent)
                        self.written_flow_ids.update(".".join(parts[:i]) for i in range(1, len(parts) + 1))
                        self.seen_prefix.setdefault("flow", letters(arrow.label.ident))
            elif isinstance(stmt, (S.EntityDecl, S.StoreDecl, S.ProcessDecl)) and stmt.ident:
                kind = type(stmt).__name__[:-4].lower()
                self.seen_prefix.setdefault(kind, letters(stmt.ident.text))
            if isinstance(stmt, S.ProcessDecl) and stmt.body:
                self.scan_flow_ids(stmt.body)

    # ------------------------------------------------------------------ declarations
    def fresh(self, stem: str, taken: set[str]) -> str:
        # numbers are handed out in increasing order per stem: start after the last one
        # (a linear scan from 1 for every flow made a dense DFD quadratic)
        starts = self.__dict__.setdefault("_fresh_from", {})
        n = starts.get(stem, 1)
        while norm(f"{stem}{n}") in taken:
            n += 1
        starts[stem] = n
        return f"{stem}{n}"

    def declare(self, body: list, parent: DfdNode | None) -> None:
        assert self.dfd is not None
        decls = [s for s in body if isinstance(s, (S.EntityDecl, S.StoreDecl, S.ProcessDecl))]
        taken = {norm(d.ident.text) for d in decls if d.ident}
        taken |= {norm(k) for k in self.by_ident}
        pkey = parent.key if parent else None
        for d in decls:
            kind = "entity" if isinstance(d, S.EntityDecl) else "store" if isinstance(d, S.StoreDecl) else "process"
            if d.ident is not None:
                ident, given = d.ident.text, True
            else:
                if kind == "process" and parent is not None:
                    stem = f"{parent.ident}."
                else:
                    stem = self.prefix(kind)
                ident, given = self.fresh(stem, taken), False
            taken.add(norm(ident))
            if d.name.text in self.by_name:
                prev = self.by_name[d.name.text]
                self.error("FD102", f"“{d.name.text}” is declared twice in DFD “{self.dfd.name}”", d.name.span,
                           f"the first declaration is at line {prev.span.line} ({KIND_WORDS[prev.kind]}); "
                           "refer to it by name or ID instead of declaring it again",
                           zh=f"“{d.name.text}”在数据流程图“{self.dfd.name}”中声明了两次",
                           hint_zh=f"第一次声明在第 {prev.span.line} 行（{KIND_WORDS_ZH[prev.kind]}）；"
                                   "请用名称或编号引用它，不要再次声明")
                continue
            key = ident
            n = 2
            while any(x.key == key for x in self.dfd.nodes):   # duplicated ID: FD402 reports it
                key, n = f"{ident}~{n}", n + 1
            node = DfdNode.model_construct(key=key, kind=kind, name=d.name.text, label=d.label, ident=ident, ident_given=given,
                           parent=pkey, span=d.name.span, id_span=d.ident.span if d.ident else None)
            if isinstance(d, S.ProcessDecl):
                node.location = d.location
                node.has_child = bool(d.body)
            self.dfd.nodes.append(node)
            self.by_name[node.name] = node
            self.by_ident.setdefault(ident, node)
            if isinstance(d, S.ProcessDecl) and d.body:
                self.settings(d.body, node)
                self.declare(d.body, node)

    def settings(self, body: list, proc: DfdNode) -> None:
        assert self.dfd is not None
        opts = self.dfd.diagram_options.setdefault(proc.key, {})
        for stmt in body:
            if isinstance(stmt, S.Option):
                self.base.option(stmt, opts)
            elif isinstance(stmt, S.SeverityStmt):
                self.base.severity(stmt, self.dfd.severities)
            elif isinstance(stmt, S.TitleStmt):
                opts["title"] = stmt.text
        if not opts:
            del self.dfd.diagram_options[proc.key]

    # ------------------------------------------------------------------ flows
    def resolve(self, name: S.Name, prefer: set[str] | None = None) -> DfdNode | None:
        node = self.by_name.get(name.text) or self.by_ident.get(name.text)
        if node is None:
            folded = [n for k, n in self.by_ident.items() if norm(k) == norm(name.text)]
            node = folded[0] if len(folded) == 1 else None
        if node is None:
            assert self.dfd is not None
            kinds = {**{k: n.kind for k, n in self.by_ident.items()}, **{k: n.kind for k, n in self.by_name.items()}}
            diagram = self.diagram.key if self.diagram else None
            for m in suggestions(name.text, kinds, prefer):   # perhaps meant: not “unused” after all
                key = (self.by_name.get(m) or self.by_ident[m]).key
                self.gaps.edges += [(diagram, key, UNKNOWN), (diagram, UNKNOWN, key)]
            hint, hint_zh = did_you_mean_kind(name.text, kinds, prefer)
            hint = hint or (
                f"declare it first, e.g. “entity {name.text}”, “store {name.text}” or “process {name.text}”")
            hint_zh = hint_zh or (
                f"请先声明它，例如“外部实体 {name.text}”“数据存储 {name.text}”或“处理逻辑 {name.text}”")
            self.error("FD101", f"“{name.text}” is not declared in DFD “{self.dfd.name}”", name.span, hint,
                       zh=f"数据流程图“{self.dfd.name}”中没有声明“{name.text}”", hint_zh=hint_zh)
        return node

    def flows(self, body: list, parent: DfdNode | None) -> None:
        for stmt in body:
            if isinstance(stmt, S.Chain):
                self.chain(stmt, parent)
            elif isinstance(stmt, S.Define):
                self.case.definitions.append(self.base.define(stmt))
            elif isinstance(stmt, SD.Dictionary):
                lower_dictionary(self.base, stmt, self.case, self.dfd.name)
        for stmt in body:
            if isinstance(stmt, S.ProcessDecl) and stmt.body:
                node = self.by_name.get(stmt.name.text)
                if node is not None and node.span == stmt.name.span:
                    self.flows(stmt.body, node)

    def chain(self, stmt: S.Chain, parent: DfdNode | None) -> None:
        nodes: list[DfdNode | None] = []
        self.diagram = parent
        eps = stmt.endpoints
        for i, ep in enumerate(eps):
            if ep.kind != "name":
                word = "start (开始)" if ep.kind == "start" else "end (结束)"
                word_zh = "“开始”（start）" if ep.kind == "start" else "“结束”（end）"
                self.error("FD104", f"{word} belongs to business flow charts, not to data flow diagrams",
                           ep.name.span, "a DFD flow starts and ends at an entity, a process or a store",
                           zh=f"{word_zh}只用于业务流程图，不能用在数据流程图中",
                           hint_zh="数据流程图中的数据流只在外部实体、处理逻辑和数据存储之间流动")
                nodes.append(None)
            else:
                # next to an entity or a store only a process may stand
                near = {n.kind for e in (eps[i - 1:i] + eps[i + 1:i + 2]) if e.kind == "name"
                        for n in [self.by_name.get(e.name.text) or self.by_ident.get(e.name.text)] if n}
                nodes.append(self.resolve(ep.name, {"process"} if near & {"entity", "store"} else None))
        for arrow, a, b, ea, eb in zip(stmt.arrows, nodes, nodes[1:], stmt.endpoints, stmt.endpoints[1:]):
            if a is None or b is None:
                self.gaps.edges.append((parent.key if parent else None, a.key if a else UNKNOWN,
                                        b.key if b else UNKNOWN))
                continue
            lab = arrow.label
            name = lab.text if lab is not None else None
            ident = lab.ident if lab is not None else None
            given = ident is not None
            if ident is None:
                ident = self.flow_id(name, a, b, parent)
            assert self.dfd is not None
            self.dfd.flows.append(DfdFlow.model_construct(
                key=ident, name=name or None, ident_given=given, src=a.key, dst=b.key,
                diagram=parent.key if parent else None, goods=arrow.style == "goods",
                src_span=ea.name.span, dst_span=eb.name.span, span=arrow.span))

    def flow_id(self, name: str | None, a: DfdNode, b: DfdNode, parent: DfdNode | None) -> str:
        assert self.dfd is not None
        if parent is not None and name:
            inside = {n.key for n in self.dfd.nodes if n.parent == parent.key and n.kind != "entity"}
            if (a.key in inside) != (b.key in inside):
                incoming = b.key in inside
                for f in self.dfd.flows:
                    if f.diagram == parent.parent and f.name == name and \
                            (f.dst if incoming else f.src) == parent.key:
                        return f.key
        stem = self.prefix("flow")
        if parent is not None:
            stem += f"{numeric(parent.ident) or parent.ident}."
        # the IDs of the flows made so far, kept up to date (rebuilt per flow, it was quadratic)
        known = self.__dict__.setdefault("_flow_norms", [0, set()])
        known[1].update(norm(f.key) for f in self.dfd.flows[known[0]:])
        known[0] = len(self.dfd.flows)
        ident = self.fresh(stem, _Union(self.written_flow_ids, known[1]))
        self.written_flow_ids.add(norm(ident))
        return ident


def lower_dfd(ast: S.Dfd, case: CaseModel, gaps: dict | None = None) -> tuple[Dfd, list[Diagnostic]]:
    """The DFD and its diagnostics; ``gaps`` (id(dfd) -> ``Gaps``) receives what could
    not be resolved."""
    lw = DfdLowerer(case)
    dfd = lw.lower(ast)
    if gaps is not None and lw.gaps:
        gaps[id(dfd)] = lw.gaps
    return dfd, lw.diags


__all__ = ["lower_dfd", "numeric", "Span"]
