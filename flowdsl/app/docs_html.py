"""A flowdsl case as a block of HTML for documentation pages: every diagram as inline SVG
(figure and caption), or, when the case has mistakes, its diagnostics as flowdsl prints
them (never a traceback). Shared by the MkDocs / Python-Markdown fence
(``app/mkdocs_fence.py``) and the Sphinx directive (``app/sphinx_ext.py``).

    >>> html = render_html("chart 请假 {\\n  unit 员工\\n  单据 请假单\\n  员工 -> 请假单\\n}")
    >>> html.startswith('<div class="flowdsl">') and "<svg" in html and "<?xml" not in html
    True
    >>> bad = render_html("chart 请假 {\\n  员工 -> 请假单\\n}")
    >>> "error[FD101]" in bad and "<svg" not in bad
    True
"""

from __future__ import annotations

import hashlib
import re

from .display import _esc, diagnostics_html

__all__ = ["render_html", "problem_html", "OPTIONS", "parse_views"]

#: the options a fence or directive takes: name -> what it is
OPTIONS = {
    "views": "diagrams to show, by name, comma-separated (default: all)",
    "lang": "language of the diagnostics: en or zh",
    "notation": "DFD notation: textbook, gane-sarson or yourdon",
    "width": "display width of each diagram (500 or 80%)",
    "strict": "true: warnings count as errors",
}


def parse_views(text: str | None) -> list[str] | None:
    """``"a, b"`` → ``["a", "b"]``; empty → None (every diagram)."""
    names = [v.strip() for v in re.split(r"[,，、]", text or "") if v.strip()]
    return names or None


def problem_html(message: str) -> str:
    return ('<div class="flowdsl-diagnostics"><div class="flowdsl-diagnostic flowdsl-error" '
            'style="border-left:4px solid #c62828;padding:2px 8px;margin:4px 0">'
            f'<pre style="margin:0;white-space:pre-wrap">{_esc(message)}</pre></div></div>')


def _inline(svg: str, prefix: str) -> str:
    """An SVG document as an element of an HTML page: no XML declaration, never wider than
    the page, and its IDs prefixed, so that several diagrams on one page never share an ID."""
    svg = svg[svg.find("<svg"):] if "<svg" in svg else svg
    svg = svg.replace("<svg", '<svg style="max-width:100%;height:auto"', 1)   # a wide diagram fits the page
    return re.sub(r'(<[^>]*\sid=")', r"\1" + prefix, svg)


def render_html(source: str, *, name: str | None = None, views: list[str] | None = None, lang: str = "en",
                notation: str | None = None, width: str | int | None = None, strict: bool = False) -> str:
    """The HTML block of ``source``: its diagnostics (if any), then each diagram (those in
    ``views`` when given) as an inline SVG in a ``<figure>``."""
    import flowdsl

    lang = lang if lang in ("en", "zh") else "en"
    try:
        case = flowdsl.parse(source, name=name, strict=strict, **({"notation": notation} if notation else {}))
    except (TypeError, ValueError) as e:          # a wrong option of the fence or directive
        return f'<div class="flowdsl">{problem_html(f"flowdsl: {e}")}</div>'
    parts = [diagnostics_html(case.diagnostics, case.source, lang=lang)] if case.diagnostics else []
    if case.ok:
        shown = case.views
        if views:
            known = [d.name for d in case.views]
            missing = [v for v in views if v not in known]
            if missing:
                parts.append(problem_html(("没有这些图：" if lang == "zh" else "no diagram named: ")
                                      + ", ".join(missing) + ("；可用：" if lang == "zh" else "; the diagrams: ")
                                      + ", ".join(known)))
            shown = [d for d in case.views if d.name in views]
        for d in shown:
            prefix = "fd" + hashlib.sha1(f"{source}\0{d.name}".encode("utf-8")).hexdigest()[:8] + "-"
            try:
                svg = _inline(d.html(width=width), prefix)
            except Exception as e:                    # Graphviz missing or failing: say so on the page
                parts.append(problem_html(f"flowdsl: could not draw {d.name}: {e}"))
                continue
            parts.append(f'<figure class="flowdsl-diagram">{svg}'
                         f'<figcaption>{_esc(d.title or d.name)}</figcaption></figure>')
    return '<div class="flowdsl">' + "".join(parts) + "</div>"
