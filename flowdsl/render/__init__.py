"""flowdsl renderer: views -> DOT (layout by Graphviz) -> our own SVG -> PNG/PDF.

Public API::

    render_view(view, fmt)      # fmt: "svg" | "png" | "pdf" | "dot"  -> bytes
    render_pdf_pages(views)     # one multi-page PDF -> bytes
    view_to_dot(view)           # the DOT text given to Graphviz
    RenderError, BackendMissing

Heavy imports (jinja2) happen inside the functions: importing this package is cheap.
"""

from __future__ import annotations

from flowdsl.render.backend import BackendMissing, RenderError

TYPE_CHECKING = False  # not typing.TYPE_CHECKING: importing typing costs start-up time
if TYPE_CHECKING:  # pragma: no cover
    from typing import Iterable

    from flowdsl.render.layout import Layout
    from flowdsl.views.graph import View

__all__ = [
    "render_view", "render_pdf_pages", "render_svg", "layout_view", "view_to_dot",
    "RenderError", "BackendMissing", "FORMATS",
]

FORMATS = ("svg", "png", "pdf", "dot")
#: PNG resolution: SVG points are scaled by 4/3 (96 dpi) and by this zoom
PNG_ZOOM = 1.5

_ENV = None


def _jinja_env():
    """The (cached) jinja2 environment for flowdsl/templates, autoescape ON."""
    global _ENV
    if _ENV is None:
        from pathlib import Path

        import jinja2

        _ENV = jinja2.Environment(
            loader=jinja2.FileSystemLoader(str(Path(__file__).resolve().parent.parent / "templates")),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            keep_trailing_newline=True,
        )
    return _ENV


def view_to_dot(view: "View") -> str:
    from flowdsl.render.dot import view_to_dot as _v2d
    return _v2d(view)


def _run_layout(view: "View", timeout: float, **dot_options) -> "Layout":
    from flowdsl.render.backend import run_dot
    from flowdsl.render.dot import is_transposed
    from flowdsl.render.dot import view_to_dot as _v2d
    from flowdsl.render.layout import parse_layout
    try:
        out = run_dot(_v2d(view, **dot_options), "json0", timeout=timeout)
    except RenderError as exc:
        if exc.returncode is None or exc.returncode >= 0 or isinstance(exc, BackendMissing):
            raise
        # dot crashed (a signal): Graphviz 2.43's newrank code has a few segfaults;
        # lay out once more without newrank/ordering rather than fail
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
    swimlanes squeezed out (:func:`flowdsl.render.compact.compact_lanes`).
    """
    from flowdsl.render.beside import fix_sides
    from flowdsl.render.compact import compact_lanes
    return compact_lanes(fix_sides(_lane_layout(view, timeout), view), view)


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
    from flowdsl.render.svg import view_to_svg
    return view_to_svg(view, layout_view(view, timeout=timeout))


def render_view(view: "View", fmt: str = "svg", timeout: float = 30.0) -> bytes:
    """Render one view to ``fmt`` ("svg", "png", "pdf" or "dot") and return the bytes."""
    fmt = fmt.lower().lstrip(".")
    if fmt == "dot":
        return view_to_dot(view).encode("utf-8")
    if fmt not in FORMATS:
        raise ValueError(f"unknown output format {fmt!r}; expected one of {', '.join(FORMATS)}")
    svg = render_svg(view, timeout=timeout).encode("utf-8")
    if fmt == "svg":
        return svg
    from flowdsl.render.backend import run_rsvg
    return run_rsvg(svg, fmt, timeout=timeout, zoom=PNG_ZOOM if fmt == "png" else 1.0)


def render_pdf_pages(views: "Iterable[View]", timeout: float = 60.0) -> bytes:
    """All ``views`` as one PDF, one page per view, in order."""
    from flowdsl.render.backend import run_rsvg
    svgs = [render_svg(v, timeout=timeout).encode("utf-8") for v in views]
    if not svgs:
        raise ValueError("render_pdf_pages needs at least one view")
    return run_rsvg(svgs, "pdf", timeout=timeout)
