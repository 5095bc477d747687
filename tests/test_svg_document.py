"""The SVG document is written by ``render.svg.document`` without jinja2 (issue 17: importing
jinja2 and compiling the template were ~40 ms of every cold render): byte for byte what
``flowdsl/templates/diagram.svg.j2`` renders with jinja2 and autoescape, on every sample
in the three notations, the exercises and hostile text."""

import glob
import os

import pytest

import flowdsl
from flowdsl.render import pipeline, svg
from flowdsl.render.templates import jinja_env
from flowdsl.views.graph import View, VEdge, VNode

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FILES = sorted(glob.glob(os.path.join(ROOT, "samples", "*.flow"))) + \
    sorted(glob.glob(os.path.join(ROOT, "tests", "fixtures", "cases", "*.flow")))
HOSTILE = "<script>alert(1)</script> & \" ' ]]> <!-- --> \u202e{{ x }}{% if %}"


@pytest.fixture
def compared(monkeypatch):
    seen = []
    ours = svg.document

    def both(**values):
        mine = ours(**values)
        assert mine == jinja_env().get_template("diagram.svg.j2").render(**values)
        seen.append(values["kind"])
        return mine

    monkeypatch.setattr(svg, "document", both)
    pipeline._laid_out.cache_clear()
    yield seen
    pipeline._laid_out.cache_clear()


@pytest.mark.parametrize("notation", ["textbook", "gane-sarson", "yourdon"])
def test_the_document_is_what_the_template_renders(compared, notation):
    for path in FILES:
        for d in flowdsl.load(path, notation=notation).views:
            d.render("svg")
    assert "business" in compared and "dfd" in compared


def test_hostile_text_is_escaped_as_the_template_escapes_it(compared):
    nodes = (VNode("n1", "step", HOSTILE, location=HOSTILE, control=HOSTILE),
             VNode("n2", "document", HOSTILE), VNode("n3", "store", HOSTILE, ident=HOSTILE))
    view = View(name=HOSTILE, title=HOSTILE, kind="business", nodes=nodes,
                edges=(VEdge("n1", "n2", HOSTILE, ident=HOSTILE), VEdge("n1", "n3", HOSTILE)),
                lanes=(), title_block=((HOSTILE, HOSTILE),), extra=((HOSTILE, HOSTILE),))
    from flowdsl.render import render_view
    render_view(view, "svg")
    assert compared == ["business"]
