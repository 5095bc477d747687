"""After layout: squeeze the empty columns out of a vertical swimlane chart (the empty
rows out of a horizontal one).

Graphviz spreads a swimlane chart wider than its content (the lane boundaries are
straight chains that every rank's nodes push on). Here the x axis is remapped by a
monotone piecewise-linear map: the columns that hold a symbol, a lane header or a
label keep their width, and every empty column between them shrinks to at most
``GAP``. Monotone in x, so no crossing appears or disappears and every node stays in
its lane; edge control points are mapped like everything else.
"""

from __future__ import annotations

from flowdsl.render.layout import BBox, EdgePath, Layout, NodeBox

#: room kept free on each side of a symbol or label (points): enough for an arrow to
#: pass between a symbol and the lane boundary
BUSY_MARGIN = 10.0

#: widest an empty column stays (points), when the squeeze allows
GAP = 16.0


#: an empty column shrinks to no less than its width over this (keeps the map smooth)
MAX_SQUEEZE = 2.1


def _map(busy: list[tuple[float, float]], gap: float):
    """The x map: identity shifts on the busy columns; on each empty column of width L a
    cubic with slope 1 at both ends (so curves keep their tangents, no kinks) onto
    max(min(L, gap), L / MAX_SQUEEZE), monotone (Fritsch-Carlson: L / G <= 2.12)."""
    merged: list[list[float]] = []
    for a, b in sorted(busy):
        if merged and a <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b])
    pieces = []   # (x0, x1, y0, new length) of every empty column
    shift = 0.0
    for (a, b), (c, _) in zip(merged, merged[1:]):
        length = c - b
        new = max(min(length, gap), length / MAX_SQUEEZE)
        pieces.append((b, c, b - shift, new))
        shift += length - new

    def f(x: float) -> float:
        s = 0.0
        for x0, x1, y0, new in pieces:
            if x <= x0:
                return x - s
            if x < x1:
                length = x1 - x0
                t = (x - x0) / length
                return y0 + (t ** 3 - 2 * t * t + t) * length + (-2 * t ** 3 + 3 * t * t) * new \
                    + (t ** 3 - t * t) * length
            s += (x1 - x0) - new
        return x - s
    return f


#: squeeze passes: each shrinks an empty column by up to MAX_SQUEEZE and keeps the
#: curves smooth; more passes squeeze further but bend long arrows into S-curves that
#: run along lane boundaries (seen on SA-003), so one
PASSES = 1


def compact_lanes(layout: Layout, view) -> Layout:
    """``layout`` of a swimlane chart with its empty columns squeezed (horizontal lanes:
    its empty rows, the same squeeze on the transposed layout)."""
    if not view.lanes or not layout.nodes:
        return layout
    from flowdsl.render.specs import edge_label_spec
    across = view.lane_direction == "horizontal"
    half = {}
    for i, edge in enumerate(view.edges, 1):
        spec = edge_label_spec(edge)
        if spec is not None:
            half[f"e{i}"] = (spec.height if across else spec.width) / 2
    if across:
        layout = _transpose(layout)
    for _ in range(PASSES):
        layout = _squeeze(layout, half)
    return _transpose(layout) if across else layout


def _transpose(layout: Layout) -> Layout:
    """``layout`` with x and y swapped (a horizontal-lane chart squeezed as a vertical one)."""
    def p(pt):
        return None if pt is None else (pt[1], pt[0])

    nodes = {k: NodeBox(v.name, v.y, v.x, v.height, v.width, v.attrs) for k, v in layout.nodes.items()}
    edges = tuple(EdgePath(e.id, e.tail, e.head, tuple((y, x) for x, y in e.points), p(e.end), p(e.start),
                           p(e.label_pos), e.invisible) for e in layout.edges)
    clusters = {k: BBox(b.y0, b.x0, b.y1, b.x1) for k, b in layout.clusters.items()}
    return Layout(layout.height, layout.width, nodes, edges, clusters)


def _squeeze(layout: Layout, half: dict[str, float]) -> Layout:
    m = BUSY_MARGIN
    busy = [(nb.x - nb.width / 2 - m, nb.x + nb.width / 2 + m) for nb in layout.nodes.values()]
    for e in layout.edges:
        if e.label_pos is not None and e.id in half:   # room for the label near its arrow
            busy.append((e.label_pos[0] - half[e.id], e.label_pos[0] + half[e.id]))
    f = _map(busy, GAP)

    def p(pt):
        return None if pt is None else (round(f(pt[0]), 3), pt[1])

    def spline(points):
        """Junctions mapped; each control point moved with its junction's local slope,
        so the curve stays smooth (C1) where two Bézier pieces meet."""
        out = []
        for i, (x, y) in enumerate(points):
            j = i if i % 3 == 0 else (i - 1 if i % 3 == 1 else min(i + 1, len(points) - 1))
            jx = points[j][0]
            slope = (f(jx + 0.5) - f(jx - 0.5))
            out.append((round(f(jx) + slope * (x - jx), 3), y))
        return tuple(out)

    nodes = {k: NodeBox(v.name, round(f(v.x), 3), v.y, v.width, v.height, v.attrs)
             for k, v in layout.nodes.items()}
    edges = tuple(EdgePath(e.id, e.tail, e.head, spline(e.points), p(e.end), p(e.start),
                           p(e.label_pos), e.invisible) for e in layout.edges)
    clusters = {k: BBox(round(f(b.x0), 3), b.y0, round(f(b.x1), 3), b.y1) for k, b in layout.clusters.items()}
    width = f(layout.width)
    # the frame starts at 0 like before
    x_min = min([0.0] + [b.x0 for b in clusters.values()])
    if x_min < 0:
        from flowdsl.render.layout import _shift
        return _shift(Layout(width - x_min, layout.height, nodes, edges, clusters), -x_min, 0.0)
    return Layout(round(width, 3), layout.height, nodes, edges, clusters)
