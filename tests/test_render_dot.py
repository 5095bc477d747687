"""flowdsl.render.dot / layout: the DOT we give Graphviz and the layout we read back."""

import re
import shutil

import pytest

from flowdsl.render.dot import view_to_dot
from flowdsl.views.graph import View, VEdge, VNode

needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz not installed")

HOSTILE = 'x" ]; n1 -> evil [label="pwn\\N\\l\\\\<script>alert(1)</script>'


def lane_view(direction="vertical"):
    lanes = ("销售助理", "销售主管", "保管员")
    nodes = (
        VNode("n1", "start", "", lane="销售助理"),
        VNode("n2", "step", "录入销售订单", lane="销售助理", location="销售管理"),
        VNode("n3", "step", "审核销售订单", lane="销售主管", control="C1"),
        VNode("n4", "document", "销售出库单", lane="保管员"),
        VNode("n5", "end", "", lane="保管员"),
    )
    edges = (
        VEdge("n1", "n2"), VEdge("n2", "n3"), VEdge("n3", "n2", "退回", back=True),
        VEdge("n3", "n4", "同意"), VEdge("n4", "n5", "货物", style="goods"),
    )
    return View(name="销售", title="销售流程", kind="business", nodes=nodes, edges=edges,
                lanes=lanes, lane_direction=direction)


def hostile_view():
    nodes = (VNode("n1", "step", HOSTILE), VNode("n2", "document", 'a "quoted" \\ back'))
    return View(name='evil"name', title=HOSTILE, kind="business", nodes=nodes,
                edges=(VEdge("n1", "n2", HOSTILE, ident='F"1'),))


def test_dot_is_deterministic():
    assert view_to_dot(lane_view()) == view_to_dot(lane_view())


def test_dot_basics():
    src = view_to_dot(lane_view())
    assert src.startswith("digraph ")
    assert "newrank=true" in src
    # every real node is fixed-size with a width and height
    for n in ("n1", "n2", "n3", "n4", "n5"):
        line = next(l for l in src.splitlines() if l.strip().startswith(n + " ["))
        assert "fixedsize=true" in line
        assert re.search(r"\bwidth=[0-9.]+", line) and re.search(r"\bheight=[0-9.]+", line)
    # edge labels are fixed-size HTML tables (font independent)
    assert src.count('<TABLE FIXEDSIZE="TRUE"') == 3
    # a back edge (n3 -> n2, a return) is written reversed with dir=back and weight 0:
    # it agrees with the ranks instead of distorting them, the arrow still points at n2
    back = next(l for l in src.splitlines() if 'id="e3"' in l)
    assert back.strip().startswith("n2 -> n3 ")
    assert "dir=back" in back and "weight=0" in back
    goods = next(l for l in src.splitlines() if "n4 -> n5" in l)
    assert "black:invis:black" in goods


def test_dot_lanes_in_declared_order():
    src = view_to_dot(lane_view())
    pos = [src.index(f"subgraph cluster_lane{k} ") for k in (1, 2, 3)]
    assert pos == sorted(pos)
    # each lane cluster holds its header and its own nodes only
    blocks = re.findall(r"subgraph (cluster_lane\d) \{(.*?)\n  \}", src, re.S)
    assert [b[0] for b in blocks] == ["cluster_lane1", "cluster_lane2", "cluster_lane3"]
    assert re.search(r"^\s+lane1 \[", blocks[0][1], re.M) and "n1 [" in blocks[0][1] and "n2 [" in blocks[0][1]
    assert "n3 [" in blocks[1][1] and "n2 [" not in blocks[1][1]
    assert "n4 [" in blocks[2][1] and "n5 [" in blocks[2][1]
    assert "{ rank=same; lane1; lane2; lane3; }" in src
    assert "lane1 -> lane2 -> lane3 [style=invis" in src
    assert "rankdir=TB" in src
    # horizontal lanes: laid out top-down on transposed sizes, transposed back on parse
    horiz = view_to_dot(lane_view("horizontal"))
    assert "transposed" in horiz
    n2 = next(l for l in horiz.splitlines() if l.strip().startswith("n2 ["))
    n2v = next(l for l in src.splitlines() if l.strip().startswith("n2 ["))
    w = re.search(r"\bwidth=([0-9.]+)", n2v).group(1)
    h = re.search(r"\bheight=([0-9.]+)", n2v).group(1)
    assert f"width={h}" in n2 and f"height={w}" in n2


