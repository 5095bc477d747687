"""Splitting a diagram that is too big to print into sheets joined by off-page connectors.

A diagram is printed on its paper (see :mod:`flowdsl.render.paper`) scaled to fit. When
its smallest text would come out under :data:`~flowdsl.render.paper.MIN_TEXT_PT`, it is
cut into sheets *before layout*, at natural cut points:

1. the diagram is laid out once as a whole; its ranks (the rows of a top-down flow,
   the columns of a left-to-right one, the rank groups of a swimlane chart) are read
   from that layout;
2. a diagram without lanes is first tried the other way round (top-down instead of
   left-to-right, or back): a wide, shallow DFD level often fits one sheet so;
3. the ranks are grouped into consecutive sheets by :mod:`flowdsl.render.pagination`
   from estimated sheet sizes: fewest sheets at the minimum text size, no sheet with
   a lone step, fewest connector pairs, even sheets; planned for each orientation, and
   for a swimlane chart also with each sheet showing only the lanes it uses (kept when
   that saves sheets; in the chart's order, each with its header);
4. every arrow between two groups is replaced by a pair of off-page connectors
   (``connector`` nodes: a pentagon with the same letter on both sheets, "至第2张" on
   the sheet the arrow leaves, "接第1张" on the sheet it arrives on; the arrow keeps its
   label on both sides; arrows into one symbol share a pair); an arrow to 结束 on
   another sheet ends at a 结束 of its own instead;
5. each sheet is an ordinary :class:`~flowdsl.views.graph.View` (name ``NAME`` for the
   first sheet, ``NAME-sheet2`` … for the others, title "…（续）" and a one-row title
   block after the first, ``page`` = (x, y): 第x张/共y张 in the title block) laid out
   and drawn by the normal pipeline. A sheet that does not fit after all is planned
   again on its own (the other sheets stay), and neighbouring sheets are merged where
   one fits.

Deterministic: ranks, cuts, letters and node order depend only on the view.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields, replace

from flowdsl.render.kept import kept
from flowdsl.render.pagination import STEP_KINDS, alpha_of, estimate, fits, measure, misfit, plan
from flowdsl.render.paper import (
    MIN_TEXT_PT, _text, canonical_paper, fit, place_on_paper, svg_min_font, svg_size,
)
from flowdsl.render.quote import clean_text
from flowdsl.views.graph import View, VEdge, VNode

__all__ = ["Sheet", "split_view", "connector_letter", "smallest_text_pt"]

#: View fields holding (node id, node id) layout hints
_PAIR_HINTS = ("beside", "after")


@dataclass(frozen=True)
class Sheet:
    """One printed sheet: its view, layout, natural SVG and how it sits on the paper."""
    view: View
    layout: object
    svg: str
    paper: str
    orientation: str     #: the chosen orientation (portrait / landscape)
    scale: float
    text_pt: float       #: smallest text on the paper, in points

    def on_paper(self) -> str:
        """The SVG of the whole paper sheet (the natural SVG when the paper is "none")."""
        return place_on_paper(self.svg, self.paper, self.orientation)


def connector_letter(i: int) -> str:
    """0 -> "A", 25 -> "Z", 26 -> "AA" ...

    >>> [connector_letter(i) for i in (0, 1, 25, 26, 27)]
    ['A', 'B', 'Z', 'AA', 'AB']
    """
    s = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        s = chr(65 + r) + s
    return s


def _make_sheet(view: View, layout, paper: str, orientation: str, svg: str | None = None) -> Sheet:
    from flowdsl.render.svg import view_to_svg

    svg = view_to_svg(view, layout) if svg is None else svg
    w, h = svg_size(svg)
    s, o = fit(w, h, paper, orientation)
    return Sheet(view, layout, svg, paper, o, s, round(svg_min_font(svg) * s, 3))


def _lay(view: View, paper: str, orientation: str, timeout: float) -> Sheet:
    from flowdsl.render.pipeline import laid_out

    layout, svg = laid_out(view, timeout)
    return _make_sheet(view, layout, paper, orientation, svg)


def split_view(view: View, paper: str = "A4", orientation: str = "auto",
               timeout: float = 30.0) -> list[Sheet]:
    """The sheets ``view`` prints on: one when it fits at ≥ 8 pt (or ``paper`` is
    "none"), else as many as needed (see the module docstring). The last few results
    are kept: rendering one diagram as SVG, PNG and PDF lays it out once."""
    return list(_split_view(view, canonical_paper(paper) or "A4", orientation, timeout))


def _split_view_uncached(view: View, paper: str, orientation: str, timeout: float) -> tuple[Sheet, ...]:
    return tuple(_sheets_of(view, paper, orientation, timeout))


_split_view = kept(_split_view_uncached, timeout_at=3)


def _sheets_of(view: View, paper: str, orientation: str, timeout: float) -> list[Sheet]:
    whole = _lay(view, paper, orientation, timeout)
    if paper == "none" or whole.text_pt >= MIN_TEXT_PT:
        return [whole]
    tries = [whole]
    if not view.lanes:
        turned = _lay(replace(view, direction="TB" if view.direction == "LR" else "LR"),
                      paper, orientation, timeout)
        if turned.text_pt >= MIN_TEXT_PT:
            return [turned]
        tries.append(turned)
    attempts = [a for first in tries for a in _split(first, paper, orientation, timeout)]
    return _choose(attempts)


def _low(sheets: list[Sheet]) -> float:
    return min(s.text_pt for s in sheets)


def _choose(attempts: list[list[Sheet]]) -> list[Sheet]:
    """The fewest sheets that all print at ≥ 8 pt, then the fewest sheets with under
    two steps, then every lane on every sheet, then the larger text; when no attempt
    gets there (a chart too wide for the paper), the fewest sheets whose smallest text
    is within 15 % of the best attempt's: more, smaller sheets that gain a few tenths
    of a point are not worth it."""
    fitting = [a for a in attempts if _low(a) >= MIN_TEXT_PT]
    if not fitting:
        top = max(_low(a) for a in attempts)
        fitting = [a for a in attempts if _low(a) >= 0.85 * top]
    return min(fitting, key=lambda a: (len(a), _lonely(a), _dropped(a), -_low(a)))


def _lonely(sheets: list[Sheet]) -> int:
    """Sheets holding fewer than two steps (of a diagram that has two)."""
    count = [sum(n.kind in STEP_KINDS for n in s.view.nodes) for s in sheets]
    return sum(c < 2 for c in count) if sum(count) >= 2 else 0


def _dropped(sheets: list[Sheet]) -> bool:
    return len(sheets) > 1 and any(len(s.view.lanes) != len(sheets[0].view.lanes) or
                                   s.view.lanes != sheets[0].view.lanes for s in sheets)


def _split(whole: Sheet, paper: str, orientation: str, timeout: float) -> list[list[Sheet]]:
    """The splits tried, each planned (flowdsl/render/pagination.py) and laid out, in
    each orientation: a swimlane chart with every lane on every sheet and with only the
    lanes each sheet uses; a diagram without lanes with each part as broad as it was in
    the whole, as its widest rank packed, and as broad as the packed plan's sheets came
    out. Most promising plans first; a plan is not laid out when a split already laid
    out prints at 8 pt on no more sheets than the plan's estimate."""
    view = whole.view
    probe = sheet_views(view, [[n.id for n in view.nodes[:1]], [n.id for n in view.nodes[1:]]])
    m = measure(view, whole.layout, whole.svg, continued_view=probe[1], first_view=probe[0])
    if len(m.ids) < 2:
        return [[whole]]
    orients = ("portrait", "landscape") if orientation == "auto" else (orientation,)
    modes = [(False, 1.0), (True, 1.0)] if view.lanes else [(False, 1.0), (False, 0.0)]
    plans = [_plan(m, paper, o, mode) for mode in modes for o in orients]
    attempts: list[list[Sheet]] = [[whole]]
    seen = set()
    while plans:
        plans.sort(key=lambda p: p[0])
        key, o, mode, groups = plans.pop(0)
        done = [len(a) for a in attempts[1:] if _low(a) >= MIN_TEXT_PT]
        if (o, groups) in seen or (done and min(done) <= key[1] and not key[0]):
            continue
        seen.add((o, groups))
        groups, sheets = _realise(view, m, groups, paper, o, mode, timeout)
        attempts.append(sheets)
        if not view.lanes and mode[1] == 0.0:   # how broad the parts really came out
            alpha = max(alpha_of(m, g, s.svg) for g, s in zip(groups, sheets))
            plans.append(_plan(m, paper, o, (False, round(alpha, 3))))
    return attempts


