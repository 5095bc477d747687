"""``flowdsl lsp [--lang zh|en|both]``: the language server (``app/lsp.py``) started by an
editor over stdio. pygls is imported only when the command runs; without the extra the
command says what to install and exits 2."""

from __future__ import annotations


def add_parser(sub, lang: str) -> None:
    p = sub.add_parser("lsp", help="the language server, over stdio (needs the extra: pip install 'flowdsl[lsp]')")
    p.add_argument("--lang", choices=("zh", "en", "both"), default=lang, help="language of the diagnostics")


def run(args) -> int:
    import sys

    try:
        from . import lsp
    except ImportError as e:   # pygls / lsprotocol missing: say how to get them
        print(f"flowdsl lsp needs the language server extra: pip install 'flowdsl[lsp]' ({e})", file=sys.stderr)
        return 2
    return lsp.run(args)
