"""After layout: put a second node beside the same anchor on the anchor's other side.

``view.beside`` asks for each ledger (and each repeated copy) to sit on its anchor's
rank; the DOT asks for the first to the anchor's right and the second to its left
(:func:`flowdsl.render.dot_ranks._beside_sides`), but Graphviz does not always honour the
left one, and an arrow then arcs over the first ledger to reach the second. Here such a
node is moved to the anchor's left when that place is free (no symbol, no arrow, inside
the sheet and the lane) and its arrows are redrawn straight.
"""

from __future__ import annotations

from flowdsl.render.geometry import boxes_overlap, flatten, grow, poly_hits_box
from flowdsl.render.layout import Layout, NodeBox, redraw_edges
from flowdsl.views.graph import View

GAP = 36.0


def _bb(nb: NodeBox):
    b = nb.bbox
    return (b.x0, b.y0, b.x1, b.y1)


def fix_sides(layout: Layout, view: View) -> Layout:
    """Balance each anchor's beside nodes over its two sides (farthest ones move)."""
    if not view.beside or (view.lanes and view.lane_direction == "horizontal") or view.direction == "LR":
        return layout
    from flowdsl.render.dot import dot_node_names
    names = dot_node_names(view)
    lane_of = {names[n.id]: n.lane for n in view.nodes}
    lanes = list(dict.fromkeys(view.lanes))
    groups: dict[str, list[str]] = {}
    for node, anchor in view.beside:
        if node in names and anchor in names and names[node] not in groups.get(names[anchor], ()):
            groups.setdefault(names[anchor], []).append(names[node])
    nodes = dict(layout.nodes)
    moved: set[str] = set()

    def try_move(n: NodeBox, x: float) -> bool:
        cand = NodeBox(n.name, round(x, 3), n.y, n.width, n.height, n.attrs)
        box = _bb(cand)
        if box[0] < 0 or box[2] > layout.width:
            return False
        lane = lane_of.get(n.name)
        if lane in lanes:
            lb = layout.clusters.get(f"cluster_lane{lanes.index(lane) + 1}")
            if lb is not None and (box[0] < lb.x0 + 6 or box[2] > lb.x1 - 6):
                return False
        if any(boxes_overlap(grow(box, 8), _bb(o)) for m, o in nodes.items() if m != n.name):
            return False
        if any(poly_hits_box(flatten(e.points, e.end or e.start), grow(box, 4)) for e in layout.edges
               if not e.invisible and n.name not in (e.tail, e.head)):
            return False
        nodes[n.name] = cand
        moved.add(n.name)
        return True

    for anchor, members in groups.items():
        a = nodes.get(anchor)
        if a is None or len(members) < 2:
            continue
        level = [nodes[m] for m in members if m in nodes and abs(nodes[m].y - a.y) <= 1]
        right = sorted((n for n in level if n.x > a.x), key=lambda n: n.x)
        left = sorted((n for n in level if n.x < a.x), key=lambda n: -n.x)
        while len(right) > len(left) + 1 or len(left) > len(right) + 1:
            src, dst, sign = (right, left, -1) if len(right) > len(left) else (left, right, 1)
            n = src.pop()
            edge = dst[-1] if dst else a
            x = edge.x + sign * (edge.width / 2 + GAP + n.width / 2)
            if not try_move(n, x):
                break
            dst.append(nodes[n.name])
    if not moved:
        return layout
    return redraw_edges(layout, nodes, moved)
