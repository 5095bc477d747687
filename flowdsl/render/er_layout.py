"""ER diagram layout (issue 14): symbol sizes, Graphviz ``neato`` for the entities and
relationships, then the attribute ellipses placed around their owner by flowdsl.

Graphviz places entities, relationship diamonds and is-a triangles (``neato``, spring
model, overlap removal, a fixed seed: the same bytes every run). Each entity (and each
relationship with attributes) is given to Graphviz as a box big enough for the ring of
its attribute ellipses; after layout the ellipses are spread over the free arcs of that
ring, away from the lines to the relationships. If a ring still touches another symbol,
the rings concerned are made bigger and the layout is run again (at most four times).
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass

from flowdsl.render.metrics import LINE_HEIGHT, lines_width, wrap
from flowdsl.render.quote import quote_id
from flowdsl.views.er import ErView

FONT = 14.0        #: entity, relationship and table header text
FONT_ATTR = 13.0   #: attribute ellipses and table rows
FONT_CARD = 13.0   #: the 1 / n / m by the line ends
ROW_H = FONT_ATTR * 1.6
RING_GAP = 14.0    #: between an owner and its attribute ellipses
Box = tuple[float, float, float, float]


@dataclass
class Placed:
    """A symbol where it is drawn: centre, size, wrapped text."""

    id: str
    kind: str
    x: float
    y: float
    w: float
    h: float
    lines: tuple[str, ...]

    @property
    def box(self) -> Box:
        return (self.x - self.w / 2, self.y - self.h / 2, self.x + self.w / 2, self.y + self.h / 2)


@dataclass
class ErLayout:
    nodes: dict[str, Placed]
    width: float
    height: float


def node_size(view: ErView, n) -> tuple[float, float, tuple[str, ...]]:
    """Width, height and lines of a symbol (points)."""
    if n.kind == "attr":
        lines = tuple(wrap(n.label, 7))
        return max(lines_width(list(lines)) * FONT_ATTR + 28, 52.0), max(30.0, len(lines) * FONT_ATTR * LINE_HEIGHT + 12), lines
    if n.kind == "isa":   # "ISA" at the attributes' size inside the triangle (inradius 15.5 pt)
        return 54.0, 54.0, ("ISA",)
    lines = tuple(wrap(n.label, 8))
    tw = lines_width(list(lines)) * FONT
    th = len(lines) * FONT * LINE_HEIGHT
    if view.notation == "crowsfoot" and n.kind in ("entity", "weak", "assoc"):
        rows = [t for t, _ in n.rows]
        rw = max([lines_width([t]) * FONT_ATTR + 44 for t in rows], default=0.0)
        return max(tw + 28, rw, 96.0), th + 14 + ROW_H * len(rows) + (6 if rows else 0), lines
    if n.kind in ("rel", "ident_rel", "assoc"):
        return max(tw * 1.9 + 34, 84.0), max(46.0, th * 1.9 + 16), lines
    return max(tw + 32, 76.0), max(38.0, th + 18), lines


def _attrs_of(view: ErView) -> dict[str, list]:
    out: dict[str, list] = {}
    for n in view.nodes:
        if n.kind == "attr" and n.owner:
            out.setdefault(n.owner, []).append(n)
    return out


def _ring(w: float, h: float, attrs: list[tuple[float, float]], grow: float) -> tuple[float, float]:
    """Semi-axes of the ellipse the attribute centres sit on."""
    aw = max(a for a, _ in attrs)
    ah = max(b for _, b in attrs)
    ax = w / 2 + RING_GAP + aw / 2
    ay = h / 2 + RING_GAP + ah / 2
    # room for every ellipse around the ring: its circumference at least their widths
    need = sum(a for a, _ in attrs) * 1.15 + 8 * len(attrs)
    per = math.pi * (3 * (ax + ay) - math.sqrt((3 * ax + ay) * (ax + 3 * ay)))
    s = max(1.0, need / per) * grow
    return ax * s, ay * s


def _dot(view: ErView, sizes: dict, reserve: dict[str, tuple[float, float]], sep: float) -> str:
    out = ["graph er {",
           f'  graph [layout=neato, overlap=true, splines=false, start=1, mode=major, sep="+{sep:.0f}", '
           'outputorder=edgesfirst];',
           '  node [shape=box, fixedsize=true, label=""];']
    for n in view.nodes:
        if n.kind == "attr":
            continue
        w, h = reserve.get(n.id) or sizes[n.id][:2]
        out.append(f"  {quote_id(n.id)} [width={w / 72:.3f}, height={h / 72:.3f}];")
    for e in view.edges:
        if e.kind == "attr":
            continue
        a, b = sizes[e.src][:2], sizes[e.dst][:2]
        gap = {"link": 1.0, "end": 0.6 if view.notation == "crowsfoot" else 0.3}.get(e.kind, 0.2)
        ln = (max(a) / 2 + max(b) / 2) / 72 + gap
        out.append(f"  {quote_id(e.src)} -- {quote_id(e.dst)} [len={ln:.3f}];")
    out.append("}")
    return "\n".join(out) + "\n"


def _positions(raw: bytes) -> tuple[dict[str, tuple[float, float]], float, float]:
    data = json.loads(raw)
    bb = [float(x) for x in data["bb"].split(",")]
    pos = {}
    for o in data.get("objects", []):
        if "pos" in o:
            x, y = (float(v) for v in o["pos"].split(","))
            pos[o["name"]] = (x - bb[0], bb[3] - y)   # y down, as SVG
    return pos, bb[2] - bb[0], bb[3] - bb[1]


def _free_angles(centre, others: list[tuple[float, float]], k: int, half: float) -> list[float]:
    """``k`` angles spread over the arcs of the circle free of the lines to ``others``
    (each line keeps ``half`` radians clear on both sides)."""
    if not others:
        return [-math.pi / 2 + 2 * math.pi * i / k for i in range(k)]
    lines = sorted(math.atan2(y - centre[1], x - centre[0]) for x, y in others)
    arcs = []
    for i, a in enumerate(lines):
        b = lines[(i + 1) % len(lines)] + (2 * math.pi if i + 1 == len(lines) else 0)
        arcs.append((a + half, max(0.0, b - a - 2 * half)))
    total = sum(g for _, g in arcs)
    if total <= 1e-6:
        arcs = [(lines[0] + half, 2 * math.pi - 2 * half)]
        total = arcs[0][1]
    share = [g / total * k for _, g in arcs]
    counts = [int(s) for s in share]
    for i in sorted(range(len(arcs)), key=lambda i: (-(share[i] - counts[i]), i))[:k - sum(counts)]:
        counts[i] += 1
    out = []
    for (start, g), c in zip(arcs, counts):
        out += [start + g * (j + 1) / (c + 1) for j in range(c)]
    return out


def _overlap(a: Box, b: Box, pad: float = 2.0) -> bool:
    return a[0] < b[2] + pad and b[0] < a[2] + pad and a[1] < b[3] + pad and b[1] < a[3] + pad


def layout_er(view: ErView, timeout: float = 30.0) -> ErLayout:
    """Where every symbol of ``view`` is drawn (points, y down, origin at the top left)."""
    return layout_er_state(view, timeout)[0]


@dataclass
class ErState:
    """What placing the attribute rings again needs (:func:`repositioned`)."""

    sizes: dict
    owned: dict
    rings: dict
    reserve: dict
    sep: float


def layout_er_state(view: ErView, timeout: float = 30.0) -> tuple[ErLayout, ErState]:
    """:func:`layout_er` and the ring sizes it ended with."""
    from flowdsl.render.backend import run_dot

    sizes = {n.id: node_size(view, n) for n in view.nodes}
    owned = _attrs_of(view)
    grow = {o: 1.0 for o in owned}
    sep = 14.0
    result = None
    rings: dict = {}
    reserve: dict = {}
    for _attempt in range(4):
        rings = {o: _ring(sizes[o][0], sizes[o][1], [sizes[a.id][:2] for a in owned[o]], grow[o]) for o in owned}
        reserve = {o: (2 * (rx + max(sizes[a.id][0] for a in owned[o]) / 2),
                       2 * (ry + max(sizes[a.id][1] for a in owned[o]) / 2)) for o, (rx, ry) in rings.items()}
        pos, _, _ = _positions(run_dot(_dot(view, sizes, reserve, sep), "json0", timeout=timeout))
        placed = {n.id: Placed(n.id, n.kind, *pos.get(n.id, (0.0, 0.0)), *sizes[n.id]) for n in view.nodes
                  if n.kind != "attr"}
        _separate(placed, reserve, sep)
        bad = _place_attrs(view, placed, owned, rings, sizes)
        result = placed
        if not bad:
            break
        for o in bad:
            grow[o] = grow.get(o, 1.0) * 1.25
        sep += 6
    return _normalised(result or {}), ErState(sizes, owned, rings, reserve, sep)


def repositioned(view: ErView, state: ErState, core: dict[str, Placed]) -> ErLayout | None:
    """The layout with the entities, relationships and is-a symbols at ``core``'s places
    (pushed apart where they overlap) and the attribute rings placed again; None when a
    ring then touches a symbol that is not its owner's."""
    placed = dict(core)
    _separate(placed, state.reserve, state.sep)
    if _place_attrs(view, placed, state.owned, state.rings, state.sizes):
        return None
    return _normalised(placed)


