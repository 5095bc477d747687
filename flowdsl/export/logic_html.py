"""The process logic of each process for the data dictionary's 处理逻辑 card
(``flowdsl.export.dict_doc`` calls :func:`fragments` and :func:`markdown`): structured
English as highlighted indented text, decision tables as tables, decision trees as their
SVG (HTML) or as nested lists (Markdown). Student text is escaped here."""

from __future__ import annotations

from ..render.quote import xml_escape
from ..views.logic import TITLES, logic_parts


def _by_process(case, lang: str):
    out: dict[str, list] = {}
    for pl, part, view in logic_parts(case, lang):
        if pl.process_name:
            out.setdefault(pl.process_name, []).append((part, view))
    return out


def fragments(case, lang: str = "zh") -> dict[str, str]:
    """Process name -> an HTML fragment of all its logic parts, each under its heading."""
    from ..render.logic_html import lines_html
    from ..render.logic_table import table_html
    from ..render.logic_tree import inline_svg, tree_svg

    out = {}
    for name, parts in _by_process(case, lang).items():
        html = []
        for part, view in parts:
            sub = getattr(part, "title", None) or getattr(part, "name", None)
            head = TITLES[lang][view.kind] + (f"{'：' if lang == 'zh' else ': '}{sub}" if sub else "")
            html.append(f'<div class="logic-part"><div class="logic-title" style="font-weight:bold">{xml_escape(head)}</div>')
            if view.kind == "english":
                html.append(lines_html(view.lines))
            elif view.kind == "table":
                html.append(table_html(view))
            else:
                html.append(inline_svg(tree_svg(view, title=False)))
            html.append("</div>")
        out[name] = "\n".join(html)
    return out


def _md(text: str) -> str:
    return text.replace("|", "\\|").replace("*", "\\*").replace("_", "\\_")


def markdown(case, lang: str = "zh") -> dict[str, str]:
    """Process name -> Markdown of its logic parts."""
    out = {}
    for name, parts in _by_process(case, lang).items():
        md: list[str] = []
        for part, view in parts:
            sub = getattr(part, "title", None) or getattr(part, "name", None)
            md.append(f"**{TITLES[lang][view.kind]}**" + (f"：{_md(sub)}" if sub and lang == "zh" else f": {_md(sub)}" if sub else ""))
            md.append("")
            if view.kind == "english":
                for ln in view.lines:
                    kw = f"**{ln.keyword}** " if ln.keyword else ""
                    tail = f" **{ln.tail}**" if ln.tail else ""
                    md.append("&nbsp;" * (4 * ln.depth) + kw + _md(ln.text) + tail + "  ")
            elif view.kind == "table":
                n = max((len(e) for _, e in view.conditions + view.actions), default=0)
                w = view.words
                md.append(f"| {w['rule']} | " + " | ".join(str(j + 1) for j in range(n)) + " |")
                md.append("|---" * (n + 1) + "|")
                for text, entries in view.conditions:
                    md.append(f"| {_md(text)} | " + " | ".join(_md(e) for e in entries) + " |")
                for text, taken in view.actions:
                    md.append(f"| {_md(text)} | " + " | ".join("√" if t else "" for t in taken) + " |")
            else:
                depth = {}
                for n in view.nodes:
                    depth[n.id] = depth[n.parent] + 1 if n.parent else 0
                    if n.parent:
                        label = f"{_md(n.label)} → " if n.label else ""
                        md.append("  " * (depth[n.id] - 1) + f"- {label}{_md(n.text.replace(chr(10), '、'))}")
                    else:
                        md.append(f"{_md(n.text)}")
            md.append("")
        out[name] = "\n".join(md)
    return out
