"""The networkx graph of a business chart, shared by the chart checks."""

from __future__ import annotations

from ..model import Chart


def chart_graph(chart: Chart):
    """A DiGraph with one node per element (plus start/end when used), in source order."""
    import networkx as nx

    g = nx.DiGraph()
    for e in chart.elements:
        g.add_node(e.key, kind=e.kind)
    for edge in chart.edges:
        if g.has_edge(edge.src, edge.dst):
            g[edge.src][edge.dst]["labels"].append(edge.label)
        else:
            g.add_edge(edge.src, edge.dst, labels=[edge.label], origin=edge.origin)
    return g
