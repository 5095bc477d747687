"""Where the ER drawing's texts beside lines go, and its geometry for the layout measure.

Each cardinality (Chen) or relationship name (crow's foot) is tried at a few places
beside its own line, near the entity end, on both sides; the first place clear of the
symbols and of the other labels, and nearer its own line than any other line by
``AMBIGUOUS_GAP``, wins (else the least bad). ``drawn_er`` gives the same boxes and lines
to :func:`flowdsl.render.measure.measure_drawn`.
"""

from __future__ import annotations

import math

from flowdsl.render.er_layout import FONT_ATTR, FONT_CARD, ErLayout
from flowdsl.render.geometry import boxes_overlap, seg_box_dist
from flowdsl.render.metrics import lines_width
from flowdsl.views.er import ErView

AMBIGUOUS_GAP = 8.0
Box = tuple[float, float, float, float]


def _spots(p0, p1, w: float, h: float, near_end: bool):
    dx, dy = p1[0] - p0[0], p1[1] - p0[1]
    ln = math.hypot(dx, dy) or 1.0
    ux, uy, nx, ny = dx / ln, dy / ln, -dy / ln, dx / ln
    steps = ((20.0, 0.3), (32.0, 0.42), (46.0, 0.52), (60.0, 0.62))
    backs = [min(b, ln * f) for b, f in steps] if near_end else [ln * f for f in (0.5, 0.38, 0.62, 0.28, 0.72)]
    for back in backs:
        cx, cy = (p1[0] - ux * back, p1[1] - uy * back) if near_end else (p0[0] + ux * back, p0[1] + uy * back)
        off = 4.0 + abs(nx) * w / 2 + abs(ny) * h / 2
        for side in (1, -1):
            x, y = cx + side * nx * off, cy + side * ny * off
            yield (x - w / 2, y - h / 2, x + w / 2, y + h / 2)


def place_texts(view: ErView, lay: ErLayout, segs) -> dict[int, tuple[str, Box]]:
    """Edge index (1-based, in ``segs`` order) → (text, box) for every cardinality / name."""
    boxes = [p.box for p in lay.nodes.values()]
    out: dict[int, tuple[str, Box]] = {}
    for i, (e, p0, p1) in enumerate(segs, 1):
        if view.notation == "chen" and e.kind == "end" and e.card:
            text, size, near = e.card, FONT_CARD, True
        elif view.notation == "crowsfoot" and e.kind == "link" and e.label:
            text, size, near = e.label, FONT_ATTR, False
        else:
            continue
        w, h = max(lines_width([text]) * size + 4, 10.0), size * 1.25
        best = None
        for box in _spots(p0, p1, w, h, near):
            own = seg_box_dist(p0, p1, box)
            other = min((seg_box_dist(a, b, box) for j, (_, a, b) in enumerate(segs, 1) if j != i), default=math.inf)
            hits = sum(boxes_overlap(box, b, 1.0) for b in boxes)
            hits += sum(boxes_overlap(box, b, 1.0) for _, b in out.values())
            # clear of everything, unambiguous, then as far from the other lines as 30 pt
            # helps the eye, then nearest the entity (the spots come in that order)
            score = (hits, 0 if other >= own + AMBIGUOUS_GAP else 1, -min(other - own, 30.0))
            if best is None or score < best[0]:
                best = (score, box)
        out[i] = (text, best[1])
    return out


def drawn_er(view: ErView, lay: ErLayout):
    """The drawing as :class:`flowdsl.render.labels.Drawn` (symbol boxes, straight lines,
    the texts beside them) for the layout measure."""
    from flowdsl.render.er_lines import segments
    from flowdsl.render.labels import Drawn, DrawnEdge

    segs = segments(view, lay)
    texts = place_texts(view, lay, segs)
    edges = []
    for i, (e, p0, p1) in enumerate(segs, 1):
        label = (texts[i][0],) if i in texts else ()
        size = (texts[i][1][2] - texts[i][1][0], texts[i][1][3] - texts[i][1][1]) if i in texts else (0.0, 0.0)
        edges.append(DrawnEdge(i, e.src, e.dst, (p0, p1), None, (p0, p1), label, size))
    nodes = {k: p.box for k, p in lay.nodes.items()}
    kinds = {k: p.kind for k, p in lay.nodes.items()}
    return Drawn(nodes, kinds, tuple(edges), {i: b for i, (_, b) in texts.items()}, lay.width, lay.height)


def node_overlaps(lay: ErLayout) -> list[tuple[str, str]]:
    """Pairs of symbols whose outlines' boxes overlap (the measure's extra figure ``g``)."""
    items = sorted(lay.nodes.values(), key=lambda p: p.id)
    return [(a.id, b.id) for i, a in enumerate(items) for b in items[i + 1:] if boxes_overlap(a.box, b.box, -0.5)]
