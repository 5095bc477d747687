"""The formatter behind ``flowdsl fmt``: source → the same source in canonical form.

Canonical form: one statement per line, two-space indentation, one space around
arrows and between words, ``: `` after a key, ASCII quotes and arrows, at most one
blank line (kept where the author left one), a blank line around every chart and
DFD, one newline at the end. Statements keep their order and their keywords exactly
as written (``处理`` stays ``处理``, ``step`` stays ``step``), so the model never changes.
Comments are kept: a comment on its own line goes with the statement that follows
it (or to the end of its block), a comment after a statement stays after it.

    >>> print(format_source("chart a{unit 甲;unit 乙 # two units\\n甲->乙}"), end="")
    chart a {
      unit 甲
      unit 乙  # two units
      甲 -> 乙
    }
    >>> format_source(format_source("chart a{unit 甲}")) == format_source("chart a{unit 甲}")
    True
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from . import format_logic
from . import format_dict
from . import syntax as S
from . import syntax_dict as SD
from .format_er import ER_NODES, er_head
from .syntax_er import Er

__all__ = ["format_source", "format_text", "FormatError", "Comment"]

INDENT = "  "
_WORD = re.compile(r"\w+")


class FormatError(Exception):
    """The text cannot be formatted: it does not parse (``diagnostics`` says why),
    or formatting would change its meaning (a bug: nothing is written)."""

    def __init__(self, message: str, diagnostics: list | None = None):
        super().__init__(message)
        self.diagnostics = diagnostics or []


@dataclass
class Comment:
    line: int
    column: int
    text: str          #: the comment, with its ``#`` or ``//``
    own_line: bool     #: nothing but blanks before it on its line


def find_comments(text: str) -> list[Comment]:
    """Every ``#`` / ``//`` comment outside quoted text.

    >>> [(c.line, c.text, c.own_line) for c in find_comments('# a\\nunit "#x" // b')]
    [(1, '# a', True), (2, '// b', False)]
    """
    out: list[Comment] = []
    line, col_start, i, n = 1, 0, 0, len(text)
    while i < n:
        ch = text[i]
        if ch == "\n":
            line += 1
            col_start = i + 1
            i += 1
        elif ch == '"':
            i += 1
            while i < n and text[i] != '"' and text[i] != "\n":
                i += 2 if text[i] == "\\" else 1
            i += 1
        elif ch == "“":
            j = text.find("”", i + 1)
            j = n if j < 0 else j
            line += text.count("\n", i, j)
            if "\n" in text[i:j]:
                col_start = text.rfind("\n", i, j) + 1
            i = j + 1
        elif ch == "#" or text.startswith("//", i):
            j = text.find("\n", i)
            j = n if j < 0 else j
            before = text[col_start:i]
            out.append(Comment(line, i - col_start + 1, text[i:j].rstrip(),
                               not before.strip(" \t\f\r\u3000\ufeff")))
            i = j
        else:
            i += 1
    return out


def _is_zh(word: str) -> bool:
    return any(ch >= "\u2e80" for ch in word)


class _Formatter:
    def __init__(self, text: str) -> None:
        from .unparse import is_plain, quote

        self.text = text
        self.lines = text.splitlines()
        self.quote = quote
        self.is_plain = is_plain
        self.out: list[str] = []

    # ------------------------------------------------------------------ helpers
    def word_at(self, span) -> str:
        """The keyword (or word) that starts at ``span`` in the source."""
        if not 1 <= span.line <= len(self.lines):
            return ""
        m = _WORD.match(self.lines[span.line - 1], span.column - 1)
        return m.group(0) if m else ""

    def blank_between(self, a: int, b: int) -> bool:
        """Is there an empty source line strictly between lines ``a`` and ``b``?"""
        return any(not self.lines[k - 1].strip(" \t\f\r\u3000\ufeff;；")
                   for k in range(a + 1, b) if 1 <= k <= len(self.lines))

    def value(self, text: str) -> str:
        return text if self.is_plain(text) else self.quote(text)

    def label(self, text: str | None) -> str:
        return f" {self.quote(text)}" if text is not None else ""

    # ------------------------------------------------------------------ statements
    def head(self, st) -> str:
        """One statement's text (for statements with a body: the line before ``{``)."""
        if isinstance(st, _Field):
            return f"{st.name.text}: {self.quote(st.value)}"
        if isinstance(st, format_logic.NODES):  # 处理逻辑说明
            return format_logic.head(self, st)
        if isinstance(st, ER_NODES):
            return er_head(self, st)
        kw = self.word_at(st.span)
        if isinstance(st, S.CaseStmt):
            return f"{kw} {st.name.text}{self.label(st.label)}"
        if isinstance(st, S.TitleStmt):
            return f"{kw} {self.quote(st.text)}"
        if isinstance(st, S.Option):
            return f"{kw} {st.key} = {self.value(st.value)}"
        if isinstance(st, S.SeverityStmt):
            return f"{kw} {st.code} {st.level}"
        if isinstance(st, (S.Chart, S.Dfd)):
            return f"{kw} {st.name.text}{self.label(st.label)} {{"
        if isinstance(st, S.Decl):
            parts = [f"{kw} {st.name.text}{self.label(st.label)}"]
            for a in st.attrs:
                akw = self.word_at(a.span)
                if a.value is not None:
                    parts.append(f"{akw} {self.value(a.value)}{self.label(a.note)}")
                else:
                    sep = "、" if _is_zh(akw) else ", "
                    parts.append(f"{akw} {sep.join(n.text for n in a.names)}")
            return " ".join(parts)
        if isinstance(st, S.Lanes):
            s = kw
            if st.direction:
                line = self.lines[st.span.line - 1]
                m = _WORD.search(line, st.span.column - 1 + len(kw))
                s += f" {m.group(0) if m else st.direction}"
            if st.names:
                sep = "、" if _is_zh(kw) else ", "
                s += ": " + sep.join(n.text for n in st.names)
            return s
        if isinstance(st, S.Block):
            return f"{kw} {{"
        if isinstance(st, S.Chain):
            return self.chain(st)
        if isinstance(st, (S.EntityDecl, S.StoreDecl)):
            ident = f" {st.ident.text}" if st.ident else ""
            return f"{kw}{ident} {st.name.text}{self.label(st.label)}"
        if isinstance(st, S.ProcessDecl):
            ident = f" {st.ident.text}" if st.ident else ""
            s = f"{kw}{ident} {st.name.text}{self.label(st.label)}"
            if st.location is not None:
                s += f" {'位于' if _is_zh(kw) else 'at'} {self.value(st.location)}"
            return s + (" {" if st.body is not None else "")
        ours = format_dict.head(self, st, kw)   # the data dictionary block
        if ours is not None:
            return ours
        if isinstance(st, S.Define):
            s = f"{kw} {st.name.text} = {self.comp(st.comp)}"
            return s + (f": {self.quote(st.description)}" if st.description is not None else "")
        raise TypeError(f"cannot format {type(st).__name__}")  # pragma: no cover

    def chain(self, st: S.Chain) -> str:
        parts = [self.endpoint(st.endpoints[0])]
        for arrow, ep in zip(st.arrows, st.endpoints[1:]):
            parts.append(self.arrow(arrow))
            parts.append(self.endpoint(ep))
        return " ".join(parts)

    def endpoint(self, ep: S.Endpoint) -> str:
        return ep.name.text if ep.kind == "name" else self.word_at(ep.name.span)

    def arrow(self, a: S.Arrow) -> str:
        dash, head = ("-", "->") if a.style == "info" else ("=", "=>")
        if a.label is None:
            return head
        bits = []
        if a.label.ident:
            bits.append(a.label.ident)
        if a.label.text is not None:
            t = a.label.text
            id_like = S_ID.fullmatch(t) is not None
            bits.append(t if self.is_plain(t) and not id_like else self.quote(t))
        return f"{dash}[{' '.join(bits)}]{head}"

    def comp(self, c: S.Comp) -> str:
        if c.kind == "ref":
            return c.text or ""
        if c.kind == "lit":
            return self.quote(c.text or "")
        if c.kind == "seq":
            return " + ".join(self.comp(p) for p in c.parts)
        if c.kind == "choice":
            return "[" + " | ".join(self.comp(p) for p in c.parts) + "]"
        if c.kind == "optional":
            return "(" + self.comp(c.parts[0]) + ")"
        return f"{c.low or ''}{{{self.comp(c.parts[0])}}}{c.high or ''}"

    # ------------------------------------------------------------------ blocks
    @staticmethod
    def body_of(st) -> list | None:
        if isinstance(st, format_logic.NODES):
            return format_logic.body_of(st)
        if isinstance(st, (S.Chart, S.Dfd, Er)):
            return st.body
        if isinstance(st, S.ProcessDecl):
            return st.body
        if isinstance(st, S.Block):
            return [_Field(n, v) for n, v in st.fields]
        return format_dict.body_of(st)

    def block(self, items: list, comments: list[Comment], depth: int, top: bool = False) -> None:
        pad = INDENT * depth
        own = [c for c in comments if c.own_line]
        trailing = [c for c in comments if not c.own_line]
        inner: dict[int, list[Comment]] = {}
        header: dict[int, list[Comment]] = {}
        after: dict[int, list[Comment]] = {}
        for c in own + trailing:
            for k, st in enumerate(items):
                body = self.body_of(st)
                if body is not None and (st.span.line < c.line < st.span.end_line or (
                        c.line == st.span.line < st.span.end_line
                        and any(b.span.end_line == c.line for b in body))):
                    inner.setdefault(k, []).append(c)
                    break
            else:
                if c.own_line:
                    continue
                ends = [k for k, st in enumerate(items) if st.span.end_line == c.line]
                heads = [k for k, st in enumerate(items)
                         if self.body_of(st) is not None and st.span.line == c.line != st.span.end_line]
                if heads:
                    header.setdefault(heads[-1], []).append(c)
                elif ends:
                    after.setdefault(ends[-1], []).append(c)
                else:  # a comment line inside a statement we cannot place: keep it before the next
                    c.own_line = True
        placed = {id(c) for cs in inner.values() for c in cs}
        entries: list[tuple[int, int, object]] = [(c.line, c.column, c) for c in comments
                                                  if c.own_line and id(c) not in placed]
        entries += [(st.span.line, st.span.column, k) for k, st in enumerate(items)]
        entries.sort(key=lambda e: (e[0], e[1]))
        # a chart/DFD gets a blank line around it at top level; the comment lines right
        # above it (no blank line between) belong to it and stay glued to it
        glued = [False] * len(entries)
        for i in range(len(entries) - 1, -1, -1):
            what = entries[i][2]
            if isinstance(what, int):
                glued[i] = isinstance(items[what], (S.Chart, S.Dfd, SD.Dictionary, Er, format_logic.L.Logic))
            elif i + 1 < len(entries):
                glued[i] = glued[i + 1] and not self.blank_between(what.line, entries[i + 1][0])
        prev_end: int | None = None
        prev_big = prev_glued_comment = False
        for i, (line, _col, what) in enumerate(entries):
            big = isinstance(what, int) and glued[i]
            opens = glued[i] and not prev_glued_comment
            if prev_end is not None and (self.blank_between(prev_end, line) or (top and (opens or prev_big))):
                self.out.append("")
            if isinstance(what, Comment):
                self.out.append(pad + what.text)
                prev_end, prev_big, prev_glued_comment = what.line, False, glued[i]
                continue
            prev_glued_comment = False
            st = items[what]
            tail = "".join(f"  {c.text}" for c in header.get(what, []))
            self.out.append(pad + self.head(st) + tail)
            body = self.body_of(st)
            if body is not None:
                self.block(body, inner.get(what, []), depth + 1)
                self.out.append(pad + "}" + "".join(f"  {c.text}" for c in after.get(what, [])))
            elif after.get(what):
                self.out[-1] += "".join(f"  {c.text}" for c in after[what])
            prev_end, prev_big = st.span.end_line, big


