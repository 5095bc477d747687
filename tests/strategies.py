"""Hypothesis strategies that write *valid* flowdsl files, grammar-aware.

``flow_files()`` draws a whole file: an optional case line, title, options and
severity settings, then one or two business charts (业务流程图) with units, external
units, documents, reports, ledgers, collections, steps and decisions with attributes
(by / reads / writes / makes / module / control), chains with plain and labelled
info and goods arrows, start/end, lanes and a title block. Every keyword is drawn
from its English and Chinese spellings, punctuation from its half- and full-width
forms, statement ends from newline / CRLF / ";" / "；", names from Chinese and
ASCII alphabets. The file is valid by construction: no error-severity diagnostic
(names declared once, references of the right kind, every decision with two
labelled outcomes, start/end only at the ends of a flow). Warnings may occur.

``mutations(text)`` draws a damaged variant of a text (byte flips, truncation,
inserted tokens, random Unicode) for the robustness fuzzing.
"""

from __future__ import annotations

import importlib.util
from functools import lru_cache
import re

from hypothesis import strategies as st

HAVE_DFD = importlib.util.find_spec("flowdsl.model.lower_dfd") is not None

KW = {
    "case": ["case", "案例"], "chart": ["chart", "业务流程图", "业务图"],
    "unit": ["unit", "单位"], "external": ["external", "外部单位"],
    "document": ["document", "单据"], "report": ["report", "报表"],
    "ledger": ["ledger", "file", "账簿", "帐簿", "台账", "台帐", "档案"],
    "collect": ["collect", "收集", "统计"], "step": ["step", "步骤", "处理"],
    "decision": ["decision", "判断"], "by": ["by", "由"], "reads": ["reads", "读取"],
    "writes": ["writes", "写入"], "makes": ["makes", "产生"], "module": ["module", "模块"],
    "control": ["control", "控制点"], "lanes": ["lanes", "泳道"],
    "vertical": ["vertical", "纵向"], "horizontal": ["horizontal", "横向"],
    "block": ["block", "图框"], "title": ["title", "标题"], "option": ["option", "选项"],
    "severity": ["severity", "级别"], "start": ["start", "开始"], "end": ["end", "结束"],
    "dfd": ["dfd", "数据流程图", "数据流图"], "entity": ["entity", "外部实体"],
    "store": ["store", "数据存储"], "process": ["process", "处理逻辑", "加工"],
    "define": ["define", "定义"], "at": ["at", "位于"],
}
KEYWORDS = {w for words in KW.values() for w in words}

ZH = "采购部供应商检验人员库房管理主审核单据流水订货验收发票财务科仓库销售客户计划生产车间质检出入登记汇总报告学生教师请假"
ASCII = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
#: text inside quoted labels: anything but the quote/backslash (added as escapes)
LABEL_ALPHABET = st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters='"\\“”')

OPTIONS = [("unit_shape", ("circle", "box", "圆形", "矩形")), ("单位形状", ("圆", "rectangle")),
           ("decisions", ("arrow", "diamond", "菱形")), ("direction", ("TB", "LR", "纵向")),
           ("方向", ("横向", "vertical"))]
LEVELS = ["warning", "off", "警告", "关闭", "忽略"]  # not error: that would fail valid files
CHART_CODES = ["FD202", "FD203", "FD204", "FD205", "FD206"]


@lru_cache(maxsize=None)
def ints(low: int, high: int):
    return st.integers(low, high)


def pick(seq):
    """``sampled_from`` with the strategy cached per sequence (building strategies
    inside ``draw`` calls dominates the generation time otherwise)."""
    return _pick(tuple(seq))


@lru_cache(maxsize=4096)
def _pick(seq: tuple):
    return st.sampled_from(seq)


BOOL = st.booleans()


def kw(key: str):
    return pick(KW[key])


zh_names = st.text(alphabet=ZH, min_size=1, max_size=6)
ascii_names = st.builds(lambda a, b: a + b, st.text(ASCII, min_size=1, max_size=1),
                        st.text(ASCII + "0123456789_", max_size=8))
names = st.one_of(zh_names, ascii_names, st.builds(lambda a, b: a + "_" + b, zh_names, ascii_names)
                  ).filter(lambda n: n not in KEYWORDS)
