"""Every diagnostic in Chinese and English (``--lang zh|en``).

Each diagnostic carries ``message_zh`` / ``hint_zh`` next to the English text; printed
with ``lang="zh"`` it shows 错误/警告, the Chinese message and ``= 提示：``; the caret
lines are the same in both languages; English output is unchanged.
"""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import pytest

import flowdsl
from flowdsl.api import diagnostics_html
from flowdsl.app.cli import main
from flowdsl.diagnostics import Diagnostic, Span, format_diagnostic
from flowdsl.lang.source import decode, read_source

ROOT = Path(__file__).resolve().parent.parent
INVALID = sorted((ROOT / "samples" / "invalid").glob("FD*.flow"))
CJK = re.compile(r"[\u4e00-\u9fff]")
QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"")


def _chinese_outside_quotes(text: str) -> bool:
    """Chinese words of the message itself, not only the (Chinese) names it quotes."""
    return bool(CJK.search(QUOTED.sub("", text)))


def assert_bilingual(d: Diagnostic) -> None:
    assert d.message_zh, f"{d.code} has no Chinese message: {d.message}"
    assert d.message_zh != d.message and _chinese_outside_quotes(d.message_zh), (d.code, d.message_zh)
    if d.hint:
        assert d.hint_zh, f"{d.code} has no Chinese hint: {d.hint}"
        assert d.hint_zh != d.hint and _chinese_outside_quotes(d.hint_zh), (d.code, d.hint_zh)


# ---------------------------------------------------------------- the invalid samples

@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.stem)
def test_every_invalid_sample_speaks_chinese(path: Path):
    case = flowdsl.load(str(path))
    code = path.name[:5]
    assert code in [d.code for d in case.diagnostics]
    for d in case.diagnostics:
        assert_bilingual(d)


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.stem)
def test_zh_output_has_chinese_words_and_the_same_carets(path: Path):
    case = flowdsl.load(str(path))
    for d in case.diagnostics:
        en = format_diagnostic(d, case.source).split("\n")
        zh = format_diagnostic(d, case.source, lang="zh").split("\n")
        word = {"error": "错误", "warning": "警告"}[d.severity]
        where = f"{d.file}:{d.span.line}:{d.span.column}"
        assert zh[0] == f"{where}: {word}[{d.code}]: {d.message_zh}"
        assert en[0] == f"{where}: {d.severity}[{d.code}]: {d.message}"
        if d.hint:
            assert zh[-1] == f"  = 提示：{d.hint_zh}" and en[-1] == f"  = hint: {d.hint}"
            assert zh[1:-1] == en[1:-1]         # source line and carets unchanged
        else:
            assert zh[1:] == en[1:]
        if d.code != "FD000":
            assert len(zh) >= 3 and set(zh[2].split("|")[1].strip()) == {"^"}


def test_english_text_is_unchanged():
    case = flowdsl.load(str(ROOT / "samples/invalid/FD101-undefined-name.flow"))
    (d,) = case.diagnostics
    assert d.message == "“编制定单” is not declared in chart “物资订货”"
    assert d.hint == "did you mean “编制订单”?"
    assert format_diagnostic(d, case.source).split("\n")[0] == (
        f"{d.file}:9:10: error[FD101]: “编制定单” is not declared in chart “物资订货”")
    assert d.message_zh == "业务流程图“物资订货”中没有声明“编制定单”"
    assert d.hint_zh == "你是不是想写“编制订单”？"
    case = flowdsl.load(str(ROOT / "samples/invalid/FD304-black-hole.flow"))
    (d,) = case.diagnostics
    assert d.message == "process “2 归档” has inputs but no output (black hole, 黑洞)"
    assert d.message_zh == "处理逻辑“2 归档”只有输入，没有输出（黑洞）"
    case = flowdsl.load(str(ROOT / "samples/invalid/FD002-fullwidth-arrow.flow"))
    (d,) = case.diagnostics
    assert d.message == "full-width character “－” is not allowed here"
    assert d.hint == "type the half-width “-” instead (switch the IME to English punctuation)"
    assert d.hint_zh == "请改用半角的“-”（把输入法切换到英文标点）"