S_ID = re.compile(r"[A-Za-z]{0,2}[0-9]+(\.[0-9]+)*")


@dataclass
class _Field:
    """A ``block { key: value }`` field, shaped like a statement for ``_Formatter.block``."""

    name: S.Name
    value: str

    @property
    def span(self):
        return self.name.span


def format_source(text: str) -> str:
    """Format ``text``; raise ``FormatError`` when it does not parse."""
    from .parser import parse_text

    if text.startswith("\ufeff"):
        text = text[1:]
    ast, diags = parse_text(text)
    if ast is None:
        raise FormatError("the file has syntax errors", diags)
    f = _Formatter(text)
    f.block(ast.items, find_comments(text), 0, top=True)
    while f.out and not f.out[-1]:
        f.out.pop()
    return "\n".join(line.rstrip() for line in f.out) + "\n" if f.out else ""


def _ast_shape(node):
    """The AST as plain data without spans: what formatting must never change."""
    import dataclasses

    if dataclasses.is_dataclass(node):
        return (type(node).__name__,) + tuple(
            _ast_shape(getattr(node, f.name)) for f in dataclasses.fields(node)
            if f.name != "span" and not f.name.endswith("_span"))
    if isinstance(node, (list, tuple)):
        return tuple(_ast_shape(x) for x in node)
    return node


def _meaning(text: str):
    from .parser import parse_text

    ast, _ = parse_text(text)
    return None if ast is None else _ast_shape(ast)


def format_text(text: str) -> str:
    """``format_source`` plus a safety check: the formatted text must parse to the
    same syntax tree (spans aside), else ``FormatError`` (and nothing is written)."""
    out = format_source(text)
    if _meaning(out) != _meaning(text):
        raise FormatError("internal error: formatting would change the meaning of the file; nothing written")
    return out
