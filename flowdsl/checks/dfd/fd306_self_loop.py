"""FD306: a data flow from an element to itself."""

from ...diagnostics.codes import default_severity
from ...diagnostics.diagnostic import Diagnostic
from .context import describe

CODE = "FD306"


def check(ctx):
    out = []
    for f in ctx.dfd.flows:
        if f.src == f.dst:
            n = ctx.nodes[f.src]
            what = f"“{f.name}” " if f.name else ""
            what_zh = f"“{f.name}”" if f.name else ""
            out.append(Diagnostic(CODE, default_severity(CODE),
                                  f"data flow {what}goes from “{describe(n)}” back to itself",
                                  f.span, "a loop inside one process is its own logic, not a data flow; "
                                          "split the process or remove the flow",
                                  message_zh=f"数据流{what_zh}从“{describe(n)}”又流回了它自己",
                                  hint_zh="一个处理逻辑内部的循环属于它自身的逻辑，不是数据流；"
                                          "请分解这个处理逻辑，或删除这条数据流"))
    return out
