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

import math
from dataclasses import dataclass
from functools import lru_cache

from flowdsl.render.metrics import LINE_HEIGHT, lines_width, wrap
from flowdsl.render.quote import clean_text, dot_label, dot_string, html_label_text, quote_id
from flowdsl.views.graph import View, VEdge, VNode

__all__ = [
    "view_to_dot", "node_spec", "edge_label_spec", "lane_header_spec", "NodeSpec",
    "LabelSpec", "FONT_NODE", "FONT_EDGE", "FONT_SMALL", "FONT_FAMILY_DOT",
    "dot_node_names", "edge_text", "is_transposed",
]

FONT_NODE = 14.0    #: px/pt, node labels
FONT_EDGE = 12.0    #: edge labels
FONT_SMALL = 11.0   #: ident cells, location bands, control tags
#: only used by Graphviz if someone renders our DOT directly; layout never depends on it
FONT_FAMILY_DOT = "Noto Sans CJK SC"

#: maximum label width in em per symbol kind (about 8-10 CJK characters for steps)
_WRAP_EM = {
    "step": 9, "decision": 9, "document": 9, "ledger": 10, "collect": 9,
    "start": 8, "end": 8, "unit": 5, "unit_ext": 5, "entity": 5, "process": 7,
    "store": 12,
}


_EDGE_WRAP_EM = 10
#: free space (points) on each side of an edge label's text in its layout box
EDGE_LABEL_GAP = 7.0


@dataclass(frozen=True)
class NodeSpec:
    """Everything the SVG needs to draw one symbol, in points."""
    kind: str
    shape: str            #: drawing recipe, e.g. "box", "circle", "document", "store-yourdon"
    dot_shape: str        #: Graphviz shape used for edge clipping
    width: int
    height: int
    lines: tuple[str, ...]
    top_band: float = 0.0      #: height of the ident band (process) / header cell
    bottom_band: float = 0.0   #: height of the location band
    left_cell: float = 0.0     #: width of a store's ident cell
    font: float = FONT_NODE


@dataclass(frozen=True)
class LabelSpec:
    lines: tuple[str, ...]
    width: int
    height: int
    font: float = FONT_EDGE


def _lines(text: str | None, max_em: float) -> tuple[str, ...]:
    t = clean_text(text).strip("\n")
    if not t.strip():
        return ()
    return tuple(wrap(t, max_em))


def _tw(lines: tuple[str, ...], font: float) -> float:
    return lines_width(list(lines)) * font


def _th(lines: tuple[str, ...], font: float) -> float:
    return len(lines) * LINE_HEIGHT * font


def _up(x: float) -> int:
    """Round a size up to an even number of points (keeps centres on half points)."""
    n = int(math.ceil(x - 1e-6))
    return n + (n % 2)


@lru_cache(maxsize=16)
def _unit_circle_diameter(view: View) -> float:
    d = 56.0
    for node in view.nodes:
        if node.kind in ("unit", "unit_ext"):
            label = node.label
            lines = _lines(label, _WRAP_EM["unit"])
            ring = 8 if node.kind == "unit_ext" else 0
            d = max(d, math.hypot(_tw(lines, FONT_NODE), _th(lines, FONT_NODE)) + 14 + ring)
    return d


