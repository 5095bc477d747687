"""FD505: the context diagram would hold no external entity (no boundary flow)."""

from ...codes import default_severity
from ...diagnostics import Diagnostic

CODE = "FD505"


def check(ctx):
    if not ctx.dfd.nodes:
        return []
    for f in ctx.flows_on(None):
        kinds = {ctx.nodes[f.src].kind, ctx.nodes[f.dst].kind}
        if kinds == {"entity", "process"}:
            return []
    return [Diagnostic(CODE, default_severity(CODE),
                       f"DFD “{ctx.dfd.name}” has no flow between an external entity and a process: "
                       "its context diagram (顶层图) would show the system alone",
                       ctx.dfd.span, "declare the sources and sinks of the data: “entity 顾客” and their flows")]
