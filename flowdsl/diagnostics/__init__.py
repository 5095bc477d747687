"""Stage 0, diagnostics: the ``Diagnostic`` type and its formatting (``diagnostic``), the
codes (``codes``) and their explanations (``explain``). Imports nothing of flowdsl.

The type and its formatting are importable from here (``from flowdsl.diagnostics import
Diagnostic``)."""

from .diagnostic import (  # noqa: F401
    PRINT_LIMIT, Diagnostic, Span, format_diagnostic, format_diagnostics, has_errors, shown_line, shown_name,
    sort_key, source_lines,
)
