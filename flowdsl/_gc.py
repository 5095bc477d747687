"""Pausing Python's cycle collector while a stage builds many acyclic objects.

The parse tree, the AST, the model and the checks' graphs hold no reference cycles,
but the collector still scans the whole growing heap again and again while they are
built (on a 100,000-element case that was a third of the time). Nested use is safe:
the collector is switched back on only by the outermost pause that switched it off.

A collection of the older generations that is due (the collector's count says its
next collection is not a young one) is made when the pause begins, on the heap as it
is, rather than just after, when it would scan the new objects too: on a 100,000-
element case the collection due at the start swept the whole new syntax tree (0.8 s)
and the full collection after it tree and model (1.7 s). The collector does no more
work than it would have (the same collection, a little earlier).
"""

from __future__ import annotations

import gc
from contextlib import contextmanager


@contextmanager
def paused():
    was_on = gc.isenabled()
    if was_on:
        _older_collection_if_due()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


def _older_collection_if_due() -> None:
    """The middle generation's collection now when it comes next (its count has
    reached its threshold: the collection after the next young one would be it)."""
    count, threshold = gc.get_count(), gc.get_threshold()
    if threshold[0] and count[1] >= threshold[1]:
        gc.collect(1)
