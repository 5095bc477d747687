"""Where each edge label is drawn, and the geometry of what is drawn.

:func:`drawn` gives, for one view on its layout, every node box, every edge's polyline
as the SVG draws it (in the view's direction, arrow tip included) and the box of its
label. The SVG (:mod:`flowdsl.render.svg`) and the layout measure
(:mod:`flowdsl.render.measure`) both read it, so what is measured is what is drawn.
"""

from __future__ import annotations

from dataclasses import dataclass

from flowdsl.render.dot import dot_node_names
import math

from flowdsl.render.geometry import (
    Box, Point, SegmentIndex, boxes_overlap, flatten, grow, point_at, point_box_dist,
    poly_bbox,
)
from flowdsl.render.layout import Layout
from flowdsl.render.metrics import LINE_HEIGHT, lines_width
from flowdsl.render.specs import FONT_EDGE, edge_label_spec, node_spec
from flowdsl.views.graph import View


@dataclass(frozen=True)
class DrawnEdge:
    index: int                      #: 1-based, as the DOT id ``e<index>``
    tail: str                       #: DOT node names, in the view's direction
    head: str
    points: tuple[Point, ...]       #: spline control points in the view's direction
    tip: Point | None               #: arrow tip
    poly: tuple[Point, ...]         #: flattened polyline, tip included
    label: tuple[str, ...]          #: label lines (empty: no label)
    label_size: tuple[float, float]  #: drawn label box width, height


@dataclass(frozen=True)
class Drawn:
    nodes: dict[str, Box]           #: DOT node name -> symbol box
    kinds: dict[str, str]           #: DOT node name -> view node kind
    edges: tuple[DrawnEdge, ...]
    labels: dict[int, Box]          #: edge index -> label box (labelled edges only)
    width: float
    height: float


def label_size(lines) -> tuple[float, float]:
    """The white box drawn behind an edge label's text."""
    return (lines_width(list(lines)) * FONT_EDGE + 4, len(lines) * LINE_HEIGHT * FONT_EDGE + 2)


def drawn(view: View, layout: Layout, placed: bool = True) -> Drawn:
    """What the SVG draws; ``placed=False``: labels where Graphviz put them."""
    names = dot_node_names(view)
    nodes: dict[str, Box] = {}
    kinds: dict[str, str] = {}
    for node in view.nodes:
        name = names[node.id]
        nb = layout.nodes.get(name)
        if nb is None:
            continue
        spec = node_spec(view, node)
        nodes[name] = (nb.x - spec.width / 2, nb.y - spec.height / 2,
                       nb.x + spec.width / 2, nb.y + spec.height / 2)
        kinds[name] = node.kind
    by_id = {e.id: e for e in layout.edges if e.id}
    edges = []
    for i, edge in enumerate(view.edges, 1):
        ep = by_id.get(f"e{i}")
        if ep is None or not ep.points:
            continue
        pts = list(ep.points)
        tip = ep.end
        if ep.start is not None and ep.end is None:
            pts.reverse()
            tip = ep.start
        spec = edge_label_spec(edge)
        lines = spec.lines if spec is not None else ()
        edges.append(DrawnEdge(i, names[edge.src], names[edge.dst], tuple(pts), tip,
                               tuple(flatten(pts, tip)), tuple(lines),
                               label_size(lines) if lines else (0.0, 0.0)))
    labels = place_labels(edges, nodes, layout) if placed else graphviz_labels(edges, layout)
    return Drawn(nodes, kinds, tuple(edges), labels, layout.width, layout.height)


def _lp(layout: Layout) -> dict:
    return {int(e.id[1:]): e.label_pos for e in layout.edges
            if e.id.startswith("e") and e.id[1:].isdigit() and e.label_pos is not None}


def graphviz_labels(edges, layout: Layout) -> dict[int, Box]:
    """Label boxes centred where Graphviz put each label."""
    lp = _lp(layout)
    return {e.index: _box(lp[e.index], *e.label_size) for e in edges if e.label and e.index in lp}


