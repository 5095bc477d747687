"""AST → model for 处理逻辑说明: each block names a bottom-level process of a DFD of the
file (by ID or by name; did-you-mean otherwise, FD821), a process with a child diagram is
not bottom-level (FD822), one process has one block (FD832), ``否则`` / ``直到`` follow an
``如果`` / ``重复`` (FD833)."""

from __future__ import annotations

from ..diagnostics.diagnostic import Diagnostic
from ..lang import syntax_logic as L
from .logic import (
    DecisionTable, DecisionTree, ProcessLogic, SeStmt, StructuredEnglish, TableRow, TreeNode,
)
from .names import did_you_mean_both
from .types import CaseModel


def words(ws: list[L.Word]) -> str:
    return " ".join(w.text for w in ws)


# The model objects are built with ``model_construct``: the values come from the parser
# (strings, lists, spans) and need no validation, and validating built every logic class's
# pydantic schema on every ``check`` of a file with a logic block.
def lower_part(part):
    if isinstance(part, L.DecisionTable):
        t = DecisionTable.model_construct(name=part.name.text if part.name else None, title=part.label,
                                          span=part.span)
        for r in part.rows:
            row = TableRow.model_construct(text=r.stub.text, entries=[e.text for e in r.entries], span=r.span,
                                           cells_span=[e.span for e in r.entries])
            (t.conditions if r.kind == "condition" else t.actions).append(row)
        return t
    if isinstance(part, L.DecisionTree):
        root = TreeNode.model_construct(span=part.span)
        _branches(root, part.body)
        return DecisionTree.model_construct(name=part.name.text if part.name else None, title=part.label,
                                            root=root, span=part.span)
    return StructuredEnglish.model_construct(title=part.label, body=[_se(s) for s in part.body], span=part.span)


def _branches(node: TreeNode, body: list) -> None:
    for b in body:
        if isinstance(b, L.TreeCond):
            node.condition = b.text.text
            continue
        ch = TreeNode.model_construct(label=b.label.text if b.label else None, span=b.span)
        if b.children is None:
            ch.actions = [w.text for w in b.actions or []]
        else:
            _branches(ch, b.children)
        node.children.append(ch)


def _se(s: L.SeStmt) -> SeStmt:
    return SeStmt.model_construct(kind=s.kind, words=[w.text for w in s.words],  # type: ignore[arg-type]
                                  keyword=s.then_kw, span=s.span,
                                  body=[_se(x) for x in s.body] if s.body is not None else None)


def lower_logic(blocks: list[L.Logic], case: CaseModel) -> list[Diagnostic]:
    """Append a ``ProcessLogic`` per block to ``case.logic``; the diagnostics of resolving them."""
    diags: list[Diagnostic] = []
    procs = [(d, n) for d in case.dfds for n in d.nodes if n.kind == "process"]
    seen: dict[tuple[str, str], int] = {}
    for b in blocks:
        pl = ProcessLogic.model_construct(
            process=b.process.text, title=b.label, span=b.span, process_span=b.process.span,
            written_name=b.process_name.text if b.process_name else None,
            parts=[lower_part(p) for p in b.parts])
        for p in b.parts:
            if isinstance(p, L.StructuredEnglish):
                diags.extend(_se_order(p.body))
        found = [(d, n) for d, n in procs if b.process.text in (n.key, n.ident, n.name)]
        if not found:
            diags.append(_unknown(b, procs))
        else:
            d, n = found[0]
            pl.dfd, pl.key, pl.process_name = d.name, n.key, n.name
            if b.process_name and b.process_name.text != n.name:
                diags.append(Diagnostic(
                    "FD821", "error", f"process “{b.process.text}” is named “{n.name}”, not “{b.process_name.text}”",
                    b.process_name.span, f"write “{b.process.text} {n.name}”, or the ID of the process you mean",
                    message_zh=f"处理逻辑“{b.process.text}”的名称是“{n.name}”，不是“{b.process_name.text}”",
                    hint_zh=f"写成“{b.process.text} {n.name}”，或者写你要说明的处理逻辑的编号"))
            if n.has_child:
                diags.append(Diagnostic(
                    "FD822", "error", f"process “{b.process.text}” is broken down into a child diagram: "
                    "only a bottom-level process gets a logic description", b.process.span,
                    "describe the processes of its child diagram instead",
                    message_zh=f"处理逻辑“{b.process.text}”还分解成了子图：只有底层处理逻辑才写处理逻辑说明",
                    hint_zh="请为它子图中的处理逻辑分别写处理逻辑说明"))
            where = (d.name, n.key)
            if where in seen:
                diags.append(Diagnostic(
                    "FD832", "error", f"a second logic description of process “{b.process.text}”",
                    b.process.span, f"the first is at line {seen[where]}; put the tables, trees and "
                    "structured English of one process into one block",
                    message_zh=f"处理逻辑“{b.process.text}”的第二个处理逻辑说明",
                    hint_zh=f"第一个在第 {seen[where]} 行；同一处理逻辑的判定表、判定树和结构化语言写在同一个块里"))
            else:
                seen[where] = b.span.line
        case.logic.append(pl)
    return diags


def _unknown(b: L.Logic, procs) -> Diagnostic:
    names = [x for _, n in procs for x in dict.fromkeys((n.key, n.name))]
    en, zh = did_you_mean_both(b.process.text, names)
    bottom = [n.key + (f" {n.name}" if n.name != n.key else "") for _, n in procs if not n.has_child]
    listing = ", ".join(bottom[:8]) + (" …" if len(bottom) > 8 else "")
    return Diagnostic(
        "FD821", "error", f"no process “{b.process.text}” in the data flow diagrams of this file",
        b.process.span, en or (f"bottom-level processes: {listing}" if bottom else "draw the DFD first"),
        message_zh=f"本文件的数据流程图中没有处理逻辑“{b.process.text}”",
        hint_zh=zh or (f"底层处理逻辑有：{'、'.join(bottom[:8])}" if bottom else "请先画出数据流程图"))


def _se_order(body: list[L.SeStmt]) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    prev = None
    for s in body:
        if s.kind in ("elif", "else") and (prev is None or prev.kind not in ("if", "elif")):
            out.append(Diagnostic("FD833", "error", "“else” without an “if” before it", s.span,
                                  "write “if … { … }” right before “else { … }”",
                                  message_zh="“否则”前面没有“如果”",
                                  hint_zh="在“否则 { … }”前面紧接着写“如果 … { … }”"))
        if s.kind == "until" and (prev is None or prev.kind != "repeat"):
            out.append(Diagnostic("FD833", "error", "“until” without a “repeat” before it", s.span,
                                  "write “repeat { … }” right before “until …”",
                                  message_zh="“直到”前面没有“重复”",
                                  hint_zh="在“直到 …”前面紧接着写“重复 { … }”"))
        if s.body:
            out.extend(_se_order(s.body))
        prev = s
    return out
