"""draw.io (diagrams.net) files: mxGraph XML, one page per diagram.

Every symbol is an editable draw.io shape drawn like ours: circles for units (a double
circle for an outside unit), ``shape=document`` for documents, a box open on the right
for ledgers and stores (the store with its ID cell as a child cell), DFD processes as a
box with an ID band and a location band (child cells, so each text is edited on its own),
swimlanes as one pool with a lane per unit. Nodes sit at our layout's positions, edges
keep our waypoints and label positions; goods flows are hollow double arrows.

Positions: the page coordinate of a layout point is ``(x + MARGIN, y + MARGIN + top)``
where ``top`` is the pool header height (``POOL_HEADER`` when the diagram has lanes,
else the title height). Cells inside a lane are stored relative to the lane, as draw.io
wants, so moving a lane in draw.io moves its symbols.
"""

from __future__ import annotations

from xml.sax.saxutils import quoteattr

from flowdsl.render.symbols import HEADER_FILL

from .geometry import Placed, PNode, lane_of, place

MARGIN = 20.0
POOL_HEADER = 30.0
TITLE = 30.0
FONT = "fontFamily=Noto Sans CJK SC;fontSize=14;"
_BASE = "whiteSpace=wrap;html=1;" + FONT + "strokeColor=#000000;fillColor=#ffffff;fontColor=#000000;"

#: draw.io style of each drawing recipe of flowdsl.render.specs (a band or cell is a child)
SHAPES = {
    "box": "rounded=0;",
    "card": "shape=card;size=14;",
    "unit-box": "rounded=0;",
    "diamond": "rhombus;",
    "document": "shape=document;boundedLbl=1;size=0.2;",
    "ledger": "shape=partialRectangle;right=0;",
    "terminator": "rounded=1;arcSize=50;",
    "unit-circle": "ellipse;aspect=fixed;",
    "entity": "rounded=0;shadow=1;",
    "entity-gane": "rounded=0;shadow=1;",
    "entity-yourdon": "rounded=0;",
    "process": "rounded=1;arcSize=10;verticalAlign=middle;",
    "process-gane": "rounded=1;arcSize=10;verticalAlign=middle;",
    "process-yourdon": "ellipse;aspect=fixed;",
    "store": "shape=partialRectangle;right=0;",
    "store-yourdon": "shape=partialRectangle;left=0;right=0;",
    "offpage": "shape=offPageConnector;",
    "offpage-right": "shape=offPageConnector;direction=north;",
}
BAND = "shape=partialRectangle;top=0;bottom=0;left=0;right=0;fillColor=none;" \
       "fontFamily=Noto Sans CJK SC;fontSize=10;html=1;whiteSpace=wrap;connectable=0;"


def _esc(text: str) -> str:
    """A cell value: html=1 labels are HTML, so escape and keep line breaks."""
    import html

    return "<br>".join(html.escape(line, quote=False) for line in (text or "").split("\n"))


def _n(v: float) -> str:
    return f"{v:.2f}".rstrip("0").rstrip(".")


def _style(shape: str, node: PNode) -> str:
    s = SHAPES.get(shape, "rounded=0;") + _BASE
    if node.node.kind == "unit_ext" and shape == "unit-circle":
        s = "ellipse;shape=doubleEllipse;aspect=fixed;" + _BASE
    if node.node.kind == "unit_ext" and shape == "unit-box":
        s = "shape=ext;double=1;rounded=0;" + _BASE
    if shape in ("process", "process-gane") and (node.top_band or node.bottom_band):
        # the name sits between the bands
        s += f"spacingTop={_n(node.top_band)};spacingBottom={_n(node.bottom_band)};"
    if shape == "store" and node.left_cell:
        s += f"spacingLeft={_n(node.left_cell)};"
    if node.node.kind in ("step", "collect") and node.bottom_band:
        s += f"spacingBottom={_n(node.bottom_band)};"
    if node.node.kind == "decision" and shape != "diamond":
        s = "shape=step;perimeter=stepPerimeter;size=12;fixedSize=1;" + _BASE
    return s


def _repeat_mark(n: PNode) -> tuple[float, float, float] | None:
    """Where the repeat mark of flowdsl.render.symbols sits on a repeated copy: the slash's
    lower-left end relative to the node's box, and its size; None for shapes without one."""
    if n.shape in ("unit-box", "entity", "entity-gane", "entity-yourdon"):
        return n.w - 14, n.h, 14
    if n.shape == "ledger":
        return 3, n.h - 3, 9
    if n.shape == "store":
        return 3, n.h - 3, 8
    if n.shape == "store-yourdon":
        return 3, n.h + 4, 10
    if n.shape == "unit-circle":
        return n.w / 2 - 6, n.h / 2 + n.w / 2 + 6, 12
    return None