#: a label's own arrow at most this far from its box, the next arrow this much farther
#: (the thresholds of :mod:`flowdsl.render.measure`, with a point to spare)
FAR_LABEL = 23.0
CLEAR = 9.0
#: gap between a label written beside its arrow and the arrow
BESIDE_GAP = 3.0
#: arrows farther than this from a label box do not count
NEAR = FAR_LABEL + CLEAR + 1


def _box(c: Point, w: float, h: float) -> Box:
    return (c[0] - w / 2, c[1] - h / 2, c[0] + w / 2, c[1] + h / 2)


def place_labels(edges, nodes: dict[str, Box], layout: Layout) -> dict[int, Box]:
    """Label boxes, each unambiguously on or beside its own arrow.

    Graphviz's place is kept when it is good: its own arrow within ``FAR_LABEL``, every
    other arrow at least ``CLEAR`` farther, no symbol and no other label under it.
    Every other label is moved along its own arrow to the best such place: beside the
    arrow (right of a vertical one, above a horizontal one) or, where that is not
    clear, written on the arrow itself, which a white gap interrupts (the textbook
    way). Labels with the fewest good places are placed first. A label with no good
    place keeps the least bad one.
    """
    polys = {e.index: list(e.poly) for e in edges if len(e.poly) > 1}
    index = SegmentIndex(polys)
    node_boxes = [grow(b, 2.0) for b in nodes.values()]
    lp = _lp(layout)
    W, H = layout.width, layout.height

    def faults(e, box: Box, on_arrow: bool | None, runs, symbols) -> int:
        """0 for a good place; else how bad (static: symbols, canvas, arrows)."""
        if box[0] < -1 or box[1] < -1 or box[2] > W + 1 or box[3] > H + 1:
            return 4
        if any(boxes_overlap(box, nb) for nb in symbols):
            return 4
        if runs is not None and not isinstance(runs, list):
            runs = runs()
        own = index.distance(box, e.index, NEAR, runs)
        bad = 0
        if own > FAR_LABEL:
            bad += 2
        if index.other_within(box, e.index, own + CLEAR, NEAR, runs):
            bad += 2        # another arrow about as near as its own
        if on_arrow is False and own < 1.5:
            bad += 1      # "beside" but cut by its own curve
        if on_arrow:
            poly = polys[e.index]
            if point_box_dist(poly[0], box) < 6 or point_box_dist(poly[-1], box) < 14:
                bad += 1  # on the arrowhead or the tail end
        return bad

    def candidates(e):
        w, h = e.label_size
        poly = polys[e.index]
        segs = [math.dist(a, b) for a, b in zip(poly, poly[1:])]
        total = sum(segs)
        out = []       # (cost, box, on_arrow, runs near the box, symbols near the box)
        pos = lp.get(e.index)
        if pos is not None:
            out.append((-1.0, _box(pos, w, h), None, None, node_boxes))
        # every box below lies within this of the arrow: only these symbols can be under one
        reach = grow(poly_bbox(poly), w + h + BESIDE_GAP + 1)
        symbols = [nb for nb in node_boxes if boxes_overlap(nb, reach)]
        if total < 1:
            return out
        step = max(5.0, total / 40)
        k = 0
        while True:
            s = total * 0.1 + k * step
            k += 1
            if s > total * 0.9:
                break
            p, u = point_at(poly, s, segs)
            p0, u0 = point_at(poly, max(0.0, s - 15), segs)
            p1, u1 = point_at(poly, min(total, s + 15), segs)
            bend = abs(math.atan2(u0[0] * u1[1] - u0[1] * u1[0], u0[0] * u1[0] + u0[1] * u1[1]))
            base = 12 * abs(s / total - 0.5) + 6 * bend
            if pos is not None:
                base += 0.01 * math.dist(p, pos)
            n = (-u[1], u[0])
            if n[0] < -1e-6 or (abs(n[0]) <= 1e-6 and n[1] > 0):
                n = (-n[0], -n[1])          # the preferred side: right, else above
            if abs(u[0]) > 0.9:
                n = (n[0], -abs(n[1]))      # a horizontal arrow: above it
                n = (0.0, -1.0) if abs(n[0]) < 0.3 else n
            off = abs(n[0]) * w / 2 + abs(n[1]) * h / 2 + BESIDE_GAP
            # the three boxes at this point share one look-up of the segments near them
            dx, dy = abs(n[0]) * off + w / 2 + NEAR, abs(n[1]) * off + h / 2 + NEAR
            runs = _Once(index.near, (p[0] - dx, p[1] - dy, p[0] + dx, p[1] + dy))
            out.append((base, _box((p[0] + n[0] * off, p[1] + n[1] * off), w, h), False, runs, symbols))
            out.append((base + 4, _box((p[0] - n[0] * off, p[1] - n[1] * off), w, h), False, runs, symbols))
            out.append((base + 8, _box(p, w, h), True, runs, symbols))
        return out

    labelled = [e for e in edges if e.label and e.index in polys]
    options = {e.index: _Options(candidates(e), lambda c, e=e: faults(e, *c[1:])) for e in labelled}
    placed: dict[int, Box] = {}

    def free(box: Box) -> bool:
        return not any(boxes_overlap(grow(box, 2.0), other) for other in placed.values())

    order = sorted(labelled, key=lambda e: (options[e.index].good(GOOD_ENOUGH), e.index))
    for e in order:
        opts = options[e.index]
        if opts.cands and opts.cands[0][0] == -1.0 and opts.fault(0) == 0 and free(opts.cands[0][1]):
            placed[e.index] = opts.cands[0][1]      # Graphviz's own place is good: keep it
    for e in order:
        opts = options[e.index]
        if e.index in placed or not opts.cands:
            continue
        choice = next((b for b in opts.good_boxes() if free(b)), None)
        if choice is None:
            ranked = opts.ranked()
            choice = next((b for b in ranked if free(b)), ranked[0])
        placed[e.index] = choice
    return {i: placed[i] for i in sorted(placed)}


