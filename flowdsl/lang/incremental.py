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

A chart, DFD or data dictionary block is cut once more (issue 16: one of them may hold
most of a case): its frame (the first line, the inner lines blank, the closing brace)
gives its name, label and span, and each inner statement is parsed framed by the block's
first line on the line before it; an edit inside the block parses that statement alone.
Spaces at line ends and comment lines after a statement are not part of a piece's key
(they are no part of the tree): typing them parses nothing.

When any piece does not parse, the whole text is parsed by ``parse_text``, so a
mistake gets exactly the diagnostic (and its "expected …" list) it always gets.

    >>> r = Reparser()
    >>> text = 'chart a {\\n  unit x\\n}\\nchart b {\\n  unit y\\n}\\n'
    >>> r.parse_text(text) == parse_text(text), r.parsed
    (True, 4)
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


def pieces(text: str, starts: re.Pattern = _START) -> list[tuple[int, str]]:
    """(offset, text) of each top-level piece of ``text``: a statement with the blank
    lines and comments after it (the first piece also holds what comes before).

    >>> [p for _, p in pieces('# c\\nchart a {\\n  unit x\\n}\\n\\noption paper = A3\\n')]
    ['# c\\nchart a {\\n  unit x\\n}\\n\\n', 'option paper = A3\\n']
    """
    out: list[tuple[int, str]] = []
    depth, start, offset, seen = 0, 0, 0, False
    for line in text.splitlines(keepends=True):
        if depth == 0 and starts.match(line):
            if seen and offset > start:
                out.append((start, text[start:offset]))
                start = offset
            seen = True
        if "{" in line or "}" in line:     # (most lines hold neither: no quotes or comments to skip)
            bare = _SKIP.sub("", line)
            depth = max(0, depth + bare.count("{") - bare.count("}"))
        offset += len(line)
    out.append((start, text[start:]))
    return out


#: a line that holds only a comment (or nothing)
_BLANK = re.compile(r"[ \t]*(?:(?:#|//)[^\n]*)?\n?\Z")


def bare_piece(piece: str) -> str:
    """``piece`` as far as the parser cares: the spaces at the ends of its lines and the
    comment and blank lines after its last statement left out (none of them is a token
    of the tree, and no line or column before them moves). Typing a comment under a
    statement, or a space at the end of a line, then parses nothing again.

    >>> bare_piece('chart a {  \\n  unit x\\t\\n}\\n\\n# note\\n')
    'chart a {\\n  unit x\\n}\\n'
    """
    lines = piece.splitlines(keepends=True)
    while len(lines) > 1 and _BLANK.match(lines[-1]):
        lines.pop()
    return "".join(l[:-1].rstrip(" \t") + "\n" if l.endswith("\n") else l.rstrip(" \t") for l in lines)