def test_fd000_binary_and_unreadable(tmp_path):
    _, d = decode(b"\x81\x30\xff\xfe")
    assert d is not None and d.code == "FD000"
    assert_bilingual(d)
    _, d = read_source(str(tmp_path / "no-such-file.flow"))
    assert d is not None and d.code == "FD000" and d.message_zh.startswith("无法读取文件：")


# ---------------------------------------------------------------- every other wording

BASE_DFD = "dfd 甲 {\n  entity 顾客; process 收费; process 审核\n"
#: name → (text, code it must report): the messages the samples do not reach
VARIANTS = {
    "fd001-label": ("chart a b {\n}", "FD001"),
    "fd001-missing-name": ("chart {", "FD001"),
    "fd001-arrow": ("chart a {\na ->\n}", "FD001"),
    "fd001-not-a-statement": ("chart a {\na\n}", "FD001"),
    "fd001-eof": ("chart a {\nunit x\n", "FD001"),
    "fd002-char": ("chart a {\n@\n}", "FD002"),
    "fd101-no-suggestion": ("chart c {\n unit 甲\n 甲 -> 完全不同的东西\n}", "FD101"),
    "fd101-dfd": ("dfd d {\n entity 顾客\n 顾客 -[a]-> 不存在的处理\n}", "FD101"),
    "fd102-chart-names": ("chart c {\n unit 甲\n}\nchart c {\n unit 乙\n}", "FD102"),
    "fd102-dfd": ("dfd d {\n entity 顾客\n store 顾客\n}", "FD102"),
    "fd102-lane": ("chart c {\n unit 甲\n step s by 甲\n lanes: 甲, 甲\n 甲 -> s\n}", "FD102"),
    "fd103-key": ("option foo = 1\n", "FD103"),
    "fd105-level": ("severity FD201 severe\n", "FD105"),
    "fd104-by": ("chart c {\n unit 甲\n document 单\n step s by 单\n 甲 -> s\n}", "FD104"),
    "fd104-dfd-end": ("dfd d {\n entity 顾客; process 收\n 顾客 -[a]-> 收 -> end\n}", "FD104"),
    "fd106-start": ("chart c {\n unit 甲\n 甲 -> start\n}", "FD106"),
    "fd201-none": ("chart c {\n unit 甲\n decision 验 by 甲\n 甲 -> 验 -> 甲\n}", "FD201"),
    "fd202-no-start": ("chart c {\n unit 甲\n step 填 by 甲\n step 审 by 甲\n 甲 -> 填\n 审 -> 审\n}", "FD202"),
    "fd203-loop": ("chart c {\n unit 乙\n step 甲2 by 乙\n step 乙2 by 乙\n 乙 -> 甲2 -> 乙2 -> 甲2\n}", "FD203"),
    "fd401-store": ("dfd 甲 {\n  entity 顾客; store 存档; process 收费\n"
                    "  顾客 -[a]-> 收费 -> 存档 -[c]-> 收费 -[d]-> 顾客\n}", "FD401"),
    "fd402-flow": (BASE_DFD + " 顾客 -[a]-> 收费 -[F9 通知]-> 顾客\n 顾客 -[b]-> 审核 -[F9 收据]-> 顾客\n}", "FD402"),
    "fd501-extra": ("dfd 甲 {\n  entity 顾客\n  process 售书 { process 收费; 顾客 -[购书单]-> 收费 -[收据]-> 顾客 }\n"
                    "  顾客 -[购书单]-> 售书 -[收费单]-> 顾客\n}", "FD501"),
    "fd502-child": ("dfd 甲 {\n  entity 甲甲\n  process 总 {\n" + "".join(f"  process 处{i}\n" for i in range(10))
                    + "  甲甲 -[x]-> " + " -[x]-> ".join(f"处{i}" for i in range(10)) + " -[y]-> 甲甲\n }\n"
                    " 甲甲 -[x]-> 总 -[y]-> 甲甲\n}", "FD502"),
    "fd504-ancestor": ("dfd 甲 {\n  entity 顾客\n  process 售书 { process 收费; 顾客 -[购书单]-> 收费 -[收费单]-> 售书 }\n"
                       "  顾客 -[购书单]-> 售书 -[收费单]-> 顾客\n}", "FD504"),
}


