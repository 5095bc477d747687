"""The VS Code extension (editors/vscode/): its TextMate grammar tokenises every sample as
the parser reads it, with vscode-textmate + vscode-oniguruma (VS Code's own tokeniser);
the grammar is generated from grammars/flowdsl.lark; package.json, the language
configuration and extension.js wire the language id, the files and ``flowdsl lsp``."""

from __future__ import annotations

import glob
import json
import os
import re
import runpy
import shutil
import subprocess

import pytest

from conftest import ROOT
from flowdsl.lang.format import find_comments

EXT = os.path.join(ROOT, "editors", "vscode")
GRAMMAR = os.path.join(EXT, "syntaxes", "flowdsl.tmLanguage.json")
SAMPLES = sorted(glob.glob(os.path.join(ROOT, "samples", "*.flow")))
INVALID = sorted(glob.glob(os.path.join(ROOT, "samples", "invalid", "*.flow")))
EXTRA = os.path.join(ROOT, "tests", "fixtures", "vscode-tokens.flow")

#: rules whose first name or ID is the name they declare
DECLARING = {"unit_decl", "ext_unit_decl", "doc_decl", "report_decl", "ledger_decl", "collect_decl", "step_decl",
             "decision_decl", "entity_decl", "store_decl", "process_decl", "chart", "dfd", "case_stmt", "define_stmt",
             "dict_entry", "er", "er_entity", "er_weak", "er_rel", "er_ident_rel", "er_isa"}


def node_tokens(files: list[str]) -> dict[str, list]:
    node = shutil.which("node")
    if node is None:
        pytest.skip("Node.js missing: apt-get install nodejs npm")
    if not os.path.isdir(os.path.join(ROOT, ".npm", "node_modules", "vscode-textmate")):
        pytest.skip("vscode-textmate missing: run `make jsdeps` (npm install into .npm/)")
    p = subprocess.run([node, os.path.join(ROOT, "tests", "textmate_tokens.mjs"), GRAMMAR, *files],
                       capture_output=True, text=True, timeout=120)
    assert p.returncode == 0, p.stderr
    return {d["file"]: d["lines"] for d in map(json.loads, p.stdout.splitlines())}


@pytest.fixture(scope="module")
def tokens():
    return node_tokens(SAMPLES + INVALID + [EXTRA])


def expected(text: str) -> list[tuple[int, int, int, str, str]]:
    """What the parser reads: (line, first column, end column, text, scope prefix) for every
    keyword, name, ID, string, comment, arrow and brace (columns in characters, 1-based)."""
    from lark import Lark, Token

    from flowdsl.lang.keywords import grammar_text, keyword_rules

    attributes = {w for r in ("by", "reads", "writes", "makes", "module", "control", "at", "er_key")
                  for w in keyword_rules()[r]}
    constants = {"start", "开始", "end", "结束", "vertical", "纵向", "horizontal", "横向"}
    parser = Lark(grammar_text(), parser="lalr", maybe_placeholders=False, keep_all_tokens=True)
    out = []
    for tree in parser.parse(text).iter_subtrees():
        toks = [c for c in tree.children if isinstance(c, Token)]
        declared = next((t for t in toks if t.type == "NAME"), None) if tree.data in DECLARING else None
        for t in toks:
            if tree.data == "kw_name":                       # “档案 -> 主管”: a keyword used as a name
                scope = "variable.other"
            elif tree.data in ("info_arrow", "goods_arrow"):  # -> → => ⇒, and -[ ]-> around a label
                scope = "keyword.operator.arrow"
            elif tree.data == "severity_stmt" and t.type in ("NAME", "ID"):
                scope = "constant.language.severity" if t.type == "NAME" else "constant.other.diagnostic-code"
            elif t.type == "NAME":
                scope = "entity.name.type" if t is declared else "variable.other"
            elif t.type in ("ID", "STRING", "DASHED", "LBRACE", "RBRACE"):
                scope = {"ID": "constant.numeric.id", "STRING": "string.quoted", "DASHED": "constant.other.value",
                         "LBRACE": "punctuation.section.block", "RBRACE": "punctuation.section.block"}[t.type]
            elif t.value in constants:
                scope = "constant.language"
            elif re.fullmatch(r"[^\W\d]\w*", t.value):       # a keyword
                scope = "keyword.other.attribute" if t.value in attributes else "keyword."
            else:
                continue
            out.append((t.line, t.column, t.end_column, t.value, scope))
    for c in find_comments(text):
        out.append((c.line, c.column, c.column + len(c.text), c.text, "comment.line"))
    return out


def utf16(s: str) -> int:
    return len(s.encode("utf-16-le")) // 2


def scopes_over(lines: list, text_lines: list[str], line: int, col: int, end: int) -> list[list[str]]:
    """The scopes of the TextMate tokens that cover characters ``col``..``end`` of ``line``."""
    src = text_lines[line - 1]
    a, b = utf16(src[: col - 1]), utf16(src[: end - 1])
    return [sc for s, e, sc in lines[line - 1] if s < b and e > a]


