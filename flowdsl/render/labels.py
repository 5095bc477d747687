"""Where each edge label is drawn, and the geometry of what is drawn.

:func:`drawn` gives, for one view on its layout, every node box, every edge's polyline
as the SVG draws it (in the view's direction, arrow tip included) and the box of its
label. The SVG (:mod:`flowdsl.render.svg`) and the layout measure
(:mod:`flowdsl.render.measure`) both read it, so what is measured is what is drawn.
"""

from __future__ import annotations

from dataclasses import dataclass

from flowdsl.render.dot import dot_node_names
from flowdsl.render.geometry import Box, Point, flatten
from flowdsl.render.layout import Layout
from flowdsl.render.metrics import LINE_HEIGHT, lines_width
from flowdsl.render.specs import FONT_EDGE, edge_label_spec, node_spec
from flowdsl.views.graph import View


@dataclass(frozen=True)
class DrawnEdge:
    index: int                      #: 1-based, as the DOT id ``e<index>``
    tail: str                       #: DOT node names, in the view's direction
    head: str
    points: tuple[Point, ...]       #: spline control points in the view's direction
    tip: Point | None               #: arrow tip
    poly: tuple[Point, ...]         #: flattened polyline, tip included
    label: tuple[str, ...]          #: label lines (empty: no label)
    label_size: tuple[float, float]  #: drawn label box width, height


@dataclass(frozen=True)
class Drawn:
    nodes: dict[str, Box]           #: DOT node name -> symbol box
    kinds: dict[str, str]           #: DOT node name -> view node kind
    edges: tuple[DrawnEdge, ...]
    labels: dict[int, Box]          #: edge index -> label box (labelled edges only)
    width: float
    height: float


def label_size(lines) -> tuple[float, float]:
    """The white box drawn behind an edge label's text."""
    return (lines_width(list(lines)) * FONT_EDGE + 4, len(lines) * LINE_HEIGHT * FONT_EDGE + 2)


def drawn(view: View, layout: Layout) -> Drawn:
    names = dot_node_names(view)
    nodes: dict[str, Box] = {}
    kinds: dict[str, str] = {}
    for node in view.nodes:
        name = names[node.id]
        nb = layout.nodes.get(name)
        if nb is None:
            continue
        spec = node_spec(view, node)
        nodes[name] = (nb.x - spec.width / 2, nb.y - spec.height / 2,
                       nb.x + spec.width / 2, nb.y + spec.height / 2)
        kinds[name] = node.kind
    by_id = {e.id: e for e in layout.edges if e.id}
    edges = []
    for i, edge in enumerate(view.edges, 1):
        ep = by_id.get(f"e{i}")
        if ep is None or not ep.points:
            continue
        pts = list(ep.points)
        tip = ep.end
        if ep.start is not None and ep.end is None:
            pts.reverse()
            tip = ep.start
        spec = edge_label_spec(edge)
        lines = spec.lines if spec is not None else ()
        edges.append(DrawnEdge(i, names[edge.src], names[edge.dst], tuple(pts), tip,
                               tuple(flatten(pts, tip)), tuple(lines),
                               label_size(lines) if lines else (0.0, 0.0)))
    labels = place_labels(edges, nodes, layout)
    return Drawn(nodes, kinds, tuple(edges), labels, layout.width, layout.height)


def place_labels(edges, nodes: dict[str, Box], layout: Layout) -> dict[int, Box]:
    """Label boxes: centred where Graphviz put each label."""
    lp = {int(e.id[1:]): e.label_pos for e in layout.edges if e.id.startswith("e")}
    out: dict[int, Box] = {}
    for e in edges:
        pos = lp.get(e.index)
        if not e.label or pos is None:
            continue
        w, h = e.label_size
        out[e.index] = (pos[0] - w / 2, pos[1] - h / 2, pos[0] + w / 2, pos[1] + h / 2)
    return out
