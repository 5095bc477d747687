"""FD501: a child diagram that does not balance its parent process.

The inputs and outputs of a child diagram (flows that cross it: from an entity, a store
or process drawn outside it, to one of its own processes or stores, and back) must be
those of the parent process, compared by flow name and direction. A parent flow may be
split into parts on the child only when the data dictionary says so
(``define 入库单 = 书名 + 书号 + 作者``): the parts then stand for it. One diagnostic per
flow that is missing on one side or extra on the other, naming the flow.
"""

from __future__ import annotations

from ...diagnostics.codes import default_severity
from ...diagnostics.diagnostic import Diagnostic
from .context import DfdContext, describe

CODE = "FD501"


def _key(ctx: DfdContext, flow, outside: str) -> str:
    if flow.name:
        return flow.name
    return f"⟨{ctx.nodes[outside].name}⟩"      # unnamed store flows: compared by the store


def _label(ctx: DfdContext, key: str) -> str:
    return f"unnamed flow of “{key[1:-1]}”" if key.startswith("⟨") else f"“{key}”"


def _label_zh(key: str) -> str:
    return "未命名数据流" if key.startswith("⟨") else f"“{key}”"   # the store is named beside it


def check(ctx: DfdContext) -> list[Diagnostic]:
    return [d for _, d in unbalanced(ctx)]


def unbalanced(ctx: DfdContext) -> list[tuple]:
    """(flow, diagnostic) for every flow missing on one side. A child diagram with a
    misspelt name in it or in the flows of its process is not compared: the name's
    flow may be the one missing."""
    sev = default_severity(CODE)
    out: list[tuple] = []
    for proc in ctx.diagrams[1:]:
        p = ctx.nodes[proc]
        if ctx.gap_on(proc) or ctx.touched(proc):
            continue
        p_in, p_out = ctx.parent_io(proc)
        c_in, c_out = ctx.boundary(proc)
        for direction, parent_flows, child_flows in (("input", p_in, c_in), ("output", p_out, c_out)):
            pk = {}
            for f in parent_flows:
                pk.setdefault(_key(ctx, f, f.src if direction == "input" else f.dst), f)
            ck = {}
            for f in child_flows:
                ck.setdefault(_key(ctx, f, f.src if direction == "input" else f.dst), f)
            parts = {k: ctx.definition_parts(k) for k in pk}
            covered = {k for k in ck if k in pk or any(k in ps for ps in parts.values())}
            frm = "from" if direction == "input" else "to"
            dir_zh, frm_zh = ("输入", "来自") if direction == "input" else ("输出", "流向")
            for k, f in pk.items():
                if k in ck or parts[k] & set(ck):
                    continue
                other = ctx.nodes[f.src if direction == "input" else f.dst]
                out.append((f, Diagnostic(
                    CODE, sev,
                    f"unbalanced: {direction} {_label(ctx, k)} ({f.key}, {frm} “{describe(other)}”) of "
                    f"“{describe(p)}” is missing from its child diagram",
                    f.span,
                    f"draw {_label(ctx, k)} {frm} “{other.name}” on the child diagram of {p.ident}, "
                    f"or split it into parts declared with “define {k if not k.startswith('⟨') else '…'} = …”",
                    message_zh=f"不平衡：“{describe(p)}”的{dir_zh}{_label_zh(k)}（{f.key}，{frm_zh}“{describe(other)}”）"
                               "在它的子图中没有出现",
                    hint_zh=f"在“{describe(p)}”的子图中画出{frm_zh}“{other.name}”的{_label_zh(k)}，"
                            f"或用“定义 {k if not k.startswith('⟨') else '…'} = …”把它分解成几个部分")))
            for k, f in ck.items():
                if k in covered:
                    continue
                other = ctx.nodes[f.src if direction == "input" else f.dst]
                out.append((f, Diagnostic(
                    CODE, sev,
                    f"unbalanced: the child diagram of “{describe(p)}” has {direction} {_label(ctx, k)} "
                    f"({f.key}, {frm} “{describe(other)}”) that “{describe(p)}” does not have on its parent diagram",
                    f.span,
                    f"add {_label(ctx, k)} to {p.ident} on the parent diagram, or declare it a part of a "
                    "parent flow with “define 父数据流 = … + 部分”",
                    message_zh=f"不平衡：“{describe(p)}”的子图有{dir_zh}{_label_zh(k)}（{f.key}，{frm_zh}"
                               f"“{describe(other)}”），但父图上的“{describe(p)}”没有这个{dir_zh}",
                    hint_zh=f"在父图上给“{describe(p)}”加上{_label_zh(k)}，或用“定义 父数据流 = … + 部分”"
                            "把它声明为某个父数据流的一部分")))
    return out
