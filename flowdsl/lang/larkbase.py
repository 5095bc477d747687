"""Which Lark the parser runs on: the stand-alone parser shipped in the package
(``_standalone.py``, made by ``scripts/gen_parser.py``) or, when that file is missing,
made from another grammar, or switched off (``FLOWDSL_STANDALONE_PARSER=0``), the Lark
library with its grammar cache.

Both give the same trees and the same exceptions by the same names; the stand-alone
one saves importing Lark (its grammar compiler too) and loading the pickled tables
from the cache. :func:`kit` returns a namespace with what the parser and the
transformer use: ``Token``, ``v_args``, ``Transformer_NonRecursive``, the
``Unexpected*`` exceptions, ``LarkError``, ``Meta``, and ``name`` ("standalone" or
"lark"). Every module that touches Lark's classes takes them from here: a tree of one
is not known to the other's Transformer, nor its errors to the other's ``except``.
"""

from __future__ import annotations

import os

__all__ = ["LARK_OPTIONS", "kit", "standalone_module"]

#: the options of the parser, the same for both (the generator bakes them in)
LARK_OPTIONS = dict(parser="lalr", propagate_positions=True, maybe_placeholders=False)


def standalone_module():
    """The shipped stand-alone parser module when it was made from the installed
    grammar and is not switched off, else None."""
    if os.environ.get("FLOWDSL_STANDALONE_PARSER", "1").strip().lower() in ("0", "no", "off", "false"):
        return None
    try:
        from . import _standalone
    except ImportError:
        return None
    digest = _standalone.GRAMMAR_SHA256
    if digest not in _MADE_FROM_GRAMMAR:   # compared once per process (every parse asks)
        import hashlib

        from .keywords import grammar_text

        _MADE_FROM_GRAMMAR[digest] = hashlib.sha256(grammar_text().encode("utf-8")).hexdigest() == digest
    if not _MADE_FROM_GRAMMAR[digest]:
        return None   # stale: another grammar; full Lark builds the right parser
    return _standalone


_MADE_FROM_GRAMMAR: dict[str, bool] = {}


class _Kit:
    def __init__(self, name: str, **members) -> None:
        self.name = name
        self.__dict__.update(members)


_KITS: dict[str, _Kit] = {}


def kit() -> _Kit:
    sa = standalone_module()
    name = "standalone" if sa is not None else "lark"
    if name not in _KITS:
        if sa is not None:
            _KITS[name] = _Kit(name, module=sa, **{n: getattr(sa, n) for n in (
                "Token", "v_args", "Transformer_NonRecursive", "UnexpectedInput",
                "UnexpectedCharacters", "UnexpectedToken", "UnexpectedEOF", "LarkError", "Meta")})
        else:
            import lark
            from lark import exceptions, tree, visitors

            _KITS[name] = _Kit(name, module=lark, Token=lark.Token, v_args=lark.v_args,
                               Transformer_NonRecursive=visitors.Transformer_NonRecursive,
                               UnexpectedInput=exceptions.UnexpectedInput,
                               UnexpectedCharacters=exceptions.UnexpectedCharacters,
                               UnexpectedToken=exceptions.UnexpectedToken,
                               UnexpectedEOF=exceptions.UnexpectedEOF, LarkError=exceptions.LarkError,
                               Meta=tree.Meta)
    return _KITS[name]
