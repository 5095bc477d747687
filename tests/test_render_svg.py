"""flowdsl.render: SVG drawing, PNG/PDF conversion, determinism and safety."""

import re
import shutil
import xml.etree.ElementTree as ET

import pytest

from flowdsl.views.graph import View, VEdge, VNode

needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz not installed")
needs_rsvg = pytest.mark.skipif(shutil.which("rsvg-convert") is None, reason="rsvg-convert not installed")
pytestmark = needs_dot

SVG = "{http://www.w3.org/2000/svg}"
HOSTILE = ('<script>alert(1)</script>"><img src=x onerror="alert(2)"> '
           "<a href='javascript:alert(3)'>x</a> ]]> <!-- \x00\x07 \u202e")


def purchasing(**kw):
    nodes = (
        VNode("n1", "unit", "采购部"),
        VNode("n2", "step", "查询库存信息及用户需求"),
        VNode("n3", "ledger", "库存帐"),
        VNode("n4", "step", "编制采购订货单"),
        VNode("n5", "document", "采购订货单"),
        VNode("n6", "unit_ext", "供应商"),
        VNode("n7", "unit", "检验人员"),
        VNode("n8", "decision", "验货"),
        VNode("n9", "document", "采购收货单"),
        VNode("n10", "unit", "库房管理员"),
        VNode("n11", "step", "登记"),
        VNode("n12", "ledger", "流水帐"),
        VNode("n13", "collect", "统计"),
        VNode("n14", "start", ""),
        VNode("n15", "end", ""),
    )
    edges = (
        VEdge("n14", "n1"), VEdge("n1", "n2"), VEdge("n3", "n2"), VEdge("n2", "n4"),
        VEdge("n4", "n5"), VEdge("n5", "n6"), VEdge("n6", "n7", "货物", style="goods"),
        VEdge("n7", "n8"), VEdge("n8", "n9", "合格"),
        VEdge("n8", "n6", "不合格", back=True, style="goods"),
        VEdge("n9", "n10"), VEdge("n10", "n11"), VEdge("n11", "n12"), VEdge("n12", "n13"),
        VEdge("n13", "n15"),
    )
    d = dict(name="物资订货", title="采购业务流程图", kind="business", nodes=nodes, edges=edges,
             title_block=(("业务名称", "物资采购"), ("制图", "张三"), ("审核", "李四")), page=(1, 2))
    d.update(kw)
    return View(**d)


def lanes(direction="vertical"):
    nodes = (
        VNode("n1", "step", "录入销售订单", lane="销售助理", location="销售管理"),
        VNode("n2", "step", "审核销售订单", lane="销售主管", control="C1"),
        VNode("n3", "document", "发货单", lane="保管员"),
    )
    return View(name="销售", title="销售", kind="business", nodes=nodes,
                edges=(VEdge("n1", "n2"), VEdge("n2", "n3", "同意"), VEdge("n2", "n1", "退回", back=True)),
                lanes=("销售助理", "销售主管", "保管员"), lane_direction=direction, lane_header="岗位")


def dfd(notation="textbook"):
    nodes = (
        VNode("n1", "entity", "顾客", ident="E1"),
        VNode("n2", "process", "采购单审核", ident="P3.1", location="采购科"),
        VNode("n3", "store", "图书库存情况存档", ident="S2"),
        VNode("n4", "entity", "顾客", ident="E1", repeat=True),
    )
    edges = (VEdge("n1", "n2", "采购单", ident="F3.1", style="data"),
             VEdge("n2", "n3", "库存记录", style="data"),
             VEdge("n2", "n4", "不合格采购单", ident="F3.2", style="data"))
    return View(name="dfd", title="P3", kind="dfd", nodes=nodes, edges=edges, notation=notation)


def svg_of(view) -> str:
    from flowdsl.render import render_view
    data = render_view(view, "svg")
    assert isinstance(data, bytes)
    return data.decode("utf-8")


