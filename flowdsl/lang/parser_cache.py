"""The stand-alone parser kept between processes, ready to parse: a cold ``check`` loads
it instead of building it.

Building :class:`Lark_StandAlone` unpacks the shipped tables (~8,000 small objects) and
the contextual lexer compiles one regular expression per parser state on first use
(~90 alternations of the grammar's terminals, Chinese keywords included): together
~50 + ~35 ms of a cold ``flowdsl check``. Here the parser is built once, every state's
scanner compiled, and the whole object pickled into the user's cache folder (the
folder :func:`flowdsl.lang.parser._cache_dir` trusts: only this user can write it).
Python's ``pickle`` would store a compiled pattern as its source and compile it again
on load; :func:`_pattern` instead stores what ``re`` compiled (the ``_sre`` code list,
groups and group names, exactly what ``re._compiler.compile`` hands to
``_sre.compile``), so loading costs neither analysis nor compilation. ``_sre`` checks
the code it is given; the file is only used when its header matches the grammar, the
stand-alone module file, flowdsl's version and the very Python (``sys.version`` and
``_sre.MAGIC``), and anything wrong with it (truncated, garbage, another version) means
the parser is built as before and the file written again, atomically. Patterns that
cannot be stored this way (another Python's ``re``) leave the cache unwritten.
``FLOWDSL_PARSER_CACHE=0`` switches it off.
"""

from __future__ import annotations

import hashlib
import importlib
import io
import os
import pickle
import re
import sys
import types

__all__ = ["cache_key", "dumps", "load_or_build"]

_PREFIX = "parser-"
_SUFFIX = ".pickle"


def _module(name: str):
    """A module in the pickle (the lexer keeps ``re``): imported by name."""
    return importlib.import_module(name)


def _pattern(pattern, flags, code, groups, groupindex, indexgroup):
    """A compiled pattern from what ``re`` compiled it to (``_sre`` validates ``code``)."""
    import _sre

    return _sre.compile(pattern, flags, code, groups, groupindex, indexgroup)


def _compiled(p: re.Pattern) -> tuple:
    """The arguments ``re._compiler.compile`` gives ``_sre.compile`` for ``p``."""
    from re import _compiler, _parser   # Python ≥ 3.11 (ImportError elsewhere: no cache)

    tree = _parser.parse(p.pattern, p.flags)
    code = [int(c) for c in _compiler._code(tree, p.flags)]
    groupindex = dict(tree.state.groupdict)
    indexgroup = [None] * tree.state.groups
    for k, i in groupindex.items():
        indexgroup[i] = k
    return (p.pattern, p.flags | tree.state.flags, code, tree.state.groups - 1, groupindex, tuple(indexgroup))


class _Pickler(pickle.Pickler):
    def reducer_override(self, obj):
        if isinstance(obj, types.ModuleType):
            return _module, (obj.__name__,)
        if isinstance(obj, re.Pattern):
            args = _compiled(obj)
            if _pattern(*args) != obj:   # equal patterns have equal flags, source and code
                raise pickle.PicklingError(f"pattern {obj.pattern[:40]!r} does not compile back to itself")
            return _pattern, args
        return NotImplemented


def warm(parser) -> None:
    """Compile every lexer state's scanner now (the lexer does it lazily)."""
    lexer = parser.parser.lexer
    for basic in {id(x): x for x in [*lexer.lexers.values(), lexer.root_lexer]}.values():
        basic.scanner   # noqa: B018  (a property that builds and keeps the scanner)


def dumps(parser) -> bytes:
    """The warmed parser as a pickle; raises when part of it cannot be stored."""
    warm(parser)
    buf = io.BytesIO()
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(max(limit, 20_000))   # the parse table nests a few thousand deep
    try:
        _Pickler(buf, protocol=pickle.HIGHEST_PROTOCOL).dump(parser)
    finally:
        sys.setrecursionlimit(limit)
    return buf.getvalue()


def cache_key(module) -> str:
    """What the cached parser depends on, hashed: grammar, stand-alone file, versions."""
    import _sre

    from .._version import __version__

    try:
        st = os.stat(module.__file__)
        made = f"{st.st_size}:{st.st_mtime_ns}"
    except (OSError, TypeError):
        made = "?"
    parts = [getattr(module, "GRAMMAR_SHA256", ""), getattr(module, "__version__", ""), made,
             __version__, sys.version, str(getattr(_sre, "MAGIC", "")), sys.implementation.cache_tag or ""]
    return hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()


def _enabled() -> bool:
    return os.environ.get("FLOWDSL_PARSER_CACHE", "1").strip().lower() not in ("0", "no", "off", "false")


def load_or_build(module, build, cache_dir: str | None):
    """The parser from ``cache_dir`` when a valid one is there, else ``build()`` (and
    written there for the next process)."""
    if cache_dir is None or not _enabled():
        return build()
    key = cache_key(module)
    path = os.path.join(cache_dir, f"{_PREFIX}{key[:24]}{_SUFFIX}")
    header = key.encode("ascii") + b"\n"
    try:
        with open(path, "rb") as fh:
            data = fh.read()
        if data.startswith(header):
            from .._gc import paused

            with paused():   # ~7,000 objects, no cycles: the collector would halve the speed
                return pickle.loads(memoryview(data)[len(header):])
    except FileNotFoundError:
        pass
    except Exception:   # damaged, truncated, from another build: built afresh below
        pass
    parser = build()
    try:
        data = dumps(parser)
    except Exception:   # nothing lost: the next process builds it too
        return parser
    _write(cache_dir, path, header + data)
    return parser


KEEP = 4   # parsers kept: one per install (a notebook's venv and the CLI's share the folder)


def _write(folder: str, path: str, data: bytes) -> None:
    """``data`` to ``path`` atomically; only the :data:`KEEP` most recently written parser
    caches in ``folder`` kept. One per install: with only the newest kept, two installs
    used in turn (a notebook's venv, the command line's) would each build the parser
    again on every start (~200 ms), each removing the other's."""
    import tempfile

    try:
        fd, tmp = tempfile.mkstemp(prefix=".parser-", dir=folder)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            os.replace(tmp, path)
        except BaseException:
            os.unlink(tmp)
            raise
        _prune(folder, path)
    except OSError:   # a full disk or a read-only folder: only an optimisation
        pass


def _prune(folder: str, path: str) -> None:
    """Remove all but the :data:`KEEP` newest parser caches of ``folder`` (``path`` stays)."""
    others = []
    for name in os.listdir(folder):
        full = os.path.join(folder, name)
        if name.startswith(_PREFIX) and name.endswith(_SUFFIX) and full != path:
            try:
                others.append((os.stat(full).st_mtime_ns, name, full))
            except OSError:
                pass
    for _, _, full in sorted(others, reverse=True)[KEEP - 1:]:
        try:
            os.unlink(full)
        except OSError:
            pass
