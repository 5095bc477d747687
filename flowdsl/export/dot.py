"""Plain Graphviz DOT: a file ``dot -Tsvg`` renders on its own, without a warning.

This is what ``render -f dot``, ``Diagram.render("dot")`` and ``export --to dot`` write.
Not the DOT the renderer lays out with (:func:`flowdsl.render.view_to_dot`: fixed-size
nodes and label cells sized by our own metrics, left-to-right flows transposed); this
one lets Graphviz size everything for its fonts (our sizes are the minimum) and keeps
the flow direction (``rankdir=LR`` where we flow left to right). It is written from our
layout: each of our ranks is one Graphviz rank, its nodes chained in our order by
invisible flat edges (the one ordering Graphviz always keeps); swimlanes are a drawn
table (outer sides and lane boundaries as lines of very heavy edges between invisible
points, a header row with the lane names), not clusters, whose order Graphviz does not
keep. Shapes are Graphviz's nearest: HTML-like tables for a DFD process (ID band, name,
location band), a store (ID cell, open on the right), a ledger (open on the right) and
a step with its module band; ``note`` for a document, ``doublecircle`` for an outside
unit; goods flows are double lines with open arrows; returns are written reversed with
``dir=back`` so they agree with the ranks.
"""

from __future__ import annotations

from flowdsl.render.quote import dot_label, dot_string, html_label_text
from flowdsl.views.graph import View, VNode

from .geometry import Placed, place

SHAPES = {
    "unit": "circle", "unit_ext": "doublecircle", "step": "box", "decision": "box",
    "document": "note", "ledger": "table", "collect": "tab", "start": "box", "end": "box",
    "entity": "box", "process": "table", "store": "table", "connector": "invhouse",
}
FONT = "Noto Sans CJK SC"


def _num(x: float) -> str:
    return f"{x:.3f}".rstrip("0").rstrip(".")


def _attrs(attrs: dict[str, str]) -> str:
    return "[" + ", ".join(f"{k}={attrs[k]}" for k in sorted(attrs)) + "]"


def _cell(text: str, extra: str = "", small: bool = False) -> str:
    body = html_label_text(text)
    if small:
        body = f'<FONT POINT-SIZE="10">{body}</FONT>'
    return f'<TD CELLPADDING="5"{extra}>{body}</TD>'


def _table(vn: VNode, text: str) -> str:
    """An HTML-like label (Graphviz records break on flat edges): a DFD process's ID
    band, name and location band in a rounded box; a store's ID cell beside its name,
    open on the right; a ledger open on the right; a step's module band under it."""
    ident, loc = (vn.ident or "").strip(), (vn.location or "").strip()
    if vn.kind == "store":
        cells = (_cell(ident) if ident else "") + _cell(text, ' SIDES="TB"' if ident else ' SIDES="LTB"')
        return f'<<TABLE BORDER="0" CELLBORDER="1" CELLSPACING="0"><TR>{cells}</TR></TABLE>>'
    if vn.kind == "ledger":
        cell = _cell(text, ' SIDES="LTB"')
        return f'<<TABLE BORDER="0" CELLBORDER="1" CELLSPACING="0"><TR>{cell}</TR></TABLE>>'
    rows = ([_cell(ident)] if ident else []) + [_cell(text)] + \
        ([_cell(loc, ' BGCOLOR="#eeeeee"', small=vn.kind != "process")] if loc else [])
    style = ' STYLE="ROUNDED"' if vn.kind == "process" else ""
    return (f'<<TABLE BORDER="1" CELLBORDER="0" CELLSPACING="0"{style}>'
            + "<HR/>".join(f"<TR>{r}</TR>" for r in rows) + "</TABLE>>")


