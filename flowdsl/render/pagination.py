"""Where a diagram too big to print is cut into sheets: the plan, made from its first layout.

The whole diagram's layout gives its ranks (the rows of a top-down flow, the columns of a
left-to-right one, the rank groups of a swimlane chart). For any run of consecutive
ranks the size of the sheet that would hold it is *estimated* without laying it out:

* along the flow: the run's extent, the lane headers, one connector rank where an arrow
  enters its first rank or leaves its last, and (top-down) the title, the title block
  (one row on a continuation sheet) and the rows of its steps in the control-point table;
* across the flow: the lanes that sheet shows, each as wide as its symbols and arrow
  labels in the run spread across it in the whole (or its header), or, without lanes,
  the run's own breadth (left to right: with the title, title block and table);
* the drawing at least as wide as its title, title block and control-point table.

:func:`plan` then picks the cuts by dynamic programming: fewest sheets that each fit
the paper at 8 pt, then fewest sheets holding one step or none, then fewest connector
pairs over the cuts (an arrow from a step to the document or ledger it writes counts
twice: a cut there parts a step from its output; one to 结束 not at all: it ends at a
copy), then the most even sheets (least sum of squared fill). The estimates are checked
by laying every sheet out (:mod:`flowdsl.render.sheets`); a sheet that does not fit is
planned again on its own, its estimate scaled by how far it was off.

Pure arithmetic on the layout: nothing here runs Graphviz. Deterministic.
"""

from __future__ import annotations

from dataclasses import dataclass

from flowdsl.render.dot import LANE_NODESEP, NODESEP
from flowdsl.render.paper import MARGIN, MIN_TEXT_PT, paper_size, svg_min_font, svg_size
from flowdsl.render.symbols import MARGIN as SVG_MARGIN

__all__ = ["Ranks", "measure", "plan", "estimate", "misfit", "fits", "alpha_of", "STEP_KINDS"]

#: a connector's length along the flow (points; see specs.node_spec "connector")
_CONNECTOR_LENGTH_TB = 54.0
_CONNECTOR_LENGTH_LR = 60.0
#: room a lane keeps on each side of its symbols (lane margin and the squeeze's gap),
#: vertical lanes / horizontal lanes (measured on the samples' and exercises' sheets)
LANE_PAD = 14.0
LANE_PAD_LR = 4.0
#: Graphviz's nodesep (points) between vertical lanes' headers and boundaries, and
#: outside swimlanes (render/dot.py)
_LANE_NODESEP, _NODESEP = float(LANE_NODESEP) * 72, float(NODESEP) * 72
#: the symbols a sheet should hold two of (a sheet with one step reads as a fragment)
STEP_KINDS = ("step", "decision", "process")
#: symbols an arrow writes to: a cut before one parts a step from what it produces
_OUTPUTS = ("document", "ledger", "store")


@dataclass(frozen=True)
class Ranks:
    """What the planner knows of the whole diagram's layout (SVG units, i.e. points at
    natural size). Per rank ``r``: ``extent[r]`` along the flow, ``breadth[r]`` across
    it, ``lane_width[r]`` where each lane's symbols of that rank lie across the flow
    (from, to), ``steps[r]`` its step-like symbols, ``rows[r]`` the height of its rows in the
    control-point table and ``table_cols[r]`` their column widths (None: no rows)."""
    along_x: bool
    ids: tuple[tuple[str, ...], ...]
    extent: tuple[tuple[float, float], ...]
    breadth: tuple[tuple[float, float], ...]
    packed: tuple[float, ...]            #: a rank's symbols side by side, nothing between
    lane_width: tuple[tuple[tuple[str, float, float], ...], ...]
    lanes: tuple[str, ...]
    header: tuple[tuple[str, float], ...]
    steps: tuple[int, ...]
    arrows: tuple[tuple[int, int], ...]
    heads: tuple[tuple[float, float], ...]   #: the lowest and highest head rank of a rank's arrows
    tails: tuple[tuple[float, float], ...]   #: the lowest and highest tail rank of arrows into it
    cut_cost: tuple[int, ...]            #: weighted arrows over the cut after each rank
    room: float                          #: a connector rank and its gap
    overhead: tuple[float, float]        #: along the flow, first sheet / continuation
    cross_pad: tuple[float, float]       #: across: margins (left to right: title, title block)
    width_min: tuple[float, float]       #: the drawing's width: title and title block
    rows: tuple[float, ...]
    table_head: float
    table_cols: tuple[tuple[float, ...] | None, ...]
    need: float                          #: paper points per SVG unit for 8 pt text


