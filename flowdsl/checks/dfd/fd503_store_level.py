"""FD503: a data store drawn on a diagram where only one (decomposed) process uses it.

A store appears first on the highest diagram where two or more processes share it; a
store only one process's breakdown uses is local to that child diagram. A store of the
same name used by another DFD of the case counts as shared.
"""

from ...diagnostics.codes import default_severity
from ...diagnostics.diagnostic import Diagnostic
from .context import describe

CODE = "FD503"


def check(ctx):
    out = []
    for s, node in misplaced(ctx):
        out.append(Diagnostic(CODE, default_severity(CODE),
                              f"data store “{describe(s)}” is used only by “{describe(node)}”: "
                              "it belongs on that process's child diagram",
                              s.span, f"declare it inside “process {node.ident} {node.name} {{ … }}”",
                              message_zh=f"数据存储“{describe(s)}”只被“{describe(node)}”使用：应当画在这个处理逻辑的子图中",
                              hint_zh=f"在“处理逻辑 {node.ident} {node.name} {{ … }}”之内声明它"))
    return out


def with_consequences(d: Diagnostic, flow_ids: list[str]) -> Diagnostic:
    """FD503 naming the child diagram's flows it unbalances (reported here, not as FD501)."""
    ids = ", ".join(flow_ids)
    return Diagnostic(d.code, d.severity, d.message, d.span,
                      f"{d.hint}; that also balances the child diagram with its process, which the flows "
                      f"{ids} of the store now upset",
                      d.file, message_zh=d.message_zh,
                      hint_zh=f"{d.hint_zh}；这样子图与父处理逻辑也就平衡了（现在是这个数据存储的数据流 {ids} 使它们不平衡）")


def misplaced(ctx) -> list[tuple]:
    """(store, the decomposed process that alone uses it) for every store drawn too high."""
    out = []
    for s in ctx.dfd.nodes:
        if s.kind != "store" or ctx.touched(s.key):
            continue
        users = set()
        for f in ctx.dfd.flows:
            if s.key not in (f.src, f.dst):
                continue
            other = f.dst if f.src == s.key else f.src
            chain = ctx.chain(f.diagram) if f.diagram is not None else [None]
            # the process on the store's own diagram that this flow belongs to
            top = other
            for d in chain:
                if d is not None and ctx.nodes[d].parent == s.parent:
                    top = d
            users.add(top)
        if len(users) != 1:
            continue
        (user,) = users
        node = ctx.nodes.get(user)
        if node is None or node.kind != "process" or not node.has_child or node.parent != s.parent:
            continue
        if ctx.store_used_elsewhere(s.name):
            continue
        out.append((s, node))
    return out
