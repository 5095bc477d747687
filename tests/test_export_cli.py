"""``flowdsl export``: output folders per input, exit codes, every format deterministic."""

from __future__ import annotations

import os
import shutil

import pytest

import flowdsl
from flowdsl.app.cli import main

HERE = os.path.dirname(__file__)
SAMPLE = os.path.join(HERE, "..", "samples", "01-purchasing.flow")
CHART = """chart 请假 "请假流程" {
  unit 员工
  unit 主管
  document 请假单
  员工 -> 请假单 -> 主管
}
"""


def test_two_students_same_name_never_collide(tmp_path, capsys):
    for who in ("alice", "bob"):
        (tmp_path / "class" / who).mkdir(parents=True)
        (tmp_path / "class" / who / "hw.flow").write_text(CHART.replace("员工", who), encoding="utf-8")
    out = tmp_path / "out"
    assert main(["export", str(tmp_path / "class"), "--to", "mermaid", "-o", str(out)]) == 0
    a = (out / "alice" / "hw" / "请假.mmd").read_text(encoding="utf-8")
    b = (out / "bob" / "hw" / "请假.mmd").read_text(encoding="utf-8")
    assert "alice" in a and "bob" in b
    assert "2 file(s) written from 2 input(s), 0 failed" in capsys.readouterr().err


def test_drawio_is_one_file_per_case_with_a_page_per_diagram(tmp_path):
    assert main(["export", SAMPLE, "--to", "drawio", "-o", str(tmp_path)]) == 0
    files = os.listdir(tmp_path / "01-purchasing")
    assert files == ["物资订货.drawio"]
    data = (tmp_path / "01-purchasing" / files[0]).read_bytes()
    assert data.count(b"<diagram ") == len(flowdsl.load(SAMPLE).views)


def test_errors_and_missing_paths(tmp_path, capsys):
    bad = tmp_path / "bad.flow"
    bad.write_text("chart x {\n  a -> b\n}\n", encoding="utf-8")
    good = tmp_path / "good.flow"
    good.write_text(CHART, encoding="utf-8")
    out = tmp_path / "out"
    assert main(["export", str(bad), str(good), "--to", "bpmn", "-o", str(out), "--color", "never"]) == 1
    err = capsys.readouterr().err
    assert "bad.flow:2:3: error[FD101]" in err
    assert os.listdir(out / "good") == ["请假.bpmn"] and not (out / "bad").exists()
    assert main(["export", str(tmp_path / "nope.flow"), "--to", "dot", "-o", str(out)]) == 2
    assert "no such file or folder" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exc:
        main(["export", str(good), "--to", "visio"])
    assert exc.value.code == 2


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz (dot) not installed")
@pytest.mark.parametrize("fmt", ["drawio", "dot", "graphml", "mermaid", "plantuml", "bpmn"])
def test_every_format_is_deterministic(fmt):
    a = flowdsl.load(SAMPLE).export(fmt)
    assert a and a == flowdsl.load(SAMPLE).export(fmt)
