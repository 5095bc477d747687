"""Where outputs go (issue 11, items 1–3): one folder per input file, one file per
diagram, no silent overwrite, no out-of-date output left beside a failure."""

from __future__ import annotations

import json
import os

import pytest

from conftest import files_below
from flowdsl.app.batch import CACHE_NAME
from flowdsl.app.cli import main
from flowdsl.app.outputs import distinct_names, output_folders, safe_filename


def chart(name: str, who: str) -> str:
    return f"chart {name} {{\n  unit {who}\n  unit 主管\n  document 单\n  {who} -> 单 -> 主管\n}}\n"


BROKEN = "chart 坏 {\n  unit 员工\n  unit 主管\n  员工 -> 主官\n}\n"


def written(folder) -> dict[str, bytes]:
    return files_below(folder, skip={CACHE_NAME})


@pytest.fixture(autouse=True)
def english(monkeypatch):
    monkeypatch.setenv("LC_ALL", "C")


def test_same_file_name_in_two_folders_goes_to_two_places(tmp_path, capsys):
    for who in ("alice", "bob"):
        (tmp_path / who).mkdir()
        (tmp_path / who / "hw.flow").write_text(chart("作业", who), encoding="utf-8")
    out = tmp_path / "out"
    args = ["render", str(tmp_path / "alice"), str(tmp_path / "bob"), "-o", str(out), "-f", "dot"]
    assert main(args) == 0
    files = written(out)
    assert sorted(files) == ["alice/hw/作业.dot", "bob/hw/作业.dot"]
    assert b"alice" in files["alice/hw/作业.dot"] and b"bob" not in files["alice/hw/作业.dot"]
    assert b"bob" in files["bob/hw/作业.dot"]
    capsys.readouterr()
    # second run: both cached, each still showing its own student's diagram
    (tmp_path / "bob" / "hw.flow").write_text(chart("作业", "bobby"), encoding="utf-8")
    assert main(args) == 0
    assert "1 rendered, 1 cached, 0 failed" in capsys.readouterr().err
    files = written(out)
    assert b"alice" in files["alice/hw/作业.dot"] and b"bobby" in files["bob/hw/作业.dot"]


def test_files_of_one_folder_keep_the_flat_layout(tmp_path):
    src = tmp_path / "samples"
    src.mkdir()
    for i in range(2):
        (src / f"c{i}.flow").write_text(chart(f"流程{i}", "员工"), encoding="utf-8")
    out = tmp_path / "out"
    assert main(["render", str(src / "c0.flow"), str(src / "c1.flow"), "-o", str(out), "-f", "dot"]) == 0
    assert sorted(written(out)) == ["c0/流程0.dot", "c1/流程1.dot"]


