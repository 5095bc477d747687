"""Draw the SVG ourselves, on the coordinates Graphviz computed.

Graphviz only places fixed-size boxes; the symbols (wavy documents, open ledgers,
banded DFD processes, swimlanes...) are drawn here so that they are textbook-faithful
and identical on every machine. Geometry is computed in Python as a list of plain
elements; :func:`document` writes them out (what ``templates/diagram.svg.j2`` renders with
jinja2 and autoescape on, byte for byte; the tests compare them). Student text
only ever reaches the file as escaped text nodes (see :func:`quote.svg_text`).

Symbol decisions (see notation.md):

* ``unit_ext`` (a unit outside the organisation): a DOUBLE outline (double circle /
  double box), the same convention as the double/shadowed external entity of a DFD.
* control points (``node.control``): a red circled tag with the control number (C1)
  centred on the symbol's top-right corner.
* ``goods`` (material) flows: a double line with an open (hollow) arrowhead; ``info``
  and ``data`` flows: a thin single line with a filled arrowhead.
* ``node.location``: a light grey band at the bottom of the step / DFD process.
"""

from __future__ import annotations

import math

from flowdsl.render.dot import dot_node_names
from flowdsl.render.layout import Layout
from flowdsl.render.metrics import LINE_HEIGHT, lines_width, text_width
from flowdsl.render.quote import clean_text, css_ident
from flowdsl.render.specs import FONT_EDGE, NodeSpec, edge_label_spec, node_spec
from flowdsl.render.symbols import (  # noqa: F401  (FONT_FAMILY re-exported)
    ARROW_LEN, FONT_FAMILY, HEADER_FILL, MARGIN, STROKE, TITLE_FONT,
    El, _markup, _node_elements, _path, _shape, _text, _wave_y, f,
)
from flowdsl.views.graph import View

__all__ = ["view_to_svg", "FONT_FAMILY"]


def _arrowhead(tip: tuple[float, float], base: tuple[float, float], goods: bool) -> El:
    dx, dy = tip[0] - base[0], tip[1] - base[1]
    n = math.hypot(dx, dy) or 1.0
    ux, uy = dx / n, dy / n
    bx, by = tip[0] - ux * ARROW_LEN, tip[1] - uy * ARROW_LEN
    hw = 4.0 if not goods else 5.0
    pts = [(tip[0], tip[1]), (bx - uy * hw, by + ux * hw), (bx + uy * hw, by - ux * hw)]
    d = "M" + " L".join(f"{f(x)},{f(y)}" for x, y in pts) + " Z"
    if goods:
        return _path(d, fill="#ffffff", stroke=STROKE, sw=1.3, extra=(("class", "arrowhead"),))
    return _path(d, fill=STROKE, stroke=STROKE, sw=1, extra=(("class", "arrowhead"),))


def _spline_d(points, start_extra=None, straight: bool = False) -> str:
    """The path of a Graphviz B-spline; ``straight``: its junctions joined by lines (the
    right-angle routes of flowdsl/render/ortho.py, whose pieces are straight)."""
    if not points:
        return ""
    parts = []
    if start_extra is not None:
        parts.append(f"M{f(start_extra[0])},{f(start_extra[1])} L{f(points[0][0])},{f(points[0][1])}")
    else:
        parts.append(f"M{f(points[0][0])},{f(points[0][1])}")
    rest = points[1:]
    if straight:
        parts += [f"L{f(x)},{f(y)}" for x, y in rest[2::3]]
        return " ".join(parts)
    for i in range(0, len(rest) - len(rest) % 3, 3):
        (ax, ay), (bx, by), (cx, cy) = rest[i:i + 3]
        parts.append(f"C{f(ax)},{f(ay)} {f(bx)},{f(by)} {f(cx)},{f(cy)}")
    return " ".join(parts)


