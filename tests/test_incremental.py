"""``flowdsl.lang.incremental.Reparser``: the same AST and the same checked case as a
whole parse, on every sample and fixture and on random edits of them, with the
unchanged statements shared between the texts."""

from __future__ import annotations

import glob
import os
import random

import pytest

from conftest import ROOT, flow_texts
from flowdsl.api import _parse
from flowdsl.lang.incremental import Reparser, pieces
from flowdsl.lang.parser import parse_text

EDITS = ["x", " ", "\n", "{", "}", '"', "#", "-> ", "unit ", "chart q {\n", "\n}\n", "；", "单位 甲\n", "“"]


TEXTS = flow_texts()


def edited(text: str, rnd: random.Random) -> str:
    i = rnd.randrange(len(text) + 1)
    return text[:i] + rnd.choice(EDITS) + text[i:] if rnd.random() < 0.7 else text[:i] + text[i + 1:]


def test_pieces_cut_before_top_level_statements_only():
    text = ('# head\ncase c "x"\noption paper = A3; option notation = yourdon\nchart a {\n  unit x  # }\n'
            '  step s "{" by x\n}\n\n# between\ndfd d {\n  process P {\n    entity e\n  }\n}\n')
    got = [p for _, p in pieces(text)]
    assert got == ['# head\ncase c "x"\n', "option paper = A3; option notation = yourdon\n",
                   'chart a {\n  unit x  # }\n  step s "{" by x\n}\n\n# between\n',
                   "dfd d {\n  process P {\n    entity e\n  }\n}\n"]
    assert "".join(got) == text and [o for o, _ in pieces(text)] == [0, 18, 63, 63 + len(got[2])]


@pytest.mark.parametrize("name, text", TEXTS, ids=[n for n, _ in TEXTS])
def test_the_same_ast_and_case_as_a_whole_parse_also_after_edits(name, text):
    r = Reparser()
    rnd = random.Random(name)
    for t in [text, text] + [edited(text, rnd) for _ in range(12)]:
        assert r.parse_text(t) == parse_text(t)
        whole = _parse(t, None, False, None, {})   # the whole text parsed (parse() may reuse pieces)
        again = _parse(t, None, False, None, {}, r.parse_text)
        assert again.diagnostics == whole.diagnostics
        assert again.model == whole.model


def test_an_edit_parses_only_the_statement_it_is_in():
    text = open(os.path.join(ROOT, "samples", "03-bookstore.flow"), encoding="utf-8").read()
    n = len(pieces(text))
    assert n >= 4
    r = Reparser()
    r.parse_text(text)
    first = r.parsed
    assert first > n + 10       # its data dictionary block: a frame and each entry apart
    r.parse_text(text)
    assert r.parsed == 0
    lines = text.split("\n")
    k = next(i for i, line in enumerate(lines) if line.startswith("  ") and i > len(lines) // 2)
    r.parse_text("\n".join(lines[:k] + [" " + lines[k]] + lines[k + 1:]))    # its columns move
    assert r.parsed == 1
    # a space at the end of a line, a comment under a statement: nothing a parse tree holds
    r.parse_text("\n".join(lines[:k] + [lines[k] + " "] + lines[k + 1:]))
    assert r.parsed == 0
    r.parse_text(text + "# a note\n\n")
    assert r.parsed == 0
    # a line added above moves every later statement: those are parsed again
    r.parse_text("\n" + text)
    assert r.parsed == first
    # an entry of the data dictionary edited: that entry alone
    k = next(i for i, line in enumerate(lines) if line.startswith("  数据流 "))
    r.parse_text("\n".join(lines[:k] + [" " + lines[k]] + lines[k + 1:]))
    assert r.parsed == 1


def test_a_mistake_gets_the_whole_files_diagnostic():
    text = 'chart a {\n  unit x\n}\nchart b {\n  unit "y\n}\n'
    r = Reparser()
    assert r.parse_text(text) == parse_text(text)
    [d] = r.parse_text(text)[1]
    assert d.code == "FD003" and (d.span.line, d.span.column) == (5, 8)


def test_model_fields_use_plain_function_factories():
    """``default_factory=list`` costs a signature parse per model object (model/factories.py)."""
    import re

    for path in glob.glob(os.path.join(ROOT, "flowdsl", "**", "*.py"), recursive=True):
        text = open(path, encoding="utf-8").read()
        if "pydantic" in text:
            assert not re.search(r"Field\(default_factory=(list|dict|set|Span)[,)]", text), path


@pytest.mark.parametrize("tail", ["", "\n", "\n\n", "\n  ", "  ", "\t\n", "\n# c", "\n# c\n  \n", " # c", " # c\n\n",
                                  "\n;\n", "\n// c\n", "\n  # c  \n# d"])
def test_trailing_spaces_and_comments_give_the_whole_parse(tail):
    text = 'chart a {  \n  unit x\t\n}\n\n# between  \nchart b {\n  unit y\n}' + tail
    r = Reparser()
    assert r.parse_text(text) == parse_text(text)
    assert r.parse_text(text.replace("chart a {  ", "chart a {")) == parse_text(text.replace("chart a {  ", "chart a {"))
    assert r.parsed == 0


DICT = ('chart a {\n  unit x\n}\n数据字典 "书店" {\n  # head\n  数据流 F1 入库单 {\n    组成: 书名 + 书号\n  }\n\n'
        '  数据项 书名: "书的名字"\n  定义 书号 = 编号\n  // end\n}\n\ndictionary {\n  item 甲\n}\n')


@pytest.mark.parametrize("text", [DICT, DICT.replace("  定义", "定义"), DICT.replace("}\n\ndictionary", "} dictionary"),
                                  DICT.replace("{\n  item 甲\n}", "{ item 甲 }"), DICT.replace("组成:", "组成"),
                                  DICT.replace("\n  }\n\n", "\n\n"), DICT + "# tail\n"])
def test_a_dictionary_block_parsed_by_entries_gives_the_whole_parse(text):
    r = Reparser()
    assert r.parse_text(text) == parse_text(text)
    edited = text.replace("  数据项", "   数据项")
    assert r.parse_text(edited) == parse_text(edited)


@pytest.mark.parametrize("head", ["# c  \n", "# c\t\n\n", "  # c \n", "\n# c \n", "// c  \n  \n", "  \n"])
def test_spaces_after_a_leading_comment_give_the_whole_parse(head):
    text = head + 'chart a {\n  unit x\n}\nchart b {\n  unit y\n}\n'
    assert Reparser().parse_text(text) == parse_text(text)
