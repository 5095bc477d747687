"""DFD outputs of the CLI: one file per level, a multi-page PDF of all levels in order,
and the three notations."""

import re
import xml.etree.ElementTree as ET

import pytest

import flowdsl
from flowdsl.app.cli import main

SAMPLE = "samples/03-bookstore.flow"


def pdf_pages(data: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page(?![s\w])", data))


def test_levels_pdf_has_every_level_in_order(tmp_path):
    assert main(["render", SAMPLE, "-o", str(tmp_path), "-f", "pdf", "-j", "1"]) == 0
    case = flowdsl.load(SAMPLE)
    assert [d.name for d in case.dfd_levels["进书"]] == ["进书-context", "进书-0", "进书-P3"]
    assert [d.name for d in case.dfd_levels["售书"]] == ["售书-context", "售书-0", "售书-P1"]
    for dfd, levels in case.dfd_levels.items():
        data = (tmp_path / "03-bookstore" / f"{dfd}-levels.pdf").read_bytes()
        assert data.startswith(b"%PDF")
        assert pdf_pages(data) == len(levels)
        # and one PDF per level besides
        for d in levels:
            assert (tmp_path / "03-bookstore" / f"{d.name}.pdf").read_bytes().startswith(b"%PDF")


def node_classes(svg: bytes) -> set[str]:
    root = ET.fromstring(svg)
    return {g.get("class") for g in root.iter("{http://www.w3.org/2000/svg}g") if (g.get("class") or "").startswith("node")}


@pytest.mark.parametrize("notation", ["textbook", "gane-sarson", "yourdon"])
def test_notation_flag_reaches_the_svg(tmp_path, notation):
    assert main(["render", SAMPLE, "-o", str(tmp_path), "-f", "svg", "-j", "1", "--notation", notation]) == 0
    svg = (tmp_path / "03-bookstore" / "进书-P3.svg").read_bytes()
    root = ET.fromstring(svg)
    assert root.get("data-notation") == notation
    text = "".join(root.itertext())
    for ident in ("P3.1", "P3.2", "P3.3", "F3.1", "F3.2", "S2"):
        assert ident in text


def test_notations_draw_different_symbols():
    case_text = open(SAMPLE, encoding="utf-8").read()
    svgs = {n: flowdsl.parse(case_text, notation=n).view("进书-P3").render("svg") for n in ("textbook", "gane-sarson", "yourdon")}
    assert len(set(svgs.values())) == 3
    assert b"<circle" in svgs["yourdon"]          # Yourdon–DeMarco: processes are bubbles
    assert b"<circle" not in svgs["textbook"]     # textbook: rounded three-band rectangles


def test_notation_changes_the_cache_key(tmp_path):
    out = str(tmp_path)
    assert main(["render", SAMPLE, "-o", out, "-f", "svg", "-j", "1"]) == 0
    first = (tmp_path / "03-bookstore" / "进书-P3.svg").read_bytes()
    assert main(["render", SAMPLE, "-o", out, "-f", "svg", "-j", "1", "--notation", "yourdon"]) == 0
    assert (tmp_path / "03-bookstore" / "进书-P3.svg").read_bytes() != first
