"""Small pieces of right-angle routing (:mod:`flowdsl.render.ortho`): the rows (bands)
of a layout's symbols, where a curve reaches a height; the tracks: which horizontal runs
of one gap need tracks of their own, the order of those tracks that crosses fewest
vertical runs, and a route's points cleaned of repeats and straight-through corners."""

from __future__ import annotations

from itertools import permutations

Point = tuple[float, float]
Box = tuple[float, float, float, float]


def bands(boxes: dict[str, Box]) -> list[tuple[float, float]]:
    spans = sorted((b[1], b[3]) for b in boxes.values())
    out: list[list[float]] = []
    for a, b in spans:
        if out and a < out[-1][1]:
            out[-1][1] = max(out[-1][1], b)
        else:
            out.append([a, b])
    return [(a, b) for a, b in out]


def _x_at(poly: list[Point], y: float) -> float | None:
    """x where ``poly`` first reaches height ``y`` (None: it never does)."""
    for (ax, ay), (bx, by) in zip(poly, poly[1:]):
        if min(ay, by) - 1e-9 <= y <= max(ay, by) + 1e-9:
            if abs(by - ay) < 1e-9:
                return (ax + bx) / 2
            return ax + (bx - ax) * (y - ay) / (by - ay)
    return None


def _clamp(v: float, lo: float, hi: float) -> float:
    return lo if hi < lo else max(lo, min(hi, v))


def simplify(poly: list[Point]) -> list[Point]:
    """Rounded points, repeated points and straight-through corners dropped."""
    pts: list[Point] = []
    for p in poly:
        p = (round(p[0], 3), round(p[1], 3))
        if pts and abs(p[0] - pts[-1][0]) < 0.01 and abs(p[1] - pts[-1][1]) < 0.01:
            continue
        pts.append(p)
    out: list[Point] = []
    for p in pts:
        if len(out) >= 2:
            a, b = out[-2], out[-1]
            if (abs(a[0] - b[0]) < 0.01 and abs(b[0] - p[0]) < 0.01) or \
                    (abs(a[1] - b[1]) < 0.01 and abs(b[1] - p[1]) < 0.01):
                out[-1] = p
                continue
        out.append(p)
    return out


def overlapping(slots: list[list]) -> list[list[list]]:
    """The jogs of one gap in groups whose horizontal runs overlap (each needs its own track)."""
    items = sorted(slots, key=lambda s: (min(s[1], s[3]), s[0]))
    groups: list[list[list]] = []
    reach = None
    for s in items:
        a, b = min(s[1], s[3]), max(s[1], s[3])
        if groups and a <= reach + 6:
            groups[-1].append(s)
            reach = max(reach, b)
        else:
            groups.append([s])
            reach = b
    return groups


def _cost(upper: list, lower: list) -> int:
    """Crossings between two jogs when ``upper`` takes the higher track."""
    n = 0
    for top, other in ((upper, lower), (lower, upper)):
        a, b = min(other[1], other[3]), max(other[1], other[3])
        for x, d in ((top[1], top[2]), (top[3], top[4])):
            # a stub of ``top`` reaches ``other``'s track when it points toward it
            reaches = (d == "down") if top is upper else (d == "up")
            if reaches and a + 0.5 < x < b - 0.5:
                n += 1
    return n


def best_order(group: list[list]) -> list[list]:
    """The jogs top to bottom, fewest crossings (every order tried for up to 6)."""
    group = sorted(group, key=lambda s: s[0])
    if len(group) == 1:
        return group
    pair = {(i, j): _cost(group[i], group[j]) for i in range(len(group)) for j in range(len(group)) if i != j}
    if len(group) <= 6:
        best = min(permutations(range(len(group))),
                   key=lambda p: (sum(pair[(p[i], p[j])] for i in range(len(p)) for j in range(i + 1, len(p))), p))
        return [group[i] for i in best]
    order: list[int] = []
    for i in range(len(group)):       # insertion, cheapest place
        best_pos = min(range(len(order) + 1), key=lambda pos: (
            sum(pair[(o, i)] for o in order[:pos]) + sum(pair[(i, o)] for o in order[pos:]), pos))
        order.insert(best_pos, i)
    return [group[i] for i in order]



__all__ = ["bands", "simplify", "overlapping", "best_order"]
