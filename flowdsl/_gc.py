"""Pausing Python's cycle collector while a stage builds many acyclic objects.

The parse tree, the AST, the model and the checks' graphs hold no reference cycles,
but the collector still scans the whole growing heap again and again while they are
built (on a 100,000-element case that was a third of the time). Nested use is safe:
the collector is switched back on only by the outermost pause that switched it off.
"""

from __future__ import annotations

import gc
from contextlib import contextmanager


@contextmanager
def paused():
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()
