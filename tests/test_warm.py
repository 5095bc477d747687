"""``flowdsl.parse`` in a long-lived process (``flowdsl.lang.warm``): an edit of a recent
text is parsed by the process's Reparser, and gives exactly the case a whole parse gives;
the first text and texts unlike the recent ones are parsed whole; threads get correct
results; nothing changes the AST that the cases share."""

from __future__ import annotations

import copy
import os
import random
import threading

import pytest

import flowdsl
from conftest import ROOT, flow_texts
from flowdsl.api import _parse
from flowdsl.lang import warm
from flowdsl.lang.parser import parse_text
from flowdsl.lang.warm import WarmParser, is_edit



TEXTS = flow_texts()
PURCHASING = open(os.path.join(ROOT, "samples", "01-purchasing.flow"), encoding="utf-8").read()


def whole(text: str):
    """``flowdsl.parse`` with the whole text parsed (``_parse`` without a parse step)."""
    return _parse(text, None, False, None, {})


def indented(text: str, k: int) -> str:
    """``text`` with its k-th indented line (going round) indented by one more space."""
    lines = text.split("\n")
    rows = [i for i, line in enumerate(lines) if line[:1] == " " and line.strip()] or [0]
    i = rows[k % len(rows)]
    return "\n".join(lines[:i] + [" " + lines[i]] + lines[i + 1:])


def one_line_edits(text: str, rnd: random.Random) -> list[str]:
    """Edits a student makes: a line indented more, a name changed, a character typed or
    deleted on one line, a line added, a line taken away (the last two move the lines below)."""
    lines = text.split("\n")
    k = rnd.randrange(len(lines))
    i = rnd.randrange(len(lines[k]) + 1)
    return [indented(text, rnd.randrange(1000)), indented(text, rnd.randrange(1000)),
            "\n".join(lines[:k] + [lines[k][:i] + rnd.choice(["x", "-> ", '"', "{", " 甲"]) + lines[k][i:]] + lines[k + 1:]),
            "\n".join(lines[:k] + [lines[k][:i] + lines[k][i + 1:]] + lines[k + 1:]),
            "\n".join(lines[:k] + ["  单位 新加"] + lines[k:]),
            "\n".join(lines[:k] + lines[k + 1:])]


@pytest.mark.parametrize("name, text", TEXTS, ids=[n for n, _ in TEXTS])
def test_parse_after_edits_gives_the_whole_parse(name, text):
    rnd = random.Random(name)
    flowdsl.parse(text)
    for t in [text] + one_line_edits(text, rnd) + [text]:
        got, want = flowdsl.parse(t), whole(t)
        assert warm.WARM.last == "pieces" or len(t.split("\n")) < 2   # the edit path, not a whole parse
        assert got.diagnostics == want.diagnostics
        assert got.model == want.model
        assert got.syntax == want.syntax


def test_a_one_line_edit_parses_one_statement_again():
    w = WarmParser()
    assert w.parse_text(PURCHASING) == parse_text(PURCHASING)
    assert (w.last, w.reparser) == ("whole", None)          # the first text: one whole parse
    w.parse_text(indented(PURCHASING, 0))                   # the first edit: every piece parsed
    assert w.last == "pieces" and w.reparser.parsed > 50
    for k in range(1, 30):
        edited = indented(PURCHASING, 7 * k)
        assert w.parse_text(edited) == parse_text(edited)
        assert w.last == "pieces" and w.reparser.parsed <= 2    # the line's statement (and the one restored)
    w.parse_text(PURCHASING)
    assert w.reparser.parsed == 0


def test_unrelated_texts_are_parsed_whole():
    """A batch of different files in one process: each parsed whole, as before."""
    w = WarmParser()
    texts = [t for _, t in TEXTS[:7]]
    for t in texts:
        assert w.parse_text(t) == parse_text(t)
        assert w.last == "whole"
    assert w.reparser is None
    assert w.parse_text(indented(texts[2], 3)) == parse_text(indented(texts[2], 3))
    assert w.last == "pieces"          # an edit of a recent one


