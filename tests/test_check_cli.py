"""``flowdsl check``: ``--fail-on`` and errors and warnings counted apart (issue 10, item 7)."""

from __future__ import annotations

import json

import pytest

from flowdsl.app.cli import main

from conftest import fixture_path

ERRORS = fixture_path("errors.flow")        # one error (FD101)
WARNING = fixture_path("warning.flow")      # one warning (FD205)
CLEAN = fixture_path("clean.flow")
FOUR = fixture_path("four-mistakes.flow")   # 3 errors, 1 warning


@pytest.fixture(autouse=True)
def english(monkeypatch):
    monkeypatch.setenv("LC_ALL", "C.UTF-8")


@pytest.mark.parametrize("fail_on, path, code", [
    ("warning", WARNING, 1), ("error", WARNING, 0), ("error", ERRORS, 1), ("error", CLEAN, 0),
    (None, WARNING, 1),      # the default keeps exiting 1 on a warning
])
def test_fail_on(fail_on, path, code, capsys):
    argv = ["check", path] + (["--fail-on", fail_on] if fail_on else [])
    assert main(argv) == code


def test_summary_counts_errors_and_warnings_apart(capsys):
    assert main(["check", "--fail-on", "error", FOUR, WARNING]) == 1
    err = capsys.readouterr().err
    assert err.strip().splitlines()[-1] == "flowdsl: 2 file(s) checked, 3 error(s), 2 warning(s)"


def test_json_output_keeps_stdout_pure_and_counts_on_stderr(capsys):
    assert main(["check", "--format", "json", "--fail-on", "error", WARNING]) == 0
    out, err = capsys.readouterr()
    assert [d["severity"] for d in json.loads(out)] == ["warning"]
    assert "0 error(s), 1 warning(s)" in err


def test_fail_on_rejects_other_words(capsys):
    with pytest.raises(SystemExit) as e:
        main(["check", "--fail-on", "info", WARNING])
    assert e.value.code == 2
