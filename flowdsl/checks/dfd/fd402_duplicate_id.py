"""FD402: one ID given to two elements, or to two data flows with different names.

A flow may be drawn twice with one ID when it is the same data (the boundary flow of a
child diagram repeats its parent's flow; one flow sent to two places); a repeated copy
of an entity or store is drawn by the view and shares its ID.
"""

from ...diagnostics.codes import default_severity
from ...diagnostics.diagnostic import Diagnostic
from ...model.lower_dfd import norm
from .context import KIND_ZH, describe

CODE = "FD402"


def check(ctx):
    out = []
    seen = {}
    for n in ctx.dfd.nodes:
        k = norm(n.ident or n.key)
        if k in seen:
            first = seen[k]
            out.append(Diagnostic(CODE, default_severity(CODE),
                                  f"ID {n.ident} of {n.kind} “{n.name}” is already used by {first.kind} "
                                  f"“{describe(first)}”", n.id_span or n.span,
                                  f"the first {n.ident} is at line {first.span.line}; give each element its own ID",
                                  message_zh=f"{KIND_ZH[n.kind]}“{n.name}”的编号 {n.ident} 已被"
                                             f"{KIND_ZH[first.kind]}“{describe(first)}”使用",
                                  hint_zh=f"第一个 {n.ident} 在第 {first.span.line} 行；请给每个元素一个不同的编号"))
        else:
            seen[k] = n
    flows = {}
    for f in ctx.dfd.flows:
        k = norm(f.key)
        if k in flows and flows[k].name != f.name:
            first = flows[k]
            out.append(Diagnostic(CODE, default_severity(CODE),
                                  f"flow ID {f.key} names “{f.name or '(unnamed)'}” here but "
                                  f"“{first.name or '(unnamed)'}” at line {first.span.line}",
                                  f.span, "one ID is one data flow: give the other flow its own ID",
                                  message_zh=f"数据流编号 {f.key} 在这里的名称是“{f.name or '（未命名）'}”，"
                                             f"而在第 {first.span.line} 行是“{first.name or '（未命名）'}”",
                                  hint_zh="一个编号只代表一条数据流：请给另一条数据流一个不同的编号"))
        else:
            flows.setdefault(k, f)
    return out
