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


#: Words of MIS course texts that a line break should not cut ("库房相/关人员"). Only
#: their inner character pairs matter: a break between two characters that stand next
#: to each other in one of these words costs extra (see :func:`_best_lines`).
_WORDS = """
采购 订货 订单 供应商 检验 人员 库房 库存 管理员 管理 主管 审核 登记 流水帐 流水账 台帐 台账
帐目 账目 清单 报表 盘存 盘点 查询 信息 用户 需求 编制 货物 货品 合格 退回 退货 图书 新书 编目
分类 编号 入库 出库 收费 收银员 顾客 保安 销售 报损 处理 确认 修改 相关 计划 系统 项目 合同
签订 实施 验收 竣工 维护 升级 评审 立项 审批 可研 可行性 研究 报告 设计 总体 详细 测试 集成
财务 发票 凭证 收款 应收 往来 成本 会计 开票 通知 发货 调拨 仓库 客户 助理 模块 数据 存档
基本 情况 患者 医生 挂号 看诊 药物 发放 结算 评价 反馈 排班 部门 单位 资料 统计 文档 技术
转移 知识 安全 规划 建设 建议 年度 投资 标准 国家 作者 书名 书号 出版社 商品 物资 满足 需要
进行 重新 生成 根据 提交 递交 返回 完成 填写 填制 业务 流程 档案 记录 申请 付款 检查 专家
组织 负责 批准 备案 中长期 发展 单据 存储 外部 实体 逻辑 员工 请假 放行 缴费 要求 清除 定期
""".split()
_BIGRAMS = frozenset(w[i:i + 2] for w in _WORDS for i in range(len(w) - 1))
_GOOD_AFTER = set("，、；：,;:）)」』】")
_GOOD_BEFORE = set("（(「『【")


def _best_lines(toks: list[str], max_em: float, n: int) -> list[list[str]] | None:
    """The best way to cut ``toks`` into ``n`` lines (n ≤ 3), or None when the label is
    too long to try every cut. Lines must fit ``max_em`` and obey the punctuation rules;
    among those, balanced lines win, a cut inside a known word costs extra, and a cut
    after a comma or before an opening bracket costs less."""
    from itertools import combinations

    m = len(toks)
    if n < 2 or n > 3 or m > 48:
        return None
    widths = [text_width(t) for t in toks]
    best: tuple[float, list[list[str]]] | None = None
    for cuts in combinations(range(1, m), n - 1):
        bounds = (0, *cuts, m)
        lines = [toks[a:b] for a, b in zip(bounds, bounds[1:])]
        ws = [sum(widths[a:b]) - (len(toks[b - 1]) - len(toks[b - 1].rstrip())) * 0.3
              for a, b in zip(bounds, bounds[1:])]
        if max(ws) > max_em + 1e-9:
            continue
        if any(line[0][:1] in _NO_LINE_START or line[-1].rstrip()[-1:] in _NO_LINE_END for line in lines[1:]):
            continue
        if lines[0][-1].rstrip()[-1:] in _NO_LINE_END:
            continue
        mean = sum(ws) / n
        cost = sum((w - mean) ** 2 for w in ws)
        for c in cuts:
            left, right = toks[c - 1].rstrip(), toks[c]
            if left[-1:] + right[:1] in _BIGRAMS:
                cost += 3.0
            if left[-1:] in _GOOD_AFTER or right[:1] in _GOOD_BEFORE:
                cost -= 1.0
        if best is None or cost < best[0] - 1e-9:
            best = (cost, lines)
    return best[1] if best else None


def _cuts_word(lines: list[list[str]]) -> bool:
    return any(a[-1].rstrip()[-1:] + b[0][:1] in _BIGRAMS for a, b in zip(lines, lines[1:]))


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
    better = _best_lines(toks, max_em, n) if n > 1 else None
    if better is not None and _cuts_word(better) and n < 3:
        # one more line is better than a word cut in two ("登记流/水帐")
        more = _best_lines(toks, max_em, n + 1)
        if more is not None and not _cuts_word(more):
            better = more
    if better is not None:
        lines = better
    elif n > 1:
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
