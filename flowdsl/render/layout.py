"""Parse Graphviz ``-Tjson``/``-Tjson0`` output into a small layout structure.

All coordinates are in points with the origin at the top-left corner of the graph's
bounding box and y growing *downwards* (SVG convention); Graphviz's own y grows up.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

__all__ = ["Layout", "NodeBox", "EdgePath", "BBox", "parse_layout"]


@dataclass(frozen=True)
class BBox:
    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def width(self) -> float:
        return self.x1 - self.x0

    @property
    def height(self) -> float:
        return self.y1 - self.y0


@dataclass(frozen=True)
class NodeBox:
    name: str
    x: float        #: centre
    y: float
    width: float    #: points
    height: float
    attrs: dict = field(default_factory=dict, compare=False, hash=False)

    @property
    def bbox(self) -> BBox:
        return BBox(self.x - self.width / 2, self.y - self.height / 2,
                    self.x + self.width / 2, self.y + self.height / 2)


@dataclass(frozen=True)
class EdgePath:
    id: str                                  #: our DOT ``id`` attribute ("e3") or ""
    tail: str                                #: node names
    head: str
    points: tuple[tuple[float, float], ...]  #: B-spline control points: p0 (c1 c2 p)*
    end: tuple[float, float] | None          #: arrowhead tip (``e,x,y``)
    start: tuple[float, float] | None        #: arrow at the tail (``s,x,y``)
    label_pos: tuple[float, float] | None    #: ``lp``
    invisible: bool = False


@dataclass(frozen=True)
class Layout:
    width: float
    height: float
    nodes: dict[str, NodeBox]
    edges: tuple[EdgePath, ...]
    clusters: dict[str, BBox]


def _floats(s: str) -> list[float]:
    return [float(v) for v in s.replace(",", " ").split()]


def parse_layout(data: bytes | str, transpose: bool = False) -> Layout:
    """Turn ``dot -Tjson`` output into a :class:`Layout` (y flipped to point down).

    With ``transpose`` the x and y axes are swapped after flipping (node widths and
    heights too): a top-down layout of transposed sizes becomes a left-to-right one.
    """
    doc = json.loads(data)
    bb = _floats(doc.get("bb", "0,0,0,0"))
    llx, lly, urx, ury = bb if len(bb) == 4 else (0.0, 0.0, 0.0, 0.0)

    def pt(x: float, y: float) -> tuple[float, float]:
        p = (round(x - llx, 3), round(ury - y, 3))
        return (p[1], p[0]) if transpose else p

    def box(s: str) -> BBox:
        x0, y0, x1, y1 = _floats(s)
        (ax, ay), (bx, by) = pt(x0, y1), pt(x1, y0)
        return BBox(min(ax, bx), min(ay, by), max(ax, bx), max(ay, by))

    nodes: dict[str, NodeBox] = {}
    clusters: dict[str, BBox] = {}
    gvid_to_name: dict[int, str] = {}
    for obj in doc.get("objects", []):
        name = str(obj.get("name", ""))
        if "nodes" in obj or "subgraphs" in obj or ("bb" in obj and "pos" not in obj):
            if name.startswith("cluster") and "bb" in obj:
                clusters[name] = box(obj["bb"])
            continue
        if "pos" not in obj:
            continue
        x, y = _floats(obj["pos"])[:2]
        cx, cy = pt(x, y)
        nw = round(float(obj.get("width", 0)) * 72, 3)
        nh = round(float(obj.get("height", 0)) * 72, 3)
        if transpose:
            nw, nh = nh, nw
        nodes[name] = NodeBox(
            name, cx, cy, nw, nh,
            {k: v for k, v in obj.items() if isinstance(v, str)},
        )
        if "_gvid" in obj:
            gvid_to_name[int(obj["_gvid"])] = name

    edges: list[EdgePath] = []
    for e in doc.get("edges", []):
        end = start = None
        points: list[tuple[float, float]] = []
        pos = str(e.get("pos", ""))
        # several splines are separated by ';' (rare: concentrate); keep the first
        for item in pos.split(";")[0].split():
            if item.startswith("e,"):
                x, y = _floats(item[2:])
                end = pt(x, y)
            elif item.startswith("s,"):
                x, y = _floats(item[2:])
                start = pt(x, y)
            else:
                x, y = _floats(item)
                points.append(pt(x, y))
        lp = None
        if "lp" in e:
            x, y = _floats(e["lp"])[:2]
            lp = pt(x, y)
        tail = gvid_to_name.get(int(e.get("tail", -1)), "")
        head = gvid_to_name.get(int(e.get("head", -1)), "")
        edges.append(EdgePath(str(e.get("id", "")), tail, head, tuple(points), end, start, lp,
                              "invis" in str(e.get("style", ""))))
    w, h = round(urx - llx, 3), round(ury - lly, 3)
    if transpose:
        w, h = h, w
    return Layout(w, h, nodes, tuple(edges), clusters)


def lanes_in_order(layout: Layout, nlanes: int, horizontal: bool) -> bool:
    """True when the lane clusters are all present, disjoint and in declared order."""
    boxes = [layout.clusters.get(f"cluster_lane{k}") for k in range(1, nlanes + 1)]
    if any(b is None for b in boxes):
        return False
    for a, b in zip(boxes, boxes[1:]):
        if horizontal and a.y1 > b.y0 + 0.5:
            return False
        if not horizontal and a.x1 > b.x0 + 0.5:
            return False
    return True


def rank_indices(layout: Layout, horizontal: bool) -> dict[str, int]:
    """Rank of every node: dot puts the centres of a rank on one line (y; x when the
    layout was transposed for a left-to-right flow)."""
    coord = {name: (nb.x if horizontal else nb.y) for name, nb in layout.nodes.items()}
    levels = sorted({round(c * 2) / 2 for c in coord.values()})
    index = {c: i for i, c in enumerate(levels)}
    return {name: index[round(c * 2) / 2] for name, c in coord.items()}


#: space between a lane's outermost node and the lane edge, as with the clusters
LANE_MARGIN = 18.0


def with_spine_lanes(layout: Layout, view, horizontal: bool) -> Layout:
    """Derive lane rectangles ``cluster_laneK`` from the spine nodes of a second-pass
    layout (one straight boundary per spine chain) and drop the spine nodes."""
    from flowdsl.render.dot import dot_node_names

    lanes = list(dict.fromkeys(view.lanes))
    n = len(lanes)
    names = dot_node_names(view)
    spines: dict[int, list[float]] = {}
    for name, nb in layout.nodes.items():
        if name.startswith("spine"):
            b = int(name[5:].split("_")[0])
            spines.setdefault(b, []).append(nb.y if horizontal else nb.x)
    members: dict[int, list[NodeBox]] = {k: [] for k in range(1, n + 1)}
    lane_of = {lane: k for k, lane in enumerate(lanes, 1)}
    for k in range(1, n + 1):
        if f"lane{k}" in layout.nodes:
            members[k].append(layout.nodes[f"lane{k}"])
    for node in view.nodes:
        k = lane_of.get(node.lane or "")
        if k and names[node.id] in layout.nodes:
            members[k].append(layout.nodes[names[node.id]])
    allb = [nb.bbox for k in members for nb in members[k]]
    if not allb:
        return layout
    # the lanes' outer frame holds every node and every edge (Graphviz may route a
    # long edge around the outside of the nodes)
    pts = [(b.x0, b.y0) for b in allb] + [(b.x1, b.y1) for b in allb]
    for e in layout.edges:
        if not e.invisible:
            pts.extend(e.points)
            pts.extend(p for p in (e.end, e.start, e.label_pos) if p is not None)
    ci, oi = (1, 0) if horizontal else (0, 1)
    lo_c = min(p[ci] for p in pts) - LANE_MARGIN
    hi_c = max(p[ci] for p in pts) + LANE_MARGIN
    lo_o = min(p[oi] for p in pts) - LANE_MARGIN
    hi_o = max(p[oi] for p in pts) + LANE_MARGIN
    cuts = [lo_c]
    for b in range(1, n):
        xs = spines.get(b)
        if xs:
            # a straight chain has one coordinate; if Graphviz bent it, the boundary
            # goes midway between the two lanes' nodes instead
            if max(xs) - min(xs) < 0.5:
                cuts.append(xs[0])
                continue
        left = [(nb.bbox.y1 if horizontal else nb.bbox.x1) for nb in members[b]]
        right = [(nb.bbox.y0 if horizontal else nb.bbox.x0) for nb in members[b + 1]]
        if left and right:
            cuts.append((max(left) + min(right)) / 2)
        else:
            cuts.append(xs[0] if xs else cuts[-1])
    cuts.append(hi_c)
    # never let a lane come out inverted or empty (possible only when Graphviz bent
    # a spine); repair_lanes then moves any node left on the wrong side
    for i in range(1, len(cuts)):
        cuts[i] = max(cuts[i], cuts[i - 1] + 40.0)
    clusters = dict(layout.clusters)
    for k in range(1, n + 1):
        a, c = cuts[k - 1], cuts[k]
        clusters[f"cluster_lane{k}"] = (BBox(lo_o, a, hi_o, c) if horizontal
                                        else BBox(a, lo_o, c, hi_o))
    nodes = {k: v for k, v in layout.nodes.items() if not k.startswith("spine")}
    # shift everything so the lanes start at the origin like a cluster layout does
    dx = -min(0.0, lo_o if horizontal else lo_c)
    dy = -min(0.0, lo_c if horizontal else lo_o)
    width = max(layout.width, (hi_o if horizontal else hi_c)) + dx
    height = max(layout.height, (hi_c if horizontal else hi_o)) + dy
    if dx or dy:
        return _shift(Layout(width, height, nodes, layout.edges, clusters), dx, dy)
    return Layout(width, height, nodes, layout.edges, clusters)


def _shift(layout: Layout, dx: float, dy: float) -> Layout:
    def p(pt):
        return None if pt is None else (round(pt[0] + dx, 3), round(pt[1] + dy, 3))

    nodes = {k: NodeBox(v.name, round(v.x + dx, 3), round(v.y + dy, 3), v.width, v.height, v.attrs)
             for k, v in layout.nodes.items()}
    edges = tuple(EdgePath(e.id, e.tail, e.head, tuple(p(q) for q in e.points), p(e.end),
                           p(e.start), p(e.label_pos), e.invisible) for e in layout.edges)
    clusters = {k: BBox(b.x0 + dx, b.y0 + dy, b.x1 + dx, b.y1 + dy)
                for k, b in layout.clusters.items()}
    return Layout(layout.width, layout.height, nodes, edges, clusters)


def _lane_of_nodes(layout: Layout, view, horizontal: bool):
    from flowdsl.render.dot import dot_node_names
    names = dot_node_names(view)
    lanes = list(dict.fromkeys(view.lanes))
    idx = {lane: k for k, lane in enumerate(lanes, 1)}
    for node in view.nodes:
        k = idx.get(node.lane or "")
        name = names[node.id]
        if k and name in layout.nodes and f"cluster_lane{k}" in layout.clusters:
            yield name, k


def misplaced_nodes(layout: Layout, view, horizontal: bool) -> list[tuple[str, int]]:
    """(DOT node name, lane index) of every node not inside its own lane rectangle."""
    bad = []
    for name, k in _lane_of_nodes(layout, view, horizontal):
        nb = layout.nodes[name].bbox
        lane = layout.clusters[f"cluster_lane{k}"]
        lo, hi = (nb.y0, nb.y1) if horizontal else (nb.x0, nb.x1)
        a, b = (lane.y0, lane.y1) if horizontal else (lane.x0, lane.x1)
        if lo < a - 0.5 or hi > b + 0.5:
            bad.append((name, k))
    return bad


def _boundary_point(nb: NodeBox, toward: tuple[float, float]) -> tuple[float, float]:
    """Where the ray from the centre of ``nb`` to ``toward`` leaves its box (or circle)."""
    dx, dy = toward[0] - nb.x, toward[1] - nb.y
    if abs(dx) < 1e-9 and abs(dy) < 1e-9:
        return (nb.x, nb.y)
    if nb.attrs.get("shape") == "circle":
        r = min(nb.width, nb.height) / 2
        n = (dx * dx + dy * dy) ** 0.5
        return (nb.x + dx / n * r, nb.y + dy / n * r)
    t = min((nb.width / 2) / abs(dx) if dx else float("inf"),
            (nb.height / 2) / abs(dy) if dy else float("inf"))
    return (nb.x + dx * t, nb.y + dy * t)


def repair_lanes(layout: Layout, view, horizontal: bool, arrow: float = 9.0) -> Layout:
    """Move every node that Graphviz left outside its lane into the lane (into the
    free stretch nearest the lane's middle, at the same rank) and redraw its edges
    as simple curves. A no-op for a correct layout."""
    bad = misplaced_nodes(layout, view, horizontal)
    if not bad:
        return layout
    nodes = dict(layout.nodes)
    moved = set()
    for name, k in bad:
        nb = nodes[name]
        lane = layout.clusters[f"cluster_lane{k}"]
        a, b = (lane.y0, lane.y1) if horizontal else (lane.x0, lane.x1)
        size = nb.height if horizontal else nb.width
        pos_rank = nb.x if horizontal else nb.y
        # occupied stretches of this lane on this rank
        busy = []
        for other, ob in nodes.items():
            if other == name or other.startswith("spine"):
                continue
            bb = ob.bbox
            r0, r1 = (bb.x0, bb.x1) if horizontal else (bb.y0, bb.y1)
            me0 = pos_rank - (nb.width if horizontal else nb.height) / 2
            me1 = pos_rank + (nb.width if horizontal else nb.height) / 2
            if r1 > me0 and r0 < me1:
                busy.append((bb.y0, bb.y1) if horizontal else (bb.x0, bb.x1))
        gap = 12.0
        mid = (a + b) / 2
        cands = [mid - size / 2]
        for lo, hi in busy:
            cands += [hi + gap, lo - gap - size]
        cands = [c for c in cands if c >= a + 6 and c + size <= b - 6] or [max(a + 6, mid - size / 2)]

        def free(c: float) -> bool:
            return all(c + size + gap / 2 <= lo or c >= hi + gap / 2 for lo, hi in busy)

        ok = [c for c in cands if free(c)] or cands
        start = min(ok, key=lambda c: (abs(c + size / 2 - mid), c))
        centre = start + size / 2
        nodes[name] = (NodeBox(name, nb.x, round(centre, 3), nb.width, nb.height, nb.attrs)
                       if horizontal else
                       NodeBox(name, round(centre, 3), nb.y, nb.width, nb.height, nb.attrs))
        moved.add(name)
    return redraw_edges(layout, nodes, moved, arrow)


def redraw_edges(layout: Layout, nodes: dict[str, NodeBox], moved: set[str],
                 arrow: float = 9.0) -> Layout:
    """``layout`` with ``nodes`` and every edge of a ``moved`` node redrawn straight."""
    edges = []
    for e in layout.edges:
        if e.invisible or (e.tail not in moved and e.head not in moved) or e.tail == e.head:
            edges.append(e)
            continue
        t, h = nodes[e.tail], nodes[e.head]
        # the arrow is at the head (end) or, for a reversed edge, at the tail (start)
        src, dst = (h, t) if (e.start is not None and e.end is None) else (t, h)
        p0 = _boundary_point(src, (dst.x, dst.y))
        tip = _boundary_point(dst, (src.x, src.y))
        dx, dy = tip[0] - p0[0], tip[1] - p0[1]
        n = max((dx * dx + dy * dy) ** 0.5, 1e-9)
        base = (tip[0] - dx / n * arrow, tip[1] - dy / n * arrow)
        c1 = (p0[0] + (base[0] - p0[0]) / 3, p0[1] + (base[1] - p0[1]) / 3)
        c2 = (p0[0] + 2 * (base[0] - p0[0]) / 3, p0[1] + 2 * (base[1] - p0[1]) / 3)
        pts = tuple((round(x, 3), round(y, 3)) for x, y in (p0, c1, c2, base))
        lp = None
        if e.label_pos is not None:
            off = 12.0
            lp = (round((p0[0] + base[0]) / 2 + dy / n * off, 3),
                  round((p0[1] + base[1]) / 2 - dx / n * off, 3))
        tipr = (round(tip[0], 3), round(tip[1], 3))
        if src is t:
            edges.append(EdgePath(e.id, e.tail, e.head, pts, tipr, None, lp, e.invisible))
        else:   # keep the reversed form: points from the DOT tail, arrow at "start"
            edges.append(EdgePath(e.id, e.tail, e.head, tuple(reversed(pts)), None, tipr, lp,
                                  e.invisible))
    return Layout(layout.width, layout.height, nodes, tuple(edges), layout.clusters)
