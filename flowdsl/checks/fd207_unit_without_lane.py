"""FD207: a unit that does steps but is missing from the chart's ``lanes`` list.

It is drawn in a lane of its own after the listed ones (never in another unit's lane);
the warning says to list it where it belongs.
"""

from ..diagnostics.diagnostic import Diagnostic
from ..model.types import Chart

CODE = "FD207"


def check(chart: Chart, graph) -> list[Diagnostic]:
    gaps = getattr(graph, "gaps", None)
    if chart.lanes is None or (gaps is not None and gaps.bad_lane):   # a misspelt lane: FD101 says it
        return []
    from ..views.business import lane_order

    out = []
    for unit in lane_order(chart)[len(chart.lanes):]:
        el = chart.element(unit)
        step = next(e.key for e in chart.elements if e.kind in ("step", "decision") and e.unit == unit)
        out.append(Diagnostic(CODE, "warning",
                              f"unit “{unit}” does “{step}” but is missing from the lane list: "
                              "it gets a lane of its own after the others",
                              el.span if el else chart.span,
                              f"add it to the list where its lane belongs: “lanes {', '.join([*chart.lanes, unit])}”",
                              message_zh=f"单位“{unit}”执行“{step}”，但泳道列表中没有它：它会单独排在最后一条泳道",
                              hint_zh=f"把它加到泳道列表中应在的位置：“泳道 {'、'.join([*chart.lanes, unit])}”"))
    return out
