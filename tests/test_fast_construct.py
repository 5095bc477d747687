"""Issue 16: the model's own ``model_construct`` (flowdsl/model/factories.py) builds
exactly what pydantic's does, on every model class."""

from __future__ import annotations

import inspect

import pytest
from pydantic import BaseModel

from flowdsl.model import dictionary, er, logic, types
from flowdsl.model.factories import FastModel

CLASSES = sorted({c for m in (types, dictionary, er, logic) for _, c in inspect.getmembers(m, inspect.isclass)
                  if issubclass(c, FastModel) and c.model_fields}, key=lambda c: c.__name__)


def _pydantic(cls, **values):
    return BaseModel.model_construct.__func__(cls, **values)


def test_every_model_class_is_covered():
    names = {c.__name__ for c in CLASSES}
    assert {"CaseModel", "Chart", "DfdNode", "DictEntry", "ErEntity", "DecisionTable"} <= names


@pytest.mark.parametrize("cls", CLASSES, ids=lambda c: c.__name__)
def test_defaults_match_pydantic(cls):
    ours, theirs = cls.model_construct(), _pydantic(cls)
    assert type(ours) is cls
    assert list(ours.__dict__) == list(theirs.__dict__)
    assert ours.__dict__ == theirs.__dict__
    assert ours.model_fields_set == theirs.model_fields_set == set()
    assert ours.__pydantic_extra__ is None and ours.__pydantic_private__ is None


@pytest.mark.parametrize("cls", CLASSES, ids=lambda c: c.__name__)
def test_given_values_match_pydantic(cls):
    name = next(iter(cls.model_fields))
    ours, theirs = cls.model_construct(**{name: "x", "not_a_field": 1}), _pydantic(cls, **{name: "x", "not_a_field": 1})
    assert ours.__dict__ == theirs.__dict__ and getattr(ours, name) == "x"
    assert ours.model_fields_set == theirs.model_fields_set == {name}
    assert "not_a_field" not in ours.__dict__


def test_mutable_defaults_are_not_shared():
    a, b = types.Chart.model_construct(), types.Chart.model_construct()
    assert a.elements == [] and a.elements is not b.elements
