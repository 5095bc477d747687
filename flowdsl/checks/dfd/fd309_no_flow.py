"""FD309: an entity, process or store that takes part in no data flow."""

from ...diagnostics.codes import default_severity
from ...diagnostics.diagnostic import Diagnostic
from .context import KIND_ZH, describe

CODE = "FD309"


def check(ctx):
    g = ctx.graph
    out = []
    for n in ctx.dfd.nodes:
        if g.degree(n.key) == 0:
            out.append(Diagnostic(CODE, default_severity(CODE),
                                  f"{n.kind} “{describe(n)}” has no data flow",
                                  n.span, "connect it with a flow or remove the declaration",
                                  message_zh=f"{KIND_ZH.get(n.kind, n.kind)}“{describe(n)}”没有任何数据流",
                                  hint_zh="用数据流把它和其他元素连接起来，或者删除这条声明"))
    return out
