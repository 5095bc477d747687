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


def point_at(poly: list[Point], s: float, segs: list[float] | None = None) -> tuple[Point, Point]:
    """The point at arc length ``s`` along ``poly`` and the unit direction there
    (``segs``: the lengths of its segments, when known)."""
    for a, b, seg in zip(poly, poly[1:], segs or [math.dist(a, b) for a, b in zip(poly, poly[1:])]):
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


def _seg_box(ax: float, ay: float, bx: float, by: float, box: Box) -> float:
    """:func:`seg_box_dist` with the crossing test done by clipping (same figures)."""
    x0, y0, x1, y1 = box
    if (x0 <= ax <= x1 and y0 <= ay <= y1) or (x0 <= bx <= x1 and y0 <= by <= y1):
        return 0.0
    dx, dy = bx - ax, by - ay
    t0, t1 = 0.0, 1.0
    for p, q in ((-dx, ax - x0), (dx, x1 - ax), (-dy, ay - y0), (dy, y1 - ay)):
        if p == 0.0:
            if q < 0.0:
                break
        else:
            r = q / p
            if p < 0.0:
                if r > t0:
                    t0 = r
            elif r < t1:
                t1 = r
            if t0 > t1:
                break
    else:
        return 0.0                      # the segment passes through the box
    # apart: the nearest of the end points to the box and of the corners to the segment
    # (the arithmetic of point_box_dist and point_seg_dist, inlined)
    # (``max(p - q, r - s, 0.0)`` written out: at most one of the two is positive)
    best = min(math.hypot(x0 - ax if x0 > ax else ax - x1 if ax > x1 else 0.0,
                          y0 - ay if y0 > ay else ay - y1 if ay > y1 else 0.0),
               math.hypot(x0 - bx if x0 > bx else bx - x1 if bx > x1 else 0.0,
                          y0 - by if y0 > by else by - y1 if by > y1 else 0.0))
    sx0, sx1 = (ax, bx) if ax <= bx else (bx, ax)
    sy0, sy1 = (ay, by) if ay <= by else (by, ay)
    n = dx * dx + dy * dy
    for cx, cy in ((x0, y0), (x1, y0), (x1, y1), (x0, y1)):
        gx = sx0 - cx if sx0 > cx else cx - sx1 if cx > sx1 else 0.0
        gy = sy0 - cy if sy0 > cy else cy - sy1 if cy > sy1 else 0.0
        if gx * gx + gy * gy >= best * best:
            continue                    # not nearer than the segment's box: not nearer
        t = 0.0 if n < 1e-12 else max(0.0, min(1.0, ((cx - ax) * dx + (cy - ay) * dy) / n))
        d = math.hypot(cx - ax - t * dx, cy - ay - t * dy)
        if d < best:
            best = d
    return best