class _Page:
    def __init__(self, placed: Placed, page_id: str):
        self.p = placed
        self.pid = page_id
        self.cells: list[str] = []
        hz = bool(placed.lanes) and placed.horizontal
        self.left = POOL_HEADER if hz else 0.0
        self.top = (POOL_HEADER if placed.lanes else (TITLE if placed.view.title else 0.0)) if not hz else 0.0
        self.lane_ids: dict[str, tuple[str, float, float]] = {}

    def cid(self, local: str) -> str:
        return f"{self.pid}-{local}"

    def abs(self, x: float, y: float) -> tuple[float, float]:
        return (x + MARGIN + self.left, y + MARGIN + self.top)

    def vertex(self, cid: str, value: str, style: str, x: float, y: float, w: float, h: float,
               parent: str) -> None:
        self.cells.append(
            f'<mxCell id={quoteattr(cid)} value={quoteattr(value)} style={quoteattr(style)} vertex="1" '
            f'parent={quoteattr(parent)}><mxGeometry x="{_n(x)}" y="{_n(y)}" width="{_n(w)}" '
            f'height="{_n(h)}" as="geometry"/></mxCell>')

    def build(self) -> str:
        p, view = self.p, self.p.view
        layer = self.cid("1")
        self.cells += [f'<mxCell id={quoteattr(self.cid("0"))}/>',
                       f'<mxCell id={quoteattr(layer)} parent={quoteattr(self.cid("0"))}/>']
        if p.lanes:
            self._pool(layer)
        elif view.title:
            self.vertex(self.cid("title"), _esc(view.title), "text;html=1;align=center;verticalAlign=middle;"
                        "fontStyle=1;" + FONT, MARGIN, MARGIN, p.width, TITLE, layer)
        for n in p.nodes:
            self._node(n, layer)
        for e in p.edges:
            self._edge(e, layer)
        return "".join(self.cells)

    def _pool(self, layer: str) -> None:
        p = self.p
        x0 = min(lane.x for lane in p.lanes)
        y0 = min(lane.y for lane in p.lanes)
        x1 = max(lane.x + lane.w for lane in p.lanes)
        y1 = max(lane.y + lane.h for lane in p.lanes)
        # the pool's title band: on top of vertical lanes, left of horizontal ones
        ox, oy = self.abs(x0 - POOL_HEADER, y0) if p.horizontal else self.abs(x0, y0 - POOL_HEADER)
        hz = "horizontal=0;" if p.horizontal else ""
        pool = self.cid("pool")
        self.vertex(pool, _esc(p.view.title or p.view.name),
                    f"swimlane;{hz}startSize={_n(POOL_HEADER)};fontStyle=1;container=1;collapsible=0;"
                    + _BASE, ox, oy, x1 - x0 + (POOL_HEADER if p.horizontal else 0),
                    y1 - y0 + (0 if p.horizontal else POOL_HEADER), layer)
        for k, lane in enumerate(p.lanes, 1):
            lid = self.cid(f"lane{k}")
            lx, ly = self.abs(lane.x, lane.y)
            self.vertex(lid, _esc(lane.name),
                        f"swimlane;{hz}startSize={_n(lane.header)};fontStyle=1;container=1;collapsible=0;"
                        + _BASE.replace("fillColor=#ffffff", f"fillColor={HEADER_FILL};swimlaneFillColor=#ffffff"),
                        lx - ox, ly - oy, lane.w, lane.h, pool)
            self.lane_ids[lane.name] = (lid, lx, ly)

    def _node(self, n: PNode, layer: str) -> None:
        vn = n.node
        x, y = self.abs(n.x, n.y)
        parent = layer
        lane = lane_of(self.p, n)
        if lane is not None and lane.name in self.lane_ids:
            parent, lx, ly = self.lane_ids[lane.name]
            x, y = x - lx, y - ly
        nid = self.cid(vn.id)
        text = n.text
        self.vertex(nid, _esc(text), _style(n.shape, n), x, y, n.w, n.h, parent)
        ident = (vn.ident or "").strip()
        loc = (vn.location or "").strip()
        if n.shape in ("process", "process-gane"):
            if ident and n.top_band:
                align = "align=left;spacingLeft=8;" if n.shape == "process-gane" else ""
                self.vertex(self.cid(vn.id + "-id"), _esc(ident), BAND + "bottom=1;fontStyle=1;" + align,
                            0, 0, n.w, n.top_band, nid)
            if loc and n.bottom_band:
                self.vertex(self.cid(vn.id + "-loc"), _esc(loc), BAND + "top=1;fontColor=#444444;",
                            0, n.h - n.bottom_band, n.w, n.bottom_band, nid)
        elif n.shape == "store" and n.left_cell:
            self.vertex(self.cid(vn.id + "-id"), _esc(ident), BAND + "right=1;fontStyle=1;",
                        0, 0, n.left_cell, n.h, nid)
        elif n.shape in ("entity", "entity-gane") and ident:
            self.vertex(self.cid(vn.id + "-id"), _esc(ident), BAND + "align=left;verticalAlign=top;"
                        "spacingLeft=4;fontStyle=1;", 0, 0, n.w / 2, 18, nid)
        elif vn.kind in ("step", "collect") and loc and n.bottom_band:
            self.vertex(self.cid(vn.id + "-loc"), _esc(loc), BAND + "top=1;fillColor=#f2f2f2;fontColor=#444444;",
                        0, n.h - n.bottom_band, n.w, n.bottom_band, nid)
        elif n.shape == "process-yourdon":
            if ident:
                self.vertex(self.cid(vn.id + "-id"), _esc(ident), BAND + "fontStyle=1;",
                            n.w / 4, 4, n.w / 2, 16, nid)
            if loc:
                self.vertex(self.cid(vn.id + "-loc"), _esc(loc), BAND + "fontColor=#444444;",
                            n.w / 4, n.h - 20, n.w / 2, 16, nid)
        mark = _repeat_mark(n) if vn.repeat else None
        if mark is not None:  # our slash, as a rotated line (centre and length of the slash)
            mx, my, size = mark
            length = size * 2 ** 0.5
            self.vertex(self.cid(vn.id + "-rep"), "", "shape=line;rotation=-45;connectable=0;html=1;"
                        "strokeColor=#000000;", mx + size / 2 - length / 2, my - size / 2 - 2, length, 4, nid)
        if vn.control:
            self.vertex(self.cid(vn.id + "-ctl"), _esc(vn.control),
                        "ellipse;html=1;fillColor=#ffffff;strokeColor=#c62828;fontColor=#c62828;fontSize=10;"
                        "fontStyle=1;connectable=0;", n.w - 10, -10, 20, 20, nid)

    def _edge(self, e, layer: str) -> None:
        ve = e.edge
        if ve.style == "goods":
            style = ("shape=flexArrow;endArrow=block;endSize=5;width=4;endWidth=10;fillColor=#ffffff;"
                     "strokeColor=#000000;")
        else:
            style = "endArrow=block;endFill=1;endSize=7;strokeColor=#000000;"
        style += "edgeStyle=none;curved=1;rounded=0;html=1;fontFamily=Noto Sans CJK SC;fontSize=12;" \
                 "labelBackgroundColor=#ffffff;fontColor=#000000;"
        pts = [self.abs(*q) for q in e.points]
        inner = pts[1:-1]
        geo = ['<mxGeometry relative="1" as="geometry">']
        if inner:
            geo.append('<Array as="points">' + "".join(f'<mxPoint x="{_n(x)}" y="{_n(y)}"/>' for x, y in inner)
                       + "</Array>")
        if pts:
            geo.append(f'<mxPoint x="{_n(pts[0][0])}" y="{_n(pts[0][1])}" as="sourcePoint"/>')
            geo.append(f'<mxPoint x="{_n(pts[-1][0])}" y="{_n(pts[-1][1])}" as="targetPoint"/>')
        from flowdsl.render.specs import edge_text

        label = edge_text(ve)
        if label and e.label_pos is not None and pts:
            mx, my = _midpoint(pts)
        lx, ly = self.abs(*e.label_pos) if (label and e.label_pos is not None) else (0.0, 0.0)
        if label and e.label_pos is not None and pts:
            geo.append(f'<mxPoint x="{_n(lx - mx)}" y="{_n(ly - my)}" as="offset"/>')
        geo.append("</mxGeometry>")
        self.cells.append(
            f'<mxCell id={quoteattr(self.cid(f"e{e.index}"))} value={quoteattr(_esc(label))} '
            f'style={quoteattr(style)} edge="1" parent={quoteattr(layer)} '
            f'source={quoteattr(self.cid(ve.src))} target={quoteattr(self.cid(ve.dst))}>'
            + "".join(geo) + "</mxCell>")


