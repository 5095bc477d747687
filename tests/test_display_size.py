"""Issue 10, items 10–12: what a notebook shows of a Case, sizes in notebooks and on the
command line, and the ``%flowdsl`` magic's options."""

from __future__ import annotations

import os
import re
import struct

import pytest

import flowdsl
from flowdsl.app.cli import main

from conftest import ROOT, fixture_path, needs_dot, needs_rsvg

PURCHASING = os.path.join(ROOT, "samples", "01-purchasing.flow")
CLEAN = fixture_path("clean.flow")


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


def svg_size(svg: bytes | str) -> tuple[float, float]:
    text = svg.decode() if isinstance(svg, bytes) else svg
    head = text[text.find("<svg"):]
    head = head[:head.find(">")]
    return tuple(float(re.search(rf'\b{k}="([0-9.]+)', head).group(1)) for k in ("width", "height"))


# ---------------------------------------------------------------- item 10: a whole Case

@needs_dot
def test_a_case_offers_html_with_every_diagram_and_no_first_diagram_svg():
    from IPython.core.formatters import DisplayFormatter

    case = flowdsl.load(os.path.join(ROOT, "samples", "03-bookstore.flow"))
    assert len(case.views) > 2
    data, _ = DisplayFormatter().format(case)
    assert "image/svg+xml" not in data       # an SVG-preferring front end would show one of them
    trees = sum(d.kind == "tree" for d in case.logic)   # the 处理逻辑说明 follow the diagrams (issue 13)
    assert case.er_diagrams and 'class="flowdsl er"' in data["text/html"]   # the ER diagram is shown too
    assert data["text/html"].count("<svg") == len(case.diagrams) + trees
    assert data["text/html"].count('class="flowdsl-decision-table"') == sum(d.kind == "table" for d in case.logic)


# ---------------------------------------------------------------- item 11: sizes

@needs_dot
def test_render_svg_scale_multiplies_width_and_height_not_the_drawing():
    d = flowdsl.load(CLEAN).views[0]
    w, h = svg_size(d.render("svg"))
    w2, h2 = svg_size(d.render("svg", scale=2))
    assert (w2, h2) == (2 * w, 2 * h)
    assert re.search(rb'viewBox="0 0 ([0-9.]+)', d.render("svg", scale=2)).group(1) == b"%.2f" % w
    with pytest.raises(ValueError):
        d.render("svg", scale=0)


@needs_rsvg
def test_render_png_scale_and_dpi():
    d = flowdsl.load(CLEAN).views[0]
    w, h = png_size(d.render("png"))
    assert png_size(d.render("png", scale=0.5)) == (round(w / 2), round(h / 2))
    pw, ph = svg_size(d.render("svg"))
    assert png_size(d.render("png", dpi=72)) == (round(pw), round(ph))    # 72 dpi: a pixel per point


@needs_dot
def test_display_width_and_height():
    d = flowdsl.load(CLEAN).views[0]
    svg = d.sized(width=500)._repr_svg_()
    head = svg[svg.find("<svg"):svg.find(">", svg.find("<svg"))]
    assert ' width="500"' in head and "height=" not in head and "viewBox=" in head
    assert ' height="30%"' in d.html(height="30%")
    assert d.sized(width=500)._repr_mimebundle_()["image/svg+xml"] == svg


@needs_rsvg
def test_cli_scale_and_dpi(tmp_path):
    out = tmp_path / "o"
    assert main(["render", CLEAN, "-o", str(out / "a"), "-f", "png,svg", "-j", "1"]) == 0
    assert main(["render", CLEAN, "-o", str(out / "b"), "-f", "png,svg", "-j", "1", "--scale", "2"]) == 0
    assert main(["render", CLEAN, "-o", str(out / "c"), "-f", "png", "-j", "1", "--dpi", "72"]) == 0
    a = png_size((out / "a" / "clean" / "请假.png").read_bytes())
    b = png_size((out / "b" / "clean" / "请假.png").read_bytes())
    assert b == (2 * a[0], 2 * a[1])
    sa = svg_size((out / "a" / "clean" / "请假.svg").read_bytes())
    assert svg_size((out / "b" / "clean" / "请假.svg").read_bytes()) == (2 * sa[0], 2 * sa[1])
    assert png_size((out / "c" / "clean" / "请假.png").read_bytes()) == (round(sa[0]), round(sa[1]))


@pytest.mark.parametrize("bad", ["0", "-1", "abc"])
def test_cli_scale_must_be_positive(bad, capsys):
    with pytest.raises(SystemExit) as e:
        main(["render", CLEAN, "--scale", bad])
    assert e.value.code == 2 and "positive number" in capsys.readouterr().err


# ---------------------------------------------------------------- item 12: the magic

@pytest.fixture
def shell(monkeypatch):
    pytest.importorskip("IPython")
    shown = []
    monkeypatch.setattr("IPython.display.display", lambda x: shown.append(x))

    class Shell:
        def __init__(self):
            self.user_ns, self.registered, self.shown = {}, {}, shown

        def register_magic_function(self, f, magic_kind, magic_name):
            self.registered[(magic_kind, magic_name)] = f

    sh = Shell()
    flowdsl.load_ipython_extension(sh)
    return sh


def test_magic_unknown_option_is_an_error(shell):
    from IPython.core.error import UsageError

    magic = shell.registered[("line_cell", "flowdsl")]
    with pytest.raises(UsageError):
        magic("--nmae 请假", "chart a {\n unit 甲\n}")
    with pytest.raises(UsageError):
        magic("--lang fr", "chart a {\n unit 甲\n}")
    assert shell.shown == []


def test_magic_help_lists_the_options(shell):
    doc = shell.registered[("line_cell", "flowdsl")].__doc__
    for option in ("--name", "--var", "--lang", "--strict", "--scale", "--width"):
        assert option in doc


@needs_dot
def test_line_magic_shows_a_file(shell):
    magic = shell.registered[("line_cell", "flowdsl")]
    magic(f"{CLEAN} --var c")
    assert [type(x).__name__ for x in shell.shown] == ["Diagram"]
    assert shell.user_ns["c"].name == CLEAN and shell.user_ns["c"].ok
    from IPython.core.error import UsageError

    with pytest.raises(UsageError):
        magic("")          # a line magic needs a file


@needs_dot
def test_cell_magic_width(shell):
    magic = shell.registered[("line_cell", "flowdsl")]
    magic("--width 300", open(CLEAN, encoding="utf-8").read())
    (html,) = shell.shown
    assert ' width="300"' in html.data
