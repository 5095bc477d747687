"""FD307: a data store nothing writes to (in this DFD or another DFD of the case)."""

from ...diagnostics.codes import default_severity
from ...diagnostics.diagnostic import Diagnostic
from .context import describe

CODE = "FD307"


def check(ctx):
    g = ctx.graph
    out = []
    for n in ctx.dfd.nodes:
        if n.kind == "store" and g.degree(n.key) > 0 and g.in_degree(n.key) == 0 \
                and not ctx.store_used_elsewhere(n.name, as_dst=True):
            out.append(Diagnostic(CODE, default_severity(CODE),
                                  f"data store “{describe(n)}” is read but never written",
                                  n.span, f"draw the process that records the data: “… -[…]-> {n.name}”",
                                  message_zh=f"数据存储“{describe(n)}”只被读取，从未被写入",
                                  hint_zh=f"画出记录这些数据的处理逻辑：“… -[…]-> {n.name}”"))
    return out