def groups(root, cls_word):
    return [g for g in root.iter(SVG + "g") if cls_word in (g.get("class") or "").split()]


def texts(el) -> str:
    return "".join(t.strip() for t in el.itertext())


def test_svg_is_well_formed_with_symbols():
    svg = svg_of(purchasing())
    root = ET.fromstring(svg.encode())
    assert root.tag == SVG + "svg"
    assert root.find(SVG + "title").text == "采购业务流程图"
    nodes = groups(root, "node")
    assert len(nodes) == 15
    assert [g.get("id") for g in nodes] == [f"flowdsl-n{i}" for i in range(1, 16)]
    docs = groups(root, "document")
    assert len(docs) == 2
    assert sorted(texts(g) for g in docs) == ["采购收货单", "采购订货单"]
    for g in docs:   # the wavy bottom edge is a real cubic bezier
        wave = [p for p in g.iter(SVG + "path") if "wave" in (p.get("class") or "")]
        assert len(wave) == 1 and "C" in wave[0].get("d")
    for kind in ("unit", "unit_ext", "step", "decision", "ledger", "collect", "start", "end"):
        assert groups(root, kind), kind
    assert len(groups(root, "unit_ext")[0].findall(SVG + "circle")) == 2     # double circle
    ledger = groups(root, "ledger")[0]
    open_box = [p for p in ledger.iter(SVG + "path") if "open-box" in (p.get("class") or "")]
    assert open_box and "Z" not in open_box[0].get("d")                     # open on one side
    for g in groups(root, "node"):
        assert g.find(SVG + "text") is not None
    edges = groups(root, "edge")
    assert len(edges) == 15
    assert len([e for e in edges if "goods" in e.get("class").split()]) == 2
    assert len([e for e in edges if "info" in e.get("class").split()]) == 13
    for e in edges:
        assert e.find(SVG + "path") is not None
    assert "不合格" in svg and "合格" in svg and "货物" in svg
    assert "Noto Sans CJK SC" in svg
    assert "第 1 张" in svg and "共 2 张" in svg and "业务名称" in svg


def test_svg_box_units_and_diamond():
    root = ET.fromstring(svg_of(purchasing(unit_shape="box", decision_shape="diamond")).encode())
    assert groups(root, "unit")[0].find(SVG + "rect") is not None
    assert groups(root, "unit")[0].find(SVG + "circle") is None
    d = groups(root, "decision")[0].find(SVG + "path").get("d")
    assert d.count("L") == 3 and d.endswith("Z")           # a diamond


def test_svg_is_deterministic():
    from flowdsl.render import render_view
    for v in (purchasing(), lanes(), lanes("horizontal"), dfd(), dfd("yourdon")):
        assert render_view(v, "svg") == render_view(v, "svg")
        assert render_view(v, "dot") == render_view(v, "dot")


def test_svg_numbers_fixed_precision():
    svg = svg_of(dfd())
    nums = re.findall(r'(?<![-\w])(?:x|y|cx|cy|width|height|r|rx)="(-?[0-9.]+)"', svg)
    assert nums and all(re.fullmatch(r"-?\d+\.\d\d", n) for n in nums)


