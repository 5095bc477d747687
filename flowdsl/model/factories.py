"""Default factories for the model's pydantic fields: plain functions.

Pydantic inspects the signature of a field's ``default_factory`` every time a model
object is built (does it take the validated data?). For the builtins ``list`` and
``dict`` that means parsing their text signature each time: once a third of checking
a case, and most of lowering a data dictionary. A plain function's signature is read
at once. Use ``Field(default_factory=new_list)``, never ``default_factory=list``
(``tests/test_incremental.py`` looks).
"""

from __future__ import annotations

from copy import deepcopy

from pydantic import BaseModel, ConfigDict

from ..diagnostics.diagnostic import Span


def new_list() -> list:
    return []


def new_dict() -> dict:
    return {}


def new_span() -> Span:
    return Span()


# ---- issue 16: model_construct without pydantic's per-call field inspection
#: how each field of a model class is filled when not given: (name, how, default);
#: how: 0 the default as is (immutable), 1 a deep copy of it, 2 call the factory, 3 leave
#: it out (a required field: pydantic's model_construct leaves it out too)
_PLANS: dict[type, tuple | None] = {}
_IMMUTABLE = (type(None), bool, int, float, str, bytes, tuple, frozenset, Span)


def _plan(cls) -> tuple | None:
    """The fill plan of ``cls``, or None when it uses what the fast path does not
    (aliases, a factory taking the validated data, a post-init hook, unresolved fields)."""
    if cls.__pydantic_post_init__ or cls.__pydantic_root_model__ or \
            not getattr(cls, "__pydantic_fields_complete__", True) or cls.model_config.get("extra") == "allow":
        return None
    plan = []
    for name, f in cls.__pydantic_fields__.items():
        if f.alias is not None or f.validation_alias is not None:
            return None
        if f.default_factory is not None:
            if f.default_factory_takes_validated_data:
                return None
            plan.append((name, 2, f.default_factory))
        elif f.is_required():
            plan.append((name, 3, None))
        else:
            plan.append((name, 0 if isinstance(f.default, _IMMUTABLE) else 1, f.default))
    return tuple(plan)


class FastModel(BaseModel):
    """The base of the model's classes: ``model_construct`` gives what pydantic's does
    (the same ``__dict__`` in field order, fields set, no extra, no private), but reads
    each class's fields once instead of inspecting every default factory's signature
    on every object (a third of lowering a case with a data dictionary).
    ``tests/test_fast_construct.py`` compares both on every model class.

    Its own schema is deferred too: building it at import loaded pydantic's plugins
    (``importlib.metadata`` reading every installed package, ~25 ms of every ``check``)."""

    model_config = ConfigDict(defer_build=True)

    @classmethod
    def model_construct(cls, _fields_set: set[str] | None = None, **values):
        plan = _PLANS.get(cls, False)
        if plan is False:
            plan = _PLANS[cls] = _plan(cls)
        if plan is None:
            return super().model_construct(_fields_set, **values)
        data: dict = {}
        given = set()
        for name, how, default in plan:
            if name in values:
                data[name] = values[name]
                given.add(name)
            elif how == 2:
                data[name] = default()
            elif how == 0:
                data[name] = default
            elif how == 1:
                data[name] = deepcopy(default)
        m = cls.__new__(cls)
        _set = object.__setattr__
        _set(m, "__dict__", data)
        _set(m, "__pydantic_fields_set__", given if _fields_set is None else _fields_set)
        _set(m, "__pydantic_extra__", None)
        _set(m, "__pydantic_private__", None)
        return m
