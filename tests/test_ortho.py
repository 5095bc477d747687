"""Right-angle arrows (issue 9 item 7): ``option edges = orthogonal`` / ``选项 连线 = 正交``,
``--edges``, the API parameter; the routes of flowdsl/render/ortho.py."""

from __future__ import annotations

import math
import re
import subprocess
import sys

import pytest

import flowdsl
from conftest import ROOT, needs_dot
from flowdsl.diagnostics.diagnostic import Span
from flowdsl.render import layout_view
from flowdsl.render.measure import measure

CHART = """\
chart 报损 {
  option edges = orthogonal
  unit 库管员
  unit 主管
  document 报损单
  ledger 库存台账
  step 填写报损单 by 库管员 makes 报损单 reads 库存台账
  decision 审核 by 主管
  step 登记台账 by 库管员 writes 库存台账
  库管员 -> 填写报损单
  报损单 -> 主管 -> 审核
  审核 -[同意]-> 登记台账
  审核 -[不同意]-> 库管员
  登记台账 -> end
}
"""

ZH = "选项 连线 = 正交\n" + CHART.replace("  option edges = orthogonal\n", "")


def _segments(d: str) -> list[tuple[tuple[float, float], tuple[float, float]]]:
    """The straight pieces of an SVG path made of M and L commands only."""
    assert re.fullmatch(r"(\s*[ML]-?[\d.]+,-?[\d.]+)+\s*", d), d
    pts = [(float(x), float(y)) for x, y in re.findall(r"[ML](-?[\d.]+),(-?[\d.]+)", d)]
    return list(zip(pts, pts[1:]))


def _edge_paths(svg: str) -> list[str]:
    return re.findall(r'<path d="([^"]+)"[^>]*class="line"', svg)


# ------------------------------------------------------------------ the option

def test_option_is_parsed_into_the_model_and_the_view():
    case = flowdsl.parse(CHART)
    assert case.ok, case.format_diagnostics()
    assert case.model.charts[0].options["edges"] == "orthogonal"
    assert case.views[0].view.edges_style == "orthogonal"
    zh = flowdsl.parse(ZH)
    assert zh.ok and zh.model.options == {"edges": "orthogonal"}
    assert zh.views[0].view.edges_style == "orthogonal"
    assert flowdsl.parse(CHART.replace("orthogonal", "曲线")).views[0].view.edges_style == "curved"
    # default curved; the API parameter wins over the file
    plain = CHART.replace("  option edges = orthogonal\n", "")
    assert flowdsl.parse(plain).views[0].view.edges_style == "curved"
    assert flowdsl.parse(plain, edges="orthogonal").views[0].view.edges_style == "orthogonal"
    assert flowdsl.parse(CHART, edges="curved").views[0].view.edges_style == "curved"


@needs_dot
def test_diagram_render_takes_edges():
    d = flowdsl.parse(CHART.replace("  option edges = orthogonal\n", "")).views[0]
    curved = d.render("svg", paper="none").decode()
    ortho = d.render("svg", paper="none", edges="正交").decode()
    assert any(" C" in p for p in _edge_paths(curved)) and not any(" C" in p for p in _edge_paths(ortho))
    assert d.render("svg", paper="none", edges="curved").decode() == curved
    assert d.view.edges_style == "curved"          # the diagram itself is unchanged
    with pytest.raises(ValueError, match="edges"):
        d.render("svg", edges="diagonal")


def test_dfd_levels_take_the_option():
    case = flowdsl.load(f"{ROOT}/samples/04-writeoff.flow", edges="orthogonal")
    assert {d.view.edges_style for d in case.views} == {"orthogonal"}
    assert {d.view.edges_style for d in flowdsl.load(f"{ROOT}/samples/04-writeoff.flow").views} == {"curved"}


def test_api_rejects_a_bad_value():
    with pytest.raises(ValueError, match="edges"):
        flowdsl.parse(CHART, edges="diagonal")


