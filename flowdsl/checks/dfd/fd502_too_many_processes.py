"""FD502: more than 9 processes on one diagram (7±2)."""

from ...diagnostics.codes import default_severity
from ...diagnostics.diagnostic import Diagnostic
from .context import describe, diagram_zh

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
                                  procs[LIMIT].span, "group related processes into one and break it down on a child diagram",
                                  message_zh=f"{diagram_zh(ctx, d)}有 {len(procs)} 个处理逻辑"
                                             f"（超过 {LIMIT} 个；每张图以 7±2 个为宜）",
                                  hint_zh="把相关的处理逻辑合并成一个，再在它的子图中分解"))
    return out
