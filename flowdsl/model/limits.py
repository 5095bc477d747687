"""How large a diagram flowdsl lays out: a node and an arrow budget per diagram.

Graphviz's time and memory grow much faster than the size of a graph: a DFD of 500
processes all connected to one another drove one ``dot`` to 7 GB. A textbook diagram
has a few dozen symbols, so a diagram beyond the budget is refused before layout with
FD701, at the line that declares it (``render`` reports it like any diagnostic; the API
raises ``RenderError``). ``--max-nodes`` / ``--max-edges`` or ``FLOWDSL_MAX_NODES`` /
``FLOWDSL_MAX_EDGES`` raise the budget.
"""

from __future__ import annotations

import os

from ..diagnostics.diagnostic import Diagnostic, Span

#: a 1,000-element chart renders (Graphviz gets cheaper settings from
#: render.dot.BIG_GRAPH on); a dense DFD of 60 processes (3,542 flows) is still refused
MAX_NODES = 1500
MAX_EDGES = 3000


#: the budget of the file being rendered (set by :func:`using`, for ``--max-nodes`` …)
_CURRENT: list[int | None] = [None, None]


class using:
    """``with using(max_nodes, max_edges):`` every layout inside uses that budget."""

    def __init__(self, max_nodes: int | None, max_edges: int | None) -> None:
        self.new = [max_nodes, max_edges]

    def __enter__(self) -> None:
        self.old = list(_CURRENT)
        _CURRENT[:] = self.new

    def __exit__(self, *exc) -> None:
        _CURRENT[:] = self.old


def budget(max_nodes: int | None = None, max_edges: int | None = None) -> tuple[int, int]:
    """The budget: the arguments, else the one in use, else the environment, else the
    defaults."""
    max_nodes, max_edges = max_nodes or _CURRENT[0], max_edges or _CURRENT[1]

    def pick(value, var, default):
        if value:
            return value
        raw = os.environ.get(var, "").strip()
        return int(raw) if raw.isdigit() and int(raw) > 0 else default
    return pick(max_nodes, "FLOWDSL_MAX_NODES", MAX_NODES), pick(max_edges, "FLOWDSL_MAX_EDGES", MAX_EDGES)


def over_budget(view, max_nodes: int | None = None, max_edges: int | None = None) -> str | None:
    """Why ``view`` is too large to lay out (English), or None."""
    nodes, edges = budget(max_nodes, max_edges)
    if len(view.nodes) > nodes or len(view.edges) > edges:
        return (f"diagram “{view.name}” has {len(view.nodes)} symbols and {len(view.edges)} arrows, more than "
                f"the layout budget of {nodes} symbols and {edges} arrows")
    return None


def budget_diagnostics(case, max_nodes: int | None = None, max_edges: int | None = None) -> list[Diagnostic]:
    """FD701 for every diagram of ``case`` beyond the budget, at the chart or DFD that
    declares it (one per diagram)."""
    if case.model is None:
        return []
    nodes, edges = budget(max_nodes, max_edges)
    spans = {("chart", c.name): c.span for c in case.model.charts}
    spans.update({("dfd", d.name): d.span for d in case.model.dfds})
    out = []
    for kind, name, diagrams in case._groups:
        span = spans.get((kind, name), Span())
        for d in diagrams:
            n, e = len(d.view.nodes), len(d.view.edges)
            if n <= nodes and e <= edges:
                continue
            out.append(Diagnostic(
                "FD701", "error",
                f"diagram “{d.name}” has {n} symbols and {e} arrows, more than the layout budget of "
                f"{nodes} symbols and {edges} arrows: it is not drawn",
                Span(span.line, span.column, span.line, span.column + 1),
                f"break it into smaller diagrams (a DFD: child diagrams); to draw it anyway raise the budget "
                f"with --max-nodes / --max-edges (or FLOWDSL_MAX_NODES / FLOWDSL_MAX_EDGES)",
                case.name,
                message_zh=f"图“{d.name}”有 {n} 个符号、{e} 条箭头，超过了布局上限（{nodes} 个符号、{edges} 条箭头），不予绘制",
                hint_zh="把它拆成几张较小的图（数据流程图可画子图）；确需绘制时用 --max-nodes / --max-edges"
                "（或环境变量 FLOWDSL_MAX_NODES / FLOWDSL_MAX_EDGES）提高上限"))
    return out
