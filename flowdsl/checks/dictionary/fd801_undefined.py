"""FD801: a composition names something the data dictionary does not define (a data item
or structure with no entry of its own). Only in a file that has a ``数据字典`` block."""

from __future__ import annotations

from ...diagnostics.codes import default_severity
from ...diagnostics.diagnostic import Diagnostic

CODE = "FD801"


def check(dd) -> list[Diagnostic]:
    if not dd.declared:
        return []
    out = []
    reported: set[str] = set()
    for e in dd.entries:
        if e.composition is None:
            continue
        for r in e.composition.refs():
            name = r.text or ""
            if name in dd.by_name or name in reported:
                continue
            reported.add(name)
            out.append(Diagnostic(
                CODE, default_severity(CODE),
                f"“{name}” in the composition of “{e.name}” is not defined in the data dictionary", r.span,
                f"add an entry for it, e.g. “item {name}: \"…\"”, or “structure {name} = …” if it has parts",
                message_zh=f"“{e.name}”的组成中的“{name}”在数据字典中没有定义",
                hint_zh=f"为它加一个条目，例如“数据项 {name}: \"…\"”；若它由几部分组成，写“数据结构 {name} = …”"))
    return out
