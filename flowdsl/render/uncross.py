"""Fewer crossings: a few deterministic layouts of one view tried in turn (issue 9).

Graphviz's crossing minimisation works on one ordering of the ranks at a time and
often leaves a crossing that moving a store, a ledger or a repeated copy to another
user would remove (盘点 0层图: the data store 盘点流水账 beside the process that reads
it, so the copy of 库管员 must be reached across the store's other arrow). When the
first layout has crossings, :func:`fewest_crossings` lays the view out again with the
``beside`` hints of the symbols at the ends of the crossing arrows changed (the symbol
beside each other user, or beside none, or on the other side of its anchor) and keeps
the first layout with fewer crossings that is no worse on edges through symbols, long
edges and long store/ledger edges (the figures of :mod:`flowdsl.render.measure`,
here from the raw splines, without label placement) and printing no smaller on A4 (``PRINT_SCALE``; at
most ``MAX_VARIANTS`` more Graphviz runs). A diagram without crossings is laid out exactly once and unchanged.
"""

from __future__ import annotations

from dataclasses import replace

from flowdsl.views.graph import View

TYPE_CHECKING = False
if TYPE_CHECKING:  # pragma: no cover
    from typing import Callable

    from flowdsl.render.layout import Layout

#: the symbols a variant may move: the ones textbooks put "beside" a step or process
MOVABLE = ("store", "ledger", "entity", "unit", "unit_ext")
#: at most this many extra layouts per view
MAX_VARIANTS = 10


FIGURES = ("c", "d", "e", "f")


def score(view: View, layout: "Layout", columns: tuple[str, ...] = FIGURES,
          drawing=None) -> tuple[dict, list]:
    """Figures c, d, e, f of ``view`` on ``layout`` (labels not placed; only those in
    ``columns`` computed, the others 0) and the crossing pairs (edge indices, 1-based).
    ``drawing``: ``drawn(view, layout, placed=False)`` when the caller has it."""
    from flowdsl.render.labels import drawn
    from flowdsl.render.measure import measure_drawn
    if drawing is None:
        drawing = drawn(view, layout, placed=False)
    fig = measure_drawn(drawing, columns=columns)
    pairs = [(p, q) for kind, p, q, *_ in (d for d in fig["details"] if d[0] == "c")]
    return {k: fig[k] for k in FIGURES}, pairs


def variants(view: View, pairs: list[tuple[int, int]]) -> list[View]:
    """Views differing from ``view`` only in ``beside``: each movable symbol at an end
    of a crossing arrow beside another of its users, beside none, or (beside an anchor
    with a second beside symbol) on the anchor's other side."""
    kinds = {n.id: n.kind for n in view.nodes}
    ends: list[str] = []
    for p, q in pairs:
        for i in (p, q):
            e = view.edges[i - 1]
            ends += [n for n in (e.src, e.dst) if kinds.get(n) in MOVABLE]
    out: list[View] = []
    seen = {view.beside}

    def add(beside: tuple, edges: tuple | None = None) -> None:
        if beside not in seen:
            seen.add(beside)
            out.append(replace(view, beside=beside, edges=edges or view.edges))

    # stores and ledgers first: moving one keeps every symbol beside its users, while a
    # moved entity copy can push a store to the border (盘点 0层图, Yourdon notation)
    for n in sorted(dict.fromkeys(ends), key=lambda n: kinds[n] not in ("store", "ledger")):
        users = list(dict.fromkeys(
            (e.dst if e.src == n else e.src) for e in view.edges
            if n in (e.src, e.dst) and e.src != e.dst
            and kinds.get(e.dst if e.src == n else e.src) not in MOVABLE))
        mine = [k for k, (node, _) in enumerate(view.beside) if node == n]
        rest = tuple(b for b in view.beside if b[0] != n)
        anchors = {view.beside[k][1] for k in mine}
        for u in users:
            if u not in anchors:
                edges = _backs(view, n, u)
                add(rest + ((n, u),), edges)
                if not any(b == u for _, b in rest):
                    # on u's other side (only as u's one beside symbol: with more, a
                    # long-lived Graphviz 2.43 was seen to crash on it)
                    add(rest + ((n, u), (n, u)), edges)
        if mine:
            add(rest)
            k = mine[0]
            a = view.beside[k][1]
            shared = [j for j, (_, b) in enumerate(view.beside) if b == a]
            if len(shared) > 1:   # swap n with the anchor's other beside symbol (sides alternate)
                j = shared[1] if shared[0] == k else shared[0]
                b = list(view.beside)
                b[k], b[j] = b[j], b[k]
                add(tuple(b))
    return out[:MAX_VARIANTS]


