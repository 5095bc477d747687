"""Text width estimates and line wrapping, without font files.

Widths are in *em* (multiples of the font size). The estimate is deliberately a
little generous for Latin text so that labels never overflow the fixed-size symbols
whatever CJK font ends up drawing them (Noto Sans CJK, Source Han Sans, Microsoft
YaHei, PingFang all have full-width ideographs of exactly 1 em and proportional Latin
of about 0.5-0.6 em). Everything is pure and deterministic.

>>> text_width("采购订货单")
5.0
>>> wrap("查询库存信息及用户需求", 9)
['查询库存信息', '及用户需求']
"""

from __future__ import annotations

import math
import unicodedata
from functools import lru_cache

__all__ = ["char_width", "text_width", "lines_width", "wrap", "LINE_HEIGHT"]

#: line pitch in em used everywhere in the renderer
LINE_HEIGHT = 1.3

_NARROW = set("il.,:;'|!`[]()ijtf ")
_WIDE_LATIN = set("mwMW@%&")

#: characters that must not start a line (closing punctuation, CJK and ASCII)
_NO_LINE_START = set("，。、；：！？）》」』】〉”’…—～·,.;:!?)]}%")
#: characters that must not end a line (opening brackets / quotes)
_NO_LINE_END = set("（《「『【〈“‘([{")


@lru_cache(maxsize=4096)
def char_width(ch: str) -> float:
    """Width of one character in em.

    >>> char_width("中"), char_width("，"), char_width("a"), char_width("M"), char_width(" ")
    (1.0, 1.0, 0.56, 0.84, 0.3)
    """
    if ch in ("\n", "\r"):
        return 0.0
    cat = unicodedata.category(ch)
    if cat in ("Mn", "Me", "Cf", "Cc"):
        return 0.0
    if unicodedata.east_asian_width(ch) in ("W", "F"):
        return 1.0
    if ch == " ":
        return 0.3
    if ch in _WIDE_LATIN:
        return 0.84
    if ch in _NARROW:
        return 0.32
    if ch.isdigit():
        return 0.56
    if ch.isupper():
        return 0.66
    if ord(ch) < 0x2000:
        return 0.56
    # symbols, ambiguous-width characters (①, ×, arrows...) and the rest
    return 0.9


def text_width(text: str) -> float:
    """Width in em of a single line (newlines count as nothing).

    >>> text_width("P3.1 采购单")
    5.4
    """
    return round(sum(char_width(c) for c in text), 4)


def lines_width(lines: list[str] | tuple[str, ...]) -> float:
    """Width in em of the widest line (0 for no lines)."""
    return max((text_width(line) for line in lines), default=0.0)


def _tokens(paragraph: str) -> list[str]:
    """Split a paragraph into unbreakable pieces: ASCII words (with their trailing
    spaces) and single non-ASCII characters."""
    toks: list[str] = []
    word = ""
    for ch in paragraph:
        if ord(ch) < 128 and not ch.isspace():
            word += ch
            continue
        if word:
            toks.append(word)
            word = ""
        if ch.isspace():
            if toks:
                toks[-1] += " "
        else:
            toks.append(ch)
    if word:
        toks.append(word)
    return toks


def _split_long(tok: str, max_em: float) -> list[str]:
    """Break a single token that is wider than a line, by character."""
    out, cur = [], ""
    for ch in tok:
        if cur and text_width(cur + ch) > max_em:
            out.append(cur)
            cur = ch
        else:
            cur += ch
    if cur:
        out.append(cur)
    return out


def _greedy(toks: list[str], max_em: float) -> list[list[str]]:
    lines: list[list[str]] = []
    cur: list[str] = []
    cur_w = 0.0
    for tok in toks:
        w = text_width(tok.rstrip())
        if cur and cur_w + w > max_em + 1e-9:
            # kinsoku: a closing mark hangs on the line it belongs to
            if tok[0] in _NO_LINE_START:
                cur.append(tok)
                cur_w += text_width(tok)
                continue
            # an opening bracket at the end of the line moves down with the next char
            carry: list[str] = []
            while len(cur) > 1 and cur[-1].rstrip()[-1:] in _NO_LINE_END:
                carry.insert(0, cur.pop())
            lines.append(cur)
            cur = carry
            cur_w = sum(text_width(t) for t in cur)
        cur.append(tok)
        cur_w += text_width(tok)
    if cur:
        lines.append(cur)
    return lines


def _wrap_paragraph(paragraph: str, max_em: float) -> list[str]:
    paragraph = paragraph.strip()
    if not paragraph:
        return [""]
    toks: list[str] = []
    for tok in _tokens(paragraph):
        if text_width(tok.rstrip()) > max_em:
            toks.extend(_split_long(tok, max_em))
        else:
            toks.append(tok)
    lines = _greedy(toks, max_em)
    n = len(lines)
    if n > 1:
        # Balance: the narrowest width that still needs no more lines, so a label of
        # 11 characters becomes 6 + 5 rather than 9 + 2.
        total = sum(text_width(t) for t in toks)
        lo = max(total / n, max(text_width(t.rstrip()) for t in toks))
        width = lo
        while width < max_em:
            cand = _greedy(toks, width)
            if len(cand) <= n:
                lines = cand
                break
            width += 0.25
    return ["".join(line).strip() for line in lines]


def wrap(text: str, max_em: float) -> list[str]:
    """Wrap ``text`` into lines no wider than ``max_em`` (in em), balanced.

    Explicit ``\\n`` breaks are kept; ASCII words are not split unless a single word
    is wider than a line; a closing punctuation mark never starts a line.

    >>> wrap("审核", 9)
    ['审核']
    >>> wrap("甲\\n乙丙", 9)
    ['甲', '乙丙']
    >>> wrap("检查ERP系统中的库存数量是否足够", 8)
    ['检查ERP系统中的', '库存数量是否足够']
    >>> wrap("一二三四五六七八，九", 8)
    ['一二三四五', '六七八，九']
    >>> wrap("", 8)
    ['']
    """
    if max_em <= 0 or math.isnan(max_em):
        raise ValueError("max_em must be positive")
    return list(_wrap_cached(str(text), float(max_em)))


@lru_cache(maxsize=8192)
def _wrap_cached(text: str, max_em: float) -> tuple[str, ...]:
    out: list[str] = []
    for para in text.replace("\r\n", "\n").split("\n"):
        out.extend(_wrap_paragraph(para, max_em))
    return tuple(out)
