"""Shared helper of the connection rules FD301–FD303."""

from __future__ import annotations

from ...diagnostics.codes import default_severity
from ...diagnostics.diagnostic import Diagnostic
from .context import KIND_ZH, DfdContext, describe


def wrong_pairs(ctx: DfdContext, code: str, pairs: set[tuple[str, str]], why: str, hint: str,
                why_zh: str | None = None, hint_zh: str | None = None) -> list[Diagnostic]:
    out = []
    for f in ctx.dfd.flows:
        a, b = ctx.nodes[f.src], ctx.nodes[f.dst]
        if (a.kind, b.kind) in pairs:
            what = f"“{f.name}” " if f.name else ""
            what_zh = f"“{f.name}”" if f.name else ""
            out.append(Diagnostic(code, default_severity(code),
                                  f"data flow {what}goes from {a.kind} “{describe(a)}” to {b.kind} “{describe(b)}”: {why}",
                                  f.span, hint,
                                  message_zh=f"数据流{what_zh}从{KIND_ZH[a.kind]}“{describe(a)}”流向"
                                             f"{KIND_ZH[b.kind]}“{describe(b)}”：{why_zh}" if why_zh else None,
                                  hint_zh=hint_zh))
    return out
