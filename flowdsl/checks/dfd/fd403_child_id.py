"""FD403: a process of a child diagram whose ID does not extend its parent's (P3 → P3.1)."""

from ...diagnostics.codes import default_severity
from ...diagnostics.diagnostic import Diagnostic
from ...model.lower_dfd import numeric
from .context import describe

CODE = "FD403"


def check(ctx):
    out = []
    for n in ctx.dfd.nodes:
        if n.kind != "process" or n.parent is None or not n.ident_given:
            continue
        parent = ctx.nodes[n.parent]
        pn, cn = numeric(parent.ident), numeric(n.ident)
        ok = pn is not None and cn is not None and cn.startswith(pn + ".") and "." not in cn[len(pn) + 1:]
        if not ok:
            out.append(Diagnostic(CODE, default_severity(CODE),
                                  f"process “{describe(n)}” is in the child diagram of “{describe(parent)}”, "
                                  f"so its ID should be {parent.ident}.<n>",
                                  n.id_span or n.span,
                                  f"number it {parent.ident}.1, {parent.ident}.2 … (or leave the ID out to number it automatically)",
                                  message_zh=f"处理逻辑“{describe(n)}”位于“{describe(parent)}”的子图中，"
                                             f"编号应为 {parent.ident}.<n>",
                                  hint_zh=f"编号写成 {parent.ident}.1、{parent.ident}.2……（或者不写编号，由程序自动编号）"))
    return out
