"""FD304: black hole — a process with inputs and no outputs."""

from ...diagnostics.codes import default_severity
from ...diagnostics.diagnostic import Diagnostic
from .context import describe

CODE = "FD304"


def check(ctx):
    g = ctx.graph
    out = []
    for n in ctx.dfd.nodes:
        if n.kind == "process" and g.in_degree(n.key) > 0 and g.out_degree(n.key) == 0:
            out.append(Diagnostic(CODE, default_severity(CODE),
                                  f"process “{describe(n)}” has inputs but no output (black hole, 黑洞)",
                                  n.span, "a process transforms data: draw the flow it produces",
                                  message_zh=f"处理逻辑“{describe(n)}”只有输入，没有输出（黑洞）",
                                  hint_zh="处理逻辑要对数据进行加工：画出它输出的数据流"))
    return out
