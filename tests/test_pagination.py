"""Where a diagram too big to print is cut into sheets (issue 9, item 6): the planner
(render/pagination.py) and how render/sheets.py uses it: few, well-filled sheets, each
at >= 8 pt on A4, none with a lone step, each showing the lanes it uses, a sheet that
does not fit planned again on its own."""

import shutil

import pytest

import flowdsl
from sheet_tools import connector_pairs
from flowdsl.render.paper import MIN_TEXT_PT, svg_size
from flowdsl.render.pagination import STEP_KINDS, estimate, measure, plan
from flowdsl.render.sheets import _lay, _realise, sheet_views, split_view

needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz not installed")

SA003 = "samples/05-erp-sales.flow"
LIFECYCLE = "samples/07-internal-control.flow"


def steps(sheet) -> int:
    return sum(n.kind in STEP_KINDS for n in sheet.view.nodes)


def check_connectors(sheets, view):
    """Every letter once leaving ("至第b张") on sheet a and once arriving ("接第a张") on
    sheet b, joining the two ends of an arrow of the diagram."""
    outs, ins = connector_pairs(sheets)
    assert outs.keys() == ins.keys()
    for letter, (k, other, out_id, sv) in outs.items():
        k2, back, in_id, sv2 = ins[letter]
        assert other == k2 and back == k and k != k2
        srcs = {e.src for e in sv.edges if e.dst == out_id}
        dst = next(e.dst for e in sv2.edges if e.src == in_id)
        assert srcs and all(any(e.src == s and e.dst == dst for e in view.edges) for s in srcs)


def sheet_plan(path):
    view = flowdsl.load(path).views[0].view
    whole = _lay(view, "A4", "auto", 30.0)
    probe = sheet_views(view, [[n.id for n in view.nodes[:1]], [n.id for n in view.nodes[1:]]])
    return view, measure(view, whole.layout, whole.svg, continued_view=probe[1], first_view=probe[0])


@needs_dot
@pytest.mark.parametrize("path,most", [(SA003, 5), (LIFECYCLE, 12)])   # were 12 and 39
def test_wide_swimlane_charts_split_into_few_sheets_without_lone_steps(path, most):
    view = flowdsl.load(path).views[0].view
    sheets = split_view(view, "A4", "auto")
    assert 2 <= len(sheets) <= most
    assert all(s.text_pt >= MIN_TEXT_PT for s in sheets)
    assert all(steps(s) >= 2 for s in sheets)                     # no sheet with a lone step
    assert len({s.orientation for s in sheets}) == 1              # one orientation a figure
    check_connectors(sheets, view)
    real = [n.id for s in sheets for n in s.view.nodes if n.kind not in ("connector", "end")]
    assert sorted(real) == sorted(n.id for n in view.nodes if n.kind != "end")
    for k, s in enumerate(sheets):
        used = {n.lane for n in s.view.nodes}
        # the lanes its symbols are in, in the chart's order, and only those
        assert list(s.view.lanes) == [lane for lane in view.lanes if lane in used]
        # a continuation sheet: a one-row title block (its first field, 第x张/共y张)
        assert s.view.title_block == (view.title_block if k == 0 else view.title_block[:1])
        assert s.view.page == (k + 1, len(sheets))


@needs_dot
def test_an_arrow_to_the_end_on_another_sheet_ends_at_an_end_of_its_own():
    view = flowdsl.load(LIFECYCLE).views[0].view
    sheets = split_view(view, "A4", "auto")
    ids = {n.id for n in view.nodes}
    copies = 0
    for s in sheets:
        kind = {n.id: n.kind for n in s.view.nodes}
        for n in s.view.nodes:
            if n.kind == "end":    # reached by an arrow of its own sheet
                copies += n.id not in ids
                assert any(e.dst == n.id for e in s.view.edges)
        for e in s.view.edges:     # and never through an off-page connector
            assert not (kind[e.src] == "connector" and kind[e.dst] == "end")
    assert copies   # (the lifecycle: "未通过" ends at a 结束 on its own sheet)


def test_sheet_views_share_a_pair_for_arrows_into_one_symbol_and_copy_the_end():
    from flowdsl.views.graph import View, VEdge, VNode

    nodes = tuple(VNode(i, k, i.upper(), lane="甲") for i, k in
                  (("a", "decision"), ("b", "step"), ("c", "step"), ("d", "step"), ("end", "end")))
    edges = (VEdge("a", "b"), VEdge("a", "c"), VEdge("b", "d"), VEdge("c", "d"), VEdge("a", "end"),
             VEdge("d", "end"))
    view = View("v", "图", "business", nodes, edges, lanes=("甲", "乙"), title_block=(("业务编号", "X-1"),
                                                                                      ("日期", "今天")))
    first, second = sheet_views(view, [["a", "b", "c"], ["d", "end"]], drop_lanes=True)
    conn = [n for n in first.nodes + second.nodes if n.kind == "connector"]
    assert sorted((n.label, n.location) for n in conn) == [("A", "接第1张"), ("A", "至第2张")]
    out_id = next(n.id for n in first.nodes if n.kind == "connector")
    assert sorted(e.src for e in first.edges if e.dst == out_id) == ["b", "c"]
    # a -> end crosses to sheet 2: it ends at a copy on sheet 1
    copy = [n for n in first.nodes if n.kind == "end"]
    assert len(copy) == 1 and copy[0].id != "end" and any(e.src == "a" and e.dst == copy[0].id
                                                          for e in first.edges)
    assert [n.id for n in second.nodes if n.kind == "end"] == ["end"]   # d -> end stays
    assert first.lanes == second.lanes == ("甲",)                       # the unused lane is left off
    assert second.title_block == (("业务编号", "X-1"),) and second.page == (2, 2)


