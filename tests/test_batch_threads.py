"""PNG and PDF outputs of one file made on threads (flowdsl.app.batch_outputs): the
same files, byte for byte, as one after another, and errors in output order."""

import os
import subprocess
import sys
import threading

import pytest

from flowdsl.app import batch_outputs as BO

from conftest import ROOT, needs_dot

SAMPLES = os.path.join(ROOT, "samples")


def _tree(folder):
    out = {}
    for dirpath, _, names in os.walk(folder):
        for n in names:
            if n.startswith("."):
                continue   # the batch's own cache file records times
            p = os.path.join(dirpath, n)
            with open(p, "rb") as fh:
                out[os.path.relpath(p, folder)] = fh.read()
    return out


@needs_dot
@pytest.mark.parametrize("sample", ["01-purchasing.flow", "03-bookstore.flow"])
def test_threaded_outputs_are_the_sequential_ones(tmp_path, sample):
    src = os.path.join(SAMPLES, sample)
    trees = []
    for jobs in ("1", "2"):   # one file: -j 2 makes its PNG and PDF on two threads
        out = tmp_path / f"j{jobs}"
        r = subprocess.run([sys.executable, "-m", "flowdsl", "render", src, "-o", str(out), "-f", "svg,png,pdf",
                            "-j", jobs], capture_output=True, text=True, encoding="utf-8")
        assert r.returncode == 0, r.stderr
        trees.append(_tree(out))
    assert trees[0].keys() == trees[1].keys()
    assert sum(k.endswith(".png") for k in trees[0]) >= 3 and sum(k.endswith(".pdf") for k in trees[0]) >= 3
    assert [k for k in trees[0] if trees[0][k] != trees[1][k]] == []


def test_the_first_error_in_output_order_is_raised(monkeypatch):
    ran = []

    def ok(name):
        def make():
            ran.append((name, threading.current_thread() is threading.main_thread()))
            return [(name, b"x")]
        return make

    def bad(name):
        def make():
            raise RuntimeError(name)
        return make

    cases = {
        "fine": [("svg", ok("a.svg")), ("png", ok("a.png")), ("pdf", ok("a.pdf")), ("svg", ok("b.svg"))],
        "png first": [("svg", ok("a.svg")), ("png", bad("a.png")), ("pdf", ok("a.pdf")), ("svg", bad("b.svg"))],
        "svg first": [("svg", bad("a.svg")), ("png", bad("a.png")), ("pdf", ok("a.pdf"))],
    }
    for name, jobs in cases.items():
        monkeypatch.setattr(BO, "_jobs", lambda case, task, folder, jobs=jobs: jobs)
        for n in (1, 2):
            ran.clear()
            with BO.conversion_threads(n):
                if name == "fine":
                    outs = BO.render_outputs(None, None, "")
                    assert outs == [("a.svg", b"x"), ("a.png", b"x"), ("a.pdf", b"x"), ("b.svg", b"x")]
                    on_main = dict(ran)
                    assert on_main["a.svg"] and on_main["b.svg"]
                    assert (on_main["a.png"], on_main["a.pdf"]) == ((True, True) if n == 1 or os.cpu_count() == 1
                                                                    else (False, False))
                else:
                    with pytest.raises(RuntimeError, match="a.png" if name == "png first" else "a.svg"):
                        BO.render_outputs(None, None, "")


def test_conversions_on_two_threads_at_once_match_one_after_another():
    pytest.importorskip("typst")
    from flowdsl.render import convert

    import flowdsl

    case = flowdsl.load(os.path.join(SAMPLES, "02-stocktake.flow"))
    svgs = [d.render("svg") for d in case.diagrams[:4]]
    alone = [convert.convert([s], "png") for s in svgs]
    got = [None] * len(svgs)

    def work(i):
        got[i] = convert.convert([svgs[i]], "png")

    threads = [threading.Thread(target=work, args=(i,)) for i in range(len(svgs))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert got == alone
