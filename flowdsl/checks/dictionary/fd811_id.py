"""FD811: an entry's 编号 differs from the ID the diagram gives its element (the ID is
filled in from the diagram: writing it is optional, writing another one is a mistake)."""

from __future__ import annotations

from ...diagnostics.codes import default_severity
from ...diagnostics.diagnostic import Diagnostic

CODE = "FD811"


def check(dd) -> list[Diagnostic]:
    out = []
    for e in dd.entries:
        if e.ident is None or not e.ids or e.ident in e.ids:
            continue
        ids = "、".join(e.ids)
        out.append(Diagnostic(
            CODE, default_severity(CODE), f"the entry “{e.name}” has ID {e.ident}, the diagram {', '.join(e.ids)}",
            e.field_spans.get("ident", e.span),
            f"write {e.ids[0]} or leave the ID out: it is taken from the diagram",
            message_zh=f"条目“{e.name}”的编号是 {e.ident}，数据流程图中是 {ids}",
            hint_zh=f"改成 {e.ids[0]}，或不写编号：编号会按数据流程图自动填写"))
    return out
