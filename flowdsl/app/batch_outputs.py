"""Every output of one file of a batch, in memory: (path, bytes), in a fixed order.

When the batch renders its files one after another in this process (one file, or
``-j 1``), :func:`conversion_threads` lets the PNG and PDF outputs be made on worker
threads while the main thread goes on with the next diagram: the conversion itself
(the typst wheel, :mod:`flowdsl.render.convert`) releases the GIL, so on two cores a
file's rasterising overlaps its layouts. Each thread keeps its own typst compiler, and
the threads are kept for the process (a compiler's font scan is paid once per thread).
The outputs are the same bytes in the same order either way; an error is raised as it
would be one after another (the first failing output, in output order).
"""

from __future__ import annotations

import os
from contextlib import contextmanager
from functools import partial

from .outputs import diagram_stems

__all__ = ["conversion_threads", "render_outputs"]

#: how many outputs may be made at once (1: one after another, in the calling thread)
_THREADS = [1]
_POOL: list = []   # [(pid, ThreadPoolExecutor, workers)]


@contextmanager
def conversion_threads(n: int):
    """Inside: PNG and PDF outputs are made on up to ``n`` threads (at most the cores)."""
    old = _THREADS[0]
    _THREADS[0] = max(1, min(int(n or 1), os.cpu_count() or 1))
    try:
        yield
    finally:
        _THREADS[0] = old


def _pool(workers: int):
    from concurrent.futures import ThreadPoolExecutor

    pid = os.getpid()
    if not _POOL or _POOL[0][0] != pid or _POOL[0][2] != workers:
        _POOL[:] = [(pid, ThreadPoolExecutor(max_workers=workers, thread_name_prefix="flowdsl-convert"), workers)]
    return _POOL[0][1]


def _files(diagram, fmt: str, task, stem: str, size: dict, folder: str) -> list[tuple[str, bytes]]:
    return [(os.path.join(folder, name), data)
            for name, data in diagram.files(fmt, task.paper, task.orientation, stem=stem, **size)]


def _levels(case, dfd_name: str, task, path: str) -> list[tuple[str, bytes]]:
    return [(path, case.levels_pdf(dfd_name, task.paper, task.orientation))]


def _jobs(case, task, folder: str) -> list[tuple[str, object]]:
    """(format, what makes its outputs) for every output of the file, in order."""
    jobs: list[tuple[str, object]] = []
    levels = case.dfd_levels
    logic = case.logic_diagrams(task.logic_convert)
    stems, level_stems = diagram_stems([d.name for d in case.diagrams] + [d.name for d in logic], list(levels))
    stems, logic_stems = stems[:len(case.diagrams)], stems[len(case.diagrams):]
    size = {} if (task.scale, task.dpi) == (1.0, None) else {"scale": task.scale, "dpi": task.dpi}
    for diagram, stem in zip(case.diagrams, stems):  # charts, DFD levels, ER diagrams
        for fmt in task.formats:  # NAME.svg, and NAME-sheet2.svg … for a diagram split into sheets
            if fmt != "html":
                jobs.append((fmt, partial(_files, diagram, fmt, task, stem, size, folder)))
    for diagram, stem in zip(logic, logic_stems):  # 处理逻辑说明: structured English is HTML only
        for fmt in task.formats if diagram.kind != "english" else ("html",):
            if fmt in diagram.formats:
                jobs.append((fmt, partial(_files, diagram, fmt, task, stem, size, folder)))
    if "pdf" in task.formats:  # every level of each DFD, in order, as one multi-page PDF
        for dfd_name, stem in zip(levels, level_stems):
            jobs.append(("pdf", partial(_levels, case, dfd_name, task, os.path.join(folder, f"{stem}.pdf"))))
    return jobs


def render_outputs(case, task, folder: str) -> list[tuple[str, bytes]]:
    """Every output of the file, rendered in memory: (path, bytes)."""
    jobs = _jobs(case, task, folder)
    threads = _THREADS[0]
    if threads <= 1 or sum(fmt in ("png", "pdf") for fmt, _ in jobs) < 2:
        return [out for _, make in jobs for out in make()]
    pool = _pool(threads)
    parts: list = []
    try:
        for fmt, make in jobs:
            # SVG (and DOT, HTML) here, in order: the SVG's layout is then kept for the
            # diagram's PNG and PDF (render/pipeline.laid_out), made on a thread
            if fmt in ("png", "pdf"):
                parts.append(pool.submit(make))
                continue
            try:
                parts.append(make())
            except Exception:
                for p in parts:   # an earlier output's error comes first, as one after another
                    if not isinstance(p, list):
                        p.result()
                raise
        return [out for p in parts for out in (p if isinstance(p, list) else p.result())]
    finally:
        for p in parts:   # an error before the end: nothing keeps running for this file
            if not isinstance(p, list):
                p.cancel()
