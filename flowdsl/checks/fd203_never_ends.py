"""FD203: a path that can never end.

With ``end`` in the chart, every step must be able to reach it. Without it, a loop
with no way out (a closed group of elements with no arrow leaving it) never ends.
Reading a ledger (``reads``) is data, not a path of the process: a ledger written late
and read early does not make a loop.
"""

from ..diagnostics import Diagnostic
from ..model import END, Chart

CODE = "FD203"


def check(chart: Chart, graph) -> list[Diagnostic]:
    from .graph import ancestors, condensation

    graph = graph.flow  # without ledger read-backs (see chart_graph)
    order = {e.key: i for i, e in enumerate(chart.elements)}
    out = []
    if chart.uses_end:
        reach = ancestors(graph, END) | {END}
        for el in chart.elements:
            if el.kind in ("step", "decision") and el.key in graph and el.key not in reach and graph.degree(el.key):
                out.append(Diagnostic(CODE, "warning", f"from step “{el.key}” no path leads to “end”", el.span,
                                      f"add a flow out of it towards “end”, e.g. “{el.key} -> end”",
                                      message_zh=f"从处理步骤“{el.key}”出发，没有任何路径能到达“结束”",
                                      hint_zh=f"添加一条从它通向“结束”的流程，例如“{el.key} -> 结束”"))
        return out
    cond = condensation(graph)
    for comp in sorted(cond.nodes, key=lambda c: min(order.get(k, 1 << 30) for k in cond.nodes[c]["members"])):
        members = cond.nodes[comp]["members"]
        if cond.out_degree(comp) != 0:
            continue
        closed = len(members) > 1 or any(graph.has_edge(m, m) for m in members)
        if not closed:
            continue
        first = min(members, key=lambda k: order.get(k, 1 << 30))
        el = chart.elements[order[first]] if first in order else None
        names = "、".join(sorted(members, key=lambda k: order.get(k, 1 << 30)))
        out.append(Diagnostic(CODE, "warning", f"the loop {names} has no way out, so the process never ends",
                              el.span if el else chart.span,
                              "add an outcome that leaves the loop (e.g. “-[合格]-> …”) or an arrow to “end”",
                              message_zh=f"循环 {names} 没有出口，流程永远不会结束",
                              hint_zh="添加一个离开循环的结果（例如“-[合格]-> …”），或一个指向“结束”的箭头"))
    return out
