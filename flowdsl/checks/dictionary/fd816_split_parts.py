"""FD816: a parent flow split into parts on the child diagram (the parts stand for it, by
the data dictionary: ``入库单 = 图书信息 + 验收意见``) with some of its data items carried
by none of the parts — the child diagram does not balance the parent completely.

FD501 accepts a parent flow when one of its parts is drawn on the child; this check looks
at the data items: every item of the parent flow must be in a part drawn on the child."""

from __future__ import annotations

from ...diagnostics.codes import default_severity
from ...diagnostics.diagnostic import Diagnostic
from ..dfd.context import DfdContext, describe

CODE = "FD816"


def check(dd) -> list[Diagnostic]:
    out = []
    for dfd in dd.case.dfds:
        out.extend(_check(dd, DfdContext(dfd, dd.case, dd.gaps.get(id(dfd)))))
    return out


def _check(dd, ctx: DfdContext) -> list[Diagnostic]:
    out = []
    for proc in ctx.diagrams[1:]:
        if ctx.gap_on(proc) or ctx.touched(proc):
            continue
        p = ctx.nodes[proc]
        p_in, p_out = ctx.parent_io(proc)
        c_in, c_out = ctx.boundary(proc)
        for parent_flows, child_flows in ((p_in, c_in), (p_out, c_out)):
            child = {f.name for f in child_flows if f.name}
            for f in parent_flows:
                if not f.name or f.name in child:
                    continue
                present = sorted(ctx.definition_parts(f.name) & child)
                if not present:
                    continue   # not split: FD501's
                need = dd.items(f.name)
                have: set[str] = set()
                for c in present:
                    items = dd.items(c)
                    if items is None:
                        have = None
                        break
                    have |= items
                if need is None or have is None or need <= have:
                    continue
                missing = sorted(need - have)
                names = "、".join(missing)
                out.append(Diagnostic(
                    CODE, default_severity(CODE),
                    f"“{f.name}” of “{describe(p)}” is split into {', '.join(present)} on its child diagram, "
                    f"but {', '.join(missing)} of it is in none of them", f.span,
                    f"draw the part that carries {names} on the child diagram of {p.ident or p.name}, "
                    "or correct the composition",
                    message_zh=f"“{describe(p)}”的“{f.name}”在子图中分解为{'、'.join(present)}，"
                               f"但其中的{names}不在任何一部分中",
                    hint_zh=f"在“{p.name}”的子图中画出含有{names}的那部分数据流，或改正组成"))
    return out
