"""The process logic of a case in the Python API: ``case.logic`` is a list of
``LogicDiagram`` (a decision table, a decision tree or structured English of one
bottom-level process), rendered like a ``Diagram``.

    >>> import flowdsl
    >>> case = flowdsl.parse('''
    ... dfd 订货 {
    ...   entity 顾客
    ...   process P1 计算折扣
    ...   顾客 -[订单]-> P1 -[折扣单]-> 顾客
    ... }
    ... logic P1 {
    ...   table 折扣 {
    ...     condition 批发顾客: Y N
    ...     action 打九折: √ —
    ...     action 不打折: — √
    ...   }
    ... }''')
    >>> [(d.kind, d.name) for d in case.logic]
    [('table', '订货-P1-decision-table')]
    >>> tree = case.logic[0].converted()
    >>> [n.label for n in tree.view.nodes]
    [None, None, 'yes', 'no']
    >>> case.logic[0].render("html").startswith(b"<!DOCTYPE html>")
    True
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from ..views.logic import LogicView
from .diagram import Named


@dataclass
class LogicDiagram(Named):
    """One logic part drawn: ``kind`` is "table", "tree" or "english"; ``part`` the model
    (``flowdsl.model.logic.DecisionTable`` …); ``view`` what is drawn."""

    view: LogicView
    part: object = None
    process: str | None = None       #: the process's key (P3.1)
    paper: str | None = None
    process_text: str = ""           #: the process as titles show it ("P3.1 采购单审核")

    @property
    def kind(self) -> str:
        return self.view.kind

    @property
    def formats(self) -> tuple[str, ...]:
        from ..render.logic import formats_of

        return formats_of(self.view)

    def render(self, format: str = "svg", paper: str | None = None, orientation: str | None = None,
               scale: float = 1.0, dpi: float | None = None) -> bytes:
        """The diagram as ``format`` bytes: svg, png, pdf (a table or a tree), dot (a tree),
        html (all; structured English only as html)."""
        from ..render.logic import logic_outputs

        if not isinstance(format, str):
            raise TypeError(f"format must be a str, not {type(format).__name__}")
        if not scale or scale <= 0 or (dpi is not None and dpi <= 0):
            raise ValueError("scale and dpi must be positive numbers")
        fmt = format.lower().lstrip(".")
        data = logic_outputs(self.view, fmt, paper or self.paper, orientation or "auto", scale, dpi)[0]
        if fmt == "svg" and scale != 1.0:
            from .display import scale_svg

            data = scale_svg(data, scale)
        return data

    def files(self, format: str = "svg", paper: str | None = None, orientation: str | None = None,
              stem: str | None = None, scale: float = 1.0, dpi: float | None = None) -> list[tuple[str, bytes]]:
        from .outputs import safe_filename

        fmt = format.lower().lstrip(".")
        return [(f"{stem or safe_filename(self.name)}.{fmt}", self.render(fmt, paper, orientation, scale, dpi))]

    def save(self, path: str, format: str | None = None, paper: str | None = None,
             orientation: str | None = None) -> str:
        from .writes import atomic_write

        fmt = format or os.path.splitext(path)[1].lstrip(".").lower() or "svg"
        atomic_write(path, self.render(fmt, paper, orientation))
        return path

    def converted(self) -> "LogicDiagram":
        """The equivalent tree of a table, the equivalent table of a tree."""
        from ..model.logic import StructuredEnglish
        from ..views.logic import converted

        if self.part is None or isinstance(self.part, StructuredEnglish):
            raise ValueError("structured English has no table or tree form")
        sub = getattr(self.part, "title", None) or getattr(self.part, "name", None)
        part, view = converted(self.part, self.view, self.process_text, sub)
        return LogicDiagram(view, part, self.process, self.paper, self.process_text)

    def html(self) -> str:
        """The diagram for a notebook: the table or the text as HTML, the tree as SVG."""
        if self.kind == "tree":
            svg = self.render("svg").decode("utf-8")
            return svg[svg.index("<svg"):]
        page = self.render("html").decode("utf-8")
        return page[page.index("<body>") + 6:page.index("</body>")]

    def _repr_html_(self) -> str:
        return self.html()

    def __repr__(self) -> str:
        return f"<LogicDiagram {self.kind} {self.name!r}>"


def logic_diagrams(case, convert: bool = False) -> list[LogicDiagram]:
    """Every logic part of ``case`` (a ``flowdsl.Case``) in source order; with ``convert``
    each table's tree and each tree's table right after it."""
    from ..lang.keywords import keyword_language
    from ..views.logic import logic_parts, process_text

    if case.model is None or not case.ok:
        return []
    paper = case.model.options.get("paper")
    return [LogicDiagram(view, part, pl.key, paper, process_text(pl))
            for pl, part, view in logic_parts(case.model, keyword_language(case.source), convert)]
