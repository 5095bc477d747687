"""```` ```flowdsl ```` fenced blocks drawn inline (SVG) in MkDocs / MkDocs Material and any
Python-Markdown with pymdown-extensions' SuperFences. In ``mkdocs.yml``::

    markdown_extensions:
      - pymdownx.superfences:
          custom_fences:
            - name: flowdsl
              class: flowdsl
              validator: !!python/name:flowdsl.app.mkdocs_fence.validator
              format: !!python/name:flowdsl.app.mkdocs_fence.formatter

A fence takes options in braces: ```` ```flowdsl {views="物资订货-0" lang="zh" width="80%"} ````
(see ``docs_html.OPTIONS``). A case with mistakes shows its diagnostics in the page and
logs a warning (so ``mkdocs build --strict`` stops).

    >>> import markdown
    >>> md = markdown.Markdown(extensions=["pymdownx.superfences"], extension_configs={"pymdownx.superfences": {
    ...     "custom_fences": [{"name": "flowdsl", "class": "flowdsl", "validator": validator, "format": formatter}]}})
    >>> html = md.convert("```flowdsl\\nchart a {\\n  unit 甲\\n  unit 乙\\n  单据 单\\n  甲 -> 单 -> 乙\\n}\\n```")
    >>> html.count("<svg"), "<pre" in html
    (1, False)
"""

from __future__ import annotations

import logging

from .docs_html import OPTIONS, parse_views, problem_html, render_html

__all__ = ["validator", "formatter"]

log = logging.getLogger("mkdocs.plugins.flowdsl")


def validator(language: str, inputs: dict, options: dict, attrs: dict, md) -> bool:
    """SuperFences' validator: the fence's known options into ``options``; an unknown
    one is kept to be reported in the page."""
    for key, value in inputs.items():
        if key in OPTIONS:
            options[key] = value
        else:
            options.setdefault("unknown", []).append(key)
    return True


def formatter(source: str, language: str, class_name: str, options: dict, md, **kwargs) -> str:
    """SuperFences' formatter: the case drawn, or its diagnostics."""
    if options.get("unknown"):
        message = f"flowdsl: unknown fence option {', '.join(options['unknown'])} (known: {', '.join(OPTIONS)})"
        log.warning(message)
        return '<div class="flowdsl">' + problem_html(message) + "</div>"
    html = render_html(source, views=parse_views(options.get("views")),
                       lang=options.get("lang", "en"), notation=options.get("notation") or None,
                       width=options.get("width") or None, strict=str(options.get("strict", "")).lower() == "true")
    if "flowdsl-error" in html:
        log.warning("flowdsl: a ```flowdsl block has errors (shown in the page)")
    return html
