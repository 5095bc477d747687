"""Business chart (业务流程图) → View: what to draw, in which lane, with which symbol."""

from __future__ import annotations

from ..model.types import END, START, CaseModel, Chart
from .graph import VEdge, View, VNode

#: model element kind -> view node kind
KIND = {"unit": "unit", "ext_unit": "unit_ext", "document": "document", "report": "document",
        "ledger": "ledger", "collect": "collect", "step": "step", "decision": "decision"}


def lane_order(chart: Chart) -> list[str]:
    """The lanes: the chart's list, then each unit a step names but the list left out
    (drawn in a lane of its own, never in another unit's; FD207 warns about it)."""
    lanes = list(chart.lanes or ())
    units = {e.key for e in chart.elements if e.kind in ("unit", "ext_unit")}
    for el in chart.elements:
        if el.kind in ("step", "decision") and el.unit in units and el.unit not in lanes:
            lanes.append(el.unit)
    return lanes


def _lanes_of(chart: Chart) -> dict[str, str]:
    """Lane of every element: steps by their unit; units their own lane; documents,
    ledgers and collections the lane of the step that makes/writes them, else of
    whatever first touches them."""
    order = lane_order(chart)
    lanes = set(order)
    lane: dict[str, str] = {}
    # what may follow its neighbours into their lane: documents, ledgers, collections
    follower = {el.key for el in chart.elements if el.kind not in ("step", "decision", "unit", "ext_unit")}
    for el in chart.elements:
        if el.kind in ("unit", "ext_unit") and el.key in lanes:
            lane[el.key] = el.key
        elif el.kind in ("step", "decision") and el.unit in lanes:
            lane[el.key] = el.unit  # type: ignore[assignment]
    for _ in range(3):  # documents chained through documents settle in a few rounds
        for edge in chart.edges:
            for here, other in ((edge.dst, edge.src), (edge.src, edge.dst)):
                if here in follower and here not in lane and other in lane:
                    lane[here] = lane[other]
    first = (order or [None])[0]
    if first:
        for el in chart.elements:
            lane.setdefault(el.key, first)
        lane[START] = lane.get(next((e.dst for e in chart.edges if e.src == START), ""), first)
        # the end sits where most paths finish (ties: the last one written), not at the
        # first early exit (可研未通过 -> 结束), so the main flow ends beside it
        ends = [lane[e.src] for e in chart.edges if e.dst == END and e.src in lane]
        lane[END] = max(reversed(ends), key=ends.count) if ends else first
    return lane


def _back_edges(chart: Chart, ids: dict[str, str]) -> set[int]:
    """Edges that close a loop (:func:`flowdsl.views.loops.back_edges`), the story
    being the flow statements first, then the edges step attributes make."""
    from .loops import back_edges

    story = [k for e in sorted(chart.edges, key=lambda e: e.origin != "arrow") for k in (e.src, e.dst)]
    return back_edges([(e.src, e.dst) for e in chart.edges], [*story, *ids])


def chart_view(chart: Chart, case: CaseModel | None = None, page: tuple[int, int] | None = None,
               **overrides) -> View:
    opts = dict(case.options if case else {})
    opts.update(chart.options)
    opts.update({k: v for k, v in overrides.items() if v})
    swim = chart.lanes is not None
    lane = _lanes_of(chart) if swim else {}
    ids: dict[str, str] = {}
    nodes: list[VNode] = []
    if chart.uses_start:
        ids[START] = "start"
        nodes.append(VNode("start", "start", "开始", lane=lane.get(START)))
    touched = {k for e in chart.edges for k in (e.src, e.dst)}
    for i, el in enumerate(chart.elements, 1):
        if swim and el.kind in ("unit", "ext_unit") and el.key in lane and el.key not in touched:
            continue  # a lane's own unit is named by the lane header; drawn only if arrows use it
        ids[el.key] = f"n{i}"
        nodes.append(VNode(ids[el.key], KIND[el.kind], el.text, lane=lane.get(el.key),  # type: ignore[arg-type]
                           location=el.module, control=el.control))
    if chart.uses_end:
        ids[END] = "end"
        nodes.append(VNode("end", "end", "结束", lane=lane.get(END)))
    back = _back_edges(chart, ids)
    edges = [
        VEdge(ids[e.src], ids[e.dst], e.label, None, e.style, i in back)
        for i, e in enumerate(chart.edges)
        if e.src in ids and e.dst in ids
    ]
    from .tidy import number_order, tidy_chart

    nodes, edges, beside = tidy_chart(nodes, edges, auto_repeat=opts.get("auto_repeat") != "off",
                                      lanes=swim)
    block = list(chart.title_block)
    units = {el.key: el.text for el in chart.elements}
    controls = tuple((el.control, el.text, el.control_note or "", units.get(el.unit or "", el.unit or ""))
                     for el in chart.elements if el.control)
    return View(
        name=chart.name,
        title=chart.title or chart.name,
        kind="business",
        nodes=tuple(nodes),
        edges=tuple(edges),
        beside=beside,
        after=number_order(nodes, edges),
        lanes=tuple(lane_order(chart)) if swim else (),
        lane_direction=chart.lane_direction,
        direction="LR" if opts.get("direction") == "LR" else "TB",
        unit_shape="box" if opts.get("unit_shape") == "box" else "circle",
        decision_shape="diamond" if opts.get("decisions") == "diamond" else "arrow",
        title_block=tuple(block),
        page=page if block else None,
        controls=controls,
        edges_style="orthogonal" if opts.get("edges") == "orthogonal" else "curved",
    )
