"""Splitting a diagram that is too big to print into sheets joined by off-page connectors.

A diagram is printed on its paper (see :mod:`flowdsl.render.paper`) scaled to fit. When
its smallest text would come out under :data:`~flowdsl.render.paper.MIN_TEXT_PT`, it is
cut into sheets *before layout*, at natural cut points:

1. the diagram is laid out once as a whole; its ranks (the rows of a top-down flow,
   the columns of a left-to-right one, the rank groups of a swimlane chart) are read
   from that layout;
2. a diagram without lanes is first tried the other way round (top-down instead of
   left-to-right, or back): a wide, shallow DFD level often fits one sheet so;
3. the ranks are grouped into as few consecutive groups as will each fit at the
   minimum text size, choosing among equal splits the cuts crossed by fewest arrows;
4. every arrow between two groups is replaced by a pair of off-page connectors
   (``connector`` nodes: a pentagon with the same letter on both sheets, "至第2张" on
   the sheet the arrow leaves, "接第1张" on the sheet it arrives on; the arrow keeps its
   label on both sides); swimlane sheets keep every lane with its header;
5. each sheet is an ordinary :class:`~flowdsl.views.graph.View` (name ``NAME`` for the
   first sheet, ``NAME-sheet2`` … for the others, title "…（续）" after the first,
   ``page`` = (x, y): 第x张/共y张 in the title block) laid out and drawn by the normal
   pipeline. A sheet that still does not
   fit makes the whole split start again with shorter sheets.

Deterministic: ranks, cuts, letters and node order depend only on the view.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields, replace
from functools import lru_cache

from flowdsl.render.paper import (
    MARGIN, MIN_TEXT_PT, _text, canonical_paper, fit, paper_size, place_on_paper, svg_min_font, svg_size,
)
from flowdsl.render.quote import clean_text
from flowdsl.views.graph import View, VEdge, VNode

__all__ = ["Sheet", "split_view", "connector_letter", "smallest_text_pt"]

#: a connector's length along the flow (points; see specs.node_spec "connector")
_CONNECTOR_LENGTH_TB = 54.0
_CONNECTOR_LENGTH_LR = 60.0
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


def _make_sheet(view: View, layout, paper: str, orientation: str) -> Sheet:
    from flowdsl.render.svg import view_to_svg

    svg = view_to_svg(view, layout)
    w, h = svg_size(svg)
    s, o = fit(w, h, paper, orientation)
    return Sheet(view, layout, svg, paper, o, s, round(svg_min_font(svg) * s, 3))


def _lay(view: View, paper: str, orientation: str, timeout: float) -> Sheet:
    from flowdsl.render.pipeline import layout_view

    return _make_sheet(view, layout_view(view, timeout=timeout), paper, orientation)


def split_view(view: View, paper: str = "A4", orientation: str = "auto",
               timeout: float = 30.0) -> list[Sheet]:
    """The sheets ``view`` prints on: one when it fits at ≥ 8 pt (or ``paper`` is
    "none"), else as many as needed (see the module docstring). The last few results
    are kept: rendering one diagram as SVG, PNG and PDF lays it out once."""
    return list(_split_view(view, canonical_paper(paper) or "A4", orientation, timeout))


@lru_cache(maxsize=16)
def _split_view(view: View, paper: str, orientation: str, timeout: float) -> tuple[Sheet, ...]:
    return tuple(_sheets_of(view, paper, orientation, timeout))


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
    """The fewest sheets that all print at ≥ 8 pt (larger text on a tie); when no
    attempt gets there (a chart too wide for the paper), the fewest sheets whose
    smallest text is within 15 % of the best attempt's: more, smaller sheets that
    gain a few tenths of a point are not worth it."""
    fitting = [a for a in attempts if _low(a) >= MIN_TEXT_PT]
    if not fitting:
        top = max(_low(a) for a in attempts)
        fitting = [a for a in attempts if _low(a) >= 0.85 * top]
    return min(fitting, key=lambda a: (len(a), -_low(a)))


def _ranks(sheet: Sheet) -> tuple[list[list[str]], list[tuple[float, float]]]:
    """View node ids by rank (in flow order) and each rank's extent along the flow."""
    from flowdsl.render.dot import dot_node_names, is_transposed

    view, layout = sheet.view, sheet.layout
    along_x = is_transposed(view)
    names = dot_node_names(view)
    by_level: dict[float, list[str]] = {}
    extent: dict[float, tuple[float, float]] = {}
    for node in view.nodes:
        nb = layout.nodes.get(names[node.id])
        if nb is None:
            continue
        c, size = (nb.x, nb.width) if along_x else (nb.y, nb.height)
        key = round(c * 2) / 2
        by_level.setdefault(key, []).append(node.id)
        lo, hi = extent.get(key, (c - size / 2, c + size / 2))
        extent[key] = (min(lo, c - size / 2), max(hi, c + size / 2))
    levels = sorted(by_level)
    return [by_level[k] for k in levels], [extent[k] for k in levels]


