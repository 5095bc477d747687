"""FD204: a document or report that is made but never passed on or used."""

from ..diagnostics.diagnostic import Diagnostic
from ..model.types import Chart

CODE = "FD204"


def check(chart: Chart, graph) -> list[Diagnostic]:
    out = []
    for el in chart.elements:
        if el.kind in ("document", "report") and graph.in_degree(el.key) > 0 and graph.out_degree(el.key) == 0:
            out.append(Diagnostic(CODE, "warning", f"“{el.key}” is made but never passed on or used", el.span,
                                  f"show who receives it, e.g. “{el.key} -> 主管”, or file it in a ledger",
                                  message_zh=f"“{el.key}”产生之后既没有传给谁，也没有被使用",
                                  hint_zh=f"画出谁接收它，例如“{el.key} -> 主管”，或把它存入账簿"))
    return out
