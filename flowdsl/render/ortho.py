"""Right-angle arrows (``option edges = orthogonal``, issue 9 item 7), routed by flowdsl.

Graphviz's own ``splines=ortho`` was measured and not used: in 2.43 it aborts on some
samples (``maze.c: chkSgraph``), ignores the space of edge labels and gives ambiguous
labels (see docs/architecture.md). Here the finished layout (symbols where Graphviz,
the lane passes, ``beside`` and ``compact`` put them) keeps its symbols, and every arrow
is redrawn as horizontal and vertical segments that follow the curve Graphviz chose:

* the symbols fall into *rows* (bands of overlapping y; columns for a left-to-right
  diagram, which is routed transposed); between two rows is a free *gap*;
* an arrow between rows leaves the upper symbol's bottom and enters the lower one's
  top, at ports spread along each side in the order of the other ends; it runs
  straight when it can, else with one turn in a gap, else turning in every gap where
  Graphviz's curve moves sideways (that curve passes between the symbols of each row);
* an arrow within a row runs straight between the facing sides, or, with a symbol in
  the way, over (under) the row through the gap beside it;
* the horizontal runs in one gap get their own tracks, in the order that crosses
  fewest of the others' vertical runs.

Pure and deterministic: the same layout gives the same routes.
"""

from __future__ import annotations

from flowdsl.render.geometry import Box
from flowdsl.render.layout import EdgePath, Layout, NodeBox, _shift
from flowdsl.render.ortho_route import Router



def _t(p):
    return None if p is None else (p[1], p[0])


def _transpose(layout: Layout) -> Layout:
    nodes = {k: NodeBox(v.name, v.y, v.x, v.height, v.width, v.attrs) for k, v in layout.nodes.items()}
    edges = tuple(EdgePath(e.id, e.tail, e.head, tuple(_t(p) for p in e.points), _t(e.end),
                           _t(e.start), _t(e.label_pos), e.invisible) for e in layout.edges)
    from flowdsl.render.layout import BBox
    clusters = {k: BBox(b.y0, b.x0, b.y1, b.x1) for k, b in layout.clusters.items()}
    return Layout(layout.height, layout.width, nodes, edges, clusters)


def orthogonal_layout(layout: Layout, view) -> Layout:
    """``layout`` with every visible edge routed with right angles (see the module doc);
    unchanged unless ``view.edges_style == "orthogonal"``."""
    if getattr(view, "edges_style", "curved") != "orthogonal" or not layout.edges:
        return layout
    from flowdsl.render.dot import is_transposed
    tr = is_transposed(view)
    lay = _transpose(layout) if tr else layout
    for _ in range(3):
        router = Router(lay, *_obstacles(lay, view, tr))
        routed = router.run()
        extra = router.extra_room()
        if not extra:
            break
        lay = _widen(lay, router, extra)    # gaps too narrow for their tracks: more room
    out = _fit(Layout(lay.width, lay.height, lay.nodes, routed, lay.clusters))
    return _transpose(out) if tr else out


def _obstacles(lay: Layout, view, tr: bool):
    """Symbol boxes (as drawn), lane headers, and the label boxes where Graphviz reserved
    their room (``label:e3``); the symbols' shapes."""
    from flowdsl.render.dot import dot_node_names
    from flowdsl.render.labels import label_size
    from flowdsl.render.specs import edge_label_spec, node_spec
    names = dot_node_names(view)
    shapes: dict[str, str] = {}
    boxes: dict[str, Box] = {}
    for node in view.nodes:
        nb = lay.nodes.get(names[node.id])
        if nb is None:
            continue
        spec = node_spec(view, node)
        w, h = (spec.height, spec.width) if tr else (spec.width, spec.height)
        boxes[nb.name] = (nb.x - w / 2, nb.y - h / 2, nb.x + w / 2, nb.y + h / 2)
        shapes[nb.name] = spec.dot_shape
    for name, nb in lay.nodes.items():     # lane headers: obstacles too
        if name not in boxes:
            b = nb.bbox
            boxes[name] = (b.x0, b.y0, b.x1, b.y1)
    labels: dict[str, Box] = {}
    lp = {e.id: e.label_pos for e in lay.edges if e.label_pos is not None and not e.invisible}
    for i, edge in enumerate(view.edges, 1):
        spec = edge_label_spec(edge)
        c = lp.get(f"e{i}")
        if spec is None or c is None:
            continue
        w, h = label_size(spec.lines)
        if tr:
            w, h = h, w
        labels[f"e{i}"] = (c[0] - w / 2, c[1] - h / 2, c[0] + w / 2, c[1] + h / 2)
    return boxes, shapes, labels


def _widen(lay: Layout, router: "Router", extra: dict[int, float]) -> Layout:
    """``lay`` with the gap below each band ``g`` of ``extra`` made that much taller:
    everything below it moves down (symbols, curves, label places, lane boxes)."""
    cuts = sorted((router.gap(g)[0], d) for g, d in extra.items())

    def dy(y: float) -> float:
        return sum(d for c, d in cuts if y > c + 1e-6)

    def p(pt):
        return None if pt is None else (pt[0], round(pt[1] + dy(pt[1]), 3))

    from flowdsl.render.layout import BBox
    nodes = {k: NodeBox(v.name, v.x, round(v.y + dy(v.y), 3), v.width, v.height, v.attrs)
             for k, v in lay.nodes.items()}
    edges = tuple(EdgePath(e.id, e.tail, e.head, tuple(p(q) for q in e.points), p(e.end), p(e.start),
                           p(e.label_pos), e.invisible) for e in lay.edges)
    clusters = {k: BBox(b.x0, round(b.y0 + dy(b.y0), 3), b.x1, round(b.y1 + dy(b.y1), 3))
                for k, b in lay.clusters.items()}
    return Layout(lay.width, round(lay.height + sum(extra.values()), 3), nodes, edges, clusters)


def _fit(layout: Layout) -> Layout:
    """Grow the canvas (and shift) when a route runs outside it."""
    pts = [p for e in layout.edges if not e.invisible for p in (*e.points, e.end, e.start) if p]
    if not pts:
        return layout
    x0 = min(0.0, min(p[0] for p in pts) - 4)
    y0 = min(0.0, min(p[1] for p in pts) - 4)
    w = max(layout.width, max(p[0] for p in pts) + 4) - x0
    h = max(layout.height, max(p[1] for p in pts) + 4) - y0
    grown = Layout(round(w, 3), round(h, 3), layout.nodes, layout.edges, layout.clusters)
    return _shift(grown, -x0, -y0) if (x0 or y0) else grown


__all__ = ["orthogonal_layout"]