def _plan(m, paper: str, orientation: str, mode: tuple[bool, float]):
    """(estimated (sheets too big, sheets), orientation, mode, groups) of one plan."""
    from flowdsl.render.pagination import _avail

    groups = plan(m, paper, orientation, mode[0], alpha=mode[1])
    a, c = _avail(paper, orientation, m.along_x)
    sizes = [estimate(m, g[0], g[1], *mode) for g in groups]
    bad = sum(along * m.need > a or cross * m.need > c for along, cross in sizes)
    return (bad, len(groups)), orientation, mode, groups


def _realise(view: View, m, groups, paper: str, orientation: str, mode: tuple[bool, float],
             timeout: float) -> tuple[list[tuple[int, int]], list[Sheet]]:
    """The sheets of ``groups`` laid out; a sheet that prints under 8 pt has its ranks
    planned again alone (at least two sheets), its estimate scaled by how far it was off."""
    drop, alpha = mode
    groups = list(groups)
    sheets: list[Sheet] = []
    for _ in range(8):
        views = sheet_views(view, [[nid for r in range(a, b + 1) for nid in m.ids[r]] for a, b in groups],
                            drop_lanes=drop)
        sheets = [_lay(v, paper, orientation, timeout) for v in views]
        again = []
        for g, s in zip(groups, sheets):
            if s.text_pt >= MIN_TEXT_PT or g[0] == g[1]:
                again.append(g)
                continue
            again += plan(m, paper, orientation, drop, g[0], g[1] + 1, misfit(m, g, drop, s.svg, alpha), 2,
                          alpha)
        if again == groups:
            break
        groups = again
    return _merge(view, m, groups, sheets, paper, orientation, mode, timeout)


