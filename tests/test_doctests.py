"""Every doctest in the package runs (examples in docstrings must stay true)."""

import doctest
import importlib
import pkgutil

import pytest

import flowdsl

MODULES = sorted(
    m.name for m in pkgutil.walk_packages(flowdsl.__path__, "flowdsl.")
    if m.name not in ("flowdsl.__main__", "flowdsl.app.magic")   # __main__ runs the CLI; magic needs IPython
)


@pytest.mark.parametrize("name", MODULES)
def test_doctests(name):
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0, f"{result.failed} doctest(s) failed in {name}"
