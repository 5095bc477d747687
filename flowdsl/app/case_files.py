"""A whole case written to files: every diagram in the asked formats (``Case.save``), or
exported for another tool (``Case.export``), atomically, named as ``flowdsl render``
names them."""

from __future__ import annotations

import os

__all__ = ["save_case", "export_case"]


def save_case(case, folder: str, formats, paper, orientation) -> list[str]:
    from .writes import atomic_write
    from .outputs import diagram_stems

    fmts = formats.split(",") if isinstance(formats, str) else list(formats)
    stems, _ = diagram_stems([d.name for d in case.diagrams], list(case.dfd_levels))
    paths = []
    for d, stem in zip(case.diagrams, stems):
        for f in fmts:
            for name, data in d.files(f.strip(), paper, orientation, stem=stem):
                paths.append(os.path.join(folder, name))
                atomic_write(paths[-1], data)
    return paths


def export_case(case, to: str, folder: str | None) -> list[tuple[str, bytes]]:
    from ..export import export_files
    from .writes import atomic_write
    from .outputs import diagram_stems, safe_filename

    stems, _ = diagram_stems([d.name for d in case.views], list(case.dfd_levels))
    outs = export_files(case.views, to, stems, safe_filename(
        (case.model.name if case.model else None) or os.path.splitext(os.path.basename(case.name or "case"))[0]))
    for name, data in outs if folder is not None else ():
        atomic_write(os.path.join(folder, name), data)
    return outs