#: names the lexer reads as NAME, never as an ID (P3.1, ab12)
ID_RE = re.compile(r"[A-Za-z]{0,2}[0-9]+(\.[0-9]+)*")
word_names = names.filter(lambda n: not ID_RE.fullmatch(n))


@lru_cache(maxsize=None)
def _label_text(max_size: int):
    return st.text(LABEL_ALPHABET, min_size=1, max_size=max_size)


@st.composite
def quoted(draw, max_size: int = 20) -> str:
    """A STRING token: "…" with escapes, or “…” (Chinese quotes)."""
    body = draw(_label_text(max_size))
    if draw(BOOL):
        return "“" + body + "”"
    extra = draw(pick(["", '\\"', "\\\\", "\\n"]))
    return '"' + body + extra + '"'


quoted_8, quoted_10, quoted_12, quoted_20 = quoted(8), quoted(10), quoted(12), quoted(20)

CONTROL_MARKS = st.one_of(names, quoted_8, st.sampled_from(["C1", "P3.1"]))
FLOW_LABELS = st.one_of(names, quoted_10, st.builds(lambda i, n: f"{i} {n}", st.sampled_from(["F1", "F3.2", "1.1"]), word_names))
BLOCK_FIELDS = st.lists(st.tuples(names, quoted_12), min_size=1, max_size=4)


def sep(draw, choices=(",", "，", "、", ", ")) -> str:
    return draw(pick(choices))


def ws(draw) -> str:
    return draw(pick([" ", " ", "  ", "\t", "\u3000", " \t"]))


def eol(draw) -> str:
    return draw(pick(["\n", "\n", "\n", "\r\n", ";", "；", "\n\n", "  # 注释\n", " // c\n"]))


@st.composite
def unique_names(draw, n: int, taken: set) -> list[str]:
    out = []
    for _ in range(n):
        name = draw(names)
        if name in taken:
            name += str(len(taken))
        taken.add(name)
        out.append(name)
    return out


def decl(draw, key: str, name: str) -> str:
    label = f" {draw(quoted_20)}" if draw(BOOL) else ""
    return f"{draw(kw(key))}{ws(draw)}{name}{label}"


