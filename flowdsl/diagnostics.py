"""Diagnostics: what every stage reports, and how it is printed.

A diagnostic carries a stable code (``FD201``), a severity, a message, the source
span and an optional hint. They are collected, never raised one by one: a file with
three mistakes gets three diagnostics. Printing follows compilers::

    samples/x.flow:4:12: error[FD101]: 未定义的名称 “采购定货单”
        4 |   采购部 -> 采购定货单 -> 供应商
          |            ^^^^^^^^^^
      = hint: did you mean “采购订货单”?
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable, Literal

Severity = Literal["error", "warning", "off"]


@dataclass(frozen=True, order=True)
class Span:
    """1-based line/column of the first character and of the character after the last."""

    line: int = 1
    column: int = 1
    end_line: int = 1
    end_column: int = 1

    @classmethod
    def of(cls, meta_or_token) -> "Span":
        """Span of a Lark ``Token`` or ``Tree.meta`` (both carry the same attributes)."""
        line = getattr(meta_or_token, "line", None)
        if line is None:
            return cls()
        return cls(line, meta_or_token.column, meta_or_token.end_line, meta_or_token.end_column)


@dataclass(frozen=True)
class Diagnostic:
    code: str
    severity: Severity
    message: str
    span: Span = field(default_factory=Span)
    hint: str | None = None
    file: str | None = None

    def with_file(self, file: str | None) -> "Diagnostic":
        return Diagnostic(self.code, self.severity, self.message, self.span, self.hint, file)

    def with_severity(self, severity: Severity) -> "Diagnostic":
        return Diagnostic(self.code, severity, self.message, self.span, self.hint, self.file)

    def to_dict(self) -> dict:
        return {
            "file": self.file, "line": self.span.line, "column": self.span.column,
            "end_line": self.span.end_line, "end_column": self.span.end_column,
            "code": self.code, "severity": self.severity, "message": self.message,
            "hint": self.hint,
        }


def sort_key(d: Diagnostic):
    return (d.file or "", d.span.line, d.span.column, d.code, d.message)


def _display_width(text: str) -> int:
    """Terminal columns of ``text``: East Asian wide and full-width characters take two."""
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def shown_line(line: str) -> str:
    """A source line as printed under a diagnostic: tabs become spaces; control
    characters and bidi overrides (which could rewrite the terminal or reorder
    what is shown) become U+FFFD.

    >>> shown_line("a\\tb\\x1b[2Jc\\u202ed") == "a b\\ufffd[2Jc\\ufffdd"
    True
    """
    return "".join(" " if ch == "\t" else "\ufffd" if (ch < " " or "\x7f" <= ch <= "\x9f"
                   or "\u202a" <= ch <= "\u202e" or "\u2066" <= ch <= "\u2069") else ch for ch in line)


def format_diagnostic(d: Diagnostic, source: str | None = None, color: bool = False) -> str:
    """Render one diagnostic with its source line and a caret under the span.

    >>> d = Diagnostic("FD101", "error", "未定义的名称 “乙”", Span(2, 6, 2, 7), "did you mean “甲”?", "a.flow")
    >>> print(format_diagnostic(d, "单位 甲\\n甲 -> 乙\\n"))
    a.flow:2:6: error[FD101]: 未定义的名称 “乙”
        2 | 甲 -> 乙
          |      ^^
      = hint: did you mean “甲”?
    """
    where = f"{d.file or '<input>'}:{d.span.line}:{d.span.column}"
    sev = d.severity
    if color:
        c = "\x1b[1;31m" if sev == "error" else "\x1b[1;33m"
        head = f"\x1b[1m{where}:\x1b[0m {c}{sev}[{d.code}]\x1b[0m: \x1b[1m{d.message}\x1b[0m"
    else:
        head = f"{where}: {sev}[{d.code}]: {d.message}"
    lines = [head]
    if source is not None:
        # lines end at "\n" as the parser counts them (splitlines() would also split
        # at \v, \f, \x85, \u2028 … and show the wrong line)
        src_lines = source.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        if 1 <= d.span.line <= len(src_lines):
            text = shown_line(src_lines[d.span.line - 1])
            num = str(d.span.line)
            pad = " " * len(num)
            col = max(1, d.span.column)
            before = text[: col - 1]
            if d.span.end_line == d.span.line and d.span.end_column > col:
                marked = text[col - 1 : d.span.end_column - 1]
            else:
                marked = text[col - 1 : col] or " "
            carets = "^" * max(1, _display_width(marked))
            lines.append(f"    {num} | {text}")
            lines.append(f"    {pad} | {' ' * _display_width(before)}{carets}")
    if d.hint:
        lines.append(f"  = hint: {d.hint}")
    return "\n".join(lines)


def has_errors(diags: Iterable[Diagnostic]) -> bool:
    return any(d.severity == "error" for d in diags)
