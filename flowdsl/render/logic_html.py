"""Process logic as HTML: structured English as indented text with its keywords in bold
(结构化语言, the form textbooks print it in), and a printable A4 page holding a logic part.

:func:`structured_english_html` takes the model (``flowdsl.model.logic.StructuredEnglish``)
and returns a fragment with inline styles, so that any page (the data dictionary's
处理逻辑 card) can embed it as it is.
"""

from __future__ import annotations

from .quote import xml_escape
from .symbols import FONT_FAMILY

KEYWORD_STYLE = "font-weight:bold;color:#0b4f8a"


def lines_html(lines) -> str:
    """Indented lines (``views.logic.SeLine``) as an HTML fragment."""
    out = ['<div class="flowdsl-structured-english" style="font-family:' + xml_escape(FONT_FAMILY)
           + ';line-height:1.7;margin:0.5em 0">']
    for ln in lines:
        kw = f'<span class="kw" style="{KEYWORD_STYLE}">{xml_escape(ln.keyword)}</span> ' if ln.keyword else ""
        tail = f' <span class="kw" style="{KEYWORD_STYLE}">{xml_escape(ln.tail)}</span>' if ln.tail else ""
        out.append(f'<div class="se-line" style="padding-left:{2 * ln.depth}em">{kw}{xml_escape(ln.text)}{tail}</div>')
    out.append("</div>")
    return "\n".join(out)


def structured_english_html(se, lang: str = "zh") -> str:
    """Structured English (the model) as an HTML fragment: one line per statement,
    indented by nesting, keywords (如果 / 则 / 否则 / 对每个 … or IF / THEN / ELSE …) in bold."""
    from ..views.logic import english_view

    return lines_html(english_view(se, "", "", lang).lines)


def page(title: str, body: str, lang: str = "zh") -> str:
    """A printable page (A4, 15 mm margins) holding ``body``."""
    return ("<!DOCTYPE html>\n"
            f'<html lang="{"zh-CN" if lang == "zh" else "en"}"><head><meta charset="utf-8">'
            f"<title>{xml_escape(title)}</title>"
            "<style>@page{size:A4;margin:15mm}body{font-family:" + xml_escape(FONT_FAMILY)
            + ";font-size:11pt;color:#1a1a1a;margin:2em}h1{font-size:14pt}"
            "@media print{body{margin:0}}</style></head>\n"
            f"<body>\n<h1>{xml_escape(title)}</h1>\n{body}\n</body></html>\n")


def view_html(view, svg: str | None = None) -> str:
    """A logic view as a printable HTML page: a table as a table, structured English as
    text, a tree as its SVG (``svg``, drawn by the caller)."""
    from .logic_table import table_html

    if view.kind == "table":
        body = table_html(view)
    elif view.kind == "english":
        body = lines_html(view.lines)
    else:
        from .logic_tree import inline_svg

        body = inline_svg(svg) if svg else ""
    return page(view.title, body, view.lang)
