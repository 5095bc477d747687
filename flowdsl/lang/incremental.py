"""Re-parsing a text as one types: the parse trees of its top-level statements kept.

An editor (``flowdsl serve``, a language server) checks the text again after every
pause in typing, and one keystroke changes one chart or DFD of a case that holds
several. :class:`Reparser` splits the text before every top-level statement (a line
that starts in column 1 outside any ``{ … }``), parses each piece alone and keeps its
AST; the next text re-parses only the pieces that changed. Each piece is parsed
on its real lines (the line breaks before it come first), so every node has the line
and column the whole file gives it (the AST keeps no character offsets): typing inside
a line parses that one piece again, a new line also the pieces below it. The pieces' statements
are joined into one ``File``, the same as :func:`flowdsl.lang.parser.parse_text` gives
(tests compare both, and the checked cases, on every sample and on random edits).

When any piece does not parse, the whole text is parsed by ``parse_text``, so a
mistake gets exactly the diagnostic (and its "expected …" list) it always gets.

    >>> r = Reparser()
    >>> text = 'chart a {\\n  unit x\\n}\\nchart b {\\n  unit y\\n}\\n'
    >>> r.parse_text(text) == parse_text(text), r.parsed
    (True, 2)
    >>> r.parse_text(text.replace("unit y", "unit z"))[0].items[1].body[0].name.text, r.parsed
    ('z', 1)
"""

from __future__ import annotations

import re
from collections import OrderedDict

from .parser import build_transformer, get_parser, parse_text

#: a line that may start a top-level statement: not blank, not indented, not a
#: comment and not a closing brace
_START = re.compile(r"[^\s#/}]")
#: what the brace count skips: quoted text, comments
_SKIP = re.compile(r'"(?:\\.|[^"\\\n])*"|“[^”\n]*”|(?:#|//)[^\n]*')


def pieces(text: str) -> list[tuple[int, str]]:
    """(offset, text) of each top-level piece of ``text``: a statement with the blank
    lines and comments after it (the first piece also holds what comes before).

    >>> [p for _, p in pieces('# c\\nchart a {\\n  unit x\\n}\\n\\noption paper = A3\\n')]
    ['# c\\nchart a {\\n  unit x\\n}\\n\\n', 'option paper = A3\\n']
    """
    out: list[tuple[int, str]] = []
    depth, start, offset, seen = 0, 0, 0, False
    for line in text.splitlines(keepends=True):
        if depth == 0 and _START.match(line):
            if seen and offset > start:
                out.append((start, text[start:offset]))
                start = offset
            seen = True
        bare = _SKIP.sub("", line)
        depth = max(0, depth + bare.count("{") - bare.count("}"))
        offset += len(line)
    out.append((start, text[start:]))
    return out


class Reparser:
    """``parse_text`` with the statements of the last texts' pieces remembered (at
    most ``size`` pieces; the AST is never changed by lowering, so a piece's nodes are
    shared by the files that hold it). ``parsed``: how many pieces the last call
    parsed anew."""

    def __init__(self, size: int = 512) -> None:
        #: (line breaks before, text) -> (the piece's statements as AST, its positions)
        self._pieces: OrderedDict[tuple[int, str], tuple[list, object]] = OrderedDict()
        self._size = size
        self.parsed = 0

    def parse_text(self, text: str):
        from lark.exceptions import LarkError

        from .._gc import paused
        from ..diagnostics.diagnostic import Span
        from .syntax import File

        if text.startswith("\ufeff"):
            text = text[1:]
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        parts = pieces(text)
        self.parsed = 0
        if len(parts) < 2:
            self.parsed = 1
            return parse_text(text)
        parser = get_parser()
        items: list = []
        metas: list = []
        with paused():
            for offset, piece in parts:
                lines = text.count("\n", 0, offset)
                key = (lines, piece)
                hit = self._pieces.get(key)
                if hit is None:
                    self.parsed += 1
                    try:
                        tree = parser.parse("\n" * lines + piece)
                    except LarkError:
                        return parse_text(text)   # the whole file's diagnostic, as always
                    if tree.meta.empty:
                        return parse_text(text)
                    hit = (build_transformer()().transform(tree).items, tree.meta)
                    self._pieces[key] = hit
                    if len(self._pieces) > self._size:
                        self._pieces.popitem(last=False)
                else:
                    self._pieces.move_to_end(key)
                items.extend(hit[0])
                metas.append(hit[1])
            return File(items, Span.of(_meta(metas[0], metas[-1]))), []


def _meta(first, last):
    """The positions of the whole file's ``start`` tree: from the first piece's first
    token to the last piece's last (Lark counts the line breaks between statements)."""
    from lark.tree import Meta

    meta = Meta()
    for k in ("line", "column"):
        setattr(meta, k, getattr(first, k))
    for k in ("end_line", "end_column"):
        setattr(meta, k, getattr(last, k))
    meta.empty = False
    return meta
