"""ER diagram → our SVG (issue 14): Chen's notation or crow's foot, on the layout of
:mod:`flowdsl.render.er_layout`. Every line is straight, cut at the two symbols' outlines;
the cardinality is written beside the line near the entity it belongs to.

``drawn_er`` gives the same geometry to the layout measure (:mod:`flowdsl.render.measure`).
"""

from __future__ import annotations

import math

from flowdsl.render.er_layout import FONT, FONT_ATTR, FONT_CARD, ROW_H, ErLayout, Placed
from flowdsl.render.er_lines import parents, segments, triangle
from flowdsl.render.metrics import LINE_HEIGHT, lines_width
from flowdsl.render.quote import svg_text, xml_attr
from flowdsl.render.symbols import FONT_FAMILY, MARGIN, STROKE, TITLE_FONT
from flowdsl.views.er import ErView

HEADER_FILL = "#e8eef5"


def f(x: float) -> str:
    return f"{x:.2f}"


def _text(lines, cx, cy, size, weight=None, anchor="middle", cls=None, underline=None) -> list[str]:
    out = []
    n = len(lines)
    top = cy - (n - 1) * size * LINE_HEIGHT / 2
    for i, line in enumerate(lines):
        y = top + i * size * LINE_HEIGHT
        attrs = f' class="{cls}"' if cls else ""
        bold = f' font-weight="{weight}"' if weight else ""
        out.append(f'<text x="{f(cx)}" y="{f(y + size * 0.35)}" font-size="{size:g}" text-anchor="{anchor}"'
                   f'{bold}{attrs} fill="{STROKE}">{svg_text(line)}</text>')
        if underline:
            w = lines_width([line]) * size
            x0 = cx - w / 2 if anchor == "middle" else cx
            dash = ' stroke-dasharray="3,2"' if underline == "dashed" else ""
            out.append(f'<line x1="{f(x0)}" y1="{f(y + size * 0.55)}" x2="{f(x0 + w)}" y2="{f(y + size * 0.55)}" '
                       f'stroke="{STROKE}" stroke-width="1"{dash}/>')
    return out


def _poly(points, fill="#ffffff", sw=1.3, dash=False) -> str:
    d = " ".join(f"{f(x)},{f(y)}" for x, y in points)
    extra = ' stroke-dasharray="5,3"' if dash else ""
    return f'<polygon points="{d}" fill="{fill}" stroke="{STROKE}" stroke-width="{sw}"{extra}/>'


def _rect(p: Placed, inset=0.0, fill="#ffffff", dash=False) -> str:
    extra = ' stroke-dasharray="5,3"' if dash else ""
    x0, y0, x1, y1 = p.box
    return (f'<rect x="{f(x0 + inset)}" y="{f(y0 + inset)}" width="{f(p.w - 2 * inset)}" '
            f'height="{f(p.h - 2 * inset)}" fill="{fill}" stroke="{STROKE}" stroke-width="1.3"{extra}/>')


def _line(p0, p1, sw=1.2) -> str:
    return (f'<line x1="{f(p0[0])}" y1="{f(p0[1])}" x2="{f(p1[0])}" y2="{f(p1[1])}" '
            f'stroke="{STROKE}" stroke-width="{sw}"/>')


def _diamond(p: Placed, inset=0.0) -> list[tuple[float, float]]:
    a, b = p.w / 2 - inset * 1.4, p.h / 2 - inset
    return [(p.x, p.y - b), (p.x + a, p.y), (p.x, p.y + b), (p.x - a, p.y)]


def _node(view: ErView, p: Placed, node, parent_of: dict) -> list[str]:
    k = p.kind
    out = [f'<g class="er-{k}" id="{xml_attr(node.id)}">']
    if k == "attr":
        out.append(f'<ellipse cx="{f(p.x)}" cy="{f(p.y)}" rx="{f(p.w / 2)}" ry="{f(p.h / 2)}" '
                   f'fill="#ffffff" stroke="{STROKE}" stroke-width="1.2"/>')
        under = ("dashed" if node.partial else "solid") if node.key else None
        out += _text(p.lines, p.x, p.y, FONT_ATTR, underline=under)
    elif k in ("rel", "ident_rel"):
        out.append(_poly(_diamond(p)))
        if k == "ident_rel":
            out.append(_poly(_diamond(p, 4.0), fill="none"))
        out += _text(p.lines, p.x, p.y, FONT)
    elif k == "isa":
        out.append(_poly(triangle(p, parent_of.get(node.id))))
        out += _text(p.lines, p.x, p.y, FONT_ATTR)
    elif view.notation == "crowsfoot":
        out += _table(p, node)
    else:
        out.append(_rect(p))
        if k == "weak":
            out.append(_rect(p, 4.0, fill="none"))
        out += _text(p.lines, p.x, p.y, FONT)
    out.append("</g>")
    return out


def _table(p: Placed, node) -> list[str]:
    x0, y0, x1, y1 = p.box
    head_h = len(p.lines) * FONT * LINE_HEIGHT + 14
    out = [_rect(p, dash=node.kind == "assoc")]
    out.append(f'<rect x="{f(x0)}" y="{f(y0)}" width="{f(p.w)}" height="{f(head_h)}" fill="{HEADER_FILL}" '
               f'stroke="{STROKE}" stroke-width="1.3"/>')
    if node.kind == "weak":
        out.append(_rect(p, 3.0, fill="none"))
    out += _text(p.lines, p.x, y0 + head_h / 2, FONT, weight="bold")
    for i, (text, mark) in enumerate(node.rows):
        cy = y0 + head_h + 3 + ROW_H * (i + 0.5)
        if mark:
            out += _text([mark], x0 + 16, cy, 10.0, weight="bold")
        out += _text([text], x0 + 32, cy, FONT_ATTR, anchor="start", underline="solid" if mark == "PK" else None)
    return out


