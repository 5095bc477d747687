"""The only place in flowdsl that runs external programs: Graphviz ``dot`` (layout)
and, when the in-process converter is not installed, ``rsvg-convert`` (SVG to PNG/PDF).

PNG and PDF are made in-process by :mod:`flowdsl.render.convert` (the ``typst`` wheel,
a dependency of flowdsl) when it is importable; ``rsvg-convert`` is the fallback, and
is used whenever ``FLOWDSL_RSVG`` names it or ``FLOWDSL_CONVERTER=rsvg``.

Binaries are looked up lazily (on first use) with :func:`shutil.which`; the
environment variables ``FLOWDSL_DOT`` and ``FLOWDSL_RSVG`` override the path, and
``FLOWDSL_TIMEOUT`` (seconds) overrides the time limit of every run. Every child runs
under the limits of :mod:`flowdsl.render.children` (memory and CPU caps, parent-death
signal, a fixed ``SOURCE_DATE_EPOCH``).
"""

from __future__ import annotations

import os
import sys

from flowdsl.render.children import (FIXED_DATE, BackendMissing, RenderError, child_env,  # noqa: F401
                                     child_limits, memory_limit_mb, timeout_seconds)

# subprocess, shutil and tempfile are imported where they are used: importing
# flowdsl.render must stay cheap (CLI start-up time).

__all__ = ["RenderError", "BackendMissing", "find_dot", "find_rsvg", "run_dot", "run_rsvg",
           "convert_svg"]



_INSTALL_HINTS = {
    "dot": (
        "Graphviz 'dot' is needed to lay out diagrams but was not found{where}.\n"
        "Install Graphviz:\n"
        "    Debian/Ubuntu:  sudo apt-get install graphviz\n"
        "    macOS:          brew install graphviz librsvg\n"
        "    Windows:        winget install graphviz\n"
        "or point FLOWDSL_DOT at the dot executable."
    ),
    "rsvg-convert": (
        "'rsvg-convert' is needed to make PNG and PDF files but was not found{where}.\n"
        "Either install the in-process converter (a flowdsl dependency):\n"
        "    pip install typst\n"
        "or install librsvg:\n"
        "    Debian/Ubuntu:  sudo apt-get install librsvg2-bin\n"
        "    macOS:          brew install graphviz librsvg\n"
        "    Windows:        choco install rsvg-convert   (or use the SVG output)\n"
        "or point FLOWDSL_RSVG at the rsvg-convert executable."
    ),
}


def _find(program: str, env_var: str) -> str:
    override = os.environ.get(env_var)
    if override:
        path = override if os.sep in override or (os.altsep and os.altsep in override) \
            else __import__("shutil").which(override)
        if path and os.path.isfile(path) and os.access(path, os.X_OK):
            return path
        raise BackendMissing(_INSTALL_HINTS[program].format(
            where=f" ({env_var}={override!r} is not an executable file)"))
    import shutil

    path = shutil.which(program)
    if not path:
        raise BackendMissing(_INSTALL_HINTS[program].format(where=" on PATH"))
    return path


def find_dot() -> str:
    """Path of the ``dot`` executable, or raise :class:`BackendMissing`."""
    return _find("dot", "FLOWDSL_DOT")


def find_rsvg() -> str:
    """Path of the ``rsvg-convert`` executable, or raise :class:`BackendMissing`."""
    return _find("rsvg-convert", "FLOWDSL_RSVG")


def _run(argv: list[str], stdin: bytes | None, timeout: float, what: str,
         want_stdout: bool = True) -> bytes:
    import subprocess

    timeout = timeout_seconds(timeout)

    try:
        proc = subprocess.run(
            argv, input=stdin, capture_output=True, timeout=timeout, check=False,
            env=child_env(), preexec_fn=child_limits(timeout),
            # no console window popping up on Windows
            creationflags=getattr(subprocess, "CREATE_NO_WINDOW", 0) if sys.platform == "win32" else 0,
        )
    except subprocess.TimeoutExpired as exc:
        raise RenderError(f"{what} timed out after {timeout:g} s") from exc
    except FileNotFoundError as exc:  # raced away between which() and exec
        raise BackendMissing(_INSTALL_HINTS["dot" if what == "dot" else "rsvg-convert"]
                             .format(where=f" ({argv[0]})")) from exc
    except OSError as exc:
        raise RenderError(f"could not run {what} ({argv[0]}): {exc}") from exc
    if proc.returncode != 0:
        err = proc.stderr.decode("utf-8", "replace").strip()
        if proc.returncode < 0:  # killed by a signal: its output is incomplete
            import signal

            try:
                name = signal.Signals(-proc.returncode).name
            except ValueError:
                name = f"signal {-proc.returncode}"
            raise RenderError(f"{what} was killed ({name}) before it finished{_memory_note()}\n{err}".rstrip(),
                              returncode=proc.returncode)
        note = _memory_note() if "memory" in err.lower() or "alloc" in err.lower() else ""
        raise RenderError(f"{what} failed with exit code {proc.returncode}{note}:\n{_tail(err)}",
                          returncode=proc.returncode)
    if want_stdout and not proc.stdout:
        err = proc.stderr.decode("utf-8", "replace").strip()
        raise RenderError(f"{what} produced no output\n{err}".rstrip())
    return proc.stdout


def _memory_note() -> str:
    mb = memory_limit_mb()
    return (f" (it may have run out of its {mb} MB memory limit: draw a smaller diagram, or raise"
            " FLOWDSL_MEMORY_MB)") if mb else ""


def _tail(err: str, limit: int = 2000) -> str:
    """The end of a long error output (dot can print a line per node)."""
    return err if len(err) <= limit else "…" + err[-limit:]


