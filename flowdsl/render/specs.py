"""Sizes of every symbol and label, from our own text metrics (no font files).

The layout (Graphviz) and the drawing (:mod:`flowdsl.render.svg`) both read these
specs, so what Graphviz reserves is exactly what the SVG draws, on every machine.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

from flowdsl.render.metrics import LINE_HEIGHT, lines_width, text_width, wrap
from flowdsl.render.quote import clean_text
from flowdsl.views.graph import View, VEdge, VNode

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


#: in a vertical swimlane chart the lanes sit side by side across the sheet: the
#: symbols in them wrap narrower so that a row of lanes fits landscape A4 at 8 pt
_LANE_WRAP_EM = 6
_LANE_WRAPPED = ("step", "decision", "document", "collect")


def _wrap_em(view: View, kind: str) -> float:
    em = _WRAP_EM.get(kind, 9)
    if kind in _LANE_WRAPPED and view.lanes and view.lane_direction != "horizontal":
        return min(em, _LANE_WRAP_EM)
    return em


_EDGE_WRAP_EM = 10
#: narrowest header cell of a vertical lane (points): a lane is no narrower
LANE_HEADER_MIN = 72
#: free space (points) on each side of an edge label's text in its layout box
EDGE_LABEL_GAP = 7.0
OFFPAGE_TIP = 14.0  #: length of the off-page connector's point


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
    bottom_lines: tuple[str, ...] = ()  #: the location band's text, wrapped to the symbol


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


#: widest a symbol grows to fit its location band's text (points); longer text wraps
_LOCATION_MAX_WIDTH = 180.0


def _location_band(node: VNode, w: float) -> tuple[float, float, tuple[str, ...]]:
    """(width, band height, wrapped lines) of a step's or process's location band (the
    ERP module, the department): the symbol widens up to a limit, then the text wraps."""
    text = clean_text(node.location).strip()
    if not text:
        return w, 0.0, ()
    w = max(w, min(text_width(text) * FONT_SMALL + 16, _LOCATION_MAX_WIDTH))
    lines = _lines(text, (w - 12) / FONT_SMALL)
    return w, FONT_SMALL * LINE_HEIGHT * len(lines) + 6, lines


def node_spec(view: View, node: VNode) -> NodeSpec:
    """Size and drawing recipe of one node; a pure function of the view and node."""
    kind = node.kind
    fs = FONT_NODE
    label = node.label
    if kind in ("start", "end") and not clean_text(label).strip():
        label = "开始" if kind == "start" else "结束"
    lines = _lines(label, _wrap_em(view, kind))
    tw, th = _tw(lines, fs), _th(lines, fs)
    loc = FONT_SMALL * LINE_HEIGHT + 6 if clean_text(node.location).strip() else 0.0

    if kind in ("step", "collect") or (kind == "decision" and view.decision_shape != "diamond"):
        shape = {"step": "box", "decision": "box", "collect": "card"}[kind]
        w = max(tw + (34 if kind == "collect" else 24), 96)
        w, loc, loc_lines = _location_band(node, w)
        h = max(th + 18, 42) + loc
        return NodeSpec(kind, shape, "box", _up(w), _up(h), lines, bottom_band=loc, bottom_lines=loc_lines)
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
            band = FONT_SMALL * LINE_HEIGHT + 2 if clean_text(node.ident).strip() else 0.0
            return NodeSpec(kind, "entity-yourdon", "box", _up(max(tw + 24, 80)),
                            _up(max(th + 20, 42) + band), lines, top_band=band)
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
        w, loc, loc_lines = _location_band(node, w)
        h = band + max(th + 16, 36) + loc
        shape = "process-gane" if view.notation == "gane-sarson" else "process"
        return NodeSpec(kind, shape, "box", _up(w), _up(h), lines, top_band=band, bottom_band=loc,
                        bottom_lines=loc_lines)
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
    if kind == "connector":  # off-page connector: a pentagon pointing along the flow
        caption = clean_text(node.location).strip()
        lr = is_flow_lr(view)
        w = max(text_width(caption) * FONT_SMALL + 16, 44) + (OFFPAGE_TIP if lr else 0)
        return NodeSpec(kind, "offpage-right" if lr else "offpage", "invhouse", _up(w),
                        44 if lr else 40 + OFFPAGE_TIP, lines, bottom_lines=(caption,) if caption else ())
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
    return NodeSpec("lane", "lane", "box", _up(max(_tw(lines, fs) + 24, LANE_HEADER_MIN)),
                    _up(max(_th(lines, fs) + 6, 24)), lines)


def is_flow_lr(view: View) -> bool:
    """True when the view's flow runs left to right (horizontal lanes, or LR)."""
    if view.lanes:
        return view.lane_direction == "horizontal"
    return view.direction == "LR"
