"""FD503: a data store drawn on a diagram where only one (decomposed) process uses it.

A store appears first on the highest diagram where two or more processes share it; a
store only one process's breakdown uses is local to that child diagram. A store of the
same name used by another DFD of the case counts as shared.
"""

from ...codes import default_severity
from ...diagnostics import Diagnostic
from .context import describe

CODE = "FD503"


def check(ctx):
    out = []
    for s in ctx.dfd.nodes:
        if s.kind != "store":
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
        out.append(Diagnostic(CODE, default_severity(CODE),
                              f"data store “{describe(s)}” is used only by “{describe(node)}”: "
                              "it belongs on that process's child diagram",
                              s.span, f"declare it inside “process {node.ident} {node.name} {{ … }}”",
                              message_zh=f"数据存储“{describe(s)}”只被“{describe(node)}”使用：应当画在这个处理逻辑的子图中",
                              hint_zh=f"在“处理逻辑 {node.ident} {node.name} {{ … }}”之内声明它"))
    return out
