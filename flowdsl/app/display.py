"""How diagrams and diagnostics show in a notebook: SVG sizing and scaling, and
diagnostics as styled HTML (compiler style, the caret under the mistake). Pure
string work; imported by :mod:`flowdsl.api` and the ``%%flowdsl`` magic."""

from __future__ import annotations

from ..diagnostics.diagnostic import Diagnostic, format_diagnostic


def scale_svg(svg: bytes, scale: float) -> bytes:
    """The SVG ``scale`` times as large: its root ``width``/``height`` multiplied (the
    viewBox, and so the drawing, unchanged).

    >>> scale_svg(b'<svg width="200.00pt" height="100.00pt" viewBox="0 0 200 100">', 0.5)
    b'<svg width="100.00pt" height="50.00pt" viewBox="0 0 200 100">'
    """
    import re

    start = max(svg.find(b"<svg"), 0)
    end = svg.find(b">", start) + 1 or len(svg)
    head = re.sub(rb'\b(width|height)="([0-9.]+)([a-z%]*)"',
                  lambda m: b'%s="%.2f%s"' % (m.group(1), float(m.group(2)) * scale, m.group(3)), svg[start:end], count=2)
    return svg[:start] + head + svg[end:]


def _sized_svg(svg: str, width, height) -> str:
    """The SVG text with its root ``width``/``height`` set for display (the other one
    follows the aspect ratio).

    >>> _sized_svg('<svg width="200pt" height="100pt" viewBox="0 0 200 100">', 500, None)
    '<svg width="500" viewBox="0 0 200 100">'
    """
    import re

    if width is None and height is None:
        return svg
    start = svg.find("<svg")
    end = svg.find(">", start)
    head = re.sub(r'\s(width|height)="[^"]*"', "", svg[start:end])
    size = "".join(f' {k}="{v}"' for k, v in (("width", width), ("height", height)) if v is not None)
    return svg[:start] + head.replace("<svg", "<svg" + size, 1) + svg[end:]


def _esc(text: str) -> str:
    import html

    return html.escape(text, quote=True)


def diagnostics_html(diagnostics: list[Diagnostic], source: str | None = None, lang: str = "en") -> str:
    """Diagnostics as HTML, compiler style (source line, caret, hint), errors red and
    warnings amber, in ``lang`` ("zh": Chinese message and hint; "en": English with the
    code's Chinese summary beside it). Used by notebooks and the ``%%flowdsl`` magic.

    >>> from flowdsl.diagnostics import Span
    >>> html = diagnostics_html([Diagnostic("FD101", "error", "“乙” <undefined>", Span(1, 6, 1, 7))], "甲 -> 乙")
    >>> "error[FD101]" in html and "&lt;undefined&gt;" in html and "     ^^" in html
    True
    """
    from ..diagnostics.codes import CODES
    from ..diagnostics.diagnostic import source_lines

    colors = {"error": "#c62828", "warning": "#b26a00"}
    blocks = []
    lines = source_lines(source) if source is not None else None
    for d in diagnostics:
        text = format_diagnostic(d, source, color=False, lang=lang, lines=lines)
        head, _, rest = text.partition("\n")
        c = colors.get(d.severity, "#333")
        zh = CODES[d.code].summary_zh if d.code in CODES and not (lang == "zh" and d.message_zh) else ""
        blocks.append(
            f'<div class="flowdsl-diagnostic flowdsl-{d.severity}" style="border-left:4px solid {c};'
            f'padding:2px 8px;margin:4px 0"><pre style="margin:0;white-space:pre;font-family:monospace">'
            f'<b style="color:{c}">{_esc(head)}</b>'
            + (f'<span style="color:#777">  ({_esc(zh)})</span>' if zh else "")
            + (f"\n{_esc(rest)}" if rest else "") + "</pre></div>")
    return '<div class="flowdsl-diagnostics">' + "".join(blocks) + "</div>"


def case_html(case) -> str:
    """A ``flowdsl.Case`` in a notebook: its diagnostics, then every diagram (ER too) and
    every 处理逻辑说明, each a figure with its caption."""
    parts = [diagnostics_html(case.diagnostics, case.source)] if case.diagnostics else []
    for d in [*case.diagrams, *case.logic]:
        body = d.html() if hasattr(d, "part") else d._repr_svg_()
        parts.append(f'<figure class="flowdsl-diagram" style="margin:0 0 1em 0">{body}'
                     f'<figcaption style="font-size:90%;color:#555">{_esc(d.title or d.name)}</figcaption></figure>')
    return "\n".join(parts) or "<p>(no diagrams)</p>"


def case_bundle(case) -> dict[str, str]:
    """The MIME bundle of a case: HTML, which holds every diagram (and the diagnostics);
    image/svg+xml only when that one image is the whole case: SVG-preferring front ends
    (nbconvert to PDF) would show a first diagram alone. (No ``_repr_svg_`` on Case for
    that reason: IPython would add its image/svg+xml to this bundle.)"""
    bundle = {"text/html": case_html(case), "text/plain": repr(case)}
    if case.ok and len(case.diagrams) == 1 and not case.logic and not case.diagnostics:
        bundle["image/svg+xml"] = case.diagrams[0]._repr_svg_()
    return bundle
