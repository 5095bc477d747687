"""The Sphinx directive ``.. flowdsl::``: a case drawn inline (SVG) in HTML output.
In ``conf.py``: ``extensions = ["flowdsl.app.sphinx_ext"]``; then, in a page::

    .. flowdsl::
       :views: 请假
       :lang: zh

       chart 请假 {
         unit 员工
         ...
       }

or ``.. flowdsl:: cases/purchasing.flow`` (a file, relative to the page; a change to it
rebuilds the page). Options: ``views``, ``lang``, ``notation``, ``width``, ``strict``.
A case with mistakes shows its diagnostics in the page and is reported as a Sphinx
warning at the directive's line (``sphinx-build -W`` stops). Other builders than HTML
get the case's text as a literal block.
"""

from __future__ import annotations

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx import addnodes
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from .._version import __version__
from .docs_html import parse_views, problem_html, render_html

__all__ = ["FlowdslDirective", "setup"]

log = logging.getLogger(__name__)


class FlowdslDirective(SphinxDirective):
    has_content = True
    optional_arguments = 1
    final_argument_whitespace = True
    option_spec = {
        "views": directives.unchanged,
        "lang": lambda v: directives.choice(v, ("en", "zh")),
        "notation": directives.unchanged,
        "width": directives.unchanged,
        "strict": directives.flag,
    }

    def run(self) -> list[nodes.Node]:
        name = None             # inline: the diagnostics count lines from the block; the warning points at it
        if self.arguments:
            rel, path = self.env.relfn2path(self.arguments[0], self.env.docname)
            self.env.note_dependency(rel)
            name = rel
            try:
                with open(path, encoding="utf-8") as f:
                    source = f.read()
            except (OSError, UnicodeDecodeError) as e:
                log.warning(f"flowdsl: cannot read {rel}: {e}", location=self.get_location())
                return [nodes.raw("", '<div class="flowdsl">' + problem_html(f"flowdsl: cannot read {rel}: {e}")
                                  + "</div>", format="html")]
        else:
            source = "\n".join(self.content)
        html = render_html(source, name=name, views=parse_views(self.options.get("views")),
                           lang=self.options.get("lang", "en"), notation=self.options.get("notation"),
                           width=self.options.get("width"), strict="strict" in self.options)
        if "flowdsl-error" in html:
            log.warning("flowdsl: the case has errors (shown in the page)", location=self.get_location())
        other = addnodes.only(expr="not html")          # what builders without HTML show: the text
        other += nodes.literal_block(source, source)
        return [nodes.raw("", html, format="html"), other]


def setup(app) -> dict:
    app.add_directive("flowdsl", FlowdslDirective)
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}
