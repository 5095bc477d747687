"""The builder API makes the same model as the text."""

from __future__ import annotations

import os

import pytest

import flowdsl
from conftest import ROOT
from flowdsl.model.builder import Case
from flowdsl.lang.unparse import strip_spans


def purchasing():
    return (Case("物资订货", "物资订货").chart("物资订货", "物资订货业务流程图")
            .block({"业务名称": "物资订货", "制图": "学生", "审核": "教师"})
            .unit("采购部").external("供应商").unit("采购部收", "采购部").unit("检验人员").unit("库房管理员").unit("主管")
            .document("采购订货单").document("采购收货单").ledger("库存帐", "库存帐目").ledger("流水帐")
            .step("查询库存", "查询库存信息及用户需求", by="采购部", reads="库存帐")
            .step("编制订单", "编制采购订货单", by="采购部", makes="采购订货单")
            .decision("验货", "验货", by="检验人员")
            .decision("复核", "审核货物是否合格", by="库房管理员")
            .step("登记", "登记流水帐和库存帐目", by="库房管理员", writes=["流水帐", "库存帐"])
            .step("收货", "接收货物和采购收货单", by="采购部收")
            .step("主管审核", "审核不合格货物", by="主管")
            .flow("采购部", "查询库存").flow("查询库存", "编制订单", label="库存不足")
            .flow("采购订货单", "供应商")
            .flow("供应商", "采购收货单", "采购部收")
            .flow("供应商", "采购部收", label="货物", goods=True).flow("采购部收", "收货")
            .flow("收货", "检验人员", label="货物", goods=True).flow("检验人员", "验货")
            .flow("验货", "供应商", label="不合格", goods=True)
            .flow("验货", "库房管理员", label="合格", goods=True).flow("库房管理员", "复核")
            .flow("复核", "登记", label="合格")
            .flow("复核", "主管", label="不合格").flow("主管", "主管审核")
            .flow("主管审核", "供应商", label="退货", goods=True))


def test_builder_model_equals_the_purchasing_sample():
    text_case = flowdsl.load(os.path.join(ROOT, "samples", "01-purchasing.flow"))
    built, written = strip_spans(purchasing().model), strip_spans(text_case.model)
    written["dfds"] = []          # the sample also has the DFD; the builder makes business charts
    written["dictionary"] = built["dictionary"]   # … and its data dictionary (issue 13)
    written["logic"] = []         # … and the 处理逻辑说明 of its processes (issue 13 §2)
    assert built == written
    assert len(built["charts"][0]["edges"]) == 20


def test_builder_text_parses_back_to_the_same_model_and_checks_clean():
    b = purchasing()
    for lang in ("zh", "en"):
        case = flowdsl.parse(b.to_text(lang))
        assert case.diagnostics == []
        assert strip_spans(case.model) == strip_spans(b.model)
    assert [v.name for v in b.build().views] == ["物资订货"]   # the builder makes the chart only


def test_builder_mistakes_are_reported_by_build():
    case = (Case().chart("请假").unit("员工").step("审批").flow("员工", "审批", "主官")).build()
    codes = [d.code for d in case.diagnostics]
    # the other checks run too (issue 10): 审批 has no unit
    assert codes == ["FD206", "FD101"] and "主官" in case.diagnostics[1].message


def test_start_end_lanes_options_and_severity():
    b = (Case("x").option("方向", "横向").severity("FD206", "关闭")
         .chart("a").unit("甲").unit("乙").step("做", by="甲").lanes()
         .option("decisions", "菱形")
         .flow("开始", "做", "乙", "end"))
    m = b.model
    assert m.options == {"direction": "LR"} and m.severities == {"FD206": "off"}
    c = m.charts[0]
    assert c.lanes == ["甲", "乙"] and c.options == {"decisions": "diamond"}
    assert [(e.src, e.dst) for e in c.edges] == [("__start__", "做"), ("做", "乙"), ("乙", "__end__")]
    assert strip_spans(flowdsl.parse(b.to_text()).model) == strip_spans(m)
    with pytest.raises(ValueError):
        Case().chart("a").flow("甲")


def test_two_charts_and_display():
    b = Case().chart("a").unit("甲").unit("乙").flow("甲", "乙").chart("b").unit("丙").unit("丁").flow("丙", "丁")
    assert [c.name for c in b.model.charts] == ["a", "b"]
    assert b.case.model.charts[1].name == "b"


