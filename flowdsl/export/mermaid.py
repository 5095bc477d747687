"""Mermaid ``flowchart`` text (Typora, Obsidian, 语雀, GitHub, mermaid-cli).

Faithful in content: every symbol with its text (and ID, location, control point), every
flow with its label, lanes as subgraphs in our order. An approximation in looks, laid out
by Mermaid itself: Mermaid 11 shapes (``doc`` for documents, ``dbl-circ`` for outside
units, ``lin-rect`` for stores, ``bow-rect`` for ledgers …), goods flows as thick arrows.
Needs Mermaid 11.3 or newer (the ``@{ shape: … }`` syntax).
"""

from __future__ import annotations

from flowdsl.views.graph import View

SHAPES = {
    "unit": "circle", "unit_ext": "dbl-circ", "step": "rect", "decision": "rect",
    "document": "doc", "ledger": "bow-rect", "collect": "card", "start": "stadium", "end": "stadium",
    "entity": "rect", "process": "rounded", "store": "lin-rect", "connector": "notch-pent",
}


def text(s: str | None) -> str:
    """Text inside a quoted Mermaid label: entity codes for the characters Mermaid
    reads (``"``, ``#``, ``<``, ``>``, ``|`` …), ``<br>`` for line breaks.

    >>> text('a "b" #1 <2>')
    'a #quot;b#quot; #35;1 #lt;2#gt;'
    """
    out = []
    for ch in (s or "").replace("\r", ""):
        code = {"#": "#35;", '"': "#quot;", "<": "#lt;", ">": "#gt;", "|": "#124;", "&": "#amp;",
                "`": "#96;", "{": "#123;", "}": "#125;", "[": "#91;", "]": "#93;"}.get(ch)
        out.append(code if code else ("<br>" if ch == "\n" else ch))
    return "".join(out)


def mid(vid: str) -> str:
    """A Mermaid node id: ours, except words Mermaid reserves (``end``, ``start`` …)."""
    return vid if vid[:1] == "n" and vid[1:].isdigit() else f"node_{vid}"


def node_text(view: View, n) -> str:
    from flowdsl.render.specs import clean_text

    label = clean_text(n.label).strip() or {"start": "开始", "end": "结束"}.get(n.kind, "")
    parts = []
    if n.ident and n.kind in ("process", "entity", "store"):
        parts.append(n.ident)
    parts.append(label)
    if n.location:
        parts.append(f"({n.location})" if n.kind != "process" else n.location)
    if n.control:
        parts.append(f"[{n.control}]")
    sep = " " if n.kind == "store" else "\n"
    return sep.join(parts)


def to_mermaid(view: View) -> bytes:
    from flowdsl.render.specs import edge_text, is_flow_lr

    out = []
    if view.title:
        out += ["---", "title: " + text(view.title).replace(":", "#58;"), "config:", "  theme: neutral", "---"]
    out.append("flowchart " + ("LR" if is_flow_lr(view) else "TB"))
    lanes = list(dict.fromkeys(view.lanes))

    def shape(n) -> str:
        s = SHAPES.get(n.kind, "rect")
        if n.kind == "decision" and view.decision_shape == "diamond":
            s = "diam"
        if n.kind in ("unit", "unit_ext") and view.unit_shape == "box":
            s = "rect"
        if n.kind == "process" and view.notation == "yourdon":
            s = "circle"
        return f'  {mid(n.id)}@{{ shape: {s}, label: "{text(node_text(view, n))}" }}'

    in_lane = {lane: [n for n in view.nodes if n.lane == lane] for lane in lanes}
    for k, lane in enumerate(lanes, 1):
        out.append(f'  subgraph lane{k}["{text(lane)}"]')
        out += ["  " + shape(n) for n in in_lane[lane]]
        out.append("  end")
    out += [shape(n) for n in view.nodes if n.lane not in in_lane]
    for e in view.edges:
        arrow = "==>" if e.style == "goods" else "-->"
        label = edge_text(e)
        a, b = mid(e.src), mid(e.dst)
        out.append(f'  {a} {arrow}|"{text(label)}"| {b}' if label else f"  {a} {arrow} {b}")
    return ("\n".join(out) + "\n").encode("utf-8")
