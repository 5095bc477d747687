"""Plain Graphviz DOT: a file ``dot -Tsvg`` renders on its own, without a warning.

Not the DOT the renderer lays out with (:func:`flowdsl.render.view_to_dot`: fixed-size
nodes, fixed-size HTML label cells sized by our own metrics, left-to-right flows
transposed); this one lets Graphviz size everything for its fonts (our sizes are the
minimum), keeps the flow direction (``rankdir=LR`` where we flow left to right), puts
the nodes of each of our ranks on one Graphviz rank, and draws swimlanes as labelled
clusters. Shapes are Graphviz's nearest: a table with an ID band and a location band
for a DFD process, a table with an ID cell for a store, ``note`` for a document,
``doublecircle`` for an outside unit; goods flows are double lines with open arrows.
"""

from __future__ import annotations

from flowdsl.render.quote import dot_label, dot_string, html_label_text
from flowdsl.views.graph import View, VNode

from .geometry import Placed, place

SHAPES = {
    "unit": "circle", "unit_ext": "doublecircle", "step": "box", "decision": "box",
    "document": "note", "ledger": "box", "collect": "tab", "start": "box", "end": "box",
    "entity": "box", "process": "record", "store": "record", "connector": "invhouse",
}
FONT = "Noto Sans CJK SC"


def _num(x: float) -> str:
    return f"{x:.3f}".rstrip("0").rstrip(".")


def _attrs(attrs: dict[str, str]) -> str:
    return "[" + ", ".join(f"{k}={attrs[k]}" for k in sorted(attrs)) + "]"


def _node_attrs(view: View, n) -> dict[str, str]:
    vn: VNode = n.node
    shape = SHAPES.get(vn.kind, "box")
    if vn.kind in ("unit", "unit_ext") and view.unit_shape == "box":
        shape = "box"
    if vn.kind == "decision" and view.decision_shape == "diamond":
        shape = "diamond"
    if vn.kind == "process" and view.notation == "yourdon":
        shape = "circle"
    text = n.text
    if vn.control:
        text = f"{text}\n[{vn.control}]"
    attrs = {"shape": shape, "id": dot_string(vn.id),
             "width": _num(n.w / 72), "height": _num(n.h / 72)}
    ident = (vn.ident or "").strip()
    loc = (vn.location or "").strip()
    if shape == "record":
        # an HTML-like table (records break on flat edges in Graphviz): the process's
        # ID band, name and location band stacked; the store's ID cell beside its name
        cell = '<TD CELLPADDING="5">{}</TD>'
        cells = ([ident] if ident else []) + [text] + ([loc] if loc and vn.kind == "process" else [])
        if vn.kind == "process":
            rows = "".join("<TR>" + cell.format(html_label_text(c)) + "</TR>" for c in cells)
            style = ' STYLE="ROUNDED"'
        else:
            rows = "<TR>" + "".join(cell.format(html_label_text(c)) for c in cells) + "</TR>"
            style = ""
        attrs["shape"] = "plain"
        del attrs["width"], attrs["height"]
        attrs["label"] = f'<<TABLE BORDER="1" CELLBORDER="1" CELLSPACING="0"{style}>{rows}</TABLE>>'
    else:
        if ident and vn.kind == "entity":
            text = f"{ident}\n{text}"
        if loc:
            text = f"{text}\n{loc}"
        attrs["label"] = '"' + dot_label(text) + '"'
    if vn.kind in ("start", "end"):
        attrs["style"] = dot_string("rounded")
    if vn.kind == "entity":
        attrs["penwidth"] = "2"
    if vn.kind == "ledger":
        attrs["style"] = dot_string("filled")
        attrs["fillcolor"] = dot_string("#f2f2f2")
    return attrs


def _ranks(p: Placed, lr: bool) -> list[list[str]]:
    """Our layout's ranks: node ids sharing a centre line across the flow."""
    groups: dict[float, list[str]] = {}
    for n in p.nodes:
        key = round((n.cx if lr else n.cy) * 2) / 2
        groups.setdefault(key, []).append(n.node.id)
    return [groups[k] for k in sorted(groups)]


def to_dot(view: View, placed: Placed | None = None) -> bytes:
    from flowdsl.render.specs import edge_text, is_flow_lr

    p = placed or place(view)
    lr = is_flow_lr(view)
    out = [f"digraph {dot_string(view.name or 'flowdsl')} {{"]
    out.append("  graph " + _attrs({
        "rankdir": "LR" if lr else "TB", "newrank": "true", "nodesep": "0.4", "ranksep": "0.45",
        "fontname": dot_string(FONT), "fontsize": "16", "labelloc": "t",
        "label": '"' + dot_label(view.title or view.name) + '"'}) + ";")
    out.append("  node " + _attrs({"fontname": dot_string(FONT), "fontsize": "14", "margin": dot_string("0.12,0.06")}) + ";")
    out.append("  edge " + _attrs({"fontname": dot_string(FONT), "fontsize": "12", "arrowsize": "0.8"}) + ";")
    lanes = list(dict.fromkeys(view.lanes))
    by_lane: dict[str, list] = {lane: [] for lane in lanes}
    free = []
    for n in p.nodes:
        (by_lane[n.node.lane] if n.node.lane in by_lane else free).append(n)
    for k, lane in enumerate(lanes, 1):
        out.append(f"  subgraph cluster_lane{k} {{")
        out.append("    graph " + _attrs({"label": '"' + dot_label(lane) + '"', "style": "solid",
                                           "color": "gray40", "fontsize": "14"}) + ";")
        for n in by_lane[lane]:
            out.append(f"    {n.node.id} {_attrs(_node_attrs(view, n))};")
        out.append("  }")
    for n in free:
        out.append(f"  {n.node.id} {_attrs(_node_attrs(view, n))};")
    for group in _ranks(p, lr):
        if len(group) > 1:
            out.append("  { rank=same; " + "; ".join(group) + "; }")
    for i, e in enumerate(view.edges, 1):
        attrs = {"id": dot_string(f"e{i}")}
        label = edge_text(e)
        if label:
            attrs["label"] = '"' + dot_label(label) + '"'
        if e.style == "goods":
            attrs["color"] = dot_string("black:invis:black")
            attrs["arrowhead"] = "empty"
        out.append(f"  {e.src} -> {e.dst} {_attrs(attrs)};")
    out.append("}")
    return ("\n".join(out) + "\n").encode("utf-8")