def _node_attrs(view: View, n) -> dict[str, str]:
    vn: VNode = n.node
    shape = SHAPES.get(vn.kind, "box")
    if vn.kind in ("unit", "unit_ext") and view.unit_shape == "box":
        shape = "box"
    if vn.kind == "decision" and view.decision_shape == "diamond":
        shape = "diamond"
    if vn.kind == "process" and view.notation == "yourdon":
        shape = "circle"
    if vn.kind in ("step", "decision") and shape == "box" and (vn.location or "").strip():
        shape = "table"
    text = n.text
    if vn.control:
        text = f"{text}\n[{vn.control}]"
    attrs = {"shape": shape, "id": dot_string(vn.id),
             "width": _num(n.w / 72), "height": _num(n.h / 72)}
    if shape == "table":
        attrs["shape"] = "plain"
        del attrs["width"], attrs["height"]
        attrs["label"] = _table(vn, text)
        return attrs
    ident, loc = (vn.ident or "").strip(), (vn.location or "").strip()
    if ident and vn.kind in ("entity", "process"):
        text = f"{ident}\n{text}"
    if loc:
        text = f"{text}\n{loc}"
    attrs["label"] = '"' + dot_label(text) + '"'
    if vn.kind in ("start", "end"):
        attrs["style"] = dot_string("rounded")
    if vn.kind == "entity":
        attrs["penwidth"] = "2"
    return attrs


def _ranks(p: Placed, lr: bool) -> list[list[PNode]]:
    """Our layout's ranks in flow order, each in our order across the flow: the nodes
    sharing a centre line across the flow."""
    groups: dict[float, list[PNode]] = {}
    for n in p.nodes:
        key = round((n.cx if lr else n.cy) * 2) / 2
        groups.setdefault(key, []).append(n)
    return [sorted(groups[k], key=lambda n: (n.cy if lr else n.cx)) for k in sorted(groups)]


#: an invisible point of the lane grid
SPINE = {"shape": "point", "style": "invis", "width": "0.01", "height": "0.01", "label": '""'}
LINE = {"dir": "none", "color": "gray40", "headclip": "false", "tailclip": "false"}


def _grid(ranks: list[list[str]], lane_of: dict[str, int], nlanes: int,
          real: set[tuple[str, str]]) -> list[str]:
    """Every rank a ``rank=same`` group ordered by an invisible chain of flat edges
    (Graphviz keeps the order of flat edges): lane 1's nodes in our order, a point of
    boundary 1, lane 2's nodes, ... With lanes, the points of each boundary (and of the
    two outer sides) form drawn lines from a top border through a row of lane headers
    and a line under it to a bottom border: the swimlane table. ``ranks``: DOT names;
    ``real``: the (tail, head) pairs of our flows as written, which order their ends
    themselves (an invisible edge beside a labelled flat one crashes Graphviz 2.43)."""
    out: list[str] = []
    rows: list[list[str]] = []          # every rank's chain, in flow order
    drawn: set[int] = set()             # rows whose chain is drawn (borders)
    if nlanes:
        def spines(tag: str) -> list[str]:
            names = [f"b{b}_{tag}" for b in range(nlanes + 1)]
            out.extend(f"  {x} {_attrs(SPINE)};" for x in names)
            return names

        top, sep, bottom = spines("top"), spines("head"), spines("end")
        heads = [f"lane{k}" for k in range(1, nlanes + 1)]
        hrow = spines("lanes")
        rows += [top, [x for pair in zip(hrow, heads + [""]) for x in pair if x]]
        drawn.add(0)
        rows.append(sep)
        drawn.add(2)
        for r, group in enumerate(ranks):
            pts = spines(str(r + 1))
            row = [pts[0]]
            for k in range(1, nlanes + 1):
                row += [v for v in group if lane_of.get(v) == k] + [pts[k]]
            rows.append(row + [v for v in group if v not in lane_of])   # nodes of no lane
        rows.append(bottom)
        drawn.add(len(rows) - 1)
    else:
        rows = [list(g) for g in ranks]
    for i, row in enumerate(rows):
        out.append(f"  subgraph rank_{i} {{ rank=same; " + "; ".join(row) + "; }")
        style = _attrs(dict(LINE if i in drawn else {"style": "invis"}, weight="1"))
        out += [f"  {a} -> {b} {style};" for a, b in zip(row, row[1:]) if (a, b) not in real]
    if nlanes:       # the lane boundaries: straight lines of very heavy edges
        for b in range(nlanes + 1):
            col = [next(x for x in row if x.startswith(f"b{b}_")) for row in rows]
            out.append("  " + " -> ".join(col) + " " + _attrs(dict(LINE, weight="1000")) + ";")
    else:            # consecutive ranks in our order
        for a, b in zip(rows, rows[1:]):
            if not any((x, y) in real for x in a for y in b):
                out.append(f"  {a[0]} -> {b[0]} [style=invis, weight=0];")
    return out