@pytest.mark.parametrize("notation", ["textbook", "gane-sarson", "yourdon"])
def test_svg_hostile_labels(notation):
    nodes = (
        VNode("n1", "step", HOSTILE, location=HOSTILE, control=HOSTILE),
        VNode("n2", "document", HOSTILE),
        VNode("n3", "process", HOSTILE, ident=HOSTILE, location=HOSTILE),
        VNode("n4", "entity", HOSTILE, ident=HOSTILE, repeat=True),
        VNode("n5", "store", HOSTILE, ident=HOSTILE),
    )
    edges = (VEdge("n1", "n2", HOSTILE, ident=HOSTILE), VEdge("n3", "n5", HOSTILE))
    v = View(name=HOSTILE, title=HOSTILE, kind="business", nodes=nodes, edges=edges,
             lanes=(), title_block=((HOSTILE, HOSTILE),), extra=((HOSTILE, HOSTILE),),
             notation=notation)
    svg = svg_of(v)
    root = ET.fromstring(svg.encode())            # still well-formed XML
    low = svg.lower()
    assert "<script" not in low and "<img" not in low and "<a " not in low
    assert not re.search(r"\son\w+\s*=", low)
    assert "javascript:" not in low
    assert "<!--" not in svg and "\x00" not in svg and "\x07" not in svg and "\u202e" not in svg
    for el in root.iter():
        assert el.tag.startswith(SVG)
        assert el.tag[len(SVG):] in {"svg", "title", "g", "rect", "path", "circle", "text", "tspan"}
        for attr in el.attrib:
            assert not attr.lower().startswith("on")
            assert "href" not in attr
    # the text is still there, as text
    assert "<script>alert(1)</script>" in texts(root)


def test_svg_swimlanes_vertical():
    svg = svg_of(lanes())
    root = ET.fromstring(svg.encode())
    names = [texts(t) for t in root.iter(SVG + "text") if t.get("class") == "lane-name"]
    assert names == ["销售助理", "销售主管", "保管员"]
    xs = [float(t.get("x")) for t in root.iter(SVG + "text") if t.get("class") == "lane-name"]
    assert xs == sorted(xs)
    dividers = [p.get("d") for p in root.iter(SVG + "path") if p.get("class") == "lane-divider"]
    assert len(dividers) == 2
    frame = next(r for r in root.iter(SVG + "rect") if r.get("class") == "lane-frame")
    top = float(frame.get("y"))
    bottom = top + float(frame.get("height"))
    for d in dividers:     # straight vertical lines over the full height: "Mx,y0 Vy1"
        m = re.fullmatch(r"M([0-9.]+),([0-9.]+) V([0-9.]+)", d)
        assert m and float(m.group(3)) == pytest.approx(bottom)
    assert "岗位" in svg
    # node n1 lies inside lane 1, n2 inside lane 2 (between the dividers)
    bounds = sorted(float(re.match(r"M([0-9.]+)", d).group(1)) for d in dividers)
    rect_x = {}
    for g in groups(root, "node"):
        r = g.find(SVG + "rect")
        if r is None:
            continue
        rect_x[g.get("id")] = (float(r.get("x")), float(r.get("x")) + float(r.get("width")))
    assert rect_x["flowdsl-n1"][1] < bounds[0] < rect_x["flowdsl-n2"][0]
    assert rect_x["flowdsl-n2"][1] < bounds[1]
    doc_x = [float(v) for v in re.findall(r"[MHC ]([0-9.]+),", groups(root, "document")[0].find(SVG + "path").get("d"))]
    assert bounds[1] < min(doc_x)
    # location band and control marker
    assert "销售管理" in svg
    assert any(c.get("class") == "control" for c in root.iter(SVG + "circle"))
    assert "C1" in texts(groups(root, "step")[1])


def test_svg_swimlanes_horizontal():
    root = ET.fromstring(svg_of(lanes("horizontal")).encode())
    ys = [float(t.get("y")) for t in root.iter(SVG + "text") if t.get("class") == "lane-name"]
    assert len(ys) == 3 and ys == sorted(ys)
    dividers = [p.get("d") for p in root.iter(SVG + "path") if p.get("class") == "lane-divider"]
    assert len(dividers) == 2 and all(re.fullmatch(r"M[0-9.]+,[0-9.]+ H[0-9.]+", d) for d in dividers)


