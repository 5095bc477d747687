"""Stage 2, the model: syntax tree → semantic model (pydantic, with source spans).

``types`` (``CaseModel``, ``Chart``, ``Dfd`` …), ``lower`` (the entry, dispatching to
``lower_chart`` and ``lower_dfd``, which share ``lower_base``), ``names`` (did you mean),
``options``, ``limits`` (the size budget), ``builder`` (cases from Python) and ``derive``.
Imports only :mod:`flowdsl.lang` and :mod:`flowdsl.diagnostics` below it.

The model types are importable from here too (``from flowdsl.model import CaseModel``);
pydantic is imported only when one is asked for.
"""

_TYPES = ("START", "END", "Element", "Edge", "Chart", "DfdNode", "DfdFlow", "Dfd", "Definition", "CaseModel")


def __getattr__(name: str):
    if name in _TYPES:
        from . import types

        return getattr(types, name)
    raise AttributeError(f"module 'flowdsl.model' has no attribute {name!r}")
