"""FD504: a flow that reaches an element of another level (a child's sub-process on the
parent diagram, a process's own breakdown drawing the process itself, a cousin's store)."""

from ...codes import default_severity
from ...diagnostics import Diagnostic
from .context import describe

CODE = "FD504"


def check(ctx):
    out = []
    for f in ctx.dfd.flows:
        chain = ctx.chain(f.diagram)
        ancestors = {d for d in chain if d is not None}
        for key, span in ((f.src, f.src_span), (f.dst, f.dst_span)):
            n = ctx.nodes[key]
            if n.kind == "entity":
                continue
            if n.key in ancestors:
                msg = f"“{describe(n)}” is the process this diagram breaks down; it cannot appear on it"
                hint = "connect the flow to one of its sub-processes"
            elif n.parent not in chain:
                where = "the first breakdown" if f.diagram is None else f"the child diagram of “{describe(ctx.nodes[f.diagram])}”"
                home = "the first breakdown" if n.parent is None else f"the child diagram of “{describe(ctx.nodes[n.parent])}”"
                msg = f"“{describe(n)}” belongs to {home}, not to {where}"
                hint = "draw the flow on the diagram where both ends are visible"
            else:
                continue
            out.append(Diagnostic(CODE, default_severity(CODE), msg, span, hint))
    return out
