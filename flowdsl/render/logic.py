"""Process logic views → SVG / PNG / PDF / DOT / HTML, through the same last steps as
every diagram: our SVG, placed on paper by :mod:`flowdsl.render.paper`, turned into PNG
and PDF by ``rsvg-convert`` (:mod:`flowdsl.render.backend`).

    logic_outputs(view, "png", paper=None)   # -> [bytes]
"""

from __future__ import annotations

LOGIC_FORMATS = ("svg", "png", "pdf", "dot", "html")


def formats_of(view) -> tuple[str, ...]:
    """What a logic view can be written as: structured English only as HTML, a tree
    as a picture or DOT (and a page), a table as a picture or a table page."""
    if view.kind == "english":
        return ("html",)
    if view.kind == "tree":
        return ("svg", "png", "pdf", "dot", "html")
    return ("svg", "png", "pdf", "html")


def logic_svg(view) -> str:
    if view.kind == "tree":
        from .logic_tree import tree_svg
        return tree_svg(view)
    if view.kind == "table":
        from .logic_table import table_svg
        return table_svg(view)
    raise ValueError("structured English is drawn as HTML only (format html)")


def logic_outputs(view, fmt: str = "svg", paper: str | None = None, orientation: str = "auto",
                  scale: float = 1.0, dpi: float | None = None, timeout: float = 30.0) -> list[bytes]:
    """``view`` as ``fmt`` bytes (a list of one: a tree or table fits one sheet, scaled to it).
    ``scale`` / ``dpi`` size a PNG or a PDF without paper (an SVG is scaled by the caller)."""
    from . import PNG_ZOOM, default_paper
    from .paper import one_sheet

    fmt = fmt.lower().lstrip(".")
    if fmt not in formats_of(view):
        raise ValueError(f"a {view.kind} is written as {', '.join(formats_of(view))}, not {fmt}")
    if fmt == "html":
        from .logic_html import view_html
        return [view_html(view, logic_svg(view) if view.kind == "tree" else None).encode("utf-8")]
    if fmt == "dot":
        from .logic_tree import tree_dot
        return [tree_dot(view).encode("utf-8")]
    zoom = None if (scale, dpi) == (1.0, None) else (
        scale * (dpi / 96.0 if dpi is not None else PNG_ZOOM) if fmt == "png" else scale)
    return [one_sheet(logic_svg(view), fmt, default_paper(fmt, paper), orientation, zoom, timeout)]
