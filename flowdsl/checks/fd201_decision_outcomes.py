"""FD201: a decision (判断) needs at least two outcomes, each a labelled arrow."""

from ..diagnostics.diagnostic import Diagnostic
from ..model.types import Chart

CODE = "FD201"


def check(chart: Chart, graph) -> list[Diagnostic]:
    out = []
    labels_from: dict[str, list] = {}   # one pass over the edges, not one per decision
    for e in chart.edges:
        if e.origin == "arrow":
            labels_from.setdefault(e.src, []).append(e.label)
    gaps = getattr(graph, "gaps", None)
    for src, _, origin, label in (gaps.edges if gaps else ()):
        if origin == "arrow":   # an outcome towards a misspelt name still counts
            labels_from.setdefault(src, []).append(label)
    for el in chart.elements:
        if el.kind != "decision":
            continue
        labels = labels_from.get(el.key, [])
        named = sorted({lab for lab in labels if lab})
        if len(named) < 2:
            have = "no labelled outcome" if not named else f"only the outcome “{named[0]}”"
            have_zh = "没有带标注的结果" if not named else f"只有一个结果“{named[0]}”"
            out.append(Diagnostic(
                CODE, "error", f"decision “{el.key}” has {have}; it needs at least two", el.span,
                f"add labelled arrows, e.g. “{el.key} -[合格]-> …” and “{el.key} -[不合格]-> …”",
                message_zh=f"判断“{el.key}”{have_zh}，至少需要两个结果",
                hint_zh=f"添加带标注的箭头，例如“{el.key} -[合格]-> …”和“{el.key} -[不合格]-> …”"))
    return out