def test_dot_escapes_hostile_labels():
    src = view_to_dot(hostile_view())
    # the hostile text never creates a node "evil" or closes a string
    assert not re.search(r"^\s*n1 -> evil", src, re.M)
    # HTML-like edge labels: the student text is entity-escaped, no markup gets in
    html = re.findall(r"<TD[^>]*>(.*?)</TD>", src)
    assert len(html) == 1
    flat = html[0].replace("<BR/>", "")
    assert "<" not in flat and ">" not in flat and '"' not in flat
    assert "&lt;script&gt;" in flat
    node_line = next(l for l in src.splitlines() if l.strip().startswith("n1 ["))
    m = re.search(r'label="((?:[^"\\]|\\.)*)"', node_line)
    assert m, node_line
    assert '\\"' in m.group(1) and "\\\\N" in m.group(1) and "\\\\l" in m.group(1)
    assert src.startswith('digraph "evil\\"name" {')


def test_unknown_edge_endpoint_is_an_error():
    from flowdsl.render import RenderError
    v = View(name="x", title="x", kind="business", nodes=(VNode("n1", "step", "a"),),
             edges=(VEdge("n1", "n9"),))
    with pytest.raises(RenderError):
        view_to_dot(v)


@needs_dot
@pytest.mark.parametrize("direction", ["vertical", "horizontal"])
def test_layout_does_not_depend_on_fonts(direction):
    from flowdsl.render.backend import run_dot
    from flowdsl.render.layout import parse_layout

    views = [lane_view(direction), hostile_view()]
    for v in views:
        src = view_to_dot(v)
        bogus = (src.replace('fontname="Noto Sans CJK SC"', 'fontname="No Such Font 42"')
                    .replace("fontsize=14", "fontsize=31").replace("fontsize=12", "fontsize=27"))
        assert bogus != src
        a = parse_layout(run_dot(src, "json"))
        b = parse_layout(run_dot(bogus, "json"))
        assert (a.width, a.height) == (b.width, b.height)
        assert a.nodes == b.nodes
        assert a.edges == b.edges
        assert a.clusters == b.clusters


@needs_dot
def test_layout_parse_and_lane_order():
    from flowdsl.render import layout_view
    lay = layout_view(lane_view())
    assert lay.width > 0 and lay.height > 0
    c = [lay.clusters[f"cluster_lane{k}"] for k in (1, 2, 3)]
    assert c[0].x1 <= c[1].x0 + 0.01 and c[1].x1 <= c[2].x0 + 0.01       # left to right
    hdr = [lay.nodes[f"lane{k}"] for k in (1, 2, 3)]
    assert len({h.y for h in hdr}) == 1                               # one header row
    for name in ("n1", "n2", "n3", "n4", "n5"):
        assert lay.nodes[name].y > hdr[0].y                            # y goes down
    assert lay.nodes["n1"].y < lay.nodes["n2"].y < lay.nodes["n3"].y   # flow top-down
    edges = [e for e in lay.edges if e.id]
    assert [e.id for e in edges] == ["e1", "e2", "e3", "e4", "e5"]
    for e in edges:
        assert len(e.points) >= 4 and (len(e.points) - 1) % 3 == 0
        assert (e.end is not None) != (e.start is not None)       # one arrowhead
    assert next(e for e in edges if e.id == "e4").label_pos is not None
    # the node boxes are the fixed sizes we asked for
    from flowdsl.render.dot import node_spec
    v = lane_view()
    for node in v.nodes:
        spec = node_spec(v, node)
        assert abs(lay.nodes[node.id].width - spec.width) < 0.1
        assert abs(lay.nodes[node.id].height - spec.height) < 0.1

    horiz = layout_view(lane_view("horizontal"))
    c = [horiz.clusters[f"cluster_lane{k}"] for k in (1, 2, 3)]
    assert c[0].y1 <= c[1].y0 + 0.01 and c[1].y1 <= c[2].y0 + 0.01      # top to bottom
    hdr = [horiz.nodes[f"lane{k}"] for k in (1, 2, 3)]
    assert len({h.x for h in hdr}) == 1                               # one header column
    assert horiz.nodes["n1"].x < horiz.nodes["n2"].x < horiz.nodes["n3"].x   # flow left-right
    for node in lane_view("horizontal").nodes:                        # real (untransposed) sizes
        spec = node_spec(v, node)
        assert abs(horiz.nodes[node.id].width - spec.width) < 0.1
    assert horiz.width > horiz.height