#: labels with at least this many good places are equally easy (placed last, by index)
GOOD_ENOUGH = 10


class _Once:
    """``f(*args)``, computed on the first call only."""

    def __init__(self, f, *args):
        self.f, self.args, self.value = f, args, None

    def __call__(self):
        if self.value is None:
            self.value = self.f(*self.args)
        return self.value


class _Options:
    """One label's candidate places in cost order, each measured only when needed.

    ``cands``: ``(cost, box, ...)`` sorted by cost (ties in the given order);
    ``measure(cand)`` gives its faults. The places are asked for best first, so most
    labels have only their cheapest few candidates measured.
    """

    def __init__(self, cands, measure):
        self.cands = sorted(cands, key=lambda c: c[0])
        self.measure = measure
        self.faults: list[int] = []

    def fault(self, k: int) -> int:
        while len(self.faults) <= k:
            self.faults.append(self.measure(self.cands[len(self.faults)]))
        return self.faults[k]

    def good(self, cap: int) -> int:
        """How many good (fault-free) places, counted up to ``cap``."""
        n = 0
        for k in range(len(self.cands)):
            if n >= cap:
                break
            n += self.fault(k) == 0
        return n

    def good_boxes(self):
        """The good places' boxes, cheapest first."""
        for k in range(len(self.cands)):
            if self.fault(k) == 0:
                yield self.cands[k][1]

    def ranked(self) -> list[Box]:
        """Every place's box, fewest faults first, then cheapest."""
        order = sorted(range(len(self.cands)), key=lambda k: (self.fault(k), k))
        return [self.cands[k][1] for k in order]
