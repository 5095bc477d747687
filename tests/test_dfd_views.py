"""DFD views: the derived context diagram, the levels, names, titles, notation, repeats,
and the case 3 sample carrying the answer's IDs into the SVG."""

from __future__ import annotations

import os

import pytest

import flowdsl
from conftest import ROOT, needs_dot
from flowdsl.views.dfd import level_name, level_names

TEXT = """dfd 书店 {
  entity 书商; entity 顾客; store S2 库存
  process P3 进书 {
    process P3.1 审核; process P3.2 编目
    书商 -[F3.1 采购单]-> P3.1 -[F3.3 合格]-> P3.2 -[F3.5 入库清单]-> S2
    P3.1 -[F3.2 退单]-> 书商
  }
  process P1 售书
  书商 -[F3.1 采购单]-> P3 -[F3.2 退单]-> 书商
  P3 -[F3.5 入库清单]-> S2 -[库存]-> P1
  顾客 -[购书单]-> P1 -[收费单]-> 顾客
  P1 -[结账单]-> 顾客
}"""


def views(text=TEXT, **kw):
    case = flowdsl.parse(text, **kw)
    assert case.diagnostics == [], case.format_diagnostics()
    return [d.view for d in case.views]


def test_view_names_and_titles_in_order():
    vs = views()
    assert [v.name for v in vs] == ["书店-context", "书店-0", "书店-P3"]
    assert [v.title for v in vs] == ["书店 顶层图", "书店 0层图", "P3 进书 1层图"]
    assert {v.kind for v in vs} == {"dfd"}


def test_context_is_derived_one_process_all_entities_boundary_flows():
    ctx = views(auto_repeat="off")[0]
    procs = [n for n in ctx.nodes if n.kind == "process"]
    assert len(procs) == 1 and procs[0].label == "书店" and procs[0].ident is None
    assert sorted(n.label for n in ctx.nodes if n.kind == "entity") == ["书商", "顾客"]
    assert not [n for n in ctx.nodes if n.kind == "store"]
    sys = procs[0].id
    lab = {n.id: n.label for n in ctx.nodes}
    flows = sorted((lab[e.src], lab[e.dst], e.ident, e.label) for e in ctx.edges)
    assert flows == sorted([("书商", "书店", "F3.1", "采购单"), ("书店", "书商", "F3.2", "退单"),
                            ("顾客", "书店", "F2", "购书单"), ("书店", "顾客", "F4", "收费单"),
                            ("书店", "顾客", "F5", "结账单")])  # F3 skipped: F3.x written
    assert all(sys in (e.src, e.dst) for e in ctx.edges)


def test_child_view_shows_boundary_endpoints_and_not_the_parent():
    child = views()[2]
    labels = [n.label for n in child.nodes]
    assert "书商" in labels and "库存" in labels           # outside ends of boundary flows
    assert "进书" not in labels and "售书" not in labels and "顾客" not in labels
    idents = {n.ident for n in child.nodes}
    assert {"P3.1", "P3.2", "S2"} <= idents
    assert sorted(e.ident for e in child.edges) == ["F3.1", "F3.2", "F3.3", "F3.5"]
    assert all(e.style == "data" for e in child.edges)


def test_level_names_option_english_and_deeper_levels():
    vs = views("option level_names = \"context,level 0,level 1\"\n" + TEXT)
    assert [v.title for v in vs] == ["书店 context", "书店 level 0", "P3 进书 level 1"]
    assert vs[0].nodes[0].ident == "0"
    assert level_name(level_names(None), 3) == "2层图"
    assert level_name(level_names("context,level 0,level 1"), 4) == "level 3"
    assert level_names("english") == ["context", "level 0", "level 1"]


def test_notation_from_option_and_from_parse():
    assert {v.notation for v in views()} == {"textbook"}
    assert {v.notation for v in views("option notation = \"gane-sarson\"\n" + TEXT)} == {"gane-sarson"}
    assert {v.notation for v in views(notation="yourdon")} == {"yourdon"}


