"""FD306: a data flow from an element to itself."""

from ...codes import default_severity
from ...diagnostics import Diagnostic
from .context import describe

CODE = "FD306"


def check(ctx):
    out = []
    for f in ctx.dfd.flows:
        if f.src == f.dst:
            n = ctx.nodes[f.src]
            what = f"“{f.name}” " if f.name else ""
            out.append(Diagnostic(CODE, default_severity(CODE),
                                  f"data flow {what}goes from “{describe(n)}” back to itself",
                                  f.span, "a loop inside one process is its own logic, not a data flow; "
                                          "split the process or remove the flow"))
    return out
