"""flowdsl: business flow charts (业务流程图) and leveled data flow diagrams (数据流程图) from text.

    >>> import flowdsl
    >>> case = flowdsl.parse("chart a {\\n unit 甲\\n unit 乙\\n 甲 -> 乙\\n}")
    >>> case.ok, [d.name for d in case.views]
    (True, ['a'])

Heavy modules (lark, pydantic, networkx, jinja2) are imported only when used.
"""

from ._version import __version__

__all__ = ["__version__", "parse", "load", "Case", "Diagram", "FlowdslError", "grade", "load_ipython_extension"]


def load_ipython_extension(ipython) -> None:
    """``%load_ext flowdsl``: registers the ``%%flowdsl`` cell magic (flowdsl.app.magic)."""
    from .app.magic import load_ipython_extension as _load

    _load(ipython)


def __getattr__(name: str):
    if name in ("parse", "load", "Case", "Diagram", "FlowdslError"):
        from . import api

        return getattr(api, name)
    if name == "grade":  # flowdsl.grade(answer, student) -> Grade; also the package flowdsl.grade
        import importlib

        return importlib.import_module(".grade", __name__)
    raise AttributeError(f"module 'flowdsl' has no attribute {name!r}")