def test_repeat_option_draws_a_marked_second_copy():
    vs = views(TEXT.replace("dfd 书店 {", "dfd 书店 {\n  option repeat = 书商"))
    for v in (vs[0], vs[2]):
        copies = [n for n in v.nodes if n.label == "书商"]
        assert [n.repeat for n in copies] == [False, True]
        first, second = copies
        assert all(e.src == first.id for e in v.edges if first.id in (e.src, e.dst))
        assert all(e.dst == second.id for e in v.edges if second.id in (e.src, e.dst))
    assert [n.repeat for n in views(auto_repeat="off")[0].nodes if n.label == "书商"] == [False]
    # without the option an entity that sends and receives is split all the same (issue 9)
    assert [n.repeat for n in views()[0].nodes if n.label == "书商"] == [False, True]


def test_location_band_and_idents_on_processes():
    v = views(TEXT.replace("process P1 售书", "process P1 售书 at 收银台"))[1]
    p1 = next(n for n in v.nodes if n.ident == "P1")
    assert p1.location == "收银台" and p1.label == "售书"


BOOKSTORE = os.path.join(ROOT, "samples", "03-bookstore.flow")
SEED_IDS = ["P3.1", "P3.2", "P3.3", "F3.1", "F3.2", "F3.3", "F3.4", "F3.5", "F9", "F10", "S2",
            "E1", "P1.1", "P1.2", "F1.1", "F1.2", "F3", "F4", "F5", "F6", "S01", "S02", "S03", "S04"]


def test_bookstore_sample_levels():
    case = flowdsl.load(BOOKSTORE)
    assert case.diagnostics == []
    names = [v.name for v in case.views]
    assert names == ["进书", "售书", "进书-context", "进书-0", "进书-P3", "售书-context", "售书-0", "售书-P1"]
    p3 = case.view("进书-P3").view
    assert {n.ident for n in p3.nodes if n.kind == "process"} == {"P3.1", "P3.2", "P3.3"}
    p1 = case.view("售书-P1").view
    assert {n.ident for n in p1.nodes if n.kind == "process"} == {"P1.1", "P1.2"}


@needs_dot
def test_bookstore_seed_ids_appear_verbatim_in_svg():
    case = flowdsl.load(BOOKSTORE)
    svg = "".join(case.view(n).render("svg").decode("utf-8") for n in ("进书-P3", "售书-P1"))
    for ident in SEED_IDS:
        assert f">{ident}<" in svg or f">{ident} " in svg, ident


@pytest.mark.parametrize("name", ["01-purchasing", "02-stocktake", "03-bookstore", "04-writeoff", "06-hospital"])
def test_case_samples_have_dfds_and_no_diagnostics(name):
    case = flowdsl.load(os.path.join(ROOT, "samples", name + ".flow"))
    assert case.diagnostics == []
    assert case.model.dfds
    kinds = [v.view.kind for v in case.views]
    assert kinds.count("dfd") >= 3          # context, 0层图 and at least one child


def test_a_child_diagram_is_titled_by_its_parent_box_text():
    # the box says “审核盘存报表”; the child diagram's title repeats it, not the short name
    import flowdsl

    case = flowdsl.parse('数据流程图 T "测试" {\n  外部实体 顾客\n  处理逻辑 P1 审核 "审核盘存报表" {\n'
                         '    处理逻辑 P1.1 甲\n    处理逻辑 P1.2 乙\n'
                         '    顾客 -[单]-> P1.1 -[中]-> P1.2 -[回]-> 顾客\n  }\n'
                         '  顾客 -[单]-> P1 -[回]-> 顾客\n}\n')
    assert not case.diagnostics
    assert [v.title for v in case.views] == ["测试 顶层图", "测试 0层图", "P1 审核盘存报表 1层图"]