def _snap_to_document(pt, spec: NodeSpec, box, tol: float = 1.5):
    """Where an edge end lies on the box bottom of a document, the wave's point below it."""
    if spec.shape != "document" or pt is None:
        return None
    x0, y0, x1, y1 = box
    if abs(pt[1] - y1) > tol and not (x0 <= pt[0] <= x1 and y1 - spec.bottom_band <= pt[1] <= y1 + tol):
        return None
    return (pt[0], _wave_y(x0, x1, y1, spec.bottom_band / 2, pt[0]))


TB_FONT = 12.0     #: title block text
TB_ROW_H = 22.0    #: title block row height


def title_block(view: View) -> tuple[list[tuple[str, str, str, str]], list[float]]:
    """The title block's rows (field, value, field, value; 第x张/共y张 last) and its four
    column widths (the last two 0 when every row holds one pair)."""
    tb_rows: list[tuple[str, str, str, str]] = []
    pairs = [(clean_text(k), clean_text(v)) for k, v in view.title_block]
    if view.page:
        pairs.append((f"第 {view.page[0]} 张", f"共 {view.page[1]} 张"))
    for i in range(0, len(pairs), 2):
        a = pairs[i]
        b = pairs[i + 1] if i + 1 < len(pairs) else ("", "")
        tb_rows.append((a[0], a[1], b[0], b[1]))
    colw = [0.0, 0.0, 0.0, 0.0]
    for row in tb_rows:
        for j, cell in enumerate(row):
            colw[j] = max(colw[j], text_width(cell) * TB_FONT + 16, 40.0)
    if tb_rows and not any(row[2] or row[3] for row in tb_rows):
        colw[2] = colw[3] = 0.0  # one pair a row (e.g. only 第x张/共y张): no empty cells
    return tb_rows, colw


