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