def to_dot(view: View, placed: Placed | None = None) -> bytes:
    from flowdsl.render.quote import quote_id
    from flowdsl.render.specs import edge_text, is_flow_lr

    p = placed or place(view)
    lr = is_flow_lr(view)
    names = {n.id: quote_id(n.id) for n in view.nodes}
    out = [f"digraph {dot_string(view.name or 'flowdsl')} {{"]
    if getattr(view, "edges_style", "curved") == "orthogonal":
        out.append("  // flowdsl: edges = orthogonal. flowdsl draws the right angles itself "
                   "(flowdsl/render/ortho.py);")
        out.append("  // splines=ortho is not written: Graphviz 2.43 aborts on some diagrams "
                   "with it (maze.c) and ignores edge labels")
    out.append("  graph " + _attrs({
        "rankdir": "LR" if lr else "TB", "newrank": "true", "nodesep": "0.4", "ranksep": "0.45",
        "fontname": dot_string(FONT), "fontsize": "16", "labelloc": "t",
        "label": '"' + dot_label(view.title or view.name) + '"'}) + ";")
    out.append("  node " + _attrs({"fontname": dot_string(FONT), "fontsize": "14", "margin": dot_string("0.12,0.06")}) + ";")
    out.append("  edge " + _attrs({"fontname": dot_string(FONT), "fontsize": "12", "arrowsize": "0.8"}) + ";")
    lanes = list(dict.fromkeys(view.lanes))
    for k, lane in enumerate(lanes, 1):
        out.append(f"  lane{k} " + _attrs({"shape": "plaintext", "label": '"' + dot_label(lane) + '"',
                                           "id": dot_string(f"lane{k}")}) + ";")
    for n in p.nodes:
        out.append(f"  {names[n.node.id]} {_attrs(_node_attrs(view, n))};")
    ranks = _ranks(p, lr)
    index = {lane: k for k, lane in enumerate(lanes, 1)}
    lane_of = {names[n.id]: index[n.lane] for n in view.nodes if n.lane in index}
    rank_of = {n.node.id: i for i, g in enumerate(ranks) for n in g}
    across = {n.node.id: (lane_of.get(names[n.node.id], 0), n.cy if lr else n.cx) for n in p.nodes}
    edges = []
    for i, e in enumerate(view.edges, 1):
        attrs = {"id": dot_string(f"e{i}")}
        label = edge_text(e)
        if label:
            attrs["label"] = '"' + dot_label(label) + '"'
        head = "arrowhead"
        tail, dst = e.src, e.dst
        rs, rd = rank_of.get(tail, 0), rank_of.get(dst, 0)
        if rd < rs or (rd == rs and across[dst] < across[tail]):
            # a return, or a flat edge against our order: written the other way round
            # with the arrow turned, so it agrees with the ranks and the chains
            tail, dst, head = dst, tail, "arrowtail"
            attrs["dir"] = "back"
        if e.style == "goods":
            attrs["color"] = dot_string("black:invis:black")
            attrs[head] = "empty"
        edges.append((names[tail], names[dst], attrs))
    out += _grid([[names[n.node.id] for n in g] for g in ranks], lane_of, len(lanes),
                 {(a, b) for a, b, _ in edges})
    out += [f"  {a} -> {b} {_attrs(attrs)};" for a, b, attrs in edges]
    out.append("}")
    return ("\n".join(out) + "\n").encode("utf-8")
