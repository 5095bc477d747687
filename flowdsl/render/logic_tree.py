"""A decision tree (判定树) as SVG, drawn left to right as textbooks print it: the decision
at the root, from each node a bracket with one horizontal branch per child, the
condition value written on its own branch, the actions in boxes at the leaves.

The layout is computed here, not by Graphviz: a tree in bracket form has one natural
layout (leaves stacked in source order, each node centred on its children, one column
per depth), and computing it keeps every label on its own branch by construction. The
DOT text of the same view (``-f dot``) is :func:`tree_dot`. Sizes come from
:mod:`flowdsl.render.metrics`, so the output does not depend on installed fonts.
"""

from __future__ import annotations

from dataclasses import dataclass

from .metrics import LINE_HEIGHT, lines_width, text_width, wrap
from .quote import dot_string, svg_text, xml_attr
from .symbols import FONT_FAMILY, MARGIN, STROKE

FONT = 14.0          #: node text
FONT_LABEL = 12.0    #: branch labels
TITLE = 16.0
PAD_X, PAD_Y = 8.0, 5.0
WRAP_EM = 11.0
STUB = 14.0          #: from a node to its bracket
LABEL_PAD = 10.0     #: room left and right of a branch label
ROW_GAP = 12.0
DOT_R = 3.0          #: a node that names no condition: a dot where the branches meet


@dataclass
class _Box:
    id: str
    kind: str
    lines: list[str]
    label: list[str]
    parent: str | None
    w: float = 0.0
    h: float = 0.0
    x: float = 0.0
    y: float = 0.0       #: centre
    depth: int = 0


def _num(v: float) -> str:
    return f"{v:.2f}"


def _boxes(view) -> tuple[dict[str, _Box], dict[str, list[str]]]:
    boxes: dict[str, _Box] = {}
    kids: dict[str, list[str]] = {}
    for n in view.nodes:
        lines = wrap(n.text, WRAP_EM) if n.text else []
        b = _Box(n.id, n.kind, lines, wrap(n.label, WRAP_EM) if n.label else [], n.parent)
        if lines:
            b.w = lines_width(lines) * FONT + 2 * PAD_X
            b.h = len(lines) * LINE_HEIGHT * FONT + 2 * PAD_Y
        elif n.kind == "leaf":          # a leaf without action (FD829): an empty box shows it
            b.w, b.h = 3 * FONT, LINE_HEIGHT * FONT + 2 * PAD_Y
        b.depth = boxes[n.parent].depth + 1 if n.parent else 0
        boxes[n.id] = b
        kids.setdefault(n.id, [])
        if n.parent:
            kids[n.parent].append(n.id)
    return boxes, kids


def layout(view) -> tuple[dict[str, _Box], dict[str, list[str]], float, float]:
    """Positions of the boxes (x: left edge, y: centre), the children of each, and the size."""
    boxes, kids = _boxes(view)
    depth = max((b.depth for b in boxes.values()), default=0)
    col_w = [0.0] * (depth + 1)
    gap = [0.0] * (depth + 1)    #: from column d's right edge to column d+1's left edge
    for b in boxes.values():
        col_w[b.depth] = max(col_w[b.depth], b.w)
        if b.parent:
            need = lines_width(b.label) * FONT_LABEL + 2 * LABEL_PAD if b.label else 2 * LABEL_PAD
            gap[b.depth - 1] = max(gap[b.depth - 1], STUB + need)
    xs = [0.0]
    for d in range(depth):
        xs.append(xs[-1] + col_w[d] + gap[d])
    y = 0.0

    def place(bid: str) -> tuple[float, float]:
        nonlocal y
        b = boxes[bid]
        b.x = xs[b.depth]
        ch = kids[bid]
        label_h = len(b.label) * LINE_HEIGHT * FONT_LABEL
        if not ch:
            top = y
            h = max(b.h, 2 * label_h + 4, LINE_HEIGHT * FONT)
            b.y = top + h / 2
            y = top + h + ROW_GAP
            return top, top + h
        spans = [place(c) for c in ch]
        b.y = (boxes[ch[0]].y + boxes[ch[-1]].y) / 2
        return min(spans[0][0], b.y - b.h / 2), max(spans[-1][1], b.y + b.h / 2)

    roots = [b.id for b in boxes.values() if b.parent is None]
    for r in roots:
        place(r)
    width = max((xs[b.depth] + max(b.w, 0) for b in boxes.values()), default=0.0)
    return boxes, kids, width, max(y - ROW_GAP, 0.0)


def _text(lines: list[str], cx: float, cy: float, size: float, weight: str = "", anchor: str = "middle") -> str:
    top = cy - (len(lines) - 1) * LINE_HEIGHT * size / 2
    out = []
    for i, line in enumerate(lines):
        ty = top + i * LINE_HEIGHT * size + size * 0.35
        w = f' font-weight="{weight}"' if weight else ""
        out.append(f'<text x="{_num(cx)}" y="{_num(ty)}" font-size="{size:g}" text-anchor="{anchor}"{w}>'
                   f"{svg_text(line)}</text>")
    return "".join(out)


