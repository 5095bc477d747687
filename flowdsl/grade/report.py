"""The reports: one HTML page per student (marked diagrams, deductions, diagnostics), the
class page (scores, histogram, most common mistakes, links) and grades.csv.

Everything a student wrote is escaped (html.escape) before it reaches a page; the
pages hold no script and no event attributes; the marked diagrams are separate SVG
files shown with ``<img>`` (an image cannot run scripts, and every diagram keeps its own
ids). grades.csv is UTF-8 with a BOM so that Excel and WPS open it as is.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from html import escape

from .score import criterion_name

T = {
    "zh": {"score": "得分", "student": "学生", "status": "状态", "max": "满分", "criterion": "评分项",
           "lost": "扣分", "reason": "原因", "where": "位置", "deductions": "扣分明细", "none": "没有扣分",
           "diagrams": "批改后的图", "diagnostics": "flowdsl 检查结果", "back": "返回全班成绩",
           "legend_missing": "缺少（答案中有）", "legend_wrong": "错误", "legend_extra": "题目没有要求",
           "manual": "需要老师查看：文件有无法读取的部分，分数只按能读出的内容给出。",
           "error": "批改失败，请老师查看。", "class": "全班成绩", "histogram": "分数分布",
           "mistakes": "最常见的错误", "count": "人数", "mean": "平均分", "median": "中位数",
           "graded": "已批改", "manual_s": "需查看", "error_s": "失败", "students": "人",
           "nodiagram": "没有可画的图"},
    "en": {"score": "Score", "student": "Student", "status": "Status", "max": "Max", "criterion": "Criterion",
           "lost": "Lost", "reason": "Reason", "where": "Where", "deductions": "Deductions", "none": "No deductions",
           "diagrams": "Marked diagrams", "diagnostics": "flowdsl diagnostics", "back": "Back to the class",
           "legend_missing": "missing (in the answer)", "legend_wrong": "wrong", "legend_extra": "not asked for",
           "manual": "The teacher should look: part of the file cannot be read; the score counts what could be.",
           "error": "Grading failed; the teacher should look.", "class": "Class results", "histogram": "Scores",
           "mistakes": "Most common mistakes", "count": "Students", "mean": "Mean", "median": "Median",
           "graded": "graded", "manual_s": "manual", "error_s": "error", "students": "students",
           "nodiagram": "nothing to draw"},
}

CSS = """body{font-family:"Noto Sans CJK SC","Source Han Sans SC","Microsoft YaHei",sans-serif;margin:24px;color:#222}
table{border-collapse:collapse;margin:8px 0}th,td{border:1px solid #bbb;padding:3px 8px;text-align:left;vertical-align:top}
th{background:#f0f0f0;white-space:nowrap}td.num{text-align:right}.manual{color:#b26a00}.error{color:#c62828}
figure{margin:12px 0}figure img{max-width:100%;border:1px solid #ddd}
.legend span{display:inline-block;margin-right:16px}.sw{display:inline-block;width:28px;height:0;vertical-align:middle;margin-right:4px}
.sw-missing{border-top:3px dashed #1565c0}.sw-wrong{border-top:3px solid #d32f2f}.sw-extra{border-top:3px solid #ef6c00}
.score{font-size:150%;font-weight:bold}pre{white-space:pre-wrap}"""


def _page(title: str, body: str, lang: str) -> str:
    return (f'<!DOCTYPE html>\n<html lang="{"zh-CN" if lang == "zh" else "en"}">\n<head>\n<meta charset="utf-8">\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n<title>{escape(title)}</title>\n'
            f"<style>\n{CSS}\n</style>\n</head>\n<body>\n{body}\n</body>\n</html>\n")


def _status(status: str, t: dict) -> str:
    return {"graded": t["graded"], "manual": t["manual_s"], "error": t["error_s"]}.get(status, status)


def _num(x: float) -> str:
    return f"{x:g}"


def _where(d: dict) -> str:
    return f"{int(d['line'])}:{int(d['column'] or 0)}" if d.get("line") else ""


def student_page(g: dict, figures: list[tuple[str, str]], diagnostics_html: str, lang: str, back: str) -> str:
    """``g``: Grade.to_dict(); ``figures``: (file name, caption) of the marked diagrams."""
    t = T[lang]
    who = escape(g["student"])
    parts = [f'<p><a href="{escape(back)}">← {t["back"]}</a></p>',
             f"<h1>{who}</h1>",
             f'<p class="score">{t["score"]}: {_num(g["score"])} / {_num(g["max"])}</p>']
    if g["status"] in ("manual", "error"):
        parts.append(f'<p class="{g["status"]}">{t[g["status"]]}</p>')
    parts.append(f"<h2>{t['deductions']}</h2>")
    if g["deductions"]:
        rows = "".join(
            f'<tr><td>{escape(criterion_name(d["criterion"], lang))}</td><td class="num">{d["lost"]:.2f}</td>'
            f'<td>{escape(d["reason"] if lang == "zh" else d["reason_en"])}</td>'
            f'<td>{_where(d)}</td></tr>' for d in g["deductions"])
        parts.append(f"<table><thead><tr><th>{t['criterion']}</th><th>{t['lost']}</th><th>{t['reason']}</th>"
                     f"<th>{t['where']}</th></tr></thead><tbody>{rows}</tbody></table>")
    else:
        parts.append(f"<p>{t['none']}</p>")
    parts.append(f"<h2>{t['diagrams']}</h2>")
    parts.append(f'<p class="legend"><span><i class="sw sw-missing"></i>{t["legend_missing"]}</span>'
                 f'<span><i class="sw sw-wrong"></i>{t["legend_wrong"]}</span>'
                 f'<span><i class="sw sw-extra"></i>{t["legend_extra"]}</span></p>')
    for src, caption in figures:
        parts.append(f'<figure><img src="{escape(src)}" alt="{escape(caption)}"><figcaption>{escape(caption)}'
                     f"</figcaption></figure>")
    if not figures:
        parts.append(f"<p>{t['nodiagram']}</p>")
    if diagnostics_html:
        parts.append(f"<h2>{t['diagnostics']}</h2>\n{diagnostics_html}")
    return _page(f"{g['student']} — {_num(g['score'])}/{_num(g['max'])}", "\n".join(parts), lang)


def _histogram(scores: list[float], top: float, t: dict) -> str:
    """An inline SVG bar chart, one bar per mark (scores rounded down), drawn by us."""
    n = int(top) + 1
    counts = [0] * n
    for s in scores:
        counts[min(n - 1, max(0, int(s)))] += 1
    peak = max(counts) or 1
    bw, h, pad = 36, 160, 24
    bars = []
    for i, c in enumerate(counts):
        bh = h * c / peak
        x = pad + i * bw
        bars.append(f'<rect x="{x + 3}" y="{pad + h - bh:.1f}" width="{bw - 6}" height="{bh:.1f}" fill="#5c85d6"/>'
                    f'<text x="{x + bw / 2}" y="{pad + h + 16}" text-anchor="middle" font-size="12">{i}</text>'
                    + (f'<text x="{x + bw / 2}" y="{pad + h - bh - 4:.1f}" text-anchor="middle" font-size="12">{c}</text>'
                       if c else ""))
    w = pad * 2 + n * bw
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h + pad * 2 + 10}" role="img" '
            f'aria-label="{escape(t["histogram"])}">{"".join(bars)}'
            f'<line x1="{pad}" y1="{pad + h}" x2="{w - pad}" y2="{pad + h}" stroke="#333"/></svg>')


def class_page(rows: list[dict], lang: str) -> str:
    """``rows``: Grade.to_dict() with an added "page" (relative link to the student's page)."""
    t = T[lang]
    scores = sorted(r["score"] for r in rows if r["status"] != "error")
    top = max((r["max"] for r in rows), default=10)
    mean = sum(scores) / len(scores) if scores else 0.0
    median = (scores[len(scores) // 2] + scores[(len(scores) - 1) // 2]) / 2 if scores else 0.0
    body = [f"<h1>{t['class']}</h1>",
            f"<p>{len(rows)} {t['students']} · {t['mean']} {mean:.2f} · {t['median']} {_num(median)}</p>",
            f"<h2>{t['histogram']}</h2>", _histogram(scores, top, t)]
    mistakes = Counter()
    for r in rows:
        for reason in dict.fromkeys((d["criterion"], d["reason"] if lang == "zh" else d["reason_en"])
                                    for d in r["deductions"]):
            mistakes[reason] += 1
    if mistakes:
        items = "".join(f'<tr><td>{escape(criterion_name(c, lang))}</td><td>{escape(reason)}</td>'
                        f'<td class="num">{n}</td></tr>'
                        for (c, reason), n in sorted(mistakes.items(), key=lambda kv: (-kv[1], kv[0]))[:15])
        body += [f"<h2>{t['mistakes']}</h2>",
                 f"<table><thead><tr><th>{t['criterion']}</th><th>{t['reason']}</th><th>{t['count']}</th></tr></thead>"
                 f"<tbody>{items}</tbody></table>"]
    trs = "".join(
        f'<tr><td><a href="{escape(r["page"])}">{escape(r["student"])}</a></td><td class="num">{_num(r["score"])}</td>'
        f'<td class="num">{_num(r["max"])}</td><td class="{escape(r["status"])}">{escape(_status(r["status"], t))}</td>'
        f'<td class="num">{len(r["deductions"])}</td></tr>' for r in rows)
    body += [f"<h2>{t['score']}</h2>",
             f"<table><thead><tr><th>{t['student']}</th><th>{t['score']}</th><th>{t['max']}</th><th>{t['status']}</th>"
             f"<th>{t['deductions']}</th></tr></thead><tbody>{trs}</tbody></table>"]
    return _page(t["class"], "\n".join(body), lang)


def grades_csv(rows: list[dict], lang: str = "zh") -> bytes:
    """student, score, max, status, deductions joined — UTF-8 with BOM, CRLF (Excel/WPS)."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(["student", "score", "max", "status", "deductions"])
    for r in rows:
        ded = "; ".join(f'{d["reason"] if lang == "zh" else d["reason_en"]} (-{d["lost"]:g})' for d in r["deductions"])
        w.writerow([_csv_safe(r["student"]), _num(r["score"]), _num(r["max"]), r["status"], _csv_safe(ded)])
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


def _csv_safe(text: str) -> str:
    """A cell a spreadsheet will not run as a formula (=, +, -, @ first)."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text
