"""DFD checks: one module per rule, ``check(ctx)`` per DFD or ``check_case(case)``.

``run(case)`` runs them all, applies the severities written inside each DFD
(``severity FD308 off`` inside ``dfd 售书 { }`` concerns 售书 only) and returns the
diagnostics; the caller applies the file's and the command line's settings.
"""

from __future__ import annotations

from importlib import import_module

from ...diagnostics.diagnostic import Diagnostic
from ...model.types import CaseModel

DFD_CHECKS = [
    "fd301_entity_to_entity", "fd302_entity_store", "fd303_store_to_store",
    "fd304_black_hole", "fd305_miracle", "fd306_self_loop",
    "fd307_store_never_written", "fd308_store_never_read", "fd309_no_flow", "fd310_goods_flow",
    "fd401_unnamed_flow", "fd402_duplicate_id", "fd403_child_id",
    "fd501_balancing", "fd502_too_many_processes", "fd503_store_level", "fd504_level_crossing",
    "fd505_no_entity",
]
CASE_CHECKS = ["fd601_document_without_flow", "fd602_ledger_without_store"]


def modules(names=DFD_CHECKS):
    return [import_module(f"{__name__}.{m}") for m in names]


def run(case: CaseModel, gaps: dict | None = None, keywords: str = "en",
        off: frozenset[str] = frozenset()) -> list[Diagnostic]:
    """``gaps``: id(dfd) -> ``lower.Gaps`` (flows with a misspelt end), so that the
    checks a corrected name could change leave those places alone."""
    from .. import apply_severities
    from .context import DfdContext

    gaps = gaps or {}
    out: list[Diagnostic] = []
    for dfd in case.dfds:
        ctx = DfdContext(dfd, case, gaps.get(id(dfd)))
        ctx.keywords = keywords
        found: list[Diagnostic] = []
        for mod in modules():
            found.extend(mod.check(ctx))
        sev = {**case.severities, **dfd.severities}
        if sev.get("FD503") != "off" and "FD503" not in off:
            found = _explained(ctx, found)
        out.extend(apply_severities(found, dfd.severities))
    if case.charts and case.dfds and not any(id(d) in gaps for d in case.dfds):
        for mod in modules(CASE_CHECKS):
            out.extend(mod.check_case(case))
    return out


def _explained(ctx, found: list[Diagnostic]) -> list[Diagnostic]:
    """One cause, one message: a store drawn a level too high (FD503) makes the child
    diagram's flows with it cross the child's boundary, so FD501 would report each of
    them too. Those FD501s are left out and named in FD503's hint instead."""
    from . import fd501_balancing, fd503_store_level

    misplaced = {s.span: s for s, _ in fd503_store_level.misplaced(ctx)}
    if not misplaced:
        return found
    consequences = {d: f for f, d in fd501_balancing.unbalanced(ctx)
                    if ctx.nodes[f.src].span in misplaced or ctx.nodes[f.dst].span in misplaced}
    out = []
    for d in found:
        if d in consequences:
            continue
        if d.code == fd503_store_level.CODE and d.span in misplaced:
            ids = [f.key for f in sorted(consequences.values(), key=lambda f: f.span)
                   if misplaced[d.span].key in (f.src, f.dst)]
            if ids:
                d = fd503_store_level.with_consequences(d, ids)
        out.append(d)
    return out
