"""A decision table (判定表) in the textbook's four quadrants, as SVG and as HTML:
condition stub (top left) | condition entries (top right, Y / N / — or values), a heavy
rule, action stub (bottom left) | action entries (bottom right, √ where the action is
taken); rule columns numbered 1…n in the header row."""

from __future__ import annotations

from .logic_tree import FONT, LINE_HEIGHT, PAD_X, TITLE, _document, _num, _text
from .metrics import lines_width, text_width, wrap
from .quote import xml_escape
from .symbols import HEADER_FILL, MARGIN, STROKE

STUB_EM = 14.0
CELL_MIN = 2.6 * FONT
ROW_PAD = 6.0
MARK = "√"


def _grid(view):
    w = view.words
    n = max((len(e) for _, e in view.conditions + view.actions), default=0)  # type: ignore[arg-type]
    rows = ([("condition", wrap(t, STUB_EM), list(e)) for t, e in view.conditions]
            + [("action", wrap(t, STUB_EM), [MARK if x else "" for x in e]) for t, e in view.actions])
    group_w = max(text_width(w["conditions"]), text_width(w["actions"])) * FONT + 2 * PAD_X
    stub_w = max([lines_width(r[1]) for r in rows] + [text_width(w["rule"])]) * FONT + 2 * PAD_X
    cols = [max([CELL_MIN] + [text_width(r[2][j]) * FONT + 2 * PAD_X for r in rows if j < len(r[2])])
            for j in range(n)]
    return rows, group_w, stub_w, cols


def table_svg(view) -> str:
    rows, group_w, stub_w, cols = _grid(view)
    w = view.words
    title_h = TITLE * 2.0 if view.title else 0.0
    line_h = LINE_HEIGHT * FONT
    heights = [max(1, len(r[1])) * line_h + 2 * ROW_PAD for r in rows]
    head_h = line_h + 2 * ROW_PAD
    table_w = group_w + stub_w + sum(cols)
    table_h = head_h + sum(heights)
    width = max(table_w, text_width(view.title) * TITLE) + 2 * MARGIN
    height = table_h + title_h + 2 * MARGIN
    x0, y0 = (width - table_w) / 2, MARGIN + title_h
    out: list[str] = []
    if view.title:
        out.append(_text([view.title], width / 2, MARGIN + title_h / 2 - 4, TITLE, "bold"))
    out.append(f'<rect class="header" x="{_num(x0)}" y="{_num(y0)}" width="{_num(table_w)}" '
               f'height="{_num(head_h)}" fill="{HEADER_FILL}"/>')
    out.append(_text([w["rule"]], x0 + (group_w + stub_w) / 2, y0 + head_h / 2, FONT, "bold"))
    x = x0 + group_w + stub_w
    for j, cw in enumerate(cols):
        out.append(_text([str(j + 1)], x + cw / 2, y0 + head_h / 2, FONT, "bold"))
        x += cw
    y = y0 + head_h
    ncond = len(view.conditions)
    for i, (kind, stub, entries) in enumerate(rows):
        h = heights[i]
        cls = "condition" if kind == "condition" else "action"
        out.append(f'<g class="row {cls}">' + _text(stub, x0 + group_w + PAD_X, y + h / 2, FONT, anchor="start"))
        x = x0 + group_w + stub_w
        for j, cw in enumerate(cols):
            if j < len(entries) and entries[j]:
                out.append(_text([entries[j]], x + cw / 2, y + h / 2, FONT))
            x += cw
        out.append("</g>")
        y += h
    # the group column: 条件 over the condition rows, 动作 over the action rows
    yc = y0 + head_h + sum(heights[:ncond])
    if ncond:
        out.append(_text([w["conditions"]], x0 + group_w / 2, (y0 + head_h + yc) / 2, FONT, "bold"))
    if view.actions:
        out.append(_text([w["actions"]], x0 + group_w / 2, (yc + y) / 2, FONT, "bold"))
    lines = []
    yy = y0 + head_h
    for i, h in enumerate(heights[:-1]):
        yy += h
        if i + 1 != ncond:
            lines.append(f"M{_num(x0 + group_w)},{_num(yy)} H{_num(x0 + table_w)}")
    xx = x0 + group_w + stub_w
    for cw in cols[:-1]:
        xx += cw
        lines.append(f"M{_num(xx)},{_num(y0)} V{_num(y0 + table_h)}")
    lines.append(f"M{_num(x0)},{_num(y0 + head_h)} H{_num(x0 + table_w)}")
    lines.append(f"M{_num(x0 + group_w)},{_num(y0 + head_h)} V{_num(y0 + table_h)}")
    lines.append(f"M{_num(x0 + group_w + stub_w)},{_num(y0)} V{_num(y0 + table_h)}")
    out.append(f'<path class="grid" d="{" ".join(lines)}" fill="none" stroke="{STROKE}" stroke-width="0.8"/>')
    out.append(f'<path class="quadrants" d="M{_num(x0)},{_num(yc)} H{_num(x0 + table_w)}" fill="none" '
               f'stroke="{STROKE}" stroke-width="2.2"/>' if ncond and view.actions else "")
    out.append(f'<rect class="frame" x="{_num(x0)}" y="{_num(y0)}" width="{_num(table_w)}" height="{_num(table_h)}" '
               f'fill="none" stroke="{STROKE}" stroke-width="1.6"/>')
    return _document("table", view.title, width, height, "".join(out))


def table_html(view) -> str:
    """The table as an HTML fragment (``<table class="flowdsl-decision-table">``), styled inline."""
    w = view.words
    n = max((len(e) for _, e in view.conditions + view.actions), default=0)  # type: ignore[arg-type]
    cell = "border:1px solid #1a1a1a;padding:4px 10px;"
    out = ['<table class="flowdsl-decision-table" style="border-collapse:collapse;margin:0.5em 0">',
           f'<thead><tr style="background:{HEADER_FILL}"><th colspan="2" style="{cell}">{xml_escape(w["rule"])}</th>']
    out += [f'<th style="{cell}min-width:2em">{j + 1}</th>' for j in range(n)]
    out.append("</tr></thead><tbody>")
    groups = (("condition", w["conditions"], [(t, list(e)) for t, e in view.conditions]),
              ("action", w["actions"], [(t, [MARK if x else "" for x in e]) for t, e in view.actions]))
    for kind, name, rows in groups:
        for i, (stub, entries) in enumerate(rows):
            top = "border-top:3px double #1a1a1a;" if kind == "action" and i == 0 and view.conditions else ""
            out.append(f'<tr class="{kind}">')
            if i == 0:
                out.append(f'<th rowspan="{len(rows)}" style="{cell}{top}">{xml_escape(name)}</th>')
            out.append(f'<td style="{cell}{top}text-align:left">{xml_escape(stub)}</td>')
            out += [f'<td style="{cell}{top}text-align:center">{xml_escape(e)}</td>' for e in entries]
            out.append("</tr>")
    out.append("</tbody></table>")
    return "".join(out)