def test_same_stem_with_two_suffixes_keeps_the_suffix(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    (src / "x.flow").write_text(chart("甲", "员工"), encoding="utf-8")
    (src / "x.flowdsl").write_text(chart("乙", "员工"), encoding="utf-8")
    (src / "y.flow").write_text(chart("丙", "员工"), encoding="utf-8")
    out = tmp_path / "out"
    assert main(["render", str(src), "-o", str(out), "-f", "dot", "-j", "2"]) == 0
    assert sorted(written(out)) == ["x.flow/甲.dot", "x.flowdsl/乙.dot", "y/丙.dot"]


def test_a_collision_that_remains_is_an_error_naming_both(tmp_path, capsys):
    src = tmp_path / "src"
    src.mkdir()
    (src / "HW.flow").write_text(chart("甲", "员工"), encoding="utf-8")
    (src / "hw.flow").write_text(chart("乙", "员工"), encoding="utf-8")
    subs, clashes = output_folders([str(src / "HW.flow"), str(src / "hw.flow")], [str(src)])
    assert subs == ["HW.flow", None] and clashes == {1: 0}
    out = tmp_path / "out"
    assert main(["render", str(src), "-o", str(out), "-f", "dot"]) == 1
    err = capsys.readouterr().err
    assert f"{src / 'hw.flow'}: error: its output folder would be the same as that of {src / 'HW.flow'}" in err
    assert sorted(written(out)) == ["HW.flow/甲.dot"]
    assert "1 rendered, 0 cached, 1 failed" in err


def test_diagram_names_that_clean_to_the_same_file_get_distinct_files(tmp_path, capsys):
    src = tmp_path / "two.flow"
    assert distinct_names(["a", "a.", "A", "a-2"]) == ["a", "a-2", "A-3", "a-2-2"]
    text = chart("a", "员工") + chart("A", "老板")
    src.write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    assert main(["render", str(src), "-o", str(out), "-f", "dot"]) == 0
    files = written(out)
    assert sorted(files) == ["two/A-2.dot", "two/a.dot"]
    assert b"\xe8\x80\x81\xe6\x9d\xbf" in files["two/A-2.dot"]  # 老板
    assert "2 diagrams" in capsys.readouterr().err


DFD_WITH_PROCESS_0 = """dfd 进书 {
  entity 书商
  store S1 库存
  process 0 进书处理 {
    process 0.1 审核
    process 0.2 入库
    书商 -[采购单]-> 审核 -[合格单]-> 入库 -[入库单]-> 库存
  }
  书商 -[采购单]-> 进书处理 -[入库单]-> 库存
  process 2 售书
  库存 -[库存]-> 售书 -[收费单]-> 书商
}
"""


def test_a_process_with_id_0_does_not_overwrite_the_level_0_diagram(tmp_path):
    src = tmp_path / "d.flow"
    src.write_text(DFD_WITH_PROCESS_0, encoding="utf-8")
    out = tmp_path / "out"
    assert main(["render", str(src), "-o", str(out), "-f", "dot"]) == 0
    files = written(out)
    assert sorted(files) == ["d/进书-0-2.dot", "d/进书-0.dot", "d/进书-context.dot"]
    assert "审核".encode() in files["d/进书-0-2.dot"] and "审核".encode() not in files["d/进书-0.dot"]


def test_a_name_too_long_for_the_file_system_is_shortened_and_distinct(tmp_path):
    long_a, long_b = "甲" * 300 + "a", "甲" * 300 + "b"
    a, b = safe_filename(long_a), safe_filename(long_b)
    assert a != b and len(a.encode()) <= 180 and a.startswith("甲" * 50)
    src = tmp_path / "long.flow"
    src.write_text(chart(long_a, "员工") + chart(long_b, "员工"), encoding="utf-8")
    out = tmp_path / "out"
    assert main(["render", str(src), "-o", str(out), "-f", "dot,svg"]) == 0
    assert len(written(out)) == 4


def test_a_file_that_breaks_loses_its_old_outputs_and_says_so(tmp_path, capsys):
    src = tmp_path / "src"
    src.mkdir()
    (src / "a.flow").write_text(chart("甲", "员工") + chart("乙", "员工"), encoding="utf-8")
    (src / "b.flow").write_text(chart("丙", "员工"), encoding="utf-8")
    out = tmp_path / "out"
    base = ["render", str(src), "-o", str(out), "-f", "dot", "--color", "never"]
    assert main(base) == 0
    assert sorted(written(out)) == ["a/乙.dot", "a/甲.dot", "b/丙.dot"]
    capsys.readouterr()
    # a diagram renamed: the old file goes
    (src / "a.flow").write_text(chart("甲", "员工") + chart("丁", "员工"), encoding="utf-8")
    assert main(base) == 0
    assert sorted(written(out)) == ["a/丁.dot", "a/甲.dot", "b/丙.dot"]
    assert f"a.flow: note: removed 1 out-of-date output(s): {out / 'a' / '乙.dot'}" in capsys.readouterr().err
    # the file breaks: none of its diagrams stays beside the failure
    (src / "a.flow").write_text(BROKEN, encoding="utf-8")
    assert main(base) == 1
    err = capsys.readouterr().err
    assert sorted(written(out)) == ["b/丙.dot"]
    assert "error[FD101]" in err and "removed 2 out-of-date output(s)" in err
    assert "0 rendered, 1 cached, 1 failed" in err


def test_a_tampered_cache_cannot_make_flowdsl_delete_other_files(tmp_path, capsys):
    src = tmp_path / "src"
    src.mkdir()
    (src / "a.flow").write_text(chart("甲", "员工"), encoding="utf-8")
    victim = tmp_path / "thesis.svg"
    victim.write_text("<svg/>", encoding="utf-8")
    out = tmp_path / "out"
    base = ["render", str(src), "-o", str(out), "-f", "dot"]
    assert main(base) == 0
    cache = json.loads((out / CACHE_NAME).read_text(encoding="utf-8"))
    cache["files"]["a"]["outputs"] += [str(victim), str(out / "a" / ".." / ".." / "thesis.svg")]
    (out / CACHE_NAME).write_text(json.dumps(cache), encoding="utf-8")
    (src / "a.flow").write_text(BROKEN, encoding="utf-8")
    assert main(base) == 1
    assert victim.exists()
    assert "removed 1 out-of-date output(s)" in capsys.readouterr().err


def test_force_keeps_the_cache_entries_of_other_files(tmp_path, capsys):
    src = tmp_path / "src"
    src.mkdir()
    (src / "a.flow").write_text(chart("甲", "员工"), encoding="utf-8")
    (src / "b.flow").write_text(chart("乙", "员工"), encoding="utf-8")
    out = tmp_path / "out"
    assert main(["render", str(src / "a.flow"), "-o", str(out), "-f", "dot"]) == 0
    assert main(["render", str(src / "b.flow"), "-o", str(out), "-f", "dot", "--force"]) == 0
    cache = json.loads((out / CACHE_NAME).read_text(encoding="utf-8"))
    assert sorted(cache["files"]) == ["a", "b"]
    capsys.readouterr()
    assert main(["render", str(src / "a.flow"), "-o", str(out), "-f", "dot"]) == 0
    assert "0 rendered, 1 cached" in capsys.readouterr().err


def test_the_colour_setting_does_not_change_the_cache_key(tmp_path, capsys):
    src = tmp_path / "a.flow"
    src.write_text(chart("甲", "员工") + "chart 乙 {\n  unit 员工\n}\n", encoding="utf-8")   # a warning
    out = tmp_path / "out"
    assert main(["render", str(src), "-o", str(out), "-f", "dot", "--color", "never"]) == 0
    assert "\x1b[" not in capsys.readouterr().err
    assert main(["render", str(src), "-o", str(out), "-f", "dot", "--color", "always"]) == 0
    err = capsys.readouterr().err
    assert "0 rendered, 1 cached" in err and "\x1b[1;33mwarning[FD205]" in err


def test_a_later_run_never_overwrites_another_files_diagrams(tmp_path, capsys):
    for who in ("alice", "bob"):
        (tmp_path / who).mkdir()
        (tmp_path / who / "hw.flow").write_text(chart("作业", who), encoding="utf-8")
    out = tmp_path / "out"
    assert main(["render", str(tmp_path / "alice"), "-o", str(out), "-f", "dot"]) == 0
    capsys.readouterr()
    # bob's folder alone maps to the same out/hw/: refused, alice's diagram kept
    assert main(["render", str(tmp_path / "bob"), "-o", str(out), "-f", "dot"]) == 1
    err = capsys.readouterr().err
    assert (f"bob/hw.flow: error: its output folder {out / 'hw'} holds the diagrams of "
            f"{tmp_path / 'alice' / 'hw.flow'} from an earlier run") in err
    assert b"alice" in (out / "hw" / "作业.dot").read_bytes()
    assert main(["render", str(tmp_path / "alice"), "-o", str(out), "-f", "dot"]) == 0   # still cached
    assert "0 rendered, 1 cached" in capsys.readouterr().err
    # --force replaces; a file moved away leaves its folder to the new one
    assert main(["render", str(tmp_path / "bob"), "-o", str(out), "-f", "dot", "--force"]) == 0
    assert b"bob" in (out / "hw" / "作业.dot").read_bytes()
    os.rename(tmp_path / "bob", tmp_path / "bob2")
    assert main(["render", str(tmp_path / "bob2"), "-o", str(out), "-f", "dot"]) == 0
