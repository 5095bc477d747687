"""Rendering an ER view (issue 14): layout (:mod:`flowdsl.render.er_layout`), our SVG
(:mod:`flowdsl.render.er_svg`), then the shared paper placement and ``rsvg-convert``
for PNG and PDF. ``flowdsl.render.render_sheets`` hands ER views here."""

from __future__ import annotations

from flowdsl.render.kept import kept
from flowdsl.views.er import ErView


def er_dot(view: ErView) -> str:
    """The DOT text given to Graphviz (``-f dot``): entities, relationships, is-a; the
    attribute ellipses are placed by flowdsl and are not in it."""
    from flowdsl.render.er_layout import _dot, node_size

    sizes = {n.id: node_size(view, n) for n in view.nodes}
    return _dot(view, sizes, {}, 14.0)


def render_er_svg(view: ErView, timeout: float = 30.0) -> str:
    """The SVG of ``view``; the last few are kept (views are frozen): an ER diagram
    rendered as SVG, PNG and PDF is laid out and squeezed once, not three times."""
    import os

    return _er_svg(view, timeout, os.environ.get("FLOWDSL_DOT", ""))


def _er_svg_uncached(view: ErView, timeout: float, dot: str) -> str:
    from flowdsl.model.limits import over_budget
    from flowdsl.render.backend import RenderError
    from flowdsl.render.er_fit import laid_out_er
    from flowdsl.render.er_svg import er_to_svg

    too_big = over_budget(view)  # the same budget as the other diagrams (FD701)
    if too_big:
        raise RenderError(f"{too_big} (FD701; raise FLOWDSL_MAX_NODES / FLOWDSL_MAX_EDGES to draw it)")

    return er_to_svg(view, laid_out_er(view, timeout))


def render_er(view: ErView, fmt: str, paper: str, orientation: str, timeout: float = 30.0) -> list[bytes]:
    """One output (an ER diagram is one sheet, scaled to fit the paper)."""
    from flowdsl.render.paper import one_sheet

    if fmt == "dot":
        return [er_dot(view).encode("utf-8")]
    return [one_sheet(render_er_svg(view, timeout), fmt, paper, orientation, timeout=timeout)]


_er_svg = kept(_er_svg_uncached, timeout_at=1, size=8)
