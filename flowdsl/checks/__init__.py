"""Checks: one plain function per rule, one module per function.

``run_checks(case)`` runs every chart check (and the DFD checks of
``flowdsl.checks.dfd`` when the case has DFDs), then applies the file's
severity settings (``severity FD205 off``) and the caller's overrides.
"""

from __future__ import annotations

from importlib import import_module

from ..diagnostics import Diagnostic, sort_key
from ..model import CaseModel

CHART_CHECKS = [
    "fd201_decision_outcomes",
    "fd202_unreachable",
    "fd203_never_ends",
    "fd204_document_dead_end",
    "fd205_unused",
    "fd206_step_without_unit",
]


def chart_checks():
    return [import_module(f"{__name__}.{m}") for m in CHART_CHECKS]


def run_checks(case: CaseModel) -> list[Diagnostic]:
    from .._gc import paused

    with paused():  # the graphs are acyclic (see flowdsl/_gc.py)
        return _run_checks(case)


def _run_checks(case: CaseModel) -> list[Diagnostic]:
    from .graph import chart_graph

    out: list[Diagnostic] = []
    mods = chart_checks()
    for chart in case.charts:
        g = chart_graph(chart)
        for mod in mods:
            out.extend(mod.check(chart, g))
    if case.dfds:
        out.extend(import_module(f"{__name__}.dfd").run(case))
    return sorted(out, key=sort_key)


def apply_severities(diags: list[Diagnostic], *overrides: dict[str, str], strict: bool = False) -> list[Diagnostic]:
    """Apply severity settings (later dicts win); ``off`` drops a diagnostic; ``strict``
    turns warnings into errors. Syntax and name errors cannot be lowered."""
    out = []
    for d in diags:
        sev = d.severity
        for o in overrides:
            if d.code in o and not d.code.startswith(("FD0", "FD1")):
                sev = o[d.code]
        if sev == "off":
            continue
        if strict and sev == "warning":
            sev = "error"
        out.append(d if sev == d.severity else d.with_severity(sev))
    return out
