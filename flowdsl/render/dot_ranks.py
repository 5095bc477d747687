"""The rank and side constraints of a view's DOT (:func:`flowdsl.render.dot.view_to_dot`):
which side of its anchor each beside node goes, the groups kept on one rank, the lane
spines' ranks; and the attribute list every DOT statement is written with."""

from __future__ import annotations

from flowdsl.render.quote import dot_string
from flowdsl.views.graph import View, VNode


def _attrs(attrs: dict[str, str]) -> str:
    return "[" + ", ".join(f"{k}={attrs[k]}" for k in sorted(attrs)) + "]"


def spine_name(boundary: int, rank: int) -> str:
    """DOT name of the invisible spine node of lane boundary ``boundary`` (1 = between
    lanes 1 and 2) on rank ``rank`` (see :func:`view_to_dot`, ``ranks``)."""
    return f"spine{boundary}_{rank}"


def _beside_sides(view: View, names: dict[str, str]) -> dict[tuple[str, str], str]:
    """(DOT tail, DOT head) of every edge between a beside node and its anchor -> "keep"
    or "reverse" (a flat edge runs left to right, so this picks the side): an anchor's
    first beside node goes to its right, the second to its left, and so on; a pair
    listed twice goes to the other side."""
    count: dict[str, int] = {}
    side: dict[tuple[str, str], str] = {}
    for node, anchor in view.beside:
        if node not in names or anchor not in names:
            continue
        a, n = names[anchor], names[node]
        if (a, n) in side:   # a pair given twice: the other side (render/uncross.py)
            right = side[(a, n)] == "reverse"
        else:
            k = count.get(anchor, 0)
            count[anchor] = k + 1
            right = k % 2 == 0
        side[(a, n)] = "keep" if right else "reverse"
        side[(n, a)] = "reverse" if right else "keep"
    return side


def _two_sided(view: View) -> bool:
    """True when some anchor has two or more beside nodes (one goes to its left)."""
    anchors = [a for _, a in view.beside]
    return len(anchors) != len(set(anchors))


def _beside_groups(view: View, names: dict[str, str], same_lane_only: bool) -> list[str]:
    """``rank=same`` groups putting each node of ``view.beside`` on its anchor's rank.
    With lane clusters only pairs inside one lane (rank=same across clusters upsets
    Graphviz's cluster placement)."""
    lane = {n.id: n.lane for n in view.nodes}
    groups: dict[str, list[str]] = {}
    for node, anchor in view.beside:
        if node not in names or anchor not in names:
            continue
        if same_lane_only and lane.get(node) != lane.get(anchor):
            continue
        members = groups.setdefault(anchor, [anchor])
        if node not in members:
            members.append(node)
    return [f"  subgraph beside_{names[a]} {{ rank=same; " + "; ".join(names[m] for m in members) + "; }"
            for a, members in groups.items()]


def _rank_constraints(view: View, lanes: list[str], lane_nodes: dict[str, list[VNode]],
                      names: dict[str, str], ranks: dict[str, int],
                      order: dict[str, float]) -> list[str]:
    """rank=same groups, spine nodes and flat ordering edges (second-pass lane layout).

    Every rank becomes ONE chain of flat edges: lane 1's nodes (in the order of the
    first layout), spine 1, lane 2's nodes, spine 2... A total order leaves Graphviz's
    crossing minimisation nothing to swap on the real nodes: with only node-to-spine
    edges it was seen to move a node across a spine now and then.
    """
    out: list[str] = []
    nlanes = len(lanes)
    # one lane has no boundary to keep its ranks in order (a sheet of a split chart
    # may show one lane): a spine chain on its right does it
    bounds = max(nlanes, 2)
    # members[r][k]: DOT names of lane k's nodes (k = 1..n; the header included) on rank r
    members: dict[int, dict[int, list[str]]] = {}
    seq = {}
    for k, lane in enumerate(lanes, 1):
        for name in [f"lane{k}"] + [names[n.id] for n in lane_nodes[lane]]:
            r = ranks.get(name)
            if r is None:
                continue
            seq[name] = len(seq)
            members.setdefault(r, {}).setdefault(k, []).append(name)
    levels = sorted(members)
    spine = {"shape": "point", "width": "0.01", "height": "0.01", "fixedsize": "true",
             "style": "invis", "label": '""'}
    for r in levels:
        chain: list[str] = []
        for k in range(1, nlanes + 1):
            chain.extend(sorted(members[r].get(k, []), key=lambda n: (order.get(n, 0.0), seq[n])))
            if k < bounds:
                sp = spine_name(k, r)
                out.append(f"  {sp} {_attrs(dict(spine, id=dot_string(sp)))};")
                chain.append(sp)
        out.append(f"  subgraph rank_{r} {{ rank=same; " + "; ".join(chain) + "; }")
        # (weight >= 1: Graphviz ignores flat edges of weight 0 when ordering)
        if len(chain) > 1:
            out.append("  " + " -> ".join(chain) + " [style=invis, weight=1];")
    # each boundary: a vertical chain of very heavy edges -> a straight line
    for b in range(1, bounds):
        for r0, r1 in zip(levels, levels[1:]):
            out.append(f"  {spine_name(b, r0)} -> {spine_name(b, r1)} "
                       "[style=invis, weight=10000];")
    return out