def dfd_lr():
    nodes = (
        VNode("n1", "entity", "采购员", ident="E1"),
        VNode("n2", "process", "采购单审核", ident="P3.1", location="采购科"),
        VNode("n3", "process", "编目处理", ident="P3.2"),
        VNode("n4", "process", "入库单处理", ident="P3.3"),
        VNode("n5", "store", "图书库存情况存档", ident="S2"),
        VNode("n6", "entity", "供应商", ident="E2"),
        VNode("n7", "entity", "采购员", ident="E1", repeat=True),
    )
    edges = (
        VEdge("n1", "n2", "采购单", ident="F3.1", style="data"),
        VEdge("n2", "n7", "不合格采购单", ident="F3.2", style="data"),
        VEdge("n2", "n3", "合格采购单", ident="F3.3", style="data"),
        VEdge("n3", "n4", "入库单", ident="F3.4", style="data"),
        VEdge("n6", "n4", "送货单", ident="F3.5", style="data"),
        VEdge("n4", "n5", "库存记录", ident="F3.6", style="data"),
        VEdge("n4", "n2", "退回", style="data", back=True),
    )
    return View(name="dfd", title="P3", kind="dfd", nodes=nodes, edges=edges, direction="LR",
                notation="yourdon")


@needs_dot
@pytest.mark.parametrize("make", [lambda: lane_view(), lambda: lane_view("horizontal"), dfd_lr,
                                  hostile_view])
def test_edge_labels_do_not_overlap_nodes(make):
    from flowdsl.render import layout_view
    from flowdsl.render.dot import EDGE_LABEL_GAP, edge_label_spec, node_spec

    v = make()
    lay = layout_view(v)
    boxes = []
    for n in v.nodes:
        nb, sp = lay.nodes[n.id], node_spec(v, n)
        boxes.append((n.id, nb.x - sp.width / 2, nb.y - sp.height / 2,
                      nb.x + sp.width / 2, nb.y + sp.height / 2))
    checked = 0
    for i, e in enumerate(v.edges, 1):
        ls = edge_label_spec(e)
        if ls is None:
            continue
        ep = next(x for x in lay.edges if x.id == f"e{i}")
        lx, ly = ep.label_pos
        w, h = ls.width - 2 * EDGE_LABEL_GAP, ls.height
        for nid, x0, y0, x1, y1 in boxes:
            overlap = lx - w / 2 < x1 - 0.5 and lx + w / 2 > x0 + 0.5 and \
                ly - h / 2 < y1 - 0.5 and ly + h / 2 > y0 + 0.5
            assert not overlap, (e.label, nid)
        checked += 1
    assert checked


def test_dot_and_svg_independent_of_hash_seed():
    import os
    import subprocess
    import sys
    code = ("import sys, hashlib; sys.path.insert(0, 'tests');"
            "import test_render_dot as t; from flowdsl.render import view_to_dot;"
            "print(hashlib.sha256(''.join(view_to_dot(f()) for f in "
            "(t.lane_view, t.hostile_view, t.dfd_lr)).encode()).hexdigest())")
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    outs = set()
    for seed in ("1", "2", "12345"):
        env = dict(os.environ, PYTHONHASHSEED=seed)
        r = subprocess.run([sys.executable, "-c", code], cwd=root, env=env,
                           capture_output=True, text=True)
        assert r.returncode == 0, r.stderr
        outs.add(r.stdout)
    assert len(outs) == 1


def zigzag_view(direction="vertical"):
    """A chain that jumps between 7 lanes: Graphviz's crossing minimisation reorders
    the lane clusters of this one, so the renderer needs its second, ranked pass."""
    lanes = tuple(f"岗位{i}" for i in range(1, 8))
    seq = [0, 3, 1, 6, 2, 5, 4, 0, 6, 3, 2, 1, 5]
    nodes = tuple(VNode(f"n{i + 1}", "step" if i % 2 == 0 else "document", f"步骤{i + 1}",
                        lane=lanes[k]) for i, k in enumerate(seq))
    edges = tuple(VEdge(f"n{i}", f"n{i + 1}", "同意" if i == 3 else None)
                  for i in range(1, len(seq)))
    edges += (VEdge("n9", "n2", "退回", back=True),)
    return View(name="z", title="z", kind="business", nodes=nodes, edges=edges, lanes=lanes,
                lane_direction=direction)


