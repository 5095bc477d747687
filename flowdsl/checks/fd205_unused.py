"""FD205: an element that is declared but takes part in no flow."""

from ..diagnostics.diagnostic import Diagnostic
from ..model.types import Chart

CODE = "FD205"


def check(chart: Chart, graph) -> list[Diagnostic]:
    units_doing = {el.unit for el in chart.elements if el.unit}
    lanes = set(chart.lanes or ())
    out = []
    for el in chart.elements:
        if graph.degree(el.key) == 0 and el.key not in units_doing and el.key not in lanes:
            out.append(Diagnostic(CODE, "warning", f"“{el.key}” is declared but never used", el.span,
                                  "connect it with an arrow or remove the declaration",
                                  message_zh=f"“{el.key}”已经声明，但没有出现在任何流程中",
                                  hint_zh="用箭头把它和其他元素连接起来，或者删除这条声明"))
    return out