def test_bad_value_is_fd103_at_the_value_with_a_hint():
    case = flowdsl.parse("option edges = diagonal\n")
    (d,) = case.diagnostics
    assert (d.code, d.severity) == ("FD103", "error")
    assert d.span == Span(1, 16, 1, 24)
    assert "diagonal" in d.message and "orthogonal" in d.hint and "curved" in d.hint


def test_bad_value_in_a_chinese_file_is_explained_in_chinese():
    case = flowdsl.parse("选项 连线 = 斜线\n")
    (d,) = case.diagnostics
    assert d.code == "FD103" and d.span == Span(1, 9, 1, 11)
    assert "“斜线”不是选项“连线”的可选值" == d.message_zh
    assert d.hint_zh == "你是不是想写“曲线”？"
    (far,) = flowdsl.parse("选项 连线 = 波浪形状\n").diagnostics
    assert far.hint_zh.startswith("请从以下值中选择：") and "正交" in far.hint_zh and "曲线" in far.hint_zh
    near = flowdsl.parse("option edges = orthogonl\n").diagnostics[0]
    assert near.hint == "did you mean “orthogonal”?"


# ------------------------------------------------------------------ the DOT and the routes

def test_dot_says_how_the_arrows_are_drawn():
    from flowdsl.render import view_to_dot

    ortho, curved = (flowdsl.parse(CHART, edges=e).views[0] for e in ("orthogonal", "curved"))
    # the layout input: Graphviz lays out with its curves either way (its splines=ortho
    # aborts on some samples and ignores edge labels), and says that flowdsl routes after
    lay_o, lay_c = view_to_dot(ortho.view), view_to_dot(curved.view)
    assert "splines=spline" in lay_o and "splines=spline" in lay_c
    assert "edges = orthogonal" in lay_o and "render/ortho.py" in lay_o
    assert "orthogonal" not in lay_c and "ortho" not in lay_c.replace("ordering", "")
    # the DOT given to users (-f dot): no splines=ortho, a note why
    user_o, user_c = ortho.render("dot").decode(), curved.render("dot").decode()
    graph_line = next(line for line in user_o.splitlines() if line.startswith("  graph ["))
    assert "splines" not in graph_line and "edges = orthogonal" in user_o and "maze.c" in user_o
    assert user_c == user_o.replace(user_o[user_o.index("  // flowdsl: edges"):user_o.index("  graph [")], "")


@needs_dot
@pytest.mark.parametrize("text", [CHART, ZH])
def test_svg_arrows_are_axis_parallel_segments(text):
    svg = flowdsl.parse(text).views[0].render("svg", paper="none").decode()
    paths = _edge_paths(svg)
    assert len(paths) >= 9
    for d in paths:
        for (x0, y0), (x1, y1) in _segments(d):
            assert abs(x0 - x1) < 0.011 or abs(y0 - y1) < 0.011, d
    # and each arrowhead points along its last segment
    heads = re.findall(r'<path d="M([\d.]+),([\d.]+) L([\d.]+),([\d.]+) L([\d.]+),([\d.]+) Z"', svg)
    assert len(heads) == len(paths)
    for d, head in zip(paths, heads):
        tip = (float(head[0]), float(head[1]))
        (ax, ay), (bx, by) = _segments(d)[-1]
        assert abs(ax - bx) < 0.011 and abs(bx - tip[0]) < 0.011 or \
            abs(ay - by) < 0.011 and abs(by - tip[1]) < 0.011, (d, head)


@needs_dot
def test_curved_arrows_stay_curves():
    svg = flowdsl.parse(CHART, edges="curved").views[0].render("svg", paper="none").decode()
    assert any(" C" in d for d in _edge_paths(svg))


