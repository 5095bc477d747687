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
#: how the fields of a model class are filled (see ``_plan``); per field: (name, how,
#: default), how: 0 the default as is (immutable), 1 a deep copy of it, 2 call the
#: factory, 3 leave it out when not given (a required field: pydantic's model_construct
#: leaves it out too)
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
    fields = tuple(plan)
    # the __dict__ to copy (every field in field order; a placeholder where a factory, a
    # deep copy or a missing required field goes), the field names, what is filled when
    # not given, and the required fields (left out when not given)
    template = {name: (default if how == 0 else None) for name, how, default in fields}
    fills = tuple((name, how, default) for name, how, default in fields if how in (1, 2))
    required = tuple(name for name, how, _ in fields if how == 3)
    # the slots' own setters (what object.__setattr__ finds on the class, looked up once)
    slots = tuple(next(c.__dict__[n] for c in cls.__mro__ if n in c.__dict__).__set__ for n in _SLOTS)
    return template, frozenset(template), fills, required, slots


_SLOTS = ("__dict__", "__pydantic_fields_set__", "__pydantic_extra__", "__pydantic_private__")


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
        template, names, fills, required, (set_dict, set_fields, set_extra, set_private) = plan
        data = template.copy()   # keys in field order; updating a key keeps its place
        if values.keys() <= names:
            data.update(values)
            given = set(values)
        else:   # not a field: left out, as pydantic does
            given = values.keys() & names
            for name in given:
                data[name] = values[name]
        for name, how, default in fills:
            if name not in given:
                data[name] = default() if how == 2 else deepcopy(default)
        for name in required:
            if name not in given:
                del data[name]
        m = cls.__new__(cls)
        set_dict(m, data)
        set_fields(m, given if _fields_set is None else _fields_set)
        set_extra(m, None)
        set_private(m, None)
        return m
