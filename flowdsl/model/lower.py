"""AST → semantic model: name resolution, defaults, options.

Reports undefined and duplicate names (with "did you mean"), wrong kinds of
reference and unknown options, and keeps going so that every mistake of a file
is reported at once. Charts are lowered by :mod:`flowdsl.model.lower_chart`, data flow diagrams by
:mod:`flowdsl.model.lower_dfd`; both share :mod:`flowdsl.model.lower_base`. This module
sits above them and dispatches each item of a file to one of them.
"""

from __future__ import annotations

from ..diagnostics.diagnostic import Diagnostic
from ..lang import syntax as S
from ..lang import syntax_dict as SD
from .lower_dict import check_unique, lower_dictionary
from .lower_base import UNKNOWN, Gaps  # noqa: F401  (UNKNOWN re-exported: the checks allow for it)
from .lower_chart import ChartLowerer
from .lower_dfd import lower_dfd
from .er import lower_er
from .types import CaseModel
from ..lang.syntax_logic import Logic
from .lower_logic import lower_logic
from ..lang.syntax_er import Er


class CaseLowerer(ChartLowerer):
    """A whole file: charts here, DFDs through :func:`lower_dfd`, options and definitions
    through the shared base."""

    def lower_file(self, file: S.File) -> CaseModel:
        case = CaseModel.model_construct()
        logic: list[Logic] = []
        for item in file.items:
            if isinstance(item, S.CaseStmt):
                case.name = item.name.text
                case.title = item.label
            elif isinstance(item, S.TitleStmt):
                case.title = item.text
            elif isinstance(item, S.Option):
                self.option(item, case.options)
            elif isinstance(item, S.SeverityStmt):
                self.severity(item, case.severities)
            elif isinstance(item, S.Chart):
                case.charts.append(self.chart(item, case))
            elif isinstance(item, S.Dfd):
                dfd, diags = lower_dfd(item, case, self.gaps)
                case.dfds.append(dfd)
                self.diags.extend(diags)
            elif isinstance(item, S.Define):
                case.definitions.append(self.define(item))
            elif isinstance(item, SD.Dictionary):
                lower_dictionary(self, item, case)
            elif isinstance(item, Er):
                case.ers.append(lower_er(item, self))
            elif isinstance(item, Logic):
                logic.append(item)
        if case.dictionary.declared or case.definitions:
            check_unique(self, case)
        if logic:  # after every DFD: a block may come before the DFD it describes
            self.diags.extend(lower_logic(logic, case))
        # a chart and a DFD may share a name (进书): their views are named apart (进书, 进书-0 …)
        self.check_unique([c.name for c in case.charts], [c.span for c in case.charts], "chart")
        self.check_unique([d.name for d in case.dfds], [d.span for d in case.dfds], "DFD")
        self.check_unique([d.name for d in case.ers], [d.span for d in case.ers], "ER diagram")
        return case


def lower(file: S.File) -> tuple[CaseModel, list[Diagnostic]]:
    case, diags, _ = lower_with_gaps(file)
    return case, diags


def lower_with_gaps(file: S.File) -> tuple[CaseModel, list[Diagnostic], dict[int, Gaps]]:
    """``lower``, and per chart and DFD (by ``id``) what could not be resolved in it."""
    from .._gc import paused

    lw = CaseLowerer()
    with paused():  # the model is acyclic (see flowdsl/_gc.py)
        case = lw.lower_file(file)
    return case, lw.diags, {k: g for k, g in lw.gaps.items() if g}
