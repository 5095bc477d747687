"""The render cache (``OUTPUT/.flowdsl-cache.json``): which file was rendered from which
content, with which options, into which outputs.

The key is the file's bytes, the options that change what is drawn and the flowdsl
version; not the terminal's colours nor anything else about how messages are printed
(the report is kept both plain and coloured). The cache file lives in a folder anyone
may have edited, so everything read back is checked: an entry of the wrong shape is
dropped (that file is simply rendered again), a file that is not a cache at all is
discarded and rebuilt.
"""

from __future__ import annotations

import hashlib
import json
import os

from .._version import __version__

CACHE_NAME = ".flowdsl-cache.json"
#: a cache file larger than this is not read (it is rebuilt)
MAX_CACHE_BYTES = 64 * 1024 * 1024

_FIELDS = {"key": str, "source": str, "status": str, "outputs": list, "diagrams": int,
           "report": str, "report_color": str}


def task_key(task, data: bytes) -> str:
    h = hashlib.sha256()
    h.update(data)
    h.update(json.dumps([__version__, list(task.formats), task.strict, list(task.severities),
                         task.lang, task.notation, task.max_nodes, task.max_edges, task.paper, task.orientation,
                         task.scale, task.dpi, task.logic_convert, task.edges],
                        ensure_ascii=False).encode("utf-8"))
    return h.hexdigest()


def valid_entry(entry) -> bool:
    if not isinstance(entry, dict):
        return False
    for name, kind in _FIELDS.items():
        value = entry.get(name, "" if kind is str else None)
        if kind is int:
            if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value < 10**6:
                return False
        elif not isinstance(value, kind):
            return False
    return entry.get("status") in ("rendered", "failed") and all(isinstance(o, str) for o in entry["outputs"])


def read_cache(output: str) -> dict:
    """The entries of ``output``'s cache that are well formed ({} when there is none)."""
    from ..lang.source import read_bytes

    data, problem = read_bytes(os.path.join(output, CACHE_NAME), MAX_CACHE_BYTES)
    if problem is not None or data is None:
        return {}
    try:
        doc = json.loads(data.decode("utf-8"))
    except (ValueError, RecursionError):
        return {}
    if not isinstance(doc, dict) or doc.get("flowdsl") != __version__ or not isinstance(doc.get("files"), dict):
        return {}
    return {k: v for k, v in doc["files"].items() if isinstance(k, str) and valid_entry(v)}


def write_cache(output: str, files: dict) -> None:
    from .writes import atomic_write

    data = {"flowdsl": __version__, "files": dict(sorted(files.items()))}
    atomic_write(os.path.join(output, CACHE_NAME),
                 (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode("utf-8"))
