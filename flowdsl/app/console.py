"""The ``flowdsl`` program's entry point (``[project.scripts]``, ``python -m flowdsl``):
:func:`flowdsl.app.cli.main`, then an exit without the interpreter's teardown."""

from __future__ import annotations

import os
import sys


#: commands that live long (their teardown is no one's wait) or leave threads behind
_LONG_LIVED = ("serve", "watch", "lsp")


def console(argv: list[str] | None = None) -> None:
    """The ``flowdsl`` program: :func:`flowdsl.app.cli.main`, then the process ends
    without the interpreter's teardown. Freeing every module, the parser's tables and
    pydantic's classes one by one costs 50–100 ms of a ~250 ms ``check`` and frees
    nothing the system would not. The exit handlers still run (a process pool's, the
    Graphviz server's) and the output is flushed first; a flush that fails gives exit
    status 120, as Python's own exit does. ``serve``, ``watch`` and ``lsp`` exit the
    usual way."""
    from .cli import main

    args = sys.argv[1:] if argv is None else argv
    code = main(args)
    if any(a in _LONG_LIVED for a in args[:3]) or os.environ.get("FLOWDSL_FULL_EXIT"):
        sys.exit(code)
    import atexit

    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        try:
            if stream is not None and not stream.closed:
                stream.flush()
        except (OSError, ValueError):
            code = code or 120
    os._exit(code if isinstance(code, int) else 1)