def _merge(view: View, m, groups, sheets, paper: str, orientation: str, mode: tuple[bool, float],
           timeout: float) -> tuple[list[tuple[int, int]], list[Sheet]]:
    """Two neighbouring sheets made one wherever that one fits at 8 pt (tried where
    the estimate scaled by the better of the two sheets' own misses fits: an estimate
    may be too large, too)."""
    drop, alpha = mode
    before = (groups, sheets)
    merged = False
    k = 0
    while k < len(groups) - 1 and all(s.text_pt >= MIN_TEXT_PT for s in sheets):
        one = (groups[k][0], groups[k + 1][1])
        a, b = (misfit(m, g, drop, s.svg, alpha, 0.0) for g, s in zip(groups[k:k + 2], sheets[k:k + 2]))
        trial = groups[:k] + [one] + groups[k + 2:]
        if fits(m, one, paper, orientation, drop, alpha, (min(a[0], b[0]), min(a[1], b[1]))):
            views = sheet_views(view, [[nid for r in range(x, y + 1) for nid in m.ids[r]] for x, y in trial],
                                drop_lanes=drop)
            s = _lay(views[k], paper, orientation, timeout)
            if s.text_pt >= MIN_TEXT_PT:
                groups, sheets = trial, sheets[:k] + [s] + sheets[k + 2:]
                merged = True
                continue
        k += 1
    if merged:   # numbered again: 第x张/共y张, the connectors' sheets
        views = sheet_views(view, [[nid for r in range(x, y + 1) for nid in m.ids[r]] for x, y in groups],
                            drop_lanes=drop)
        sheets = [_lay(v, paper, orientation, timeout) for v in views]
        if _low(sheets) < MIN_TEXT_PT <= _low(before[1]):
            return before
    return groups, sheets


