"""FD802: a name defined through itself (``订单 = 订单号 + 订单``, or through others).
A course's dictionary defines every name by smaller ones; repetition is ``{…}``."""

from __future__ import annotations

from ...diagnostics.codes import default_severity
from ...diagnostics.diagnostic import Diagnostic
from ..graph import DiGraph, strongly_connected_components

CODE = "FD802"


def check(dd) -> list[Diagnostic]:
    g = DiGraph()
    for name, parts in dd.parts.items():
        g.add_node(name)
        for p in parts:
            if p in dd.parts:
                g.add_edge(name, p)
    out = []
    order = {e.name: i for i, e in reversed(list(enumerate(dd.entries)))}
    for comp in strongly_connected_components(g):
        if len(comp) == 1 and not g.has_edge(next(iter(comp)), next(iter(comp))):
            continue
        first = min(comp, key=lambda n: order.get(n, 0))
        cycle = _cycle(g, first, comp)
        e = dd.by_name[first]
        ref = next((r for r in e.composition.refs() if r.text == cycle[1]), None)
        path = " → ".join(cycle)
        out.append(Diagnostic(
            CODE, default_severity(CODE), f"“{first}” is defined through itself: {path}",
            ref.span if ref is not None else e.name_span,
            "define it by smaller parts; a part that repeats is written {…} (“订单 = 订单号 + {订货项}”)",
            message_zh=f"“{first}”的定义绕回了它自己：{path}",
            hint_zh="请用更小的部分来定义它；重复出现的部分写成 {…}（“订单 = 订单号 + {订货项}”）"))
    return out


def _cycle(g, start: str, comp: set) -> list[str]:
    """A shortest path start → … → start inside ``comp`` (breadth first)."""
    prev: dict[str, str] = {}
    todo = [start]
    while todo:
        nxt = []
        for u in todo:
            for v in g.successors(u):
                if v not in comp:
                    continue
                if v == start:
                    path = [u]
                    while path[-1] != start:
                        path.append(prev[path[-1]])
                    return list(reversed(path)) + [start]
                if v not in prev:
                    prev[v] = u
                    nxt.append(v)
        todo = nxt
    return [start, start]  # pragma: no cover
