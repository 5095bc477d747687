"""The control-point table (控制点一览表) drawn on the sheet under a business chart.

Internal-control manuals list their control points beside the flow chart: number, the
step, what is controlled and who controls it. A chart whose steps carry
``控制点 C1 "what is controlled"`` gets that table under the diagram, one row per
control point in the order of the chart's steps. The table is plain SVG elements (the
same :class:`~flowdsl.render.symbols.El` the symbols use), so it goes through the
normal SVG / PNG / PDF path; student text reaches the file only as escaped text, and
the geometry depends on our own text metrics only (deterministic).
"""

from __future__ import annotations

from dataclasses import dataclass

from flowdsl.render.metrics import LINE_HEIGHT, text_width, wrap
from flowdsl.render.quote import clean_text
from flowdsl.render.symbols import CONTROL, HEADER_FILL, STROKE, El, _shape, _text

HEADERS = ("编号", "步骤", "控制内容", "责任部门/岗位")
TITLE = "控制点一览表"
FONT = 12.0
PAD = 6.0
#: widest a column may grow (em) before its text wraps: number, step, what, who (the
#: table fits a portrait A4 sheet at 8 pt, see render/sheets.py)
MAX_EM = (4.0, 15.0, 18.0, 9.0)


@dataclass(frozen=True)
class ControlTable:
    """Rows already cleaned and wrapped; ``width``/``height`` in SVG units."""
    rows: tuple[tuple[tuple[str, ...], ...], ...]   #: per row, per column: the lines
    colw: tuple[float, ...]
    rowh: tuple[float, ...]
    title_h: float

    @property
    def width(self) -> float:
        return sum(self.colw)

    @property
    def height(self) -> float:
        return self.title_h + sum(self.rowh)

    def elements(self, x: float, y: float) -> list[El]:
        """The table with its top-left corner at (x, y)."""
        els = [_text([TITLE], x, y + self.title_h / 2, FONT + 1, anchor="start", weight="bold",
                     cls="control-table-title")]
        top = y + self.title_h
        for r, (cells, h) in enumerate(zip(self.rows, self.rowh)):
            cx = x
            for j, (lines, w) in enumerate(zip(cells, self.colw)):
                header = r == 0
                els.append(_shape("rect", x=cx, y=top, width=w, height=h,
                                  fill=HEADER_FILL if header else "#ffffff", stroke=STROKE, sw=0.8))
                if lines:
                    number = j == 0 and not header
                    anchor = "middle" if header or j == 0 else "start"
                    tx = cx + w / 2 if anchor == "middle" else cx + PAD
                    els.append(_text(lines, tx, top + h / 2, FONT, anchor=anchor,
                                     fill=CONTROL if number else STROKE,
                                     weight="bold" if number or header else None,
                                     cls="control-table"))
                cx += w
            top += h
        els.append(_shape("rect", x=x, y=y + self.title_h, width=self.width, height=sum(self.rowh),
                          fill="none", stroke=STROKE, sw=1.6, extra=(("class", "control-table-frame"),)))
        return els


def control_table(rows) -> ControlTable | None:
    """The table for ``rows`` of (number, step, what is controlled, who); None when empty."""
    if not rows:
        return None
    cleaned = [HEADERS] + [tuple(clean_text(c).replace("\n", " ").strip() or "—" for c in row)
                           for row in rows]
    wrapped = [tuple(tuple(wrap(c, MAX_EM[j])) for j, c in enumerate(row)) for row in cleaned]
    colw = tuple(max(max(text_width(line) for cell in col for line in cell) * FONT + 2 * PAD + 2, 36.0)
                 for col in zip(*wrapped))
    rowh = tuple(max(len(lines) for lines in row) * LINE_HEIGHT * FONT + 8 for row in wrapped)
    return ControlTable(tuple(wrapped), colw, rowh, FONT * 2.4)
