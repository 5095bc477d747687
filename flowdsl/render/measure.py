"""The layout-quality measure of one diagram (issue 9), from our own drawn geometry.

:func:`measure` lays nothing out: it reads a view and its layout through
:func:`flowdsl.render.labels.drawn` (node boxes, edge polylines as drawn, label boxes)
and returns a dict of figures:

* ``labels``  - edges that carry a label;
* ``a`` ambiguous labels: the nearest arrow other than the label's own is less than
  ``AMBIGUOUS_GAP`` farther than its own, or its own is more than ``FAR_LABEL`` away;
* ``b`` labels overlapping a node or another label;
* ``c`` edge crossings (points where two edges cross, away from a shared end node);
* ``d`` edges passing through a node that is not one of their ends (edge, node pairs);
* ``e`` edges longer than ``LONG_EDGE`` of the sheet's long side (the whole drawing:
  title, margins and title block included);
* ``f`` ledger / store edges longer than twice the diagram's median edge.

``benchmarks/layout.py`` prints these per diagram with totals; tests assert the
targets on the samples. More columns are added by adding keys to the dict.
"""

from __future__ import annotations

import math

from flowdsl.render.geometry import (
    boxes_overlap, crossings, grow, length, point_box_dist, poly_bbox, poly_box_dist,
    poly_hits_box,
)
from flowdsl.render.labels import Drawn, drawn
from flowdsl.render.layout import Layout
from flowdsl.views.graph import View

AMBIGUOUS_GAP = 8.0
FAR_LABEL = 24.0
LONG_EDGE = 0.6
#: a node box is shrunk by this before testing whether an edge passes through it
NODE_INSET = 2.0
#: crossings this close to a node both edges touch are where they meet, not crossings
END_ZONE = 8.0

COLUMNS = ("labels", "a", "b", "c", "d", "e", "f")


def measure(view: View, layout: Layout, placed: bool = True) -> dict:
    """The figures of ``view`` drawn on ``layout`` (see the module doc); ``placed=False``
    measures the labels where Graphviz put them instead of where flowdsl draws them."""
    g = drawn(view, layout, placed)
    return measure_drawn(g, sheet_size(view, layout))


def sheet_size(view: View, layout: Layout) -> tuple[float, float]:
    """Width and height of the whole drawing (title, lanes, title block) in points."""
    import re

    from flowdsl.render.svg import view_to_svg
    m = re.search(r'viewBox="0 0 ([0-9.]+) ([0-9.]+)"', view_to_svg(view, layout))
    return (float(m.group(1)), float(m.group(2))) if m else (layout.width, layout.height)


def _touching_pairs(g: Drawn, edges: list, boxes: dict) -> list[tuple[int, int]]:
    """The pairs (i, j), i < j, of ``edges`` whose bounding boxes touch, in that order:
    the only ones that can cross. A sweep along the drawing's long side, so that a big
    chart's arrows far apart are never compared (the same figures, without the
    quadratic loop)."""
    inf = math.inf
    bbox = [boxes[e.index] or (inf, inf, -inf, -inf) for e in edges]
    lo, hi, olo, ohi = (1, 3, 0, 2) if g.height > g.width else (0, 2, 1, 3)
    order = sorted(range(len(edges)), key=lambda k: bbox[k][lo])
    pairs = []
    for n, k in enumerate(order):
        pb = bbox[k]
        for j in order[n + 1:]:
            qb = bbox[j]
            if qb[lo] > pb[hi]:
                break
            if qb[olo] <= pb[ohi] and pb[olo] <= qb[ohi]:
                pairs.append((min(k, j), max(k, j)))
    return sorted(pairs)


