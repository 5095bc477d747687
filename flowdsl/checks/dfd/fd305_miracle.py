"""FD305: miracle — a process with outputs and no inputs."""

from ...diagnostics.codes import default_severity
from ...diagnostics.diagnostic import Diagnostic
from .context import describe

CODE = "FD305"


def check(ctx):
    g = ctx.graph
    out = []
    for n in ctx.dfd.nodes:
        if n.kind == "process" and g.out_degree(n.key) > 0 and g.in_degree(n.key) == 0:
            out.append(Diagnostic(CODE, default_severity(CODE),
                                  f"process “{describe(n)}” has outputs but no input (miracle, 奇迹)",
                                  n.span, "draw the data the process works from",
                                  message_zh=f"处理逻辑“{describe(n)}”只有输出，没有输入（奇迹）",
                                  hint_zh="画出这个处理逻辑加工所依据的输入数据流"))
    return out
