"""Paper and sheets (issue 9, item 6): page sizes, fitting, splitting into sheets joined
by off-page connectors, the smallest printed text, and the options that ask for them."""

import glob
import re
import shutil

import pytest

import flowdsl
from sheet_tools import connector_pairs
from flowdsl.render import render_sheets, render_view
from flowdsl.render.paper import (
    MARGIN, MIN_TEXT_PT, fit, paper_size, place_on_paper, svg_size,
)
from flowdsl.render.sheets import sheet_views, smallest_text_pt, split_view

needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz not installed")
needs_rsvg = pytest.mark.skipif(shutil.which("rsvg-convert") is None, reason="rsvg-convert not installed")

A4 = (595.276, 841.89)


def media_boxes(pdf: bytes) -> list[tuple[float, float]]:
    """(width, height) of every page, from the PDF's /MediaBox entries."""
    boxes = re.findall(rb"/MediaBox\s*\[\s*([-0-9.]+)\s+([-0-9.]+)\s+([-0-9.]+)\s+([-0-9.]+)\s*\]", pdf)
    # (+1e-6: a PDF writer that keeps two decimals writes A3's 1190.551 as 1190.55)
    return [(round(float(x1) - float(x0) + 1e-6, 1), round(float(y1) - float(y0) + 1e-6, 1))
            for x0, y0, x1, y1 in boxes]


def long_chart(n: int = 40, lanes: bool = False) -> str:
    """A generated chart of ``n`` steps in one chain, with a return from the last
    step to the first (an arrow that crosses every cut)."""
    lines = ["chart 长流程 \"长流程\" {"]
    units = ["甲部门", "乙部门", "丙部门"]
    if lanes:
        lines.append("  lanes vertical: " + ", ".join(units))
    lines += [f"  unit {u}" for u in units]
    for i in range(1, n + 1):
        lines.append(f"  step s{i} \"第{i}步处理\" by {units[i % 3]}")
    lines.append("  甲部门 -> s1")
    for i in range(1, n):
        lines.append(f"  s{i} -> s{i + 1}")
    lines.append(f"  s{n} -[退回]-> s1")
    lines.append("}")
    return "\n".join(lines) + "\n"


# ------------------------------------------------------------------ pure geometry

def test_paper_sizes_and_fit():
    assert paper_size("A4", "portrait") == A4
    assert paper_size("a4", "landscape") == (A4[1], A4[0])
    assert paper_size("letter", "portrait") == (612.0, 792.0)
    assert round(MARGIN, 2) == 42.52               # 15 mm
    # a small drawing keeps its size; a wide one turns the paper round
    assert fit(200, 100, "A4", "auto") == (1.0, "portrait")
    s, o = fit(1500, 600, "A4", "auto")
    assert o == "landscape" and s == pytest.approx((A4[1] - 2 * MARGIN) / 1500)
    s, o = fit(1500, 600, "A4", "portrait")
    assert o == "portrait" and s == pytest.approx((A4[0] - 2 * MARGIN) / 1500)
    assert fit(5000, 5000, "none") == (1.0, "portrait")


def test_place_on_paper_centres_the_scaled_drawing():
    svg = ('<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="1000.00pt" '
           'height="400.00pt" viewBox="0 0 1000.00 400.00"><text font-size="12">x</text></svg>')
    out = place_on_paper(svg, "A4", "auto")
    assert svg_size(out) == (841.89, 595.28)
    s = (A4[1] - 2 * MARGIN) / 1000
    m = re.search(r'translate\(([0-9.]+),([0-9.]+)\) scale\(([0-9.]+)\)', out)
    assert float(m[3]) == pytest.approx(s, abs=1e-5)
    assert float(m[1]) == pytest.approx(MARGIN, abs=0.01)                    # fills the width
    assert float(m[2]) == pytest.approx((A4[0] - 400 * s) / 2, abs=0.01)    # centred vertically
    assert smallest_text_pt(svg, "A4") == pytest.approx(12 * s)
    assert smallest_text_pt(out) == pytest.approx(12 * s, abs=1e-3)   # read back from the sheet
    assert place_on_paper(svg, "none") == svg


# ------------------------------------------------------------------ PDF pages

@needs_dot
@needs_rsvg
@pytest.mark.parametrize("paper,orientation,size", [
    ("A4", "portrait", (595.3, 841.9)), ("A4", "landscape", (841.9, 595.3)),
    ("A3", "portrait", (841.9, 1190.6)), ("letter", "landscape", (792.0, 612.0)),
])
def test_pdf_pages_have_the_paper_size(paper, orientation, size):
    case = flowdsl.load("samples/04-writeoff.flow")
    pdf = case.views[0].render("pdf", paper=paper, orientation=orientation)
    boxes = media_boxes(pdf)
    assert boxes and set(boxes) == {size}     # (landscape A4: the tall chart takes two sheets)


