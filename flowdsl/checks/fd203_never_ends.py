"""FD203: a path that can never end.

With ``end`` in the chart, every step must be able to reach it. The steps that cannot
form dead regions; each region drains into a place where the flow stops (a last
element with no arrow out, or a loop with no way out): that is where the fix goes, so
the check reports once per such place, there, and lists the steps that lead into it.
Without ``end``, a loop with no way out (a closed group of elements with no arrow
leaving it) never ends. Reading a ledger (``reads``) is data, not a path of the
process: a ledger written late and read early does not make a loop.
"""

from ..diagnostics.diagnostic import Diagnostic
from ..model.types import END, START, Chart

CODE = "FD203"
STEPS = ("step", "decision")


def _names(keys) -> str:
    return "、".join(f"“{k}”" for k in keys)


def check(chart: Chart, graph) -> list[Diagnostic]:
    from .graph import ancestors, condensation

    from ..model.lower import UNKNOWN

    end_word = "结束" if getattr(graph, "keywords", "en") == "zh" else "end"
    graph = graph.flow  # without ledger read-backs (see chart_graph)
    order = {e.key: i for i, e in enumerate(chart.elements)}
    elements = {e.key: e for e in chart.elements}

    def pos(k) -> int:
        return order.get(k, 1 << 30)

    if chart.uses_end:
        reach = ancestors(graph, END) | {END}
        if not any(k not in reach and el.kind in STEPS and graph.degree(k)
                   for k, el in elements.items() if k in graph):
            return []        # the usual case: every step reaches the end (no condensation needed)
        cond = condensation(graph)
        members = cond.nodes
        dead = {c for c in members if not (members[c]["members"] & reach)
                and not (members[c]["members"] & {START, UNKNOWN})}
        out = []
        sinks = [c for c in dead if cond.out_degree(c) == 0]
        for c in sorted(sinks, key=lambda c: min(pos(k) for k in members[c]["members"])):
            region = {c} | (ancestors(cond, c) & dead)
            keys = sorted((k for r in region for k in members[r]["members"]), key=pos)
            steps = [k for k in keys if k in elements and elements[k].kind in STEPS and graph.degree(k)]
            if not steps:
                continue
            last = sorted(members[c]["members"], key=pos)
            at = elements.get(last[0])
            span = at.span if at else chart.span
            loop = len(last) > 1 or graph.has_edge(last[0], last[0])
            if loop:
                msg = (f"the loop {_names(last)} has no way out, so {_names(steps)} never reach “{end_word}”")
                msg_zh = f"循环{_names(last)}没有出口，因此{_names(steps)}都到达不了“结束”"
                hint = f"add an outcome that leaves the loop towards “{end_word}” (e.g. “{last[0]} -[合格]-> …”)"
                hint_zh = f"添加一个离开循环、通向“结束”的结果（例如“{last[0]} -[合格]-> …”）"
            else:
                stop = last[0]
                before = [s for s in steps if s != stop]
                more = f"; {_names(before)} {'leads' if len(before) == 1 else 'lead'} only there" if before else ""
                more_zh = f"；{_names(before)}也只能走到这里" if before else ""
                msg = f"the flow stops at “{stop}”: no path from it leads to “{end_word}”{more}"
                msg_zh = f"流程停在了“{stop}”：从它出发没有任何路径能到达“结束”{more_zh}"
                hint = f"continue the flow from “{stop}”, e.g. “{stop} -> {end_word}”"
                hint_zh = f"从“{stop}”继续画下去，例如“{stop} -> 结束”"
            out.append(Diagnostic(CODE, "warning", msg, span, hint, message_zh=msg_zh, hint_zh=hint_zh))
        return out
    cond = condensation(graph)
    members = cond.nodes
    out = []
    # a closed group with no way out; only those are sorted (into source order)
    closed = [c for c in members if cond.out_degree(c) == 0 and UNKNOWN not in members[c]["members"]
              and (len(members[c]["members"]) > 1 or any(graph.has_edge(m, m) for m in members[c]["members"]))]
    for comp in sorted(closed, key=lambda c: min(pos(k) for k in members[c]["members"])):
        keys = members[comp]["members"]
        first = min(keys, key=pos)
        el = elements.get(first)
        names = "、".join(sorted(keys, key=pos))
        out.append(Diagnostic(CODE, "warning", f"the loop {names} has no way out, so the process never ends",
                              el.span if el else chart.span,
                              f"add an outcome that leaves the loop (e.g. “-[合格]-> …”) or an arrow to “{end_word}”",
                              message_zh=f"循环 {names} 没有出口，流程永远不会结束",
                              hint_zh="添加一个离开循环的结果（例如“-[合格]-> …”），或一个指向“结束”的箭头"))
    return out
