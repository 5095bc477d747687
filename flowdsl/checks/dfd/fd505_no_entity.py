"""FD505: the context diagram would hold no external entity (no boundary flow)."""

from ...diagnostics.codes import default_severity
from ...diagnostics.diagnostic import Diagnostic

CODE = "FD505"


def check(ctx):
    if not ctx.dfd.nodes or ctx.gap_on(None):   # a misspelt name may be the entity's flow
        return []
    for f in ctx.flows_on(None):
        kinds = {ctx.nodes[f.src].kind, ctx.nodes[f.dst].kind}
        if kinds == {"entity", "process"}:
            return []
    return [Diagnostic(CODE, default_severity(CODE),
                       f"DFD “{ctx.dfd.name}” has no flow between an external entity and a process: "
                       "its context diagram (顶层图) would show the system alone",
                       ctx.dfd.span, "declare the sources and sinks of the data: “entity 顾客” and their flows",
                       message_zh=f"数据流程图“{ctx.dfd.name}”中没有外部实体与处理逻辑之间的数据流："
                                  "它的顶层图上只会有系统本身",
                       hint_zh="声明数据的来源和去向，例如“外部实体 顾客”，并画出它们的数据流")]