def _backs(view: View, n: str, u: str) -> tuple:
    """``view.edges`` with ``n`` laid out beside ``u``: an arrow between ``n`` and
    another user that comes before ``u`` in the flow (it reaches ``u`` without passing
    ``n``) runs against the ranks and is marked ``back``, the ones with ``u`` are not."""
    succ: dict[str, list[str]] = {}
    for e in view.edges:
        if not e.back and n not in (e.src, e.dst):
            succ.setdefault(e.src, []).append(e.dst)

    def reaches(a: str, b: str) -> bool:
        seen, stack = {a}, [a]
        while stack:
            x = stack.pop()
            if x == b:
                return True
            for y in succ.get(x, ()):
                if y not in seen:
                    seen.add(y)
                    stack.append(y)
        return False

    out = []
    for e in view.edges:
        if n in (e.src, e.dst) and e.src != e.dst:
            w = e.dst if e.src == n else e.src
            if w == u:
                e = replace(e, back=False)
            elif e.src == n:      # n -> w: back when w comes before u
                e = replace(e, back=reaches(w, u))
            else:                 # w -> n: back when w comes after u
                e = replace(e, back=reaches(u, w))
        out.append(e)
    return tuple(out)


#: a variant must print at least this large, relative to the first layout, when fitted
#: on A4 (the PDF default): a larger drawing prints smaller or on more sheets (医院 0层图's
#: crossing-free variant is 14 % wider and took 4 A4 sheets instead of 3)
PRINT_SCALE = 0.97


def _not_bigger(cand: "Layout", first: "Layout") -> bool:
    from flowdsl.render.paper import fit
    return fit(cand.width, cand.height, "A4")[0] >= PRINT_SCALE * fit(first.width, first.height, "A4")[0]


def fewest_crossings(view: View, lay: "Callable[[View], Layout]") -> "Layout":
    """``lay(view)``, or the layout of the first variant (:func:`variants`, in a fixed
    order) with fewer crossings and nothing else worse: deterministic. A big view
    (``BIG_GRAPH`` symbols + arrows) is laid out once. The figures
    are computed as far as the choice needs them: crossings first, then the others."""
    from flowdsl.render.backend import BackendMissing, RenderError
    from flowdsl.render.dot import BIG_GRAPH
    from flowdsl.render.labels import drawn
    first = lay(view)
    if len(view.nodes) + len(view.edges) >= BIG_GRAPH:
        # hundreds of symbols: each variant would be one more Graphviz run of the whole
        # graph (with the cheap settings of ``big_graph_settings``); the first is kept
        return first
    g = drawn(view, first, placed=False)
    crossed, pairs = score(view, first, ("c",), g)
    if not crossed["c"]:
        return first
    base, _ = score(view, first, ("d", "e", "f"), g)
    for v in variants(view, pairs):
        try:
            cand = lay(v)
        except BackendMissing:
            raise
        except RenderError:
            continue
        g = drawn(v, cand, placed=False)
        if score(v, cand, ("c",), g)[0]["c"] >= crossed["c"] or not _not_bigger(cand, first):
            continue
        fig, _ = score(v, cand, ("d", "e", "f"), g)
        if fig["d"] <= base["d"] and fig["e"] <= base["e"] and fig["f"] <= base["f"]:
            return cand   # the first better variant: each try is one more Graphviz run
    return first
