"""FD504: a flow that reaches an element of another level (a child's sub-process on the
parent diagram, a process's own breakdown drawing the process itself, a cousin's store)."""

from ...diagnostics.codes import default_severity
from ...diagnostics.diagnostic import Diagnostic
from .context import describe, diagram_zh

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
                msg_zh = f"“{describe(n)}”正是这张图所分解的处理逻辑，不能出现在这张图上"
                hint_zh = "把这条数据流连接到它的某个子处理逻辑上"
            elif n.parent not in chain:
                where = "the first breakdown" if f.diagram is None else f"the child diagram of “{describe(ctx.nodes[f.diagram])}”"
                home = "the first breakdown" if n.parent is None else f"the child diagram of “{describe(ctx.nodes[n.parent])}”"
                msg = f"“{describe(n)}” belongs to {home}, not to {where}"
                hint = "draw the flow on the diagram where both ends are visible"
                msg_zh = f"“{describe(n)}”属于{diagram_zh(ctx, n.parent)}，不属于{diagram_zh(ctx, f.diagram)}"
                hint_zh = "把这条数据流画在两端都出现的那张图上"
            else:
                continue
            out.append(Diagnostic(CODE, default_severity(CODE), msg, span, hint, message_zh=msg_zh, hint_zh=hint_zh))
    return out
