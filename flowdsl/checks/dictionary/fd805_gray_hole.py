"""FD805: gray hole (灰洞) — a process whose output contains data items that none of its
inputs (nor the stores it reads) can supply: the process could not produce them.

Compositions are expanded down to data items. A process is judged only when every input's
composition is known (an input without an entry may carry anything); an output whose
composition is unknown is not judged. The items a process makes itself (a date, a number,
an approval) are listed in its entry's ``生成`` field."""

from __future__ import annotations

from ...diagnostics.codes import default_severity
from ...diagnostics.diagnostic import Diagnostic
from ...model.dictionary_fill import node_text

CODE = "FD805"


def check(dd) -> list[Diagnostic]:
    if not dd.declared:
        return []
    out = []
    for d in dd.case.dfds:
        nodes = {n.key: n for n in d.nodes}
        for p in d.nodes:
            if p.kind != "process" or p.has_child:
                continue
            supplied = _inputs(dd, d, nodes, p)
            if supplied is None:
                continue
            entry = dd.by_name.get(p.name)
            for c in (entry.creates if entry is not None and entry.kind == "process" else []):
                supplied |= dd.items(c) or {c}
            judged: set[str] = set()
            for f in d.flows:
                if f.src != p.key or f.goods or not f.name or f.name in judged:
                    continue
                judged.add(f.name)   # one flow drawn twice (to two places): one message
                items = dd.items(f.name)
                if not items:
                    continue
                missing = _in_order(dd, f.name, items - supplied)
                if not missing:
                    continue
                names = "、".join(missing)
                out.append(Diagnostic(
                    CODE, default_severity(CODE),
                    f"gray hole: “{node_text(p)}” outputs {', '.join(missing)} in “{f.name}”, "
                    "which none of its inputs supplies", f.span,
                    f"draw the input that brings {names} to {p.ident or p.name}, or, when the process makes "
                    f"them itself, list them in its entry: “生成: {names}”",
                    message_zh=f"灰洞：“{node_text(p)}”输出的“{f.name}”中有{names}，但它的输入中都没有这些数据项",
                    hint_zh=f"画出把{names}送到“{p.name}”的输入数据流；若是它自己产生的，在它的条目中写“生成: {names}”"))
    return out


def _inputs(dd, d, nodes, p) -> set[str] | None:
    """The items the inputs of ``p`` (and the stores it reads) bring; None: unknown."""
    got: set[str] = set()
    for f in d.flows:
        if f.dst != p.key or f.goods:
            continue
        src = nodes[f.src]
        names = [n for n in (f.name, src.name if src.kind == "store" else None) if n]
        known = [dd.items(n) for n in names]
        known = [k for k in known if k is not None]
        if not known:
            return None
        for k in known:
            got |= k
    return got


def _in_order(dd, name: str, missing: set[str]) -> list[str]:
    """``missing`` in the order the composition of ``name`` mentions them."""
    order: list[str] = []
    todo = [name]
    seen: set[str] = set()
    while todo:
        x = todo.pop(0)
        if x in seen:
            continue
        seen.add(x)
        if x in missing:
            order.append(x)
        todo[0:0] = dd.parts.get(x, [])
    return order + sorted(missing - set(order))
