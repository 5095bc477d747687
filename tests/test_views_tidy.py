"""Textbook tidying of business charts (flowdsl/views/tidy.py): ledgers beside their
steps, repeated copies for far users and far returns, local ends."""

from __future__ import annotations

import flowdsl
from flowdsl.render.dot import view_to_dot

CHART = """
案例 测试 "测试"
业务流程图 图 "图" {
  选项 %s
  单位 仓库
  单位 主管
  外部单位 供应商
  账簿 库存帐
  步骤 查询 "查询库存" 由 仓库 读取 库存帐
  步骤 编制 "编制订单" 由 仓库
  步骤 送审 "送审订单" 由 仓库
  判断 审核 "审核订单" 由 主管
  步骤 发货 "通知发货" 由 主管
  步骤 验收 "验收货物" 由 仓库
  步骤 入库 "货物入库" 由 仓库
  判断 复检 "复检货物" 由 仓库
  步骤 登记 "登记库存帐" 由 仓库 写入 库存帐
  仓库 -> 查询 -> 编制 -> 送审 -> 审核
  审核 -[同意]-> 发货 -> 供应商 -> 验收
  验收 -> 入库 -> 复检
  复检 -[合格]-> 登记 -> 结束
  复检 -[不合格退回]-> 供应商
  审核 -[不同意]-> 结束
}
"""


def _view(option: str = "方向 = 纵向"):
    case = flowdsl.parse(CHART % option)
    assert case.ok, case.format_diagnostics()
    return case.views[0].view


def test_far_users_of_a_ledger_get_a_repeated_copy_each_beside_its_step():
    view = _view()
    ledgers = [n for n in view.nodes if n.kind == "ledger"]
    assert [n.repeat for n in ledgers] == [False, True]
    home, copy = ledgers
    by = {n.id: n for n in view.nodes}
    # the writer keeps the ledger, the reader far above reads a copy
    assert {(by[e.src].label, by[e.dst].label) for e in view.edges if home.id in (e.src, e.dst)} == {
        ("登记库存帐", "库存帐")}
    assert {(by[e.src].label, by[e.dst].label) for e in view.edges if copy.id in (e.src, e.dst)} == {
        ("库存帐", "查询库存")}
    beside = {(by[n].label, by[a].label) for n, a in view.beside}
    assert ("库存帐", "登记库存帐") in beside and ("库存帐", "查询库存") in beside
    dot = view_to_dot(view)
    assert "rank=same" in dot and "beside_" in dot


def test_a_far_return_goes_to_a_copy_of_the_unit_and_a_far_end_gets_its_own():
    view = _view()
    units = [n for n in view.nodes if n.label == "供应商"]
    assert [n.repeat for n in units] == [False, True]
    ret = next(e for e in view.edges if e.label == "不合格退回")
    assert ret.dst == units[1].id and not ret.back
    ends = [n for n in view.nodes if n.kind == "end"]
    assert len(ends) == 2
    early = next(e for e in view.edges if e.label == "不同意")
    assert early.dst == ends[1].id


def test_auto_repeat_off_keeps_one_symbol_each():
    view = _view("自动重复 = 关")
    assert sum(n.kind == "ledger" for n in view.nodes) == 1
    assert sum(n.label == "供应商" for n in view.nodes) == 1
    assert sum(n.kind == "end" for n in view.nodes) == 1
    assert not any(n.repeat for n in view.nodes)
    assert len(view.beside) == 1   # the ledger still sits beside its writer


def test_numbered_steps_are_drawn_in_numeric_order():
    text = """
案例 测试 "测试"
业务流程图 图 "图" {
  泳道 纵向: 甲、乙
  单位 甲
  单位 乙
  单据 单
  步骤 a "1 开单" 由 甲 产生 单
  步骤 b "2 审核" 由 甲
  步骤 c "3 记账" 由 乙
  步骤 d "4 归档" 由 甲
  a -> b -> d
  单 -> c
}
"""
    case = flowdsl.parse(text)
    assert case.ok, case.format_diagnostics()
    view = case.views[0].view
    by = {n.label: n.id for n in view.nodes}
    # 3 is only reached from the document of 1: it must still come after 2, and 4 after 3
    assert (by["2 审核"], by["3 记账"]) in view.after
    assert (by["3 记账"], by["4 归档"]) in view.after
    assert (by["1 开单"], by["2 审核"]) not in view.after    # the arrow says so already
    from flowdsl.render import layout_view
    from flowdsl.render.dot import dot_node_names
    lay = layout_view(view)
    names = dot_node_names(view)
    ys = [lay.nodes[names[by[k]]].y for k in ("1 开单", "2 审核", "3 记账", "4 归档")]
    assert ys == sorted(ys) and len(set(ys)) == 4


def test_lane_compaction_is_monotone_and_keeps_nodes_in_their_lanes():
    from flowdsl.render.compact import _map
    f = _map([(0, 100), (300, 400), (1000, 1100)], 16.0)
    xs = [x * 7.3 for x in range(160)]
    assert all(f(a) < f(b) for a, b in zip(xs, xs[1:]))
    assert f(100) - f(0) == 100 and round(f(400) - f(300), 6) == 100    # symbols keep their width
    assert f(300) - f(100) == 200 / 2.1                                 # a gap shrinks, smoothly
    from pathlib import Path
    case = flowdsl.load(str(Path(__file__).resolve().parent.parent / "samples" / "05-erp-sales.flow"))
    view = case.views[0].view
    from flowdsl.render import layout_view
    from flowdsl.render.layout import misplaced_nodes
    lay = layout_view(view)
    assert misplaced_nodes(lay, view, False) == []
