"""View -> DOT source for Graphviz, which we only use for *layout*.

The SVG is drawn by :mod:`flowdsl.render.svg` on the coordinates Graphviz computes, so
the DOT written here has one job: give Graphviz the exact size of everything, in a way
that does not depend on the fonts installed on the machine.

* every node is ``fixedsize=true`` with a width/height computed by
  :func:`node_spec` from :mod:`flowdsl.render.metrics` (no font files);
* every edge label is an HTML-like label holding one ``FIXEDSIZE`` table cell of a
  computed size, so the label's space in the layout is font independent too;
* there are no graph or cluster labels (the title and lane headers are drawn by us;
  lane headers are invisible fixed-size nodes that reserve their space).

Output is deterministic: nodes and edges in view order, attributes sorted by name,
numbers printed with fixed precision.

Edge styles (the same choice is made in the SVG):

* ``info``  - information / document flow: a thin solid line, filled arrowhead;
* ``goods`` - material flow (货物): a DOUBLE line (``color="black:invis:black"``) with
  an open arrowhead, the way many MIS textbooks distinguish 物流 from 信息流;
* ``data``  - DFD data flow: thin solid line, filled arrowhead.
"""

from __future__ import annotations

from flowdsl.render.quote import dot_label, dot_string, html_label_text, quote_id
from flowdsl.render.specs import (  # noqa: F401  (re-exported: the sizing API lives in specs)
    EDGE_LABEL_GAP, FONT_EDGE, FONT_FAMILY_DOT, FONT_NODE, FONT_SMALL, LabelSpec, NodeSpec,
    edge_label_spec, edge_text, is_flow_lr, lane_header_spec, node_spec,
)
from flowdsl.render.dot_ranks import _attrs, _beside_groups, _beside_sides, _rank_constraints, _two_sided
from flowdsl.views.graph import View, VNode

__all__ = [
    "view_to_dot", "node_spec", "edge_label_spec", "lane_header_spec", "NodeSpec",
    "LabelSpec", "FONT_NODE", "FONT_EDGE", "FONT_SMALL", "FONT_FAMILY_DOT",
    "dot_node_names", "edge_text", "is_transposed",
]


def dot_node_names(view: View) -> dict[str, str]:
    """VNode.id -> the (bare) DOT node name: ``n1``, ``n2``... in view order."""
    return {node.id: f"n{i}" for i, node in enumerate(view.nodes, 1)}


def _num(x: float) -> str:
    return f"{x:.6f}".rstrip("0").rstrip(".")


def _html_table(spec: LabelSpec, text: str, transposed: bool = False) -> str:
    w, h = (spec.height, spec.width) if transposed else (spec.width, spec.height)
    return (f'<<TABLE FIXEDSIZE="TRUE" WIDTH="{w}" HEIGHT="{h}" BORDER="0" CELLBORDER="0" '
            f'CELLSPACING="0" CELLPADDING="0"><TR><TD FIXEDSIZE="TRUE" WIDTH="{w}" '
            f'HEIGHT="{h}">{html_label_text(text)}</TD></TR></TABLE>>')


#: nodesep (inches): of a vertical swimlane chart, and elsewhere
LANE_NODESEP, NODESEP = "0.05", "0.4"


def is_transposed(view: View) -> bool:
    """True when the view flows left to right (horizontal lanes or direction LR): its
    DOT is laid out top-down with transposed sizes, and the layout transposed back."""
    return is_flow_lr(view)


#: from this many symbols + arrows on, Graphviz gets cheaper settings (a textbook
#: diagram has well under a hundred; the samples' largest about 120)
BIG_GRAPH = 400


