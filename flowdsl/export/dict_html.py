"""The data dictionary as printable HTML (A4): a section per kind, each entry the
textbook's card (a ruled table: 名称 / 编号, 简述, 来源, 去向, 组成, 流量 …). Student text is
always escaped; the only HTML taken as is is a process's logic fragment (``logic_html``,
made by flowdsl itself, e.g. a decision table)."""

from __future__ import annotations

from html import escape

from .dict_cards import card_rows, grouped, kind_title

CSS = """
@page { size: A4; margin: 15mm; }
body { font-family: "Noto Serif CJK SC", "Source Han Serif SC", "SimSun", "Songti SC", serif;
       font-size: 10.5pt; color: #000; margin: 0 auto; max-width: 180mm; line-height: 1.45; }
h1 { font-size: 16pt; text-align: center; margin: 6mm 0 4mm; letter-spacing: 0.2em; }
h2 { font-size: 12.5pt; margin: 6mm 0 2mm; border-bottom: 1.5px solid #000; padding-bottom: 1mm; }
table.card { width: 100%; table-layout: fixed; border-collapse: collapse; margin: 0 0 4mm; break-inside: avoid;
             page-break-inside: avoid; border: 1.5px solid #000; }
table.card caption { caption-side: top; text-align: left; font-weight: bold; padding: 0 0 1mm; }
table.card th, table.card td { border: 0.75px solid #000; padding: 1.2mm 2mm; vertical-align: top;
                               text-align: left; }
table.card col.l { width: 17%; }
table.card col.v { width: 33%; }
table.card th { background: #eee; font-weight: normal; }
table.card td.empty { color: #999; }
table.card td.comp { font-family: "Noto Sans Mono CJK SC", "Sarasa Mono SC", monospace; }
table.card .logic { margin-top: 1.5mm; }
@media print { h2 { break-after: avoid; page-break-after: avoid; } }
"""


def _cell(key: str, text: str, colspan: int) -> str:
    cls = " class=\"comp\"" if key == "composition" and text else (" class=\"empty\"" if not text else "")
    span = f' colspan="{colspan}"' if colspan > 1 else ""
    return f"<td{cls}{span}>{escape(text) if text else '—'}</td>"


def card_html(e, lang: str = "zh", logic_html: str | None = None) -> str:
    """One entry's card. ``logic_html``: a trusted HTML fragment (the process's logic:
    structured English, decision table or tree) shown in its 处理逻辑 row."""
    rows = []
    for row in card_rows(e, lang):
        if len(row) == 1:
            key, lab, text = row[0]
            if key == "logic" and logic_html:
                inner = (escape(text) + "<div class=\"logic\">" if text else "<div class=\"logic\">") + logic_html + "</div>"
                rows.append(f"<tr><th>{escape(lab)}</th><td colspan=\"3\">{inner}</td></tr>")
            else:
                rows.append(f"<tr><th>{escape(lab)}</th>{_cell(key, text, 3)}</tr>")
        else:
            rows.append("<tr>" + "".join(f"<th>{escape(lab)}</th>{_cell(key, text, 1)}" for key, lab, text in row)
                        + "</tr>")
    if logic_html and e.kind == "process" and not any(r[0][0] == "logic" for r in card_rows(e, lang)):
        lab = "处理逻辑" if lang == "zh" else "logic"
        rows.append(f"<tr><th>{lab}</th><td colspan=\"3\"><div class=\"logic\">{logic_html}</div></td></tr>")
    anchor = escape(f"{e.kind}-{e.name}", quote=True)
    cols = '<colgroup><col class="l"><col class="v"><col class="l"><col class="v"></colgroup>'
    return f'<table class="card" id="{anchor}">{cols}\n' + "\n".join(rows) + "\n</table>"


def body_html(dictionary, lang: str = "zh", logic_html: dict[str, str] | None = None) -> str:
    """The sections and cards, without the page around them (a notebook shows this)."""
    logic_html = logic_html or {}
    out = []
    for kind, entries in grouped(dictionary):
        out.append(f"<h2>{escape(kind_title(kind, lang))}</h2>")
        for e in entries:
            out.append(card_html(e, lang, logic_html.get(e.name) if e.kind == "process" else None))
    if not out:
        out.append("<p>（数据字典为空）</p>" if lang == "zh" else "<p>(the data dictionary is empty)</p>")
    return "\n".join(out)


def page_html(dictionary, lang: str = "zh", logic_html: dict[str, str] | None = None) -> str:
    """A whole HTML page, printable on A4."""
    title = dictionary.title or ("数据字典" if lang == "zh" else "Data dictionary")
    return (f'<!DOCTYPE html>\n<html lang="{"zh-CN" if lang == "zh" else "en"}">\n<head>\n<meta charset="utf-8">\n'
            f"<title>{escape(title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n<h1>{escape(title)}</h1>\n"
            + body_html(dictionary, lang, logic_html) + "\n</body>\n</html>\n")
