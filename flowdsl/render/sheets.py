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
   first sheet, ``NAME-sheet2`` … for the others, ``page`` = (x, y): 第x张/共y张 in the
   title block) laid out and drawn by the normal pipeline. A sheet that still does not
   fit makes the whole split start again with shorter sheets.

Deterministic: ranks, cuts, letters and node order depend only on the view.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache

from flowdsl.render.paper import (
    MARGIN, MIN_TEXT_PT, canonical_paper, fit, paper_size, place_on_paper, svg_min_font, svg_size,
)
from flowdsl.views.graph import View, VEdge, VNode

__all__ = ["Sheet", "split_view", "connector_letter"]

#: room a connector and its arrow take at a cut, along the flow (points)
_CONNECTOR_ROOM = 90.0


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
    from flowdsl.render import layout_view

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
    best: list[Sheet] | None = None
    for first in tries:
        sheets = _split(first, paper, orientation, timeout)
        if best is None or _score(sheets) > _score(best):
            best = sheets
    assert best is not None
    return best


def _score(sheets: list[Sheet]) -> tuple:
    """Higher is better: all sheets at ≥ 8 pt, then the larger smallest text (to
    half a point), then fewer sheets."""
    low = min(s.text_pt for s in sheets)
    return (low >= MIN_TEXT_PT, int(min(low, MIN_TEXT_PT) * 2), -len(sheets))


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
            limit: float, crossing: list[int]) -> list[tuple[int, int]]:
    """Consecutive rank groups (first, last), each at most ``limit`` long with its
    ``overhead``: fewest groups, then fewest arrows over the cuts, then the shortest
    longest sheet. ``crossing[k]``: arrows over the cut after rank ``k``."""
    n = len(ranks)
    best: list[tuple | None] = [None] * (n + 1)   # best[j]: ranks 0..j-1 placed
    best[0] = (0, 0, 0.0, None)
    for j in range(1, n + 1):
        lo, hi = float("inf"), float("-inf")
        for i in range(j - 1, -1, -1):            # group i..j-1
            lo, hi = min(lo, extent[i][0]), max(hi, extent[i][1])
            length = hi - lo + overhead + _CONNECTOR_ROOM * ((i > 0) + (j < n))
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


def _split(whole: Sheet, paper: str, orientation: str, timeout: float) -> list[Sheet]:
    ranks, extent = _ranks(whole)
    if len(ranks) < 2:
        return [whole]
    from flowdsl.render.dot import is_transposed

    along_x = is_transposed(whole.view)
    w, h = svg_size(whole.svg)
    nat = w if along_x else h
    drawn = (max(e[1] for e in extent) - min(e[0] for e in extent))
    overhead = max(0.0, nat - drawn)
    rank_of = {nid: r for r, ids in enumerate(ranks) for nid in ids}
    crossing = [0] * len(ranks)
    for e in whole.view.edges:
        a, b = sorted((rank_of.get(e.src, 0), rank_of.get(e.dst, 0)))
        for k in range(a, b):
            crossing[k] += 1
    o, limit = _target(whole, paper, orientation)
    best: list[Sheet] = [whole]
    for _ in range(6):
        groups = _groups(ranks, extent, overhead, limit, crossing)
        if len(groups) < 2:
            limit *= 0.85
            continue
        views = sheet_views(whole.view, [[nid for r in range(a, b + 1) for nid in ranks[r]]
                                         for a, b in groups])
        sheets = [_lay(v, paper, o if orientation == "auto" else orientation, timeout) for v in views]
        if _score(sheets) > _score(best):
            best = sheets
        if min(s.text_pt for s in sheets) >= MIN_TEXT_PT:
            break
        # shorter sheets help only where the length along the flow is what limits
        short = [s for s, (a, b) in zip(sheets, groups)
                 if s.text_pt < MIN_TEXT_PT and a < b and _long_limited(s)]
        if not short:
            break
        limit *= max(0.5, min(0.9, min(s.text_pt for s in short) / MIN_TEXT_PT))
    return best


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
    count = 0
    for e in view.edges:
        a, b = sheet_of.get(e.src), sheet_of.get(e.dst)
        if a is None or b is None:
            continue
        if a == b:
            edges[a].append(e)
            continue
        letter = connector_letter(count)
        count += 1
        out_id, in_id = f"off{count}", f"on{count}"
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
        views.append(replace(view, name=view.name if k == 0 else f"{view.name}-sheet{k + 1}",
                             nodes=tuple(nodes), edges=tuple(edges[k]), page=(k + 1, n)))
    return views
