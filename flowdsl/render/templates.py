"""The jinja2 environment of flowdsl/templates (autoescape on), made on first use:
importing the renderer stays cheap."""

from __future__ import annotations

__all__ = ["jinja_env"]

_ENV = None


def jinja_env():
    """The (cached) jinja2 environment for flowdsl/templates, autoescape ON."""
    global _ENV
    if _ENV is None:
        from pathlib import Path

        import jinja2

        _ENV = jinja2.Environment(
            loader=jinja2.FileSystemLoader(str(Path(__file__).resolve().parent.parent / "templates")),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            keep_trailing_newline=True,
        )
    return _ENV
