"""The stand-alone parser shipped in the package (flowdsl/lang/_standalone.py): made from
the current grammar, and giving the same ASTs and diagnostics as Lark itself."""

from __future__ import annotations

import glob
import os
import subprocess
import sys

import pytest

from conftest import ROOT

from flowdsl.lang import larkbase
from flowdsl.lang import parser as P

sys.path.insert(0, os.path.join(ROOT, "scripts"))
import gen_parser  # noqa: E402

REGENERATE = "python scripts/gen_parser.py"


def test_the_shipped_parser_is_made_from_the_current_grammar():
    assert gen_parser.stored_digest() == gen_parser.grammar_digest(), (
        "flowdsl/lang/_standalone.py was made from another grammar than grammars/flowdsl.lark "
        f"(flowdsl still works, on full Lark, but starts slower). Regenerate it:  {REGENERATE}")
    assert larkbase.standalone_module() is not None


def test_a_stale_parser_is_not_used(monkeypatch):
    from flowdsl.lang import _standalone

    monkeypatch.setattr(_standalone, "GRAMMAR_SHA256", "0" * 64)
    assert larkbase.standalone_module() is None
    assert larkbase.kit().name == "lark"


def test_the_generator_writes_a_working_parser(tmp_path, monkeypatch):
    # what the lead runs at merge: the generated module parses, and its digest is the grammar's
    text = gen_parser.generate()
    assert f'GRAMMAR_SHA256 = "{gen_parser.grammar_digest()}"' in text
    (tmp_path / "fresh_standalone.py").write_text(text, encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    import fresh_standalone

    tree = fresh_standalone.Lark_StandAlone().parse("chart 请假 {\n  unit 员工\n}\n")
    assert tree.data == "start" and tree.meta.line == 1


def _sources() -> list[str]:
    files = sorted(glob.glob(os.path.join(ROOT, "samples", "**", "*.flow"), recursive=True))
    files += sorted(glob.glob(os.path.join(ROOT, "tests", "fixtures", "**", "*.flow"), recursive=True))
    return files


def _parse_all(monkeypatch, flag: str):
    monkeypatch.setenv("FLOWDSL_STANDALONE_PARSER", flag)
    P.get_parser.cache_clear()
    try:
        out = []
        for path in _sources():
            with open(path, encoding="utf-8", errors="replace") as fh:
                out.append(P.parse_text(fh.read()))
        return out
    finally:
        P.get_parser.cache_clear()


def test_same_asts_and_diagnostics_as_lark(monkeypatch, tmp_path):
    monkeypatch.setenv("FLOWDSL_CACHE_DIR", str(tmp_path))
    ours = _parse_all(monkeypatch, "1")
    assert larkbase.kit().name == "standalone"
    theirs = _parse_all(monkeypatch, "0")
    assert len(ours) == len(_sources()) > 20
    assert any(d for _, d in ours) and any(a for a, _ in ours)       # valid and invalid files
    for path, a, b in zip(_sources(), ours, theirs):
        assert a == b, path


@pytest.mark.parametrize("text", ["chart a {\n  unit b c\n}\n", "dfd x {\n  process P1 \"a\" ->\n}\n",
                                  "chart 请假 {\n  员工 -> \n}\n", "案例 x\n业务流程图 y {\n"])
def test_same_syntax_errors_as_lark(monkeypatch, tmp_path, text):
    monkeypatch.setenv("FLOWDSL_CACHE_DIR", str(tmp_path))
    got = []
    for flag in ("1", "0"):
        monkeypatch.setenv("FLOWDSL_STANDALONE_PARSER", flag)
        P.get_parser.cache_clear()
        got.append(P.parse_text(text)[1])
    P.get_parser.cache_clear()
    assert got[0] and got[0] == got[1]


def test_check_does_not_import_lark():
    code = ("import sys\nfrom flowdsl.app.cli import main\ntry:\n    main(['check', sys.argv[1]])\n"
            "except SystemExit:\n    pass\nprint('lark' in sys.modules, file=sys.stderr)")
    proc = subprocess.run([sys.executable, "-c", code, os.path.join(ROOT, "samples", "01-purchasing.flow")],
                          capture_output=True, text=True, cwd=ROOT)
    assert proc.stderr.strip().splitlines()[-1] == "False", proc.stderr
