"""FD814: a data store's 关键字 (key) that is not among the items of its composition."""

from __future__ import annotations

from ...diagnostics.codes import default_severity
from ...diagnostics.diagnostic import Diagnostic

CODE = "FD814"


def check(dd) -> list[Diagnostic]:
    out = []
    for e in dd.entries:
        if e.kind != "store" or not e.key or e.composition is None:
            continue
        inside: set[str] = set()
        todo = list(e.parts)
        while todo:
            x = todo.pop()
            if x not in inside:
                inside.add(x)
                todo.extend(dd.parts.get(x, ()))
        for k in e.key:
            if k in inside:
                continue
            out.append(Diagnostic(
                CODE, default_severity(CODE), f"the key “{k}” of data store “{e.name}” is not in its composition",
                e.field_spans.get("key", e.span),
                f"add “{k}” to the composition of “{e.name}”, or name one of its items as the key",
                message_zh=f"数据存储“{e.name}”的关键字“{k}”不在它的组成中",
                hint_zh=f"把“{k}”加进“{e.name}”的组成，或改用组成中的某个数据项作关键字"))
    return out
