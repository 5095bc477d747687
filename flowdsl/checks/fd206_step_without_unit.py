"""FD206: a step (or decision) that no unit performs (``by`` / ``由`` missing).

In a swimlane chart such a step would have no lane, so there it is an error.
"""

from ..diagnostics.diagnostic import Diagnostic
from ..model.types import Chart

CODE = "FD206"


def check(chart: Chart, graph) -> list[Diagnostic]:
    severity = "error" if chart.lanes is not None else "warning"
    units = [e.key for e in chart.elements if e.kind in ("unit", "ext_unit")]
    example = units[0] if units else "采购部"
    gaps = getattr(graph, "gaps", None)
    no_unit = gaps.no_unit if gaps else ()   # “by 采构部”: FD101 says it, not FD206
    return [
        Diagnostic(CODE, severity, f"step “{el.key}” has no unit doing it", el.span,
                   f"add “by {example}” (由 {example}) to the step",
                   message_zh=f"处理步骤“{el.key}”没有指明由哪个单位完成",
                   hint_zh=f"在这个步骤后面加上“由 {example}”（by {example}）")
        for el in chart.elements
        if el.kind in ("step", "decision") and not el.unit and el.key not in no_unit
    ]