def node_spec(view: View, node: VNode) -> NodeSpec:
    """Size and drawing recipe of one node; a pure function of the view and node."""
    kind = node.kind
    fs = FONT_NODE
    label = node.label
    if kind in ("start", "end") and not clean_text(label).strip():
        label = "开始" if kind == "start" else "结束"
    lines = _lines(label, _WRAP_EM.get(kind, 9))
    tw, th = _tw(lines, fs), _th(lines, fs)
    loc = FONT_SMALL * LINE_HEIGHT + 6 if clean_text(node.location).strip() else 0.0

    if kind in ("step", "collect") or (kind == "decision" and view.decision_shape != "diamond"):
        shape = {"step": "box", "decision": "box", "collect": "card"}[kind]
        w = max(tw + (34 if kind == "collect" else 24), 96)
        h = max(th + 18, 42) + loc
        return NodeSpec(kind, shape, "box", _up(w), _up(h), lines, bottom_band=loc)
    if kind == "decision":  # diamond: the text box fits if w >= 2*tw and h >= 2*th
        lines = _lines(label, 6)
        tw, th = _tw(lines, fs), _th(lines, fs)
        return NodeSpec(kind, "diamond", "diamond", _up(max(2 * tw + 20, 96)),
                        _up(max(2 * th + 16, 56)), lines)
    if kind == "document":
        w = max(tw + 24, 96)
        h = max(th + 16, 38) + 10  # + the wave
        return NodeSpec(kind, "document", "box", _up(w), _up(h), lines, bottom_band=10)
    if kind == "ledger":
        return NodeSpec(kind, "ledger", "box", _up(max(tw + 32, 96)), _up(max(th + 14, 36)), lines)
    if kind in ("start", "end"):
        return NodeSpec(kind, "terminator", "box", _up(max(tw + 30, 64)), _up(max(th + 10, 30)), lines)
    if kind in ("unit", "unit_ext"):
        ring = 8 if kind == "unit_ext" else 0
        if view.unit_shape == "box":
            lines = _lines(label, 8)
            tw, th = _tw(lines, fs), _th(lines, fs)
            return NodeSpec(kind, "unit-box", "box", _up(max(tw + 24, 80) + ring),
                            _up(max(th + 18, 40) + ring), lines)
        # all unit circles of a view share one size, as in the textbooks
        d = _unit_circle_diameter(view)
        return NodeSpec(kind, "unit-circle", "circle", _up(d), _up(d), lines)
    if kind == "entity":
        if view.notation == "yourdon":
            lines = _lines(label, 8)
            tw, th = _tw(lines, fs), _th(lines, fs)
            return NodeSpec(kind, "entity-yourdon", "box", _up(max(tw + 24, 80)),
                            _up(max(th + 20, 42)), lines)
        ident = FONT_SMALL * LINE_HEIGHT + 4 if clean_text(node.ident).strip() else 0.0
        side = max(tw + 22, th + 2 * ident + 16, 66) + 6  # + 6 for the shadow / second square
        shape = "entity-gane" if view.notation == "gane-sarson" else "entity"
        return NodeSpec(kind, shape, "box", _up(side), _up(side), lines, top_band=ident)
    if kind == "process":
        ident = clean_text(node.ident).strip()
        if view.notation == "yourdon":
            lines = _lines(label, 6)
            tw, th = _tw(lines, fs), _th(lines, fs)
            band = FONT_SMALL * LINE_HEIGHT + 4 if ident else 0.0
            locb = loc
            d = max(math.hypot(tw, th + 2 * max(band, locb)) + 18, 72)
            return NodeSpec(kind, "process-yourdon", "circle", _up(d), _up(d), lines,
                            top_band=band, bottom_band=locb)
        band = FONT_SMALL * LINE_HEIGHT + 8 if ident else 0.0
        w = max(tw + 24, 96)
        h = band + max(th + 16, 36) + loc
        shape = "process-gane" if view.notation == "gane-sarson" else "process"
        return NodeSpec(kind, shape, "box", _up(w), _up(h), lines, top_band=band, bottom_band=loc)
    if kind == "store":
        ident = clean_text(node.ident).strip()
        if view.notation == "yourdon":
            text = f"{ident} {clean_text(label)}".strip() if ident else label
            lines = _lines(text, 12)
            tw, th = _tw(lines, fs), _th(lines, fs)
            return NodeSpec(kind, "store-yourdon", "box", _up(max(tw + 32, 96)),
                            _up(max(th + 16, 34)), lines)
        cell = max(lines_width([ident]) * FONT_SMALL + 12, 30) if ident else 16.0
        w = cell + max(tw + 24, 96)
        return NodeSpec(kind, "store", "box", _up(w), _up(max(th + 14, 34)), lines, left_cell=cell)
    # unknown kind: a plain box, so a newer view still renders
    return NodeSpec(kind, "box", "box", _up(max(tw + 24, 96)), _up(max(th + 18, 42)), lines)


def edge_text(edge: VEdge) -> str:
    """Text drawn on an edge: ``"F3.1 采购单"`` when the flow has an ident."""
    label = clean_text(edge.label).strip()
    ident = clean_text(edge.ident).strip()
    if ident and label:
        return f"{ident} {label}"
    return ident or label


def edge_label_spec(edge: VEdge) -> LabelSpec | None:
    """Lines and reserved size of an edge label.

    The reserved box is wider than the text (``EDGE_LABEL_GAP`` on each side) so that
    the white background behind the text, drawn by the SVG, never covers the edge that
    Graphviz routes along the label box.
    """
    text = edge_text(edge)
    if not text:
        return None
    ident = clean_text(edge.ident).strip()
    label = clean_text(edge.label).strip()
    if ident and label and lines_width([text]) > _EDGE_WRAP_EM:
        # "F3.2" on its own line rather than "F3.2 不合 / 格采购单"
        lines = (ident, *wrap(label, _EDGE_WRAP_EM))
    else:
        lines = tuple(wrap(text, _EDGE_WRAP_EM))
    fs = FONT_EDGE
    return LabelSpec(lines, _up(_tw(lines, fs) + 2 * EDGE_LABEL_GAP), _up(_th(lines, fs) + 4))