def _target(sheet: Sheet, paper: str, orientation: str) -> tuple[str, float]:
    """(orientation, longest natural length along the flow a sheet may have)."""
    from flowdsl.render.dot import is_transposed

    along_x = is_transposed(sheet.view)
    w, h = svg_size(sheet.svg)
    cross = h if along_x else w
    need = MIN_TEXT_PT / max(svg_min_font(sheet.svg), 1.0)
    best = None
    for o in (("portrait", "landscape") if orientation == "auto" else (orientation,)):
        pw, ph = paper_size(paper, o)
        avail_main, avail_cross = ((pw, ph) if along_x else (ph, pw))
        s = min(1.0, need, (avail_cross - 2 * MARGIN) / max(cross, 1.0))
        cand = (s, (avail_main - 2 * MARGIN) / s, o)
        if best is None or cand[:2] > best[:2]:
            best = cand
    assert best is not None
    return best[2], best[1]


def _groups(ranks: list[list[str]], extent: list[tuple[float, float]], overhead: float,
            limit: float, crossing: list[int], room: float,
            arrows: list[tuple[int, int]], table: tuple[list[float], float]) -> list[tuple[int, int]]:
    """Consecutive rank groups (first, last), each at most ``limit`` long with its
    ``overhead``: fewest groups, then fewest arrows over the cuts, then the shortest
    longest sheet. ``crossing[k]``: arrows over the cut after rank ``k``; ``arrows``:
    (tail rank, head rank) of every arrow. A group whose first rank receives an arrow
    from outside gets a connector rank before it (``room``), one whose last rank sends
    one out a connector rank after it. ``table``: the height of each rank's rows in the
    control-point table under the sheet, and the table's own (title, header)."""
    n = len(ranks)
    into: dict[int, list[int]] = {}   # head rank -> tail ranks (and the other way round)
    out: dict[int, list[int]] = {}
    for a, b in arrows:
        into.setdefault(b, []).append(a)
        out.setdefault(a, []).append(b)
    span_in = {r: (min(v), max(v)) for r, v in into.items()}
    span_out = {r: (min(v), max(v)) for r, v in out.items()}
    best: list[tuple | None] = [None] * (n + 1)   # best[j]: ranks 0..j-1 placed
    best[0] = (0, 0, 0.0, None)
    for j in range(1, n + 1):
        lo, hi = float("inf"), float("-inf")
        rows = 0.0
        for i in range(j - 1, -1, -1):            # group i..j-1
            lo, hi = min(lo, extent[i][0]), max(hi, extent[i][1])
            rows += table[0][i]
            si, so = span_in.get(i, (i, i)), span_out.get(j - 1, (i, i))
            before = si[0] < i or si[1] > j - 1
            after = so[0] < i or so[1] > j - 1
            length = hi - lo + overhead + room * (before + after) + (rows + table[1] if rows else 0.0)
            if length > limit and i < j - 1:
                break
            prev = best[i]
            if prev is None:
                continue
            cand = (prev[0] + 1, prev[1] + (crossing[j - 1] if j < n else 0), max(prev[2], length), i)
            if best[j] is None or cand[:3] < best[j][:3]:
                best[j] = cand
    out = []
    j = n
    while j > 0:
        i = best[j][3]
        out.append((i, j - 1))
        j = i
    return out[::-1]


