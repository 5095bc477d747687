"""The symbols: each view node kind drawn as plain SVG elements around its centre.

Textbook shapes (notation.md): circles for units (double outline when outside the
organisation), rectangles for steps, documents with a wavy bottom edge, ledgers open
on one side, cards for data collection; DFD entities, three-band processes and stores
in the textbook, Gane–Sarson and Yourdon–DeMarco notations. Student text only ever
reaches the SVG as escaped text nodes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from flowdsl.render.metrics import LINE_HEIGHT, text_width
from flowdsl.render.quote import clean_text, svg_text
from flowdsl.render.specs import FONT_SMALL, OFFPAGE_TIP, NodeSpec
from flowdsl.views.graph import View

FONT_FAMILY = ('"Noto Sans CJK SC","Source Han Sans SC","WenQuanYi Micro Hei",'
               '"Microsoft YaHei","PingFang SC",sans-serif')
MARGIN = 24.0
TITLE_FONT = 20.0
STROKE = "#1a1a1a"
LANE_STROKE = "#555555"
HEADER_FILL = "#e8eef5"
BAND_FILL = "#f0f0f0"
CONTROL = "#c62828"
ARROW_LEN = 9.0
_ATTR_NAME = re.compile(r"[a-z][a-z-]*\Z")


def f(x: float) -> str:
    """Fixed-precision number: deterministic output, no '-0.00'."""
    s = f"{x:.2f}"
    return "0.00" if s == "-0.00" else s


@dataclass
class El:
    """One SVG element: tag, attributes (our names, numbers or escaped text), tspans."""
    tag: str
    attrs: list[tuple[str, str]]
    spans: list[tuple[str, str, object]] | None = None  # (x, y, escaped text)
    text: object = None

    def __post_init__(self) -> None:
        for k, _ in self.attrs:
            assert _ATTR_NAME.match(k), k

    def markup(self):  # noqa: C901
        """The element as escaped SVG text (what the template's autoescape would write,
        built here in one step: a jinja2 macro call per element was the slowest part of
        drawing a diagram)."""
        from markupsafe import Markup, escape

        attrs = "".join(f' {k}="{escape(v)}"' for k, v in self.attrs)
        if self.text is not None:
            return Markup(f"<{escape(self.tag)}{attrs}>{escape(self.text)}</{escape(self.tag)}>")
        if self.spans is not None:
            inner = "".join(f'<tspan x="{escape(x)}" y="{escape(y)}">{escape(t)}</tspan>'
                            for x, y, t in self.spans)
            return Markup(f"<text{attrs}>{inner}</text>")
        return Markup(f"<{escape(self.tag)}{attrs}/>")


def _cut(text: str, max_em: float) -> str:
    """``text`` cut to ``max_em`` with "…" when longer."""
    if text_width(text) <= max_em:
        return text
    out = ""
    for ch in text:
        if text_width(out + ch) > max_em - 1:
            break
        out += ch
    return out.rstrip() + "…"


def _markup(text: str):
    from markupsafe import Markup
    return Markup(svg_text(text))


def _text(lines, cx: float, cy: float, size: float, anchor: str = "middle",
          fill: str = STROKE, weight: str | None = None, cls: str = "label") -> El:
    """Lines centred (vertically) on cy; baseline offset 0.36 em below each line centre."""
    lines = list(lines)
    lh = LINE_HEIGHT * size
    top = cy - lh * len(lines) / 2
    spans = [(f(cx), f(top + lh * (i + 0.5) + 0.36 * size), _markup(line))
             for i, line in enumerate(lines)]
    attrs = [("class", cls), ("x", f(cx)), ("y", spans[0][1] if spans else f(cy)),
             ("font-size", f"{size:g}"), ("text-anchor", anchor), ("fill", fill)]
    if weight:
        attrs.append(("font-weight", weight))
    return El("text", attrs, spans=spans)


def _shape(tag: str, fill: str = "#ffffff", stroke: str = STROKE, sw: float = 1.3,
           extra: tuple[tuple[str, str], ...] = (), **geo: float | str) -> El:
    attrs = [(k.replace("_", "-"), f(v) if isinstance(v, (int, float)) else v)
             for k, v in geo.items()]
    attrs += [("fill", fill), ("stroke", stroke), ("stroke-width", f"{sw:g}")]
    attrs += list(extra)
    return El(tag, attrs)


def _path(d: str, **kw) -> El:
    return _shape("path", d=d, **kw)


def _repeat_mark(x: float, y: float, size: float) -> El:
    """The repeat mark: a short slash from (x, y) up and to the right."""
    return _path(f"M{f(x)},{f(y)} L{f(x + size)},{f(y - size)}", fill="none", sw=1.3,
                 extra=(("class", "repeat"),))


def _wave_y(x0: float, x1: float, y1: float, amp: float, x: float) -> float:
    """y of the document's wavy bottom edge at x (same curve as drawn)."""
    w = x1 - x0
    t = min(max((x - x0) / w, 0.0), 1.0) if w else 0.0
    # x(t) of our cubic is linear in t (controls at 1/3, 2/3), y(t) = yb + 3t(1-t)(1-2t)k
    k = amp * 3.46
    return y1 - amp - 3 * t * (1 - t) * (1 - 2 * t) * k * -1