@needs_dot
def test_a_sheet_of_one_lane_keeps_its_symbols_below_the_lane_header():
    from flowdsl.render.dot import dot_node_names
    from flowdsl.render.pipeline import laid_out

    view = flowdsl.load(SA003).views[0].view
    sheets = split_view(view, "A4", "auto")
    lone = [s for s in sheets if len(s.view.lanes) == 1]
    if not lone:   # make one: the last lane's steps on a sheet of their own
        lane = view.lanes[-1]
        ids = [n.id for n in view.nodes]
        cut = next(i for i, n in enumerate(view.nodes) if n.lane == lane)
        views = sheet_views(view, [ids[:cut], ids[cut:]], drop_lanes=True)
        lone = [v for v in views if len(v.lanes) == 1]
        assert lone
        pairs = [(v, laid_out(v)[0]) for v in lone]
    else:
        pairs = [(s.view, s.layout) for s in lone]
    for v, layout in pairs:
        header = layout.nodes["lane1"]
        names = dot_node_names(v)
        for n in v.nodes:
            nb = layout.nodes[names[n.id]]
            assert nb.y - nb.height / 2 > header.y + header.height / 2, n


@needs_dot
def test_estimates_of_the_planned_sheets_are_close_to_their_layouts():
    view, m = sheet_plan(SA003)
    groups = plan(m, "A4", "portrait", True)
    views = sheet_views(view, [[nid for r in range(a, b + 1) for nid in m.ids[r]] for a, b in groups],
                        drop_lanes=True)
    for g, v in zip(groups, views):
        along, cross = estimate(m, g[0], g[1], True)
        w, h = svg_size(_lay(v, "A4", "portrait", 30.0).svg)
        assert abs(along - h) / h < 0.15 and abs(cross - w) / w < 0.15, (g, along, h, cross, w)


@needs_dot
def test_a_sheet_that_does_not_fit_is_planned_again_alone():
    view, m = sheet_plan(SA003)
    groups = list(plan(m, "A4", "portrait", True))
    assert len(groups) >= 3
    # two sheets' ranks on one: far too long for 8 pt; the others must stay as they were
    merged = groups[:1] + [(groups[1][0], groups[2][1])] + groups[3:]
    got, sheets = _realise(view, m, merged, "A4", "portrait", (True, 1.0), 30.0)
    assert got[:1] == groups[:1] and got[-len(groups[3:]) or len(got):] == groups[3:]
    middle = got[1:len(got) - len(groups[3:])]
    assert len(middle) >= 2 and middle[0][0] == groups[1][0] and middle[-1][1] == groups[2][1]
    assert all(b[0] == a[1] + 1 for a, b in zip(got, got[1:]))          # consecutive, no gaps
    assert all(s.text_pt >= MIN_TEXT_PT for s in sheets)


@needs_dot
def test_the_plan_covers_its_range_with_at_least_two_groups_when_asked():
    _, m = sheet_plan(LIFECYCLE)
    n = len(m.ids)
    for lo, hi in ((0, n), (3, 9), (10, 12)):
        got = plan(m, "A4", "portrait", True, lo, hi, (1.0, 1.0), 2)
        assert len(got) >= 2 and got[0][0] == lo and got[-1][1] == hi - 1
        assert all(b[0] == a[1] + 1 for a, b in zip(got, got[1:]))


SPLIT_SAMPLES = [  # (file, diagram index, notation, most sheets): no more than before this planner
    ("samples/01-purchasing.flow", 0, "textbook", 2),
    ("samples/03-bookstore.flow", 0, "textbook", 2),
    ("samples/06-hospital.flow", 1, "textbook", 3),
    ("samples/06-hospital.flow", 1, "gane-sarson", 3),
    ("samples/06-hospital.flow", 1, "yourdon", 3),
]


@needs_dot
@pytest.mark.parametrize("path,index,notation,most", SPLIT_SAMPLES)
def test_the_other_split_samples_take_no_more_sheets(path, index, notation, most):
    sheets = split_view(flowdsl.load(path, notation=notation).views[index].view, "A4", "auto")
    assert len(sheets) <= most and all(s.text_pt >= MIN_TEXT_PT for s in sheets)


@needs_dot
def test_horizontal_lanes_are_squeezed_across_and_keep_their_symbols():
    """The empty rows of horizontal lanes shrink as vertical lanes' empty columns do
    (the exercise 报销: its lanes were 980 pt tall, 5 sheets of one step each)."""
    from flowdsl.render.compact import _transpose, compact_lanes
    from flowdsl.render.layout import misplaced_nodes
    from flowdsl.render.pipeline import _lane_layout

    view = flowdsl.load("tests/fixtures/cases/03-expense-claim.flow").views[0].view
    assert view.lane_direction == "horizontal"
    raw = _lane_layout(view, 30.0)
    assert _transpose(_transpose(raw)) == raw
    squeezed = compact_lanes(raw, view)
    assert squeezed.height < raw.height - 100 and squeezed.width == raw.width
    assert misplaced_nodes(squeezed, view, True) == []
    for name, nb in raw.nodes.items():          # along the flow nothing moves
        assert squeezed.nodes[name].x == nb.x
    sheets = split_view(view, "A4", "auto")
    assert len(sheets) <= 3 and all(s.text_pt >= MIN_TEXT_PT for s in sheets)
