"""Rendering many files: parallel workers, a content-hash cache, progress and a summary.

``render_batch(files, ...)`` renders every file (in worker processes when ``jobs > 1``),
skips files whose content, options, formats and flowdsl version are unchanged since the
last run (``OUTPUT/.flowdsl-cache.json``), and never lets one bad file stop the others.
Each worker renders all outputs of a file in memory before writing any, and writes each
atomically, so a failure never leaves a half-written output. Results come back in input
order whatever the number of workers, and the outputs are byte-identical.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from dataclasses import dataclass, field

from ._version import __version__

SOURCE_SUFFIXES = (".flow", ".flowdsl")
CACHE_NAME = ".flowdsl-cache.json"


def find_sources(paths: list[str]) -> tuple[list[str], list[str]]:
    """Files to process (folders searched recursively, sorted) and missing paths."""
    files: list[str] = []
    missing: list[str] = []
    for p in paths:
        if os.path.isdir(p):
            found = []
            for root, dirs, names in os.walk(p):
                dirs.sort()
                found += [os.path.join(root, n) for n in names if n.endswith(SOURCE_SUFFIXES)]
            files += sorted(found)
        elif os.path.isfile(p):
            files.append(p)
        else:
            missing.append(p)
    return files, missing


def out_name(src: str, roots: list[str]) -> str:
    """Output subfolder for a source: its path below the folder given, without suffix."""
    src_abs = os.path.abspath(src)
    for r in roots:
        r_abs = os.path.abspath(r)
        if os.path.isdir(r) and src_abs.startswith(r_abs + os.sep):
            return os.path.splitext(os.path.relpath(src_abs, r_abs))[0]
    return os.path.splitext(os.path.basename(src))[0]


def safe_filename(name: str) -> str:
    bad = '<>:"/\\|?*\x00'
    cleaned = "".join("_" if (c in bad or ord(c) < 32) else c for c in name).strip(" .")
    return cleaned or "diagram"


@dataclass
class Task:
    path: str
    sub: str                      #: output subfolder (relative to the output folder)
    output: str
    formats: tuple[str, ...]
    strict: bool = False
    severities: tuple[tuple[str, str], ...] = ()
    lang: str = "en"
    color: bool = False
    notation: str | None = None   #: DFD notation override (textbook / gane-sarson / yourdon)
    scale: float = 1.0            #: size of the outputs (--scale)
    dpi: float | None = None      #: PNG resolution (--dpi)


@dataclass
class Result:
    path: str
    status: str                   #: rendered | cached | failed | backend-missing (| pending)
    report: str = ""              #: diagnostics / error text to show (already formatted)
    outputs: list[str] = field(default_factory=list)
    diagrams: int = 0
    key: str = ""
    from_cache: bool = False      #: unchanged since the last run: not checked nor rendered again


def format_case_diagnostics(case, color: bool = False, lang: str = "en") -> str:
    """The case's diagnostics, compiler style, in ``lang`` ("zh": Chinese message and
    hint; a diagnostic without Chinese text gets a line with its code's Chinese summary)."""
    from .codes import CODES
    from .diagnostics import format_diagnostic

    out = []
    for d in case.diagnostics:
        text = format_diagnostic(d, case.source, color, lang=lang)
        if lang == "zh" and not d.message_zh and d.code in CODES:
            text += f"\n  = 说明：{CODES[d.code].summary_zh}（{d.code}，详见 flowdsl explain {d.code}）"
        out.append(text)
    return "\n".join(out)


def task_key(task: Task, data: bytes) -> str:
    h = hashlib.sha256()
    h.update(data)
    h.update(json.dumps([__version__, list(task.formats), task.strict, list(task.severities),
                         task.lang, task.color, task.notation, task.scale, task.dpi],
                        ensure_ascii=False).encode("utf-8"))
    return h.hexdigest()


def render_task(task: Task) -> Result:
    """Load, check and render one file; write its outputs. Never raises."""
    try:
        return _render_task(task)
    except Exception as e:  # a bug must not stop the other files, nor show a traceback
        return Result(task.path, "failed", f"{task.path}: error: internal error while rendering: {e!r}")


def render_chunk(tasks: list[Task]) -> list[Result]:
    """Several files in one worker call (see ``render_batch``)."""
    return [render_task(t) for t in tasks]