def _rank_levels(view, layout, along_x: bool):
    from flowdsl.render.dot import dot_node_names

    names = dot_node_names(view)
    by_level: dict[float, list] = {}
    for node in view.nodes:
        nb = layout.nodes.get(names[node.id])
        if nb is None:
            continue
        c = nb.x if along_x else nb.y
        by_level.setdefault(round(c * 2) / 2, []).append((node, nb))
    return [by_level[k] for k in sorted(by_level)]


def measure(view, layout, svg: str, continued_view=None, first_view=None) -> Ranks:
    """The planner's figures of ``view`` laid out as ``layout`` (drawn as ``svg``).
    ``first_view`` / ``continued_view``: a first and a continuation sheet's view (their
    title and title block), to tell those sheets' overhead from the whole's."""
    from flowdsl.render.dot import is_transposed
    from flowdsl.render.metrics import text_width
    from flowdsl.render.specs import FONT_SMALL, lane_header_spec
    from flowdsl.render.svg import TB_ROW_H, title_block
    from flowdsl.render.symbols import TITLE_FONT
    from flowdsl.render.quote import clean_text

    along_x = is_transposed(view)
    levels = _rank_levels(view, layout, along_x)
    lanes = tuple(dict.fromkeys(view.lanes))
    extent, breadth, packed, lane_width, steps, ids = [], [], [], [], [], []
    for level in levels:
        ids.append(tuple(node.id for node, _ in level))
        a = [((nb.x, nb.width) if along_x else (nb.y, nb.height)) for _, nb in level]
        c = [((nb.y, nb.height) if along_x else (nb.x, nb.width)) for _, nb in level]
        extent.append((min(p - s / 2 for p, s in a), max(p + s / 2 for p, s in a)))
        breadth.append((min(p - s / 2 for p, s in c), max(p + s / 2 for p, s in c)))
        packed.append(sum(s for _, s in c) + _NODESEP * (len(c) - 1))
        per_lane: dict[str, tuple[float, float]] = {}
        for (node, _), (p, s) in zip(level, c):
            if node.lane in lanes:
                lo, hi = per_lane.get(node.lane, (p - s / 2, p + s / 2))
                per_lane[node.lane] = (min(lo, p - s / 2), max(hi, p + s / 2))
        lane_width.append([(k, v[0], v[1]) for k, v in per_lane.items()])
        steps.append(sum(node.kind in STEP_KINDS for node, _ in level))
    for r, lane, lo, hi in _labels_in_lanes(view, layout, lanes, along_x, ids):
        lane_width[r].append((lane, lo, hi))
    horizontal = bool(lanes) and view.lane_direction == "horizontal"
    header = tuple((lane, (lane_header_spec(view, lane).height if horizontal
                           else lane_header_spec(view, lane).width)) for lane in lanes)

    rank_of = {nid: r for r, group in enumerate(ids) for nid in group}
    kind = {n.id: n.kind for n in view.nodes}
    arrows = tuple((rank_of.get(e.src, 0), rank_of.get(e.dst, 0)) for e in view.edges)
    none = (float("inf"), float("-inf"))
    heads, tails = [none] * len(ids), [none] * len(ids)
    for a, b in arrows:
        if a != b:
            heads[a] = (min(heads[a][0], b), max(heads[a][1], b))
            tails[b] = (min(tails[b][0], a), max(tails[b][1], a))
    # the connector pairs a cut after each rank needs (arrows into one symbol with one
    # label share a pair; an arrow to 结束 gets a 结束 of its own on its sheet: none)
    pairs: list[dict] = [{} for _ in ids]
    for e, (ra, rb) in zip(view.edges, arrows):
        for k in range(min(ra, rb), max(ra, rb)):
            pairs[k][(e.dst, e.label, e.ident, e.style)] = (
                2 if kind.get(e.dst) in _OUTPUTS else (0 if kind.get(e.dst) == "end" else 1))
    cost = [sum(p.values()) for p in pairs]
    gaps = sorted(b[0] - a[1] for a, b in zip(extent, extent[1:])) or [0.0]
    room = gaps[len(gaps) // 2] + (_CONNECTOR_LENGTH_LR if along_x else _CONNECTOR_LENGTH_TB)

    rows, head, cols = _table(view, ids)
    w, h = svg_size(svg)
    nat_along = w if along_x else h
    drawn = max(e[1] for e in extent) - min(e[0] for e in extent)
    table = sum(rows) + head if head else 0.0
    whole_rows = len(title_block(view)[0])
    first_view = first_view or view
    continued_view = continued_view or view

    def footer(v) -> float:   # title block rows more (or fewer) than the whole's
        return TB_ROW_H * (len(title_block(v)[0]) - whole_rows)

    def width_min(v) -> float:
        title = clean_text(v.title).replace("\n", " ").strip()
        return max(text_width(title) * TITLE_FONT, sum(title_block(v)[1])) + 2 * SVG_MARGIN

    sheets = (first_view, continued_view)
    if along_x:   # title, title block and table are above and below: across the flow
        overhead = (nat_along - drawn,) * 2
        cross_pad = tuple(h - layout.height - table + footer(v) for v in sheets)
    else:
        overhead = tuple(nat_along - drawn - table + footer(v) for v in sheets)
        cross_pad = (2 * SVG_MARGIN,) * 2
    return Ranks(along_x, tuple(ids), tuple(extent), tuple(breadth), tuple(packed),
                 tuple(tuple(w) for w in lane_width), lanes, header,
                 tuple(steps), arrows, tuple(heads), tuple(tails), tuple(cost), room, overhead, cross_pad,
                 tuple(width_min(v) for v in sheets),
                 tuple(rows), head, tuple(cols),
                 # (a sheet has connectors, captioned in the small font)
                 MIN_TEXT_PT / max(min(svg_min_font(svg) or FONT_SMALL, FONT_SMALL), 1.0))


def _labels_in_lanes(view, layout, lanes, along_x: bool, ids):
    """(rank of the arrow's tail, lane, from, to) across the flow of every arrow label
    inside a lane of the whole layout: a label widens its lane as a symbol does."""
    from flowdsl.render.specs import edge_label_spec

    rank_of = {nid: r for r, group in enumerate(ids) for nid in group}
    boxes = [(lane, layout.clusters.get(f"cluster_lane{k}")) for k, lane in enumerate(lanes, 1)]
    boxes = [(lane, (b.y0, b.y1) if along_x else (b.x0, b.x1)) for lane, b in boxes if b is not None]
    paths = {e.id: e for e in layout.edges}
    out = []
    for i, edge in enumerate(view.edges, 1):
        spec, path = edge_label_spec(edge), paths.get(f"e{i}")
        if spec is None or path is None or path.label_pos is None or edge.src not in rank_of:
            continue
        c = path.label_pos[1] if along_x else path.label_pos[0]
        half = (spec.height if along_x else spec.width) / 2
        lane = next((lane for lane, (lo, hi) in boxes if lo <= c <= hi), None)
        if lane is not None:
            out.append((rank_of[edge.src], lane, c - half, c + half))
    return out


def _table(view, ids):
    """The control-point table under a chart (render/controls.py): per rank the height
    of its rows and their column widths; the table's title and header with its gap."""
    rows = getattr(view, "controls", ()) or ()
    if not rows:
        return [0.0] * len(ids), 0.0, [None] * len(ids)
    from flowdsl.render.controls import control_table
    from flowdsl.render.quote import clean_text

    t = control_table(rows)
    height = {row[0]: h for row, h in zip(rows, t.rowh[1:])}
    by_number = {row[0]: row for row in rows}
    control = {n.id: clean_text(n.control).strip() for n in view.nodes if n.control}
    per_rank, cols = [], []
    for group in ids:
        mine = [control[nid] for nid in group if control.get(nid, "") in height]
        per_rank.append(sum(height[c] for c in mine))
        cols.append(control_table([by_number[c] for c in mine]).colw if mine else None)
    return per_rank, t.title_h + t.rowh[0] + 16, cols


def _avail(paper: str, orientation: str, along_x: bool) -> tuple[float, float]:
    pw, ph = paper_size(paper, orientation)
    along, cross = (pw, ph) if along_x else (ph, pw)
    return along - 2 * MARGIN, cross - 2 * MARGIN


def estimate(m: Ranks, first: int, last: int, drop_lanes: bool, alpha: float = 1.0) -> tuple[float, float]:
    """(along, across) natural size of the sheet holding ranks ``first..last``.
    ``alpha`` (no lanes): across, 1 the breadth those ranks had in the whole, 0 their
    widest rank with its symbols side by side (laid out alone, a part of a diagram is
    often much narrower than it was in the whole), or in between."""
    return _Run(m, drop_lanes, last + 1, alpha).grow_to(first).size(first, last)


class _Run:
    """Ranks ``i..end-1`` being grown backwards one rank at a time (the DP's inner loop)."""

    def __init__(self, m: Ranks, drop_lanes: bool, end: int, alpha: float = 1.0):
        self.m, self.drop, self.alpha = m, drop_lanes, alpha
        self.widest = 0.0
        self.i = end
        self.lo, self.hi = float("inf"), float("-inf")
        self.blo, self.bhi = float("inf"), float("-inf")
        self.lane: dict[str, tuple[float, float]] = {}
        self.rows = 0.0
        self.cols: list[float] | None = None
        self.steps = 0

    def grow_to(self, first: int) -> "_Run":
        m = self.m
        while self.i > first:
            self.i -= 1
            r = self.i
            self.lo, self.hi = min(self.lo, m.extent[r][0]), max(self.hi, m.extent[r][1])
            self.blo, self.bhi = min(self.blo, m.breadth[r][0]), max(self.bhi, m.breadth[r][1])
            self.widest = max(self.widest, m.packed[r])
            for lane, a, b in m.lane_width[r]:   # (symbols of one lane seldom line up)
                lo, hi = self.lane.get(lane, (a, b))
                self.lane[lane] = (min(lo, a), max(hi, b))
            self.rows += m.rows[r]
            if m.table_cols[r] is not None:
                self.cols = list(m.table_cols[r]) if self.cols is None else \
                    [max(a, b) for a, b in zip(self.cols, m.table_cols[r])]
            self.steps += m.steps[r]
        return self

    def size(self, first: int, last: int) -> tuple[float, float]:
        m = self.m
        # a connector takes the rank after its arrow's tail, before its head: a rank of
        # its own only at the run's ends
        lo_head, hi_head = m.heads[last]    # of the arrows leaving the last rank
        lo_tail, hi_tail = m.tails[first]   # of the arrows entering the first
        after = lo_head < first or hi_head > last
        before = lo_tail < first or hi_tail > last
        along = self.hi - self.lo + m.overhead[first > 0] + m.room * (before + after)
        if m.lanes:
            header = dict(m.header)
            shown = [lane for lane in m.lanes if lane in self.lane or not self.drop]
            span = {lane: hi - lo for lane, (lo, hi) in self.lane.items()}
            sep, pad = (_NODESEP, LANE_PAD_LR) if m.along_x else (_LANE_NODESEP, LANE_PAD)
            cross = sum(max(header[lane] + 2 * sep, span.get(lane, 0.0) + 2 * pad) for lane in shown)
        else:
            cross = self.widest + self.alpha * max(0.0, self.bhi - self.blo - self.widest)
        cross += m.cross_pad[first > 0]
        table = self.rows + m.table_head if self.rows else 0.0   # the control-point table
        wide = max(m.width_min[first > 0], sum(self.cols) + 2 * SVG_MARGIN if self.cols else 0.0)
        if m.along_x:
            return max(along, wide), cross + table
        return along + table, max(cross, wide)


def plan(m: Ranks, paper: str, orientation: str, drop_lanes: bool, lo: int = 0, hi: int | None = None,
         k: tuple[float, float] = (1.0, 1.0), min_groups: int = 1,
         alpha: float = 1.0) -> tuple[tuple[int, int], ...]:
    """Consecutive rank groups ``(first, last)`` covering ranks ``lo..hi-1``: the fewest
    whose estimated sheets (sizes times ``k``, along and across) fit ``paper`` in
    ``orientation`` at 8 pt, then the fewest sheets with under two steps, then the
    cheapest cuts, then the most even sheets. A rank too big on its own is a
    sheet of its own. ``min_groups`` 2: never the whole range as one group."""
    hi = len(m.ids) if hi is None else hi
    total_steps = sum(m.steps[lo:hi])
    a_along, a_cross = _avail(paper, orientation, m.along_x)
    a_along, a_cross = a_along / m.need, a_cross / m.need
    best: dict[int, tuple] = {lo: (0, 0, 0, 0, 0.0, None)}
    for j in range(lo + 1, hi + 1):
        run = _Run(m, drop_lanes, j, alpha)
        for i in range(j - 1, lo - 1, -1):
            run.grow_to(i)
            if min_groups > 1 and i == lo and j == hi:
                continue
            along, cross = run.size(i, j - 1)
            fa, fc = along * k[0] / a_along, cross * k[1] / a_cross
            too_big = fa > 1.0 or fc > 1.0
            if too_big and i < j - 1:
                if fa > 1.5:
                    break     # longer runs only get longer
                continue
            prev = best.get(i)
            if prev is None:
                continue
            lonely = run.steps < 2 <= total_steps
            cand = (prev[0] + too_big, prev[1] + 1, prev[2] + lonely,
                    prev[3] + (m.cut_cost[j - 1] if j < hi else 0), round(prev[4] + max(fa, fc) ** 2, 6), i)
            if j not in best or cand[:5] < best[j][:5]:
                best[j] = cand
    out = []
    j = hi
    while j > lo:
        i = best[j][5]
        out.append((i, j - 1))
        j = i
    return tuple(out[::-1])


def misfit(m: Ranks, group: tuple[int, int], drop_lanes: bool, svg: str,
           alpha: float = 1.0, floor: float = 1.0) -> tuple[float, float]:
    """How far the estimate of ``group``'s sheet was off, along and across: the laid-out
    sheet's size over the estimate, with its own smallest text (never below ``floor``)."""
    along, cross = estimate(m, group[0], group[1], drop_lanes, alpha)
    w, h = svg_size(svg)
    got_along, got_cross = (w, h) if m.along_x else (h, w)
    need = MIN_TEXT_PT / max(svg_min_font(svg), 1.0)
    return (max(floor, got_along * need / (along * m.need)), max(floor, got_cross * need / (cross * m.need)))


def fits(m: Ranks, group: tuple[int, int], paper: str, orientation: str, drop_lanes: bool,
         alpha: float = 1.0, k: tuple[float, float] = (1.0, 1.0)) -> bool:
    """Whether the estimate of ``group``'s sheet, times ``k``, fits at 8 pt."""
    along, cross = estimate(m, group[0], group[1], drop_lanes, alpha)
    a, c = _avail(paper, orientation, m.along_x)
    return along * k[0] * m.need <= a and cross * k[1] * m.need <= c


def alpha_of(m: Ranks, group: tuple[int, int], svg: str) -> float:
    """The ``alpha`` (see :func:`estimate`) at which the estimate of ``group``'s sheet
    across the flow matches the laid-out sheet's ``svg`` (0..1)."""
    packed = estimate(m, group[0], group[1], False, 0.0)[1]
    span = estimate(m, group[0], group[1], False, 1.0)[1]
    w, h = svg_size(svg)
    got = h if m.along_x else w
    if span <= packed + 1e-6:
        return 1.0
    return min(1.0, max(0.0, (got - packed) / (span - packed)))