class Reparser:
    """``parse_text`` with the statements of the last texts' pieces remembered (at
    most ``size`` pieces; the AST is never changed by lowering, so a piece's nodes are
    shared by the files that hold it). ``parsed``: how many pieces the last call
    parsed anew."""

    def __init__(self, size: int = 4096) -> None:
        #: (line breaks before, text) -> (the piece's statements as AST, its positions)
        self._pieces: OrderedDict[tuple[int, str], tuple[list, object]] = OrderedDict()
        self._size = size
        self.parsed = 0

    def parse_text(self, text: str):
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
        lines = 0     # line breaks before the next piece (counted piece by piece: the text once)
        with paused():
            for _, piece in parts:
                at, lines = lines, lines + piece.count("\n")
                key = (at, bare_piece(piece))
                hit = self._block(parser, at, key[1]) or self._piece(parser, at, key[1])
                if hit is None:
                    return parse_text(text)   # the whole file's diagnostic, as always
                items.extend(hit[0])
                metas.append(hit[1])
            meta = _meta(metas[0], metas[-1])
            if bare_piece(parts[0][1]) != parts[0][1]:
                # the file's first token (a line break after a comment, or a statement's)
                # is where it is on the real line, spaces at its end included
                meta.line, meta.column = 1, _FIRST.match(text).end() + 1
            bare = key[1]
            if bare != piece and bare.endswith("\n") and (meta.end_line, meta.end_column) == _end("\n" * at + bare):
                # the file's last line break token runs on over what ``bare_piece`` left out
                meta.end_line, meta.end_column = _end(text)
            return File(items, Span.of(meta)), []


    def _piece(self, parser, lines: int, bare: str):
        """(statements, positions) of the piece ``bare`` after ``lines`` line breaks,
        remembered; None when it does not parse alone."""
        from .larkbase import kit

        key = (lines, bare)
        hit = self._pieces.get(key)
        if hit is not None:
            self._pieces.move_to_end(key)
            return hit
        self.parsed += 1
        try:
            tree = parser.parse("\n" * lines + bare)
        except kit().LarkError:
            return None
        if tree.meta.empty:
            return None
        hit = (build_transformer()().transform(tree).items, tree.meta)
        self._pieces[key] = hit
        if len(self._pieces) > self._size:
            self._pieces.popitem(last=False)
        return hit

    def _block(self, parser, lines: int, bare: str):
        """A chart, DFD or data dictionary block (a case's long statements) parsed
        statement by statement: its frame (the inner lines left blank: its name, label
        and span) and each inner statement framed by the block's first line on the line
        before it, every one remembered. None when ``bare`` is not such a block or a part
        does not parse."""
        from dataclasses import replace

        head = _BLOCK_HEAD.match(bare)
        end = bare.rstrip("\n").rfind("\n")
        if head is None or end < head.end() or bare[end + 1:].rstrip("\n") != "}":
            return None
        inner = bare[head.end():end + 1]
        frame = self._piece(parser, lines, head.group(0) + "\n" * inner.count("\n") + bare[end + 1:])
        if frame is None or len(frame[0]) != 1:
            return None
        field = "entries" if hasattr(frame[0][0], "entries") else "body"
        first = lines + head.group(0).count("\n")
        body: list = []
        at = first
        for _, stmt in pieces(inner, _INNER):
            got = self._piece(parser, at - 1, head.group(0) + stmt + "}\n")
            if got is None or len(got[0]) != 1 or type(got[0][0]) is not type(frame[0][0]):
                return None
            body.extend(getattr(got[0][0], field))
            at += stmt.count("\n")
        return [replace(frame[0][0], **{field: body})], frame[1]


#: the first line of a block parsed statement by statement: chart, DFD, data dictionary
_BLOCK_HEAD = re.compile(r'(?:dictionary|数据字典|chart|业务流程图|业务图|dfd|数据流程图|数据流图)(?=[\s"“{])'
                         r'[^\n{}#"“]*(?:(?:"(?:\\.|[^"\\\n])*"|“[^”\n]*”)[^\n{}#"“]*)*\{[ \t]*\n')
#: what comes before the first token of a text
_FIRST = re.compile(r"[ \t\f]*(?:(?:#|//)[^\n]*)?")
#: a line that starts a statement inside the block: not blank, not a comment or brace
_INNER = re.compile(r"[ \t]*[^\s#/}]")


def _end(text: str) -> tuple[int, int]:
    """The 1-based line and column just after the end of ``text``."""
    return text.count("\n") + 1, len(text) - text.rfind("\n")


def _meta(first, last):
    """The positions of the whole file's ``start`` tree: from the first piece's first
    token to the last piece's last (Lark counts the line breaks between statements)."""
    from .larkbase import kit

    Meta = kit().Meta

    meta = Meta()
    for k in ("line", "column"):
        setattr(meta, k, getattr(first, k))
    for k in ("end_line", "end_column"):
        setattr(meta, k, getattr(last, k))
    meta.empty = False
    return meta
