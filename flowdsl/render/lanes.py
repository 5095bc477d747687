"""The swimlane frame: straight, equal-length lanes with a header cell each.

Written once for both orientations in a *lane frame*: ``u`` runs across the lanes and
``v`` along them (vertical lanes: u = x, v = y; horizontal lanes: u = y, v = x). The
headers sit at the start of ``v`` (on top of vertical lanes, left of horizontal ones);
lane boundaries lie half-way between neighbouring lanes' boxes.
"""

from __future__ import annotations

from flowdsl.render.layout import Layout
from flowdsl.render.specs import FONT_NODE, lane_header_spec
from flowdsl.render.symbols import HEADER_FILL, LANE_STROKE, STROKE, El, _path, _shape, _text, f
from flowdsl.views.graph import View


def lane_elements(view: View, layout: Layout, lanes: list[str], horizontal: bool, P,
                  lane_header: str, extra: float) -> list[El]:
    """The lanes' SVG elements. ``P`` maps layout to drawing coordinates; ``extra`` is the
    room reserved for the optional ``lane_header`` band."""
    boxes = [layout.clusters.get(f"cluster_lane{k}") for k in range(1, len(lanes) + 1)]
    present = [b for b in boxes if b is not None]
    if not present:
        return []

    def xy(u: float, v: float) -> tuple[float, float]:
        return (v, u) if horizontal else (u, v)

    def uv(x: float, y: float) -> tuple[float, float]:
        return (y, x) if horizontal else (x, y)

    def at(u: float, v: float) -> tuple[float, float]:
        """A layout point given in the lane frame, as drawing coordinates in the frame."""
        return uv(*P(*xy(u, v)))

    def rect(u: float, v: float, du: float, dv: float, **kw) -> El:
        x, y = xy(u, v)
        w, h = xy(du, dv)
        return _shape("rect", x=x, y=y, width=w, height=h, **kw)

    def line(u: float, v: float, to: float, along_u: bool, **kw) -> El:
        x, y = xy(u, v)
        letter = "H" if along_u != horizontal else "V"
        return _path(f"M{f(x)},{f(y)} {letter}{f(to)}", fill="none", **kw)

    def u0(b):
        return b.y0 if horizontal else b.x0

    def u1(b):
        return b.y1 if horizontal else b.x1

    def v0(b):
        return b.x0 if horizontal else b.y0

    def v1(b):
        return b.x1 if horizontal else b.y1

    lo_u, hi_u = min(u0(b) for b in present), max(u1(b) for b in present)
    lo_v, hi_v = min(v0(b) for b in present), max(v1(b) for b in present)
    # the lanes span the whole drawing (edges may be routed outside the lane boxes)
    size_u, size_v = uv(layout.width, layout.height)
    lo_u, hi_u, hi_v = min(lo_u, 0.0), max(hi_u, size_u), max(hi_v, size_v)

    bounds = [lo_u]
    for a, b in zip(boxes, boxes[1:]):
        bounds.append(bounds[-1] if a is None or b is None else (u1(a) + u0(b)) / 2)
    bounds.append(hi_u)
    headers = [layout.nodes.get(f"lane{k}") for k in range(1, len(lanes) + 1)]
    header_end = max((uv(n.x, n.y)[1] + uv(n.width, n.height)[1] / 2 for n in headers if n),
                     default=lo_v + (60 if horizontal else 30)) + 6

    a_u, a_v = at(lo_u, lo_v)
    b_u, b_v = at(hi_u, hi_v)
    h_v = at(0, header_end)[1]
    els = [
        rect(a_u, h_v, b_u - a_u, b_v - h_v, fill="#ffffff", stroke="none", sw=0),
        rect(a_u, a_v, b_u - a_u, h_v - a_v, fill=HEADER_FILL, stroke="none", sw=0),
    ]
    for k, lane in enumerate(lanes):
        mid_u = (at(bounds[k], 0)[0] + at(bounds[k + 1], 0)[0]) / 2
        els.append(_text(lane_header_spec(view, lane).lines, *xy(mid_u, (a_v + h_v) / 2), FONT_NODE,
                         weight="bold", cls="lane-name"))
    for k in range(1, len(lanes)):
        els.append(line(at(bounds[k], 0)[0], a_v, b_v, along_u=False, stroke=LANE_STROKE, sw=1,
                        extra=(("class", "lane-divider"),)))
    els.append(line(a_u, h_v, b_u, along_u=True, stroke=LANE_STROKE, sw=1))
    start = a_v
    if lane_header:
        start = a_v - extra
        els.append(rect(a_u, start, b_u - a_u, extra, fill=HEADER_FILL, stroke="none", sw=0))
        els.append(line(a_u, a_v, b_u, along_u=True, stroke=LANE_STROKE, sw=1))
        # one character a line down a left-hand band; one line across a top band
        lines = list(lane_header) if horizontal else [lane_header]
        els.append(_text(lines, *xy((a_u + b_u) / 2, start + extra / 2), FONT_NODE, weight="bold",
                         cls="lane-header"))
    els.append(rect(a_u, start, b_u - a_u, b_v - start, fill="none", stroke=STROKE, sw=1.6,
                    extra=(("class", "lane-frame"),)))
    return els
