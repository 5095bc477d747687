"""FD804: a dictionary entry for a data flow, store, process or entity that no DFD of the
file draws (a misspelt name, or an element removed from the diagram)."""

from __future__ import annotations

from ...diagnostics.codes import default_severity
from ...diagnostics.diagnostic import Diagnostic
from ...model.dictionary import KIND_EN, KIND_ZH
from ...model.dictionary_fill import kind_on_diagram
from ...model.names import did_you_mean_both

CODE = "FD804"


def check(dd) -> list[Diagnostic]:
    if not dd.case.dfds:
        return []
    out = []
    for e in dd.entries:
        if e.origin != "entry" or e.kind in ("item", "structure") or e.on_diagram:
            continue
        if kind_on_diagram(dd.case, e.name, e.dfd) is not None:
            continue   # drawn as another kind: FD810
        names = sorted({n for d, k, n, _ in dd.dfd_elements if k == e.kind and (e.dfd is None or d.name == e.dfd)})
        en, zh = did_you_mean_both(e.name, names)
        where = f"DFD “{e.dfd}”" if e.dfd else "any DFD of the file"
        where_zh = f"数据流程图“{e.dfd}”" if e.dfd else "本文件的数据流程图"
        out.append(Diagnostic(
            CODE, default_severity(CODE), f"{KIND_EN[e.kind]} “{e.name}” is not drawn on {where}", e.name_span,
            en or "correct the name to the one on the diagram, draw it, or remove the entry",
            message_zh=f"数据字典中的{KIND_ZH[e.kind]}“{e.name}”在{where_zh}中没有画出",
            hint_zh=zh or "把名称改成图上的名称、在图上画出它，或删去这个条目"))
    return out
