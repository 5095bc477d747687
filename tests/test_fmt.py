"""The formatter (``flowdsl fmt``) and the model → text round trip (``to_text``)."""

from __future__ import annotations

import glob
import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import ROOT
from flowdsl.app.cli import main
from flowdsl.lang.format import FormatError, find_comments, format_source, format_text

ALL_SAMPLES = sorted(glob.glob(os.path.join(ROOT, "samples", "**", "*.flow"), recursive=True))


def model_of(text: str):
    """(model without spans, error codes) of ``text``."""
    import flowdsl
    from flowdsl.lang.unparse import strip_spans

    case = flowdsl.parse(text)
    return (strip_spans(case.model) if case.model is not None else None,
            sorted(d.code for d in case.diagnostics if d.severity == "error"))


MESSY = """# 案例说明

# 第二段说明
案例   测试 “测试案例”   # 案例行
option direction=LR;标题 "x"
业务流程图 a "A"{   # 标题行
  # 单位
  单位 甲 ; 单位 乙 //两个单位
  处理 s1 "做" 由 甲 读取 账1，账2 模块 MM 控制点 "C 1"
  账簿 账1
  台账 账2
  图框 {
    # 图框里
    制图 ："学生"
  }


  泳道 纵向 ：甲、乙
  开始 → s1 -【合格】-> 乙 ⇒ 结束
  # 图的最后
} # 图之后
dfd d {
  entity E1 书商
  process P1 处理 "x" at 采购部 {
    # 加工里
    process P1.1 子
  }
  书商 -[F1 "采 购"]-> P1
  define 采购单 = 书名 + [甲 | 乙] + 1{图书}10 + ("x") : "描述"
}
# 文件末尾
"""

MESSY_FORMATTED = """# 案例说明

# 第二段说明
案例 测试 "测试案例"  # 案例行
option direction = LR
标题 "x"

业务流程图 a "A" {  # 标题行
  # 单位
  单位 甲
  单位 乙  //两个单位
  处理 s1 "做" 由 甲 读取 账1、账2 模块 MM 控制点 "C 1"
  账簿 账1
  台账 账2
  图框 {
    # 图框里
    制图: "学生"
  }

  泳道 纵向: 甲、乙
  开始 -> s1 -[合格]-> 乙 => 结束
  # 图的最后
}  # 图之后

dfd d {
  entity E1 书商
  process P1 处理 "x" at 采购部 {
    # 加工里
    process P1.1 子
  }
  书商 -[F1 "采 购"]-> P1
  define 采购单 = 书名 + [甲 | 乙] + 1{图书}10 + ("x"): "描述"
}

# 文件末尾
"""


def test_canonical_form_keeps_comments_keywords_and_order():
    assert format_source(MESSY) == MESSY_FORMATTED
    assert format_source(MESSY_FORMATTED) == MESSY_FORMATTED


def test_formatting_does_not_change_the_syntax_tree():
    assert format_text(MESSY) == MESSY_FORMATTED   # format_text checks the tree itself


def test_comments_are_found_outside_quotes_only():
    cs = find_comments('unit a "x # y // z"  # real\n// own\nb “#” // c')
    assert [(c.line, c.column, c.text, c.own_line) for c in cs] == [
        (1, 22, "# real", False), (2, 1, "// own", True), (3, 7, "// c", False)]


def test_syntax_error_raises_with_diagnostics():
    with pytest.raises(FormatError) as e:
        format_text("chart a {\n  unit\n}")
    assert [d.code for d in e.value.diagnostics] == ["FD001"]
    assert e.value.diagnostics[0].span.line == 2


def test_empty_and_comment_only_files():
    assert format_source("") == ""
    assert format_source("# 只有注释\n\n\n# 第二条\n") == "# 只有注释\n\n# 第二条\n"


@pytest.mark.parametrize("path", ALL_SAMPLES, ids=lambda p: os.path.relpath(p, ROOT))
def test_every_sample_formats_idempotently_with_the_same_model(path):
    from flowdsl.lang.source import read_source

    text, problem = read_source(path)
    if problem is not None:
        pytest.skip("not text (FD000 sample)")
    try:
        once = format_text(text)
    except FormatError as e:
        assert e.diagnostics, "a sample that parses must format"
        return
    assert format_text(once) == once
    assert model_of(once) == model_of(text)
    assert sorted(c.text for c in find_comments(once)) == sorted(c.text for c in find_comments(text))


# ---------------------------------------------------------------- properties

try:
    from strategies import flow_files
except ImportError:  # pragma: no cover
    flow_files = None

needs_strategies = pytest.mark.skipif(flow_files is None, reason="tests/strategies.py missing")
PROP = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@needs_strategies
@PROP
@given(flow_files(), st.sampled_from(["en", "zh"]))
def test_to_text_round_trips_generated_models(text, lang):
    import flowdsl
    from flowdsl.lang.unparse import strip_spans, to_text

    case = flowdsl.parse(text)
    assert case.model is not None
    again = flowdsl.parse(to_text(case.model, lang=lang))
    assert strip_spans(again.model) == strip_spans(case.model)


@needs_strategies
@PROP
@given(flow_files(), st.lists(st.tuples(st.integers(0, 200), st.sampled_from(["# 注释", "// note x"]),
                                        st.booleans()), max_size=4))
def test_fmt_is_idempotent_keeps_the_model_and_every_comment(text, comments):
    lines = text.splitlines()
    for pos, comment, own in comments:   # sprinkle comments on their own lines / after statements
        k = pos % (len(lines) + 1)
        if own or k == len(lines) or not lines[k].strip() or lines[k].rstrip().endswith(("{", ";", "；")):
            lines.insert(k, comment)
        else:
            lines[k] += "  " + comment
    text = "\n".join(lines)
    once = format_text(text)
    assert format_text(once) == once
    assert model_of(once) == model_of(text)
    assert sorted(c.text for c in find_comments(once)) == sorted(c.text for c in find_comments(text))


# ---------------------------------------------------------------- CLI


def test_fmt_cli_check_rewrite_and_skip(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("LC_ALL", "C")
    messy = tmp_path / "messy.flow"
    messy.write_text(MESSY, encoding="utf-8")
    clean = tmp_path / "clean.flow"
    clean.write_text(MESSY_FORMATTED, encoding="utf-8")
    broken = tmp_path / "broken.flow"
    broken.write_text("chart a {\n  unit\n}\n", encoding="utf-8")

    assert main(["fmt", "--check", str(tmp_path)]) == 1           # messy would change
    out, err = capsys.readouterr()
    assert out == f"would reformat {messy}\n"
    assert "broken.flow:2:" in err and "1 skipped (syntax errors)" in err
    assert messy.read_text(encoding="utf-8") == MESSY              # --check writes nothing

    assert main(["fmt", str(tmp_path)]) == 0
    assert messy.read_text(encoding="utf-8") == MESSY_FORMATTED
    assert main(["fmt", "--check", str(tmp_path)]) == 0
    assert main(["fmt", str(broken)]) == 1                          # named explicitly: a failure
    assert not [p for p in os.listdir(tmp_path) if p.endswith(".tmp")]