@st.composite
def charts(draw, name: str | None = None) -> str:
    """One valid business chart block."""
    taken: set = set()
    name = name or draw(unique_names(1, set()))[0]
    taken.add(name)
    units = draw(unique_names(draw(ints(1, 4)), taken))
    externals = draw(unique_names(draw(ints(0, 2)), taken))
    docs = draw(unique_names(draw(ints(0, 3)), taken))
    ledgers = draw(unique_names(draw(ints(0, 2)), taken))
    collects = draw(unique_names(draw(ints(0, 1)), taken))
    steps = draw(unique_names(draw(ints(1, 6)), taken))
    decisions = draw(unique_names(draw(ints(0, 2)), taken))
    all_units = units + externals
    lines: list[str] = []
    lines += [decl(draw, "unit", u) for u in units]
    lines += [decl(draw, "external", u) for u in externals]
    lines += [decl(draw, draw(pick(["document", "report"])), d) for d in docs]
    lines += [decl(draw, "ledger", x) for x in ledgers]
    lines += [decl(draw, "collect", x) for x in collects]

    has_lanes = draw(BOOL)

    def attrs() -> str:
        out = ""
        if has_lanes or draw(BOOL):  # in swimlanes every step needs its unit
            out += f" {draw(kw('by'))} {draw(pick(all_units))}"
        for key, pool in (("reads", ledgers + collects + docs), ("writes", ledgers + collects),
                          ("makes", docs)):
            if pool and draw(BOOL):
                chosen = draw(st.lists(pick(pool), min_size=1, max_size=3, unique=True))
                out += f" {draw(kw(key))} " + "".join(
                    (sep(draw) if i else "") + c for i, c in enumerate(chosen))
        for key in ("module", "control"):
            if draw(ints(0, 4)) == 0:
                out += f" {draw(kw(key))} " + draw(CONTROL_MARKS)
        return out

    lines += [decl(draw, "step", s) + attrs() for s in steps]
    lines += [decl(draw, "decision", d) + attrs() for d in decisions]
    everything = all_units + docs + ledgers + collects + steps + decisions

    def arrow(labelled: bool = False) -> str:
        goods = draw(BOOL)
        if not labelled and draw(BOOL):
            return draw(pick(["=>", "⇒"] if goods else ["->", "→"]))
        lb, rb = draw(pick([("[", "]"), ("【", "】")]))
        label = draw(FLOW_LABELS)
        tail = draw(pick(["=>", "⇒"] if goods else ["->", "→"]))
        return ("=" if goods else "-") + lb + label + rb + tail

    def chain(first: str | None = None, labelled_first: bool = False) -> str:
        n = draw(ints(1, 4))
        points = [first or draw(pick(everything))]
        points += [draw(pick(everything)) for _ in range(n)]
        if first is None and draw(ints(0, 3)) == 0:
            points[0] = draw(kw("start"))
        if draw(ints(0, 3)) == 0:
            points[-1] = draw(kw("end"))
        out = points[0]
        for i, p in enumerate(points[1:]):
            out += ws(draw) + arrow(labelled_first and i == 0) + ws(draw) + p
        return out

    for d in decisions:  # two outcomes with different labels
        first, second = draw(st.lists(names, min_size=2, max_size=2, unique=True))
        lines.append(f"{d} -[{first}]-> {draw(pick(everything))}")
        lines.append(f"{d} =【{second}】=> {draw(pick(everything))}")
    lines += [chain() for _ in range(draw(ints(1, 5)))]
    if has_lanes:
        lanes = f"{draw(kw('lanes'))}"
        if draw(BOOL):
            lanes += " " + draw(kw(draw(pick(["vertical", "horizontal"]))))
        if draw(BOOL):
            chosen = draw(st.lists(pick(all_units), min_size=1, unique=True))
            lanes += draw(pick([": ", "：", " "])) + sep(draw).join(chosen)
        lines.append(lanes)
    if draw(BOOL):
        fields = draw(BLOCK_FIELDS)
        colon = draw(pick([":", "："]))
        lines.append(f"{draw(kw('block'))} {{\n" + "\n".join(f"  {k}{colon} {v}" for k, v in fields) + "\n}")
    if draw(BOOL):
        lines.append(f"{draw(kw('title'))} {draw(quoted_20)}")
    if draw(ints(0, 3)) == 0:
        key, values = draw(pick(OPTIONS))
        lines.append(f"{draw(kw('option'))} {key} {draw(pick(['=', '＝', ':', '：']))} {draw(pick(values))}")
    lines = draw(st.permutations(lines)) if draw(ints(0, 4)) == 0 else lines
    head = f"{draw(kw('chart'))} {name}" + (f" {draw(quoted_20)}" if draw(BOOL) else "") + " {"
    body = "".join(ws(draw) + line + eol(draw) for line in lines)
    return head + eol(draw).replace(";", "\n").replace("；", "\n") + body + "}"


@st.composite
def flow_files(draw, max_charts: int = 2) -> str:
    """A whole valid file (one or more charts, case line, options, severities)."""
    parts: list[str] = []
    if draw(BOOL):
        parts.append(f"# {draw(st.text(LABEL_ALPHABET, max_size=20))}")
    if draw(BOOL):
        parts.append(f"{draw(kw('case'))} {draw(names)}" + (f" {draw(quoted_20)}" if draw(BOOL) else ""))
    if draw(ints(0, 3)) == 0:
        parts.append(f"{draw(kw('severity'))} {draw(pick(CHART_CODES))} {draw(pick(LEVELS))}")
    chart_names = draw(st.lists(names, min_size=1, max_size=max_charts, unique=True))
    for n in chart_names:
        parts.append(draw(charts(n)))
    return draw(pick(["\n", "\n\n", "\r\n"])).join(parts) + draw(pick(["", "\n", "\r\n"]))


