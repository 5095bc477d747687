"""Plane geometry on a layout: edge polylines as drawn, boxes, distances, crossings.

Pure functions on plain tuples (points are ``(x, y)`` in layout points, y down);
used by the label placer (:mod:`flowdsl.render.labels`) and by the layout-quality
measure (:mod:`flowdsl.render.measure`).
"""

from __future__ import annotations

import math

Point = tuple[float, float]
Box = tuple[float, float, float, float]   #: x0, y0, x1, y1

#: points sampled on each cubic Bézier segment of a spline
BEZIER_STEPS = 8


def flatten(points, tip: Point | None = None, steps: int = BEZIER_STEPS) -> list[Point]:
    """The polyline of a Graphviz B-spline ``p0 (c1 c2 p)*`` plus its arrow tip."""
    pts = list(points)
    if not pts:
        return []
    out = [pts[0]]
    for i in range(1, len(pts) - (len(pts) - 1) % 3, 3):
        p0, c1, c2, p3 = pts[i - 1], pts[i], pts[i + 1], pts[i + 2]
        for k in range(1, steps + 1):
            t = k / steps
            u = 1 - t
            a, b, c, d = u * u * u, 3 * u * u * t, 3 * u * t * t, t * t * t
            out.append((a * p0[0] + b * c1[0] + c * c2[0] + d * p3[0],
                        a * p0[1] + b * c1[1] + c * c2[1] + d * p3[1]))
    if tip is not None and math.dist(tip, out[-1]) > 0.1:
        out.append(tip)
    return out


def length(poly: list[Point]) -> float:
    return sum(math.dist(a, b) for a, b in zip(poly, poly[1:]))


def point_seg_dist(p: Point, a: Point, b: Point) -> float:
    dx, dy = b[0] - a[0], b[1] - a[1]
    n = dx * dx + dy * dy
    t = 0.0 if n < 1e-12 else max(0.0, min(1.0, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / n))
    return math.hypot(p[0] - a[0] - t * dx, p[1] - a[1] - t * dy)


def point_box_dist(p: Point, box: Box) -> float:
    dx = max(box[0] - p[0], 0.0, p[0] - box[2])
    dy = max(box[1] - p[1], 0.0, p[1] - box[3])
    return math.hypot(dx, dy)


def _cross(o: Point, a: Point, b: Point) -> float:
    return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])


def seg_intersection(a: Point, b: Point, c: Point, d: Point) -> Point | None:
    """Where segments ab and cd cross (proper or touching), else None."""
    d1, d2 = _cross(c, d, a), _cross(c, d, b)
    d3, d4 = _cross(a, b, c), _cross(a, b, d)
    if ((d1 > 0) != (d2 > 0) or d1 == 0 or d2 == 0) and ((d3 > 0) != (d4 > 0) or d3 == 0 or d4 == 0):
        den = (b[0] - a[0]) * (d[1] - c[1]) - (b[1] - a[1]) * (d[0] - c[0])
        if abs(den) < 1e-12:
            return None   # parallel (collinear overlaps are not crossings)
        t = ((c[0] - a[0]) * (d[1] - c[1]) - (c[1] - a[1]) * (d[0] - c[0])) / den
        if -1e-9 <= t <= 1 + 1e-9:
            u = ((c[0] - a[0]) * (b[1] - a[1]) - (c[1] - a[1]) * (b[0] - a[0])) / den
            if -1e-9 <= u <= 1 + 1e-9:
                return (a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1]))
    return None


def in_box(p: Point, box: Box) -> bool:
    return box[0] <= p[0] <= box[2] and box[1] <= p[1] <= box[3]


def seg_box_dist(a: Point, b: Point, box: Box) -> float:
    """Distance between segment ab and an axis-parallel box (0 when they meet)."""
    if in_box(a, box) or in_box(b, box):
        return 0.0
    x0, y0, x1, y1 = box
    corners = ((x0, y0), (x1, y0), (x1, y1), (x0, y1))
    for c, d in zip(corners, corners[1:] + corners[:1]):
        if seg_intersection(a, b, c, d) is not None:
            return 0.0
    return min(min(point_box_dist(a, box), point_box_dist(b, box)),
               min(point_seg_dist(c, a, b) for c in corners))


def poly_bbox(poly: list[Point]) -> Box:
    xs = [p[0] for p in poly]
    ys = [p[1] for p in poly]
    return (min(xs), min(ys), max(xs), max(ys))


