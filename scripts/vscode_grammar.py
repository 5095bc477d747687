"""Write editors/vscode/syntaxes/flowdsl.tmLanguage.json, the TextMate grammar, from the
keywords of grammars/flowdsl.lark (``flowdsl.lang.keywords``), so the editor's colours
cannot drift from the parser: ``python scripts/vscode_grammar.py`` (tests/test_vscode.py
fails when the file is not what this script writes).

Scopes: statement keywords (only where a statement starts, as the parser reads them; a
keyword followed by an arrow is a name, as in “档案 -> 主管”) ``keyword.declaration`` /
``keyword.other``; step attributes ``keyword.other.attribute``; start/end, lane
directions and severities ``constant.language``; the declared name ``entity.name.type``;
other names ``variable.other``; IDs (P3.1, F2, D1) ``constant.numeric.id``; quoted text
``string.quoted``; ``#`` / ``//`` comments; arrows ``keyword.operator.arrow``.
"""

from __future__ import annotations

import json
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parents[1]
OUT = ROOT / "editors" / "vscode" / "syntaxes" / "flowdsl.tmLanguage.json"

#: ``_k_`` rules that declare a name (the name after them is ``entity.name.type``)
DECLARING = ("case", "chart", "unit", "ext", "doc", "report", "ledger", "collect", "step", "decision",
             "dfd", "entity", "store", "process", "define", "item", "structure", "flow",
             "er", "er_entity", "er_weak", "er_rel", "er_ident", "er_isa")
#: ``_k_`` rules written after a name, inside a statement
ATTRIBUTES = ("by", "reads", "writes", "makes", "module", "control", "at", "er_key")
#: ``_k_`` rules of structured English written after the condition or loop (则, 执行)
MIDLINE = ("then", "do")

WS = r"[ \t\u3000]"
AFTER = r"(?![\w.])"                      # a keyword is a whole word: 单位名称 is a name
BEFORE = r"(?<![\w.])"
ID = r"[A-Za-z]{0,2}[0-9]+(?:\.[0-9]+)*"
NAME = r"\w[\w.]*"
ARROW_AHEAD = rf"(?!{WS}*(?:->|→|=>|⇒|[-=][\[【]))"    # “档案 -> 主管”: a name, not a keyword
STATEMENT_START = r"(?:^|(?<=[{;；]))"


def words(ws) -> str:
    """An alternation, longest first (外部单位 before 单位)."""
    return "|".join(sorted(set(ws), key=lambda w: (-len(w), w)))


