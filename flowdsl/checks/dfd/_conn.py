"""Shared helper of the connection rules FD301–FD303."""

from __future__ import annotations

from ...codes import default_severity
from ...diagnostics import Diagnostic
from .context import DfdContext, describe


def wrong_pairs(ctx: DfdContext, code: str, pairs: set[tuple[str, str]], why: str, hint: str) -> list[Diagnostic]:
    out = []
    for f in ctx.dfd.flows:
        a, b = ctx.nodes[f.src], ctx.nodes[f.dst]
        if (a.kind, b.kind) in pairs:
            what = f"“{f.name}” " if f.name else ""
            out.append(Diagnostic(code, default_severity(code),
                                  f"data flow {what}goes from {a.kind} “{describe(a)}” to {b.kind} “{describe(b)}”: {why}",
                                  f.span, hint))
    return out
