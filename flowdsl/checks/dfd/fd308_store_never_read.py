"""FD308: a data store nothing reads (in this DFD or another DFD of the case)."""

from ...diagnostics.codes import default_severity
from ...diagnostics.diagnostic import Diagnostic
from .context import describe

CODE = "FD308"


def check(ctx):
    g = ctx.graph
    out = []
    for n in ctx.dfd.nodes:
        if n.kind == "store" and g.degree(n.key) > 0 and g.out_degree(n.key) == 0 \
                and not ctx.store_used_elsewhere(n.name, as_dst=False):
            out.append(Diagnostic(CODE, default_severity(CODE),
                                  f"data store “{describe(n)}” is written but never read",
                                  n.span, f"draw the process that uses the data: “{n.name} -[…]-> …”",
                                  message_zh=f"数据存储“{describe(n)}”只被写入，从未被读取",
                                  hint_zh=f"画出使用这些数据的处理逻辑：“{n.name} -[…]-> …”"))
    return out
