"""Where outputs go: one folder per input file, one file name per diagram.

Nothing here writes; it only decides names, so that no two inputs and no two diagrams
ever share an output (a class's submissions often share names: ``alice/hw.flow`` and
``bob/hw.flow``; ``a`` and ``a.`` both clean to ``a``). Every comparison is made on
case-folded names, so the same names work on case-insensitive file systems.

    >>> safe_filename('a/b:c?')
    'a_b_c_'
    >>> distinct_names(["a", "a.", "A", "b"])
    ['a', 'a-2', 'A-3', 'b']
"""

from __future__ import annotations

import hashlib
import os

#: the suffixes of source files (compared case-insensitively: ``HW.FLOW`` counts)
SOURCE_SUFFIXES = (".flow", ".flowdsl")
#: the extensions flowdsl writes (only these are ever removed as out-of-date outputs)
OUTPUT_EXTENSIONS = (".svg", ".png", ".pdf", ".dot", ".html")
#: longest file name stem, in UTF-8 bytes (file systems allow 255 bytes; room is left
#: for a "-levels" suffix, a "-NN" counter and the extension)
MAX_STEM_BYTES = 180


def is_source_name(name: str) -> bool:
    return name.lower().endswith(SOURCE_SUFFIXES)


def safe_filename(name: str) -> str:
    """``name`` as one file name: no path separators, reserved or control characters,
    no leading/trailing dots or spaces, and short enough for any file system (a long
    name keeps its start plus a short hash of the whole, so it stays distinct)."""
    bad = '<>:"/\\|?*\x00'
    cleaned = "".join("_" if (c in bad or ord(c) < 32 or c == "\x7f") else c for c in name).strip(" .")
    cleaned = cleaned or "diagram"
    if len(cleaned.encode("utf-8")) > MAX_STEM_BYTES:
        digest = hashlib.sha256(name.encode("utf-8", "surrogatepass")).hexdigest()[:10]
        head = cleaned.encode("utf-8")[: MAX_STEM_BYTES - 11].decode("utf-8", "ignore").rstrip(" .")
        cleaned = f"{head}~{digest}"
    return cleaned


def distinct_names(stems: list[str]) -> list[str]:
    """The cleaned ``stems``, made distinct (ignoring case) by numbering the later ones
    ``-2``, ``-3`` … in order, so the first keeps its name."""
    taken: set[str] = set()
    out = []
    for stem in stems:
        base = safe_filename(stem)
        name, n = base, 1
        while name.casefold() in taken:
            n += 1
            name = f"{base}-{n}"
        taken.add(name.casefold())
        out.append(name)
    return out


def _common_parent(paths: list[str]) -> str | None:
    """The folder the inputs are mirrored from: the deepest folder holding every input
    (a folder given counts as itself, a file as the folder it is in)."""
    roots = [os.path.abspath(p) if os.path.isdir(p) else os.path.dirname(os.path.abspath(p)) for p in paths]
    if not roots:
        return None
    try:
        return os.path.commonpath(roots)
    except ValueError:  # different drives (Windows)
        return None


def output_folders(files: list[str], paths: list[str]) -> tuple[list[str | None], dict[int, int]]:
    """The output subfolder of every file in ``files`` (found from the ``paths`` given):
    its path below the common parent of ``paths``, without its suffix, using ``/``.

    Two files whose folders would be the same (``x.flow`` and ``x.flowdsl``, or names
    that differ only in case) keep their suffix (``x.flow/``, ``x.flowdsl/``); any that
    still collide get ``None``, and ``clashes[i]`` is the index of the file that keeps
    the folder (an error naming both, never an overwrite)."""
    base = _common_parent(paths)
    rel = []
    for f in files:
        a = os.path.abspath(f)
        if base is not None:
            r = os.path.relpath(a, base)
            if r.startswith(os.pardir):  # not below (a symlinked folder …): its name only
                r = os.path.basename(a)
        else:
            r = os.path.basename(a)
        rel.append(r.replace(os.sep, "/"))
    def clean(r: str, keep_suffix: bool) -> str:  # "a..flow" → "a" (Windows drops the dot anyway)
        head, _, name = r.rpartition("/")
        name = safe_filename(name if keep_suffix else os.path.splitext(name)[0])
        return f"{head}/{name}" if head else name

    stems = [clean(r, False) for r in rel]
    count: dict[str, int] = {}
    for s in stems:
        count[s.casefold()] = count.get(s.casefold(), 0) + 1
    subs = [clean(r, True) if count[s.casefold()] > 1 else s for r, s in zip(rel, stems)]
    owner: dict[str, int] = {}
    clashes: dict[int, int] = {}
    result: list[str | None] = []
    for i, s in enumerate(subs):
        key = s.casefold()
        if key in owner:
            clashes[i] = owner[key]
            result.append(None)
        else:
            owner[key] = i
            result.append(s)
    return result, clashes


def diagram_stems(names: list[str], dfd_names: list[str]) -> tuple[list[str], list[str]]:
    """File stems for the diagrams ``names`` and for the levels PDF of each DFD in
    ``dfd_names`` (``NAME-levels``), all distinct from one another."""
    stems = distinct_names(list(names) + [f"{n}-levels" for n in dfd_names])
    return stems[: len(names)], stems[len(names):]


def owned_output(path: str, folder: str) -> bool:
    """Whether ``path`` (read back from a cache file, so untrusted) is a file flowdsl
    may have written directly inside ``folder``: only such files are ever removed."""
    if not isinstance(path, str) or not path.lower().endswith(OUTPUT_EXTENSIONS):
        return False
    return os.path.dirname(os.path.abspath(path)) == os.path.abspath(folder)