@needs_dot
@pytest.mark.parametrize("direction", ["vertical", "horizontal"])
def test_lanes_keep_declared_order_when_graphviz_reorders_clusters(direction):
    from flowdsl.render import _run_layout, layout_view
    from flowdsl.render import layout as L
    from flowdsl.render.dot import node_spec

    v = zigzag_view(direction)
    horizontal = direction == "horizontal"
    # the plain cluster layout really is out of order (else this test tests nothing)
    assert not L.lanes_in_order(_run_layout(v, 30), 7, horizontal)
    lay = layout_view(v)
    assert L.lanes_in_order(lay, 7, horizontal)
    assert not any(name.startswith("spine") for name in lay.nodes)
    boxes = [lay.clusters[f"cluster_lane{k}"] for k in range(1, 8)]
    for node in v.nodes:           # every node lies inside its own lane
        k = v.lanes.index(node.lane)
        nb, spec = lay.nodes[node.id], node_spec(v, node)
        lo, hi = (nb.y - spec.height / 2, nb.y + spec.height / 2) if horizontal else \
            (nb.x - spec.width / 2, nb.x + spec.width / 2)
        blo, bhi = (boxes[k].y0, boxes[k].y1) if horizontal else (boxes[k].x0, boxes[k].x1)
        assert blo < lo and hi < bhi, (node.id, k)
    for k in range(1, 8):          # the lane headers, in order, one row
        h = lay.nodes[f"lane{k}"]
        b = boxes[k - 1]
        assert (b.y0 < h.y < b.y1) if horizontal else (b.x0 < h.x < b.x1)
    # the flow still goes down (right): ranks of the first pass are kept
    axis = (lambda n: lay.nodes[n].x) if horizontal else (lambda n: lay.nodes[n].y)
    for i in range(1, 13):
        assert axis(f"n{i}") < axis(f"n{i + 1}")
    # all edges drawn, the back edge still has one arrowhead
    ids = [e.id for e in lay.edges if e.id]
    assert sorted(ids, key=lambda s: int(s[1:])) == [f"e{i}" for i in range(1, 14)]
    back = next(e for e in lay.edges if e.id == "e13")
    assert (back.start is None) != (back.end is None)


def test_repair_lanes_moves_a_stray_node_into_its_lane():
    from flowdsl.render.layout import BBox, EdgePath, Layout, NodeBox, misplaced_nodes, repair_lanes
    v = View(name="r", title="r", kind="business", lanes=("甲", "乙"),
             nodes=(VNode("n1", "step", "一", lane="甲"), VNode("n2", "step", "二", lane="甲")),
             edges=(VEdge("n1", "n2", "下一步"),))
    nodes = {"n1": NodeBox("n1", 60, 50, 80, 40, {"shape": "box"}),
             "n2": NodeBox("n2", 260, 150, 80, 40, {"shape": "box"})}        # stray: in lane 2
    edges = (EdgePath("e1", "n1", "n2", ((60, 70), (100, 100), (200, 110), (250, 121)), (255, 130),
                      None, (150, 100)),)
    clusters = {"cluster_lane1": BBox(0, 0, 150, 200), "cluster_lane2": BBox(150, 0, 300, 200)}
    lay = Layout(300, 200, nodes, edges, clusters)
    assert misplaced_nodes(lay, v, False) == [("n2", 1)]
    fixed = repair_lanes(lay, v, False)
    assert misplaced_nodes(fixed, v, False) == []
    n2 = fixed.nodes["n2"]
    assert n2.y == 150 and 0 < n2.x - 40 and n2.x + 40 < 150
    e = fixed.edges[0]
    assert e.end == (pytest.approx(n2.x, abs=25), pytest.approx(130, abs=0.01))   # touches n2's top
    assert e.points[0][1] == pytest.approx(70)                                      # leaves n1's bottom
    assert repair_lanes(fixed, v, False) is fixed                                   # no-op when correct


@needs_dot
def test_two_pass_lane_layout_is_deterministic():
    from flowdsl.render import render_view
    v = zigzag_view()
    a = render_view(v, "svg")
    assert a == render_view(v, "svg")
    assert b"spine" not in a and a.count(b'class="lane-divider"') == 6


def test_vertical_lanes_are_packed_narrower_than_horizontal_ones():
    """Vertical lanes sit side by side across the sheet (issue 9 item 6): little node
    separation, step text wrapped at 6 em, lane headers from 72 pt; horizontal lanes
    and charts without lanes keep nodesep 0.4 and the 9 em wrap."""
    from dataclasses import replace

    from flowdsl.render.dot import LANE_NODESEP
    from flowdsl.render.specs import LANE_HEADER_MIN, lane_header_spec, node_spec

    vert, horiz = lane_view("vertical"), lane_view("horizontal")
    assert f"nodesep={LANE_NODESEP}," in view_to_dot(vert) and LANE_NODESEP == "0.05"
    assert "nodesep=0.4," in view_to_dot(horiz)
    plain = replace(vert, lanes=(), nodes=tuple(replace(n, lane=None) for n in vert.nodes))
    assert "nodesep=0.4," in view_to_dot(plain)
    long_step = VNode("s", "step", "根据仓库调拨单生成销售出库单", lane="保管员")
    from flowdsl.render.metrics import text_width
    narrow, wide = node_spec(vert, long_step).lines, node_spec(horiz, long_step).lines
    assert "".join(narrow) == "".join(wide) == long_step.label
    assert len(narrow) == 3 and max(text_width(t) for t in narrow) <= 6
    assert len(wide) == 2 and max(text_width(t) for t in wide) > 6
    assert node_spec(vert, long_step).width < node_spec(horiz, long_step).width
    assert lane_header_spec(vert, "保管员").width == LANE_HEADER_MIN
