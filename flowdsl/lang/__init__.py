"""Stage 1, the language: text ↔ syntax tree.

Reading and decoding sources (``source``), the keywords in English and Chinese
(``keywords``), the Lark parser (``parser``) and the tree it builds (``syntax``, built by
``transform``), and back to text (``unparse``, ``format``), plus the Pygments lexer.
Imports only :mod:`flowdsl.diagnostics` below it.
"""