def view_to_svg(view: View, layout: Layout) -> str:
    """Render ``view`` on ``layout`` (from :func:`flowdsl.render.layout.parse_layout`)."""
    names = dot_node_names(view)
    specs = {names[n.id]: node_spec(view, n) for n in view.nodes}
    lanes = list(dict.fromkeys(view.lanes))
    horizontal = bool(lanes) and view.lane_direction == "horizontal"
    lane_header = clean_text(view.lane_header).strip()

    # --- canvas geometry -------------------------------------------------------
    title = clean_text(view.title).replace("\n", " ").strip()
    title_h = TITLE_FONT * 2.2 if title else 0.0
    extra_top = 28.0 if lanes and lane_header and not horizontal else 0.0
    extra_left = 30.0 if lanes and lane_header and horizontal else 0.0

    # title block / legend footer
    tb_rows, colw = title_block(view)
    tb_fs = TB_FONT
    tb_row_h = TB_ROW_H
    tb_w = sum(colw)
    tb_h = tb_row_h * len(tb_rows)
    legend = [f"{clean_text(k)}：{clean_text(v)}" if clean_text(v) else clean_text(k)
              for k, v in view.extra]
    legend_h = len(legend) * 12 * LINE_HEIGHT
    footer_h = (max(tb_h, legend_h) + 16) if (tb_rows or legend) else 0.0
    legend_w = max((text_width(t) * 12 for t in legend), default=0.0)

    from flowdsl.render.controls import control_table
    table = control_table(view.controls)  # the control-point table, between diagram and footer
    table_h = table.height + 16 if table else 0.0

    diag_w = layout.width + extra_left
    content_w = max(diag_w, text_width(title) * TITLE_FONT, tb_w + (legend_w + 24 if legend else 0),
                    table.width if table else 0.0)
    width = content_w + 2 * MARGIN
    height = MARGIN + title_h + extra_top + layout.height + table_h + footer_h + MARGIN
    ox = MARGIN + (content_w - diag_w) / 2 + extra_left
    oy = MARGIN + title_h + extra_top

    def P(x: float, y: float) -> tuple[float, float]:
        return (x + ox, y + oy)

    # --- swimlanes --------------------------------------------------------------
    lane_els: list[El] = []
    if lanes:
        from flowdsl.render.lanes import lane_elements

        lane_els = lane_elements(view, layout, lanes, horizontal, P, lane_header,
                                 extra_left if horizontal else extra_top)

    # --- nodes ------------------------------------------------------------------------
    node_groups = []
    boxes: dict[str, tuple[float, float, float, float]] = {}
    for node in view.nodes:
        name = names[node.id]
        nb = layout.nodes.get(name)
        if nb is None:
            continue
        spec = specs[name]
        cx, cy = P(nb.x, nb.y)
        boxes[name] = (cx - spec.width / 2, cy - spec.height / 2, cx + spec.width / 2, cy + spec.height / 2)
        node_groups.append({
            "id": "flowdsl-" + name,
            "cls": "node " + css_ident(node.kind),
            "els": _node_elements(view, spec, cx, cy, node),
        })

    # --- edges ------------------------------------------------------------------------
    edge_groups = []
    label_els_all = []
    layout_edges = {e.id: e for e in layout.edges if e.id}
    from flowdsl.render.labels import drawn
    label_boxes = drawn(view, layout).labels
    for i, edge in enumerate(view.edges, 1):
        ep = layout_edges.get(f"e{i}")
        if ep is None or not ep.points:
            continue
        pts = [P(x, y) for x, y in ep.points]
        end = ep.end
        if ep.start is not None and ep.end is None:
            # a back edge written reversed with dir=back: draw it in the view's direction
            pts.reverse()
            end = ep.start
        tail, head = names[edge.src], names[edge.dst]
        goods = edge.style == "goods"
        start_extra = _snap_to_document(pts[0], specs[tail], boxes.get(tail, (0, 0, 0, 0)))
        d = _spline_d(pts, start_extra, view.edges_style == "orthogonal")
        els: list[El] = []
        tip = P(*end) if end else None
        if tip is not None:
            snapped = _snap_to_document(tip, specs[head], boxes.get(head, (0, 0, 0, 0)))
            if snapped is not None and snapped[1] < tip[1]:
                # the wave is above the box bottom here: extend the line to it
                d += f" L{f(snapped[0])},{f(snapped[1] + ARROW_LEN)}"
                base, tip = (snapped[0], snapped[1] + ARROW_LEN), snapped
            else:
                dx, dy = tip[0] - pts[-1][0], tip[1] - pts[-1][1]
                n = math.hypot(dx, dy) or 1.0
                base = (tip[0] - dx / n * ARROW_LEN, tip[1] - dy / n * ARROW_LEN)
                d += f" L{f(base[0])},{f(base[1])}" if n > ARROW_LEN else ""
        if goods:
            els.append(_path(d, fill="none", stroke=STROKE, sw=5, extra=(("class", "line"),)))
            els.append(_path(d, fill="none", stroke="#ffffff", sw=2.2, extra=(("class", "line-inner"),)))
        else:
            els.append(_path(d, fill="none", stroke=STROKE, sw=1.3, extra=(("class", "line"),)))
        if tip is not None:
            els.append(_arrowhead(tip, pts[-1] if math.hypot(tip[0] - pts[-1][0], tip[1] - pts[-1][1]) > 0.5
                                  else base, goods))
        lspec = edge_label_spec(edge)
        if lspec is not None and i in label_boxes:
            b = label_boxes[i]
            lx, ly = P((b[0] + b[2]) / 2, (b[1] + b[3]) / 2)
            lw = lines_width(list(lspec.lines)) * FONT_EDGE + 4
            lh = len(lspec.lines) * LINE_HEIGHT * FONT_EDGE + 2
            label_els_all.append({
                "id": f"flowdsl-e{i}-label",
                "cls": "edge-label " + css_ident(edge.style),
                "els": [_shape("rect", x=lx - lw / 2, y=ly - lh / 2, width=lw, height=lh,
                               fill="#ffffff", stroke="none", sw=0, extra=(("fill-opacity", "0.9"),)),
                        _text(lspec.lines, lx, ly, FONT_EDGE)],
            })
        cls = "edge " + css_ident(edge.style) + (" back" if edge.back else "")
        edge_groups.append({"id": f"flowdsl-e{i}", "cls": cls, "els": els})

    # --- title and footer -------------------------------------------------------------
    title_el = _text([title], width / 2, MARGIN + title_h / 2 - 4, TITLE_FONT, weight="bold",
                     cls="title") if title else None
    footer: list[El] = []
    fy = MARGIN + title_h + extra_top + layout.height + 16
    if table:
        footer += table.elements(MARGIN, fy)
        fy += table_h
    if tb_rows:
        right = ox + layout.width
        if lanes and layout.clusters:
            right = ox + max(c.x1 for c in layout.clusters.values())
        tx = max(MARGIN, min(width - MARGIN, right) - tb_w)
        for r, row in enumerate(tb_rows):
            x = tx
            y = fy + r * tb_row_h
            for j, cell in enumerate(row):
                if not colw[j]:
                    continue
                fill = HEADER_FILL if j % 2 == 0 and cell else "#ffffff"
                footer.append(_shape("rect", x=x, y=y, width=colw[j], height=tb_row_h, fill=fill,
                                     stroke=STROKE, sw=0.8))
                if cell:
                    footer.append(_text([cell], x + colw[j] / 2, y + tb_row_h / 2, tb_fs,
                                        cls="title-block"))
                x += colw[j]
        footer.append(_shape("rect", x=tx, y=fy, width=tb_w, height=tb_h, fill="none", stroke=STROKE,
                             sw=1.6, extra=(("class", "title-block-frame"),)))
    if legend:
        footer.append(_text(legend, MARGIN, fy + legend_h / 2, 12, anchor="start", fill="#333333",
                            cls="legend"))

    return document(
        width=f(width), height=f(height), title=_markup(title), title_el=title_el,
        font_family=FONT_FAMILY, lanes=lane_els, nodes=node_groups, edges=edge_groups,
        edge_labels=label_els_all,
        footer=footer, kind=css_ident(view.kind), notation=css_ident(view.notation),
    )


