"""Text → AST. Owns the Lark parser and turns Lark's exceptions into diagnostics.

The parser is built once per process from ``grammars/flowdsl.lark`` (package data)
with ``parser="lalr"``, ``strict=True`` and positions kept, and Lark's own grammar
cache, so a cold command does not pay for grammar analysis. Nothing here raises on
bad input: ``parse_text`` returns the AST (or ``None``) and a list of diagnostics.
"""

from __future__ import annotations

import os
from functools import lru_cache

from ..diagnostics.diagnostic import Diagnostic, Span
from .._gc import paused
from .keywords import grammar_text, keyword, keyword_language, keyword_spellings
from .larkbase import LARK_OPTIONS, kit
from .syntax import File
from .transform import build_transformer

#: Full-width (or look-alike) characters students type with a Chinese IME, with the
#: character the language expects instead. Those the grammar accepts are not listed.
FULLWIDTH = {
    "－": "-", "—": "-", "–": "-", "＞": ">", "＜": "<", "＝": "=", "［": "[", "］": "]",
    "｛": "{", "｝": "}", "＂": '"', "‘": "'", "’": "'", "＃": "#", "／": "/", "．": ".",
    "＋": "+", "｜": "|", "。": ";", "《": '"', "》": '"', "「": '"', "」": '"',
}

#: How the grammar's terminals are named to a student.
TERMINAL_WORDS = {
    "NAME": "a name", "ID": "an ID such as P3.1", "STRING": 'a quoted text "…"',
    "_NL": "the end of the line", "$END": "the end of the file",
    "LBRACE": "'{'", "RBRACE": "'}'", "_ARROW": "an arrow '->'", "_GARROW": "a goods arrow '=>'",
}
#: The same in Chinese (keywords are listed as they are written).
TERMINAL_WORDS_ZH = {
    "NAME": "名称", "ID": "编号（如 P3.1）", "STRING": '带引号的文字 "…"',
    "_NL": "行尾", "$END": "文件结尾",
    "LBRACE": "'{'", "RBRACE": "'}'", "_ARROW": "箭头 '->'", "_GARROW": "货物箭头 '=>'",
}


def _cache_dir() -> str | None:
    """A folder only this user can write, for the grammar cache (a pickle: it must not
    be one another user could have planted). ``FLOWDSL_CACHE_DIR`` overrides it."""
    def candidates():
        given = os.environ.get("FLOWDSL_CACHE_DIR")
        if given:
            yield given
            return
        xdg = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
        yield os.path.join(xdg, "flowdsl")
        import tempfile   # only when the home cache is unusable (its import costs ~4 ms)

        uid = os.getuid() if hasattr(os, "getuid") else os.getpid()
        yield os.path.join(tempfile.gettempdir(), f"flowdsl-{uid}")

    for d in candidates():
        try:
            os.makedirs(d, mode=0o700, exist_ok=True)
            st = os.stat(d)
            if hasattr(os, "getuid") and (st.st_uid != os.getuid() or st.st_mode & 0o022):
                continue
            if os.access(d, os.W_OK):
                return d
        except OSError:
            continue
    return None


@lru_cache(maxsize=1)
def get_parser():
    """The LALR parser: the stand-alone one shipped in the package when it was made
    from this grammar (:mod:`flowdsl.lang.larkbase`), kept built and ready in the
    user's cache folder by :mod:`flowdsl.lang.parser_cache`, else Lark's, loaded from Lark's
    cache (analysed tables, pickled) when one exists: ~20 ms instead of ~150 ms for
    building from the grammar. Lark checks the cache file's first line, a SHA-256 of
    grammar + options + Lark and Python versions, so a cache from another grammar or
    version is rebuilt, never used; a damaged file is ignored (Lark logs it and builds
    the parser afresh)."""
    k = kit()
    if k.name == "standalone":
        from .parser_cache import load_or_build

        return load_or_build(k.module, k.module.Lark_StandAlone, _cache_dir())
    from lark import Lark

    cache: bool | str = False
    cache_dir = _cache_dir()
    if cache_dir is not None:
        from .._version import __version__

        cache = os.path.join(cache_dir, f"grammar-{__version__}.lark.cache")
    kwargs = dict(LARK_OPTIONS)
    try:
        return Lark(grammar_text(), cache=cache, **kwargs)
    except Exception:  # an unreadable or stale cache file: build without it
        return Lark(grammar_text(), **kwargs)


