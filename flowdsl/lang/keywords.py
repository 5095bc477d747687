"""Keyword spellings: which words are keywords, in which language a file is written, and
a keyword spelt in the other language (for hints and examples in the student's keywords).
"""

from __future__ import annotations

from functools import lru_cache

__all__ = ["keyword_spellings", "keyword_rules", "EXTRA_WORDS", "is_chinese", "keyword_language", "keyword"]


@lru_cache(maxsize=1)
def keyword_spellings() -> dict[str, tuple[str, ...]]:
    """Each keyword spelling -> every spelling of that keyword, English ones first, from
    the grammar (``_k_unit: "unit" | "单位"``), plus start / end and the lane directions."""
    groups = list(keyword_rules().values()) + list(EXTRA_WORDS.values())
    return {w: g for g in groups for w in g}


#: keywords that are not a ``_k_`` rule of the grammar (flow ends, lane directions)
EXTRA_WORDS = {"start": ("start", "开始"), "end": ("end", "结束"),
               "vertical": ("vertical", "纵向"), "horizontal": ("horizontal", "横向")}


@lru_cache(maxsize=1)
def keyword_rules() -> dict[str, tuple[str, ...]]:
    """Each ``_k_`` rule of the grammar (without ``_k_``) -> its spellings, English first.

    >>> keyword_rules()["unit"]
    ('unit', '单位')
    """
    import re

    return {m.group(1): tuple(re.findall(r'"([^"]+)"', m.group(2)))
            for m in re.finditer(r"^_k_(\w+):(.*)$", _grammar(), re.M)}


def is_chinese(word: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in word)


def keyword_language(text: str) -> str:
    """"zh" when more of the file's lines begin with a Chinese keyword than with an
    English one, else "en": hints then show examples in the student's keywords.

    >>> keyword_language("业务流程图 请假 {\\n  单位 员工\\n  unit 主管\\n}")
    'zh'
    >>> keyword_language("chart a {\\n  unit 甲\\n}")
    'en'
    """
    import re

    words = keyword_spellings()
    zh = en = 0
    for m in re.finditer(r"^[ \t\u3000]*([^\s\"“{}]+)", text, re.M):
        w = m.group(1)
        if w in words:
            if is_chinese(w):
                zh += 1
            else:
                en += 1
    return "zh" if zh > en else "en"


def keyword(word: str, lang: str) -> str:
    """``word`` spelt in ``lang``'s keywords: keyword("define", "zh") == "定义".

    >>> keyword("define", "zh"), keyword("单位", "en"), keyword("end", "en")
    ('定义', 'unit', 'end')
    """
    group = keyword_spellings().get(word, (word,))
    want = [w for w in group if is_chinese(w) == (lang == "zh")]
    return want[0] if want else word


def grammar_text() -> str:
    """The Lark grammar (``grammars/flowdsl.lark``): the parser builds on it and the keyword
    spellings are read from it, so it lives here, below the parser. Read as a plain file
    beside the package's ``__init__`` (``importlib.resources`` costs ~5 ms of every cold
    ``check``), through ``importlib.resources`` where the package is not a folder (a zip)."""
    import os
    from importlib.util import find_spec

    try:
        spec = find_spec("flowdsl.grammars")
        with open(os.path.join(os.path.dirname(spec.origin), "flowdsl.lark"), encoding="utf-8") as fh:
            return fh.read()
    except (OSError, TypeError, AttributeError, ImportError):
        from importlib import resources

        return resources.files("flowdsl.grammars").joinpath("flowdsl.lark").read_text(encoding="utf-8")


def _grammar() -> str:
    return grammar_text()