def sheet_views(view: View, groups: list[list[str]], drop_lanes: bool = False) -> list[View]:
    """The views of the sheets holding ``groups`` (lists of node ids, in flow order);
    every arrow between two sheets becomes a pair of off-page connectors (arrows from one
    sheet into one symbol with one label share a pair). The arriving
    connector stands in the lane of the arrow's head; the leaving one too, unless
    ``drop_lanes`` (each sheet shows only the lanes its symbols are in, in the chart's
    order) leaves that lane off its sheet: then it stands in the lane of the tail.
    An arrow to 结束 on another sheet ends at a copy of it on its own sheet instead (no
    connectors to reach an end); the end stays on its sheet only while an arrow there
    reaches it. A continuation sheet's title block is its first row's first field and
    第x张/共y张."""
    sheet_of = {nid: k for k, ids in enumerate(groups) for nid in ids}
    n = len(groups)
    node_of = {node.id: node for node in view.nodes}
    lane_of = {node.id: node.lane for node in view.nodes}
    lanes_on = [{lane_of.get(nid) for nid in ids} for ids in groups]
    before: dict[str, list[VNode]] = {}
    after: dict[str, list[VNode]] = {}
    edges: list[list[VEdge]] = [[] for _ in range(n)]

    def to_end(e: VEdge) -> bool:
        return node_of[e.dst].kind == "end"

    # letters in reading order: by the sheet the arrow leaves, then in source order
    crossing = sorted((sheet_of[e.src], i) for i, e in enumerate(view.edges)
                      if e.src in sheet_of and e.dst in sheet_of and sheet_of[e.src] != sheet_of[e.dst]
                      and not to_end(e))
    # arrows from one sheet into one symbol with the same label share one pair
    def key(e: VEdge):
        return (sheet_of[e.src], sheet_of[e.dst], e.dst, e.label, e.ident, e.style)

    number: dict[tuple, int] = {}
    for _, i in crossing:
        number.setdefault(key(view.edges[i]), len(number))
    pairs: dict[tuple, str] = {}
    taken = {node.id for node in view.nodes}
    copies: dict[tuple[str, int], str] = {}

    def fresh(base: str) -> str:   # a connector id no node of the view has
        while base in taken:
            base += "_"
        return base

    for i, e in enumerate(view.edges):
        a, b = sheet_of.get(e.src), sheet_of.get(e.dst)
        if a is None or b is None:
            continue
        if a == b:
            edges[a].append(e)
            continue
        if to_end(e):   # its own 结束, in the lane of the arrow's tail
            if (e.dst, a) not in copies:
                copies[(e.dst, a)] = cid = fresh(f"{e.dst}_{a + 1}")
                taken.add(cid)
                after.setdefault(e.src, []).append(replace(node_of[e.dst], id=cid, lane=lane_of.get(e.src)))
            edges[a].append(replace(e, dst=copies[(e.dst, a)], back=False))
            continue
        k = number[key(e)]
        if key(e) in pairs:   # another arrow to the connector already there
            edges[a].append(VEdge(e.src, pairs[key(e)], e.label, e.ident, e.style, False))
            continue
        letter = connector_letter(k)
        out_id, in_id = fresh(f"off{k + 1}"), fresh(f"on{k + 1}")
        pairs[key(e)] = out_id
        lane = lane_of.get(e.dst)
        out_lane = lane if not drop_lanes or lane in lanes_on[a] else lane_of.get(e.src)
        after.setdefault(e.src, []).append(
            VNode(out_id, "connector", letter, lane=out_lane, location=f"至第{b + 1}张"))
        before.setdefault(e.dst, []).append(
            VNode(in_id, "connector", letter, lane=lane, location=f"接第{a + 1}张"))
        edges[a].append(VEdge(e.src, out_id, e.label, e.ident, e.style, False))
        edges[b].append(VEdge(in_id, e.dst, e.label, e.ident, e.style, False))
    reached = {e.dst for e in view.edges}
    views = []
    for k in range(n):
        members = set(groups[k])
        here_in = {e.dst for e in edges[k]}
        nodes: list[VNode] = []
        for node in view.nodes:
            if node.id in members:
                nodes.extend(before.get(node.id, ()))
                if node.kind != "end" or node.id in here_in or node.id not in reached:
                    nodes.append(node)
                nodes.extend(after.get(node.id, ()))
        # keep the order of the original edges, each connector's right after its arrow
        ids = {node.id for node in nodes}
        # layout hints between two nodes (beside, after …) stay where both are on the sheet
        hints = {f.name: tuple(p for p in getattr(view, f.name) if p[0] in ids and p[1] in ids)
                 for f in fields(view) if f.name in _PAIR_HINTS}
        title = view.title
        if getattr(view, "controls", ()):   # the control-point table: this sheet's rows
            here = {clean_text(node.control).strip() for node in nodes if node.control}
            hints["controls"] = tuple(row for row in view.controls if row[0] in here)
        if k and title.strip():   # a continued figure: 图名（续）
            title += " (cont.)" if title.isascii() else "（续）"
        if k:
            hints["title_block"] = view.title_block[:1]
        if drop_lanes and view.lanes:
            shown = {node.lane for node in nodes}
            hints["lanes"] = tuple(lane for lane in view.lanes if lane in shown)
        views.append(replace(view, name=view.name if k == 0 else f"{view.name}-sheet{k + 1}",
                             title=title, nodes=tuple(nodes), edges=tuple(edges[k]), page=(k + 1, n),
                             **hints))
    return views