def _split(whole: Sheet, paper: str, orientation: str, timeout: float) -> list[list[Sheet]]:
    """Every split tried, from the whole diagram on one sheet to shorter and shorter sheets."""
    ranks, extent = _ranks(whole)
    if len(ranks) < 2:
        return [[whole]]
    from flowdsl.render.dot import is_transposed

    along_x = is_transposed(whole.view)
    w, h = svg_size(whole.svg)
    nat = w if along_x else h
    drawn = (max(e[1] for e in extent) - min(e[0] for e in extent))
    overhead = max(0.0, nat - drawn)
    rank_of = {nid: r for r, ids in enumerate(ranks) for nid in ids}
    crossing = [0] * len(ranks)
    arrows = [(rank_of.get(e.src, 0), rank_of.get(e.dst, 0)) for e in whole.view.edges]
    for ra, rb in arrows:
        for k in range(min(ra, rb), max(ra, rb)):
            crossing[k] += 1
    # a connector takes one more rank at each cut: its own length and a rank gap
    gaps = sorted(b[0] - a[1] for a, b in zip(extent, extent[1:]))
    room = gaps[len(gaps) // 2] + (_CONNECTOR_LENGTH_LR if along_x else _CONNECTOR_LENGTH_TB)
    table = _table_rows(whole.view, ranks, along_x)
    if table[1]:
        overhead -= sum(table[0]) + table[1]   # each sheet has the rows of its own steps
    o, limit = _target(whole, paper, orientation)
    attempts: list[list[Sheet]] = [[whole]]
    for _ in range(8):
        groups = _groups(ranks, extent, overhead, limit, crossing, room, arrows, table)
        if len(groups) < 2:
            limit *= 0.85
            continue
        views = sheet_views(whole.view, [[nid for r in range(a, b + 1) for nid in ranks[r]]
                                         for a, b in groups])
        sheets = [_lay(v, paper, o if orientation == "auto" else orientation, timeout) for v in views]
        attempts.append(sheets)
        if _low(sheets) >= MIN_TEXT_PT:
            break
        # shorter sheets help only where the length along the flow is what limits
        short = [s for s, (a, b) in zip(sheets, groups)
                 if s.text_pt < MIN_TEXT_PT and a < b and _long_limited(s)]
        if not short:
            break
        limit *= max(0.75, min(0.9, _low(short) / MIN_TEXT_PT))
    return attempts


def _table_rows(view: View, ranks: list[list[str]], along_x: bool) -> tuple[list[float], float]:
    """The control-point table under a chart (render/controls.py), along the flow: the
    height of each rank's rows, and of the table's title and header with its gap (all
    0 without a table, or when the flow runs left to right: the table is then beside
    the cuts, not along them)."""
    rows = getattr(view, "controls", ()) or ()
    if not rows or along_x:
        return [0.0] * len(ranks), 0.0
    from flowdsl.render.controls import control_table

    t = control_table(rows)
    height = {row[0]: h for row, h in zip(rows, t.rowh[1:])}
    control = {n.id: clean_text(n.control).strip() for n in view.nodes if n.control}
    per_rank = [sum(height.get(control.get(nid, ""), 0.0) for nid in ids) for ids in ranks]
    return per_rank, t.title_h + t.rowh[0] + 16


def _long_limited(sheet: Sheet) -> bool:
    """True when the sheet's length along the flow, not its width, sets its scale."""
    from flowdsl.render.dot import is_transposed

    w, h = svg_size(sheet.svg)
    pw, ph = paper_size(sheet.paper, sheet.orientation)
    sx, sy = (pw - 2 * MARGIN) / w, (ph - 2 * MARGIN) / h
    return (sx <= sy) if is_transposed(sheet.view) else (sy <= sx)


def sheet_views(view: View, groups: list[list[str]]) -> list[View]:
    """The views of the sheets holding ``groups`` (lists of node ids, in flow order);
    every arrow between two sheets becomes a pair of off-page connectors."""
    sheet_of = {nid: k for k, ids in enumerate(groups) for nid in ids}
    n = len(groups)
    lane_of = {node.id: node.lane for node in view.nodes}
    before: dict[str, list[VNode]] = {}
    after: dict[str, list[VNode]] = {}
    edges: list[list[VEdge]] = [[] for _ in range(n)]
    # letters in reading order: by the sheet the arrow leaves, then in source order
    crossing = sorted((sheet_of[e.src], i) for i, e in enumerate(view.edges)
                      if e.src in sheet_of and e.dst in sheet_of and sheet_of[e.src] != sheet_of[e.dst])
    number = {i: k for k, (_, i) in enumerate(crossing)}
    taken = {node.id for node in view.nodes}

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
        letter = connector_letter(number[i])
        out_id, in_id = fresh(f"off{number[i] + 1}"), fresh(f"on{number[i] + 1}")
        lane = lane_of.get(e.dst)
        after.setdefault(e.src, []).append(
            VNode(out_id, "connector", letter, lane=lane, location=f"至第{b + 1}张"))
        before.setdefault(e.dst, []).append(
            VNode(in_id, "connector", letter, lane=lane, location=f"接第{a + 1}张"))
        edges[a].append(VEdge(e.src, out_id, e.label, e.ident, e.style, False))
        edges[b].append(VEdge(in_id, e.dst, e.label, e.ident, e.style, False))
    views = []
    for k in range(n):
        members = set(groups[k])
        nodes: list[VNode] = []
        for node in view.nodes:
            if node.id in members:
                nodes.extend(before.get(node.id, ()))
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
    if canonical_paper(paper) == "none":
        from flowdsl.render.pipeline import render_svg

        return smallest_text_pt(render_svg(view), paper, orientation)
    return min(s.text_pt for s in split_view(view, paper, orientation))
