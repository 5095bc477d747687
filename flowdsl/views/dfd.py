"""Leveled data flow diagram (数据流程图) → Views, one per diagram, top-down.

1. the context diagram (顶层图), derived: one process standing for the whole system
   (named after the DFD; unnumbered, or ``0`` with English level names), every external
   entity, and every flow between an entity and a process of the first breakdown
   (flows of the same name, direction and entity drawn once);
2. the first breakdown (0层图): what is written directly inside ``dfd { }``;
3. one child diagram per decomposed process, in declaration order, named by the
   process ID (``进书-P3``); it also shows the outside ends of its boundary flows (the
   parent's entities, stores and processes).

View names are file-safe and do not depend on the level names: ``<dfd>-context``,
``<dfd>-0``, ``<dfd>-<process ID>``. Titles use the level names (option
``level_names``, default ``顶层图,0层图,1层图``; deeper levels count on: 2层图 …).

Repeated copies: ``option repeat = "书商,S2"`` (重复) draws each named entity or store
that both sends and receives on a diagram twice: the first copy sends, the second
(with the repeat mark) receives, as textbooks do to avoid long crossing lines.
"""

from __future__ import annotations

import re

from ..model.types import CaseModel, Dfd, DfdFlow, DfdNode
from .graph import VEdge, View, VNode

DEFAULT_LEVELS = ("顶层图", "0层图", "1层图")
ENGLISH_LEVELS = ("context", "level 0", "level 1")


def level_names(spec: str | None) -> list[str]:
    """``"顶层图,0层图,1层图"`` → the list; a lone ``english``/``chinese`` picks a set."""
    if not spec:
        return list(DEFAULT_LEVELS)
    if spec.strip().lower() in ("english", "en"):
        return list(ENGLISH_LEVELS)
    if spec.strip().lower() in ("chinese", "zh", "中文"):
        return list(DEFAULT_LEVELS)
    names = [x.strip() for x in re.split(r"[,，、;；]", spec) if x.strip()]
    return names or list(DEFAULT_LEVELS)


def level_name(names: list[str], index: int) -> str:
    """Name of level ``index`` (0 context, 1 first breakdown, 2 its children …); past the
    list, the last name's number counts on (``1层图`` → ``2层图``, ``level 1`` → ``level 2``)."""
    if index < len(names):
        return names[index]
    last = names[-1]
    m = list(re.finditer(r"\d+", last))
    if not m or len(m[-1].group()) > 18:  # (int() refuses more than 4300 digits)
        return f"{last} {index - len(names) + 2}"
    n = int(m[-1].group()) + index - len(names) + 1
    return last[: m[-1].start()] + str(n) + last[m[-1].end():]


