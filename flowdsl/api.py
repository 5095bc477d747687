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
    >>> print(case.to_text(), end="")
    chart 请假 "请假流程" {
      unit 员工
      unit 主管
      document 请假单
      员工 -> 请假单
      请假单 -> 主管
    }

In Jupyter a ``Diagram`` shows as its SVG, a ``Case`` as all its diagrams (or, when
it has errors, as its diagnostics with the caret under the mistake).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import cached_property

from .diagnostics.diagnostic import Diagnostic, Span, has_errors, sort_key
from .model.types import CaseModel

from .app.display import diagnostics_html  # noqa: F401 (diagnostics_html is public here)
from .app.diagram import Diagram, FlowdslError

__all__ = ["parse", "load", "Case", "Diagram", "FlowdslError", "diagnostics_html"]


@dataclass
class Case:
    """A parsed case: its model, its diagnostics, and its diagrams."""

    source: str
    name: str | None = None
    model: CaseModel | None = None
    diagnostics: list[Diagnostic] = field(default_factory=list)
    options: dict = field(default_factory=dict)
    #: the syntax tree (``lang.syntax.File``; editors), read-only: its statements are shared with
    #: the other cases parsed in this process from texts that hold them (``flowdsl.lang.warm``)
    syntax: object = field(default=None, repr=False, compare=False)

    @property
    def ok(self) -> bool:
        return not has_errors(self.diagnostics)

    def raise_for_errors(self) -> "Case":
        errors = [d for d in self.diagnostics if d.severity == "error"]
        if errors:
            raise FlowdslError(errors, self.source)
        return self

    @cached_property
    def _groups(self) -> list[tuple[str, str, list[Diagram]]]:
        if self.model is None or not self.ok:
            return []
        from .views import view_groups

        return [(kind, name, [Diagram(v, *self._paper_options(kind, name)) for v in views])
                for kind, name, views in view_groups(self.model, **self.options)]

    def _paper_options(self, kind: str, name: str) -> tuple[str | None, str | None]:
        """The file's paper and orientation for one chart or DFD (its own options,
        else the case's)."""
        assert self.model is not None
        items = {"chart": self.model.charts, "dfd": self.model.dfds}.get(kind, self.model.ers)
        own = next((x.options for x in items if x.name == name), {})
        return tuple(own.get(k, self.model.options.get(k)) for k in ("paper", "orientation"))  # type: ignore[return-value]

    @property
    def views(self) -> list[Diagram]:
        """Every diagram: the business charts, then each DFD's levels."""
        return [d for _, _, diagrams in self._groups for d in diagrams]

    @cached_property
    def er_diagrams(self) -> list[Diagram]:
        """The ER diagrams (issue 14), each one sheet; ``flowdsl render`` and ``save`` write
        them after ``views`` (they are not exported to the flow-chart tools)."""
        if self.model is None or not self.ok:
            return []
        from .views import er_views

        return [Diagram(v, *self._paper_options("er", v.name)) for v in er_views(self.model, **self.options)]

    @property
    def diagrams(self) -> list[Diagram]:
        """Every diagram drawn: ``views``, then ``er_diagrams``."""
        return self.views + self.er_diagrams

    @property
    def dfd_levels(self) -> dict[str, list[Diagram]]:
        """Each data flow diagram's levels in order: context, first breakdown, children."""
        return {name: diagrams for kind, name, diagrams in self._groups if kind == "dfd"}

    def levels_pdf(self, dfd_name: str, paper: str | None = None, orientation: str | None = None) -> bytes:
        """All levels of one data flow diagram as a multi-page PDF, in order, each
        level on as many sheets of ``paper`` as it needs (default: the file's option,
        else A4; "none": one page per level at its natural size)."""
        from .render import render_pdf_pages

        if dfd_name not in self.dfd_levels:
            known = ", ".join(repr(n) for n in self.dfd_levels) or "none"
            raise ValueError(f"no data flow diagram named {dfd_name!r} in this case (its DFDs: {known})")
        levels = self.dfd_levels[dfd_name]
        paper, orientation = levels[0]._print(paper, orientation) if levels else (paper, "auto")
        return render_pdf_pages([d.view for d in levels], paper=paper or "A4", orientation=orientation)

    @property
    def logic(self) -> list:
        """Every 判定表, 判定树 and 结构化语言 as a ``LogicDiagram`` (flowdsl/app/logic_api.py)."""
        return self.logic_diagrams()

    def logic_diagrams(self, convert: bool = False) -> list:
        """``logic``, with ``convert`` each table followed by its tree and each tree by its table."""
        if self.model is None or not self.model.logic:   # most cases: no import of the logic views
            return []
        return __import__("flowdsl.app.logic_api", fromlist=["logic_diagrams"]).logic_diagrams(self, convert)

    def view(self, name: str) -> Diagram:
        for v in self.diagrams:
            if v.name == name:
                return v
        raise KeyError(name)

    def format_diagnostics(self, color: bool = False, lang: str = "en") -> str:
        """The diagnostics, compiler style (``lang="zh"``: Chinese message and hint)."""
        from .diagnostics.diagnostic import format_diagnostics

        return format_diagnostics(self.diagnostics, self.source, color, lang, limit=None)

    def to_text(self, lang: str = "en") -> str:
        """The model written back as source in canonical form (``lang``: "en" or "zh")."""
        from .lang.unparse import to_text

        if self.model is None:
            raise FlowdslError(self.diagnostics, self.source)
        return to_text(self.model, lang=lang)

    @property
    def dictionary(self):
        """The complete data dictionary (``export.dict_doc.DataDictionary``): entries typed, the
        diagram's fields filled in; ``.to_markdown()``, ``.to_html()``, ``.to_csv()``, notebook display."""
        from .export.dict_doc import data_dictionary
        from .lang.keywords import keyword_language
        return data_dictionary(self.raise_for_errors().model, keyword_language(self.source))

    def derive_dfd(self, chart: str | None = None) -> str:
        """A DFD drafted from the business chart(s) as commented flowdsl text (``flowdsl.model.derive``)."""
        from .model.derive import derive_case
        from .lang.keywords import keyword_language
        return derive_case(self.raise_for_errors().model, chart, keyword_language(self.source))  # type: ignore[arg-type]

    def derive_er(self) -> str:
        """An ER diagram drafted from the data dictionary's stores as commented flowdsl text
        (``flowdsl.model.derive_er``)."""
        from .model.derive_er import derive_er
        from .lang.keywords import keyword_language
        return derive_er(self.raise_for_errors().model, keyword_language(self.source))  # type: ignore[arg-type]

    def save(self, folder: str, formats: str | tuple[str, ...] = "svg", paper: str | None = None,
             orientation: str | None = None) -> list[str]:
        """Write every diagram into ``folder`` (``NAME.svg``, ``NAME-sheet2.svg`` for a
        diagram split into sheets …); returns the paths."""
        from .app.case_files import save_case

        return save_case(self.raise_for_errors(), folder, formats, paper, orientation)

    def export(self, to: str, folder: str | None = None) -> list[tuple[str, bytes]]:
        """Every diagram for another tool, as (file name, bytes): one ``CASE.drawio`` with a
        page per diagram, else one file per diagram; written into ``folder`` when given."""
        from .app.case_files import export_case

        return export_case(self.raise_for_errors(), to, folder)

    def to_networkx(self):
        """All diagrams as one networkx ``DiGraph``; node names are ``DIAGRAM/ID``."""
        from .export import to_networkx

        return to_networkx([d.view for d in self.views])

    def __repr__(self) -> str:
        errors = sum(d.severity == "error" for d in self.diagnostics)
        return (f"<Case {self.name or (self.model.name if self.model else None)!r}: "
                f"{len(self.diagrams)} diagram(s), {errors} error(s), {len(self.diagnostics) - errors} warning(s)>")

    def _repr_html_(self) -> str:
        from .app.display import case_html

        return case_html(self)

    def _repr_mimebundle_(self, include=None, exclude=None) -> dict[str, str]:
        from .app.display import case_bundle

        return case_bundle(self)

