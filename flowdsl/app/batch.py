"""Rendering many files: parallel workers, a content-hash cache, progress and a summary.

``render_batch(tasks, ...)`` renders every file (in worker processes when ``jobs > 1``),
skips files whose content, options, formats and flowdsl version are unchanged since the
last run (``OUTPUT/.flowdsl-cache.json``, see :mod:`flowdsl.app.cache`), and never lets one
bad file stop the others. Every file has its own output folder and every diagram its
own file name (:mod:`flowdsl.app.outputs`); outputs a file no longer produces (it broke, a
diagram was renamed) are removed and named in its report. Each worker renders all
outputs of a file in memory before writing any, and writes each atomically, so a
failure never leaves a half-written output. A worker killed by the system (out of
memory) costs only its own file: the others of its chunk are retried in a fresh
worker. Results come back in input order whatever the number of workers, and the
outputs are byte-identical.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from .cache import CACHE_NAME, read_cache, task_key, write_cache
from ..diagnostics.diagnostic import format_case_diagnostics, shown_name  # noqa: F401 (public here too)
from .batch_outputs import conversion_threads, render_outputs
from .outputs import output_folders, owned_output
from .progress import Progress
from .sources import find_sources

__all__ = ["CACHE_NAME", "Task", "Result", "Progress", "find_sources", "make_tasks", "render_batch",
           "render_task", "format_case_diagnostics"]


@dataclass
class Task:
    path: str
    sub: str | None               #: output subfolder (relative to the output folder); None: taken
    output: str
    formats: tuple[str, ...]
    strict: bool = False
    severities: tuple[tuple[str, str], ...] = ()
    lang: str = "en"
    color: bool = False           #: how the report is printed (not part of the cache key)
    notation: str | None = None   #: DFD notation override (textbook / gane-sarson / yourdon)
    edges: str | None = None      #: --edges override (curved / orthogonal)
    max_size: int | None = None   #: largest source read, in bytes (None: ``io.MAX_SIZE``)
    max_nodes: int | None = None  #: layout budget per diagram (None: ``limits.MAX_NODES``)
    max_edges: int | None = None
    clash: str | None = None      #: the file that already owns this file's output folder
    scale: float = 1.0            #: size of the outputs (--scale)
    dpi: float | None = None      #: PNG resolution (--dpi)
    paper: str | None = None      #: --paper (A4, A3, letter, none); None: the file's, else by format
    orientation: str | None = None  #: --orientation (portrait, landscape, auto)
    logic_convert: bool = False   #: --logic-convert: each decision table also as its tree, each tree as its table


@dataclass
class Result:
    path: str
    status: str                   #: rendered | cached | failed | backend-missing (| pending)
    report: str = ""              #: diagnostics / error text to show, plain
    outputs: list[str] = field(default_factory=list)
    diagrams: int = 0
    key: str = ""
    from_cache: bool = False      #: unchanged since the last run: not checked nor rendered again
    report_color: str = ""        #: the same report with terminal colours ("" when the same)
    removed: list[str] = field(default_factory=list)  #: out-of-date outputs removed

    def text(self, color: bool = False) -> str:
        return (self.report_color or self.report) if color else self.report


def make_tasks(files: list[str], paths: list[str], output: str, formats, **options) -> list[Task]:
    """One task per file, each with its own output folder: the input tree below the
    common parent of ``paths`` mirrored under ``output``."""
    subs, clashes = output_folders(files, paths)
    return [Task(f, sub, output, tuple(formats), clash=files[clashes[i]] if i in clashes else None, **options)
            for i, (f, sub) in enumerate(zip(files, subs))]


def render_task(task: Task) -> Result:
    """Load, check and render one file; write its outputs. Never raises."""
    try:
        return _render_task(task)
    except Exception as e:  # a bug must not stop the other files, nor show a traceback
        return Result(task.path, "failed", f"{shown_name(task.path)}: error: internal error while rendering: {e!r}")


def render_chunk(tasks: list[Task]) -> list[Result]:
    """Several files in one worker call (see ``render_batch``)."""
    return [render_task(t) for t in tasks]


def _fail(task: Task, reports: tuple[str, str], message: str, status: str = "failed") -> Result:
    plain, colored = reports
    return Result(task.path, status, "\n".join(x for x in (plain, message) if x), report_color=(
        "\n".join(x for x in (colored, message) if x) if colored else ""))


def _render_task(task: Task) -> Result:
    from ..api import load
    from .writes import atomic_write
    from ..render.backend import BackendMissing, RenderError

    name = shown_name(task.path)
    if task.sub is None:
        return Result(task.path, "failed", (
            f"{name}: error: its output folder would be the same as that of {shown_name(task.clash or '?')}"
            " (names that differ only in case or suffix); rename one of them — nothing was written for it"))
    view_options = {k: v for k, v in (("notation", task.notation), ("edges", task.edges)) if v}
    case = load(task.path, strict=task.strict, severities=dict(task.severities), max_size=task.max_size,
                **view_options)
    if case.ok:  # beyond the layout budget: refused before any layout, at its declaration
        from ..diagnostics.diagnostic import sort_key
        from ..model.limits import budget_diagnostics

        too_big = budget_diagnostics(case, task.max_nodes, task.max_edges)
        if too_big:
            case.diagnostics = sorted(case.diagnostics + too_big, key=sort_key)
    reports = ("", "")
    if case.diagnostics:
        reports = (format_case_diagnostics(case, False, task.lang), format_case_diagnostics(case, True, task.lang))
    if not case.ok:
        return _fail(task, reports, "")
    if not case.diagrams:  # an empty file (or comments only): not an error, but say so
        note = (f"{name}: 注意：没有可画的图（文件中没有业务流程图或数据流程图）" if task.lang == "zh" else
                f"{name}: note: nothing to draw (the file has no chart or dfd)")
        reports = tuple("\n".join(x for x in (r, note) if x) for r in reports)  # type: ignore[assignment]
    folder = os.path.join(task.output, task.sub)
    from ..model.limits import using

    try:
        with using(task.max_nodes, task.max_edges):
            outputs = render_outputs(case, task, folder)
    except BackendMissing as e:
        return _fail(task, reports, f"flowdsl: {e}", "backend-missing")
    except (RenderError, OSError) as e:
        return _fail(task, reports, f"{name}: error: rendering failed: {e}")
    try:
        for target, data in outputs:  # all rendered first: a failure writes nothing
            atomic_write(target, data)
    except OSError as e:
        return _fail(task, reports, f"{name}: error: cannot write output: {e}")
    return Result(task.path, "rendered", reports[0], [t for t, _ in outputs], len(case.diagrams),
                  report_color=reports[1])


def remove_stale(task: Task, old: dict | None, res: Result) -> None:
    """Remove the outputs the file's last run wrote that this run did not (all of them
    when it failed), so no out-of-date diagram stays beside a failure; name them in
    the file's report. Only files directly in the file's own output folder, with an
    output extension, are touched (the list comes from an editable cache file)."""
    if not old or task.sub is None:
        return
    folder = os.path.join(task.output, task.sub)
    keep = {os.path.abspath(o) for o in res.outputs}
    for path in old.get("outputs", []):
        if os.path.abspath(path) in keep or not owned_output(path, folder):
            continue
        try:
            os.remove(path)
        except FileNotFoundError:
            continue
        except OSError:
            continue
        res.removed.append(path)
    if res.removed:
        zh = task.lang == "zh"
        names = ", ".join(shown_name(p) for p in res.removed)
        note = (f"{shown_name(task.path)}: 注意：删除了 {len(res.removed)} 个过期的输出：{names}" if zh else
                f"{shown_name(task.path)}: note: removed {len(res.removed)} out-of-date output(s): {names}")
        res.report = "\n".join(x for x in (res.report, note) if x)
        if res.report_color:
            res.report_color = "\n".join((res.report_color, note))


# ---------------------------------------------------------------------- the batch

def _warm_up() -> None:
    """Import what every worker needs and build the parser once, before the pool
    starts: with fork (Linux) the workers get it all for free instead of each paying
    ~150 ms of imports. Harmless where workers are spawned."""
    try:
        from .. import api  # noqa: F401  (pydantic, the model, the checks' entry point)
        from ..checks import chart_checks
        from ..lang.parser import get_parser
        from ..render import svg  # noqa: F401  (the SVG writer; it needs no jinja2)
        from ..lang.transform import build_transformer

        get_parser()
        build_transformer()
        chart_checks()
    except Exception:  # only an optimisation: the workers will report any real problem
        pass


def render_batch(tasks: list[Task], jobs: int | None = None, force: bool = False,
                 progress: Progress | None = None, report=None, executor=None) -> list[Result]:
    """Render ``tasks``; returns one ``Result`` per task, in input order.

    ``report(result)`` is called for every result in input order (to print its
    diagnostics) as soon as it and all results before it are known. ``executor``: any
    :class:`concurrent.futures.Executor` to render on instead of a process pool of our
    own (a Dask or Ray executor; its workers must see the input and output folders);
    it is not shut down, and a file whose worker failed is rendered again alone in a
    fresh local worker."""
    from ..lang.source import read_bytes

    jobs = jobs or os.cpu_count() or 1
    results: list[Result] = [Result(t.path, "pending") for t in tasks]
    caches: dict[str, dict] = {}
    old: list[dict | None] = []
    pending: list[int] = []
    blocked: set[int] = set()
    for i, t in enumerate(tasks):
        # read even with --force: the entries of other files are kept, and the outputs
        # of the last run are known (to remove the ones that are out of date)
        if t.output not in caches:     # once per output folder (not once per file: 400 files
            caches[t.output] = read_cache(t.output)   # read a 400-entry cache 400 times)
        cache = caches[t.output]
        entry = cache.get(t.sub) if t.sub is not None else None
        owner = entry.get("source") if entry else None
        if owner and not force and _other_file(owner, t.path):
            # an earlier run put another file's diagrams in this folder: never overwrite them
            blocked.add(i)
            old.append(None)
            results[i] = Result(t.path, "failed", (
                f"{shown_name(t.path)}: error: its output folder {shown_name(os.path.join(t.output, t.sub or ''))}"
                f" holds the diagrams of {shown_name(owner)} from an earlier run; render both in one run, "
                "use another -o, or --force to replace them — nothing was written for it"))
            continue
        old.append(entry)
        data, problem = read_bytes(t.path, t.max_size) if t.sub is not None else (None, None)
        key = task_key(t, data) if data is not None else ""
        if (not force and key and entry and entry.get("key") == key
                and all(owned_output(o, os.path.join(t.output, t.sub or "")) and os.path.exists(o)
                        for o in entry["outputs"])):
            status = "failed" if entry["status"] == "failed" else "cached"
            results[i] = Result(t.path, status, entry["report"], list(entry["outputs"]), entry["diagrams"], key,
                                from_cache=True, report_color=entry.get("report_color", ""))
        else:
            pending.append(i)
            results[i] = Result(t.path, "pending", key=key)  # placeholder keeps the key

    shown = 0

    def finish(i: int, res: Result) -> None:
        nonlocal shown
        res.key = results[i].key
        if not res.from_cache:
            remove_stale(tasks[i], old[i], res)
        results[i] = res
        if progress:
            progress.update(res)
        while shown < len(results) and results[shown].status != "pending":
            if progress:
                progress.clear()
                progress.line(shown, results[shown])
            if report:
                report(results[shown])
            shown += 1

    for i, r in enumerate(results):  # cached and refused ones first, in order
        if r.from_cache or i in blocked:
            finish(i, r)
    if executor is None and (jobs <= 1 or len(pending) <= 1):
        # one file after another in this process: its PNG and PDF conversions run on
        # threads beside its layouts (typst releases the GIL), up to ``jobs`` at once
        with conversion_threads(jobs):
            for i in pending:
                finish(i, render_task(tasks[i]))
    elif pending:
        _run_pool(tasks, pending, jobs, finish, executor)

    for i, (t, r) in enumerate(zip(tasks, results)):
        cache = caches[t.output]
        if r.from_cache or t.sub is None or i in blocked:
            continue
        if r.status in ("rendered", "failed") and r.key:
            # failures are kept too: an unchanged broken file fails again with the same report
            cache[t.sub] = {"key": r.key, "source": os.path.abspath(t.path), "status": r.status, "outputs": r.outputs,
                            "diagrams": r.diagrams, "report": r.report, "report_color": r.report_color}
        else:
            cache.pop(t.sub, None)
    for output, cache in caches.items():
        if any(not r.from_cache for r in results) or force:
            try:
                write_cache(output, cache)
            except OSError:
                pass
    return results  # type: ignore[return-value]


def _other_file(owner: str, path: str) -> bool:
    """Whether the cache's ``owner`` of a folder is another file that still exists (a
    file renamed or moved away leaves its folder to the new one)."""
    if not os.path.isabs(owner) or not os.path.lexists(owner):
        return False
    try:
        return not os.path.samefile(owner, path)
    except OSError:
        return os.path.normcase(owner) != os.path.normcase(os.path.abspath(path))


def _size(path: str) -> int:
    try:
        return os.stat(path).st_size
    except (OSError, TypeError, ValueError):
        return 0


def _run_pool(tasks: list[Task], pending: list[int], jobs: int, finish, executor=None) -> None:
    """Render ``pending`` in worker processes (or on ``executor``). A worker that dies
    (killed by the system, out of memory) breaks its pool: every file whose result was
    lost is then rendered again alone in a fresh worker, so only the file that kills a
    worker fails."""
    from concurrent.futures import ProcessPoolExecutor, as_completed
    from contextlib import nullcontext

    if executor is None:
        _warm_up()  # forked workers inherit the imported modules and the built parser
    # Small chunks: a file takes ~10 ms now, and a worker that waits for the pool to
    # hand it each next file one by one sits idle a good part of the time.
    workers = min(jobs, len(pending))
    # the largest files first (longest first: a big one started last would keep one
    # worker busy while the others are done); results are still reported in input order
    pending = sorted(pending, key=lambda i: (-_size(tasks[i].path), i))
    size = max(1, min(8, len(pending) // (workers * 8)))
    chunks = [pending[k:k + size] for k in range(0, len(pending), size)]
    lost: list[int] = []
    with (nullcontext(executor) if executor is not None else ProcessPoolExecutor(max_workers=workers)) as pool:
        futures = {pool.submit(render_chunk, [tasks[i] for i in chunk]): chunk for chunk in chunks}
        for fut in as_completed(futures):
            try:
                chunk_results = fut.result()
            except Exception:  # a worker died: retried below
                lost += futures[fut]
                continue
            for i, res in zip(futures[fut], chunk_results):
                finish(i, res)
    for i in sorted(lost):
        try:
            with ProcessPoolExecutor(max_workers=1) as pool:
                res = pool.submit(render_task, tasks[i]).result()
        except Exception as e:
            res = Result(tasks[i].path, "failed", (
                f"{shown_name(tasks[i].path)}: error: the worker rendering this file was killed"
                f" (out of memory?): {type(e).__name__}"))
        finish(i, res)
