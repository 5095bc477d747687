"""Checks: one plain function per rule, one module per function.

``run_checks(case)`` runs every chart check (and the DFD checks of
``flowdsl.checks.dfd`` when the case has DFDs), then applies the file's
severity settings (``severity FD205 off``) and the caller's overrides.
"""

from __future__ import annotations

from importlib import import_module

from ..diagnostics.diagnostic import Diagnostic, sort_key
from ..model.types import CaseModel

CHART_CHECKS = [
    "fd201_decision_outcomes",
    "fd202_unreachable",
    "fd203_never_ends",
    "fd204_document_dead_end",
    "fd205_unused",
    "fd206_step_without_unit",
    "fd207_unit_without_lane",
]


def chart_checks():
    return [import_module(f"{__name__}.{m}") for m in CHART_CHECKS]


def run_checks(case: CaseModel, gaps: dict | None = None, keywords: str = "en",
               off: frozenset[str] = frozenset()) -> list[Diagnostic]:
    """Every check of every chart and DFD. ``gaps`` (from ``lower.lower_with_gaps``)
    says what could not be resolved in each, so that a diagram with a misspelt name
    is still checked, without the findings a corrected name would change.
    ``keywords`` ("en" or "zh"): the keywords the file is written with, used in the
    examples of hints (“… -> 结束”). ``off``: codes switched off by the caller (a cause
    switched off no longer hides its consequences)."""
    from .._gc import paused

    with paused():  # the graphs are acyclic (see flowdsl/_gc.py)
        return _run_checks(case, gaps or {}, keywords, off)


def _run_checks(case: CaseModel, gaps: dict, keywords: str, off: frozenset[str]) -> list[Diagnostic]:
    from .graph import add_gaps, chart_graph

    out: list[Diagnostic] = []
    mods = chart_checks()
    for chart in case.charts:
        g = add_gaps(chart_graph(chart), chart, gaps.get(id(chart)))
        g.keywords = keywords
        for mod in mods:
            out.extend(mod.check(chart, g))
    if case.dfds:
        out.extend(import_module(f"{__name__}.dfd").run(case, gaps, keywords, off))
    if case.logic or case.dfds:  # 处理逻辑说明 (FD823–FD831)
        out.extend(import_module(f"{__name__}.logic_case").run(case))
    out.extend(import_module(f"{__name__}.dictionary").run(case, gaps))   # FD8xx (issue 13)
    if getattr(case, "ers", None):  # ER diagrams (issue 14)
        out.extend(import_module(f"{__name__}.er").run(case, keywords))
    return sorted((localise(d, keywords) for d in out), key=sort_key)


_EXAMPLE = None


def _keywords_in_quotes(text: str | None, lang: str) -> str | None:
    """The keywords of the examples in “…” spelt in ``lang``: “define 入库单 = …” →
    “定义 入库单 = …”. A quoted bare name (no space: “did you mean “store”?”) is a name.

    >>> _keywords_in_quotes("add “by 甲”, or “定义 乙 = …”, or “甲 -> end”", "zh")
    'add “由 甲”, or “定义 乙 = …”, or “甲 -> 结束”'
    """
    import re

    from ..lang.keywords import keyword, keyword_spellings

    global _EXAMPLE
    if _EXAMPLE is None:
        words = sorted((w for w in keyword_spellings() if w.isascii()), key=len, reverse=True)
        _EXAMPLE = re.compile(r"(?<![\w])(" + "|".join(words) + r")(?![\w])")
    if not text:
        return text
    return re.sub(r"“[^”]* [^”]*”", lambda m: _EXAMPLE.sub(lambda k: keyword(k.group(1), lang), m.group()), text)


def localise(d: Diagnostic, keywords: str) -> Diagnostic:
    """Examples in hints use the file's keywords (the Chinese hint always Chinese ones)."""
    from dataclasses import replace

    hint = _keywords_in_quotes(d.hint, "zh") if keywords == "zh" else d.hint
    hint_zh = _keywords_in_quotes(d.hint_zh, "zh")
    if (hint, hint_zh) == (d.hint, d.hint_zh):
        return d
    return replace(d, hint=hint, hint_zh=hint_zh)


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
