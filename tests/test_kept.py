"""Kept render results (flowdsl.render.kept): the time limit is not part of the key, so
a DFD's levels PDF (asked with 60 s) reuses the layouts its diagrams' outputs made (30 s)."""

import os
import threading

import flowdsl
from flowdsl.render import pipeline
from flowdsl.render.kept import kept

from conftest import ROOT, needs_dot


def test_the_time_limit_is_not_part_of_the_key_and_the_oldest_goes_first():
    calls = []

    def work(view, timeout, other):
        calls.append((view, timeout, other))
        return (view, other)

    k = kept(work, timeout_at=1, size=2)
    assert k("a", 30.0, "x") == ("a", "x") and k("a", 60.0, "x") == ("a", "x")
    assert len(calls) == 1                         # the second ask, with another limit, was kept
    k("b", 30.0, "x"), k("c", 30.0, "x")           # two more: "a" is the oldest, dropped
    k("a", 30.0, "x")
    assert [c[0] for c in calls] == ["a", "b", "c", "a"]
    k.cache_clear()
    k("c", 1.0, "x")
    assert len(calls) == 5


def test_threads_asking_at_once_all_get_the_result():
    k = kept(lambda v, t: v * 2, timeout_at=1)
    got = []
    threads = [threading.Thread(target=lambda i=i: got.append(k(i % 3, 5.0))) for i in range(12)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(got) == sorted([(i % 3) * 2 for i in range(12)])


@needs_dot
def test_the_levels_pdf_lays_nothing_out_again(monkeypatch):
    case = flowdsl.load(os.path.join(ROOT, "samples", "01-purchasing.flow"))
    pipeline._laid_out.cache_clear()
    laid = []
    inner = pipeline._laid_out.fn
    monkeypatch.setattr(pipeline._laid_out, "fn", lambda *a: laid.append(a[0].name) or inner(*a))
    name = next(iter(case.dfd_levels))
    levels = case.dfd_levels[name]
    for d in levels:
        d.render("pdf")
    before = list(laid)
    assert len(before) >= len(levels)
    pdf = case.levels_pdf(name)
    assert pdf.startswith(b"%PDF") and laid == before