@needs_dot
@needs_rsvg
def test_pdf_default_is_a4_and_none_is_the_natural_size():
    d = flowdsl.load("samples/04-writeoff.flow").views[0]
    assert media_boxes(d.render("pdf")) == [(595.3, 841.9)]          # tall chart: portrait
    w, h = svg_size(d.render("svg"))                                  # SVG: natural size
    (pw, ph), = media_boxes(d.render("pdf", paper="none"))
    assert (pw, ph) == (pytest.approx(w, abs=1), pytest.approx(h, abs=1))


@needs_dot
@needs_rsvg
def test_levels_pdf_pages_are_a4():
    case = flowdsl.load("samples/06-hospital.flow")
    boxes = media_boxes(case.levels_pdf("医院信息管理"))
    assert len(boxes) >= len(case.dfd_levels["医院信息管理"])
    assert all(b in ((595.3, 841.9), (841.9, 595.3)) for b in boxes)


# ------------------------------------------------------------------ splitting

@needs_dot
@pytest.mark.parametrize("lanes", [False, True])
def test_a_long_chart_is_split_with_matching_connectors(lanes):
    case = flowdsl.parse(long_chart(40, lanes))
    assert case.ok, case.format_diagnostics()
    view = case.views[0].view
    sheets = split_view(view, "A4", "auto")
    n = len(sheets)
    assert n >= 2
    assert [s.view.page for s in sheets] == [(k, n) for k in range(1, n + 1)]
    assert [s.view.name for s in sheets] == ["长流程"] + [f"长流程-sheet{k}" for k in range(2, n + 1)]
    assert [s.view.title for s in sheets] == ["长流程"] + ["长流程（续）"] * (n - 1)
    assert all(s.text_pt >= MIN_TEXT_PT for s in sheets)
    # every original node is on exactly one sheet
    real = [nd.id for s in sheets for nd in s.view.nodes if nd.kind != "connector"]
    assert sorted(real) == sorted(nd.id for nd in view.nodes)
    # every connector letter: once leaving ("至第b张") on sheet a, once arriving ("接第a张") on sheet b
    outs, ins = connector_pairs(sheets)
    if lanes:
        assert all(nd.lane in view.lanes for s in sheets for nd in s.view.nodes if nd.kind == "connector")
    assert outs.keys() == ins.keys() and outs
    # letters in reading order: A, B … leave the first sheet, the next letters the second …
    by_letter = sorted(outs, key=lambda s: (len(s), s))
    assert [outs[x][0] for x in by_letter] == sorted(outs[x][0] for x in by_letter)
    for letter, (k, other, out_id, sv) in outs.items():
        k2, back, in_id, sv2 = ins[letter]
        assert other == k2 and back == k and k != k2
        src = next(e.src for e in sv.edges if e.dst == out_id)
        dst = next(e.dst for e in sv2.edges if e.src == in_id)
        assert any(e.src == src and e.dst == dst for e in view.edges)   # an arrow of the chart
    # the return s40 -> s1 crosses from the last sheet back to the first, label on both sides
    ret = [letter for letter, (k, other, *_ ) in outs.items() if k == n and other == 1]
    assert ret
    out_edge = next(e for e in outs[ret[0]][3].edges if e.dst == outs[ret[0]][2])
    in_edge = next(e for e in ins[ret[0]][3].edges if e.src == ins[ret[0]][2])
    assert out_edge.label == in_edge.label == "退回"
    if lanes:
        assert all(s.view.lanes == view.lanes for s in sheets)   # every lane on every sheet


@needs_dot
def test_connectors_are_drawn_as_pentagons_with_their_letter():
    case = flowdsl.parse(long_chart(30))
    sheets = split_view(case.views[0].view, "A4", "auto")
    svg = sheets[0].svg
    assert 'class="offpage"' in svg
    assert re.search(r'class="label"[^>]*>[^<]*<tspan[^>]*>A</tspan>', svg) or ">A<" in svg
    assert "至第2张" in svg and "第 1 张" in svg and f"共 {len(sheets)} 张" in svg


def test_sheet_views_split_edges_deterministically():
    from flowdsl.views.graph import View, VEdge, VNode

    nodes = tuple(VNode(f"n{i}", "step", f"步{i}") for i in range(1, 5))
    edges = (VEdge("n1", "n2"), VEdge("n2", "n3", "甲"), VEdge("n3", "n4"), VEdge("n4", "n1", "退", back=True))
    view = View("v", "v", "business", nodes, edges)
    a = sheet_views(view, [["n1", "n2"], ["n3", "n4"]])
    assert a == sheet_views(view, [["n1", "n2"], ["n3", "n4"]])
    assert [n.id for n in a[0].nodes] == ["on2", "n1", "n2", "off1"]
    assert [n.id for n in a[1].nodes] == ["on1", "n3", "n4", "off2"]
    assert [(e.src, e.dst, e.label) for e in a[0].edges] == [("n1", "n2", None), ("n2", "off1", "甲"), ("on2", "n1", "退")]
    assert [(n.label, n.location) for n in a[1].nodes if n.kind == "connector"] == [("A", "接第1张"), ("B", "至第1张")]


