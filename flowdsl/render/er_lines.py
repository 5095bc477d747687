"""Where the lines of an ER drawing run: from outline to outline of their two symbols,
lines between the same two symbols side by side. The SVG and the placing of the
cardinalities both read them."""

from __future__ import annotations

import math

from flowdsl.render.er_layout import ErLayout, Placed
from flowdsl.views.er import ErView

__all__ = ["boundary", "parents", "segments", "triangle"]


def triangle(p: Placed, toward) -> list[tuple[float, float]]:
    """The corners of an is-a triangle, one pointing at ``toward`` (its parent's centre;
    up when it has none)."""
    ang = math.atan2(toward[1] - p.y, toward[0] - p.x) if toward else -math.pi / 2
    r = min(p.w, p.h) / 2 + 4
    return [(p.x + r * math.cos(ang + k * 2 * math.pi / 3), p.y + r * math.sin(ang + k * 2 * math.pi / 3))
            for k in range(3)]


def parents(view: ErView, lay: ErLayout) -> dict[str, tuple[float, float]]:
    """Each is-a triangle's parent centre (where it points)."""
    return {e.src: (lay.nodes[e.dst].x, lay.nodes[e.dst].y) for e in view.edges
            if e.kind == "isa_parent" and e.dst in lay.nodes}


def _ray_out(cx: float, cy: float, dx: float, dy: float, corners) -> float:
    """The ``t`` where the ray (cx, cy) + t·(dx, dy) leaves the convex polygon ``corners``."""
    best = math.inf
    for (x0, y0), (x1, y1) in zip(corners, corners[1:] + corners[:1]):
        ex, ey = x1 - x0, y1 - y0
        den = dx * ey - dy * ex
        if abs(den) < 1e-12:
            continue
        t = ((x0 - cx) * ey - (y0 - cy) * ex) / den
        u = ((x0 - cx) * dy - (y0 - cy) * dx) / den
        if t > 0 and -1e-9 <= u <= 1 + 1e-9:
            best = min(best, t)
    return best if best < math.inf else 0.0


def boundary(p: Placed, toward: tuple[float, float], notation: str, apex=None) -> tuple[float, float]:
    """Where the line from ``p``'s centre toward ``toward`` leaves ``p``'s outline (an is-a
    triangle's: the one pointing at ``apex``, see :func:`triangle`)."""
    dx, dy = toward[0] - p.x, toward[1] - p.y
    if abs(dx) < 1e-9 and abs(dy) < 1e-9:
        return p.x, p.y
    a, b = p.w / 2, p.h / 2
    kind = p.kind
    if kind == "attr":
        t = 1 / math.sqrt((dx / a) ** 2 + (dy / b) ** 2)
    elif kind == "isa":
        t = _ray_out(p.x, p.y, dx, dy, triangle(p, apex))
    elif kind in ("rel", "ident_rel"):
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
    apex = parents(view, lay)
    out = []
    for e in view.edges:
        a, b = lay.nodes.get(e.src), lay.nodes.get(e.dst)
        if a is None or b is None:
            continue
        group = pairs[frozenset((e.src, e.dst))]
        shift = (group.index(e) - (len(group) - 1) / 2) * 26.0
        if not shift:
            out.append((e, boundary(a, (b.x, b.y), view.notation, apex.get(a.id)),
                        boundary(b, (a.x, a.y), view.notation, apex.get(b.id))))
            continue
        first, second = (a, b) if e.src < e.dst else (b, a)   # the same side whichever way it runs
        dx, dy = second.x - first.x, second.y - first.y
        ln = math.hypot(dx, dy) or 1.0
        nx, ny = -dy / ln * shift, dx / ln * shift
        pa, pb = _moved(a, nx, ny), _moved(b, nx, ny)
        out.append((e, boundary(pa, (pb.x, pb.y), view.notation, apex.get(a.id)),
                    boundary(pb, (pa.x, pa.y), view.notation, apex.get(b.id))))
    return out


def _moved(p: Placed, dx: float, dy: float) -> Placed:
    return Placed(p.id, p.kind, p.x + dx, p.y + dy, p.w, p.h, p.lines)
