"""``flowdsl derive`` / ``Case.derive_dfd``: a first DFD drafted from a business chart."""

from __future__ import annotations

import os

import pytest

import flowdsl
from flowdsl.app.cli import main
from flowdsl.model.derive import DeriveError
from flowdsl.lang.format import format_source

from conftest import ROOT

SAMPLES = os.path.join(ROOT, "samples")
#: warnings the derived DFD keeps, because the chart itself implies them
EXPECTED_WARNINGS = {
    "01-purchasing": {"FD308"},                 # 流水帐 is only written in the chart
    "02-stocktake": set(),
    "03-bookstore": {"FD308"},                  # 入库台帐, 销售台帐 only written
    "04-writeoff": {"FD307", "FD308"},          # 库存计划 only read; 流水帐, 库存台帐 only written
    "05-erp-sales": {"FD308", "FD502"},         # filed vouchers; 14 steps in one diagram
    "07-internal-control": {"FD308", "FD502"},  # 升级申请 filed; 45 steps
}


def sample(name: str) -> str:
    return os.path.join(SAMPLES, name + ".flow")


def derived(name: str, chart: str | None = None) -> flowdsl.Case:
    text = flowdsl.load(sample(name)).derive_dfd(chart)
    return flowdsl.parse(text, name=f"derived-{name}.flow")


@pytest.mark.parametrize("name", sorted(EXPECTED_WARNINGS))
def test_every_sample_chart_derives_a_clean_dfd(name):
    source = flowdsl.load(sample(name))
    text = source.derive_dfd()
    case = flowdsl.parse(text)
    assert case.model is not None
    assert [d.code for d in case.diagnostics if d.severity == "error"] == []
    assert {d.code for d in case.diagnostics} == EXPECTED_WARNINGS[name], case.format_diagnostics()
    assert case.model.charts == []
    assert [d.name for d in case.model.dfds] == [c.name for c in source.model.charts]
    assert format_source(text) == text                      # formatted, and fmt leaves it alone
    assert flowdsl.parse(format_source(text)).to_text("zh") == case.to_text("zh")
    assert text.startswith("案例 ") and "\n数据流程图 " in text and "\n  加工 P1 " in text
    assert text == source.derive_dfd()                      # deterministic
    for dfd in case.model.dfds:
        assert all(not f.goods and f.name for f in dfd.flows)
        kinds = {n.key: n.kind for n in dfd.nodes}
        assert all("process" in (kinds[f.src], kinds[f.dst]) for f in dfd.flows)


def test_purchasing_structure():
    dfd = derived("01-purchasing").model.dfds[0]
    by_name = {n.name: n for n in dfd.nodes}
    assert by_name["供应商"].kind == "entity"
    assert by_name["库存帐"].kind == "store" and by_name["库存帐"].label == "库存帐目"
    assert by_name["流水帐"].kind == "store"
    assert "检验人员" not in by_name and "采购部收" not in by_name      # units inside disappear
    procs = {n.name: n for n in dfd.nodes if n.kind == "process"}
    assert set(procs) == {"查询库存", "编制订单", "验货", "复核", "登记", "收货", "主管审核"}
    assert procs["验货"].location == "检验人员" and procs["收货"].location == "采购部"
    assert [n.key for n in dfd.nodes if n.kind == "process"] == [f"P{i}" for i in range(1, 8)]
    assert sorted(n.key for n in dfd.nodes if n.kind == "store") == ["S1", "S2"]
    flows = {(dfd.node(f.src).name, f.name, dfd.node(f.dst).name) for f in dfd.flows}
    assert ("编制订单", "采购订货单", "供应商") in flows                 # document on the arrow
    assert ("供应商", "采购收货单", "收货") in flows                     # hand-off via 采购部收 dropped
    assert ("库存帐", "库存帐目", "查询库存") in flows                   # reads
    assert {("登记", "库存帐目", "库存帐"), ("登记", "流水帐", "流水帐")} <= flows  # writes
    assert [f.key for f in dfd.flows] == [f"F{i}" for i in range(1, len(dfd.flows) + 1)]