# ------------------------------------------------------------------- DFD blocks
@st.composite
def dfd_blocks(draw, depth: int = 2) -> str:
    """A DFD block with entities, stores, processes nested ``depth`` deep and flows.
    Drawn for the crash fuzzing (DFD rules are not all known here: it is not
    promised free of DFD diagnostics)."""
    taken: set = set()
    name = draw(unique_names(1, taken))[0]

    def body(level: int, prefix: str) -> list[str]:
        out: list[str] = []
        ents = [f"E{prefix}{i}" for i in range(1, draw(ints(0, 2)) + 1)]
        stores = [f"S{prefix}{i}" for i in range(1, draw(ints(0, 2)) + 1)]
        procs = [f"P{prefix}{i}" for i in range(1, draw(ints(1, 3)) + 1)]
        out += [f"{draw(kw('entity'))} {e} {draw(unique_names(1, taken))[0]}" for e in ents]
        out += [f"{draw(kw('store'))} {s} {draw(unique_names(1, taken))[0]}" for s in stores]
        for p in procs:
            line = f"{draw(kw('process'))} {p} {draw(unique_names(1, taken))[0]}"
            if draw(BOOL):
                line += f" {draw(kw('at'))} {draw(names)}"
            if level < depth and draw(BOOL):
                line += " {\n" + "\n".join(body(level + 1, p[1:] + ".")) + "\n}"
            out.append(line)
        nodes = ents + stores + procs
        for i in range(draw(ints(1, 4))):
            a, b = draw(pick(nodes)), draw(pick(nodes))
            out.append(f"{a} -[F{prefix}{i + 1} {draw(unique_names(1, taken))[0]}]-> {b}")
        return out

    return f"{draw(kw('dfd'))} {name} {{\n" + "\n".join(body(1, "")) + "\n}"


@st.composite
def valid_dfds(draw) -> str:
    """A flat DFD that obeys the connection rules: every flow joins a process to an
    entity, a store or another process; every process has an input and an output;
    no flow loops on one element; IDs unique."""
    taken: set = set()
    name = draw(unique_names(1, taken))[0]
    ents = [(f"E{i}", n) for i, n in enumerate(draw(unique_names(draw(ints(1, 3)), taken)), 1)]
    stores = [(f"S{i}", n) for i, n in enumerate(draw(unique_names(draw(ints(0, 2)), taken)), 1)]
    procs = [(f"P{i}", n) for i, n in enumerate(draw(unique_names(draw(ints(1, 4)), taken)), 1)]
    lines = [f"{draw(kw('entity'))} {i} {n}" + (f" {draw(quoted_10)}" if draw(BOOL) else "") for i, n in ents]
    lines += [f"{draw(kw('store'))} {i} {n}" for i, n in stores]
    lines += [f"{draw(kw('process'))} {i} {n}" + (f" {draw(kw('at'))} {draw(names)}" if draw(BOOL) else "")
              for i, n in procs]
    flows: list[tuple[str, str]] = []
    for p, _ in procs:
        others = [x for x, _ in ents + stores + procs if x != p]
        flows.append((draw(pick(others)), p))
        flows.append((p, draw(pick(others))))
    for k, (a, b) in enumerate(flows, 1):
        ident = draw(pick([a, b]))  # refer to elements by ID or by name
        lookup = dict(ents + stores + procs)
        a_ref = a if draw(BOOL) else lookup[a]
        b_ref = b if ident == b else lookup[b]
        lines.append(f"{a_ref} -[F{k} {draw(unique_names(1, taken))[0]}]-> {b_ref}")
    head = f"{draw(kw('dfd'))} {name}" + (f" {draw(quoted_20)}" if draw(BOOL) else "") + " {"
    return head + "\n" + "".join(" " + line + draw(pick(["\n", "\r\n", ";"])) for line in lines) + "}\n"


# ------------------------------------------------------------------- mutations
TOKENS = sorted(KEYWORDS - (set() if HAVE_DFD else set(KW["dfd"] + KW["process"] + KW["entity"] + KW["store"]))) + [
    "->", "=>", "-[", "]->", "=[", "]=>", "{", "}", "[", "]", "【", "】", "“", "”", '"', "\\", ":", "：",
    ";", "；", "\n", "\r", "\r\n", "\t", "#", "//", "，", "、", "（", "）", "=", "＝", "+", "|", "P3.1", "F1",
    "3.2.1", "\ufeff", "\u3000", "\x00", "\u202e", "\u200b", "采购部", "x" * 50,
]