def grow(box: Box, d: float) -> Box:
    return (box[0] - d, box[1] - d, box[2] + d, box[3] + d)


def boxes_overlap(a: Box, b: Box, tol: float = 0.0) -> bool:
    return a[0] < b[2] - tol and b[0] < a[2] - tol and a[1] < b[3] - tol and b[1] < a[3] - tol


def poly_box_dist(poly: list[Point], box: Box, limit: float = math.inf) -> float:
    """Distance from a polyline to a box; segments farther than ``limit`` are skipped."""
    best = math.inf
    g = grow(box, min(limit, 1e6))
    for a, b in zip(poly, poly[1:]):
        if limit < math.inf and (max(a[0], b[0]) < g[0] or min(a[0], b[0]) > g[2]
                                 or max(a[1], b[1]) < g[1] or min(a[1], b[1]) > g[3]):
            continue
        best = min(best, seg_box_dist(a, b, box))
        if best == 0.0:
            break
    return best


def poly_hits_box(poly: list[Point], box: Box) -> bool:
    return poly_box_dist(poly, box, 0.5) == 0.0


def crossings(p: list[Point], q: list[Point]) -> list[Point]:
    """Points where two polylines cross."""
    out: list[Point] = []
    bq = poly_bbox(q)
    for a, b in zip(p, p[1:]):
        if (max(a[0], b[0]) < bq[0] or min(a[0], b[0]) > bq[2]
                or max(a[1], b[1]) < bq[1] or min(a[1], b[1]) > bq[3]):
            continue
        for c, d in zip(q, q[1:]):
            if (max(a[0], b[0]) < min(c[0], d[0]) or min(a[0], b[0]) > max(c[0], d[0])
                    or max(a[1], b[1]) < min(c[1], d[1]) or min(a[1], b[1]) > max(c[1], d[1])):
                continue
            x = seg_intersection(a, b, c, d)
            if x is not None and all(math.dist(x, y) > 3.0 for y in out):
                out.append(x)
    return out


def point_at(poly: list[Point], s: float) -> tuple[Point, Point]:
    """The point at arc length ``s`` along ``poly`` and the unit direction there."""
    for a, b in zip(poly, poly[1:]):
        seg = math.dist(a, b)
        if seg <= 1e-9:
            continue
        if s <= seg:
            t = s / seg
            return ((a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])),
                    ((b[0] - a[0]) / seg, (b[1] - a[1]) / seg))
        s -= seg
    a, b = poly[-2], poly[-1]
    seg = math.dist(a, b) or 1.0
    return (b, ((b[0] - a[0]) / seg, (b[1] - a[1]) / seg))


class SegmentIndex:
    """Polylines' segments in a uniform grid, for distance queries near a box."""

    def __init__(self, polys: dict[int, list[Point]], cell: float = 32.0):
        self.cell = cell
        self.grid: dict[tuple[int, int], list[tuple[int, Point, Point]]] = {}
        for key, poly in polys.items():
            for a, b in zip(poly, poly[1:]):
                for c in self._cells((min(a[0], b[0]), min(a[1], b[1]), max(a[0], b[0]), max(a[1], b[1]))):
                    self.grid.setdefault(c, []).append((key, a, b))

    def _cells(self, box: Box):
        c = self.cell
        for i in range(int(math.floor(box[0] / c)), int(math.floor(box[2] / c)) + 1):
            for j in range(int(math.floor(box[1] / c)), int(math.floor(box[3] / c)) + 1):
                yield (i, j)

    def nearest(self, box: Box, limit: float) -> dict[int, float]:
        """key -> distance from ``box`` of every polyline within ``limit`` of it."""
        out: dict[int, float] = {}
        seen = set()
        for c in self._cells(grow(box, limit)):
            for item in self.grid.get(c, ()):
                if id(item) in seen:
                    continue
                seen.add(id(item))
                key, a, b = item
                # the gap between the segment's bounding box and ``box`` is a lower bound of
                # the distance: a segment that cannot be nearer is not measured (same result)
                gap = max(box[0] - max(a[0], b[0]), min(a[0], b[0]) - box[2], 0.0) ** 2 + \
                    max(box[1] - max(a[1], b[1]), min(a[1], b[1]) - box[3], 0.0) ** 2
                if gap > min(limit, out.get(key, math.inf)) ** 2:
                    continue
                d = seg_box_dist(a, b, box)
                if d <= limit and d < out.get(key, math.inf):
                    out[key] = d
        return out