def _foot(end, toward, card: str | None) -> list[str]:
    """Crow's foot marks at ``end`` (on a table's outline), the line going to ``toward``."""
    from flowdsl.model.er import card_max_many, card_min_zero

    dx, dy = toward[0] - end[0], toward[1] - end[1]
    ln = math.hypot(dx, dy) or 1.0
    ux, uy, nx, ny = dx / ln, dy / ln, -dy / ln, dx / ln

    def at(d, side=0.0):
        return (end[0] + ux * d + nx * side, end[1] + uy * d + ny * side)

    out = []
    if card_max_many(card):
        out += [_line(at(12), at(0, 8)), _line(at(12), at(0, -8))]
    else:
        out.append(_line(at(7, 7), at(7, -7)))
    if card and card_min_zero(card):
        c = at(20)
        out.append(f'<circle cx="{f(c[0])}" cy="{f(c[1])}" r="4.5" fill="#ffffff" stroke="{STROKE}" stroke-width="1.2"/>')
    elif card and (not card_max_many(card) or card.startswith("1..")):
        out.append(_line(at(15, 7), at(15, -7)))
    return out


def sheet_frame(view: ErView, lay: ErLayout) -> tuple[float, float, float, float]:
    """(width, height, x offset, y offset) of the SVG sheet drawn of ``lay``: the
    drawing, the title above it and the margins."""
    title = view.title.replace("\n", " ").strip()
    title_h = TITLE_FONT * 2.2 if title else 0.0
    ox, oy = MARGIN + 12, MARGIN + title_h + 10
    width = max(lay.width + 2 * ox, lines_width([title]) * TITLE_FONT + 2 * MARGIN)
    return width, oy + lay.height + MARGIN + 10, (width - lay.width) / 2, oy


def er_to_svg(view: ErView, lay: ErLayout) -> str:
    title = view.title.replace("\n", " ").strip()
    title_h = TITLE_FONT * 2.2 if title else 0.0
    width, height, ox, oy = sheet_frame(view, lay)
    for p in lay.nodes.values():
        p.x, p.y = p.x + ox, p.y + oy
    try:
        body = _body(view, lay)
    finally:
        for p in lay.nodes.values():
            p.x, p.y = p.x - ox, p.y - oy
    head = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<svg xmlns="http://www.w3.org/2000/svg" version="1.1" class="flowdsl er" data-notation="{view.notation}" '
        f'width="{f(width)}pt" height="{f(height)}pt" viewBox="0 0 {f(width)} {f(height)}">',
        f"<title>{svg_text(title)}</title>",
        f"<g font-family='{FONT_FAMILY}' stroke-linejoin=\"round\">",
        f'<rect class="background" x="0.00" y="0.00" width="{f(width)}" height="{f(height)}" fill="#ffffff"/>',
    ]
    if title:
        head += _text([title], width / 2, MARGIN + title_h / 2 - 4, TITLE_FONT, weight="bold", cls="title")
    return "\n".join(head + body + ["</g>", "</svg>"]) + "\n"


def _body(view: ErView, lay: ErLayout) -> list[str]:
    nodes = {n.id: n for n in view.nodes}
    parent_of = parents(view, lay)
    from flowdsl.render.er_place import place_texts

    lines = ['<g class="edges">']
    marks = ['<g class="cardinalities">']
    segs = segments(view, lay)
    texts = place_texts(view, lay, segs)
    for i, (e, p0, p1) in enumerate(segs, 1):
        lines.append(f'<g class="er-line {e.kind}" id="l{i}">')
        if e.double:
            dx, dy = p1[0] - p0[0], p1[1] - p0[1]
            ln = math.hypot(dx, dy) or 1.0
            nx, ny = -dy / ln * 1.8, dx / ln * 1.8
            lines += [_line((p0[0] + nx, p0[1] + ny), (p1[0] + nx, p1[1] + ny), 1.0),
                      _line((p0[0] - nx, p0[1] - ny), (p1[0] - nx, p1[1] - ny), 1.0)]
        else:
            lines.append(_line(p0, p1))
        if view.notation == "crowsfoot" and e.kind in ("end", "link"):
            lines += _foot(p1, p0, e.card)
            if e.kind == "link":
                lines += _foot(p0, p1, e.src_card)
        lines.append("</g>")
        if i in texts:
            text, (x0, y0, x1, y1) = texts[i]
            if view.notation == "crowsfoot":
                marks.append(f'<rect x="{f(x0)}" y="{f(y0)}" width="{f(x1 - x0)}" height="{f(y1 - y0)}" fill="#ffffff"/>')
            marks += _text([text], (x0 + x1) / 2, (y0 + y1) / 2,
                           FONT_CARD if view.notation == "chen" else FONT_ATTR,
                           cls="card" if view.notation == "chen" else "rel-name")
    out = lines + ["</g>", '<g class="nodes">']
    for n in view.nodes:
        p = lay.nodes.get(n.id)
        if p is not None:
            out += _node(view, p, nodes[n.id], parent_of)
    return out + ["</g>"] + marks + ["</g>"]