def parse(text: str, name: str | None = None, *, strict: bool = False,
          severities: dict[str, str] | None = None, **view_options) -> Case:
    """Parse, lower and check ``text`` (a str, or bytes decoded as a file is). Never
    raises on bad input: look at ``case.diagnostics`` (or call
    ``case.raise_for_errors()``); a wrong *argument* is a TypeError / ValueError.
    A text that is an edit of one parsed shortly before in this process has only its
    changed statements parsed again (``flowdsl.lang.warm``)."""
    from .lang.warm import parse_text

    return _parse(text, name, strict, severities, view_options, parse_text)


def _parse(text, name, strict, severities, view_options, parse_text=None) -> Case:
    """``parse``; ``parse_text``: the text → AST step (an editor passes the one of a
    :class:`flowdsl.lang.incremental.Reparser`, which keeps the unchanged statements)."""
    from .checks import apply_severities, localise, run_checks
    from .model.lower import lower_with_gaps
    from .lang.keywords import keyword_language
    from .model.options import check_options

    if parse_text is None:
        from .lang.parser import parse_text

    check_options(view_options)
    if isinstance(text, (bytes, bytearray, memoryview)):
        from .lang.source import decode

        decoded, problem = decode(bytes(text))
        if problem is not None:
            return Case(source="", name=name, diagnostics=[problem.with_file(name)], options=view_options)
        text = decoded or ""
    elif not isinstance(text, str):
        raise TypeError(f"parse() expects the text of a case (str or bytes), not {type(text).__name__}"
                        + (": to read a file use flowdsl.load(path)" if isinstance(text, os.PathLike) else ""))

    if text.startswith("\ufeff"):
        text = text[1:]
    model = ast = None
    try:
        ast, diags = parse_text(text)
        if ast is not None:
            # every diagram is checked, also when another (or a name in it) has an error:
            # the gaps tell the checks what a corrected name could change
            model, ldiags, gaps = lower_with_gaps(ast)
            off = frozenset(c for c, v in {**model.severities, **(severities or {})}.items() if v == "off")
            keywords = keyword_language(text)
            ldiags = [localise(d, keywords) for d in ldiags]
            diags = diags + ldiags + run_checks(model, gaps, keywords, off)
            diags = apply_severities(diags, model.severities, severities or {}, strict=strict)
    except RecursionError:  # brackets or processes nested hundreds deep
        model = None
        diags = [Diagnostic("FD001", "error", "the file nests too deeply to be read", Span(1, 1, 1, 2),
                            "nest fewer brackets or processes inside each other",
                            message_zh="文件的嵌套层次太深，无法读取", hint_zh="减少括号或处理逻辑相互嵌套的层数")]
    diags = sorted((d.with_file(name) for d in diags), key=sort_key)
    return Case(source=text, name=name, model=model, diagnostics=diags, options=view_options, syntax=ast)


def load(path: str, *, max_size: int | None = None, **kwargs) -> Case:
    """Read a file (UTF-8, UTF-16 with a BOM, or GB18030/GBK; a regular file of at most
    ``max_size`` bytes, default 2 MB) and ``parse`` it. ``path`` is a path (str or
    ``os.PathLike``), never a file descriptor."""
    from .lang.source import read_source

    if isinstance(path, bool) or not isinstance(path, (str, os.PathLike)):
        raise TypeError(f"load() expects a file path (str or os.PathLike), not {type(path).__name__}"
                        + (": to parse text use flowdsl.parse(text)" if isinstance(path, bytes) else ""))
    path = os.fspath(path)
    if isinstance(path, bytes):
        path = os.fsdecode(path)

    text, problem = read_source(path, max_size)
    if problem is not None:
        return Case(source="", name=path, diagnostics=[problem.with_file(path)])
    return parse(text or "", name=path, **kwargs)