def _circle_cuts(c, r: float, a, b) -> list[tuple[float, float]]:
    """Where the segment a-b crosses the circle (centre ``c``, radius ``r``): the directions
    another line blocks for an owner's attributes (its middle point when it stays inside)."""
    dx, dy = b[0] - a[0], b[1] - a[1]
    fx, fy = a[0] - c[0], a[1] - c[1]
    qa = dx * dx + dy * dy
    qb = 2 * (fx * dx + fy * dy)
    qc = fx * fx + fy * fy - r * r
    disc = qb * qb - 4 * qa * qc
    if qa == 0 or disc < 0:
        return []
    root = math.sqrt(disc)
    ts = [t for t in ((-qb - root) / (2 * qa), (-qb + root) / (2 * qa)) if 0 <= t <= 1]
    near = min(1.0, max(0.0, -(fx * dx + fy * dy) / qa))   # the point nearest the centre
    if math.hypot(fx + dx * near, fy + dy * near) < r:
        ts.append(near)
    return [(a[0] + dx * t, a[1] + dy * t) for t in sorted(ts)]


def _separate(placed: dict[str, Placed], reserve: dict[str, tuple[float, float]], pad: float) -> None:
    """Push apart the symbols whose boxes (an owner's: with its attribute ring) overlap,
    along the axis where they overlap least, until none does (Graphviz keeps the spring
    layout as it is, ``overlap=true``: its own overlap removal scales the whole drawing up)."""
    items = [placed[k] for k in placed]

    def half(p: Placed) -> tuple[float, float]:
        w, h = reserve.get(p.id, (p.w, p.h))
        return w / 2 + pad / 2, h / 2 + pad / 2

    for _round in range(400):
        moved = False
        for i, a in enumerate(items):
            ha = half(a)
            for b in items[i + 1:]:
                hb = half(b)
                ox = ha[0] + hb[0] - abs(a.x - b.x)
                oy = ha[1] + hb[1] - abs(a.y - b.y)
                if ox <= 0 or oy <= 0:
                    continue
                moved = True
                if ox < oy:
                    d = (ox / 2 + 0.01) * (1 if a.x >= b.x else -1)
                    a.x, b.x = a.x + d, b.x - d
                else:
                    d = (oy / 2 + 0.01) * (1 if a.y >= b.y else -1)
                    a.y, b.y = a.y + d, b.y - d
        if not moved:
            return