@pytest.mark.parametrize("name", sorted(VARIANTS))
def test_every_wording_has_its_chinese_twin(name):
    text, code = VARIANTS[name]
    case = flowdsl.parse(text)
    assert code in [d.code for d in case.diagnostics], [d.code for d in case.diagnostics]
    for d in case.diagnostics:
        assert_bilingual(d)


def test_expected_terminals_are_named_in_chinese():
    (d,) = flowdsl.parse("chart {").diagnostics
    assert d.hint == "expected a name, an ID such as P3.1"
    assert d.hint_zh == "此处应为：名称、编号（如 P3.1）"
    assert d.message_zh == "关键字后面缺少名称（这里不应出现“{”）"
    (d,) = flowdsl.parse("chart a\n").diagnostics
    assert d.hint_zh == "此处应为：带引号的文字 \"…\"、'{'"
    assert "这一行提前结束了" in d.message_zh


def test_both_balancing_messages_and_the_unnamed_store_flow():
    text = VARIANTS["fd501-extra"][0]
    zh = sorted(d.message_zh for d in flowdsl.parse(text).diagnostics)
    assert zh == ["不平衡：“1 售书”的子图有输出“收据”（F1.1，流向“E1 顾客”），但父图上的“1 售书”没有这个输出",
                  "不平衡：“1 售书”的输出“收费单”（F2，流向“E1 顾客”）在它的子图中没有出现"]
    text = """dfd 甲 {
      severity FD503 off   # FD503 is the cause: it would report this FD501 in its hint
  option store_flow_names = optional
  entity 顾客; store 存档
  process 售书 { process 收费; 顾客 -[购书单]-> 收费 -[收费单]-> 顾客 }
  顾客 -[购书单]-> 售书 -[收费单]-> 顾客
  售书 -> 存档 -[记录]-> 售书
}"""
    (d, _) = [d for d in flowdsl.parse(text).diagnostics if d.code == "FD501"]
    assert d.message_zh == "不平衡：“1 售书”的输出未命名数据流（F3，流向“D1 存档”）在它的子图中没有出现"
    assert d.hint_zh.startswith("在“1 售书”的子图中画出流向“存档”的未命名数据流，")
    assert d.message == ("unbalanced: output unnamed flow of “存档” (F3, to “D1 存档”) of “1 售书” "
                         "is missing from its child diagram")


