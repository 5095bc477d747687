"""The Pygments lexer."""

from __future__ import annotations

import glob
import os

import pytest

pytest.importorskip("pygments")
from pygments.token import Comment, Error, Keyword, Name, Number, Operator, String  # noqa: E402

from conftest import ROOT  # noqa: E402
from flowdsl.lang.lexer import FlowdslLexer  # noqa: E402


def toks(text: str) -> list[tuple]:
    return [(t, v) for t, v in FlowdslLexer().get_tokens(text) if v.strip()]


def test_both_keyword_sets_and_whole_words_only():
    assert toks("单位 采购部") == [(Keyword, "单位"), (Name, "采购部")]
    assert toks("unit 采购部") == [(Keyword, "unit"), (Name, "采购部")]
    assert toks("外部单位 供应商")[0] == (Keyword, "外部单位")
    assert toks("单位名称 -> units") == [(Name, "单位名称"), (Operator, "->"), (Name, "units")]
    assert (Keyword.Pseudo, "由") in toks("步骤 验货 由 检验人员")


def test_flows_ids_strings_comments():
    t = toks('书商 -[F3.1 采购单]-> P3.1  # 注释\n标题 “说明” // c')
    assert t == [(Name, "书商"), (Operator, "-["), (Number, "F3.1"), (Name, "采购单"), (Operator, "]->"),
                 (Number, "P3.1"), (Comment.Single, "# 注释"), (Keyword, "标题"), (String.Double, "“说明”"),
                 (Comment.Single, "// c")]
    assert (Operator, "]=>") in toks("验货 =[合格]=> 库房") and (Operator, "=>") in toks("a => b")
    assert (Keyword.Constant, "开始") in toks("开始 -> a -> 结束")


@pytest.mark.parametrize("path", sorted(glob.glob(os.path.join(ROOT, "samples", "*.flow"))),
                         ids=os.path.basename)
def test_samples_lex_without_errors_and_losslessly(path):
    text = open(path, encoding="utf-8").read()
    tokens = list(FlowdslLexer().get_tokens(text))
    assert not [v for t, v in tokens if t is Error]
    assert "".join(v for _, v in tokens) == text if text.endswith("\n") else text + "\n"
    assert sum(t is Keyword for t, _ in tokens) >= 5


def test_registered_as_entry_point():
    from pygments.lexers import get_lexer_by_name, get_lexer_for_filename

    assert isinstance(get_lexer_by_name("flowdsl"), FlowdslLexer)
    assert isinstance(get_lexer_for_filename("案例.flow"), FlowdslLexer)
