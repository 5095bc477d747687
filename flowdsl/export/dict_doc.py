"""``Case.dictionary``: the complete data dictionary (typed: a ``model.dictionary.Dictionary``)
with its outputs — ``to_markdown()``, ``to_html()``, ``to_csv()`` and the notebook's
``_repr_html_``.

A process's logic (结构化语言, 判定表, 判定树: issue 13 §2) is shown in its card through
``logic_fragments(case)``: process name -> an HTML fragment (trusted: made by flowdsl,
escaping the student's text itself) and ``logic_markdown(case)`` the same in Markdown.
Both return nothing until the process logic module provides them.
"""

from __future__ import annotations

from ..model.dictionary import Dictionary
from ..model.dictionary_fill import complete


class DataDictionary(Dictionary):
    """The dictionary as the student reads it, every field the diagram says filled in."""

    lang: str = "zh"
    logic_html: dict[str, str] = {}
    logic_md: dict[str, str] = {}

    def to_markdown(self, lang: str | None = None) -> str:
        from .dict_cards import to_markdown

        return to_markdown(self, lang or self.lang, self.logic_md)

    def to_html(self, lang: str | None = None) -> str:
        """A whole printable page (A4)."""
        from .dict_html import page_html

        return page_html(self, lang or self.lang, self.logic_html)

    def to_csv(self, lang: str | None = None) -> bytes:
        from .dict_cards import to_csv

        return to_csv(self, lang or self.lang)

    def _repr_html_(self) -> str:
        from .dict_html import CSS, body_html

        return f"<div class=\"flowdsl-dictionary\"><style>{CSS}</style>{body_html(self, self.lang, self.logic_html)}</div>"


def logic_fragments(case) -> dict[str, str]:
    """Process name -> HTML of its logic description (the §2 module fills this in)."""
    try:
        from . import logic_html as _logic   # provided by the process logic module (issue 13 §2)
    except ImportError:
        return {}
    return _logic.fragments(case)


def logic_markdown(case) -> dict[str, str]:
    try:
        from . import logic_html as _logic
    except ImportError:
        return {}
    return getattr(_logic, "markdown", lambda c: {})(case)


def data_dictionary(case, lang: str = "zh") -> DataDictionary:
    """The complete dictionary of ``case`` (a ``CaseModel``)."""
    d = complete(case)
    return DataDictionary.model_construct(title=d.title, declared=d.declared, entries=d.entries, lang=lang,
                                          logic_html=logic_fragments(case), logic_md=logic_markdown(case))