def test_every_diagnostic_constructor_passes_chinese_text():
    """A guard for new diagnostics: each ``Diagnostic(...)`` in the package names
    ``message_zh``, each ``self.error(...)`` of the lowerers ``zh``, and the shared
    helpers of FD301–FD303 and FD601/FD602 are given their Chinese texts."""
    missing, seen = [], 0
    for path in sorted((ROOT / "flowdsl").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            f = node.func
            name = f.id if isinstance(f, ast.Name) else f.attr if isinstance(f, ast.Attribute) else ""
            kws = {k.arg for k in node.keywords}
            where = f"{path.relative_to(ROOT)}:{node.lineno}"
            seen += name in ("Diagnostic", "error", "wrong_pairs", "compare")
            if name == "Diagnostic" and path.name != "diagnostic.py" and "message_zh" not in kws:
                missing.append(where)
            elif name == "error" and isinstance(f, ast.Attribute) and path.name in ("lower_base.py", "lower_chart.py", "lower.py", "lower_dfd.py") \
                    and "zh" not in kws:
                missing.append(where)
            elif name == "wrong_pairs" and len(node.args) < 7:
                missing.append(where)
            elif name == "compare" and path.name.startswith("fd6") and len(node.args) < 8:
                missing.append(where)
    assert seen > 40 and missing == []


# ---------------------------------------------------------------- the Diagnostic itself

def test_fields_survive_with_file_and_with_severity():
    d = Diagnostic("FD205", "warning", "m", Span(1, 1, 1, 2), "h", None, "中文", "提示文字")
    for e in (d.with_file("a.flow"), d.with_severity("error")):
        assert (e.message_zh, e.hint_zh) == ("中文", "提示文字")
    assert d.to_dict("zh")["message"] == "中文" and d.to_dict("zh")["hint"] == "提示文字"
    assert d.to_dict("zh")["message_en"] == "m" and d.to_dict()["message"] == "m"


def test_missing_chinese_falls_back_to_english():
    d = Diagnostic("FD205", "warning", "only English", Span(1, 1, 1, 2), "a hint", "a.flow")
    out = format_diagnostic(d, "x\n", lang="zh").split("\n")
    assert out[0] == "a.flow:1:1: 警告[FD205]: only English" and out[-1] == "  = hint: a hint"
    assert d.to_dict("zh")["message"] == "only English"


def test_strict_warning_becomes_an_error_in_chinese_too():
    case = flowdsl.load(str(ROOT / "samples/invalid/FD205-unused-ledger.flow"), strict=True)
    (d,) = case.diagnostics
    assert d.severity == "error" and d.message_zh
    assert ": 错误[FD205]: " in case.format_diagnostics(lang="zh")


# ---------------------------------------------------------------- CLI, batch, notebook

def test_check_lang_zh_text(capsys, monkeypatch):
    monkeypatch.setenv("LC_ALL", "C.UTF-8")
    path = str(ROOT / "samples/invalid/FD101-undefined-name.flow")
    assert main(["check", "--lang", "zh", path]) == 1
    out = capsys.readouterr().out
    assert f"{path}:9:10: 错误[FD101]: 业务流程图“物资订货”中没有声明“编制定单”" in out
    assert "  = 提示：你是不是想写“编制订单”？" in out
    assert "说明：" not in out and "error[" not in out and "hint:" not in out
    assert main(["check", "--lang", "en", path]) == 1
    out = capsys.readouterr().out
    assert f"{path}:9:10: error[FD101]: “编制定单” is not declared in chart “物资订货”" in out
    assert "错误" not in out and "提示" not in out


def test_check_lang_zh_json(capsys, monkeypatch):
    monkeypatch.setenv("LC_ALL", "C.UTF-8")
    paths = [str(ROOT / "samples/invalid/FD101-undefined-name.flow"), str(ROOT / "samples/invalid/FD501-unbalanced.flow")]
    assert main(["check", "--lang", "zh", "--format", "json", *paths]) == 1
    data = json.loads(capsys.readouterr().out)
    assert [d["code"] for d in data] == ["FD101", "FD501"]
    assert data[0]["message"] == "业务流程图“物资订货”中没有声明“编制定单”"
    assert data[0]["hint"] == "你是不是想写“编制订单”？"
    assert data[0]["message_en"] == "“编制定单” is not declared in chart “物资订货”"
    assert data[1]["message"].startswith("不平衡：") and data[1]["message_en"].startswith("unbalanced:")
    assert main(["check", "--format", "json", paths[0]]) == 1      # LC_ALL=C: English
    (d,) = json.loads(capsys.readouterr().out)
    assert d["message"] == d["message_en"] == "“编制定单” is not declared in chart “物资订货”"
    assert d["hint"] == "did you mean “编制订单”?"


def test_batch_report_in_chinese_has_no_extra_summary_line():
    from flowdsl.app.batch import format_case_diagnostics

    case = flowdsl.load(str(ROOT / "samples/invalid/FD304-black-hole.flow"))
    zh = format_case_diagnostics(case, False, "zh")
    assert ": 错误[FD304]: 处理逻辑“2 归档”只有输入，没有输出（黑洞）" in zh and "说明：" not in zh
    assert format_case_diagnostics(case, False, "en") == case.format_diagnostics()
    only_en = flowdsl.Case(source="x\n", name="a.flow",
                           diagnostics=[Diagnostic("FD304", "error", "english", Span(1, 1, 1, 2), None, "a.flow")])
    assert "  = 说明：" in format_case_diagnostics(only_en, False, "zh")


def test_notebook_html_in_chinese():
    case = flowdsl.load(str(ROOT / "samples/invalid/FD101-undefined-name.flow"))
    zh = diagnostics_html(case.diagnostics, case.source, lang="zh")
    assert "错误[FD101]" in zh and "你是不是想写“编制订单”？" in zh and "^^^^^^^^" in zh
    en = diagnostics_html(case.diagnostics, case.source)
    assert "error[FD101]" in en and "did you mean “编制订单”?" in en and "错误[" not in en