@needs_dot
@pytest.mark.parametrize("sample", ["04-writeoff", "05-erp-sales", "06-hospital"])
def test_orthogonal_samples_keep_labels_clear_and_arrows_out_of_symbols(sample):
    """The issue 9 targets (a), (b), (d) hold with right angles too (the swimlane chart
    SA-003 and the hospital's 0层图 included)."""
    bad = []
    for d in flowdsl.load(f"{ROOT}/samples/{sample}.flow", edges="orthogonal").views:
        fig = measure(d.view, layout_view(d.view))
        bad += [(d.view.name, item) for item in fig["details"] if item[0] in ("a", "b", "d")]
    assert bad == []


@needs_dot
def test_lr_and_horizontal_lanes_are_routed_too():
    lr = CHART.replace("  option edges = orthogonal\n", "  option edges = orthogonal\n  option direction = LR\n")
    for text in (lr, "chart 横 {\n  lanes horizontal\n" + CHART.split("\n", 1)[1]):
        case = flowdsl.parse(text)
        assert case.ok, case.format_diagnostics()
        svg = case.views[0].render("svg", paper="none").decode()
        for d in _edge_paths(svg):
            for (x0, y0), (x1, y1) in _segments(d):
                assert abs(x0 - x1) < 0.011 or abs(y0 - y1) < 0.011, d


@needs_dot
def test_orthogonal_output_is_byte_identical_across_processes():
    code = ("import sys, flowdsl; c = flowdsl.load(sys.argv[1], edges='orthogonal'); "
            "sys.stdout.buffer.write(b''.join(d.render('svg') for d in c.views))")
    runs = [subprocess.run([sys.executable, "-c", code, f"{ROOT}/samples/06-hospital.flow"],
                           capture_output=True, check=True, cwd=ROOT).stdout for _ in range(2)]
    assert runs[0] == runs[1] and b"<svg" in runs[0]


@needs_dot
def test_cli_edges_flag(tmp_path):
    from flowdsl.app.cli import main

    src = tmp_path / "c.flow"
    src.write_text(CHART.replace("  option edges = orthogonal\n", ""), encoding="utf-8")
    for edges in ("orthogonal", "curved"):
        out = tmp_path / edges
        assert main(["render", str(src), "-o", str(out), "--edges", edges, "-j", "1"]) == 0
        paths = _edge_paths((out / "c" / "报损.svg").read_text(encoding="utf-8"))
        assert any(" C" in d for d in paths) == (edges == "curved")


def test_cli_rejects_an_unknown_edges_value(capsys):
    from flowdsl.app.cli import main

    with pytest.raises(SystemExit) as e:
        main(["render", "samples/04-writeoff.flow", "--edges", "diagonal"])
    assert e.value.code == 2 and "--edges" in capsys.readouterr().err


@needs_dot
@pytest.mark.parametrize("path", ["samples/05-erp-sales.flow", "tests/fixtures/cases/03-expense-claim.flow"])
def test_no_run_along_a_lane_boundary(path):
    """A run parallel to a lane boundary keeps clear of it (vertical and horizontal lanes)."""
    from flowdsl.render.labels import drawn

    view = flowdsl.load(f"{ROOT}/{path}", edges="orthogonal").views[0].view
    lay = layout_view(view)
    horizontal = view.lane_direction == "horizontal"
    walls = {round(v, 3) for k, b in lay.clusters.items() if k.startswith("cluster_lane")
             for v in ((b.y0, b.y1) if horizontal else (b.x0, b.x1))}
    assert len(walls) >= 4
    near = []
    for e in drawn(view, lay).edges:
        for (x0, y0), (x1, y1) in zip(e.poly, e.poly[1:]):
            along = abs(y0 - y1) < 0.01 if horizontal else abs(x0 - x1) < 0.01
            c = y0 if horizontal else x0
            if along and math.dist((x0, y0), (x1, y1)) > 1 and any(abs(c - w) < 8 for w in walls):
                near.append((e.index, (x0, y0), (x1, y1)))
    assert near == []
