"""The stand-alone parser kept built in the user's cache (flowdsl.lang.parser_cache):
written once, loaded afterwards with its scanners compiled, the same trees and
diagnostics as a parser built afresh, and harmless when damaged or switched off."""

import glob
import os
import re
import subprocess
import sys

import pytest

from flowdsl.lang import parser as P
from flowdsl.lang import parser_cache as C
from flowdsl.lang.larkbase import standalone_module

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FILES = sorted(glob.glob(os.path.join(ROOT, "samples", "*.flow")) + glob.glob(os.path.join(ROOT, "tests", "fixtures", "*.flow")))

#: a wrong character, a wrong token, a file ending early, a full-width arrow, an unclosed string
BROKEN = ["chart a {\n unit 甲 @\n}\n", "chart a {\n unit\n}\n", "chart a {\n unit 甲\n",
          "chart a {\n unit 甲\n unit 乙\n 甲 －> 乙\n}\n", 'chart a {\n title "x\n}\n']

pytestmark = pytest.mark.skipif(standalone_module() is None, reason="the shipped stand-alone parser is stale or off")


@pytest.fixture
def cache(monkeypatch, tmp_path):
    d = tmp_path / "cache"
    monkeypatch.setenv("FLOWDSL_CACHE_DIR", str(d))
    monkeypatch.delenv("FLOWDSL_PARSER_CACHE", raising=False)
    P.get_parser.cache_clear()
    yield d
    P.get_parser.cache_clear()


def _pickles(d):
    return sorted(glob.glob(os.path.join(d, "parser-*.pickle")))


def _read(path):
    with open(path, "rb") as fh:
        data = fh.read()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("gb18030", "replace")


def _refuse_to_build(monkeypatch):
    def build(**kwargs):
        raise AssertionError("built, not loaded from the cache")

    monkeypatch.setattr(standalone_module(), "Lark_StandAlone", build)


def test_written_once_then_loaded_without_building(cache, monkeypatch):
    P.get_parser()
    (path,) = _pickles(cache)
    assert (os.stat(cache).st_mode & 0o777) == 0o700
    with open(path, "rb") as fh:
        assert fh.readline().strip().decode() == C.cache_key(standalone_module())
    P.get_parser.cache_clear()
    _refuse_to_build(monkeypatch)
    ast, diags = P.parse_text("chart 请假 {\n  unit 员工\n  unit 主管\n  员工 -> 主管\n}\n")
    assert diags == [] and [type(i).__name__ for i in ast.items] == ["Chart"]


def test_loaded_scanners_are_compiled_and_equal_to_re_compile(cache):
    P.get_parser()
    P.get_parser.cache_clear()
    loaded = P.get_parser()
    lexer = loaded.parser.lexer
    basics = [*lexer.lexers.values(), lexer.root_lexer]
    assert all(b._scanner is not None for b in basics)      # nothing left to compile on first use
    patterns = [m for b in basics for m in b._scanner._mres]
    assert len(patterns) > 50
    for m in patterns:   # Pattern equality compares the flags, the source and the compiled code
        assert m == re.compile(m.pattern, m.flags)


def test_same_trees_and_diagnostics_as_a_parser_built_afresh(cache, monkeypatch):
    texts = [_read(f) for f in FILES] + BROKEN
    monkeypatch.setenv("FLOWDSL_PARSER_CACHE", "0")
    P.get_parser.cache_clear()
    built = [P.parse_text(t) for t in texts]
    assert _pickles(cache) == []                       # switched off: nothing written
    monkeypatch.delenv("FLOWDSL_PARSER_CACHE")
    P.get_parser.cache_clear()
    P.get_parser()                                     # writes it
    P.get_parser.cache_clear()
    _refuse_to_build(monkeypatch)
    loaded = [P.parse_text(t) for t in texts]
    assert len(_pickles(cache)) == 1
    errors = 0
    for f, (a1, d1), (a2, d2) in zip(FILES + BROKEN, built, loaded):
        assert a1 == a2, f
        assert [(d.code, d.span, d.message) for d in d1] == [(d.code, d.span, d.message) for d in d2], f
        errors += bool(d1)
    assert errors >= len(BROKEN)   # syntax errors (the lexer's and the parser's) come out the same too