def grammar() -> dict:
    sys.path.insert(0, str(ROOT))
    from flowdsl.lang.keywords import EXTRA_WORDS, keyword_rules
    from flowdsl.model.options import SEVERITY_WORDS

    rules = keyword_rules()
    declaring = [w for r in DECLARING for w in rules[r]]
    attributes = [w for r in ATTRIBUTES for w in rules[r]]
    midline = [w for r in MIDLINE for w in rules.get(r, ())]
    statements = [w for r, ws in rules.items() if r not in DECLARING + ATTRIBUTES + MIDLINE for w in ws]
    ends = EXTRA_WORDS["start"] + EXTRA_WORDS["end"]
    directions = EXTRA_WORDS["vertical"] + EXTRA_WORDS["horizontal"]
    patterns = {
        "comment": {"patterns": [
            {"name": "comment.line.number-sign.flowdsl", "match": r"#.*$"},
            {"name": "comment.line.double-slash.flowdsl", "match": r"//.*$"}]},
        "string": {"patterns": [
            {"name": "string.quoted.double.flowdsl", "begin": '"', "end": r'"|$',
             "patterns": [{"name": "constant.character.escape.flowdsl", "match": r"\\."}]},
            {"name": "string.quoted.other.cjk.flowdsl", "begin": "“", "end": "”|$"}]},
        "severity": {"match": rf"{BEFORE}(FD[0-9]{{3}}){WS}+({words(SEVERITY_WORDS)}){AFTER}",
                     "captures": {"1": {"name": "constant.other.diagnostic-code.flowdsl"},
                                  "2": {"name": "constant.language.severity.flowdsl"}}},
        "code": {"name": "constant.other.diagnostic-code.flowdsl", "match": rf"{BEFORE}FD[0-9]{{3}}{AFTER}"},
        "arrow": {"patterns": [
            {"name": "keyword.operator.arrow.info.flowdsl", "match": r"[\]】]?(?:->|→)"},
            {"name": "keyword.operator.arrow.goods.flowdsl", "match": r"[\]】]?(?:=>|⇒)"},
            {"name": "keyword.operator.arrow.label.flowdsl", "match": r"[-=][\[【]"}]},
        "declaration": {
            "match": rf"{STATEMENT_START}{WS}*({words(declaring)}){AFTER}(?:{WS}+({ID}){AFTER})?"
                     rf"{WS}+(?!{ID}{AFTER})({NAME})",
            "captures": {"1": {"name": "keyword.declaration.flowdsl"}, "2": {"name": "constant.numeric.id.flowdsl"},
                         "3": {"name": "entity.name.type.flowdsl"}}},
        "statement": {
            "match": rf"{STATEMENT_START}{WS}*(?:({words(declaring)})|({words(statements)})){AFTER}{ARROW_AHEAD}",
            "captures": {"1": {"name": "keyword.declaration.flowdsl"}, "2": {"name": "keyword.other.flowdsl"}}},
        "leading": {   # a step word at the start of a line is a name (“读取 验货合格单” in structured English)
            "match": rf"^{WS}*({words(attributes + midline)}){AFTER}",
            "captures": {"1": {"name": "variable.other.flowdsl"}}},
        "midline": {"name": "keyword.control.flowdsl", "match": rf"{BEFORE}(?:{words(midline)}){AFTER}"},
        "lanes": {"match": rf"{BEFORE}({words(directions)}){AFTER}",
                  "captures": {"1": {"name": "constant.language.direction.flowdsl"}}},
        "attribute": {"name": "keyword.other.attribute.flowdsl", "match": rf"{BEFORE}(?:{words(attributes)}){AFTER}"},
        "end": {"name": "constant.language.flowdsl", "match": rf"{BEFORE}(?:{words(ends)}){AFTER}"},
        "value": {"name": "constant.other.value.flowdsl", "match": r"\w+(?:-\w+)+"},
        "id": {"name": "constant.numeric.id.flowdsl", "match": rf"{BEFORE}{ID}{AFTER}"},
        "name": {"name": "variable.other.flowdsl", "match": NAME},
        "punctuation": {"patterns": [
            {"name": "punctuation.section.block.begin.flowdsl", "match": r"\{"},
            {"name": "punctuation.section.block.end.flowdsl", "match": r"\}"},
            {"name": "punctuation.section.brackets.flowdsl", "match": r"[\[\]【】()（）]"},
            {"name": "punctuation.separator.key-value.flowdsl", "match": r"[:：=＝]"},
            {"name": "punctuation.separator.comma.flowdsl", "match": r"[,，、]"},
            {"name": "punctuation.terminator.statement.flowdsl", "match": r"[;；]"},
            {"name": "keyword.operator.relationship.flowdsl", "match": r"--"},
            {"name": "keyword.operator.flowdsl", "match": r"[+|*]"}]},
    }
    return {
        "$schema": "https://raw.githubusercontent.com/martinring/tmlanguage/master/tmlanguage.json",
        "name": "flowdsl",
        "scopeName": "source.flowdsl",
        "fileTypes": ["flow", "flowdsl"],
        "comment": "Generated by scripts/vscode_grammar.py from grammars/flowdsl.lark; do not edit.",
        "patterns": [{"include": f"#{k}"} for k in patterns],
        "repository": patterns,
    }


def text() -> str:
    return json.dumps(grammar(), ensure_ascii=False, indent=2) + "\n"


if __name__ == "__main__":
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(text(), encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)}")
