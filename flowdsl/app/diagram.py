"""A drawable diagram of a case (``flowdsl.Diagram``: a business chart, a DFD level, an
ER diagram) and the error a case with errors raises (``flowdsl.FlowdslError``); both are
part of :mod:`flowdsl.api`, where ``Case`` hands them out."""

from __future__ import annotations

import os
from dataclasses import dataclass

from ..diagnostics.diagnostic import Diagnostic
from ..views.graph import View
from .display import _sized_svg

__all__ = ["Diagram", "FlowdslError", "Named"]


class Named:
    """``name`` and ``title`` of a drawable thing: its view's."""

    @property
    def name(self) -> str:
        return self.view.name

    @property
    def title(self) -> str:
        return self.view.title


class FlowdslError(Exception):
    """Raised by ``Case.raise_for_errors`` and by rendering a case that has errors."""

    def __init__(self, diagnostics: list[Diagnostic], source: str | None = None):
        self.diagnostics = diagnostics
        self.source = source
        from ..diagnostics.diagnostic import format_diagnostics

        super().__init__(format_diagnostics(diagnostics, source))


@dataclass
class Diagram(Named):
    """One drawable diagram of a case (a business chart, or a DFD level).

    ``paper`` / ``orientation``: the file's ``option paper`` / ``option orientation``
    (None when the file does not say); an argument of ``render`` / ``save`` wins."""

    view: View
    paper: str | None = None
    orientation: str | None = None
    width: int | str | None = None    #: display width in a notebook (pixels, or "80%")
    height: int | str | None = None   #: display height in a notebook

    def _print(self, paper: str | None, orientation: str | None) -> tuple[str | None, str]:
        return (paper or self.paper, orientation or self.orientation or "auto")

    def render(self, format: str = "svg", paper: str | None = None,
               orientation: str | None = None, scale: float = 1.0, dpi: float | None = None,
               *, edges: str | None = None) -> bytes:
        """The diagram as ``format`` bytes. ``paper`` ("A4", "A3", "letter", "none";
        default: the file's option, else A4 for PDF and the natural size for SVG/PNG)
        and ``orientation`` ("portrait", "landscape", "auto"): a PDF holds every sheet
        the diagram is split into on that paper, an SVG or PNG the first one (see
        :meth:`files` for all). ``scale``: that many times the natural size (SVG width
        and height, PNG pixels, the page of a PDF without paper); ``dpi``: the PNG
        resolution (default 144). ``edges``: "curved" or "orthogonal" (right-angle
        arrows; default: the file's ``option edges``, else curved)."""
        return self._outputs(format, paper, orientation, scale, dpi, edges)[0]

    def _outputs(self, format: str, paper, orientation, scale: float, dpi: float | None,
                 edges: str | None = None) -> list[bytes]:
        from .diagram_bytes import diagram_outputs

        paper, orientation = self._print(paper, orientation)
        return diagram_outputs(self.view, format, paper, orientation, scale, dpi, edges)

    def files(self, format: str = "svg", paper: str | None = None, orientation: str | None = None,
              stem: str | None = None, scale: float = 1.0, dpi: float | None = None,
              *, edges: str | None = None) -> list[tuple[str, bytes]]:
        """(file name, bytes) of every output: ``NAME.svg`` for the first sheet,
        ``NAME-sheet2.svg`` … for the others; one multi-page ``NAME.pdf``. ``stem``:
        the file name without extension (default: the diagram's name, made safe)."""
        from .outputs import safe_filename

        fmt = format.lower().lstrip(".")
        outs = self._outputs(fmt, paper, orientation, scale, dpi, edges)
        stem = stem or safe_filename(self.name)
        return [(f"{stem}.{fmt}" if i == 0 else f"{stem}-sheet{i + 1}.{fmt}", data)
                for i, data in enumerate(outs)]

    def save(self, path: str, format: str | None = None, paper: str | None = None,
             orientation: str | None = None, scale: float = 1.0, dpi: float | None = None,
             *, edges: str | None = None) -> str:
        """Write the diagram to ``path``; when it is split into sheets (SVG/PNG on
        paper), the other sheets go beside it as ``NAME-sheet2.svg`` …; returns ``path``."""
        from .writes import atomic_write

        fmt = format or os.path.splitext(path)[1].lstrip(".").lower() or "svg"
        outs = self.files(fmt, paper, orientation, scale=scale, dpi=dpi, edges=edges)
        root, ext = os.path.splitext(path)
        for i, (_, data) in enumerate(outs):
            atomic_write(path if i == 0 else f"{root}-sheet{i + 1}{ext}", data)
        return path

    def export(self, to: str) -> bytes:
        """The diagram for another tool: ``to`` is drawio, dot, graphml, mermaid, plantuml
        or bpmn (see docs/api.md for what each keeps and loses)."""
        from ..export import export_view

        return export_view(self.view, to)

    def to_networkx(self):
        """The diagram as a networkx ``DiGraph`` (kinds, labels, IDs, lanes as attributes)."""
        from ..export import to_networkx

        return to_networkx([self.view])

    def sized(self, width: int | str | None = None, height: int | str | None = None) -> "Diagram":
        """The same diagram shown ``width`` wide (or ``height`` high) in a notebook:
        ``case.views[0].sized(width=500)`` or ``sized(width="80%")``."""
        from dataclasses import replace

        return replace(self, width=width, height=height)

    def html(self, scale: float | None = None, width: int | str | None = None,
             height: int | str | None = None) -> str:
        """The SVG inline, sized for a notebook (``scale``, or ``width`` / ``height``)."""
        # on screen the whole diagram, whatever paper the file prints on
        svg = self.render("svg", paper="none", scale=scale or 1.0).decode("utf-8")
        return _sized_svg(svg, width if width is not None else self.width,
                          height if height is not None else self.height)

    def _repr_svg_(self) -> str:
        return self.html()

    def _repr_mimebundle_(self, include=None, exclude=None) -> dict[str, str]:
        return {"image/svg+xml": self._repr_svg_(), "text/plain": repr(self)}

    def __repr__(self) -> str:
        return f"<Diagram {self.view.kind} {self.name!r}>"
