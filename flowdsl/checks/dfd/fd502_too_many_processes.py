"""FD502: more than 9 processes on one diagram (7±2)."""

from ...codes import default_severity
from ...diagnostics import Diagnostic
from .context import describe

CODE = "FD502"
LIMIT = 9


def check(ctx):
    out = []
    for d in ctx.diagrams:
        procs = [n for n in ctx.declared_on(d) if n.kind == "process"]
        if len(procs) > LIMIT:
            where = "the first breakdown" if d is None else f"the child diagram of “{describe(ctx.nodes[d])}”"
            out.append(Diagnostic(CODE, default_severity(CODE),
                                  f"{where} has {len(procs)} processes (more than {LIMIT}: 7±2 per diagram)",
                                  procs[LIMIT].span, "group related processes into one and break it down on a child diagram"))
    return out