def lane_header_spec(view: View, lane: str) -> NodeSpec:
    """The header cell of one lane (an invisible node in DOT that reserves its space)."""
    fs = FONT_NODE
    if view.lane_direction == "horizontal":
        lines = _lines(lane, 4)
        return NodeSpec("lane", "lane", "box", _up(max(_tw(lines, fs) + 20, 56)),
                        _up(_th(lines, fs) + 16), lines)
    lines = _lines(lane, 8)
    return NodeSpec("lane", "lane", "box", _up(max(_tw(lines, fs) + 24, 96)),
                    _up(max(_th(lines, fs) + 6, 24)), lines)


def dot_node_names(view: View) -> dict[str, str]:
    """VNode.id -> the (bare) DOT node name: ``n1``, ``n2``... in view order."""
    return {node.id: f"n{i}" for i, node in enumerate(view.nodes, 1)}


def _num(x: float) -> str:
    return f"{x:.6f}".rstrip("0").rstrip(".")


def _attrs(attrs: dict[str, str]) -> str:
    return "[" + ", ".join(f"{k}={attrs[k]}" for k in sorted(attrs)) + "]"


def _html_table(spec: LabelSpec, text: str, transposed: bool = False) -> str:
    w, h = (spec.height, spec.width) if transposed else (spec.width, spec.height)
    return (f'<<TABLE FIXEDSIZE="TRUE" WIDTH="{w}" HEIGHT="{h}" BORDER="0" CELLBORDER="0" '
            f'CELLSPACING="0" CELLPADDING="0"><TR><TD FIXEDSIZE="TRUE" WIDTH="{w}" '
            f'HEIGHT="{h}">{html_label_text(text)}</TD></TR></TABLE>>')


def is_transposed(view: View) -> bool:
    """True when the view flows left to right (horizontal lanes or direction LR): its
    DOT is laid out top-down with transposed sizes, and the layout transposed back."""
    if view.lanes:
        return view.lane_direction == "horizontal"
    return view.direction == "LR"


def spine_name(boundary: int, rank: int) -> str:
    """DOT name of the invisible spine node of lane boundary ``boundary`` (1 = between
    lanes 1 and 2) on rank ``rank`` (see :func:`view_to_dot`, ``ranks``)."""
    return f"spine{boundary}_{rank}"


def view_to_dot(view: View, robust: bool = False,
                ranks: dict[str, int] | None = None,
                order: dict[str, float] | None = None, keep_ordering: bool = True) -> str:
    """The DOT source used to lay out ``view``. Pure and deterministic.

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

    ``robust=True`` leaves out ``newrank`` and ``ordering``: Graphviz 2.43 can crash
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
    graph = {
        "newrank": "true", "rankdir": "TB", "nodesep": "0.4", "ranksep": "0.42",
        "splines": "spline", "margin": "0", "pad": "0", "outputorder": "edgesfirst",
        "fontname": dot_string(FONT_FAMILY_DOT), "fontsize": "14", "compound": "false",
        "ordering": "out",
    }
    if robust:
        del graph["newrank"], graph["ordering"]
    elif ranks and lanes and not keep_ordering:
        # the order is given by flat edges; "ordering=out" fights them now and then
        # (and helps other times: the renderer tries both)
        del graph["ordering"]
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
        if ranked:
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
        if reverse:
            tail, head = head, tail
            attrs["dir"] = "back"
            attrs["weight"] = "0"
            if edge.style == "goods":
                attrs.pop("arrowhead", None)
                attrs["arrowtail"] = "empty"
        dot_edges.append((tail, head, attrs))

    if ranked:
        out.extend(_rank_constraints(view, lanes, lane_nodes, names, ranks, order or {}))
    elif headers:
        # Lane headers: one rank, ordered by invisible flat edges (so lanes come out in
        # declared order). Every lane node must be below (horizontal lanes: right of)
        # its header: an invisible weight-0 edge goes from the header to each node of
        # the lane that nothing else pushes down (sources, and nodes on cycles that are
        # not reachable from a source). Edges to all nodes would add virtual nodes
        # that inflate the lanes.
        out.append("  { rank=same; " + "; ".join(headers) + "; }")
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
    out.append("}")
    return "\n".join(out) + "\n"


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
            if k < nlanes:
                sp = spine_name(k, r)
                out.append(f"  {sp} {_attrs(dict(spine, id=dot_string(sp)))};")
                chain.append(sp)
        out.append("  { rank=same; " + "; ".join(chain) + "; }")
        # (weight >= 1: Graphviz ignores flat edges of weight 0 when ordering)
        if len(chain) > 1:
            out.append("  " + " -> ".join(chain) + " [style=invis, weight=1];")
    # each boundary: a vertical chain of very heavy edges -> a straight line
    for b in range(1, nlanes):
        for r0, r1 in zip(levels, levels[1:]):
            out.append(f"  {spine_name(b, r0)} -> {spine_name(b, r1)} "
                       "[style=invis, weight=10000];")
    return out