def smallest_text_pt(obj, paper: str = "A4", orientation: str = "auto") -> float:
    """The smallest text size, in printed points, when each sheet of ``obj`` is placed
    on ``paper`` (15 mm margins, scaled to fit, see :func:`fit`).

    ``obj`` is one of our SVGs (text or bytes: that one sheet as drawn), a
    :class:`flowdsl.render.layout.Layout` together with its view as ``(view, layout)``,
    a ``View`` or an ``api.Diagram``: then the diagram is split into sheets as
    printing on that paper would split it, and the smallest text over all its sheets
    is returned. ``paper="none"``: the natural size.
    """
    if isinstance(obj, (str, bytes, bytearray)):
        svg = _text(obj)
        if 'class="sheet"' in svg:  # already on paper: the printed scale is in the SVG
            m = re.search(r'data-scale="([0-9.]+)"', svg)
            return svg_min_font(svg) * (float(m.group(1)) if m else 1.0)
        w, h = svg_size(svg)
        return svg_min_font(svg) * fit(w, h, paper, orientation)[0]
    if isinstance(obj, tuple):
        from flowdsl.render.svg import view_to_svg

        view, layout = obj
        return smallest_text_pt(view_to_svg(view, layout), paper, orientation)
    view = getattr(obj, "view", obj)
    if getattr(view, "kind", None) == "er":   # one sheet, fitted to A4 when laid out (render/er_fit.py)
        from flowdsl.render.er import render_er_svg

        return smallest_text_pt(render_er_svg(view), paper, orientation)
    if canonical_paper(paper) == "none":
        from flowdsl.render.pipeline import render_svg

        return smallest_text_pt(render_svg(view), paper, orientation)
    return min(s.text_pt for s in split_view(view, paper, orientation))
