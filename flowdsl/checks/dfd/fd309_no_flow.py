"""FD309: an entity, process or store that takes part in no data flow."""

from ...codes import default_severity
from ...diagnostics import Diagnostic
from .context import describe

CODE = "FD309"


def check(ctx):
    g = ctx.graph
    out = []
    for n in ctx.dfd.nodes:
        if g.degree(n.key) == 0:
            out.append(Diagnostic(CODE, default_severity(CODE),
                                  f"{n.kind} “{describe(n)}” has no data flow",
                                  n.span, "connect it with a flow or remove the declaration"))
    return out
