"""Views: the diagrams of a case, in order (business charts, then DFD levels); ER diagrams apart."""

from __future__ import annotations

from typing import Literal

from ..model.types import CaseModel
from .graph import View

Group = tuple[Literal["chart", "dfd"], str, list[View]]


def view_groups(case: CaseModel, **options) -> list[Group]:
    """The case's views grouped by what they draw: one group per business chart, one
    per DFD holding its levels in order (context, first breakdown, children)."""
    from .business import chart_view
    from .dfd import dfd_views

    groups: list[Group] = []
    sheets = [c for c in case.charts if c.title_block]
    for chart in case.charts:
        page = (sheets.index(chart) + 1, len(sheets)) if chart in sheets else None
        groups.append(("chart", chart.name, [chart_view(chart, case, page=page, **options)]))
    for dfd in case.dfds:
        groups.append(("dfd", dfd.name, dfd_views(dfd, case, **options)))
    return groups


def er_views(case: CaseModel, **options) -> list:
    """The case's ER diagrams (issue 14, :mod:`flowdsl.views.er`), apart from the charts and
    DFDs: they are drawn by their own renderer and not exported to the flow tools."""
    ers = getattr(case, "ers", None) or []
    if not ers:
        return []
    from .er import er_view

    return [er_view(er, case, **options) for er in ers]


def case_views(case: CaseModel, **options) -> list[View]:
    return [v for _, _, views in view_groups(case, **options) for v in views]
