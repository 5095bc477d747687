"""Exports other tools read: draw.io, plain Graphviz DOT, GraphML, Mermaid, PlantUML, BPMN.

Every exporter reads the views and our layout (:mod:`flowdsl.export.geometry`), never
our SVG. One module per format; each has ``to_FORMAT(views) -> bytes``. draw.io keeps
all diagrams of a case in one file (a page each); the others write one file per diagram.

    export_files(diagrams, to, stems, case_stem) -> [(file name, bytes)]
"""

from __future__ import annotations

#: format -> file extension
FORMATS = {
    "drawio": ".drawio",
    "dot": ".dot",
    "graphml": ".graphml",
    "mermaid": ".mmd",
    "plantuml": ".puml",
    "bpmn": ".bpmn",
}
#: formats that hold only business charts (a DFD has no BPMN counterpart)
CHARTS_ONLY = ("bpmn",)

__all__ = ["FORMATS", "CHARTS_ONLY", "export_view", "export_files", "to_networkx"]


def _check(to: str) -> str:
    fmt = (to or "").lower().lstrip(".")
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {to!r}; expected one of {', '.join(FORMATS)}")
    return fmt


def _no_er(views, what: str) -> None:
    for v in views:
        if getattr(v, "kind", None) == "er":
            raise ValueError(f"{what} is for charts and data flow diagrams; {v.name!r} is an ER diagram "
                             f"(export it as dot, or render it as svg, png or pdf)")


def export_views(views, to: str) -> bytes:
    """``views`` in one file of format ``to`` (several only for draw.io: one page each).
    An ER diagram exports as ``dot`` only (what Graphviz is given)."""
    fmt = _check(to)
    views = [getattr(v, "view", v) for v in views]
    if fmt == "dot" and len(views) == 1 and views[0].kind == "er":
        from ..render.er import er_dot
        return er_dot(views[0]).encode("utf-8")
    _no_er(views, f"a {fmt} export")
    if fmt == "drawio":
        from .drawio import to_drawio
        return to_drawio(views)
    if len(views) != 1:
        raise ValueError(f"{fmt} holds one diagram per file")
    view = views[0]
    if fmt == "dot":
        from .dot import to_dot
        return to_dot(view)
    if fmt == "graphml":
        from .graphml import to_graphml
        return to_graphml(view)
    if fmt == "mermaid":
        from .mermaid import to_mermaid
        return to_mermaid(view)
    if fmt == "plantuml":
        from .plantuml import to_plantuml
        return to_plantuml(view)
    from .bpmn import to_bpmn
    return to_bpmn(view)


def export_view(view, to: str) -> bytes:
    """One diagram as format ``to``."""
    fmt = _check(to)
    view = getattr(view, "view", view)
    if view.kind == "er":
        return export_views([view], fmt)   # dot, or the error naming the ER diagram
    if fmt in CHARTS_ONLY and view.kind != "business":
        raise ValueError(f"{fmt} export is for business charts; {view.name!r} is a data flow diagram")
    return export_views([view], fmt)


def export_files(views, to: str, stems: list[str], case_stem: str) -> list[tuple[str, bytes]]:
    """(file name, bytes) of every output: ``CASE.drawio`` holding every diagram as a
    page; otherwise ``STEM.EXT`` per diagram (``stems``: distinct, safe names, from
    :func:`flowdsl.app.outputs.diagram_stems`). BPMN skips data flow diagrams."""
    fmt = _check(to)
    views = [getattr(v, "view", v) for v in views]
    ext = FORMATS[fmt]
    if fmt == "drawio":
        return [(case_stem + ext, export_views(views, fmt))] if views else []
    return [(stem + ext, export_view(v, fmt)) for v, stem in zip(views, stems)
            if not (fmt in CHARTS_ONLY and v.kind != "business")]


def to_networkx(views):
    """One networkx ``DiGraph`` of ``views`` (see :mod:`flowdsl.export.graphml`)."""
    from .graphml import to_networkx as _nx
    views = [getattr(v, "view", v) for v in views]
    _no_er(views, "to_networkx()")
    return _nx(views)
