"""Issue 17: a cold ``flowdsl check`` builds no pydantic schema (each build costs, and the
first one loads pydantic's plugins through ``importlib.metadata``, which reads every
installed package); the model stays pydantic for the users who validate with it."""

import glob
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

CODE = """
import sys
from flowdsl.app.cli import main
for path in sys.argv[1:]:
    try:
        main(['check', path])
    except SystemExit:
        pass
from flowdsl.model.factories import FastModel
def every(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from every(sub)
built = sorted({c.__name__ for c in every(FastModel) if c.__pydantic_complete__})
print(repr((built, 'pydantic.plugin._loader' in sys.modules, 'importlib.resources' in sys.modules)),
      file=sys.stderr)
"""


def test_check_of_every_sample_builds_no_pydantic_schema():
    samples = sorted(glob.glob(os.path.join(ROOT, "samples", "*.flow")))
    proc = subprocess.run([sys.executable, "-c", CODE, *samples], capture_output=True, text=True, cwd=ROOT)
    built, plugins, resources = eval(proc.stderr.strip().splitlines()[-1])
    assert built == [] and not plugins, proc.stderr[-2000:]
    assert not resources   # the grammar is read as a plain file


def test_the_model_still_validates_and_serialises():
    import flowdsl
    from flowdsl.model import CaseModel

    model = flowdsl.load(os.path.join(ROOT, "samples", "06-hospital.flow")).model
    again = CaseModel.model_validate_json(model.model_dump_json())
    assert again.model_dump_json() == model.model_dump_json()
    assert "Dfd" in CaseModel.model_json_schema()["$defs"]
