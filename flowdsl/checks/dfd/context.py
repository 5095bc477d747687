"""What every DFD check needs: nodes by key, flows per diagram, the levels.

A *diagram* is named by the key of the process it breaks down (``None``: the first
breakdown, 0层图). A node belongs to the diagram that declares it
(``DfdNode.parent``); a flow to the diagram whose body holds it (``DfdFlow.diagram``).
"""

from __future__ import annotations

from functools import cached_property

from ...model.types import CaseModel, Dfd, DfdFlow, DfdNode


#: the kinds of DFD element in Chinese
KIND_ZH = {"entity": "外部实体", "store": "数据存储", "process": "处理逻辑"}


def diagram_zh(ctx: "DfdContext", diagram: str | None) -> str:
    """A diagram named in Chinese: 0层图, or the child diagram (子图) of a process."""
    return "0层图" if diagram is None else f"“{describe(ctx.nodes[diagram])}”的子图"


def describe(node: DfdNode) -> str:
    """``P3.1 采购单审核`` — how a node is named in messages."""
    return f"{node.ident} {node.name}" if node.ident else node.name


def flow_text(flow: DfdFlow) -> str:
    if flow.name:
        return f"“{flow.name}” ({flow.key})"
    return f"the unnamed flow {flow.key}"


class DfdContext:
    def __init__(self, dfd: Dfd, case: CaseModel | None = None, gaps=None) -> None:
        self.dfd = dfd
        self.case = case or CaseModel(dfds=[dfd])
        self.nodes: dict[str, DfdNode] = {n.key: n for n in dfd.nodes}
        #: flows whose other end is a misspelt name: (diagram, src, dst), UNKNOWN for that end
        self.gaps: list[tuple] = list(gaps.edges) if gaps else []

    def touched(self, key: str) -> bool:
        """``key`` has a flow to or from a name that could not be resolved."""
        return any(key in (s, d) for _, s, d in self.gaps)

    def gap_on(self, diagram: str | None) -> bool:
        return any(g[0] == diagram for g in self.gaps)

    @cached_property
    def graph(self):
        """One node per DfdNode key, one edge per connected pair whose ``flows`` lists
        the flows between them (the small digraph of ``checks.graph``: importing
        networkx would cost ~85 ms of start-up)."""
        from ..graph import DiGraph

        g = DiGraph()
        for n in self.dfd.nodes:
            g.add_node(n.key, kind=n.kind)
        for f in self.dfd.flows:
            if g.has_edge(f.src, f.dst):
                g[f.src][f.dst]["flows"].append(f)
            else:
                g.add_edge(f.src, f.dst, flows=[f])
        for _, src, dst in self.gaps:   # a misspelt end: the flow exists, its end is unknown
            if not g.has_edge(src, dst):
                g.add_edge(src, dst, flows=[])
        return g

    def option(self, key: str, default: str | None = None) -> str | None:
        return self.dfd.options.get(key, self.case.options.get(key, default))

    # ------------------------------------------------------------------ levels
    @property
    def diagrams(self) -> list[str | None]:
        """The first breakdown, then every decomposed process in declaration order."""
        return [None] + [n.key for n in self.dfd.nodes if n.kind == "process" and n.has_child]

    def declared_on(self, diagram: str | None) -> list[DfdNode]:
        return [n for n in self.dfd.nodes if n.parent == diagram]

    def flows_on(self, diagram: str | None) -> list[DfdFlow]:
        return [f for f in self.dfd.flows if f.diagram == diagram]

    def inside(self, diagram: str | None) -> set[str]:
        """Processes and stores declared on ``diagram`` (entities are always outside)."""
        return {n.key for n in self.declared_on(diagram) if n.kind != "entity"}

    def chain(self, diagram: str | None) -> list[str | None]:
        """``diagram`` and the diagrams above it, up to the first breakdown (None)."""
        out: list[str | None] = [diagram]
        while diagram is not None:
            diagram = self.nodes[diagram].parent
            out.append(diagram)
        return out

    def depth(self, diagram: str | None) -> int:
        """0 for the first breakdown, 1 for the child of a first-breakdown process …"""
        return len(self.chain(diagram)) - 1

    def boundary(self, process: str) -> tuple[list[DfdFlow], list[DfdFlow]]:
        """Inputs and outputs of the child diagram of ``process`` (flows that cross it)."""
        inside = self.inside(process)
        ins, outs = [], []
        for f in self.flows_on(process):
            if f.dst in inside and f.src not in inside:
                ins.append(f)
            elif f.src in inside and f.dst not in inside:
                outs.append(f)
        return ins, outs

    def parent_io(self, process: str) -> tuple[list[DfdFlow], list[DfdFlow]]:
        """Inputs and outputs of ``process`` on the diagram that draws it."""
        where = self.nodes[process].parent
        flows = [f for f in self.flows_on(where) if f.src != f.dst]
        return [f for f in flows if f.dst == process], [f for f in flows if f.src == process]

    # ------------------------------------------------------------------ whole case
    def other_dfd_stores(self) -> list[tuple[Dfd, DfdNode]]:
        return [(d, n) for d in self.case.dfds if d is not self.dfd for n in d.nodes if n.kind == "store"]

    def store_used_elsewhere(self, name: str, as_dst: bool | None = None) -> bool:
        """A store of the same name is used in another DFD of the case (written to when
        ``as_dst`` is True, read from when False, either when None)."""
        for d, n in self.other_dfd_stores():
            if n.name != name:
                continue
            for f in d.flows:
                if (as_dst is not False and f.dst == n.key) or (as_dst is not True and f.src == n.key):
                    return True
        return False

    def definition_parts(self, name: str) -> set[str]:
        """Every name the data dictionary (``define`` lines and entries) puts inside
        ``name`` (transitively)."""
        from ...model.dictionary_fill import all_parts

        defs = all_parts(self.case)
        out: set[str] = set()
        todo = list(defs.get(name, ()))
        while todo:
            x = todo.pop()
            if x not in out:
                out.add(x)
                todo.extend(defs.get(x, ()))
        return out