def test_dfd_builder_gives_the_same_model_as_the_bookstore_sample():
    import flowdsl
    from flowdsl.model.builder import Case as Builder
    from flowdsl.lang.unparse import strip_spans

    built = (Builder("书店").dfd("进书", "进书数据流程图")
             .entity("供应商").entity("管理员").store("图书库存情况存档", id="S2")
             .process("进书处理", id="P3")
             .child("P3")
             .process("采购单审核", id="P3.1", at="采购员")
             .process("编目处理", id="P3.2", at="编目员")
             .process("入库单处理", id="P3.3", at="库管员")
             .flow("供应商", "P3.1", "采购单", id="F3.1").flow("P3.1", "P3.2", "合格采购单", id="F3.3")
             .flow("P3.2", "P3.3", "入库单", id="F10")
             .flow("P3.1", "供应商", "不合格采购单", id="F3.2").flow("P3.3", "供应商", "不合格入库单", id="F3.4")
             .flow("P3.3", "S2", "合格入库清单", id="F3.5").flow("P3.3", "管理员", "入库购书清单", id="F9")
             .end()
             .flow("供应商", "P3", "采购单", id="F3.1").flow("P3", "供应商", "不合格采购单", id="F3.2")
             .flow("P3", "供应商", "不合格入库单", id="F3.4").flow("P3", "S2", "合格入库清单", id="F3.5")
             .flow("P3", "管理员", "入库购书清单", id="F9"))
    sample = next(d for d in flowdsl.load("samples/03-bookstore.flow").model.dfds if d.name == "进书")
    assert strip_spans(built.model.dfds[0]) == strip_spans(sample)
    case = built.build()
    # alone (without 售书, which reads S2 in the sample) the store is only written: a warning
    assert case.ok and {d.code for d in case.diagnostics} <= {"FD308", "FD503"}
    assert [v.name for v in case.views] == ["进书-context", "进书-0", "进书-P3"]


def test_dfd_builder_numbers_ids_like_a_file_and_rejects_unknown_endpoints():
    import pytest

    from flowdsl.model.builder import Case as Builder

    b = Builder().dfd("订货").entity("用户").process("查询库存").store("库存帐").flow("用户", "查询库存", "需求")
    b.flow("查询库存", "库存帐", "查询记录")
    m = b.model.dfds[0]
    assert [(n.kind, n.key) for n in m.nodes] == [("entity", "E1"), ("process", "1"), ("store", "D1")]
    assert [f.key for f in m.flows] == ["F1", "F2"]
    with pytest.raises(KeyError):
        b.flow("用户", "不存在")


def _ordering_case():
    from flowdsl.model.builder import Case as Builder

    return (Builder("订货").dfd("订货")
            .entity("用户").process("查询库存", id="P1").store("库存帐", id="D1")
            .flow("用户", "P1", "需求单").flow("P1", "D1", "查询记录").flow("D1", "P1", "库存信息")
            .flow("P1", "用户", "答复")
            .dictionary("订货数据字典")
            .item("商品编号", id="I01", type="字符", length=10, description="库存商品的编号")
            .item("数量", type="整数", range="1-99999").item("日期")
            .structure("商品", "商品编号 + 数量")
            .flow("需求单", "1{商品}20 + 日期", volume="每天 30 份", peak="每天 60 份")
            .flow("查询记录", "商品编号 + 日期").flow("库存信息", "商品").flow("答复", "商品 + [日期|\"缺货\"]")
            .store("库存帐", "{商品}", key="商品编号", access="随时")
            .process("查询库存", logic="按商品编号查库存帐", frequency="每天", creates=["日期"])
            .entity("用户", description="提出需求的部门"))


def test_dictionary_builder_round_trips_through_text_and_is_filled_from_the_diagram():
    import flowdsl
    from flowdsl.lang.unparse import strip_spans

    b = _ordering_case()
    text = b.to_text()
    assert '数据字典 "订货数据字典" {' in text and "  数据项 日期\n" in text   # a bare item on one line
    assert "组成: 1{商品}20 + 日期" in text and "关键字: 商品编号" in text
    parsed = flowdsl.parse(text).model.dictionary
    assert strip_spans(b.model.dictionary) == strip_spans(parsed)
    kinds = [(e.kind, e.name) for e in parsed.entries]
    assert kinds[:4] == [("item", "商品编号"), ("item", "数量"), ("item", "日期"), ("structure", "商品")]
    case = b.build()
    assert case.ok, [d.code for d in case.diagnostics]
    assert not [d for d in case.diagnostics if d.code.startswith("FD8")]
    filled = case.dictionary
    assert filled.entry("需求单").sources == ["E1 用户"]
    assert filled.entry("需求单").destinations == ["P1 查询库存"]
    assert filled.entry("库存帐").key == ["商品编号"]
    assert filled.entry("商品编号").ident == "I01" and filled.entry("商品编号").length == "10"


def test_dictionary_builder_mistakes():
    import pytest

    from flowdsl.model.builder import Case as Builder

    d = Builder("x").dictionary()
    with pytest.raises(ValueError, match="composition"):
        d.flow("采购单", "书名 + + 书号")
    with pytest.raises(TypeError, match="no field key"):
        d.entry("item", "书号", key="x")
    with pytest.raises(TypeError, match="no composition"):
        d.entry("entity", "书商", "书名")
    # names the diagram and the dictionary do not know are build()'s to report, with a code
    b = _ordering_case().flow("答复", "商品 + 理由")   # 答复 a second time; 理由 defined nowhere
    found = [(dg.code, dg.message) for dg in b.build().diagnostics]
    assert ("FD806", "“答复” has two data dictionary entries") in found
    assert ("FD801", "“理由” in the composition of “答复” is not defined in the data dictionary") in found
    assert len(d.entries) == 0      # a refused entry is not kept