class _Builder:
    def __init__(self, dfd: Dfd, case: CaseModel | None, overrides: dict) -> None:
        self.dfd = dfd
        self.case = case
        self.overrides = {k: v for k, v in overrides.items() if v}
        self.nodes = {n.key: n for n in dfd.nodes}
        self.vid = {n.key: f"n{i}" for i, n in enumerate(dfd.nodes, 1)}
        self.levels = level_names(self.option(None, "level_names"))

    def option(self, diagram: str | None, key: str, default: str | None = None) -> str | None:
        if key in self.overrides:
            return self.overrides[key]
        if diagram is not None and key in self.dfd.diagram_options.get(diagram, {}):
            return self.dfd.diagram_options[diagram][key]
        if key in self.dfd.options:
            return self.dfd.options[key]
        if self.case is not None and key in self.case.options:
            return self.case.options[key]
        return default

    def repeated(self, diagram: str | None) -> set[str]:
        spec = ",".join(x for x in (
            self.case.options.get("repeat") if self.case else None,
            self.dfd.options.get("repeat"),
            self.dfd.diagram_options.get(diagram, {}).get("repeat") if diagram else None) if x)
        wanted = {x.strip() for x in re.split(r"[,，、\s]+", spec) if x.strip()}
        return {n.key for n in self.dfd.nodes
                if n.kind in ("entity", "store") and (n.name in wanted or (n.ident or "") in wanted)}

    def vnode(self, node: DfdNode, vid: str | None = None, repeat: bool = False) -> VNode:
        return VNode(vid or self.vid[node.key], node.kind, node.text, ident=node.ident,  # type: ignore[arg-type]
                     location=node.location if node.kind == "process" else None, repeat=repeat)

    def view(self, name: str, title: str, diagram: str | None, nodes, edges) -> View:
        from .tidy import tidy_dfd

        edges = mark_back_edges(list(edges))
        nodes, edges, beside = tidy_dfd(list(nodes), edges,
                                        self.option(diagram, "auto_repeat", "on") != "off")
        # copies change which flows loop back: mark them again (beside pairs are flat)
        flat = {frozenset(p) for p in beside}
        edges = [e if not e.back else VEdge(e.src, e.dst, e.label, e.ident, e.style) for e in edges]
        edges = [e for e in mark_back_edges(edges)]
        edges = [VEdge(e.src, e.dst, e.label, e.ident, e.style) if frozenset((e.src, e.dst)) in flat
                 else e for e in edges]
        notation = self.option(diagram, "notation", "textbook")
        direction = self.option(diagram, "direction", "LR")
        return View(name=name, title=title, kind="dfd", nodes=tuple(nodes), edges=tuple(edges),
                    beside=beside,
                    direction="TB" if direction == "TB" else "LR",
                    edges_style="orthogonal" if self.option(diagram, "edges") == "orthogonal" else "curved",
                    notation=notation if notation in ("textbook", "gane-sarson", "yourdon") else "textbook")  # type: ignore[arg-type]

    # ------------------------------------------------------------------ context
    def context(self) -> View:
        dfd = self.dfd
        english = self.levels[0].isascii()
        system = VNode("sys", "process", system_name(dfd), ident="0" if english else None)
        entities = [n for n in dfd.nodes if n.kind == "entity"]
        edges: list[VEdge] = []
        seen: set[tuple] = set()
        for f in dfd.flows:
            if f.diagram is not None:
                continue
            a, b = self.nodes[f.src], self.nodes[f.dst]
            if a.kind == "entity" and b.kind == "process":
                key = (a.key, "in", f.name or f.key)
                edge = VEdge(self.vid[a.key], "sys", f.name, f.key, "data")
            elif a.kind == "process" and b.kind == "entity":
                key = (b.key, "out", f.name or f.key)
                edge = VEdge("sys", self.vid[b.key], f.name, f.key, "data")
            else:
                continue
            if key not in seen:
                seen.add(key)
                edges.append(edge)
        edges.sort(key=lambda e: e.dst != "sys")      # inputs first: senders on the left
        rep = self.repeated(None)
        nodes, edges = self.split_repeats([system], [n for n in entities], edges, rep)
        title = f"{dfd.title or dfd.name} {level_name(self.levels, 0)}"
        return self.view(f"{dfd.name}-context", title, None, nodes, edges)

    def split_repeats(self, first: list[VNode], members: list[DfdNode], edges: list[VEdge],
                      rep: set[str]) -> tuple[list[VNode], list[VEdge]]:
        """VNodes for ``members`` (after ``first``); repeated entities/stores that both send
        and receive get a second copy that takes the incoming edges."""
        nodes = list(first)
        out_edges = list(edges)
        for n in members:
            vid = self.vid[n.key]
            nodes.append(self.vnode(n))
            if n.key not in rep:
                continue
            sends = any(e.src == vid for e in out_edges)
            gets = any(e.dst == vid for e in out_edges)
            if sends and gets:
                copy = f"{vid}r"
                nodes.append(self.vnode(n, copy, repeat=True))
                out_edges = [VEdge(e.src, copy, e.label, e.ident, e.style, e.back) if e.dst == vid else e
                             for e in out_edges]
        return nodes, out_edges

    # ------------------------------------------------------------------ levels
    def members(self, diagram: str | None, flows: list[DfdFlow]) -> list[DfdNode]:
        """Nodes drawn on ``diagram``: declared there or at an end of one of its flows,
        in declaration order (the process broken down is never drawn on its own child)."""
        keys = {n.key for n in self.dfd.nodes if n.parent == diagram}
        for f in flows:
            keys |= {f.src, f.dst}
        keys.discard(diagram)  # type: ignore[arg-type]
        return [n for n in self.dfd.nodes if n.key in keys]

    def level(self, diagram: str | None) -> View:
        flows = [f for f in self.dfd.flows if f.diagram == diagram and f.src != diagram and f.dst != diagram]
        members = self.members(diagram, flows)
        ids = {n.key for n in members}
        edges = [VEdge(self.vid[f.src], self.vid[f.dst], f.name, f.key, "data")
                 for f in flows if f.src in ids and f.dst in ids]
        nodes, edges = self.split_repeats([], members, edges, self.repeated(diagram))
        if diagram is None:
            title = f"{self.dfd.title or self.dfd.name} {level_name(self.levels, 1)}"
            return self.view(f"{self.dfd.name}-0", title, None, nodes, edges)
        p = self.nodes[diagram]
        depth, up = 2, p.parent
        while up is not None:
            depth, up = depth + 1, self.nodes[up].parent
        custom = self.dfd.diagram_options.get(diagram, {}).get("title")
        title = custom or f"{p.ident} {p.text} {level_name(self.levels, depth)}"
        return self.view(f"{self.dfd.name}-{p.ident}", title, diagram, nodes, edges)


def system_name(dfd: Dfd) -> str:
    """The system the context diagram's one process stands for: the DFD's quoted title
    without a trailing “数据流程图” / “DFD” (``dfd 进书 "图书进书系统"``), else its name.

    >>> system_name(Dfd(name="进书", title="物资订货数据流程图")), system_name(Dfd(name="进书"))
    ('物资订货', '进书')
    """
    import re

    title = re.sub(r"\s*(数据流程图|数据流图|DFD|data flow diagram)\s*$", "", dfd.title or "", flags=re.I)
    return title or dfd.name


def mark_back_edges(edges: list[VEdge]) -> list[VEdge]:
    """Mark the flows that close a loop (返回, 不合格 …) as ``back`` so that the layout
    keeps the story's order (:func:`flowdsl.views.loops.back_edges`)."""
    from .loops import back_edges

    back = back_edges([(e.src, e.dst) for e in edges])
    return [VEdge(e.src, e.dst, e.label, e.ident, e.style, True) if i in back else e for i, e in enumerate(edges)]


def dfd_views(dfd: Dfd, case: CaseModel | None = None, **options) -> list[View]:
    b = _Builder(dfd, case, options)
    views = [b.context(), b.level(None)]
    for n in dfd.nodes:
        if n.kind == "process" and n.has_child:
            views.append(b.level(n.key))
    return views