def strict_parser():
    """The same grammar built with ``strict=True`` (needs interegular): proves that
    no shift/reduce conflict or terminal collision exists. Used by the tests."""
    from lark import Lark

    return Lark(grammar_text(), parser="lalr", propagate_positions=True, maybe_placeholders=False, strict=True)


def _describe(term: str, parser, words: dict[str, str] = TERMINAL_WORDS) -> str:
    if term in words:
        return words[term]
    try:
        pattern = parser.get_terminal(term).pattern
        if pattern.type == "str":
            return f"'{pattern.value}'"
    except Exception:
        pass
    return term.lower()


def _expected_words(expected, parser, lang: str = "en", keywords: str = "en") -> str:
    """What the parser expected, named for a student (``lang="zh"``: in Chinese words).
    Each keyword is named once, spelt as the file's ``keywords`` ("zh": 由, 结束 …), and
    always in Chinese when ``lang="zh"``."""
    spellings = keyword_spellings()
    kw_lang = "zh" if lang == "zh" else keywords
    described: dict[str, str] = {}
    for t in sorted(expected):
        word = _describe(t, parser)
        if word.startswith("'") and word[1:-1] in spellings:
            word = f"'{keyword(word[1:-1], kw_lang)}'"
        described.setdefault(word, t)
    words = sorted(described)
    others = [w for w in words if not w.startswith("'")]
    shown = others + [w for w in words if w.startswith("'")]
    more = len(shown) > 8
    shown = shown[:8]
    if lang == "zh":
        shown = [w if w.startswith("'") else _describe(described[w], parser, TERMINAL_WORDS_ZH) for w in shown]
    return ("、" if lang == "zh" else ", ").join(shown + (["…"] if more else []))


def _acceptable(e, parser) -> set[str]:
    """The terminals that can really follow at the mistake: LALR merges the lookaheads
    of states that look alike (after a title in a DFD ``process`` line it would also
    offer a chart step's ``by`` / ``makes``), so each is tried on a copy of the parser."""
    UnexpectedInput, Token = kit().UnexpectedInput, kit().Token

    ip = getattr(e, "interactive_parser", None)
    if ip is None:
        return set(e.expected)
    terminals = {t.name for t in parser.terminals}
    out = set()
    for t in ip.choices():
        if t not in terminals:
            continue
        try:
            ip.copy().feed_token(Token(t, ""))
        except UnexpectedInput:
            continue
        except Exception:   # pragma: no cover - a terminal Lark cannot feed alone
            out.add(t)
            continue
        out.add(t)
    return out or set(e.expected)


def _token_text(tok) -> str:
    if tok.type == "$END":
        return "unexpected end of file"
    if tok.type == "_NL":
        return "the line ends too early"
    return f"unexpected “{tok}”"


def _token_text_zh(tok) -> str:
    if tok.type == "$END":
        return "文件意外结束"
    if tok.type == "_NL":
        return "这一行提前结束了"
    return f"这里不应出现“{tok}”"


def parse_text(text: str) -> tuple[File | None, list[Diagnostic]]:
    k = kit()
    UnexpectedCharacters, UnexpectedEOF, UnexpectedToken = k.UnexpectedCharacters, k.UnexpectedEOF, k.UnexpectedToken
    parser = get_parser()
    if text.startswith("\ufeff"):
        text = text[1:]
    # Lark counts lines by "\n" only: old Mac "\r" line ends would all be line 1
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    # The tree and the AST are acyclic: pausing the cycle collector while they are
    # built saves its repeated full scans of a growing heap (-30 % on 10,000 lines).
    with paused():
        transformer = build_transformer(k.name)
        fast = _fast_parser(parser, transformer)
        if fast is not None:
            try:
                return fast.parse(text), []
            except Exception:   # a mistake in the text (Fallback), or a surprise: Lark's path says which
                pass
        try:
            tree = parser.parse(text)
        except UnexpectedCharacters as e:
            return None, [_unexpected_char(e, text)]
        except UnexpectedToken as e:
            return None, [_unexpected_token(e, parser, text)]
        except UnexpectedEOF:  # pragma: no cover - LALR reports UnexpectedToken($END)
            lines = _lines(text)
            return None, [Diagnostic("FD001", "error", "the file ended too early",
                                     Span(len(lines), len(lines[-1]) + 1, len(lines), len(lines[-1]) + 2),
                                     message_zh="文件提前结束了")]
        return transformer().transform(tree), []