@st.composite
def mutations(draw, text: str) -> str:
    """``text`` damaged 1-4 times: byte flips (decoded with replacement), truncation,
    a deleted span, an inserted grammar token or random Unicode."""
    for _ in range(draw(ints(1, 4))):
        kind = draw(pick(["flip", "truncate", "delete", "token", "unicode", "duplicate"]))
        pos = draw(ints(0, len(text)))
        if kind == "flip":
            data = bytearray(text.encode("utf-8"))
            if data:
                i = draw(ints(0, len(data) - 1))
                data[i] ^= 1 << draw(ints(0, 7))
            text = data.decode("utf-8", "replace")
        elif kind == "truncate":
            text = text[:pos]
        elif kind == "delete":
            text = text[:pos] + text[pos + draw(ints(1, 20)):]
        elif kind == "token":
            text = text[:pos] + draw(pick(TOKENS)) + text[pos:]
        elif kind == "unicode":
            text = text[:pos] + draw(st.text(min_size=1, max_size=5)) + text[pos:]
        else:
            end = min(len(text), pos + draw(ints(1, 40)))
            text = text[:end] + text[pos:end] + text[end:]
    return text


# ------------------------------------------------------------------- oracles
def span_problems(text: str, diags) -> list[str]:
    """Diagnostics whose position is not inside ``text`` (1-based lines split at
    "\n" after CR/CRLF are normalised; the line after a final newline is the EOF
    position; a column may point one past the line's last character)."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    bad = []
    for d in diags:
        s = d.span
        where = f"{d.code} {s} {d.message!r}"
        if not (1 <= s.line <= len(lines)):
            bad.append(f"line out of range (1..{len(lines)}): {where}")
            continue
        if not (1 <= s.column <= len(lines[s.line - 1]) + 1):
            bad.append(f"column out of range (1..{len(lines[s.line - 1]) + 1}): {where}")
        if not (s.line <= s.end_line <= len(lines)):
            bad.append(f"end line out of range: {where}")
        elif not (1 <= s.end_column <= len(lines[s.end_line - 1]) + 2) or (s.end_line == s.line and s.end_column < s.column):
            bad.append(f"end column out of range: {where}")
    return bad


def case_problems(text: str, name: str = "fuzz.flow", valid: bool = False):
    """Parse ``text`` and return ``(case, problems)``: every way the result breaks the
    promises (an exception escaping, a diagnostic outside the file or printed under
    the wrong line, an unknown code or severity; with ``valid``, any error)."""
    import flowdsl
    from flowdsl.diagnostics.codes import CODES
    from flowdsl.diagnostics import format_diagnostic, shown_line

    try:
        case = flowdsl.parse(text, name)
    except Exception as e:  # noqa: BLE001 - this is what the fuzzer looks for
        import traceback

        return None, [f"parse raised {type(e).__name__}: {e}\n{traceback.format_exc(limit=-4)}"]
    text = text[1:] if text.startswith("\ufeff") else text  # a BOM is not part of the text
    problems = span_problems(text, case.diagnostics)
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    for d in case.diagnostics:
        if d.code not in CODES or d.severity not in ("error", "warning"):
            problems.append(f"bad code/severity {d.code} {d.severity}")
        try:
            printed = format_diagnostic(d, case.source).split("\n")
        except Exception as e:  # noqa: BLE001
            problems.append(f"format_diagnostic raised {type(e).__name__}: {e}")
            continue
        if not printed[0].startswith(f"{name}:{d.span.line}:{d.span.column}: "):
            problems.append(f"bad header {printed[0]!r}")
        if 1 <= d.span.line <= len(lines) and lines[d.span.line - 1].strip():
            want = f"    {d.span.line} | {shown_line(lines[d.span.line - 1])}"
            if want not in printed:
                problems.append(f"{d.code} at line {d.span.line} printed under another line: {printed[1:2]} != {want!r}")
    if valid:
        problems += [f"{d.code} {d.span.line}:{d.span.column} {d.message}"
                     for d in case.diagnostics if d.severity == "error"]
    return case, problems