def _place_attrs(view: ErView, placed: dict[str, Placed], owned: dict, rings: dict, sizes: dict) -> set[str]:
    """Put each owner's attribute ellipses on its ring; the owners whose ellipses touch a
    symbol that is not theirs (to be given more room)."""
    nbrs: dict[str, list[str]] = {}
    for e in view.edges:
        if e.kind != "attr":
            nbrs.setdefault(e.src, []).append(e.dst)
            nbrs.setdefault(e.dst, []).append(e.src)
    for o, attrs in owned.items():
        c = placed[o]
        rx, ry = rings[o]
        foreign = [(placed[e.src], placed[e.dst]) for e in view.edges
                 if e.kind != "attr" and o not in (e.src, e.dst) and e.src in placed and e.dst in placed]
        for _ in range(12):
            others = [(placed[n].x, placed[n].y) for n in nbrs.get(o, []) if n in placed]
            reach = max(rx, ry) + max(sizes[a.id][0] for a in attrs) / 2
            others += [pt for a, b in foreign for pt in _circle_cuts((c.x, c.y), reach, (a.x, a.y), (b.x, b.y))]
            half = math.atan2(max(sizes[a.id][0] for a in attrs) / 2 + 6, max(rx, ry))
            angles = _free_angles((c.x, c.y), others, len(attrs), min(half, 0.6))
            boxes = []
            for a, t in zip(attrs, angles):
                w, h, lines = sizes[a.id]
                boxes.append(Placed(a.id, "attr", c.x + rx * math.cos(t), c.y + ry * math.sin(t), w, h, lines))
            clash = any(_overlap(p.box, q.box) for i, p in enumerate(boxes) for q in boxes[i + 1:])
            clash = clash or any(_overlap(p.box, c.box) for p in boxes)
            if not clash:
                break
            rx, ry = rx * 1.12, ry * 1.12
        for p in boxes:
            placed[p.id] = p
    bad: set[str] = set()
    owner = {n.id: n.owner for n in view.nodes if n.kind == "attr"}
    items = list(placed.values())
    for i, p in enumerate(items):
        for q in items[i + 1:]:
            po, qo = owner.get(p.id, p.id), owner.get(q.id, q.id)
            if po != qo and _overlap(p.box, q.box, 4.0):
                bad |= {x for x in (po, qo) if x in owned} or {po, qo}
    return bad & set(owned)


def _normalised(placed: dict[str, Placed]) -> ErLayout:
    if not placed:
        return ErLayout({}, 0.0, 0.0)
    x0 = min(p.box[0] for p in placed.values())
    y0 = min(p.box[1] for p in placed.values())
    x1 = max(p.box[2] for p in placed.values())
    y1 = max(p.box[3] for p in placed.values())
    for p in placed.values():
        p.x, p.y = round(p.x - x0, 2), round(p.y - y0, 2)
    return ErLayout(placed, round(x1 - x0, 2), round(y1 - y0, 2))
