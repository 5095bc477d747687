"""FD401: a data flow without a name.

With ``option store_flow_names = optional`` (存储数据流命名 = 可选) flows to and from a
data store may stay unnamed, as some courses allow.
"""

from ...diagnostics.codes import default_severity
from ...diagnostics.diagnostic import Diagnostic
from .context import describe

CODE = "FD401"


def check(ctx):
    optional = ctx.option("store_flow_names", "required") == "optional"
    out = []
    for f in ctx.dfd.flows:
        if f.name:
            continue
        a, b = ctx.nodes[f.src], ctx.nodes[f.dst]
        if optional and "store" in (a.kind, b.kind):
            continue
        hint = f"write the data it carries: “{a.name} -[名称]-> {b.name}”"
        hint_zh = f"写出它传递的数据：“{a.name} -[名称]-> {b.name}”"
        if "store" in (a.kind, b.kind):
            hint += "; or allow unnamed store flows with “option store_flow_names = optional”"
            hint_zh += "；或者用“选项 存储数据流命名 = 可选”允许进出数据存储的数据流不命名"
        out.append(Diagnostic(CODE, default_severity(CODE),
                              f"data flow {f.key} from “{describe(a)}” to “{describe(b)}” has no name",
                              f.span, hint,
                              message_zh=f"从“{describe(a)}”到“{describe(b)}”的数据流 {f.key} 没有名称",
                              hint_zh=hint_zh))
    return out
