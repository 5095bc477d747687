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
from flowdsl.render.formats import FORMATS, PNG_ZOOM  # noqa: F401  (re-exported)
from flowdsl.render.pipeline import _run_layout, layout_view, render_svg  # noqa: F401  (re-exported)
from flowdsl.render.templates import jinja_env as _jinja_env  # noqa: F401  (re-exported)

TYPE_CHECKING = False  # not typing.TYPE_CHECKING: importing typing costs start-up time
if TYPE_CHECKING:  # pragma: no cover
    from typing import Iterable

    from flowdsl.render.layout import Layout
    from flowdsl.views.graph import View

__all__ = [
    "render_view", "render_sheets", "render_pdf_pages", "default_paper", "render_svg", "layout_view", "view_to_dot",
    "RenderError", "BackendMissing", "FORMATS",
]


def view_to_dot(view: "View") -> str:
    from flowdsl.render.dot import view_to_dot as _v2d
    return _v2d(view)


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
