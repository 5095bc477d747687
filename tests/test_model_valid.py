"""Lowering builds the model with ``model_construct`` (no validation, for start-up
speed: the lowerer is the model's only producer in the pipeline). This proves that
what it builds is exactly what pydantic's validation accepts and reproduces."""

import glob

import pytest

import flowdsl
from flowdsl.model.types import CaseModel

SAMPLES = sorted(glob.glob("samples/*.flow")) + sorted(
    p for p in glob.glob("tests/fixtures/*.flow") if not p.endswith("syntax.flow"))  # that one is a syntax error


@pytest.mark.parametrize("path", SAMPLES)
def test_lowered_model_passes_validation_unchanged(path):
    case = flowdsl.load(path)
    assert case.model is not None
    dumped = case.model.model_dump()
    validated = CaseModel.model_validate(dumped)
    assert validated.model_dump() == dumped


def test_validation_still_guards_hand_made_models():
    from pydantic import ValidationError

    from flowdsl.model.types import Element

    with pytest.raises(ValidationError):
        Element(key="甲", kind="not-a-kind")
