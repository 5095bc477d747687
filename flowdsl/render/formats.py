"""The output formats and the PNG resolution, shared by the package entry and the
renderers of the other diagram kinds (ER), which must not import the entry back."""

from __future__ import annotations

__all__ = ["FORMATS", "PNG_ZOOM"]

FORMATS = ("svg", "png", "pdf", "dot")
#: PNG resolution: SVG points are scaled by 4/3 (96 dpi) and by this zoom
PNG_ZOOM = 1.5
