"""Chart ↔ DFD comparison shared by FD601 and FD602.

Charts and DFDs are paired by name (进书 with 进书); when a case has one chart and one
DFD of different names they are paired; otherwise each chart is compared with all DFDs.
Names match exactly, by the chart element's label, with 帐/账 treated alike, or through
the data dictionary (a definition of one mentions the other).
"""

from __future__ import annotations

from ...diagnostics.codes import default_severity
from ...diagnostics.diagnostic import Diagnostic


def _fold(s: str) -> str:
    return s.replace("账", "帐")


def pairs(case):
    dfds = {d.name: d for d in case.dfds}
    for chart in case.charts:
        if chart.name in dfds:
            yield chart, [dfds[chart.name]]
        elif len(case.charts) == 1 and len(case.dfds) == 1:
            yield chart, case.dfds
        elif case.dfds:
            yield chart, case.dfds


def related(case) -> dict[str, set[str]]:
    """name → names the data dictionary relates it to (both directions, transitively)."""
    from ...model.dictionary_fill import all_parts

    adj: dict[str, set[str]] = {}
    for name, parts in all_parts(case).items():
        for p in parts:
            adj.setdefault(_fold(name), set()).add(_fold(p))
            adj.setdefault(_fold(p), set()).add(_fold(name))
    return adj


def compare(case, code, chart_kinds, dfd_kind, message, hint, message_zh=None, hint_zh=None) -> list[Diagnostic]:
    adj = related(case)
    out = []
    for chart, dfds in pairs(case):
        names: set[str] = set()
        for d in dfds:
            if dfd_kind == "flow":
                names |= {_fold(f.name) for f in d.flows if f.name}
            else:
                names |= {_fold(n.name) for n in d.nodes if n.kind == "store"}
                names |= {_fold(n.label) for n in d.nodes if n.kind == "store" and n.label}
        for el in chart.elements:
            if el.kind not in chart_kinds:
                continue
            start = {_fold(el.key)} | ({_fold(el.label)} if el.label else set())
            seen, todo = set(start), list(start)
            while todo:
                for y in adj.get(todo.pop(), ()):
                    if y not in seen:
                        seen.add(y)
                        todo.append(y)
            if seen & names:
                continue
            dfd_name = "、".join(d.name for d in dfds)
            out.append(Diagnostic(code, default_severity(code),
                                  message.format(doc=el.text, chart=chart.name, dfd=dfd_name),
                                  el.span, hint.format(doc=el.text),
                                  message_zh=message_zh.format(doc=el.text, chart=chart.name, dfd=dfd_name)
                                  if message_zh else None,
                                  hint_zh=hint_zh.format(doc=el.text) if hint_zh else None))
    return out
