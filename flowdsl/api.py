"""The Python API: ``flowdsl.parse`` / ``flowdsl.load`` → ``Case``.

    >>> import flowdsl
    >>> case = flowdsl.parse('''
    ... chart 请假 "请假流程" {
    ...   unit 员工
    ...   unit 主管
    ...   单据 请假单
    ...   员工 -> 请假单 -> 主管
    ... }''')
    >>> case.diagnostics
    []
    >>> [v.name for v in case.views]
    ['请假']
    >>> case.views[0].render("dot").startswith(b"digraph")
    True
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import cached_property

from .diagnostics import Diagnostic, format_diagnostic, has_errors, sort_key
from .model import CaseModel
from .views.graph import View


class FlowdslError(Exception):
    """Raised by ``Case.raise_for_errors`` and by rendering a case that has errors."""

    def __init__(self, diagnostics: list[Diagnostic], source: str | None = None):
        self.diagnostics = diagnostics
        self.source = source
        super().__init__("\n".join(format_diagnostic(d, source) for d in diagnostics))


@dataclass
class Diagram:
    """One drawable diagram of a case (a business chart, or a DFD level)."""

    view: View

    @property
    def name(self) -> str:
        return self.view.name

    @property
    def title(self) -> str:
        return self.view.title

    def render(self, format: str = "svg") -> bytes:
        from .render import render_view

        return render_view(self.view, format)

    def save(self, path: str, format: str | None = None) -> str:
        from .io import atomic_write

        fmt = format or os.path.splitext(path)[1].lstrip(".").lower() or "svg"
        atomic_write(path, self.render(fmt))
        return path

    def _repr_svg_(self) -> str:
        return self.render("svg").decode("utf-8")

    def __repr__(self) -> str:
        return f"<Diagram {self.view.kind} {self.name!r}>"


@dataclass
class Case:
    """A parsed case: its model, its diagnostics, and its diagrams."""

    source: str
    name: str | None = None
    model: CaseModel | None = None
    diagnostics: list[Diagnostic] = field(default_factory=list)
    options: dict = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not has_errors(self.diagnostics)

    def raise_for_errors(self) -> "Case":
        errors = [d for d in self.diagnostics if d.severity == "error"]
        if errors:
            raise FlowdslError(errors, self.source)
        return self

    @cached_property
    def views(self) -> list[Diagram]:
        if self.model is None or not self.ok:
            return []
        from .views import case_views

        return [Diagram(v) for v in case_views(self.model, **self.options)]

    def view(self, name: str) -> Diagram:
        for v in self.views:
            if v.name == name:
                return v
        raise KeyError(name)

    def format_diagnostics(self, color: bool = False) -> str:
        return "\n".join(format_diagnostic(d, self.source, color) for d in self.diagnostics)

    def _repr_svg_(self) -> str | None:
        if not self.views:
            return None
        return self.views[0]._repr_svg_()


def parse(text: str, name: str | None = None, *, strict: bool = False,
          severities: dict[str, str] | None = None, **view_options) -> Case:
    """Parse, lower and check ``text``. Never raises on bad input: look at
    ``case.diagnostics`` (or call ``case.raise_for_errors()``)."""
    from .checks import apply_severities, run_checks
    from .lower import lower
    from .parser import parse_text

    if text.startswith("\ufeff"):
        text = text[1:]
    ast, diags = parse_text(text)
    model = None
    if ast is not None:
        model, ldiags = lower(ast)
        diags = diags + ldiags
        if not has_errors(ldiags):
            diags = diags + run_checks(model)
        diags = apply_severities(diags, model.severities, severities or {}, strict=strict)
    diags = sorted((d.with_file(name) for d in diags), key=sort_key)
    return Case(source=text, name=name, model=model, diagnostics=diags, options=view_options)


def load(path: str, **kwargs) -> Case:
    """Read a file (UTF-8, or GB18030/GBK) and ``parse`` it."""
    from .io import read_source

    text, problem = read_source(path)
    if problem is not None:
        return Case(source="", name=path, diagnostics=[problem.with_file(path)])
    return parse(text or "", name=path, **kwargs)