def _fast_parser(parser, transformer):
    """The one-pass parser of :mod:`flowdsl.lang.fastparse` over ``parser`` (None when
    it does not fit, or ``FLOWDSL_FAST_PARSE=0``: then Lark's tree and Transformer)."""
    if os.environ.get("FLOWDSL_FAST_PARSE", "1").strip().lower() in ("0", "no", "off", "false"):
        return None
    return _fast_parser_of(parser, transformer)


@lru_cache(maxsize=2)
def _fast_parser_of(parser, transformer):
    from .fastparse import fast_parser

    return fast_parser(parser, transformer)


def _lines(text: str) -> list[str]:
    """Lines as Lark counts them (split at "\n" only: ``splitlines`` would also split
    at \v, \f, \x85, \u2028 … and point past the end of the file)."""
    lines = text.split("\n")
    if len(lines) > 1 and lines[-1] == "":
        lines.pop()
    return lines


def _unexpected_char(e, text: str) -> Diagnostic:
    ch = text[e.pos_in_stream] if e.pos_in_stream < len(text) else ""
    span = Span(e.line, e.column, e.line, e.column + 1)
    if ch == '"' or ch == "“":
        close = "”" if ch == "“" else '"'
        return Diagnostic("FD003", "error", "this quoted text is never closed on its line", span,
                          f"add the closing quote {close} before the end of line {e.line}",
                          message_zh="这段带引号的文字在本行没有结束的引号",
                          hint_zh=f"在第 {e.line} 行行尾之前补上右引号 {close}")
    if ch in FULLWIDTH:
        return Diagnostic("FD002", "error", f"full-width character “{ch}” is not allowed here", span,
                          f"type the half-width “{FULLWIDTH[ch]}” instead (switch the IME to English punctuation)",
                          message_zh=f"这里不能使用全角字符“{ch}”",
                          hint_zh=f"请改用半角的“{FULLWIDTH[ch]}”（把输入法切换到英文标点）")
    shown = repr(ch)[1:-1] if not ch.isprintable() else ch
    return Diagnostic("FD002", "error", f"unexpected character “{shown}”", span,
                      "names may use letters, digits, Chinese characters and '_'; put other text in quotes",
                      message_zh=f"无法识别的字符“{shown}”",
                      hint_zh="名称只能由字母、数字、汉字和“_”组成；其他文字请放在引号中")


def _state_number(exc) -> int | None:
    state = getattr(exc, "state", None)
    return getattr(state, "position", state)


def _example_index() -> dict[tuple[int | None, str | None], str]:
    return _example_index_of(get_parser())


@lru_cache(maxsize=2)
def _example_index_of(parser) -> dict[tuple[int | None, str | None], str]:
    """(LALR state, token type) -> label, from the examples below. Lark's own
    ``match_examples`` compares whole parser stacks, so an example would only match a
    mistake at the same nesting depth; the state number alone is what identifies the
    situation ("after a declaration's name, a second bare word"). The state numbers
    are those of ``parser``'s tables (the stand-alone and Lark's differ)."""
    UnexpectedInput = kit().UnexpectedInput
    index: dict[tuple[int | None, str | None], str] = {}
    for label, examples in _EXAMPLES.items():
        for text in (v for ex in examples for v in _spellings(ex)):
            try:
                parser.parse(text)
            except UnexpectedInput as u:
                state = _state_number(u)
                token = getattr(getattr(u, "token", None), "type", None)
                index.setdefault((state, token), label)
                index.setdefault((state, None), label)
    return index


#: Every spelling of each keyword (as in the grammar): each is a terminal of its own, so
#: the parser is in a different state after "外部单位 X" than after "external X".
_SYNONYMS = [
    ("unit", "单位"), ("external", "外部单位"), ("document", "单据"), ("report", "报表"),
    ("ledger", "file", "账簿", "帐簿", "台账", "台帐", "档案"), ("collect", "收集", "统计"),
    ("step", "步骤", "处理"), ("decision", "判断"), ("chart", "业务流程图", "业务图"),
    ("dfd", "数据流程图", "数据流图"), ("entity", "外部实体"), ("store", "数据存储"),
    ("process", "处理逻辑", "加工"), ("case", "案例"), ("by", "由"), ("define", "定义"),
]
_ALTERNATIVES = {group[0]: group for group in _SYNONYMS}


def _spellings(example: str) -> list[str]:
    """The example with its keywords in every spelling (at most a few dozen texts)."""
    import re

    texts = [example]
    for word in dict.fromkeys(re.findall(r"[a-z]+", example)):
        if word in _ALTERNATIVES:
            pattern = re.compile(rf"(?<![\w]){word}(?![\w])")
            texts = [pattern.sub(alt, t) for t in texts for alt in _ALTERNATIVES[word]]
    return texts[:64]


