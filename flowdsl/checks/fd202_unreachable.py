"""FD202: a step that cannot be reached from the start.

The start is ``start`` when the chart uses it. Otherwise the process starts where the
chart's first flow (``A -> …``) starts, and every element that nothing points to (a
source, such as a ledger only read) is a starting point too.
"""

from ..diagnostics.diagnostic import Diagnostic
from ..model.types import START, Chart

CODE = "FD202"


def check(chart: Chart, graph) -> list[Diagnostic]:
    from .graph import reachable

    if chart.uses_start:
        roots = [START]
    else:
        roots = [n for n in graph.nodes if graph.in_degree(n) == 0]
        first = next((e.src for e in chart.edges if e.origin == "arrow"), None)
        if first is not None:
            roots.append(first)
    seen = reachable(graph, roots)
    out = []
    for el in chart.elements:
        if el.kind in ("step", "decision") and el.key not in seen and graph.degree(el.key) > 0:
            where = "from “start”" if chart.uses_start else "from any starting point"
            where_zh = "从“开始”" if chart.uses_start else "从任何起点都"
            out.append(Diagnostic(CODE, "warning", f"step “{el.key}” cannot be reached {where}", el.span,
                                  f"add a flow into it, e.g. “… -> {el.key}”",
                                  message_zh=f"{where_zh}无法到达处理步骤“{el.key}”",
                                  hint_zh=f"添加一条指向它的流程，例如“… -> {el.key}”"))
    return out