@pytest.mark.parametrize("damage", ["truncated", "garbage", "other-key"])
def test_damaged_cache_is_rebuilt_and_rewritten(cache, damage):
    P.get_parser()
    (path,) = _pickles(cache)
    with open(path, "rb") as fh:
        data = fh.read()
    head = data.split(b"\n", 1)[0]
    with open(path, "wb") as fh:
        fh.write({"truncated": data[: len(data) // 2], "garbage": head + b"\n\x80\x05 not a pickle",
                  "other-key": b"0" * 64 + data[64:]}[damage])
    P.get_parser.cache_clear()
    ast, diags = P.parse_text("chart a {\n unit 甲\n unit 乙\n 甲 -> 乙\n}\n")
    assert diags == [] and ast is not None
    (again,) = _pickles(cache)
    with open(again, "rb") as fh:
        assert fh.read() == data                        # written again, whole


def test_an_unwritable_or_untrusted_folder_only_costs_the_build(monkeypatch, tmp_path):
    d = tmp_path / "shared"
    d.mkdir()
    os.chmod(d, 0o777)
    monkeypatch.setenv("FLOWDSL_CACHE_DIR", str(d))
    P.get_parser.cache_clear()
    try:
        ast, diags = P.parse_text("chart a {\n unit 甲\n}\n")
        assert ast is not None and os.listdir(d) == []
    finally:
        P.get_parser.cache_clear()


def test_a_fresh_process_loads_it_instead_of_building(tmp_path):
    env = dict(os.environ, FLOWDSL_CACHE_DIR=str(tmp_path / "c"))
    env.pop("FLOWDSL_PARSER_CACHE", None)
    code = ("import sys; from flowdsl.lang import parser as P, _standalone as S\n"
            "if sys.argv[1] == 'load': S.Lark_StandAlone = None\n"
            "print(P.parse_text('chart a {\\n unit 甲\\n}\\n')[0] is not None)")
    runs = [subprocess.run([sys.executable, "-c", code, how], env=env, capture_output=True, text=True)
            for how in ("build", "load")]
    assert [(r.returncode, r.stdout.strip()) for r in runs] == [(0, "True"), (0, "True")], runs[1].stderr
    assert len(_pickles(tmp_path / "c")) == 1


def test_installs_used_in_turn_keep_their_own_parser(cache, monkeypatch):
    """Two installs (a notebook's venv, the command line's) share the cache folder: each
    keeps its parser, so neither builds it again when the other ran last; beyond
    ``KEEP`` installs the least recently written go."""
    module = standalone_module()
    built = []

    def build(**kwargs):
        built.append(1)
        return module.Lark_StandAlone(**kwargs)

    def run(install):
        monkeypatch.setattr(C, "cache_key", lambda m: f"{install:02x}" * 32)
        return C.load_or_build(module, build, str(cache))

    os.makedirs(cache, mode=0o700)
    run(1), run(2)
    assert len(built) == 2 and len(_pickles(cache)) == 2
    for _ in range(3):
        run(1), run(2)
    assert len(built) == 2                            # each loaded its own, never rebuilt
    for n, path in enumerate(_pickles(cache), 1):
        os.utime(path, ns=(n, n))                     # the two written long ago
    for install in range(3, 3 + C.KEEP):
        run(install)
    kept = _pickles(cache)
    assert len(kept) == C.KEEP
    assert not any(os.path.basename(p).startswith(("parser-0101", "parser-0202")) for p in kept)
    assert run(3 + C.KEEP - 1).parse("chart a {\n unit 甲\n}\n") is not None
    assert len(built) == 2 + C.KEEP                   # the newest was loaded, not built