def test_a_long_text_is_parsed_whole_and_memory_is_bounded():
    w = WarmParser(size=64, max_lines=100)
    long = "\n".join(f"chart c{i} {{\n  unit u{i}\n}}" for i in range(40))
    for t in [long, long, indented(long, 3)]:
        assert w.parse_text(t) == parse_text(t) and w.last == "whole"
    short = PURCHASING.split("业务流程图", 1)[0] + "chart a {\n  unit x\n  unit y\n  x -> y\n}\n"
    for k in range(30):
        t = short.replace("unit y", f"unit y{k}").replace("x -> y", f"x -> y{k}")
        assert w.parse_text(t) == parse_text(t)
    assert len(w.reparser._pieces) <= 64
    assert len(w._recent) == warm.RECENT


def test_a_busy_reparser_parses_whole():
    w = WarmParser()
    w.parse_text(PURCHASING)
    with w._lock:                       # another thread is in the middle of a parse
        edited = indented(PURCHASING, 5)
        assert w.parse_text(edited) == parse_text(edited)
    assert w.reparser is None           # it did not wait, nor touch the Reparser


def test_threads_parsing_different_texts_get_their_own_results():
    texts = [t for _, t in TEXTS if t.count("\n") > 20][:6]
    jobs = [[t] + [indented(t, k * 5) for k in range(12)] for t in texts]
    want = {t: whole(t) for job in jobs for t in job}
    errors: list[str] = []

    def run(job):
        for t in job * 2:
            got = flowdsl.parse(t)
            if got.diagnostics != want[t].diagnostics or got.model != want[t].model:
                errors.append(t[:40])

    threads = [threading.Thread(target=run, args=(job,)) for job in jobs]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert errors == []


def test_is_edit():
    a = ["x"] * 3 + ["a", "b", "c", "d"]
    assert is_edit(a, a) and is_edit(a[:-1], a) and is_edit(["new"] + a, a)
    assert not is_edit(["p", "q", "r", "s"], ["p", "x", "y", "z"])
    assert not is_edit(list("abcdef"), list("fedcba"))


@pytest.mark.parametrize("name, text", [(n, t) for n, t in TEXTS if n.startswith("samples")][:7])
def test_nothing_changes_the_shared_ast(name, text):
    """The statements' AST is shared between cases: lowering, the checks, every view,
    rendering, writing back, the dictionary, derivations, grading, the editor index and
    the formatter leave it as it was."""
    from flowdsl.app.lsp_index import build_index
    from flowdsl.lang.format import _Formatter, find_comments

    ast, _ = parse_text(text)
    before = copy.deepcopy(ast)
    case = _parse(text, name, False, None, {}, lambda t: (ast, []))
    assert case.syntax is ast and case.ok
    build_index(case)
    for d in case.diagrams:
        d.render("dot")
    case.export("drawio")
    case.to_text()
    case.to_text("zh")
    case._repr_html_()
    case.dictionary.to_markdown()
    for derive in (case.derive_dfd, case.derive_er):
        try:
            derive()
        except Exception:   # a case without a chart or a store: nothing derived
            pass
    case.logic_diagrams(convert=True)
    flowdsl.grade(case, whole(text))
    _Formatter(text).block(ast.items, find_comments(text), 0, top=True)
    assert ast == before


def test_flowdsl_watch_rerenders_an_edited_file_from_its_kept_pieces(tmp_path, monkeypatch):
    """``flowdsl watch`` renders a saved file again in its own process (``render_batch``
    of the one changed file → ``flowdsl.load``): a one-line edit parses one statement."""
    from flowdsl.app.batch import Task, render_batch

    monkeypatch.setattr(warm, "WARM", WarmParser())     # a new process
    src = tmp_path / "case.flow"
    task = Task(str(src), "case", str(tmp_path / "out"), ("dot",))
    parsed = []
    for k in range(4):
        src.write_text(indented(PURCHASING, 11 * k), encoding="utf-8")
        [result] = render_batch([task], jobs=1)
        assert result.status == "rendered"
        parsed.append((warm.WARM.last, warm.WARM.reparser.parsed if warm.WARM.last == "pieces" else None))
    assert parsed[0] == ("whole", None)       # the first render of the process: a whole parse
    # later: the statement edited now (and the one edited before, put back, unless kept)
    assert all(how == "pieces" and 1 <= n <= 2 for how, n in parsed[2:]), parsed
