"""render_batch and grade_class on any concurrent.futures.Executor (the caller's pool,
a Dask or Ray executor): same results as their own workers."""

from __future__ import annotations

import os
from concurrent.futures import Executor, Future, ProcessPoolExecutor

import pytest

from conftest import FIXTURES, files_below, needs_dot
from flowdsl.app.batch import CACHE_NAME, Task, find_sources, render_batch

PUR = os.path.join(FIXTURES, "grading", "purchasing")


def good(i: int) -> str:
    return f"chart 流程{i} {{\n  unit 员工\n  unit 主管{i}\n  document 单{i}\n  员工 -> 单{i} -> 主管{i}\n}}\n"


class Counting(Executor):
    """An executor of our own (runs in the calling process): proves that any Executor
    is used, and counts the calls it was given."""

    def __init__(self) -> None:
        self.calls = 0

    def submit(self, fn, /, *args, **kwargs):
        self.calls += 1
        f: Future = Future()
        try:
            f.set_result(fn(*args, **kwargs))
        except BaseException as exc:  # noqa: BLE001 - handed to the caller like a pool would
            f.set_exception(exc)
        return f


def _tasks(src, out) -> list[Task]:
    files, _ = find_sources([str(src)])
    return [Task(f, os.path.basename(f)[:-5], str(out), ("svg", "dot")) for f in files]


@pytest.fixture()
def src(tmp_path):
    d = tmp_path / "src"
    d.mkdir()
    for i in range(6):
        (d / f"c{i}.flow").write_text(good(i), encoding="utf-8")
    (d / "c9-broken.flow").write_text("chart 坏 {\n  unit 员工\n  员工 -> 主官\n}\n", encoding="utf-8")
    return d


@needs_dot
def test_render_batch_on_a_process_pool_and_on_any_executor(src, tmp_path):
    own = render_batch(_tasks(src, tmp_path / "own"), jobs=1)
    with ProcessPoolExecutor(max_workers=2) as pool:
        pooled = render_batch(_tasks(src, tmp_path / "pool"), jobs=2, executor=pool)
        assert pool.submit(abs, -3).result() == 3            # not shut down: the caller's pool
    counting = Counting()
    mine = render_batch(_tasks(src, tmp_path / "mine"), jobs=2, executor=counting)
    assert counting.calls >= 2                                # the work went through it
    for results in (pooled, mine):
        assert [(r.path, r.status, r.diagrams) for r in results] == [(r.path, r.status, r.diagrams) for r in own]
    assert [r.status for r in own].count("failed") == 1
    a, b, c = (files_below(tmp_path / n) for n in ("own", "pool", "mine"))
    for f in (a, b, c):
        f.pop(CACHE_NAME)
    assert len(a) == 12 and a == b == c                       # byte-identical outputs


@needs_dot
def test_a_failing_executor_falls_back_to_a_local_worker(src, tmp_path):
    class Broken(Executor):
        def submit(self, fn, /, *args, **kwargs):
            f: Future = Future()
            f.set_exception(RuntimeError("the cluster went away"))
            return f

    results = render_batch(_tasks(src, tmp_path / "o"), jobs=2, executor=Broken())
    assert [r.status for r in results].count("rendered") == 6   # each retried alone, locally


@needs_dot
def test_grade_class_on_a_process_pool(tmp_path):
    from flowdsl.grade.cli import grade_class, students_of

    students, _ = students_of([os.path.join(PUR, "students")])
    rubric = os.path.join(PUR, "RUBRIC.toml")
    answer = os.path.join(PUR, "answer.flow")
    alone = grade_class(answer, students, rubric, lang="en", jobs=1)
    with ProcessPoolExecutor(max_workers=2) as pool:
        pooled = grade_class(answer, students, rubric, out=str(tmp_path / "r"), lang="en", executor=pool)
    counting = Counting()
    mine = grade_class(answer, students, rubric, lang="en", executor=counting)
    key = [(r["file"], r["score"], r["status"]) for r in alone]
    assert len(key) >= 4 and counting.calls >= 1
    assert [(r["file"], r["score"], r["status"]) for r in pooled] == key
    assert [(r["file"], r["score"], r["status"]) for r in mine] == key
    assert os.path.exists(tmp_path / "r" / "index.html") or any((tmp_path / "r").iterdir())


def _dask():
    try:
        from dask.distributed import Client, LocalCluster   # optional: only when installed
    except ImportError:
        return None
    return Client, LocalCluster


@needs_dot
@pytest.mark.skipif(_dask() is None, reason="dask.distributed not installed")
def test_render_batch_on_a_dask_cluster(src, tmp_path):
    Client, LocalCluster = _dask()
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                      dashboard_address=None) as cluster, \
            Client(cluster) as client:
        results = render_batch(_tasks(src, tmp_path / "dask"), jobs=2, executor=client.get_executor())
    assert [r.status for r in results].count("rendered") == 6


@needs_dot
def test_the_largest_files_go_first_and_results_stay_in_input_order(tmp_path):
    d = tmp_path / "src"
    d.mkdir()
    sizes = {"a": 1, "b": 9, "c": 4, "d": 9}   # units and arrows per chart: larger files
    for name, n in sizes.items():
        body = "".join(f"  unit 人{k}\n" for k in range(n + 1)) + "".join(f"  人{k} -> 人{k + 1}\n" for k in range(n))
        (d / f"{name}.flow").write_text(f"chart {name} {{\n{body}}}\n", encoding="utf-8")

    class Recording(Counting):
        def __init__(self) -> None:
            super().__init__()
            self.order: list[str] = []

        def submit(self, fn, /, *args, **kwargs):
            self.order += [os.path.basename(t.path) for t in args[0]]
            return super().submit(fn, *args, **kwargs)

    rec = Recording()
    results = render_batch(_tasks(d, tmp_path / "out"), jobs=2, executor=rec)
    assert rec.order == ["b.flow", "d.flow", "c.flow", "a.flow"]   # by size, ties in input order
    assert [os.path.basename(r.path) for r in results] == ["a.flow", "b.flow", "c.flow", "d.flow"]
    assert all(r.status == "rendered" for r in results)
