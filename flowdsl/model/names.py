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


#: Characters a Chinese IME confuses: the same pinyin, or the two spellings courses
#: mix (帐/账). Swapping one for its twin costs half an edit, so 采购定货单 suggests
#: 采购订货单 rather than 采购收货单 (both one edit away).
_CONFUSABLE_PAIRS = (
    "订定 帐账 做作 在再 以已 需须 象像 检捡 记纪 货贷 购够 审申 合和 核合 清请 情请 表标 流留 理里 "
    "管馆 员园 部步 供共 收受 票漂 证正 销消 售受 客刻 助住 单担 存村 台抬 登灯 统通 计记 划画 "
    "报抱 损顺 凭评 据剧 类累 编便 目木 验演 格隔 库裤 盘盆 点典 查察 询讯 册策 档挡 案按"
).split()
_CONFUSABLE = frozenset(frozenset(p) for p in _CONFUSABLE_PAIRS)


def _sub_cost(a: str, b: str) -> float:
    if a == b:
        return 0.0
    if a.lower() == b.lower() or frozenset((a, b)) in _CONFUSABLE:
        return 0.5
    return 1.0


def weighted_distance(a: str, b: str) -> float:
    """Edit distance where a homophone or case slip counts half.

    >>> weighted_distance("采购定货单", "采购订货单"), weighted_distance("采购定货单", "采购收货单")
    (0.5, 1.0)
    """
    previous = [float(j) for j in range(len(b) + 1)]
    for i, ca in enumerate(a, 1):
        current = [float(i)]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + _sub_cost(ca, cb)))
        previous = current
    return previous[-1]


def suggest(name: str, candidates: Iterable[str]) -> str | None:
    """The closest candidate within a distance that makes sense for the length.

    >>> suggest("采购定货单", ["采购收货单", "采购订货单", "库存帐"])
    '采购订货单'
    >>> suggest("流水账", ["流水帐", "库存帐"])
    '流水帐'
    >>> suggest("完全不同", ["采购部"]) is None
    True
    """
    best: tuple[float, str] | None = None
    limit = max(1, len(name) // 3)
    for cand in sorted(set(candidates)):
        if abs(len(cand) - len(name)) > limit:
            continue
        if distance(name, cand) > limit:
            continue
        d = weighted_distance(name, cand)
        if best is None or d < best[0]:
            best = (d, cand)
    return best[1] if best else None


def suggestions(name: str, kinds: dict[str, str], prefer: set[str] | None = None) -> list[str]:
    """What to suggest for ``name`` among ``kinds`` (name -> kind): the closest names
    within the limit of ``suggest``; when ``prefer`` (the kinds that fit the place)
    is given and one of them is within the limit, only those; at most two names,
    both named when equally close.

    >>> kinds = {"核单": "document", "核对": "step", "核实": "step"}
    >>> suggestions("核x", kinds, {"step", "decision"})
    ['核实', '核对']
    >>> suggestions("核x", {"核单": "document", "核对": "step"}, {"step"})
    ['核对']
    >>> suggestions("核x", {"核单": "document", "核对": "step"})
    ['核单', '核对']
    >>> suggestions("采购定货单", {"采购订货单": "document", "采购收货单": "step"}, {"step"})
    ['采购收货单']
    """
    limit = max(1, len(name) // 3)
    close = [(weighted_distance(name, c), c) for c in sorted(kinds)
             if abs(len(c) - len(name)) <= limit and distance(name, c) <= limit]
    if prefer:
        fitting = [x for x in close if kinds[x[1]] in prefer]
        close = fitting or close
    if not close:
        return []
    best = min(d for d, _ in close)
    return [c for d, c in close if d == best][:2]


def did_you_mean_kind(name: str, kinds: dict[str, str], prefer: set[str] | None = None
                      ) -> tuple[str, str] | tuple[None, None]:
    """``did_you_mean_both`` that knows the kind of each name and which kinds fit.

    >>> did_you_mean_kind("核x", {"核单": "document", "核对": "step", "核实": "step"}, {"step"})
    ('did you mean “核实” or “核对”?', '你是不是想写“核实”或“核对”？')
    """
    found = suggestions(name, kinds, prefer)
    if not found:
        return None, None
    return ("did you mean " + " or ".join(f"“{s}”" for s in found) + "?",
            "你是不是想写" + "或".join(f"“{s}”" for s in found) + "？")


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


def suggested_names(hint: str | None) -> list[str]:
    """The names a did-you-mean hint of this module suggests (for an editor's quick fix).

    >>> suggested_names(did_you_mean_kind("核x", {"核单": "document", "核对": "step", "核实": "step"}, {"step"})[0])
    ['核实', '核对']
    >>> suggested_names("declare it first"), suggested_names(None)
    ([], [])
    """
    import re

    m = re.match(r"did you mean ((?:“[^”]*”(?: or )?)+)\?$", hint or "")
    return re.findall(r"“([^”]*)”", m.group(1)) if m else []