def big_graph_settings(size: int) -> dict[str, str]:
    """Graphviz settings for a big graph, none for a textbook-sized one. Graphviz's
    x-coordinate network simplex is what grows fastest (a 1,000-element chart: 19,629
    auxiliary nodes, 5.7 s at nslimit=2): it is capped at a few hundred iterations;
    crossing minimisation gets few passes and no second round; arrows are polylines.
    The layout is rougher, but a chart of a thousand symbols renders in seconds instead
    of running past the time limit."""
    if size < BIG_GRAPH:
        return {}
    return {"nslimit": "0.02", "nslimit1": "0.02", "mclimit": "0.05", "remincross": "false",
            "searchsize": "10", "splines": "polyline"}


def view_to_dot(view: View, robust: bool = False,
                ranks: dict[str, int] | None = None,
                order: dict[str, float] | None = None, keep_ordering: bool = True,
                clusters: bool = True) -> str:
    """The DOT source used to lay out ``view``. Pure and deterministic.

    ``clusters=False`` writes the lanes without cluster subgraphs (the renderer's first
    layout pass); the default, with one cluster per lane, is the DOT that ``-f dot``
    gives users, which Graphviz renders well on its own.

    Swimlanes are clusters ``cluster_lane1``... with an invisible header node each.
    Graphviz does not guarantee the left-to-right order of clusters (its crossing
    minimisation may swap them, whatever edges join the headers), so when the first
    layout comes back with the lanes out of order the renderer calls this again with
    ``ranks`` (DOT node name -> rank index, read from that first layout). That second
    DOT has no clusters: every rank is a ``rank=same`` group in which invisible flat
    edges put the nodes of lane 1, then a zero-size *spine* node, then the nodes of
    lane 2, another spine... and the spine nodes of one lane boundary form a vertical
    chain of very high weight, so each boundary is a straight line. Flat edges are
    the one ordering constraint Graphviz always honours.

    ``robust=True`` leaves out ``newrank``, ``ordering`` and the beside / numeric-order
    hints (``view.beside``, ``view.after``): Graphviz 2.43 can crash
    (SIGSEGV) with newrank on some cluster graphs (e.g. lanes plus nodes that belong
    to no lane); the renderer retries with this variant only after such a crash.
    """
    from flowdsl.render.backend import RenderError

    names = dot_node_names(view)
    if len(names) != len(view.nodes):
        raise RenderError("duplicate node ids in view")
    lanes = list(dict.fromkeys(view.lanes))
    # Left-to-right flow (horizontal lanes, or direction LR) is laid out top-down on
    # transposed sizes and transposed back by layout.parse_layout(transpose=True):
    # with rankdir=LR Graphviz 2.43 puts edge labels on the wrong side of the space
    # it reserved for them, right on top of neighbouring nodes. Transposing keeps the
    # label space honest and the picture is exactly an LR layout.
    tr = is_transposed(view)

    def wh(w: float, h: float) -> tuple[float, float]:
        return (h, w) if tr else (w, h)

    out: list[str] = []
    out.append(f"digraph {quote_id(view.name or 'flowdsl')} {{")
    if tr:
        out.append("  // flowdsl: left-to-right diagram, laid out top-down with transposed sizes;")
        out.append("  // the renderer swaps x and y of this layout (see flowdsl/render/dot.py)")
    if getattr(view, "edges_style", "curved") == "orthogonal":
        out.append("  // flowdsl: edges = orthogonal; Graphviz lays the diagram out with curves "
                   "(splines=spline),")
        out.append("  // then flowdsl routes every arrow at right angles along them "
                   "(see flowdsl/render/ortho.py)")
    graph = {
        "newrank": "true", "rankdir": "TB", "nodesep": NODESEP, "ranksep": "0.42",
        "splines": "spline", "margin": "0", "pad": "0", "outputorder": "edgesfirst",
        "fontname": dot_string(FONT_FAMILY_DOT), "fontsize": "14", "compound": "false",
        "ordering": "out",
    }
    if lanes and view.lane_direction != "horizontal":
        # vertical lanes side by side: their boundaries keep the lanes apart, so the
        # nodes need little separation of their own (narrower lanes, issue 9 item 6)
        graph["nodesep"] = LANE_NODESEP
    sides = {} if robust else _beside_sides(view, names)
    if robust:
        del graph["newrank"], graph["ordering"]
    elif view.kind == "dfd" or (not (ranks and lanes) and _two_sided(view)):
        # ordering=out overrides the flat edges that put a second ledger on the left; a
        # DFD has no story order within a rank to keep, and crosses fewer flows without
        # it (56 -> 32 crossings over the samples)
        del graph["ordering"]
    elif ranks and lanes and not keep_ordering:
        # the order is given by flat edges; "ordering=out" fights them now and then
        # (and helps other times: the renderer tries both)
        del graph["ordering"]
    graph.update(big_graph_settings(len(view.nodes) + len(view.edges)))
    out.append("  graph " + _attrs(graph) + ";")
    out.append("  node " + _attrs({"fontname": dot_string(FONT_FAMILY_DOT), "fontsize": "14",
                                   "fixedsize": "true", "margin": "0", "shape": "box"}) + ";")
    out.append("  edge " + _attrs({"fontname": dot_string(FONT_FAMILY_DOT), "fontsize": "12",
                                   "arrowsize": "0.8"}) + ";")

    def node_line(node: VNode, name: str) -> str:
        spec = node_spec(view, node)
        w, h = wh(spec.width, spec.height)
        attrs = {
            "width": _num(w / 72), "height": _num(h / 72),
            "shape": spec.dot_shape, "fixedsize": "true",
            "label": '"' + dot_label("\n".join(spec.lines)) + '"',
            "id": dot_string(name),
        }
        if node.kind in ("start", "end"):
            attrs["style"] = dot_string("rounded")
        return f"{name} {_attrs(attrs)};"

    nodes_by_name = {names[n.id]: n for n in view.nodes}
    lane_nodes: dict[str, list[VNode]] = {lane: [] for lane in lanes}
    free: list[VNode] = []
    for node in view.nodes:
        if lanes and node.lane in lane_nodes:
            lane_nodes[node.lane].append(node)
        else:
            free.append(node)

    headers = [f"lane{k}" for k in range(1, len(lanes) + 1)]
    lane_index = {lane: k for k, lane in enumerate(lanes, 1)}
    ranked = bool(ranks) and bool(lanes)
    for k, lane in enumerate(lanes, 1):
        spec = lane_header_spec(view, lane)
        w, h = wh(spec.width, spec.height)
        header = "lane{} {};".format(k, _attrs({
            "width": _num(w / 72), "height": _num(h / 72),
            "shape": "box", "style": "invis", "fixedsize": "true",
            "label": '"' + dot_label(lane) + '"', "id": dot_string(f"lane{k}")}))
        if ranked or not clusters:
            out.append("  " + header)
            for node in lane_nodes[lane]:
                out.append("  " + node_line(node, names[node.id]))
            continue
        out.append(f"  subgraph cluster_lane{k} {{")
        out.append("    graph " + _attrs({"margin": "18", "style": "solid", "color": "gray60",
                                           "id": dot_string(f"cluster_lane{k}")}) + ";")
        out.append("    " + header)
        for node in lane_nodes[lane]:
            out.append("    " + node_line(node, names[node.id]))
        out.append("  }")
    for node in free:
        out.append("  " + node_line(node, names[node.id]))

    # Each view edge as Graphviz sees it: (tail, head, attrs). A back edge (a return,
    # a loop to an earlier step) is written REVERSED with dir=back: the arrow still
    # points where the view says, but the edge agrees with the ranks instead of
    # fighting them, and its label gets a proper place in the layout (with
    # constraint=false Graphviz drops labels on top of nodes). weight=0 so it does not
    # pull the two nodes together either.
    dot_edges: list[tuple[str, str, dict[str, str]]] = []
    for i, edge in enumerate(view.edges, 1):
        if edge.src not in names or edge.dst not in names:
            missing = edge.src if edge.src not in names else edge.dst
            raise RenderError(f"edge {i} refers to unknown node {missing!r}")
        attrs = {"id": dot_string(f"e{i}")}
        spec = edge_label_spec(edge)
        if spec is not None:
            attrs["label"] = _html_table(spec, "\n".join(spec.lines), transposed=tr)
        if edge.style == "goods":
            attrs["color"] = dot_string("black:invis:black")
            attrs["arrowhead" if not edge.back else "arrowtail"] = "empty"
        tail, head = names[edge.src], names[edge.dst]
        reverse = edge.back and tail != head
        if ranked and tail != head and ranks.get(tail) == ranks.get(head) is not None:
            # a flat edge must run with the lane order, or it fights the spines
            lt = lane_index.get(nodes_by_name[tail].lane or "", 0)
            lh = lane_index.get(nodes_by_name[head].lane or "", 0)
            reverse = bool(lt and lh and lt > lh)
            if lt == lh and order:   # one lane: the first pass's order (see the chain)
                reverse = order.get(tail, 0.0) > order.get(head, 0.0)
        elif not ranked and (tail, head) in sides:
            reverse = sides[(tail, head)] == "reverse"
        if reverse:
            tail, head = head, tail
            attrs["dir"] = "back"
            # (a flat edge of weight 0 does not order its ends: Graphviz ignores it)
            attrs["weight"] = "1" if (head, tail) in sides else "0"
            if edge.style == "goods":
                attrs.pop("arrowhead", None)
                attrs["arrowtail"] = "empty"
        dot_edges.append((tail, head, attrs))

    if not ranked and not robust:   # (the second lane pass keeps the first pass's ranks)
        out.extend(_beside_groups(view, names, bool(lanes) and clusters))
    if ranked:
        out.extend(_rank_constraints(view, lanes, lane_nodes, names, ranks, order or {}))
    elif headers:
        # Lane headers: one rank, ordered by invisible flat edges (so lanes come out in
        # declared order). Every lane node must be below (horizontal lanes: right of)
        # its header: an invisible weight-0 edge goes from the header to each node of
        # the lane that nothing else pushes down (sources, and nodes on cycles that are
        # not reachable from a source). Edges to all nodes would add virtual nodes
        # that inflate the lanes.
        # named: an anonymous subgraph gets a name from a counter that runs on across
        # the graphs of one dot process (see render/dotserver.py)
        out.append("  subgraph rank_headers { rank=same; " + "; ".join(headers) + "; }")
        if len(headers) > 1:
            out.append("  " + " -> ".join(headers) + " [style=invis, weight=100];")
        succ: dict[str, list[str]] = {n: [] for n in names.values()}
        has_in: set[str] = set()
        for tail, head, _ in dot_edges:
            if tail != head:
                succ[tail].append(head)
                has_in.add(head)
        reached: set[str] = set()
        stack = [n for n in names.values() if n not in has_in]
        needs_header = set(stack)
        while stack:
            n = stack.pop()
            if n in reached:
                continue
            reached.add(n)
            stack.extend(succ[n])
        for n in names.values():          # view order: deterministic
            if n not in reached:
                needs_header.add(n)
                stack = [n]
                while stack:
                    m = stack.pop()
                    if m not in reached:
                        reached.add(m)
                        stack.extend(succ[m])
        for k, lane in enumerate(lanes, 1):
            for node in lane_nodes[lane]:
                if names[node.id] in needs_header:
                    out.append(f"  lane{k} -> {names[node.id]} [style=invis, weight=0];")

    for tail, head, attrs in dot_edges:
        out.append(f"  {tail} -> {head} {_attrs(attrs)};")
    if not ranked and not robust:   # numbered steps in numeric order (ranked: kept)
        for a, b in view.after:
            if a in names and b in names:
                out.append(f"  {names[a]} -> {names[b]} [style=invis, weight=0];")
    out.append("}")
    return "\n".join(out) + "\n"
