"""Data dictionary checks (FD801–FD816): one module per rule, ``check(dd)`` each.

``run(case)`` builds the complete dictionary once (``model.dictionary_fill.complete``)
and runs them all. A file without a ``数据字典`` block is checked only for what is wrong
in any dictionary (recursion, bounds): its ``define`` lines serve balancing alone.
"""

from __future__ import annotations

from importlib import import_module

from ...diagnostics.diagnostic import Diagnostic
from ._dd import DictContext

CHECKS = [
    "fd801_undefined", "fd802_recursive", "fd803_no_entry", "fd804_nothing_drawn", "fd805_gray_hole",
    "fd810_kind", "fd811_id", "fd814_key", "fd816_split_parts",
]


def run(case, gaps: dict | None = None) -> list[Diagnostic]:
    """``gaps``: id(dfd) -> what lowering could not resolve (FD816 leaves those diagrams alone)."""
    if not (case.dictionary.declared or case.definitions):
        return []
    dd = DictContext(case)
    dd.gaps = gaps or {}
    out: list[Diagnostic] = []
    for m in CHECKS:
        out.extend(import_module(f"{__name__}.{m}").check(dd))
    return out
