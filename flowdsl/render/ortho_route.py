"""The router of right-angle arrows (:mod:`flowdsl.render.ortho` has the whole story):
rows and gaps of a finished layout, ports spread per side, each arrow's route chosen
among a few candidates, tracks assigned per gap."""

from __future__ import annotations

from flowdsl.render.geometry import Box, flatten
from flowdsl.render.layout import EdgePath, Layout
from flowdsl.render.ortho_tracks import _clamp, _x_at, bands, best_order, overlapping, simplify

ARROW = 9.0          #: arrowhead length (symbols.ARROW_LEN)
END_ROOM = 13.0      #: a track keeps this far from a row: room for an arrowhead
TRACK = 8.0          #: horizontal runs in one gap at least this far apart
PORT_GAP = 12.0      #: ports on one side at least this far apart (when the side allows)
WALL = 10.0          #: a vertical run keeps this far from a lane boundary
CLEAR = 4.0          #: a vertical run keeps this far from a symbol it passes
LABEL_SLACK = 12.0    #: a route may pass this far from where Graphviz kept its label room
MAX_TURNS = 12       #: gaps tried for the one turn of a long arrow
LOOP = 16.0          #: a loop's reach to the right of its symbol

Point = tuple[float, float]



class Router:
    def __init__(self, layout: Layout, boxes: dict[str, Box], shapes: dict[str, str],
                 labels: dict[str, Box] | None = None) -> None:
        self.layout, self.shapes = layout, shapes
        self.nodes = boxes
        #: what a run must not cross: the symbols and the labels' reserved room
        self.boxes = {**boxes, **{"label:" + k: b for k, b in (labels or {}).items()}}
        self.bands = bands(self.boxes)
        self.band_of = {n: self._band(b) for n, b in self.boxes.items()}
        self.members: list[list[tuple[str, Box]]] = [[] for _ in self.bands]
        for n, b in self.boxes.items():
            self.members[self.band_of[n]].append((n, b))
        self.vcols: dict[int, list[float]] = {}   # band -> x of the vertical runs taken
        #: lane boundaries (vertical lines in routing space): no run along one
        self.walls = sorted({round(v, 3) for k, b in layout.clusters.items() if k.startswith("cluster_lane")
                             for v in (b.x0, b.x1)})
        self.jogs: dict[int, list[list]] = {}
        self.passes: dict[int, list[float]] = {}   # gap -> x of the runs straight through it

    def extra_room(self) -> dict[int, float]:
        """How much taller each gap must be for its tracks (TRACK apart, END_ROOM clear)."""
        out = {}
        for g, slots in self.jogs.items():
            if g < 0 or g + 1 >= len(self.bands):
                continue
            n = max(len(grp) for grp in overlapping(slots))
            top, bottom = self.gap(g)
            need = 2 * END_ROOM + (n - 1) * TRACK
            if bottom - top < need - 0.5:
                out[g] = round(need - (bottom - top), 3)
        return out

    def _band(self, box: Box) -> int:
        c = (box[1] + box[3]) / 2
        return next(i for i, (a, b) in enumerate(self.bands) if a - 1e-6 <= c <= b + 1e-6)

    def gap(self, g: int) -> tuple[float, float]:
        """The free stretch below band ``g`` (g = -1: above the first band)."""
        top = self.bands[g][1] if g >= 0 else self.bands[0][0] - 2 * END_ROOM - 8
        bottom = self.bands[g + 1][0] if g + 1 < len(self.bands) else self.bands[-1][1] + 2 * END_ROOM + 8
        return top, bottom

    # ------------------------------------------------------------------ ports
    def inner(self, name: str, axis: int) -> tuple[float, float]:
        b = self.boxes[name]
        lo, hi = (b[0], b[2]) if axis == 0 else (b[1], b[3])
        m = min(12.0, (hi - lo) / 4)
        if self.shapes.get(name) in ("circle", "diamond"):
            m = (hi - lo) * 0.3
        return lo + m, hi - m

    def spread(self, wants: dict[tuple[str, str], list[tuple[float, float, int]]]) -> dict:
        """Port positions: per (node, side) the wanted positions pushed apart."""
        out: dict[tuple[int, str], float] = {}
        for (name, side), items in sorted(wants.items()):
            lo, hi = self.inner(name, 0 if side in ("top", "bottom") else 1)
            items = sorted(items, key=lambda t: (round(t[1], 1), t[0], t[2]))
            k = len(items)
            gap = min(PORT_GAP, (hi - lo) / max(k - 1, 1)) if k > 1 else 0.0
            pos = [_clamp(w, lo, hi) for w, _, _ in items]
            for i in range(1, k):
                pos[i] = max(pos[i], pos[i - 1] + gap)
            if k and pos[-1] > hi:
                pos[-1] = hi
                for i in range(k - 2, -1, -1):
                    pos[i] = min(pos[i], pos[i + 1] - gap)
            for (_, _, idx), p in zip(items, pos):
                out[(idx, name)] = round(max(lo, p) if k == 1 else p, 3)
        return out

    def boundary(self, name: str, x: float, side: str) -> float:
        """The y (x for left/right) where a vertical (horizontal) line at ``x`` meets the
        symbol's outline on ``side``."""
        b = self.boxes[name]
        cx, cy = (b[0] + b[2]) / 2, (b[1] + b[3]) / 2
        shape = self.shapes.get(name)
        if side in ("top", "bottom"):
            half, d, c, edge = (b[3] - b[1]) / 2, abs(x - cx), cy, (b[1] if side == "top" else b[3])
            r = (b[2] - b[0]) / 2
        else:
            half, d, c, edge = (b[2] - b[0]) / 2, abs(x - cy), cx, (b[0] if side == "left" else b[2])
            r = (b[3] - b[1]) / 2
        sign = -1 if side in ("top", "left") else 1
        if shape == "circle" and d < r:
            return c + sign * (r * r - d * d) ** 0.5
        if shape == "diamond" and d < r:
            return c + sign * half * (1 - d / r)
        return edge

    # ------------------------------------------------------------------ checks
    def column_clear(self, x: float, band: int, skip: tuple[str, ...]) -> bool:
        """True when a vertical run at ``x`` crosses band ``band`` clear of its symbols,
        labels and the runs of the routes before it."""
        if any(b[0] - CLEAR < x < b[2] + CLEAR for n, b in self.members[band] if n not in skip):
            return False
        if any(abs(x - w) < WALL for w in self.walls):
            return False
        return not any(abs(vx - x) < 3 for vx in self.vcols.get(band, ()))

    def row_clear(self, y: float, x0: float, x1: float, skip: tuple[str, ...]) -> bool:
        if x1 < x0:
            x0, x1 = x1, x0
        return not any(b[1] - CLEAR < y < b[3] + CLEAR and b[0] < x1 and b[2] > x0
                       for n, b in self.boxes.items() if n not in skip)

    def free_x(self, band: int, x: float, skip: tuple[str, ...]) -> float:
        """The x nearest ``x`` at which a vertical run crosses band ``band`` clear."""
        a, b = self.bands[band]
        blocked = sorted((bx[0] - CLEAR - 2, bx[2] + CLEAR + 2) for n, bx in self.members[band]
                         if n not in skip)
        blocked += [(w - WALL - 1, w + WALL + 1) for w in self.walls]
        cands = [x] + [v for lo, hi in blocked for v in (lo, hi)]
        ok = [c for c in cands if not any(lo < c < hi for lo, hi in blocked)]
        return min(ok, key=lambda c: (abs(c - x), c)) if ok else x

    # ------------------------------------------------------------------ routing
    def run(self) -> tuple[EdgePath, ...]:
        edges = self.layout.edges
        plans = {}
        port_wants: dict[tuple[str, str], list[tuple[float, float, int]]] = {}
        for k, e in enumerate(edges):
            if e.invisible or not e.points or e.tail not in self.boxes or e.head not in self.boxes:
                continue
            back = e.start is not None and e.end is None
            src, dst = (e.head, e.tail) if back else (e.tail, e.head)
            pts = list(e.points)
            guide = flatten(list(reversed(pts)) if back else pts, e.start if back else e.end)
            if src == dst:
                plans[k] = ("loop", src, dst, guide)
                continue
            bs, bd = self.band_of[src], self.band_of[dst]
            if bs == bd:
                plan = self.plan_flat(k, src, dst, guide, port_wants)
            else:
                up, lo = (src, dst) if bs < bd else (dst, src)
                g = guide if bs < bd else list(reversed(guide))
                plan = ("vert", up, lo, g)
                bu, bl = self.boxes[up], self.boxes[lo]
                xu = _x_at(g, bu[3]) if _x_at(g, bu[3]) is not None else g[0][0]
                xl = _x_at(g[::-1], bl[1]) if _x_at(g[::-1], bl[1]) is not None else g[-1][0]
                iu, il = self.inner(up, 0), self.inner(lo, 0)
                if max(iu[0], il[0]) <= min(iu[1], il[1]):     # facing: aim for a straight run
                    mid = _clamp((xu + xl) / 2, max(iu[0], il[0]), min(iu[1], il[1]))
                    xu = xl = mid
                # ports in the order in which the curves go on (a band below, above)
                nb, pb = self.band_of[up] + 1, self.band_of[lo] - 1
                after = _x_at(g, sum(self.bands[nb]) / 2)
                before = _x_at(g[::-1], sum(self.bands[pb]) / 2)
                port_wants.setdefault((up, "bottom"), []).append(
                    (xu, after if after is not None else (bl[0] + bl[2]) / 2, k))
                port_wants.setdefault((lo, "top"), []).append(
                    (xl, before if before is not None else (bu[0] + bu[2]) / 2, k))
            plans[k] = plan
        ports = self.spread(port_wants)
        self.sides_used = set(port_wants)
        routes: dict[int, list[Point]] = {}
        jogs = self.jogs     # gap -> [edge, x_a, dir_a, x_b, dir_b, slot]
        def span(k):     # short routes first: the long ones have the choices
            kind, a, b, _ = plans[k]
            return (abs(self.band_of[b] - self.band_of[a]) if kind == "vert" else 0, k)

        for k in sorted(plans, key=span):
            kind, a, b, guide = plans[k]
            if kind == "loop":
                routes[k] = self.loop(a)
            elif kind == "vert":
                routes[k] = self.route_vert(k, a, b, guide, ports, jogs)
            elif kind == "flat":
                routes[k] = self.route_flat(k, a, b, ports)
            else:       # "over" / "under": a flat edge around its row
                routes[k] = self.route_around(k, kind, a, b, ports, jogs)
        self.assign_tracks(routes, jogs)
        out = []
        for k, e in enumerate(edges):
            if k not in routes:
                out.append(e)
                continue
            kind, a, b, guide = plans[k]
            back = e.start is not None and e.end is None
            src = e.head if back else e.tail
            poly = routes[k]
            if len(simplify(poly)) < 2:      # nothing to draw: Graphviz's line stays
                out.append(e)
                continue
            if kind == "vert" and a != src:
                poly = poly[::-1]
            if kind in ("flat", "over", "under") and a != src:
                poly = poly[::-1]
            out.append(self.edge_path(e, simplify(poly), back))
        return tuple(out)

    def plan_flat(self, k, src, dst, guide, port_wants):
        a, b = self.boxes[src], self.boxes[dst]
        left, right = (src, dst) if a[0] <= b[0] else (dst, src)
        la, rb = self.boxes[left], self.boxes[right]
        lo, hi = max(la[1], rb[1]) + 6, min(la[3], rb[3]) - 6
        if hi >= lo and la[2] < rb[0]:
            # Graphviz's height half-way (its labels are beside its curves), in the overlap
            at = _x_at([(q, p) for p, q in guide], (la[2] + rb[0]) / 2)
            y = _clamp(at if at is not None else ((la[1] + la[3]) / 2 + (rb[1] + rb[3]) / 2) / 2, lo, hi)
            if self.row_clear(y, la[2], rb[0], (left, right, "label:" + self.layout.edges[k].id)):
                port_wants.setdefault((left, "right"), []).append((y, 0.0, k))
                port_wants.setdefault((right, "left"), []).append((y, 0.0, k))
                return ("flat", left, right, guide)
        top = min(la[1], rb[1])
        over = min(p[1] for p in guide) < top - 2 or max(p[1] for p in guide) <= max(la[3], rb[3]) + 2
        side = "top" if over else "bottom"
        for n, other in ((left, rb), (right, la)):
            port_wants.setdefault((n, side), []).append(
                ((self.boxes[n][0] + self.boxes[n][2]) / 2, (other[0] + other[2]) / 2, k))
        return ("over" if over else "under", left, right, guide)

    def route_flat(self, k, left, right, ports):
        y = ports[(k, left)]
        yr = ports[(k, right)]
        y = (y + yr) / 2 if abs(y - yr) < 8 else y
        la, rb = self.boxes[left], self.boxes[right]
        if abs(y - yr) >= 8:      # the two sides disagree: a step in the middle
            xm = (self.boundary(left, y, "right") + self.boundary(right, yr, "left")) / 2
            return [(self.boundary(left, y, "right"), y), (xm, y), (xm, yr), (self.boundary(right, yr, "left"), yr)]
        return [(self.boundary(left, y, "right"), y), (self.boundary(right, y, "left"), y)]

    def route_around(self, k, kind, left, right, ports, jogs):
        band = self.band_of[left]
        g = band - 1 if kind == "over" else band
        side = "top" if kind == "over" else "bottom"
        xa, xb = ports[(k, left)], ports[(k, right)]
        pa = (xa, self.boundary(left, xa, side))
        pb = (xb, self.boundary(right, xb, side))
        d = "down" if kind == "over" else "up"
        slot = [k, xa, d, xb, d, None]
        jogs.setdefault(g, []).append(slot)
        return [pa, ("track", slot, xa), ("track", slot, xb), pb]

    def route_vert(self, k, up, lo, guide, ports, jogs):
        xu, xl = ports[(k, up)], ports[(k, lo)]
        bu, bl = self.band_of[up], self.band_of[lo]
        own = "label:" + self.layout.edges[k].id
        skip = (up, lo, own)
        mids = list(range(bu + 1, bl))
        want = {}
        for r in mids:
            a, b = self.bands[r]
            x = _x_at(guide, (a + b) / 2)
            want[r] = self.free_x(r, x if x is not None else (xu + xl) / 2, skip)
        lab = self.band_of.get(own)
        lab = lab if lab in want else None

        def clear(cols) -> bool:
            return all(self.column_clear(c, r, skip) for c, r in zip(cols[1:-1], mids))

        def cost(cols) -> float:
            bends = sum(abs(p - q) >= 0.5 for p, q in zip(cols, cols[1:]))
            dev = sum(abs(c - want[r]) for c, r in zip(cols[1:-1], mids))
            if lab is not None and abs(cols[1 + mids.index(lab)] - want[lab]) > LABEL_SLACK:
                dev += 300      # the route would leave its own label's side
            return bends * 60 + dev * 0.2 + 80 * self.crossings(bu, cols)

        cands = []
        if abs(xu - xl) < 0.5:
            cands.append([xu] * (len(mids) + 2))
        turns = range(bu, bl)
        if len(turns) > MAX_TURNS:       # a long arrow of a big diagram: a few of its gaps
            step = len(turns) / MAX_TURNS
            turns = sorted({bu, bl - 1} | {bu + int(i * step) for i in range(MAX_TURNS)})
        for g in turns:                  # one turn, in the gap below band g
            cands.append([xu] + [xu if r <= g else xl for r in mids] + [xl])
        if mids:                         # one run past every band between, a turn at each end
            for c in sorted(set(want.values())):
                cands.append([xu] + [c] * len(mids) + [xl])
        if lab is not None:              # past its label, turning above and below it
            cands.append([xu] + [xu if r < lab else want[lab] if r == lab else xl for r in mids] + [xl])
        follow = [xu] + [want[r] for r in mids] + [xl]
        scored = [(cost(c), i, c) for i, c in enumerate(cands) if clear(c)]
        scored.append((cost(follow) + (0 if clear(follow) else 1e6), len(cands), follow))
        cols = min(scored)[2]
        top = (xu, self.boundary(up, xu, "bottom"))
        side = self.side_entry(k, up, cols[1], skip)
        if side is not None:   # a return climbing beside its target enters its side
            top, cols = side, [cols[1]] + cols[1:]
        bot = (xl, self.boundary(lo, xl, "top"))
        poly: list = [top] if side is None else [top, (cols[0], top[1])]
        for i in range(len(cols) - 1):
            g = bu + i
            a, b = cols[i], cols[i + 1]
            if abs(a - b) >= 0.5:
                slot = [k, a, "up", b, "down", None]
                jogs.setdefault(g, []).append(slot)
                poly += [("track", slot, a), ("track", slot, b)]
        poly.append(bot)
        for i, (a, b) in enumerate(zip(cols, cols[1:])):
            if abs(a - b) < 0.5:
                self.passes.setdefault(bu + i, []).append(a)
        for i, c in enumerate(cols):
            # the runs this route takes (for the next routes' clear checks)
            self.vcols.setdefault(bu + i, []).append(c)
        return poly

    def side_entry(self, k: int, up: str, c: float, skip) -> Point | None:
        """Where an arrow whose tip is at ``up`` (a return) and that climbs at ``c`` past
        ``up``'s side enters that side, level with its middle; None: it enters from below."""
        e = self.layout.edges[k]
        dst = e.tail if (e.start is not None and e.end is None) else e.head
        b = self.boxes[up]
        if dst != up or b[0] - 2 * CLEAR < c < b[2] + 2 * CLEAR:
            return None
        y = (b[1] + b[3]) / 2
        x = b[2] if c > b[2] else b[0]
        if (up, "right" if c > b[2] else "left") in self.sides_used:
            return None      # that side has arrows of its own (a ledger beside it)
        band = self.band_of[up]
        lo, hi = min(x, c), max(x, c)
        ok = self.column_clear(c, band, skip) and self.row_clear(y, x, c, skip) \
            and not any(lo < v < hi for v in self.vcols.get(band, ())) \
            and not any(min(j[1], j[3]) < c < max(j[1], j[3]) for j in self.jogs.get(band, ()))
        return (self.boundary(up, y, "right" if c > b[2] else "left"), y) if ok else None

    def crossings(self, bu: int, cols) -> int:
        """The crossings certain for a route with columns ``cols`` from band ``bu`` on:
        its runs straight through a gap across the turns of the routes before it there,
        its turns across their runs straight through that gap."""
        n = 0
        for i, (a, b) in enumerate(zip(cols, cols[1:])):
            g = bu + i
            if abs(a - b) < 0.5:
                n += sum(min(s[1], s[3]) + 0.5 < a < max(s[1], s[3]) - 0.5 for s in self.jogs.get(g, ()))
            else:
                lo, hi = min(a, b), max(a, b)
                n += sum(lo + 0.5 < x < hi - 0.5 for x in self.passes.get(g, ()))
        return n

    def loop(self, name):
        b = self.boxes[name]
        cy, h = (b[1] + b[3]) / 2, b[3] - b[1]
        x = b[2] + LOOP
        return [(b[2], cy - h / 4), (x, cy - h / 4), (x, cy + h / 4), (b[2], cy + h / 4)]

    # ------------------------------------------------------------------ tracks
    def assign_tracks(self, routes, jogs) -> None:
        for g in sorted(jogs):
            top, bottom = self.gap(g)
            lo, hi = top + END_ROOM, bottom - END_ROOM
            if hi < lo:
                lo = hi = (top + bottom) / 2
            for group in overlapping(jogs[g]):
                order = best_order(group)
                n = len(order)
                for i, slot in enumerate(order):
                    slot[5] = round(lo + (hi - lo) * (i + 1) / (n + 1), 3)
        for k, poly in routes.items():
            routes[k] = [(p[2], p[1][5]) if isinstance(p[0], str) else p for p in poly]

    def edge_path(self, e: EdgePath, poly: list[Point], back: bool) -> EdgePath:
        tip = poly[-1]
        (ax, ay) = poly[-2]
        dx, dy = tip[0] - ax, tip[1] - ay
        n = max(abs(dx), abs(dy), 1e-9)
        cut = min(ARROW, n - 0.5) if n > 1 else 0.0
        base = (round(tip[0] - dx / n * cut, 3), round(tip[1] - dy / n * cut, 3))
        line = poly[:-1] + [base]
        pts = [line[0]]
        for p, q in zip(line, line[1:]):
            pts += [(round(p[0] + (q[0] - p[0]) / 3, 3), round(p[1] + (q[1] - p[1]) / 3, 3)),
                    (round(p[0] + 2 * (q[0] - p[0]) / 3, 3), round(p[1] + 2 * (q[1] - p[1]) / 3, 3)),
                    q]
        tipr = (round(tip[0], 3), round(tip[1], 3))
        if back:
            return EdgePath(e.id, e.tail, e.head, tuple(reversed(pts)), None, tipr, e.label_pos, e.invisible)
        if e.end is None:       # no arrowhead at all: the line to the end
            return EdgePath(e.id, e.tail, e.head, tuple(pts[:-1] + [tipr]) if len(pts) > 1 else tuple(pts),
                            None, None, e.label_pos, e.invisible)
        return EdgePath(e.id, e.tail, e.head, tuple(pts), tipr, None, e.label_pos, e.invisible)



__all__ = ["Router", "TRACK", "END_ROOM", "WALL"]