def _render_task(task: Task) -> Result:
    from .api import load
    from .io import atomic_write
    from .render.backend import BackendMissing, RenderError

    view_options = {"notation": task.notation} if task.notation else {}
    case = load(task.path, strict=task.strict, severities=dict(task.severities), **view_options)
    report = format_case_diagnostics(case, task.color, task.lang) if case.diagnostics else ""
    if not case.ok:
        return Result(task.path, "failed", report)
    if not case.views:  # an empty file (or comments only): not an error, but say so
        note = (f"{task.path}: 注意：没有可画的图（文件中没有业务流程图或数据流程图）" if task.lang == "zh" else
                f"{task.path}: note: nothing to draw (the file has no chart or dfd)")
        report = "\n".join(x for x in (report, note) if x)
    try:
        outputs = []
        size = {} if (task.scale, task.dpi) == (1.0, None) else {"scale": task.scale, "dpi": task.dpi}
        for diagram in case.views:
            for fmt in task.formats:
                target = os.path.join(task.output, task.sub, f"{safe_filename(diagram.name)}.{fmt}")
                outputs.append((target, diagram.render(fmt, **size)))
        if "pdf" in task.formats:  # every level of each DFD, in order, as one multi-page PDF
            for name in case.dfd_levels:
                target = os.path.join(task.output, task.sub, f"{safe_filename(name)}-levels.pdf")
                outputs.append((target, case.levels_pdf(name)))
    except BackendMissing as e:
        return Result(task.path, "backend-missing", f"flowdsl: {e}")
    except (RenderError, OSError) as e:
        msg = f"{task.path}: error: rendering failed: {e}"
        return Result(task.path, "failed", "\n".join(x for x in (report, msg) if x))
    try:
        for target, data in outputs:  # all rendered first: a failure writes nothing
            atomic_write(target, data)
    except OSError as e:
        msg = f"{task.path}: error: cannot write output: {e}"
        return Result(task.path, "failed", "\n".join(x for x in (report, msg) if x))
    return Result(task.path, "rendered", report, [t for t, _ in outputs], len(case.views))


# ---------------------------------------------------------------------- cache

def read_cache(output: str) -> dict:
    try:
        with open(os.path.join(output, CACHE_NAME), encoding="utf-8") as f:
            data = json.load(f)
        if data.get("flowdsl") == __version__ and isinstance(data.get("files"), dict):
            return data["files"]
    except (OSError, ValueError, AttributeError):
        pass
    return {}