def _document_path(x0: float, y0: float, x1: float, y1: float, amp: float) -> str:
    yb = y1 - amp
    k = amp * 3.46
    w = x1 - x0
    # from the bottom-left the wave dips down, then rises: one S-shaped cubic
    return (f"M{f(x0)},{f(y0)} H{f(x1)} V{f(yb)} "
            f"C{f(x1 - w / 3)},{f(yb - k)} {f(x0 + w / 3)},{f(yb + k)} {f(x0)},{f(yb)} Z")


def _node_elements(view: View, spec: NodeSpec, cx: float, cy: float, node) -> list[El]:
    w, h = spec.width, spec.height
    x0, y0, x1, y1 = cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2
    els: list[El] = []
    lines = spec.lines
    fs = spec.font
    ident = clean_text(node.ident).strip()
    location = clean_text(node.location).strip()
    text_cy = cy
    s = spec.shape
    if s in ("box", "card", "unit-box"):
        if s == "card":
            c = 14.0
            els.append(_path(f"M{f(x0 + c)},{f(y0)} H{f(x1)} V{f(y1)} H{f(x0)} V{f(y0 + c)} Z"))
        elif s == "unit-box" and node.kind == "unit_ext":
            els.append(_shape("rect", x=x0, y=y0, width=w, height=h))
            els.append(_shape("rect", x=x0 + 4, y=y0 + 4, width=w - 8, height=h - 8, fill="none"))
        else:
            els.append(_shape("rect", x=x0, y=y0, width=w, height=h))
        if s == "unit-box" and node.repeat:
            els.append(_repeat_mark(x1 - 14, y1, 14))
        if spec.bottom_band:
            yb = y1 - spec.bottom_band
            els.append(_shape("rect", x=x0 + 0.65, y=yb, width=w - 1.3, height=spec.bottom_band - 0.65,
                               fill=BAND_FILL, stroke="none", sw=0))
            els.append(_path(f"M{f(x0)},{f(yb)} H{f(x1)}", fill="none", sw=0.9))
            els.append(_text(list(spec.bottom_lines) or [location], cx, yb + spec.bottom_band / 2,
                             FONT_SMALL, fill="#444444", cls="location"))
            text_cy = (y0 + yb) / 2
    elif s == "diamond":
        els.append(_path(f"M{f(cx)},{f(y0)} L{f(x1)},{f(cy)} L{f(cx)},{f(y1)} L{f(x0)},{f(cy)} Z"))
    elif s == "document":
        els.append(_path(_document_path(x0, y0, x1, y1, spec.bottom_band / 2), extra=(("class", "wave"),)))
        text_cy = (y0 + y1 - spec.bottom_band) / 2
    elif s == "ledger":
        # a box open on the right side: top, left and bottom lines only
        els.append(_shape("rect", x=x0, y=y0, width=w, height=h, stroke="none", sw=0))
        els.append(_path(f"M{f(x1)},{f(y0)} H{f(x0)} V{f(y1)} H{f(x1)}", fill="none",
                         extra=(("class", "open-box"),)))
        if node.repeat:
            els.append(_repeat_mark(x0 + 3, y1 - 3, 9))
    elif s == "terminator":
        els.append(_shape("rect", x=x0, y=y0, width=w, height=h, rx=h / 2, ry=h / 2))
    elif s == "unit-circle":
        r = w / 2
        els.append(_shape("circle", cx=cx, cy=cy, r=r))
        if node.kind == "unit_ext":
            els.append(_shape("circle", cx=cx, cy=cy, r=r - 4, fill="none"))
        if node.repeat:   # across the circle's bottom
            els.append(_repeat_mark(cx - 6, cy + r + 6, 12))
    elif s in ("entity", "entity-gane"):
        off = 6.0
        if s == "entity":   # square with a shadow (lower right)
            els.append(_shape("rect", x=x0 + off, y=y0 + off, width=w - off, height=h - off,
                              fill="#5a5a5a", stroke="#5a5a5a", sw=1))
            bx0, by0 = x0, y0
        else:               # Gane-Sarson double square: a second square behind, upper left
            els.append(_shape("rect", x=x0, y=y0, width=w - off, height=h - off))
            bx0, by0 = x0 + off, y0 + off
        bw, bh = w - off, h - off
        els.append(_shape("rect", x=bx0, y=by0, width=bw, height=bh))
        if ident:
            els.append(_text([ident], bx0 + 5, by0 + spec.top_band / 2 + 2, FONT_SMALL,
                             anchor="start", weight="bold", cls="ident"))
        if node.repeat:  # repeat mark: a slash across the lower-right corner
            els.append(_path(f"M{f(bx0 + bw - 14)},{f(by0 + bh)} L{f(bx0 + bw)},{f(by0 + bh - 14)}",
                             fill="none", sw=1.3, extra=(("class", "repeat"),)))
        cx, text_cy = bx0 + bw / 2, by0 + bh / 2
    elif s in ("process", "process-gane"):
        els.append(_shape("rect", x=x0, y=y0, width=w, height=h, rx=9, ry=9))
        top = y0
        if spec.top_band:
            top = y0 + spec.top_band
            els.append(_path(f"M{f(x0)},{f(top)} H{f(x1)}", fill="none", sw=1))
            if s == "process-gane":
                els.append(_text([ident], x0 + 8, (y0 + top) / 2, FONT_SMALL, anchor="start",
                                 weight="bold", cls="ident"))
            else:
                els.append(_text([ident], cx, (y0 + top) / 2, FONT_SMALL, weight="bold", cls="ident"))
        bottom = y1
        if spec.bottom_band:
            bottom = y1 - spec.bottom_band
            els.append(_path(f"M{f(x0)},{f(bottom)} H{f(x1)}", fill="none", sw=1))
            els.append(_text(list(spec.bottom_lines) or [location], cx, (bottom + y1) / 2, FONT_SMALL,
                             fill="#444444", cls="location"))
        text_cy = (top + bottom) / 2
    elif s == "process-yourdon":
        els.append(_shape("circle", cx=cx, cy=cy, r=w / 2))
        th = len(lines) * LINE_HEIGHT * fs
        if ident:
            els.append(_text([ident], cx, cy - th / 2 - spec.top_band / 2, FONT_SMALL,
                             weight="bold", cls="ident"))
        if location:
            els.append(_text([location], cx, cy + th / 2 + spec.bottom_band / 2, FONT_SMALL,
                             fill="#444444", cls="location"))
    elif s == "store":
        # long bar open on the right, a small ident cell on the left
        cell = spec.left_cell
        els.append(_shape("rect", x=x0, y=y0, width=w, height=h, stroke="none", sw=0))
        els.append(_path(f"M{f(x1)},{f(y0)} H{f(x0)} V{f(y1)} H{f(x1)}", fill="none",
                         extra=(("class", "open-box"),)))
        els.append(_path(f"M{f(x0 + cell)},{f(y0)} V{f(y1)}", fill="none", sw=1.1))
        if ident:
            els.append(_text([ident], x0 + cell / 2, cy, FONT_SMALL, weight="bold", cls="ident"))
        if node.repeat:
            els.append(_path(f"M{f(x0 + 3)},{f(y1 - 3)} L{f(x0 + 11)},{f(y1 - 11)}", fill="none",
                             sw=1.1, extra=(("class", "repeat"),)))
        cx = x0 + cell + (w - cell) / 2
    elif s == "store-yourdon":  # two parallel lines; the ID is part of the text ("D1 库存帐")
        els.append(_shape("rect", x=x0, y=y0, width=w, height=h, stroke="none", sw=0))
        els.append(_path(f"M{f(x0)},{f(y0)} H{f(x1)} M{f(x0)},{f(y1)} H{f(x1)}", fill="none",
                         extra=(("class", "parallel-lines"),)))
        if node.repeat:  # repeat mark: a slash across the bottom line, at its left end
            els.append(_path(f"M{f(x0 + 3)},{f(y1 + 4)} L{f(x0 + 13)},{f(y1 - 6)}", fill="none",
                             sw=1.3, extra=(("class", "repeat"),)))
    elif s == "entity-yourdon":
        els.append(_shape("rect", x=x0, y=y0, width=w, height=h))
        if ident:  # the ID in the top-left corner, the name centred below it
            els.append(_text([ident], x0 + 5, y0 + spec.top_band / 2 + 2, FONT_SMALL,
                             anchor="start", weight="bold", cls="ident"))
            text_cy = cy + spec.top_band / 2
        if node.repeat:
            els.append(_path(f"M{f(x1 - 14)},{f(y1)} L{f(x1)},{f(y1 - 14)}", fill="none",
                             extra=(("class", "repeat"),)))
    elif s in ("offpage", "offpage-right"):
        # off-page connector: a pentagon pointing along the flow, its letter above the
        # sheet it leads to / comes from ("至第2张" / "接第1张")
        tip = OFFPAGE_TIP
        if s == "offpage":
            d = f"M{f(x0)},{f(y0)} H{f(x1)} V{f(y1 - tip)} L{f(cx)},{f(y1)} L{f(x0)},{f(y1 - tip)} Z"
            body_cx, body_y1 = cx, y1 - tip
        else:
            d = f"M{f(x0)},{f(y0)} H{f(x1 - tip)} L{f(x1)},{f(cy)} L{f(x1 - tip)},{f(y1)} H{f(x0)} Z"
            body_cx, body_y1 = (x0 + x1 - tip) / 2, y1
        els.append(_path(d, extra=(("class", "offpage"),)))
        if spec.bottom_lines:
            lh = LINE_HEIGHT * FONT_SMALL
            els.append(_text(list(spec.bottom_lines), body_cx, body_y1 - lh / 2 - 2, FONT_SMALL,
                             cls="sheet-ref"))
            cx, text_cy = body_cx, (y0 + body_y1 - lh) / 2
        else:
            cx, text_cy = body_cx, (y0 + body_y1) / 2
    else:
        els.append(_shape("rect", x=x0, y=y0, width=w, height=h))
    if lines:
        els.append(_text(lines, cx, text_cy, fs))
    control = clean_text(node.control).strip()
    if control:
        if s in ("unit-circle", "process-yourdon"):
            # on the circle, at 45 degrees up-right
            px, py = cx + w / 2 * 0.7071, cy - w / 2 * 0.7071
        else:
            px, py = x1, y0
        if text_width(control) <= 2.6:  # "C1", "C12", "KC3": a circled tag, as in control manuals
            r = max(text_width(control) * FONT_SMALL / 2 + 4, 10.5)
            els.append(_shape("circle", cx=px, cy=py, r=r, fill="#ffffff", stroke=CONTROL, sw=1.6,
                              extra=(("class", "control"),)))
            els.append(_text([control], px, py, FONT_SMALL, fill=CONTROL, weight="bold", cls="control-text"))
        else:  # longer text: a compact pill, cut at 7 em with "…"; the whole text as a tooltip
            shown = _cut(control, 7.0)
            pw, ph = text_width(shown) * FONT_SMALL + 12, 19.0
            px = min(px, x1 + 10) - pw / 2 + 10
            els.append(_shape("rect", x=px - pw / 2, y=py - ph / 2, width=pw, height=ph, fill="#ffffff",
                              stroke=CONTROL, sw=1.4, extra=(("rx", f(ph / 2)), ("class", "control"))))
            els.append(_text([shown], px, py, FONT_SMALL, fill=CONTROL, weight="bold", cls="control-text"))
            els.append(El("title", [], text=svg_text(control)))
    return els
