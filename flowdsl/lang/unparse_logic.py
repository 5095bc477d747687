"""Process logic (处理逻辑说明) model → text, for :mod:`flowdsl.lang.unparse` (``to_text``)
and the shared word quoting of :mod:`flowdsl.lang.format_logic`."""

from __future__ import annotations

import re

KEYWORDS = {
    "en": {"logic": "logic", "table": "table", "tree": "tree", "structured": "structured",
           "condition": "condition", "action": "action", "if": "if", "then": "then", "else": "else",
           "foreach": "foreach", "do": "do", "repeat": "repeat", "until": "until"},
    "zh": {"logic": "处理逻辑说明", "table": "判定表", "tree": "判定树", "structured": "结构化语言",
           "condition": "条件", "action": "动作", "if": "如果", "then": "则", "else": "否则",
           "foreach": "对每个", "do": "执行", "repeat": "重复", "until": "直到"},
}
_WORD = re.compile(r"\w[\w.]*")
_MARK = re.compile(r"[—–✓√✔×✗*]|-")


def _reserved() -> set[str]:
    """The spellings of the logic keywords: the only keywords a logic block's states accept."""
    from .keywords import keyword_spellings

    spell = keyword_spellings()
    return {w for k in KEYWORDS["en"].values() for w in spell.get(k, (k,))}


def word(text: str) -> str:
    """A word of a logic statement: bare when it reads back as the same word, else quoted."""
    if _WORD.fullmatch(text) and text not in _reserved():
        return text
    return quote(text)


def quote(text: str) -> str:
    """A STRING token for ``text``: ``"`` and ``\\`` escaped, line breaks as ``\\n``
    (``flowdsl.lang.unparse.quote`` is this function).

    >>> quote('他说"好"\\n')
    '"他说\\\\"好\\\\"\\\\n"'
    """
    out = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t")
    return f'"{out}"'


def entry(text: str) -> str:
    """A decision table entry: a mark (— √ ×) as it is, else a word."""
    return text if _MARK.fullmatch(text) else word(text)


def sentence(words: list[str]) -> str:
    """A sentence of structured English, word by word."""
    return " ".join(word(w) for w in words)


class LogicWriter:
    def __init__(self, lang: str, emit, label) -> None:
        self.kw = KEYWORDS[lang]
        self.emit = emit
        self.label = label
        self.sep = "、" if lang == "zh" else ", "
        self.colon = "：" if lang == "zh" else ":"

    def block(self, pl) -> None:
        second = f" {pl.written_name}" if pl.written_name else ""
        self.emit(0, f"{self.kw['logic']} {pl.process}{second}{self.label(pl.title)} {{")
        for part in pl.parts:
            getattr(self, part.kind)(part)
        self.emit(0, "}")

    def _head(self, kw: str, name, title) -> str:
        return f"{self.kw[kw]}{' ' + word(name) if name else ''}{self.label(title)} {{"

    def table(self, t) -> None:
        self.emit(1, self._head("table", t.name, t.title))
        for kw, rows in (("condition", t.conditions), ("action", t.actions)):
            for r in rows:
                cells = "".join(" " + entry(e) for e in r.entries)
                self.emit(2, f"{self.kw[kw]} {word(r.text)}{self.colon}{cells}")
        self.emit(1, "}")

    def tree(self, t) -> None:
        self.emit(1, self._head("tree", t.name, t.title))
        self.branches(2, t.root)
        self.emit(1, "}")

    def branches(self, depth: int, node) -> None:
        if node.condition is not None:
            self.emit(depth, f"{self.kw['condition']} {word(node.condition)}")
        for ch in node.children:
            label = word(ch.label) if ch.label is not None else ""
            if ch.actions is not None:
                acts = self.sep.join(word(a) for a in ch.actions)
                self.emit(depth, " ".join(x for x in (label, "->" if acts else "", acts) if x))
            else:
                self.emit(depth, f"{label} {{".lstrip())
                self.branches(depth + 1, ch)
                self.emit(depth, "}")

    def english(self, se) -> None:
        self.emit(1, f"{self.kw['structured']}{self.label(se.title)} {{")
        self.statements(2, se.body)
        self.emit(1, "}")

    def statements(self, depth: int, body) -> None:
        kw = self.kw
        for s in body:
            text = sentence(s.words)
            head = {
                "do": text, "until": f"{kw['until']} {text}", "repeat": kw["repeat"], "else": kw["else"],
                "if": f"{kw['if']} {text}" + (f" {kw['then']}" if s.keyword else ""),
                "elif": f"{kw['else']} {kw['if']} {text}" + (f" {kw['then']}" if s.keyword else ""),
                "for": f"{kw['foreach']} {text}" + (f" {kw['do']}" if s.keyword else ""),
            }[s.kind]
            if s.body is None:
                self.emit(depth, head)
            else:
                self.emit(depth, head + " {")
                self.statements(depth + 1, s.body)
                self.emit(depth, "}")
