"""Default factories for the model's pydantic fields: plain functions.

Pydantic inspects the signature of a field's ``default_factory`` every time a model
object is built (does it take the validated data?). For the builtins ``list`` and
``dict`` that means parsing their text signature each time: once a third of checking
a case, and most of lowering a data dictionary. A plain function's signature is read
at once. Use ``Field(default_factory=new_list)``, never ``default_factory=list``
(``tests/test_incremental.py`` looks).
"""

from __future__ import annotations

from ..diagnostics.diagnostic import Span


def new_list() -> list:
    return []


def new_dict() -> dict:
    return {}


def new_span() -> Span:
    return Span()
