"""Views: the diagrams of a case, in order (business charts, then DFD levels)."""

from __future__ import annotations

from ..model import CaseModel
from .graph import View


def case_views(case: CaseModel, **options) -> list[View]:
    from .business import chart_view

    views: list[View] = []
    sheets = [c for c in case.charts if c.title_block]
    for chart in case.charts:
        page = (sheets.index(chart) + 1, len(sheets)) if chart in sheets else None
        views.append(chart_view(chart, case, page=page, **options))
    if case.dfds:
        try:
            from .dfd import dfd_views
        except ModuleNotFoundError:
            dfd_views = None
        if dfd_views is not None:
            for dfd in case.dfds:
                views.extend(dfd_views(dfd, case, **options))
    return views
