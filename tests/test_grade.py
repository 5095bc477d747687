"""flowdsl.grade: matching, rubric, the Grade and its JSON, recovery of broken files,
the class run (one bad file cannot stop the others) and the CLI."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

import flowdsl
from conftest import FIXTURES, ROOT, needs_dot
from flowdsl.grade import Rubric, grade
from flowdsl.grade.match import Synonyms, norm, similarity
from flowdsl.grade.rubric import load_rubric, marks_in_comment

PUR = os.path.join(FIXTURES, "grading", "purchasing")
STK = os.path.join(FIXTURES, "grading", "stocktake")
ANSWER = os.path.join(PUR, "answer.flow")


def student(name: str) -> str:
    return os.path.join(PUR, "students", name + ".flow")


def test_folding_and_similarity_for_chinese():
    assert norm("库存帐") == norm("库存账") and norm("定货单") == norm("订货单")
    assert similarity(norm("订货单"), norm("采购订货单")) == pytest.approx(0.75)
    assert similarity(norm("库存台账"), norm("库存帐")) > 0.8
    assert similarity(norm("主管"), norm("供应商")) == 0.0
    syn = Synonyms({"采购订货单": ["采购单"]})
    assert syn.text_score((norm("采购单"),), (norm("采购订货单"),)) == (0.95, "synonym")
    assert syn.text_score((norm("库存帐目"),), (norm("库存帐目"),)) == (1.0, "exact")


def test_marks_from_comment_rubric_and_argument(tmp_path):
    assert marks_in_comment("# 习题 1：物资订货（共10分）\n") == 10.0
    assert marks_in_comment("# 共 15 分\n") == 15.0
    answer = flowdsl.load(ANSWER)
    assert grade(answer, student("p01-perfect-reordered")).max == 10.0
    assert grade(answer, student("p01-perfect-reordered"), marks=20).max == 20.0
    r = tmp_path / "R.toml"
    r.write_text('marks = 15\n[chart]\nunits = 5\n[synonyms]\n"检验人员" = ["质检员"]\n', "utf-8")
    rub = load_rubric(str(r))
    assert rub.marks == 15 and rub.chart["units"] == 5 and rub.synonyms == {"检验人员": ["质检员"]}
    g = grade(answer, student("p12-only-units"), rubric=str(r))
    assert g.max == 15.0
    # units now weigh 5 of the 14 points a chart has: more than the default 1.5 of 10
    assert g.score > grade(answer, student("p12-only-units")).score


def test_bad_rubric_is_a_readable_error(tmp_path):
    r = tmp_path / "R.toml"
    r.write_text("采购单 = [\n", "utf-8")
    with pytest.raises(ValueError, match="R.toml"):
        load_rubric(str(r))


def test_synonym_only_matches_through_the_rubric():
    answer = flowdsl.load(ANSWER)
    p02 = student("p02-synonyms")
    with_syn = grade(answer, p02, rubric=os.path.join(PUR, "RUBRIC.toml"))
    without = grade(answer, p02, rubric=Rubric())
    assert with_syn.score == 10 and with_syn.deductions == []
    # 采购单 is not similar enough to 采购订货单 by characters alone (0.67 ≥ 0.6 is: the check
    # is that the synonym is the reason it matched, whatever the score)
    assert without.score <= with_syn.score


def test_grade_json_shape():
    answer = flowdsl.load(ANSWER)
    g = grade(answer, student("p06-reversed-flows"))
    d = json.loads(json.dumps(g.to_dict()))
    assert set(d) == {"file", "student", "status", "score", "max", "deductions", "diagnostics"}
    assert d["status"] == "graded" and d["student"] == "p06-reversed-flows" and d["max"] == 10.0
    assert all(set(x) == {"criterion", "lost", "reason", "reason_en", "line", "column"} for x in d["deductions"])
    reversed_ = [x for x in d["deductions"] if x["reason_en"].startswith("arrow reversed")]
    assert len(reversed_) == 4
    # the place in the student's file: 供应商 -> 采购订货单 -> 编制订单 is line 24
    assert {x["line"] for x in reversed_} == {24, 25}
    assert any(x["code"] == "FD202" for x in d["diagnostics"])


def test_missing_items_name_the_answer_and_wrong_items_point_into_the_file():
    answer = flowdsl.load(ANSWER)
    g = grade(answer, student("p03-missing-branch"))
    reasons = [x.reason for x in g.deductions]
    assert "缺少单位“主管”" in reasons and "缺少处理“审核不合格货物”" in reasons
    assert all(x.line is None for x in g.deductions if x.reason.startswith("缺少"))
    g = grade(answer, student("p09-invented-extra"))
    extra = [x for x in g.deductions if x.criterion == "extra"]
    assert {x.reason for x in extra if x.reason.startswith("题目中没有")} == {
        "题目中没有的“财务部”", "题目中没有的“付款单”", "题目中没有的“向供应商付款”"}
    assert all(x.line for x in extra)


def test_structure_matches_what_names_do_not():
    """库房 (merged units) sits where 检验人员 sits: matched by its neighbours."""
    from flowdsl.grade.match import chart_part, match_nodes

    a = chart_part(flowdsl.load(ANSWER).model.charts[0])
    s = chart_part(flowdsl.load(student("p10-merged-units")).model.charts[0])
    m = match_nodes(a, s, Synonyms())
    assert m["检验人员"] == ("库房", "structure")
    assert "库房管理员" not in m
    s14 = chart_part(flowdsl.load(student("p14-lanes-renamed")).model.charts[0])
    m = match_nodes(a, s14, Synonyms())
    assert m["编制订单"][0] == "s2" and m["主管审核"][0] == "s4"


def test_syntax_error_is_graded_on_what_is_left_and_marked_manual():
    g = grade(flowdsl.load(ANSWER), student("p13-syntax-error"))
    assert g.status == "manual"
    assert [d.code for d in g.diagnostics if d.severity == "error"][:1] == ["FD001"]
    assert 8 <= g.score < 10


def test_case_objects_and_paths_both_work():
    a = grade(ANSWER, student("p05-unlabelled-decisions"))
    b = grade(flowdsl.load(ANSWER), flowdsl.load(student("p05-unlabelled-decisions")))
    assert a.to_dict() == b.to_dict()
    c = flowdsl.grade(flowdsl.load(ANSWER), flowdsl.load(student("p05-unlabelled-decisions")))
    assert c.to_dict() == a.to_dict() and flowdsl.grade.Grade is type(c)


def test_dfd_part_balancing_and_levels():
    answer = flowdsl.load(os.path.join(STK, "answer.flow"))
    g = grade(answer, os.path.join(STK, "students", "s05-child-unbalanced.flow"))
    assert [x.criterion for x in g.deductions if x.criterion == "balancing"] == ["balancing"]
    g = grade(answer, os.path.join(STK, "students", "s08-dfd-no-child.flow"))
    assert [x.reason_en for x in g.deductions if x.criterion == "levels"] == [
        "“审核盘存报表” is not broken down into a child diagram"]
    g = grade(answer, os.path.join(STK, "students", "s07-chart-only.flow"))
    assert [(x.criterion, x.lost) for x in g.deductions] == [("part", 5.0)]


def _run(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "flowdsl", *args], capture_output=True, text=True,
                          cwd=cwd or ROOT, timeout=300)


@needs_dot
def test_one_bad_file_cannot_stop_the_class(tmp_path):
    cls = tmp_path / "class"
    cls.mkdir()
    (cls / "a-good.flow").write_text(open(student("p01-perfect-reordered"), encoding="utf-8").read(), "utf-8")
    (cls / "b-binary.flow").write_bytes(b"\x00\xff\xfe\x00garbage\x80\x81")
    (cls / "c-deep.flow").write_text("chart x {\n" + "process p {\n" * 3000 + "}\n", "utf-8")
    (cls / "d-huge-label.flow").write_text('chart 物资订货 {\n unit 采购部 "' + "长" * 20000 + '"\n}\n', "utf-8")
    (cls / "e-folder").mkdir()
    (cls / "e-folder" / "x.flow").write_text(open(student("p03-missing-branch"), encoding="utf-8").read(), "utf-8")
    out = tmp_path / "out"
    r = _run("grade", ANSWER, str(cls), "-o", str(out), "--format", "json", "-j", "2")
    assert r.returncode == 1, r.stderr
    rows = {x["student"]: x for x in json.loads(r.stdout)}
    assert set(rows) == {"a-good", "b-binary", "c-deep", "d-huge-label", "e-folder"}
    assert rows["a-good"]["score"] == 10 and rows["a-good"]["status"] == "graded"
    assert rows["e-folder"]["score"] == 8 and rows["e-folder"]["status"] == "graded"
    assert rows["b-binary"]["status"] == "manual" and rows["c-deep"]["status"] == "manual"
    assert rows["b-binary"]["score"] == 0 and rows["b-binary"]["diagnostics"]
    for name in rows:
        assert (out / "students" / f"{name}.html").is_file()
    assert (out / "index.html").is_file()


@needs_dot
def test_cli_text_csv_and_usage_errors(tmp_path):
    r = _run("grade", ANSWER, student("p05-unlabelled-decisions"), "--lang", "en")
    assert r.returncode == 0, r.stderr
    assert r.stdout.splitlines()[0] == "p05-unlabelled-decisions\t9/10\tgraded"
    assert "decision outcomes" in r.stdout and "[26:6]" in r.stdout
    r = _run("grade", ANSWER, student("p12-only-units"), "--format", "csv")
    assert r.stdout.splitlines()[0] == "student,score,max,status,deductions"
    assert r.stdout.splitlines()[1].startswith("p12-only-units,1.5,10,graded,")
    assert _run("grade", ANSWER, str(tmp_path / "nope.flow")).returncode == 2
    assert _run("grade", str(tmp_path / "nope.flow"), ANSWER).returncode == 2
    bad = tmp_path / "bad.toml"
    bad.write_text("[x\n", "utf-8")
    r = _run("grade", ANSWER, ANSWER, "--rubric", str(bad))
    assert r.returncode == 2 and "bad rubric" in r.stderr or "评分标准" in r.stderr


def test_networkx_stays_off_the_check_and_render_path():
    code = ("import sys, flowdsl.app.cli as c; c.main(['check', %r]); "
            "import flowdsl; flowdsl.parse('chart a {\\n unit 甲\\n}').views; "
            "print('networkx' in sys.modules)") % ANSWER
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert r.stdout.strip().splitlines()[-1] == "False", r.stderr


def test_version_does_not_load_the_grader():
    code = ("import sys, flowdsl.app.cli as c\ntry:\n    c.main(['--version'])\nexcept SystemExit:\n    pass\n"
            "print(sorted(m for m in sys.modules if m.startswith('flowdsl.grade.') or m == 'dataclasses'))")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert r.stdout.strip().splitlines()[-1] == "['flowdsl.grade.cli']", r.stdout + r.stderr


def test_recovery_closes_a_block_left_open_and_keeps_line_numbers(tmp_path):
    """A student forgot the } of the title block and of the chart: graded on all of it."""
    f = tmp_path / "s.flow"
    f.write_text('业务流程图 物资订货 {\n  图框 {\n    业务名称: "x"\n\n  单位 采购部\n  外部单位 供应商\n'
                 '  单位 主管\n  单位 检验人员\n  单位 库房管理员\n  采购部 -> 供应商\n  供应商 -> 采购部\n', "utf-8")
    g = grade(flowdsl.load(ANSWER), str(f))
    assert g.status == "manual"
    assert not [d for d in g.deductions if d.criterion == "units"]       # every unit was read
    wrong = [d for d in g.deductions if d.reason_en.startswith("arrow not in the answer")]
    assert {d.line for d in wrong} == {10, 11}                          # the student's own lines


def test_csv_cells_are_not_formulas():
    from flowdsl.grade.report import grades_csv

    rows = [{"student": "=cmd|' /C calc'!A0", "score": 1.0, "max": 10.0, "status": "graded",
             "deductions": [{"criterion": "extra", "lost": 0.2, "reason": "@SUM(1)", "reason_en": "@SUM(1)",
                             "line": 1, "column": 1}]}]
    text = grades_csv(rows).decode("utf-8-sig")
    assert "\r\n'=cmd" in text and ",'@SUM(1)" in text


@needs_dot
def test_the_answer_in_the_class_folder_is_not_a_student(tmp_path):
    # a teacher may keep answer.flow beside the students' files and name that folder
    cls = tmp_path / "class"
    cls.mkdir()
    (cls / "answer.flow").write_text(open(ANSWER, encoding="utf-8").read(), "utf-8")
    (cls / "p05.flow").write_text(open(student("p05-unlabelled-decisions"), encoding="utf-8").read(), "utf-8")
    r = _run("grade", str(cls / "answer.flow"), str(cls), "--format", "json")
    assert r.returncode == 0, r.stderr
    assert [x["student"] for x in json.loads(r.stdout)] == ["p05"]