@pytest.mark.parametrize("path", SAMPLES + [EXTRA], ids=os.path.basename)
def test_every_sample_is_coloured_as_the_parser_reads_it(tokens, path):
    text = open(path, encoding="utf-8").read()
    text_lines = text.split("\n")
    lines = tokens[path]
    wrong = []
    seen = set()
    for line, col, end, value, scope in expected(text):
        covering = scopes_over(lines, text_lines, line, col, end)
        if not covering or not all(any(s.startswith(scope) for s in sc) for sc in covering):
            wrong.append((line, col, value, scope, [sc[-1] for sc in covering]))
        seen.add(scope.split(".")[0])
    assert not wrong, wrong[:10]
    assert {"keyword", "variable", "entity", "string", "comment"} <= seen


def test_the_extra_file_has_every_kind_of_token(tokens):
    text = open(EXTRA, encoding="utf-8").read()
    scopes = {sc[-1] for line in tokens[EXTRA] for _, _, sc in line}
    for want in ("keyword.declaration", "keyword.other.flowdsl", "keyword.other.attribute", "constant.language.flowdsl",
                 "constant.language.direction", "constant.language.severity", "constant.other.diagnostic-code",
                 "constant.numeric.id", "entity.name.type", "variable.other", "string.quoted.double",
                 "string.quoted.other.cjk", "comment.line.number-sign", "comment.line.double-slash",
                 "keyword.operator.arrow.info", "keyword.operator.arrow.goods", "keyword.operator.arrow.label",
                 "punctuation.section.block.begin", "punctuation.section.block.end", "constant.other.value"):
        assert any(s.startswith(want) for s in scopes), want
    assert "→" in text and "⇒" in text and "“" in text and "//" in text


@pytest.mark.parametrize("path", INVALID, ids=os.path.basename)
def test_broken_files_tokenise_line_by_line(tokens, path):
    with open(path, "rb") as f:
        raw = f.read()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        pytest.skip("not UTF-8: the editor decodes it first")
    lines = tokens[path]
    assert len(lines) == len(re.split(r"\r\n|\r|\n", text))
    for src, toks in zip(re.split(r"\r\n|\r|\n", text), lines):   # every character is in a token, once
        if src:
            assert toks[0][0] == 0 and toks[-1][1] == utf16(src)
            assert all(a[1] == b[0] for a, b in zip(toks, toks[1:]))


def test_the_grammar_file_is_generated_from_the_parser_grammar():
    gen = runpy.run_path(os.path.join(ROOT, "scripts", "vscode_grammar.py"))
    with open(GRAMMAR, encoding="utf-8") as f:
        assert f.read() == gen["text"](), "run: python scripts/vscode_grammar.py"


def test_every_word_of_the_parser_grammar_is_a_keyword():
    from flowdsl.lang.keywords import grammar_text, keyword_spellings

    rules = re.sub(r"(^|\s)//.*", "", grammar_text())          # comments of the grammar file removed
    words = set(re.findall(r'"([^\W\d_]+)"', rules))
    assert words and words - set(keyword_spellings()) == set()
    with open(GRAMMAR, encoding="utf-8") as f:
        grammar = f.read()
    assert all(w in grammar for w in words)


def test_package_json_declares_the_language_grammar_and_server():
    with open(os.path.join(EXT, "package.json"), encoding="utf-8") as f:
        pkg = json.load(f)
    (lang,) = pkg["contributes"]["languages"]
    assert lang["id"] == "flowdsl" and ".flow" in lang["extensions"]
    (gr,) = pkg["contributes"]["grammars"]
    assert gr["language"] == "flowdsl" and os.path.normpath(os.path.join(EXT, gr["path"])) == GRAMMAR
    with open(GRAMMAR, encoding="utf-8") as f:
        assert json.load(f)["scopeName"] == gr["scopeName"]
    assert "onLanguage:flowdsl" in pkg["activationEvents"] and os.path.exists(os.path.join(EXT, pkg["main"]))
    with open(os.path.join(EXT, lang["configuration"]), encoding="utf-8") as f:
        conf = json.load(f)
    assert conf["comments"]["lineComment"] == "#"
    assert ["{", "}"] in conf["brackets"] and ["【", "】"] in conf["brackets"]
    assert {"open": "“", "close": "”", "notIn": ["string", "comment"]} in conf["autoClosingPairs"]


def test_the_extension_starts_flowdsl_lsp():
    node = shutil.which("node")
    if node is None:
        pytest.skip("Node.js missing: apt-get install nodejs npm")
    p = subprocess.run([node, os.path.join(ROOT, "tests", "vscode_extension_check.cjs")],
                       capture_output=True, text=True, timeout=60)
    assert p.returncode == 0, p.stderr
    (client,) = json.loads(p.stdout)["started"]
    assert client["server"]["run"] == {"command": "flowdsl", "args": ["lsp"]}
    assert client["client"]["documentSelector"] == [{"language": "flowdsl"}]
    with open(os.path.join(EXT, "package.json"), encoding="utf-8") as f:
        props = json.load(f)["contributes"]["configuration"]["properties"]
    assert client["client"]["initializationOptions"] == {
        "lang": props["flowdsl.lang"]["default"], "debounceMs": props["flowdsl.debounceMs"]["default"]}
