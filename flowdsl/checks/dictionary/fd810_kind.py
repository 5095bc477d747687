"""FD810: an entry whose kind is not that of the diagram element of its name (数据存储
入库单 while the DFD draws 入库单 as a data flow)."""

from __future__ import annotations

from ...diagnostics.codes import default_severity
from ...diagnostics.diagnostic import Diagnostic
from ...model.dictionary import KIND_EN, KIND_ZH
from ...model.dictionary_fill import kind_on_diagram

CODE = "FD810"


def check(dd) -> list[Diagnostic]:
    out = []
    for e in dd.entries:
        if e.origin != "entry" or e.on_diagram:
            continue
        drawn = kind_on_diagram(dd.case, e.name, e.dfd)
        if drawn is None or drawn == e.kind:
            continue
        out.append(Diagnostic(
            CODE, default_severity(CODE),
            f"“{e.name}” is a {KIND_EN[drawn]} on the diagram but its entry is a {KIND_EN[e.kind]}", e.span,
            f"write the entry as “{drawn} {e.name} …”",
            message_zh=f"“{e.name}”在数据流程图中是{KIND_ZH[drawn]}，条目却写成了{KIND_ZH[e.kind]}",
            hint_zh=f"把条目改为“{KIND_ZH[drawn]} {e.name} …”"))
    return out
