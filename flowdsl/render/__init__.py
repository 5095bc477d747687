"""flowdsl renderer: views -> DOT (layout by Graphviz) -> our own SVG -> PNG/PDF.

Public API::

    render_view(view, fmt, paper=None, orientation="auto")   # fmt: "svg" | "png" | "pdf" | "dot"  -> bytes
    render_sheets(view, fmt, paper, orientation)            # one output per sheet -> [bytes]
    render_pdf_pages(views, paper="A4")                     # one multi-page PDF -> bytes
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
    "render_view", "render_sheets", "render_pdf_pages", "default_paper", "render_svg", "layout_view", "view_to_dot",
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
    swimlanes squeezed out (:func:`flowdsl.render.compact.compact_lanes`).
    """
    from flowdsl.model.limits import over_budget
    too_big = over_budget(view)  # refused before Graphviz sees it (FD701)
    if too_big:
        raise RenderError(f"{too_big} (FD701; raise FLOWDSL_MAX_NODES / FLOWDSL_MAX_EDGES to draw it)")
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
    return compact_lanes(fix_sides(lay, view), view)


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
    from flowdsl.render.svg import view_to_svg
    return view_to_svg(view, layout_view(view, timeout=timeout))


def default_paper(fmt: str, paper: str | None) -> str:
    """The paper a format is drawn on when none is asked for: A4 for PDF, the
    natural size ("none") for SVG and PNG."""
    from flowdsl.render.paper import canonical_paper

    if paper is not None:
        found = canonical_paper(paper)
        if found is None:
            from flowdsl.render.paper import PAPERS
            raise ValueError(f"unknown paper {paper!r}; expected one of {', '.join(PAPERS)} or none")
        return found
    return "A4" if fmt == "pdf" else "none"


def render_sheets(view: "View", fmt: str = "svg", paper: str | None = None,
                  orientation: str = "auto", timeout: float = 30.0) -> list[bytes]:
    """``view`` printed on ``paper``: one SVG or PNG per sheet (the diagram split where
    it would print under 8 pt, see :mod:`flowdsl.render.sheets`), or, for PDF, one
    multi-page PDF (a list of one). ``paper=None``: A4 for PDF, natural size else."""
    fmt = fmt.lower().lstrip(".")
    if getattr(view, "kind", None) == "er":  # ER diagrams (issue 14): flowdsl/render/er.py
        if fmt not in FORMATS:
            raise ValueError(f"unknown output format {fmt!r}; expected one of {', '.join(FORMATS)}")
        from flowdsl.render.er import render_er
        return render_er(view, fmt, default_paper(fmt, paper), orientation, timeout)  # type: ignore[arg-type]
    if fmt == "dot":
        return [view_to_dot(view).encode("utf-8")]
    if fmt not in FORMATS:
        raise ValueError(f"unknown output format {fmt!r}; expected one of {', '.join(FORMATS)}")
    paper = default_paper(fmt, paper)
    if orientation not in ("portrait", "landscape", "auto"):
        raise ValueError(f"unknown orientation {orientation!r}; expected portrait, landscape or auto")
    if paper == "none":
        svgs = [render_svg(view, timeout=timeout).encode("utf-8")]
    else:
        from flowdsl.render.sheets import split_view
        svgs = [s.on_paper().encode("utf-8") for s in split_view(view, paper, orientation, timeout)]
    if fmt == "svg":
        return svgs
    from flowdsl.render.backend import run_rsvg
    if fmt == "pdf":
        return [run_rsvg(svgs, "pdf", timeout=timeout * len(svgs))]
    return [run_rsvg(s, "png", timeout=timeout, zoom=PNG_ZOOM) for s in svgs]


def render_view(view: "View", fmt: str = "svg", timeout: float = 30.0,
                paper: str | None = None, orientation: str = "auto") -> bytes:
    """Render one view to ``fmt`` ("svg", "png", "pdf" or "dot") and return the bytes.

    ``paper`` ("A4", "A3", "letter" or "none"; default A4 for PDF, natural size for
    SVG and PNG) and ``orientation`` ("portrait", "landscape", "auto"): the diagram is
    placed on that paper, split into sheets if needed; a PDF holds every sheet, an SVG
    or PNG the first (see :func:`render_sheets` for all of them)."""
    return render_sheets(view, fmt, paper, orientation, timeout)[0]


def render_pdf_pages(views: "Iterable[View]", timeout: float = 60.0, paper: str | None = "A4",
                     orientation: str = "auto") -> bytes:
    """All ``views`` as one PDF, in order: one page per sheet of each view on ``paper``
    (A4 by default; "none": one page per view at its natural size)."""
    from flowdsl.render.backend import run_rsvg
    paper = default_paper("pdf", paper)
    svgs: list[bytes] = []
    for v in views:
        if getattr(v, "kind", None) == "er":
            svgs += render_sheets(v, "svg", paper, orientation, timeout)
        elif paper == "none":
            svgs.append(render_svg(v, timeout=timeout).encode("utf-8"))
        else:
            from flowdsl.render.sheets import split_view
            svgs += [s.on_paper().encode("utf-8") for s in split_view(v, paper, orientation, timeout)]
    if not svgs:
        raise ValueError("render_pdf_pages needs at least one view")
    return run_rsvg(svgs, "pdf", timeout=timeout)
