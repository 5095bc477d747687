"""The ``flowdsl`` program's exit (flowdsl.app.console): the process ends
without the interpreter's teardown, yet every byte of output is there, the exit status
is the command's, and exit handlers still run."""

import json
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SAMPLE = os.path.join(ROOT, "samples", "01-purchasing.flow")
BAD = os.path.join(ROOT, "tests", "fixtures", "four-mistakes.flow")


def _run(args, **kw):
    return subprocess.run([sys.executable, "-m", "flowdsl", *args], capture_output=True, text=True,
                          encoding="utf-8", cwd=ROOT, **kw)


def test_the_whole_output_and_the_status_of_the_command():
    ok = _run(["check", SAMPLE])
    assert ok.returncode == 0 and "1 file(s) checked, 0 error(s)" in ok.stderr
    bad = _run(["check", "--format", "json", BAD, SAMPLE])
    assert bad.returncode == 1
    diags = json.loads(bad.stdout)   # the buffered JSON reached the pipe whole before the exit
    assert len(diags) >= 4 and {d["code"] for d in diags} and bad.stdout.endswith("]\n")
    assert _run(["check", "no-such-file.flow"]).returncode == 2
    assert _run(["--no-such-option"]).returncode == 2


def test_exit_handlers_run_and_a_full_disk_is_a_message(tmp_path):
    code = ("import atexit, sys; atexit.register(lambda: print('handler ran', file=sys.stderr));"
            f"from flowdsl.app.console import console; console(['check', {SAMPLE!r}])")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, encoding="utf-8")
    assert r.returncode == 0 and r.stderr.rstrip().endswith("handler ran")
    if os.path.exists("/dev/full"):
        with open("/dev/full", "w") as full:
            r = subprocess.run([sys.executable, "-m", "flowdsl", "check", "--format", "json", SAMPLE],
                               stdout=full, stderr=subprocess.PIPE, text=True, encoding="utf-8")
        assert r.returncode == 1 and "Traceback" not in r.stderr and "No space left" in r.stderr


def test_the_teardown_is_skipped_unless_asked_for():
    # what sys.modules holds is freed at a normal interpreter exit, not after os._exit
    code = ("import os, sys, flowdsl.app.console as c\n"
            "class Probe:\n"
            "    def __del__(self): os.write(2, b'torn down')\n"
            "sys.modules['probe'] = Probe()\n"
            f"c.console(['check', {SAMPLE!r}])")
    fast = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, encoding="utf-8")
    full = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, encoding="utf-8",
                          env=dict(os.environ, FLOWDSL_FULL_EXIT="1"))
    assert fast.returncode == full.returncode == 0
    assert "torn down" not in fast.stderr and "torn down" in full.stderr