def run_dot(dot_source: str, fmt: str = "json", timeout: float = 30.0) -> bytes:
    """Run ``dot -T<fmt>`` on ``dot_source`` and return its output.

    Layouts (``json0``) go to the process's long-lived ``dot`` when it can take them
    (:mod:`flowdsl.render.dotserver`): the same bytes, without Graphviz's start-up."""
    if not fmt.replace(":", "").replace("_", "").isalnum():
        raise ValueError(f"bad Graphviz output format {fmt!r}")
    dot = find_dot()
    # Graphviz lays out *clusters* differently once a process has laid out other graphs
    # (its cluster placement depends on the process's history), so swimlane first passes
    # always get a fresh dot; every other layout is the same bytes either way.
    # ER diagrams (layout=neato) too: a neato layout in the long-lived process would change
    # the later dot layouts of that process
    if fmt == "json0" and "subgraph cluster" not in dot_source and "layout=neato" not in dot_source:
        from flowdsl.render import dotserver

        if dotserver.enabled():
            limit = timeout_seconds(timeout)
            try:
                return dotserver.layout_json0(dot, dot_source, limit)
            except TimeoutError as exc:
                raise RenderError(f"dot timed out after {limit:g} s") from exc
            except dotserver.ServerUnavailable:
                pass  # run it once, the plain way, which also reports any error properly
    return _run([dot, f"-T{fmt}"], dot_source.encode("utf-8"), timeout, "dot")


def converter() -> str:
    """Which converter makes PNG and PDF here: ``"typst"`` (in-process) or ``"rsvg"``.

    ``FLOWDSL_CONVERTER`` = ``typst`` / ``rsvg`` chooses; unset (or ``auto``) it is the
    in-process one when the wheel is installed, unless ``FLOWDSL_RSVG`` names a program."""
    choice = os.environ.get("FLOWDSL_CONVERTER", "").strip().lower() or "auto"
    if choice not in ("auto", "typst", "rsvg"):
        raise RenderError(f"FLOWDSL_CONVERTER must be auto, typst or rsvg, not {choice!r}")
    if choice == "auto":
        if os.environ.get("FLOWDSL_RSVG"):
            return "rsvg"
        from flowdsl.render import convert

        return "typst" if convert.available() else "rsvg"
    return choice


def run_rsvg(svg: bytes | list[bytes] | tuple[bytes, ...], fmt: str = "png",
             timeout: float = 60.0, zoom: float = 1.0) -> bytes:
    """Convert one SVG (or several, for a multi-page PDF) to PNG or PDF.

    ``fmt`` is ``"png"`` or ``"pdf"``; several SVGs are only allowed for PDF, each
    becoming one page. ``zoom`` scales the output (PNG resolution, PDF page size); a
    PNG is never larger than MAX_PNG_PIXELS (:func:`png_zoom`).
    The work is done in-process (:mod:`flowdsl.render.convert`) when the wheel is
    installed (see :func:`converter`), else by ``rsvg-convert``; the name is kept for
    the callers.
    """
    if fmt not in ("png", "pdf"):
        raise ValueError(f"rsvg output format must be 'png' or 'pdf', not {fmt!r}")
    pages = [svg] if isinstance(svg, (bytes, bytearray)) else list(svg)
    if not pages:
        raise ValueError("no SVG to convert")
    if len(pages) > 1 and fmt != "pdf":
        raise ValueError("several SVGs can only be combined into a PDF")
    from flowdsl.render import convert

    if fmt == "png":
        zoom = png_zoom(pages[0], zoom)
    if converter() == "typst":
        try:
            return convert.convert(pages, fmt, zoom)
        except convert.Unsupported:
            pass   # an SVG the in-process path does not size: rsvg-convert takes it
    return _run_rsvg_program(pages, fmt, timeout, zoom)


convert_svg = run_rsvg

#: the largest PNG made, in pixels: a 1,000-symbol chart at the usual zoom would be
#: 18,356 × 21,990 pixels (1.6 GB to rasterise); bigger drawings are scaled down to
#: this (the SVG and PDF keep every detail)
MAX_PNG_PIXELS = 40_000_000


def png_zoom(svg: bytes, zoom: float) -> float:
    """``zoom``, lowered so that the PNG of ``svg`` has at most MAX_PNG_PIXELS pixels."""
    from flowdsl.render import convert

    try:
        w, h = convert.svg_size_pt(bytes(svg))
    except convert.Unsupported:
        return zoom
    pixels = (w * 4 / 3 * zoom) * (h * 4 / 3 * zoom)    # 96 px to the inch at zoom 1
    if pixels <= MAX_PNG_PIXELS:
        return zoom
    return zoom * (MAX_PNG_PIXELS / pixels) ** 0.5


def _run_rsvg_program(pages: list, fmt: str, timeout: float, zoom: float) -> bytes:
    exe = find_rsvg()
    argv = [exe, "-f", fmt]
    if zoom != 1.0:
        argv += ["-z", f"{zoom:g}"]
    if fmt == "png":
        argv += ["-b", "white"]
    if len(pages) == 1:
        return _run(argv, bytes(pages[0]), timeout, "rsvg-convert")
    import tempfile

    with tempfile.TemporaryDirectory(prefix="flowdsl-") as tmp:
        files = []
        for i, page in enumerate(pages, 1):
            path = os.path.join(tmp, f"page{i:04d}.svg")
            with open(path, "wb") as fh:
                fh.write(page)
            files.append(path)
        out = os.path.join(tmp, "out.pdf")
        _run(argv + ["-o", out] + files, None, timeout, "rsvg-convert", want_stdout=False)
        if not os.path.exists(out):
            raise RenderError("rsvg-convert wrote no PDF")
        with open(out, "rb") as fh:
            return fh.read()