class SegmentIndex:
    """Polylines' segments in a uniform grid, for distance queries near a box.

    Segments are kept in runs of ``run`` consecutive segments of one polyline (one
    flattened Bézier piece), each run and each segment with its bounding box; the grid
    holds runs. A query skips every run and every segment whose box is farther than
    what is already known, so it measures few segments exactly.
    """

    def __init__(self, polys: dict[int, list[Point]], cell: float = 32.0, run: int = BEZIER_STEPS):
        self.cell = cell
        #: (key, x0, y0, x1, y1, ((ax, ay, bx, by, sx0, sy0, sx1, sy1), ...))
        self.runs: list[tuple] = []
        self.grid: dict[tuple[int, int], list[int]] = {}
        for key, poly in polys.items():
            for k in range(0, len(poly) - 1, run):
                segs = tuple((a[0], a[1], b[0], b[1], min(a[0], b[0]), min(a[1], b[1]),
                              max(a[0], b[0]), max(a[1], b[1]))
                             for a, b in zip(poly[k:k + run], poly[k + 1:k + run + 1]))
                rb = (min(s[4] for s in segs), min(s[5] for s in segs),
                      max(s[6] for s in segs), max(s[7] for s in segs))
                for c in self._cells(rb):
                    self.grid.setdefault(c, []).append(len(self.runs))
                self.runs.append((key, *rb, segs))

    def _cells(self, box: Box):
        c = self.cell
        for i in range(int(math.floor(box[0] / c)), int(math.floor(box[2] / c)) + 1):
            for j in range(int(math.floor(box[1] / c)), int(math.floor(box[3] / c)) + 1):
                yield (i, j)

    def near(self, box: Box) -> list[int]:
        """The runs in the grid cells that ``box`` meets (ascending, each once)."""
        found: set[int] = set()
        grid, c = self.grid, self.cell
        js = range(int(math.floor(box[1] / c)), int(math.floor(box[3] / c)) + 1)
        for i in range(int(math.floor(box[0] / c)), int(math.floor(box[2] / c)) + 1):
            for j in js:
                cell = grid.get((i, j))
                if cell:
                    found.update(cell)
        return sorted(found)

    def distance(self, box: Box, key: int, limit: float, runs: list[int] | None = None) -> float:
        """Distance from ``box`` of polyline ``key``; infinite when farther than ``limit``.

        ``runs``: the runs to look at, from :meth:`near` on a box that holds ``box``
        grown by ``limit`` (to share one grid look-up between near boxes).
        """
        bx0, by0, bx1, by1 = box
        best = math.inf
        lim2 = limit * limit
        for r in self.near(grow(box, limit)) if runs is None else runs:
            k, x0, y0, x1, y1, segs = self.runs[r]
            if k != key:
                continue
            # the gap between a box around segments and ``box`` is a lower bound of their
            # distance: what cannot be nearer is not measured (same result)
            gx = bx0 - x1 if bx0 > x1 else x0 - bx1 if x0 > bx1 else 0.0
            gy = by0 - y1 if by0 > y1 else y0 - by1 if y0 > by1 else 0.0
            if gx * gx + gy * gy > lim2:
                continue
            for ax, ay, bx, by, sx0, sy0, sx1, sy1 in segs:
                gx = bx0 - sx1 if bx0 > sx1 else sx0 - bx1 if sx0 > bx1 else 0.0
                gy = by0 - sy1 if by0 > sy1 else sy0 - by1 if sy0 > by1 else 0.0
                g2 = gx * gx + gy * gy
                if g2 > lim2 or (g2 == lim2 and best < math.inf):
                    continue
                d = _seg_box(ax, ay, bx, by, box)
                if d <= limit and d < best:
                    best = d
                    lim2 = d * d
        return best

    def other_within(self, box: Box, key: int, below: float, limit: float,
                     runs: list[int] | None = None) -> bool:
        """Whether a polyline other than ``key`` is nearer ``box`` than ``below`` (and
        within ``limit``); ``runs`` as for :meth:`distance`."""
        bx0, by0, bx1, by1 = box
        below2, lim2 = below * below, limit * limit
        for r in self.near(grow(box, limit)) if runs is None else runs:
            k, x0, y0, x1, y1, segs = self.runs[r]
            if k == key:
                continue
            gx = bx0 - x1 if bx0 > x1 else x0 - bx1 if x0 > bx1 else 0.0
            gy = by0 - y1 if by0 > y1 else y0 - by1 if y0 > by1 else 0.0
            g2 = gx * gx + gy * gy
            if g2 >= below2 or g2 > lim2:
                continue
            for ax, ay, bx, by, sx0, sy0, sx1, sy1 in segs:
                gx = bx0 - sx1 if bx0 > sx1 else sx0 - bx1 if sx0 > bx1 else 0.0
                gy = by0 - sy1 if by0 > sy1 else sy0 - by1 if sy0 > by1 else 0.0
                g2 = gx * gx + gy * gy
                if g2 >= below2 or g2 > lim2:
                    continue
                d = _seg_box(ax, ay, bx, by, box)
                if d < below and d <= limit:
                    return True
        return False
