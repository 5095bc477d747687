"""Our layout of one view, in the plain terms every exporter needs.

Runs the renderer's own layout (:func:`flowdsl.render.layout_view`: Graphviz plus the lane
repair), never reads our SVG. Coordinates are points, y down, origin at the top left of
the layout; node boxes are given by their top-left corner. Lanes are the rectangles the
SVG draws (straight boundaries half-way between neighbouring lanes, spanning the whole
drawing), with the header band at the start of each lane.
"""

from __future__ import annotations

from dataclasses import dataclass

from flowdsl.views.graph import View, VEdge, VNode


@dataclass(frozen=True)
class PNode:
    node: VNode
    x: float          #: top-left corner
    y: float
    w: float
    h: float
    top_band: float = 0.0     #: ident band (DFD process)
    bottom_band: float = 0.0  #: location / module band
    left_cell: float = 0.0    #: ident cell of a store
    shape: str = "box"        #: the renderer's drawing recipe (flowdsl.render.specs.NodeSpec.shape)
    text: str = ""            #: the text drawn in the symbol (default text of start/end filled in)

    @property
    def cx(self) -> float:
        return self.x + self.w / 2

    @property
    def cy(self) -> float:
        return self.y + self.h / 2


@dataclass(frozen=True)
class PEdge:
    edge: VEdge
    index: int                                  #: 1-based, as the DOT id ``e1``
    points: tuple[tuple[float, float], ...]     #: on-curve points from source to target
    label_pos: tuple[float, float] | None


@dataclass(frozen=True)
class PLane:
    name: str
    x: float
    y: float
    w: float
    h: float
    header: float     #: size of the header band (along the lane)


@dataclass(frozen=True)
class Placed:
    view: View
    width: float
    height: float
    nodes: tuple[PNode, ...]
    edges: tuple[PEdge, ...]
    lanes: tuple[PLane, ...]
    horizontal: bool  #: lanes run left to right (header on the left)

    def node(self, vid: str) -> PNode:
        for n in self.nodes:
            if n.node.id == vid:
                return n
        raise KeyError(vid)


def _r(v: float) -> float:
    return round(v, 2)


def place(view: View, layout=None) -> Placed:
    """The view at the positions of our layout (``layout``: a precomputed one)."""
    from flowdsl.render import layout_view
    from flowdsl.render.dot import dot_node_names
    from flowdsl.render.specs import node_spec

    lay = layout if layout is not None else layout_view(view)
    names = dot_node_names(view)
    nodes = []
    for vn in view.nodes:
        nb = lay.nodes.get(names[vn.id])
        spec = node_spec(view, vn)
        w, h = float(spec.width), float(spec.height)
        cx, cy = (nb.x, nb.y) if nb is not None else (w / 2, h / 2)
        nodes.append(PNode(vn, _r(cx - w / 2), _r(cy - h / 2), w, h, spec.top_band, spec.bottom_band,
                           spec.left_cell, spec.shape, "\n".join(spec.lines)))
    centre = {n.node.id: (n.cx, n.cy) for n in nodes}
    by_id = {e.id: e for e in lay.edges if e.id}
    edges = []
    for i, ve in enumerate(view.edges, 1):
        ep = by_id.get(f"e{i}")
        pts: list[tuple[float, float]] = []
        lp = None
        if ep is not None:
            pts = [ep.points[k] for k in range(0, len(ep.points), 3)]
            if ep.end is not None:
                pts.append(ep.end)
            if ep.start is not None:
                pts.insert(0, ep.start)
            lp = ep.label_pos
            s = centre.get(ve.src, (0.0, 0.0))
            if pts and _d2(pts[0], s) > _d2(pts[-1], s):
                pts.reverse()
        edges.append(PEdge(ve, i, tuple((_r(x), _r(y)) for x, y in pts),
                           None if lp is None else (_r(lp[0]), _r(lp[1]))))
    horizontal = bool(view.lanes) and view.lane_direction == "horizontal"
    return Placed(view, _r(lay.width), _r(lay.height), tuple(nodes), tuple(edges),
                  _lanes(view, lay, horizontal), horizontal)


def _d2(a, b) -> float:
    return (a[0] - b[0]) ** 2 + (a[1] - b[1]) ** 2


def _lanes(view: View, lay, horizontal: bool) -> tuple[PLane, ...]:
    """The lane rectangles as the SVG draws them (see flowdsl/render/lanes.py)."""
    lanes = list(dict.fromkeys(view.lanes))
    boxes = [lay.clusters.get(f"cluster_lane{k}") for k in range(1, len(lanes) + 1)]
    present = [b for b in boxes if b is not None]
    if not present:
        return ()

    def u0(b):
        return b.y0 if horizontal else b.x0

    def u1(b):
        return b.y1 if horizontal else b.x1

    lo_u = min(0.0, min(u0(b) for b in present))
    hi_u = max(lay.height if horizontal else lay.width, max(u1(b) for b in present))
    lo_v = min((b.x0 if horizontal else b.y0) for b in present)
    hi_v = max(lay.width if horizontal else lay.height, max((b.x1 if horizontal else b.y1) for b in present))
    bounds = [lo_u]
    for a, b in zip(boxes, boxes[1:]):
        bounds.append(bounds[-1] if a is None or b is None else (u1(a) + u0(b)) / 2)
    bounds.append(hi_u)
    headers = [lay.nodes.get(f"lane{k}") for k in range(1, len(lanes) + 1)]
    end = max(((n.x + n.width / 2) if horizontal else (n.y + n.height / 2) for n in headers if n),
              default=lo_v + (60 if horizontal else 30)) + 6
    out = []
    for k, name in enumerate(lanes):
        a, b = bounds[k], bounds[k + 1]
        if horizontal:
            out.append(PLane(name, _r(lo_v), _r(a), _r(hi_v - lo_v), _r(b - a), _r(end - lo_v)))
        else:
            out.append(PLane(name, _r(a), _r(lo_v), _r(b - a), _r(hi_v - lo_v), _r(end - lo_v)))
    return tuple(out)


def lane_of(placed: Placed, node: PNode) -> PLane | None:
    for lane in placed.lanes:
        if lane.name == node.node.lane:
            return lane
    return None
