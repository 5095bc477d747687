"""DFD checks: one module per rule, ``check(ctx)`` per DFD or ``check_case(case)``.

``run(case)`` runs them all, applies the severities written inside each DFD
(``severity FD308 off`` inside ``dfd 售书 { }`` concerns 售书 only) and returns the
diagnostics; the caller applies the file's and the command line's settings.
"""

from __future__ import annotations

from importlib import import_module

from ...diagnostics import Diagnostic
from ...model import CaseModel

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


def run(case: CaseModel) -> list[Diagnostic]:
    from .. import apply_severities
    from .context import DfdContext

    out: list[Diagnostic] = []
    for dfd in case.dfds:
        ctx = DfdContext(dfd, case)
        found: list[Diagnostic] = []
        for mod in modules():
            found.extend(mod.check(ctx))
        out.extend(apply_severities(found, dfd.severities))
    if case.charts and case.dfds:
        for mod in modules(CASE_CHECKS):
            out.extend(mod.check_case(case))
    return out