def measure_drawn(g: Drawn, sheet: tuple[float, float] | None = None,
                  columns: tuple[str, ...] = COLUMNS) -> dict:
    """The figures of :data:`COLUMNS` on ``g``; only those in ``columns`` are computed
    (the others stay 0: the crossing search asks for c, then d, e, f)."""
    out = {k: 0 for k in COLUMNS}
    out["details"] = details = []
    polys = {e.index: list(e.poly) for e in g.edges}
    #: each arrow's bounding box (None: no points), read by c and d
    boxes = {i: poly_bbox(p) if p else None for i, p in polys.items()}
    want = set(columns)
    for e in (g.edges if want & {"labels", "a", "b"} else ()):
        box = g.labels.get(e.index)
        if box is None:
            continue
        out["labels"] += 1
        own = poly_box_dist(polys[e.index], box)
        other = min((poly_box_dist(polys[o.index], box, own + AMBIGUOUS_GAP)
                     for o in g.edges if o.index != e.index), default=math.inf)
        if own > FAR_LABEL or other < own + AMBIGUOUS_GAP:
            out["a"] += 1
            details.append(("a", e.index, round(own, 1), round(other, 1)))
        hit = [n for n, nb in g.nodes.items() if boxes_overlap(box, nb, 0.5)]
        hit += [f"label e{j}" for j, lb in g.labels.items() if j != e.index and boxes_overlap(box, lb, 0.5)]
        if hit:
            out["b"] += 1
            details.append(("b", e.index, *hit))
    edges = list(g.edges)
    for i, j in (_touching_pairs(g, edges, boxes) if "c" in want else ()):
        p, q = edges[i], edges[j]
        shared = [g.nodes[n] for n in {p.tail, p.head} & {q.tail, q.head} if n in g.nodes]
        for x in crossings(polys[p.index], polys[q.index]):
            if any(point_box_dist(x, nb) < END_ZONE for nb in shared):
                continue
            out["c"] += 1
            details.append(("c", p.index, q.index))
    for e in (edges if "d" in want else ()):
        # a node that the edge's bounding box does not reach is not hit (poly_hits_box
        # would skip every segment): the same figure, without the segment loop
        pb = boxes[e.index]
        for n, nb in g.nodes.items():
            if n in (e.tail, e.head):
                continue
            inner = grow(nb, -NODE_INSET)
            reach = grow(inner, 0.5)
            if pb is None or (pb[2] < reach[0] or pb[0] > reach[2]
                              or pb[3] < reach[1] or pb[1] > reach[3]):
                continue
            if inner[0] < inner[2] and inner[1] < inner[3] and poly_hits_box(polys[e.index], inner):
                out["d"] += 1
                details.append(("d", e.index, n))
    if not want & {"e", "f"}:
        return out
    lengths = {e.index: length(polys[e.index]) for e in edges}
    long_side = max(sheet or (g.width, g.height))
    for e in (edges if "e" in want else ()):
        if lengths[e.index] > LONG_EDGE * long_side:
            out["e"] += 1
            details.append(("e", e.index, round(lengths[e.index])))
    if lengths and "f" in want:
        median = _median(lengths.values())
        for e in edges:
            if ({g.kinds.get(e.tail), g.kinds.get(e.head)} & {"ledger", "store"}
                    and lengths[e.index] > 2 * median):
                out["f"] += 1
                details.append(("f", e.index, round(lengths[e.index]), round(median)))
    return out


def _median(values) -> float:
    """``statistics.median`` (the same arithmetic), without importing ``statistics``
    (~5 ms of a cold render: this module is on the render path through the crossing search)."""
    data = sorted(values)
    n = len(data)
    return data[n // 2] if n % 2 else (data[n // 2 - 1] + data[n // 2]) / 2


def format_table(rows: list[tuple[str, dict]], columns=COLUMNS, title: str = "diagram",
                 lowest: tuple[str, ...] = ("g",)) -> str:
    """A plain-text table: one row per (name, figures) and a total row (for the
    ``lowest`` columns, such as g, the printed text size: the smallest value)."""
    import unicodedata

    def cols(s: str) -> int:   # CJK characters take two columns in a terminal
        return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in s)

    def pad(s: str, n: int) -> str:
        return s + " " * max(0, n - cols(s))

    width = max([len(title), 5] + [cols(n) for n, _ in rows])
    cw = max([6] + [len(c) for c in columns])
    head = pad(title, width) + "  " + "  ".join(f"{c:>{cw}}" for c in columns)
    lines = [head, "-" * len(head)]
    totals = {c: 0 for c in columns}
    for k, (name, fig) in enumerate(rows):
        lines.append(pad(name, width) + "  " + "  ".join(f"{fig.get(c, 0):>{cw}}" for c in columns))
        for c in columns:
            v = fig.get(c, 0)
            if c in lowest:
                totals[c] = v if k == 0 else min(totals[c], v)
                continue
            totals[c] = totals[c] + v if isinstance(v, (int, float)) else totals[c]
    lines.append("-" * len(head))
    lines.append(pad("total", width) + "  " + "  ".join(f"{totals[c]:>{cw}}" for c in columns))
    return "\n".join(lines)
