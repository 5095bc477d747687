"""The text → AST step of ``flowdsl.parse`` / ``flowdsl.load``: in a long-lived process
(a notebook, ``flowdsl watch``, a script that checks a text again and again) a text
that is an edit of one parsed shortly before is parsed by one process-wide
:class:`~flowdsl.lang.incremental.Reparser`, which parses only the statements that
changed (issue 17: a re-check of a sample ≤ 10 ms).

Only for an edit: the Reparser's first parse of a text costs about twice a whole parse
(each statement parsed alone, framed), so a text unlike the last few is parsed whole
by :func:`flowdsl.lang.parser.parse_text` — the first text of a process (a cold
``flowdsl check``) and a batch of different files cost what they always cost. A text is
an edit when at least half of its lines agree with one of the last :data:`RECENT` texts
(:func:`is_edit`: the same line at the same place, or the same first and last lines
around an added or removed region; the same text again too). Both ways give the same
AST (tests/test_warm.py).

Memory is bounded: the Reparser keeps at most :data:`SIZE` statements, the last
:data:`RECENT` texts' lines are kept for the comparison, and a text of more than
:data:`MAX_LINES` lines is always parsed whole. The AST of a statement is shared by every
case parsed from a text that holds it: nothing in flowdsl changes an AST after it is
built (tests/test_warm.py checks lowering, checks, views, rendering, formatting,
grading and the editor index), and ``Case.syntax`` is read-only for a caller too.

Threads: one thread at a time uses the Reparser; a thread that finds it busy parses
its text whole (the same result, never a wait, and a process forked while another
thread held the lock still parses).
"""

from __future__ import annotations

import _thread   # not threading: a cold ``flowdsl check`` does not import it (1 ms)
from collections import deque

from .parser import parse_text as whole_parse

#: statements (pieces) the process-wide Reparser keeps
SIZE = 4096
#: a longer text is parsed whole (its statements would crowd the others out)
MAX_LINES = SIZE // 2
#: how many recent texts an edit is looked for among
RECENT = 8


def is_edit(lines: list[str], old: list[str]) -> bool:
    """Whether ``lines`` are an edit of ``old``: at least half of them are the same line
    at the same place (texts of as many lines: lines changed anywhere), or the same first
    and last lines (a region of lines added or taken away).

    >>> is_edit(["a", "b", "c", "d"], ["a", "x", "c", "d"]), is_edit(["a", "b"], ["b", "a"])
    (True, False)
    >>> is_edit(["a", "b", "new", "c", "d"], ["a", "b", "c", "d"])
    True
    """
    if len(lines) == len(old):
        return 2 * sum(a == b for a, b in zip(lines, old)) >= len(lines)
    n = min(len(lines), len(old))
    head = 0
    while head < n and lines[head] == old[head]:
        head += 1
    tail = 0
    while tail < n - head and lines[-1 - tail] == old[-1 - tail]:
        tail += 1
    return 2 * (head + tail) >= len(lines)


class WarmParser:
    """``parse_text`` for a long-lived process (see the module). ``last``: how the last
    text was parsed, "whole" or "pieces"; ``reparser``: the Reparser (None until the
    first edit)."""

    def __init__(self, size: int = SIZE, max_lines: int = MAX_LINES, recent: int = RECENT) -> None:
        self._lock = _thread.allocate_lock()
        self._recent: deque[list[str]] = deque(maxlen=recent)
        self._size = size
        self._max_lines = max_lines
        self.reparser = None
        self.last = "whole"

    def parse_text(self, text: str):
        if not self._lock.acquire(blocking=False):
            return whole_parse(text)      # another thread is parsing: the same result, whole
        try:
            lines = text.split("\n")
            if len(lines) > self._max_lines:
                self.last = "whole"
                return whole_parse(text)
            edit = self._remember(lines)
            self.last = "pieces" if edit else "whole"
            if not edit:
                return whole_parse(text)
            if self.reparser is None:
                from .incremental import Reparser

                self.reparser = Reparser(self._size)
            return self.reparser.parse_text(text)
        finally:
            self._lock.release()

    def _remember(self, lines: list[str]) -> bool:
        """Whether ``lines`` are an edit of a recent text; they become the most recent
        (the older versions are kept: the next edit may be nearer one of them)."""
        edit = False
        for i, old in enumerate(self._recent):
            if old == lines:
                del self._recent[i]
                edit = True
                break
            if not edit and is_edit(lines, old):
                edit = True
        self._recent.appendleft(lines)
        return edit


#: the process's one WarmParser (``flowdsl.parse`` and ``flowdsl.load`` use it)
WARM = WarmParser()


def parse_text(text: str):
    """:func:`flowdsl.lang.parser.parse_text`, incrementally for an edit of a recent text."""
    return WARM.parse_text(text)
