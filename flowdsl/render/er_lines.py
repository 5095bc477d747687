"""Where the lines of an ER drawing run: from outline to outline of their two symbols,
lines between the same two symbols side by side. The SVG and the placing of the
cardinalities both read them."""

from __future__ import annotations

import math

from flowdsl.render.er_layout import ErLayout, Placed
from flowdsl.views.er import ErView

__all__ = ["boundary", "segments"]


def boundary(p: Placed, toward: tuple[float, float], notation: str) -> tuple[float, float]:
    """Where the line from ``p``'s centre toward ``toward`` leaves ``p``'s outline."""
    dx, dy = toward[0] - p.x, toward[1] - p.y
    if abs(dx) < 1e-9 and abs(dy) < 1e-9:
        return p.x, p.y
    a, b = p.w / 2, p.h / 2
    kind = p.kind
    if kind == "attr":
        t = 1 / math.sqrt((dx / a) ** 2 + (dy / b) ** 2)
    elif kind in ("rel", "ident_rel") or (kind == "isa"):
        t = 1 / (abs(dx) / a + abs(dy) / b)
    else:
        t = min(a / abs(dx) if dx else math.inf, b / abs(dy) if dy else math.inf)
    return p.x + dx * t, p.y + dy * t


def segments(view: ErView, lay: ErLayout):
    """Each line as (edge, start point, end point): start on the src outline, end on the dst's.
    Lines between the same two symbols (two relationships of the same entities drawn as
    crow's foot lines) are drawn side by side, 26 pt apart."""
    pairs: dict[frozenset, list] = {}
    for e in view.edges:
        pairs.setdefault(frozenset((e.src, e.dst)), []).append(e)
    out = []
    for e in view.edges:
        a, b = lay.nodes.get(e.src), lay.nodes.get(e.dst)
        if a is None or b is None:
            continue
        group = pairs[frozenset((e.src, e.dst))]
        shift = (group.index(e) - (len(group) - 1) / 2) * 26.0
        if not shift:
            out.append((e, boundary(a, (b.x, b.y), view.notation), boundary(b, (a.x, a.y), view.notation)))
            continue
        first, second = (a, b) if e.src < e.dst else (b, a)   # the same side whichever way it runs
        dx, dy = second.x - first.x, second.y - first.y
        ln = math.hypot(dx, dy) or 1.0
        nx, ny = -dy / ln * shift, dx / ln * shift
        pa, pb = _moved(a, nx, ny), _moved(b, nx, ny)
        out.append((e, boundary(pa, (pb.x, pb.y), view.notation), boundary(pb, (pa.x, pa.y), view.notation)))
    return out


def _moved(p: Placed, dx: float, dy: float) -> Placed:
    return Placed(p.id, p.kind, p.x + dx, p.y + dy, p.w, p.h, p.lines)