def write_cache(output: str, files: dict) -> None:
    from .io import atomic_write

    data = {"flowdsl": __version__, "files": dict(sorted(files.items()))}
    atomic_write(os.path.join(output, CACHE_NAME),
                 (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode("utf-8"))


# ---------------------------------------------------------------------- progress

class Progress:
    """A one-line bar on a terminal; one plain line per file otherwise."""

    def __init__(self, total: int, stream=None, tty: bool | None = None, lang: str = "en"):
        self.total, self.done = total, 0
        self.stream = stream or sys.stderr
        self.tty = (hasattr(self.stream, "isatty") and self.stream.isatty()) if tty is None else tty
        self.lang = lang

    def word(self, status: str) -> str:
        if self.lang == "zh":
            return {"rendered": "已生成", "cached": "未改变，跳过", "failed": "失败",
                    "backend-missing": "失败"}.get(status, status)
        return {"cached": "cached"}.get(status, status)

    def clear(self) -> None:
        if self.tty and 0 < self.done < self.total:
            self.stream.write("\r\x1b[K")

    def update(self, result: Result) -> None:
        """A file finished (in any order): move the bar."""
        self.done += 1
        if not self.tty:
            return
        width = 24
        filled = width * self.done // max(1, self.total)
        name = os.path.basename(result.path)
        self.stream.write(f"\r\x1b[K[{'#' * filled}{'.' * (width - filled)}] {self.done}/{self.total} {name}")
        if self.done == self.total:
            self.stream.write("\r\x1b[K")
        self.stream.flush()

    def line(self, index: int, result: Result) -> None:
        """A file's turn in input order: one plain line (not on a terminal)."""
        if not self.tty:
            word = self.word(result.status)
            if result.from_cache and result.status == "failed":
                word += "（未修改）" if self.lang == "zh" else " (unchanged)"
            self.stream.write(f"[{index + 1}/{self.total}] {word}: {result.path}\n")
            self.stream.flush()


# ---------------------------------------------------------------------- the batch

def _warm_up() -> None:
    """Import what every worker needs and build the parser once, before the pool
    starts: with fork (Linux) the workers get it all for free instead of each paying
    ~150 ms of imports. Harmless where workers are spawned."""
    try:
        from . import api  # noqa: F401  (pydantic, the model, the checks' entry point)
        from .checks import chart_checks
        from .parser import get_parser
        from .render import _jinja_env
        from .transform import build_transformer

        get_parser()
        build_transformer()
        chart_checks()
        _jinja_env().get_template("diagram.svg.j2")
    except Exception:  # only an optimisation: the workers will report any real problem
        pass


def render_batch(tasks: list[Task], jobs: int | None = None, force: bool = False,
                 progress: Progress | None = None, report=None) -> list[Result]:
    """Render ``tasks``; returns one ``Result`` per task, in input order.

    ``report(result)`` is called for every result in input order (to print its
    diagnostics) as soon as it and all results before it are known."""
    jobs = jobs or os.cpu_count() or 1
    results: list[Result] = [Result(t.path, "pending") for t in tasks]
    caches: dict[str, dict] = {}
    pending: list[int] = []
    for i, t in enumerate(tasks):
        cache = caches.setdefault(t.output, {} if force else read_cache(t.output))
        try:
            with open(t.path, "rb") as f:
                key = task_key(t, f.read())
        except OSError:
            key = ""
        entry = cache.get(t.sub)
        if (not force and key and entry and entry.get("key") == key
                and all(os.path.exists(o) for o in entry.get("outputs", []))):
            status = "failed" if entry.get("status") == "failed" else "cached"
            results[i] = Result(t.path, status, entry.get("report", ""), list(entry.get("outputs", [])),
                                entry.get("diagrams", 0), key, from_cache=True)
        else:
            pending.append(i)
            results[i] = Result(t.path, "pending", key=key)  # placeholder keeps the key

    shown = 0

    def finish(i: int, res: Result) -> None:
        nonlocal shown
        res.key = results[i].key
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

    for i, r in enumerate(results):  # cached ones first, in order
        if r.from_cache:
            finish(i, r)
    if jobs <= 1 or len(pending) <= 1:
        for i in pending:
            finish(i, render_task(tasks[i]))
    else:
        from concurrent.futures import ProcessPoolExecutor, as_completed

        _warm_up()  # forked workers inherit the imported modules and the built parser
        # Small chunks: a file takes ~10 ms now, and a worker that waits for the pool to
        # hand it each next file one by one sits idle a good part of the time.
        workers = min(jobs, len(pending))
        size = max(1, min(8, len(pending) // (workers * 8)))
        chunks = [pending[k:k + size] for k in range(0, len(pending), size)]
        with ProcessPoolExecutor(max_workers=workers) as pool:
            futures = {pool.submit(render_chunk, [tasks[i] for i in chunk]): chunk for chunk in chunks}
            for fut in as_completed(futures):
                chunk = futures[fut]
                try:
                    chunk_results = fut.result()
                except Exception as e:  # a worker died (out of memory, killed)
                    chunk_results = [Result(tasks[i].path, "failed",
                                            f"{tasks[i].path}: error: worker failed: {e!r}") for i in chunk]
                for i, res in zip(chunk, chunk_results):
                    finish(i, res)

    for t, r in zip(tasks, results):
        cache = caches[t.output]
        if r.from_cache:
            continue
        if r.status in ("rendered", "failed") and r.key:
            # failures are kept too: an unchanged broken file fails again with the same report
            cache[t.sub] = {"key": r.key, "source": t.path, "status": r.status, "outputs": r.outputs,
                            "diagrams": r.diagrams, "report": r.report}
        else:
            cache.pop(t.sub, None)
    for output, cache in caches.items():
        if any(not r.from_cache for r in results) or force:
            try:
                write_cache(output, cache)
            except OSError:
                pass
    return results  # type: ignore[return-value]