def test_a_document_that_ends_the_chart_is_filed():
    dfd = derived("05-erp-sales").model.dfds[0]
    stores = {n.name: n.label for n in dfd.nodes if n.kind == "store"}
    assert stores == {"结转凭证": "销售成本结转凭证", "收款凭证": None}
    entities = [n.name for n in dfd.nodes if n.kind == "entity"]
    assert entities == ["客户"] and "签合同" not in {n.name for n in dfd.nodes}


def test_choices_are_commented():
    text = flowdsl.load(sample("01-purchasing")).derive_dfd()
    assert "# 原为物流箭头（货物），以随货单据命名为数据流：请确认\n  收货 -[F10 采购收货单]-> 验货" in text
    assert "# 采购部 是系统内的单位，但业务由它发起" in text
    sales = flowdsl.load(sample("03-bookstore")).derive_dfd("售书")
    assert "# 由 顾客离店 合并：顾客离店 与 顾客 标注相同，是同一外部单位" in sales
    dfd = flowdsl.parse(sales).model.dfds[0]
    assert [n.name for n in dfd.nodes if n.kind == "entity"].count("顾客") == 1
    assert "顾客离店" not in {n.name for n in dfd.nodes}
    assert "选书" not in {n.name for n in dfd.nodes}                 # done by the customer: outside
    flows = {(dfd.node(f.src).name, f.name, dfd.node(f.dst).name) for f in dfd.flows}
    # goods arrows become data flows only where an element would otherwise lose its end;
    # the receipt the customer was given travels on with the books to the guard
    assert {("顾客", "新书", "收费"), ("顾客", "收费单", "保安审核"), ("收费", "收费单", "顾客")} <= flows


def test_english_keywords_stay_english_and_handoffs_are_dropped():
    src = """chart c {
  external Customer
  external Bank
  unit Clerk
  document Order
  document Slip
  ledger Sales
  step Take "take the order" by Clerk writes Sales
  Customer -> Order -> Clerk -> Take
  Customer -> Slip -> Bank
  Customer =[goods]=> Clerk
  Take -> Invoice
  document Invoice
  Invoice -> Customer
}
"""
    text = flowdsl.parse(src).derive_dfd()
    assert "# left out: Customer -> Bank (a hand-off between units)" in text
    case = flowdsl.parse(text)
    assert [d.code for d in case.diagnostics] == ["FD308"], case.format_diagnostics()  # Sales only written
    assert "\ndfd c " in text and "  process P1 Take " in text and "at Clerk" in text
    dfd = case.model.dfds[0]
    flows = {(dfd.node(f.src).name, f.name, dfd.node(f.dst).name) for f in dfd.flows}
    assert flows == {("Customer", "Order", "Take"), ("Take", "Sales", "Sales"), ("Take", "Invoice", "Customer")}


def test_no_chart_or_unknown_chart():
    with pytest.raises(DeriveError, match="没有可导出"):
        flowdsl.load(sample("06-hospital")).derive_dfd()
    with pytest.raises(DeriveError, match="进书、售书"):
        flowdsl.load(sample("03-bookstore")).derive_dfd("nope")
    with pytest.raises(flowdsl.FlowdslError):
        flowdsl.parse("chart c {\n  step a by nobody\n}\n").derive_dfd()


def test_cli_writes_the_file_and_refuses_the_input(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("LC_ALL", "C.UTF-8")
    src = sample("02-stocktake")
    out = tmp_path / "new.flow"
    assert main(["derive", src, "-o", str(out)]) == 0
    assert out.read_text("utf-8") == flowdsl.load(src).derive_dfd()
    assert main(["check", str(out)]) == 0
    before = open(src, "rb").read()
    assert main(["derive", src, "-o", src]) == 2
    assert "refusing to overwrite the input" in capsys.readouterr().err
    assert open(src, "rb").read() == before
    assert main(["derive", sample("03-bookstore"), "售书"]) == 0
    printed = capsys.readouterr().out
    assert "数据流程图 售书 " in printed and "数据流程图 进书" not in printed
    assert main(["derive", sample("06-hospital")]) == 1
    assert main(["derive", str(tmp_path / "missing.flow")]) == 2
