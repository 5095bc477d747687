"""View -> Graphviz layout -> our SVG: the layout passes (swimlanes laid out twice, the
nodes beside their anchors, empty lane columns squeezed out) and the one-sheet SVG.

The package entry (:mod:`flowdsl.render`) and the sheet splitter build on these; this
module imports neither of them.
"""

from __future__ import annotations

from flowdsl.render.backend import BackendMissing, RenderError
from flowdsl.render.kept import kept

TYPE_CHECKING = False  # not typing.TYPE_CHECKING: importing typing costs start-up time
if TYPE_CHECKING:  # pragma: no cover
    from flowdsl.render.layout import Layout
    from flowdsl.views.graph import View

__all__ = ["layout_view", "render_svg", "laid_out"]


def _run_layout(view: "View", timeout: float, **dot_options) -> "Layout":
    from flowdsl.render.backend import run_dot
    from flowdsl.render.dot import is_transposed
    from flowdsl.render.dot import view_to_dot as _v2d
    from flowdsl.render.layout import parse_layout
    try:
        out = run_dot(_v2d(view, **dot_options), "json0", timeout=timeout)
    except RenderError as exc:
        if exc.returncode is None or exc.returncode == 0 or isinstance(exc, BackendMissing):
            raise
        # dot crashed (a signal): Graphviz 2.43's newrank code has a few segfaults; or it
        # failed ("lost edge" in routesplines, seen with flat labelled edges of a node
        # laid out beside another): lay out once more without newrank, ordering and the
        # beside / numeric-order hints rather than fail
        out = run_dot(_v2d(view, robust=True, **dot_options), "json0", timeout=timeout)
    return parse_layout(out, transpose=is_transposed(view))


def layout_view(view: "View", timeout: float = 30.0) -> "Layout":
    """Run Graphviz on the view and return the parsed layout.

    Swimlane charts are laid out twice. The first pass has no clusters (Graphviz does
    not keep clusters in the declared order, and its cluster placement even depends on
    what the same ``dot`` process laid out before); it gives the ranks and the order
    of the nodes within each rank. The second pass keeps those ranks and puts each
    rank's nodes lane by lane with explicit straight lane boundaries (see
    :func:`flowdsl.render.dot.view_to_dot`). Graphviz 2.43 still lets a node slip
    across a boundary now and then; the variant with fewer such nodes is kept and
    any node left in a wrong lane is moved into its lane with its edges redrawn
    (:func:`flowdsl.render.layout.repair_lanes`). The result: lanes always in the
    declared order, every node inside its own lane.
    The nodes that sit beside an anchor (``view.beside``) are then put on its two
    sides (:func:`flowdsl.render.beside.fix_sides`) and the empty columns of vertical
    swimlanes (rows of horizontal ones) squeezed out (:func:`flowdsl.render.compact.compact_lanes`).
    A layout with crossings is tried again with other ``beside`` hints and the one
    with the fewest crossings kept (:func:`flowdsl.render.uncross.fewest_crossings`).
    """
    from flowdsl.model.limits import over_budget
    too_big = over_budget(view)  # refused before Graphviz sees it (FD701)
    if too_big:
        raise RenderError(f"{too_big} (FD701; raise FLOWDSL_MAX_NODES / FLOWDSL_MAX_EDGES to draw it)")
    from flowdsl.render.uncross import fewest_crossings
    return fewest_crossings(view, lambda v: _one_layout(v, timeout))


def _one_layout(view: "View", timeout: float) -> "Layout":
    from flowdsl.render.beside import fix_sides
    from flowdsl.render.compact import compact_lanes
    try:
        lay = _lane_layout(view, timeout)
    except RenderError as exc:
        if exc.returncode is None or exc.returncode == 0 or isinstance(exc, BackendMissing) \
                or not (view.beside or view.after):
            raise
        # Graphviz 2.43 loses a flat labelled edge now and then ("lost edge" in
        # routesplines): lay out without the beside / numeric-order hints
        from dataclasses import replace
        view = replace(view, beside=(), after=())
        lay = _lane_layout(view, timeout)
    lay = compact_lanes(fix_sides(lay, view), view)
    if getattr(view, "edges_style", "curved") != "orthogonal":
        return lay   # curved arrows (the default): the router's modules are not even imported
    from flowdsl.render.ortho import orthogonal_layout
    return orthogonal_layout(lay, view)


def _lane_layout(view: "View", timeout: float) -> "Layout":
    from flowdsl.render import layout as L
    lanes = list(dict.fromkeys(view.lanes))
    if not lanes:
        return _run_layout(view, timeout)
    horizontal = view.lane_direction == "horizontal"
    lay = _run_layout(view, timeout, clusters=False)
    ranks = L.rank_indices(lay, horizontal)
    order = {name: (nb.y if horizontal else nb.x) for name, nb in lay.nodes.items()}
    best = None
    for keep_ordering in (True, False):
        cand = L.with_spine_lanes(_run_layout(view, timeout, ranks=ranks, order=order,
                                              keep_ordering=keep_ordering), view, horizontal)
        bad = len(L.misplaced_nodes(cand, view, horizontal))
        if best is None or bad < best[0]:
            best = (bad, cand)
        if bad == 0:
            break
    return L.repair_lanes(best[1], view, horizontal)


def render_svg(view: "View", timeout: float = 30.0) -> str:
    """The SVG document of ``view`` as text."""
    if getattr(view, "kind", None) == "er":
        from flowdsl.render.er import render_er_svg
        return render_er_svg(view, timeout)  # type: ignore[arg-type]
    return laid_out(view, timeout)[1]


def laid_out(view: "View", timeout: float = 30.0) -> "tuple[Layout, str]":
    """The layout of ``view`` and its SVG. The last few are kept (views are frozen):
    one diagram rendered as SVG, PNG and PDF (whose first sheet layout is the same) is
    laid out and drawn once. The key includes the ``dot`` asked for."""
    import os
    return _laid_out(view, timeout, os.environ.get("FLOWDSL_DOT", ""))


def _laid_out_uncached(view: "View", timeout: float, dot: str) -> "tuple[Layout, str]":
    from flowdsl.render.svg import view_to_svg
    layout = layout_view(view, timeout=timeout)
    return layout, view_to_svg(view, layout)


_laid_out = kept(_laid_out_uncached, timeout_at=1)