@pytest.mark.parametrize("notation", ["textbook", "gane-sarson", "yourdon"])
def test_svg_dfd_symbols(notation):
    svg = svg_of(dfd(notation))
    root = ET.fromstring(svg.encode())
    assert len(groups(root, "entity")) == 2
    assert len(groups(root, "process")) == 1 and len(groups(root, "store")) == 1
    assert "P3.1" in texts(groups(root, "process")[0])
    assert "采购单审核" in texts(groups(root, "process")[0])
    assert "S2" in texts(groups(root, "store")[0])
    assert "F3.1 采购单" in svg
    repeat = [p for p in groups(root, "entity")[1].iter(SVG + "path") if p.get("class") == "repeat"]
    assert len(repeat) == 1
    if notation == "yourdon":
        assert groups(root, "process")[0].find(SVG + "circle") is not None
        lines = [p for p in groups(root, "store")[0].iter(SVG + "path") if p.get("class") == "parallel-lines"]
        assert lines
    else:
        assert "E1" in texts(groups(root, "entity")[0])
        assert groups(root, "process")[0].find(SVG + "rect").get("rx")    # rounded
        assert "采购科" in texts(groups(root, "process")[0])


@needs_rsvg
def test_png_output():
    from flowdsl.render import render_view
    png = render_view(purchasing(), "png")
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    import struct
    w, h = struct.unpack(">II", png[16:24])
    assert 300 < w < 6000 and 600 < h < 12000


@needs_rsvg
def test_pdf_output_and_pages():
    from flowdsl.render import render_pdf_pages, render_view
    pdf = render_view(dfd(), "pdf")
    assert pdf.startswith(b"%PDF")
    assert len(re.findall(rb"/Type\s*/Page\b", pdf)) == 1
    views = [purchasing(), lanes(), dfd("yourdon")]
    multi = render_pdf_pages(views, paper="none")   # natural size: one page per view
    assert multi.startswith(b"%PDF")
    assert len(re.findall(rb"/Type\s*/Page\b", multi)) == len(views)


def test_dot_format_is_the_layout_input():
    from flowdsl.render import render_view, view_to_dot
    assert render_view(dfd(), "dot") == view_to_dot(dfd()).encode("utf-8")


def test_unknown_format():
    from flowdsl.render import render_view
    with pytest.raises(ValueError):
        render_view(dfd(), "gif")


def test_long_module_wraps_inside_its_band_and_long_control_becomes_a_pill():
    import xml.etree.ElementTree as ET

    import flowdsl

    text = ('chart c {\n  lanes vertical\n  unit 甲\n  unit 乙\n'
            '  step s "录入销售订单" by 甲 module "销售管理与客户关系管理模块（含信用控制）" '
            'control "C12-关键控制点：信用额度审批"\n  step t "开票" by 乙 control C2\n  甲 -> s -> t\n}')
    svg = flowdsl.parse(text).views[0].render("svg")
    root = ET.fromstring(svg)
    ns = "{http://www.w3.org/2000/svg}"
    node = next(g for g in root.iter(ns + "g") if (g.get("class") or "").startswith("node step")
                and "录入销售订单" in "".join(g.itertext()))
    rect = next(node.iter(ns + "rect"))
    x0, w = float(rect.get("x")), float(rect.get("width"))
    loc = next(t for t in node.iter(ns + "text") if t.get("class") == "location")
    spans = list(loc.iter(ns + "tspan"))
    assert len(spans) >= 2                                     # wrapped, not one long line
    assert "".join(s.text for s in spans) == "销售管理与客户关系管理模块（含信用控制）"
    assert w <= 200                                            # the symbol did not balloon
    # the long control point: a pill (rect) with the text cut and the full text as a tooltip
    pill = [r for r in node.iter(ns + "rect") if r.get("class") == "control"]
    assert pill and float(pill[0].get("width")) < 120
    assert node.find(ns + "title").text == "C12-关键控制点：信用额度审批"
    assert "…" in "".join(t.text or "" for t in node.iter(ns + "tspan") if t.text and t.text.startswith("C12"))
    # a short control point keeps the circled tag
    other = next(g for g in root.iter(ns + "g") if "开票" in "".join(g.itertext()) and (g.get("class") or "").startswith("node"))
    assert any(c.get("class") == "control" for c in other.iter(ns + "circle"))