def _example_label(e) -> str | None:
    index = _example_index()
    state = _state_number(e)
    token = getattr(getattr(e, "token", None), "type", None)
    return index.get((state, token)) or index.get((state, None))


#: Mistakes common enough to deserve their own words (matched by parser state).
_EXAMPLES = {
    "a name is missing after the keyword": [
        "chart {", "chart a {\nunit\n}", "chart a {\nstep\n}", "chart a {\nexternal\n}",
        "chart a {\nledger\n}", "chart a {\nreport\n}", "chart a {\ncollect\n}", "chart a {\ndecision\n}",
        "chart a {\ndocument\n}", "chart a {\nstep s by\n}", "dfd a {\nentity\n}",
        "dfd a {\nprocess\n}", "dfd a {\nstore\n}",
    ],
    "an arrow must point to something": [
        "chart a {\na ->\n}", "chart a {\na -[x]->\n}", "dfd a {\na ->\n}",
    ],
    "a chart or diagram needs its body in { … } on the same line": [
        "chart a\n", "业务图 a\n", "dfd a\n", "chart a \"t\"\n",
    ],
    "a title must be in quotes": [
        "chart a b {", "dfd a b {", "chart a {\nunit a b\n}", "chart a {\nexternal a b\n}",
        "chart a {\ndocument a b\n}", "chart a {\nreport a b\n}", "chart a {\nledger a b\n}",
        "chart a {\ncollect a b\n}", "dfd a {\nentity a b c\n}", "dfd a {\nstore a b c\n}",
        "dfd a {\nentity E1 a b\n}", "dfd a {\nstore S1 a b\n}", "dfd a {\nprocess P1 a b\n}",
        "dfd a {\nprocess a b\n}", "chart a {\nstep a b\n}", "chart a {\ndecision a b\n}",
        "case a b\n",
    ],
    "this line is not a statement: a declaration starts with a keyword (unit, step, document …), a flow is 'A -> B'": [
        "chart a {\na\n}", "chart a {\na b\n}",
    ],
}
_EXAMPLES_ZH = {
    "a name is missing after the keyword": "关键字后面缺少名称",
    "an arrow must point to something": "箭头后面缺少它指向的对象",
    "a chart or diagram needs its body in { … } on the same line": "图的内容要写在 { … } 中，“{”与图名写在同一行",
    "a title must be in quotes": "标题要放在引号中",
    "this line is not a statement: a declaration starts with a keyword (unit, step, document …), a flow is 'A -> B'":
        "这一行不是一条语句：声明以关键字开头（单位、步骤、单据……），流程写成“A -> B”",
}


def _unexpected_token(e, parser, text: str) -> Diagnostic:
    tok = e.token
    accepted = _acceptable(e, parser)
    keywords = keyword_language(text)
    expected = _expected_words(accepted, parser, keywords=keywords)
    if tok.type == "$END":
        lines = _lines(text)
        line, col = len(lines), len(lines[-1]) + 1
        span = Span(line, col, line, col + 1)
    else:
        line = tok.line
        col = tok.column
        if tok.type == "_NL":
            # point at the end of the line the statement was on, not the next one
            lines = _lines(text)
            end = len(lines[line - 1]) if line - 1 < len(lines) else col - 1
            col = max(1, end + 1)
            span = Span(line, col, line, col + 1)
        else:
            span = Span(line, col, tok.end_line or line, tok.end_column or col + 1)
    if tok.type == "$END" and "RBRACE" in e.expected:
        return Diagnostic("FD001", "error", "unexpected end of file: a “{” is never closed",
                          span, "add '}' on a line of its own at the end of the chart",
                          message_zh="文件意外结束：有一个“{”没有对应的“}”",
                          hint_zh="在图的末尾单独用一行写上“}”")
    label = _example_label(e)
    msg, msg_zh = _token_text(tok), _token_text_zh(tok)
    if label:
        msg = f"{label} ({msg})"
        msg_zh = f"{_EXAMPLES_ZH.get(label, label)}（{msg_zh}）"
    hint = f"expected {expected}" if expected else None
    hint_zh = f"此处应为：{_expected_words(accepted, parser, 'zh')}" if expected else None
    return Diagnostic("FD001", "error", msg, span, hint, message_zh=msg_zh, hint_zh=hint_zh)
