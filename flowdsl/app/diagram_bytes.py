"""The bytes of one diagram in one format: the sheets on paper, scaled (``scale``,
``dpi``), or the plain DOT of a chart or DFD. ``Diagram.render`` / ``files`` / ``save``
call it with the paper already chosen (the file's option, else the format's default);
``edges`` ("curved", "orthogonal") draws the arrows otherwise than the file says."""

from __future__ import annotations

from .display import scale_svg

__all__ = ["diagram_outputs", "with_edges"]


def with_edges(view, edges: str | None):
    """``view`` with its arrows drawn as ``edges`` says (None, or an ER view: unchanged)."""
    if edges is None or not hasattr(view, "edges_style"):
        return view
    from dataclasses import replace

    from ..model.options import canonical_value, check_options

    check_options({"edges": edges})
    return replace(view, edges_style=canonical_value("edges", edges))


def diagram_outputs(view, format: str, paper, orientation: str, scale: float = 1.0,
                    dpi: float | None = None, edges: str | None = None) -> list[bytes]:
    from ..render import FORMATS, PNG_ZOOM, default_paper, render_sheets

    if not isinstance(format, str):
        raise TypeError(f"format must be one of {', '.join(FORMATS)} (a str), not {type(format).__name__}")
    fmt = format.lower().lstrip(".")
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {format!r}; expected one of {', '.join(FORMATS)}")
    if not scale or scale <= 0 or (dpi is not None and dpi <= 0):
        raise ValueError("scale and dpi must be positive numbers")
    view = with_edges(view, edges)
    if fmt == "dot" and getattr(view, "kind", None) in ("business", "dfd"):
        # DOT that plain Graphviz renders as it is (export --to dot); the layout input is view_to_dot
        from ..export import export_view
        return [export_view(view, "dot")]
    if scale == 1.0 and dpi is None:
        return render_sheets(view, fmt, paper, orientation)
    from ..render.backend import run_rsvg

    if fmt == "pdf":
        if default_paper("pdf", paper) != "none":
            return render_sheets(view, fmt, paper, orientation)   # the paper sets the page
        return [run_rsvg(render_sheets(view, "svg", "none", orientation), "pdf", zoom=scale)]
    svgs = render_sheets(view, "svg", paper, orientation)
    if fmt == "svg":
        return [scale_svg(x, scale) for x in svgs]
    zoom = scale * (dpi / 96.0 if dpi is not None else PNG_ZOOM)
    return [run_rsvg(x, "png", zoom=zoom) for x in svgs]
