"""The sample files: every invalid sample reports its code at the position its first
line promises; every valid sample (the cases of the seed document) is clean."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

import flowdsl

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
INVALID = sorted((SAMPLES / "invalid").glob("FD[0-2]*.flow"))
VALID = sorted(SAMPLES.glob("*.flow"))
EXPECT = re.compile(rb"^#\s*expect:\s*(FD\d{3})\s+(\d+):(\d+)\s*$")


def _expect(path: Path) -> tuple[str, int, int]:
    first = path.read_bytes().split(b"\n", 1)[0].rstrip(b"\r")
    m = EXPECT.match(first)
    assert m, f"{path.name}: first line must be '# expect: FDnnn LINE:COL'"
    return m.group(1).decode(), int(m.group(2)), int(m.group(3))


def test_every_business_and_syntax_code_has_an_invalid_sample():
    from flowdsl.diagnostics.codes import CODES

    wanted = {c for c in CODES if c[:3] in ("FD0", "FD1", "FD2")}
    have = {_expect(p)[0] for p in INVALID}
    assert wanted <= have, f"codes without a sample: {sorted(wanted - have)}"
    for p in INVALID:  # the file name starts with the code it demonstrates
        assert p.name.startswith(_expect(p)[0] + "-"), p.name


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.stem)
def test_invalid_sample_reports_its_code_at_the_expected_position(path: Path):
    code, line, col = _expect(path)
    case = flowdsl.load(str(path))
    found = [(d.code, d.span.line, d.span.column) for d in case.diagnostics]
    assert (code, line, col) in found, f"{path.name}: expected {code} at {line}:{col}, got {found}"
    # the sample demonstrates one mistake: no other code is reported
    assert {c for c, _, _ in found} == {code}, found


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.stem)
def test_check_command_fails_on_invalid_sample(path: Path):
    code, line, col = _expect(path)
    run = subprocess.run([sys.executable, "-m", "flowdsl", "check", str(path)],
                         capture_output=True, text=True, encoding="utf-8", errors="replace", timeout=120)
    assert run.returncode == 1, run.stderr
    assert f"{path.name}:{line}:{col}:" in run.stdout + run.stderr
    assert f"[{code}]" in run.stdout + run.stderr
    assert "Traceback" not in run.stderr


def test_fd000_sample_is_not_decodable():
    raw = (SAMPLES / "invalid" / "FD000-not-utf8-or-gb18030.flow").read_bytes()
    for enc in ("utf-8", "gb18030"):
        with pytest.raises(UnicodeDecodeError):
            raw.decode(enc)


@pytest.mark.parametrize("path", VALID, ids=lambda p: p.stem)
def test_valid_sample_has_no_diagnostic(path: Path):
    case = flowdsl.load(str(path))
    assert case.diagnostics == [], [f"{d.code} {d.span.line}:{d.span.column} {d.message}"
                                    for d in case.diagnostics]
    assert case.views, f"{path.name} draws nothing"


def test_valid_samples_cover_the_business_cases():
    names = {p.name[:2] for p in VALID}
    assert {"01", "02", "03", "04", "05", "07"} <= names
    bookstore = flowdsl.load(str(SAMPLES / "03-bookstore.flow"))
    assert [v.name for v in bookstore.views if v.view.kind == "business"] == ["进书", "售书"]


def test_swimlane_samples_put_every_step_in_its_units_lane():
    for name in ("05-erp-sales.flow", "07-internal-control.flow"):
        case = flowdsl.load(str(SAMPLES / name))
        chart = case.model.charts[0]
        view = next(v.view for v in case.views if v.view.kind == "business")
        assert view.lanes == tuple(chart.lanes)
        by_id = {n.id: n for n in view.nodes}
        for i, el in enumerate(chart.elements, 1):  # view ids follow declaration order
            if el.kind in ("step", "decision"):
                assert by_id[f"n{i}"].label == el.text
                assert by_id[f"n{i}"].lane == el.unit, (name, el.key)
        # lane units are named by the lane headers, not drawn again as circles
        assert not [n for n in view.nodes if n.kind in ("unit", "unit_ext")]


def test_erp_sample_carries_modules_and_internal_control_carries_thresholds():
    erp = flowdsl.load(str(SAMPLES / "05-erp-sales.flow")).views[0].view
    assert {n.location for n in erp.nodes if n.kind == "step"} >= {"销售管理", "库存管理", "存货核算", "应收管理"}
    ic = flowdsl.load(str(SAMPLES / "07-internal-control.flow")).views[0].view
    labels = {e.label for e in ic.edges if e.label}
    assert {"≥200万", "<200万", "≥500万", "<500万", "≥2000万", "<2000万"} <= labels
    controls = [n.control for n in ic.nodes if n.control]
    assert len(controls) == len(set(controls)) >= 10


def test_swimlane_end_sits_in_the_lane_where_most_paths_finish():
    # 07: one early exit (可研未通过, 专家组) and two normal ends (项目责任部门); the
    # main 结束 is in 项目责任部门, branches ending far from it get a local 结束 in their lane
    ic = flowdsl.load(str(SAMPLES / "07-internal-control.flow")).views[0].view
    assert [n.lane for n in ic.nodes if n.id == "end"] == ["项目责任部门"]
    assert "专家组" in [n.lane for n in ic.nodes if n.kind == "end" and n.id != "end"]
    # 05: a tie between 材料成本会计 and 应收往来会计 goes to the last one written
    erp = flowdsl.load(str(SAMPLES / "05-erp-sales.flow")).views[0].view
    assert [n.lane for n in erp.nodes if n.id == "end"] == ["应收往来会计"]