@needs_dot
def test_split_output_is_deterministic():
    from flowdsl.render.sheets import _split_view

    view = flowdsl.parse(long_chart(40, lanes=True)).views[0].view
    first = render_sheets(view, "svg", "A4")
    _split_view.cache_clear()
    again = render_sheets(view, "svg", "A4")
    assert len(first) >= 2 and first == again


@needs_dot
def test_files_names_one_file_per_sheet(tmp_path):
    case = flowdsl.parse(long_chart(40))
    d = case.views[0]
    names = [n for n, _ in d.files("svg", paper="A4")]
    assert names[0] == "长流程.svg" and names[1] == "长流程-sheet2.svg"
    assert [n for n, _ in d.files("svg")] == ["长流程.svg"]          # SVG: natural size, one file
    paths = case.save(str(tmp_path), "svg", paper="A4")
    assert [p.rsplit("/", 1)[1] for p in paths] == names


# ------------------------------------------------------------------ options

@needs_dot
def test_file_options_paper_and_orientation():
    text = "选项 纸张 = A3\noption orientation = landscape\n" + long_chart(8)
    case = flowdsl.parse(text)
    assert case.ok and case.model.options == {"paper": "A3", "orientation": "landscape"}
    d = case.views[0]
    assert (d.paper, d.orientation) == ("A3", "landscape")
    svg = d.render("svg").decode()             # the file asks for paper: SVG on A3 too
    assert svg_size(svg) == (1190.55, 841.89)
    assert svg_size(d.render("svg", paper="none").decode()) != (1190.55, 841.89)   # argument wins


def test_bad_option_value_is_a_diagnostic():
    case = flowdsl.parse("option paper = B5\n")
    assert [d.code for d in case.diagnostics] == ["FD103"]
    assert case.diagnostics[0].message_zh


def test_cli_rejects_an_unknown_paper(capsys):
    from flowdsl.app.cli import main

    with pytest.raises(SystemExit) as e:
        main(["render", "samples/04-writeoff.flow", "--paper", "B5"])
    assert e.value.code == 2
    assert "unknown paper 'B5'" in capsys.readouterr().err


@needs_dot
def test_cli_paper_writes_one_svg_per_sheet(tmp_path):
    from flowdsl.app.cli import main

    src = tmp_path / "long.flow"
    src.write_text(long_chart(40), encoding="utf-8")
    out = tmp_path / "out"
    assert main(["render", str(src), "-o", str(out), "--paper", "A4", "--orientation", "portrait", "-j", "1"]) == 0
    files = sorted(p.name for p in (out / "long").iterdir())
    assert "长流程.svg" in files and "长流程-sheet2.svg" in files
    for name in files:
        assert svg_size((out / "long" / name).read_text(encoding="utf-8")) == (595.28, 841.89)


# ------------------------------------------------------------------ every sample prints

SAMPLE_DIAGRAMS = [(path, nota, i)
                   for path in sorted(glob.glob("samples/*.flow"))
                   for nota in ("textbook", "gane-sarson", "yourdon")
                   for i in range(len(flowdsl.load(path, notation=nota).views))]

@needs_dot
@pytest.mark.parametrize("path,notation,index", SAMPLE_DIAGRAMS)
def test_every_sample_sheet_prints_at_8pt_on_a4(path, notation, index):
    d = flowdsl.load(path, notation=notation).views[index]
    if notation != "textbook" and d.view.kind == "business":
        pytest.skip("a business chart is the same in every notation")
    # the wide swimlane charts too (SA-003: 8 vertical lanes; the lifecycle chart):
    # vertical lanes wrap their symbols narrower and pack them closer (issue 9 item 6)
    assert smallest_text_pt(d, "A4", "auto") >= MIN_TEXT_PT


@needs_dot
def test_sheets_are_byte_identical_across_processes(tmp_path):
    import os
    import subprocess
    import sys

    src = tmp_path / "long.flow"
    src.write_text(long_chart(40, lanes=True), encoding="utf-8")
    got = []
    for seed in ("0", "1"):
        out = tmp_path / f"out{seed}"
        proc = subprocess.run([sys.executable, "-m", "flowdsl", "render", str(src), "samples/06-hospital.flow",
                               "-o", str(out), "-f", "svg", "--paper", "A4", "-j", "1"],
                              env=dict(os.environ, PYTHONHASHSEED=seed), capture_output=True, timeout=600)
        assert proc.returncode == 0, proc.stderr.decode("utf-8", "replace")
        got.append({str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*.svg"))})
    assert any("-sheet2.svg" in name for name in got[0])
    assert got[0] == got[1]


@needs_dot
def test_each_sheet_lists_the_control_points_of_its_own_steps():
    view = flowdsl.load("samples/07-internal-control.flow").views[0].view
    assert view.controls
    sheets = split_view(view, "A4", "auto")
    assert len(sheets) > 1
    seen = []
    for s in sheets:
        here = {n.control for n in s.view.nodes if n.control}
        assert {row[0] for row in s.view.controls} == here & {row[0] for row in view.controls}
        seen += [row[0] for row in s.view.controls]
    assert sorted(seen) == sorted(row[0] for row in view.controls)   # each row on one sheet