def tree_svg(view, title: bool = True) -> str:
    """The tree as an SVG document (``title=False``: without the heading, for a card that has its own)."""
    boxes, kids, w, h = layout(view)
    title_h = TITLE * 2.0 if view.title and title else 0.0
    ox, oy = MARGIN, MARGIN + title_h
    width = max(w, text_width(view.title) * TITLE if title_h else 0.0) + 2 * MARGIN
    height = h + 2 * MARGIN + title_h
    parts: list[str] = []
    for b in boxes.values():
        x, y = ox + b.x, oy + b.y
        cls = {"root": "root", "node": "condition", "leaf": "action"}[b.kind]
        if b.w:
            rx = ' rx="6"' if b.kind == "node" else ""
            sw = "1.6" if b.kind == "root" else "1.2"
            parts.append(f'<g class="node {cls}" id="{b.id}"><rect x="{_num(x)}" y="{_num(y - b.h / 2)}" '
                         f'width="{_num(b.w)}" height="{_num(b.h)}"{rx} fill="#ffffff" stroke="{STROKE}" '
                         f'stroke-width="{sw}"/>'
                         + _text(b.lines, x + b.w / 2, y, FONT, "bold" if b.kind == "root" else "") + "</g>")
        else:
            parts.append(f'<g class="node {cls}" id="{b.id}"><circle cx="{_num(x)}" cy="{_num(y)}" '
                         f'r="{DOT_R:g}" fill="{STROKE}"/></g>')
        ch = kids[b.id]
        if not ch:
            continue
        sx = x + b.w
        bx = sx + STUB
        ys = [oy + boxes[c].y for c in ch]
        d = f"M{_num(sx)},{_num(y)} H{_num(bx)}"
        if len(ch) > 1 or abs(ys[0] - y) > 0.01:
            d += f" M{_num(bx)},{_num(min(ys + [y]))} V{_num(max(ys + [y]))}"
        parts.append(f'<path class="bracket" d="{d}" fill="none" stroke="{STROKE}" stroke-width="1.2"/>')
        for c in ch:
            cb = boxes[c]
            cx, cy = ox + cb.x, oy + cb.y
            lab = _text(cb.label, (bx + cx) / 2, cy - (len(cb.label) * LINE_HEIGHT * FONT_LABEL) / 2 - 2,
                        FONT_LABEL) if cb.label else ""
            parts.append(f'<g class="branch" data-from="{b.id}" data-to="{c}">'
                         f'<path d="M{_num(bx)},{_num(cy)} H{_num(cx)}" fill="none" stroke="{STROKE}" '
                         f'stroke-width="1.2"/>{lab}</g>')
    heading = (_text([view.title], width / 2, MARGIN + title_h / 2 - 4, TITLE, "bold")
               if title_h else "")
    return _document("tree", view.title, width, height, heading + "".join(parts))


def inline_svg(svg: str) -> str:
    """The SVG for inline HTML: no XML declaration, as wide as its box allows (at most its
    natural width), the height following the viewBox."""
    import re

    svg = svg[svg.index("<svg"):]
    return re.sub(r'width="([0-9.]+)pt" height="[0-9.]+pt"', r'width="100%" style="max-width:\1pt"', svg, count=1)


def _document(kind: str, title: str, width: float, height: float, body: str) -> str:
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            f'<svg xmlns="http://www.w3.org/2000/svg" version="1.1" class="flowdsl logic-{kind}" '
            f'width="{_num(width)}pt" height="{_num(height)}pt" viewBox="0 0 {_num(width)} {_num(height)}">\n'
            f"<title>{xml_attr(title)}</title>\n"
            f"<g font-family='{FONT_FAMILY}' stroke-linejoin=\"round\">\n"
            f'<rect class="background" x="0.00" y="0.00" width="{_num(width)}" height="{_num(height)}" fill="#ffffff"/>\n'
            f"{body}\n</g>\n</svg>\n")


def tree_dot(view) -> str:
    """The tree as DOT (left to right, labels on the branches), for other tools."""
    out = ["digraph logic {", "  rankdir=LR;", f"  label={dot_string(view.title)}; labelloc=t;",
           '  node [shape=box, fontname="Noto Sans CJK SC"];', '  edge [arrowhead=none, fontname="Noto Sans CJK SC"];']
    for n in view.nodes:
        shape = ", shape=point" if n.kind == "node" and not n.text else ", style=rounded" if n.kind == "node" else ""
        out.append(f"  {n.id} [label={dot_string(n.text)}{shape}];")
    for n in view.nodes:
        if n.parent:
            lab = f" [label={dot_string(n.label)}]" if n.label else ""
            out.append(f"  {n.parent} -> {n.id}{lab};")
    out.append("}")
    return "\n".join(out) + "\n"
