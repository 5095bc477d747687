"""The grammar cache of flowdsl.lang.parser: written on first use, used afterwards, and
harmless when damaged, stale or in a folder other users could write."""

import os

import pytest

from flowdsl.lang import parser as P

TEXT = "chart 请假 {\n  unit 员工\n  unit 主管\n  员工 -> 主管\n}\n"


@pytest.fixture(autouse=True)
def full_lark(monkeypatch):
    """The grammar cache is Lark's: these tests run without the shipped stand-alone parser."""
    monkeypatch.setenv("FLOWDSL_STANDALONE_PARSER", "0")
    P.get_parser.cache_clear()
    yield
    P.get_parser.cache_clear()


@pytest.fixture
def fresh(monkeypatch, tmp_path):
    d = tmp_path / "cache"
    monkeypatch.setenv("FLOWDSL_CACHE_DIR", str(d))
    P.get_parser.cache_clear()
    yield d
    P.get_parser.cache_clear()


def _names(ast):
    return [type(i).__name__ for i in ast.items]


def test_cache_written_then_used(fresh):
    ast, diags = P.parse_text(TEXT)
    assert diags == [] and _names(ast) == ["Chart"]
    files = os.listdir(fresh)
    assert len(files) == 1 and files[0].endswith(".lark.cache")
    assert (os.stat(fresh).st_mode & 0o777) == 0o700
    first_line = (fresh / files[0]).read_bytes().split(b"\n", 1)[0]
    assert len(first_line) == 64          # Lark's SHA-256 of grammar + options + versions
    P.get_parser.cache_clear()
    ast2, diags2 = P.parse_text(TEXT)
    assert diags2 == [] and ast2 == ast


@pytest.mark.parametrize("damage", ["truncated", "garbage", "other-grammar"])
def test_damaged_or_stale_cache_is_rebuilt(fresh, capsys, damage):
    P.parse_text(TEXT)
    (path,) = [fresh / f for f in os.listdir(fresh)]
    data = path.read_bytes()
    path.write_bytes({"truncated": data[: len(data) // 3], "garbage": b"\x00\xff not a pickle",
                      "other-grammar": b"0" * 64 + data[64:]}[damage])
    P.get_parser.cache_clear()
    ast, diags = P.parse_text(TEXT)
    assert diags == [] and _names(ast) == ["Chart"]
    assert "Traceback" not in capsys.readouterr().err
    assert path.read_bytes().split(b"\n", 1)[0] == data.split(b"\n", 1)[0]   # rewritten, valid again


def test_group_writable_cache_folder_is_not_trusted(monkeypatch, tmp_path):
    d = tmp_path / "shared"
    d.mkdir()
    os.chmod(d, 0o777)
    monkeypatch.setenv("FLOWDSL_CACHE_DIR", str(d))
    assert P._cache_dir() is None
    P.get_parser.cache_clear()
    try:
        ast, diags = P.parse_text(TEXT)
        assert diags == [] and _names(ast) == ["Chart"] and os.listdir(d) == []
    finally:
        P.get_parser.cache_clear()


def test_syntax_errors_unchanged_with_gc_paused():
    import gc

    assert gc.isenabled()
    ast, diags = P.parse_text("chart a {\n  unit\n}\n")
    assert ast is None and [d.code for d in diags] == ["FD001"] and diags[0].span.line == 2
    assert gc.isenabled()


def test_parsing_lowering_and_checking_leave_the_cycle_collector_as_they_found_it():
    import gc

    import flowdsl

    assert gc.isenabled()
    flowdsl.parse("chart a {\n unit 甲\n unit 乙\n 甲 -> 乙\n}")
    assert gc.isenabled()
    gc.disable()
    try:
        flowdsl.parse("chart a {\n unit 甲\n}")
        assert not gc.isenabled()          # a caller's choice is kept
    finally:
        gc.enable()
    flowdsl.parse("chart a {\n unit 甲 乙 丙\n")   # a syntax error path too
    assert gc.isenabled()


def test_a_due_collection_of_the_older_generation_is_made_before_a_pause_not_after():
    import gc

    from flowdsl._gc import paused

    assert gc.isenabled()
    gc.collect()
    middle = gc.get_stats()[1]["collections"]
    with paused():
        assert not gc.isenabled()
    assert gc.get_stats()[1]["collections"] == middle        # not due: no collection of its own
    for _ in range(gc.get_threshold()[1]):
        gc.collect(0)                                       # each young collection counts for the middle one
    assert gc.get_count()[1] >= gc.get_threshold()[1]       # its collection comes next
    with paused():
        assert gc.get_count()[1] == 0 and not gc.isenabled()   # made as the pause began
        xs = [[i] for i in range(5000)]                      # new objects: not swept by it
    assert gc.isenabled() and gc.get_stats()[1]["collections"] >= middle + 1
    del xs
