"""Name suggestions ("did you mean …?"): edit distance that works for Chinese too.

Distance is counted in characters, so 采购定货单 vs 采购订货单 is 1, as for ASCII.
"""

from __future__ import annotations

from typing import Iterable


def distance(a: str, b: str) -> int:
    """Levenshtein distance in characters.

    >>> distance("采购定货单", "采购订货单")
    1
    >>> distance("kitten", "sitting")
    3
    """
    if a == b:
        return 0
    if len(a) < len(b):
        a, b = b, a
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


def suggest(name: str, candidates: Iterable[str]) -> str | None:
    """The closest candidate within a distance that makes sense for the length.

    >>> suggest("采购定货单", ["采购收货单", "采购订货单", "库存帐"])
    '采购订货单'
    >>> suggest("完全不同", ["采购部"]) is None
    True
    """
    best: tuple[int, str] | None = None
    limit = max(1, len(name) // 3)
    for cand in sorted(set(candidates)):
        if abs(len(cand) - len(name)) > limit:
            continue
        d = distance(name, cand)
        if d <= limit and (best is None or d < best[0]):
            best = (d, cand)
    return best[1] if best else None


def did_you_mean(name: str, candidates: Iterable[str]) -> str | None:
    s = suggest(name, candidates)
    return f"did you mean “{s}”?" if s else None


def did_you_mean_zh(name: str, candidates: Iterable[str]) -> str | None:
    """
    >>> did_you_mean_zh("采购定货单", ["采购订货单"])
    '你是不是想写“采购订货单”？'
    """
    s = suggest(name, candidates)
    return f"你是不是想写“{s}”？" if s else None


def did_you_mean_both(name: str, candidates: Iterable[str]) -> tuple[str, str] | tuple[None, None]:
    """The English and the Chinese suggestion (one search), or ``(None, None)``.

    >>> did_you_mean_both("采购定货单", ["采购订货单"])
    ('did you mean “采购订货单”?', '你是不是想写“采购订货单”？')
    """
    s = suggest(name, candidates)
    return (f"did you mean “{s}”?", f"你是不是想写“{s}”？") if s else (None, None)
