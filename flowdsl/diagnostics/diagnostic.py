"""Diagnostics: what every stage reports, and how it is printed.

A diagnostic carries a stable code (``FD201``), a severity, a message, the source
span and an optional hint. They are collected, never raised one by one: a file with
three mistakes gets three diagnostics. Printing follows compilers::

    samples/x.flow:4:12: error[FD101]: “采购定货单” is not declared in chart “订货”
        4 |   采购部 -> 采购定货单 -> 供应商
          |            ^^^^^^^^^^
      = hint: did you mean “采购订货单”?

Every diagnostic also carries its Chinese text (``message_zh``, ``hint_zh``), printed
with ``lang="zh"``::

    samples/x.flow:4:12: 错误[FD101]: 业务流程图“订货”中没有声明“采购定货单”
      ...
      = 提示：你是不是想写“采购订货单”？
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
    message_zh: str | None = None   #: the message in Chinese (None: only English exists)
    hint_zh: str | None = None      #: the hint in Chinese

    def with_file(self, file: str | None) -> "Diagnostic":
        return Diagnostic(self.code, self.severity, self.message, self.span, self.hint, file,
                          self.message_zh, self.hint_zh)

    def with_severity(self, severity: Severity) -> "Diagnostic":
        return Diagnostic(self.code, severity, self.message, self.span, self.hint, self.file,
                          self.message_zh, self.hint_zh)

    def text(self, lang: str = "en") -> str:
        """The message in ``lang`` ("zh" or "en"); English when no Chinese text exists."""
        return self.message_zh if lang == "zh" and self.message_zh else self.message

    def hint_text(self, lang: str = "en") -> str | None:
        if not self.hint:
            return self.hint_zh if lang == "zh" else None
        return self.hint_zh if lang == "zh" and self.hint_zh else self.hint

    def to_dict(self, lang: str = "en") -> dict:
        return {
            "file": self.file, "line": self.span.line, "column": self.span.column,
            "end_line": self.span.end_line, "end_column": self.span.end_column,
            "code": self.code, "severity": self.severity, "message": self.text(lang),
            "hint": self.hint_text(lang), "message_en": self.message,
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


def shown_name(name: str) -> str:
    """A file name as printed: control characters, bidi overrides and backslashes
    escaped (``\\n``, ``\\x1b`` …), so a student's file name can neither move the
    cursor nor forge a line of the summary.

    >>> print(shown_name("a\\nb\\x1b[2J.flow"))
    a\\nb\\x1b[2J.flow
    """
    if name.isprintable() and not any("\u202a" <= ch <= "\u202e" or "\u2066" <= ch <= "\u2069" for ch in name):
        return name
    out = []
    for ch in name:
        if ch.isprintable() and not ("\u202a" <= ch <= "\u202e" or "\u2066" <= ch <= "\u2069") or ch == " ":
            out.append(ch)
        else:
            out.append(repr(ch)[1:-1] if ord(ch) < 0x10000 and repr(ch)[1] == "\\" else f"\\u{ord(ch):04x}")
    return "".join(out)


def source_lines(source: str) -> list[str]:
    """``source`` split into lines as the parser counts them: at "\\n", "\\r\\n" and
    "\\r" only (splitlines() would also split at \\v, \\f, \\x85, \\u2028 …)."""
    return source.replace("\r\n", "\n").replace("\r", "\n").split("\n")


#: at most this many diagnostics of one file are printed as text (all stay in JSON)
PRINT_LIMIT = 200


def format_diagnostics(diags: list[Diagnostic], source: str | None = None, color: bool = False,
                       lang: str = "en", limit: int | None = PRINT_LIMIT) -> str:
    """Several diagnostics of one source, in linear time (the source is split once);
    beyond ``limit`` a last line says how many more there are."""
    lines = source_lines(source) if source is not None else None
    shown = diags if limit is None else diags[:limit]
    out = [format_diagnostic(d, source, color, lang=lang, lines=lines) for d in shown]
    more = len(diags) - len(shown)
    if more > 0:
        out.append(f"… 另有 {more} 条诊断未显示（全部见 --format json）" if lang == "zh" else
                   f"… and {more} more diagnostics (all of them in --format json)")
    return "\n".join(out)


#: the severity words and the hint prefix of each language
SEVERITY_WORDS = {"zh": {"error": "错误", "warning": "警告", "off": "关闭"}}
HINT_PREFIX = {"en": "  = hint: ", "zh": "  = 提示："}


def format_diagnostic(d: Diagnostic, source: str | None = None, color: bool = False,
                      lang: str = "en", lines: list[str] | None = None) -> str:
    """Render one diagnostic with its source line and a caret under the span.
    ``lang="zh"`` prints the Chinese message and hint (English when one is missing).

    >>> d = Diagnostic("FD101", "error", "“乙” is not declared", Span(2, 6, 2, 7), "did you mean “甲”?", "a.flow",
    ...                "没有声明“乙”", "你是不是想写“甲”？")
    >>> print(format_diagnostic(d, "单位 甲\\n甲 -> 乙\\n"))
    a.flow:2:6: error[FD101]: “乙” is not declared
        2 | 甲 -> 乙
          |       ^^
      = hint: did you mean “甲”?
    >>> print(format_diagnostic(d, "单位 甲\\n甲 -> 乙\\n", lang="zh"))
    a.flow:2:6: 错误[FD101]: 没有声明“乙”
        2 | 甲 -> 乙
          |       ^^
      = 提示：你是不是想写“甲”？
    """
    where = f"{shown_name(d.file) if d.file else '<input>'}:{d.span.line}:{d.span.column}"
    sev = SEVERITY_WORDS.get(lang, {}).get(d.severity, d.severity)
    message = d.text(lang)
    if color:
        c = "\x1b[1;31m" if d.severity == "error" else "\x1b[1;33m"
        head = f"\x1b[1m{where}:\x1b[0m {c}{sev}[{d.code}]\x1b[0m: \x1b[1m{message}\x1b[0m"
    else:
        head = f"{where}: {sev}[{d.code}]: {message}"
    out = [head]
    if source is not None or lines is not None:
        src_lines = lines if lines is not None else source_lines(source or "")
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
            out.append(f"    {num} | {text}")
            out.append(f"    {pad} | {' ' * _display_width(before)}{carets}")
    hint = d.hint_text(lang)
    if hint:
        prefix = HINT_PREFIX["zh"] if lang == "zh" and d.hint_zh else HINT_PREFIX["en"]
        out.append(f"{prefix}{hint}")
    return "\n".join(out)


def has_errors(diags: Iterable[Diagnostic]) -> bool:
    return any(d.severity == "error" for d in diags)


def format_case_diagnostics(case, color: bool = False, lang: str = "en", limit: int | None = 200) -> str:
    """The case's diagnostics, compiler style, in ``lang`` ("zh": Chinese message and
    hint; a diagnostic without Chinese text gets a line with its code's Chinese summary).
    At most ``limit`` are printed, then a line says how many more there are."""
    from .codes import CODES

    if lang != "zh":
        return format_diagnostics(case.diagnostics, case.source, color, lang, limit)
    lines = source_lines(case.source)
    shown = case.diagnostics if limit is None else case.diagnostics[:limit]
    out = []
    for d in shown:
        text = format_diagnostic(d, case.source, color, lang=lang, lines=lines)
        if not d.message_zh and d.code in CODES:
            text += f"\n  = 说明：{CODES[d.code].summary_zh}（{d.code}，详见 flowdsl explain {d.code}）"
        out.append(text)
    if len(case.diagnostics) > len(shown):
        out.append(f"… 另有 {len(case.diagnostics) - len(shown)} 条诊断未显示（全部见 --format json）")
    return "\n".join(out)
