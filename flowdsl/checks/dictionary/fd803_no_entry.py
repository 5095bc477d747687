"""FD803: an entity, store, process or named data flow of a DFD with no entry in the data
dictionary. Only in a file that has a ``数据字典`` block (a file without one is not asked
for a dictionary); a course that wants a complete dictionary makes it an error
(``级别 FD803 错误``), one that does not switches it off."""

from __future__ import annotations

from ...diagnostics.codes import default_severity
from ...diagnostics.diagnostic import Diagnostic
from ...model.dictionary import KIND_EN, KIND_ZH

CODE = "FD803"


def check(dd) -> list[Diagnostic]:
    if not dd.declared:
        return []
    out = []
    seen: set[tuple[str, str]] = set()
    for d, kind, name, span in dd.dfd_elements:
        e = dd.by_name.get(name)
        if e is not None and (e.dfd is None or e.dfd == d.name):
            continue
        if (kind, name) in seen:
            continue
        seen.add((kind, name))
        out.append(Diagnostic(
            CODE, default_severity(CODE),
            f"{KIND_EN[kind]} “{name}” of DFD “{d.name}” has no data dictionary entry", span,
            f"add “{kind} {name} {{ … }}” to the data dictionary"
            + (" with its composition" if kind in ("flow", "store") else ""),
            message_zh=f"数据流程图“{d.name}”中的{KIND_ZH[kind]}“{name}”在数据字典中没有条目",
            hint_zh=f"在数据字典中加上“{KIND_ZH[kind]} {name} {{ … }}”" + ("，写出它的组成" if kind in ("flow", "store") else "")))
    return out
