"""The wheel must ship every subpackage, the grammar and the templates."""

import pathlib
import tomllib

ROOT = pathlib.Path(__file__).resolve().parents[1]


def test_every_subpackage_is_listed_in_pyproject():
    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["tool"]["setuptools"]["packages"])
    found = {".".join(p.parent.relative_to(ROOT).parts) for p in (ROOT / "flowdsl").rglob("__init__.py")}
    assert found - listed == set(), "add these to [tool.setuptools] packages"
    assert "flowdsl.grammars" in listed


def test_grammar_and_templates_are_package_data():
    from importlib import resources

    assert "start:" in resources.files("flowdsl.grammars").joinpath("flowdsl.lark").read_text("utf-8")
    assert any(p.name.endswith(".j2") for p in resources.files("flowdsl").joinpath("templates").iterdir())