def document(*, width, height, title, title_el, font_family, lanes, nodes, edges, edge_labels,
             footer, kind, notation) -> str:
    """The SVG document: byte for byte what ``templates/diagram.svg.j2`` renders with
    jinja2 and autoescape (``tests/test_render_svg.py`` compares them on every sample),
    written here: importing jinja2 and compiling the template were ~40 ms of every cold
    ``render``. Every value is escaped unless it is markup (``markupsafe.escape`` keeps a
    ``Markup`` as it is: the elements' own markup, text from ``svg_text``)."""
    from markupsafe import escape as e

    def els(items) -> str:
        return "".join("\n" + e(el.markup()) for el in items)

    def groups(items) -> str:
        return "".join(f'\n<g class="{e(g["cls"])}" id="{e(g["id"])}">{els(g["els"])}\n</g>' for g in items)

    out = ['<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg" version="1.1" '
           f'class="flowdsl {e(kind)}"']
    if kind == "dfd":
        out.append(f' data-notation="{e(notation)}"')
    out.append(f' width="{e(width)}pt" height="{e(height)}pt" viewBox="0 0 {e(width)} {e(height)}">\n'
               f"<title>{e(title)}</title>\n<g font-family='{e(font_family)}' stroke-linejoin=\"round\">\n"
               f'<rect class="background" x="0.00" y="0.00" width="{e(width)}" height="{e(height)}" fill="#ffffff"/>')
    if lanes:
        out.append(f'\n<g class="lanes">{els(lanes)}\n</g>')
    if title_el:
        out.append("\n" + e(title_el.markup()))
    out.append(f'\n<g class="edges">{groups(edges)}\n</g>')
    if edge_labels:
        out.append(f'\n<g class="edge-labels">{groups(edge_labels)}\n</g>')
    out.append(f'\n<g class="nodes">{groups(nodes)}\n</g>')
    if footer:
        out.append(f'\n<g class="footer">{els(footer)}\n</g>')
    out.append("\n</g>\n</svg>\n")
    return "".join(out)