def _midpoint(pts: list[tuple[float, float]]) -> tuple[float, float]:
    """The point half-way along a polyline (where draw.io puts an edge label)."""
    segs = list(zip(pts, pts[1:]))
    lengths = [((b[0] - a[0]) ** 2 + (b[1] - a[1]) ** 2) ** 0.5 for a, b in segs]
    half = sum(lengths) / 2
    for (a, b), n in zip(segs, lengths):
        if half <= n and n > 0:
            t = half / n
            return (a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t)
        half -= n
    return pts[len(pts) // 2]


def to_drawio(diagrams, placed: list[Placed] | None = None) -> bytes:
    """One draw.io file with a page per diagram (``diagrams``: ``Diagram`` objects or views)."""
    views = [getattr(d, "view", d) for d in diagrams]
    placed = placed or [place(v) for v in views]
    pages = []
    for i, p in enumerate(placed, 1):
        page = _Page(p, f"p{i}")
        w = _n(p.width + 2 * MARGIN + page.left)
        h = _n(p.height + 2 * MARGIN + page.top)
        pages.append(
            f'  <diagram id="p{i}" name={quoteattr(p.view.title or p.view.name)}>\n'
            f'    <mxGraphModel dx="{w}" dy="{h}" grid="1" gridSize="10" guides="1" tooltips="1" connect="1" '
            f'arrows="1" fold="1" page="1" pageScale="1" pageWidth="{w}" pageHeight="{h}" math="0" shadow="0">'
            f'<root>{page.build()}</root></mxGraphModel>\n  </diagram>\n')
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<mxfile host="flowdsl" type="device" compressed="false">\n' + "".join(pages)
            + "</mxfile>\n").encode("utf-8")
