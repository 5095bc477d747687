"""``flowdsl lsp``: a language server over stdio (pygls, the optional extra ``lsp``).

Diagnostics on open and on change (debounced; the codes, spans and English / Chinese text
of ``flowdsl check``), hover (kind, label, ID, where declared), go to definition, find
references, completion (the names declared in the chart or DFD at the cursor, the data
dictionary, the keywords in both languages), formatting (``flowdsl fmt``), document
symbols (charts, DFDs, their levels and elements) and a quick fix for each did-you-mean.
What a name is and where it is used comes from ``app/lsp_index.py``; this module only
speaks the protocol. Positions are converted to the client's units (UTF-16 by default).

Initialization options: ``{"lang": "en" | "zh" | "both", "debounceMs": 200}`` (default
language: ``flowdsl lsp --lang``, else the locale's, as ``flowdsl check``).
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass

from lsprotocol import types as T
from lsprotocol.types import Diagnostic as LspDiagnostic   # the protocol's, not flowdsl's Diagnostic
from pygls.lsp.server import LanguageServer

from .._version import __version__
from ..diagnostics.diagnostic import Diagnostic, Span, source_lines
from .lsp_index import Index, KIND_WORDS, KIND_WORDS_ZH, build_index, hover_text

__all__ = ["server", "run"]

SYMBOL_KINDS = {
    "case": T.SymbolKind.Package, "chart": T.SymbolKind.Module, "dfd": T.SymbolKind.Module,
    "level": T.SymbolKind.Namespace, "unit": T.SymbolKind.Class, "ext_unit": T.SymbolKind.Interface,
    "document": T.SymbolKind.File, "report": T.SymbolKind.File, "ledger": T.SymbolKind.Struct,
    "collect": T.SymbolKind.Array, "step": T.SymbolKind.Function, "decision": T.SymbolKind.Boolean,
    "entity": T.SymbolKind.Interface, "store": T.SymbolKind.Struct, "process": T.SymbolKind.Function,
    "definition": T.SymbolKind.Constant, "dictionary": T.SymbolKind.Namespace, "er": T.SymbolKind.Module,
    "er_entity": T.SymbolKind.Class, "weak_entity": T.SymbolKind.Class, "relationship": T.SymbolKind.Event,
}
COMPLETION_KINDS = {
    "unit": T.CompletionItemKind.Class, "ext_unit": T.CompletionItemKind.Interface,
    "document": T.CompletionItemKind.File, "report": T.CompletionItemKind.File,
    "ledger": T.CompletionItemKind.Struct, "collect": T.CompletionItemKind.Struct,
    "step": T.CompletionItemKind.Function, "decision": T.CompletionItemKind.Function,
    "entity": T.CompletionItemKind.Interface, "store": T.CompletionItemKind.Struct,
    "process": T.CompletionItemKind.Function, "definition": T.CompletionItemKind.Constant,
    "er_entity": T.CompletionItemKind.Class, "weak_entity": T.CompletionItemKind.Class,
    "relationship": T.CompletionItemKind.Event,
}


class Units:
    """Columns in characters (the syntax tree's) ↔ the client's units on one text."""

    def __init__(self, text: str, encoding: str = "utf-16") -> None:
        self.bom = text.startswith("\ufeff")       # the parser drops it; the editor shows it
        self.lines = source_lines(text)
        self.width = {"utf-8": lambda s: len(s.encode("utf-8")), "utf-32": len}.get(
            getattr(encoding, "value", encoding), lambda s: len(s.encode("utf-16-le")) // 2)

    def _line(self, i: int) -> str:
        return self.lines[i] if 0 <= i < len(self.lines) else ""

    def position(self, line: int, column: int) -> T.Position:
        """1-based ``line``:``column`` in characters → an LSP position."""
        col = column - 1 + (self.bom and line == 1)
        return T.Position(line=max(0, line - 1), character=self.width(self._line(line - 1)[:max(0, col)]))

    def range(self, span: Span) -> T.Range:
        return T.Range(start=self.position(span.line, span.column), end=self.position(span.end_line, span.end_column))

    def column(self, pos: T.Position) -> tuple[int, int]:
        """An LSP position → 1-based (line, column) in characters."""
        text, units, col = self._line(pos.line), 0, 0
        while col < len(text) and units < pos.character:
            units += self.width(text[col])
            col += 1
        return pos.line + 1, col + 1 - (self.bom and pos.line == 0)


@dataclass
class State:
    text: str
    case: object
    index: Index
    units: Units


class FlowdslServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__("flowdsl", __version__)
        self.lang = "en"
        self.debounce = 0.2
        self.states: dict[str, State] = {}
        self.pending: dict[str, asyncio.TimerHandle] = {}

    def analyse(self, uri: str) -> State:
        """The document's parse, diagnostics and index, made again only when its text changed."""
        import flowdsl

        doc = self.workspace.get_text_document(uri)
        text = doc.source
        old = self.states.get(uri)
        if old is not None and old.text == text:
            return old
        case = flowdsl.parse(text, name=doc.path or uri)
        index = build_index(case)
        if case.syntax is None and old is not None:    # while a line is half typed: the last index
            index = old.index
        state = self.states[uri] = State(text, case, index, Units(text, self.workspace.position_encoding or "utf-16"))
        return state

    def publish(self, uri: str) -> None:
        self.pending.pop(uri, None)
        if uri not in self.workspace.text_documents:
            return
        state = self.analyse(uri)
        doc = self.workspace.get_text_document(uri)
        self.text_document_publish_diagnostics(T.PublishDiagnosticsParams(
            uri=uri, version=doc.version, diagnostics=[self.lsp_diagnostic(d, state.units) for d in state.case.diagnostics]))

    def schedule(self, uri: str) -> None:
        if uri in self.pending:
            self.pending.pop(uri).cancel()
        if self.debounce <= 0:
            self.publish(uri)
        else:
            self.pending[uri] = asyncio.get_running_loop().call_later(self.debounce, self.publish, uri)

    def message(self, d: Diagnostic) -> str:
        langs = ("en", "zh") if self.lang == "both" else (self.lang,)
        lines = list(dict.fromkeys(d.text(lang) for lang in langs))
        hints = [(("提示：" if lang == "zh" and d.hint_zh else "hint: ") + h)
                 for lang in langs if (h := d.hint_text(lang))]
        return "\n".join(lines + list(dict.fromkeys(hints)))

    def lsp_diagnostic(self, d: Diagnostic, units: Units) -> LspDiagnostic:
        from ..model.names import suggested_names

        return LspDiagnostic(
            range=units.range(d.span), message=self.message(d), code=d.code, source="flowdsl",
            severity=T.DiagnosticSeverity.Error if d.severity == "error" else T.DiagnosticSeverity.Warning,
            data={"suggestions": suggested_names(d.hint)} if suggested_names(d.hint) else None)


server = FlowdslServer()


@server.feature(T.INITIALIZE)
def initialize(ls: FlowdslServer, params: T.InitializeParams) -> None:
    opts = params.initialization_options if isinstance(params.initialization_options, dict) else {}
    if opts.get("lang") in ("en", "zh", "both"):
        ls.lang = opts["lang"]
    if isinstance(opts.get("debounceMs"), (int, float)) and opts["debounceMs"] >= 0:
        ls.debounce = opts["debounceMs"] / 1000.0


@server.feature(T.TEXT_DOCUMENT_DID_OPEN)
def did_open(ls: FlowdslServer, params: T.DidOpenTextDocumentParams) -> None:
    ls.publish(params.text_document.uri)


@server.feature(T.TEXT_DOCUMENT_DID_CHANGE)
def did_change(ls: FlowdslServer, params: T.DidChangeTextDocumentParams) -> None:
    ls.schedule(params.text_document.uri)


@server.feature(T.TEXT_DOCUMENT_DID_CLOSE)
def did_close(ls: FlowdslServer, params: T.DidCloseTextDocumentParams) -> None:
    uri = params.text_document.uri
    if uri in ls.pending:
        ls.pending.pop(uri).cancel()
    ls.states.pop(uri, None)
    ls.text_document_publish_diagnostics(T.PublishDiagnosticsParams(uri=uri, diagnostics=[]))


def _at(ls: FlowdslServer, doc: T.TextDocumentIdentifier, pos: T.Position):
    state = ls.analyse(doc.uri)
    return state, state.index.at(*state.units.column(pos))


@server.feature(T.TEXT_DOCUMENT_HOVER)
def hover(ls: FlowdslServer, params: T.HoverParams) -> T.Hover | None:
    state, occ = _at(ls, params.text_document, params.position)
    if occ is None:
        return None
    return T.Hover(contents=T.MarkupContent(kind=T.MarkupKind.Markdown, value=hover_text(occ.symbol, ls.lang)),
                   range=state.units.range(occ.span))


@server.feature(T.TEXT_DOCUMENT_DEFINITION)
def definition(ls: FlowdslServer, params: T.DefinitionParams) -> T.Location | None:
    state, occ = _at(ls, params.text_document, params.position)
    if occ is None:
        return None
    return T.Location(uri=params.text_document.uri, range=state.units.range(occ.symbol.span))


@server.feature(T.TEXT_DOCUMENT_REFERENCES)
def references(ls: FlowdslServer, params: T.ReferenceParams) -> list[T.Location]:
    state, occ = _at(ls, params.text_document, params.position)
    if occ is None:
        return []
    return [T.Location(uri=params.text_document.uri, range=state.units.range(o.span))
            for o in state.index.references(occ.symbol, params.context.include_declaration)]


@server.feature(T.TEXT_DOCUMENT_COMPLETION, T.CompletionOptions(trigger_characters=[">", "→"]))
def completion(ls: FlowdslServer, params: T.CompletionParams) -> T.CompletionList:
    from ..lang.keywords import keyword_spellings

    state = ls.analyse(params.text_document.uri)
    scope = state.index.scope_at(*state.units.column(params.position))
    items: dict[str, T.CompletionItem] = {}
    for names in ([scope.names] if scope else []) + [state.index.definitions]:
        for key, sym in names.items():
            words = (KIND_WORDS if ls.lang != "zh" else KIND_WORDS_ZH)[sym.kind]
            for label in (key, sym.ident) if sym.ident and sym.ident != key else (key,):
                items.setdefault(label, T.CompletionItem(
                    label=label, kind=COMPLETION_KINDS.get(sym.kind, T.CompletionItemKind.Variable),
                    sort_text=f"0{label}", detail=f"{words} {sym.ident if label == key else key}".strip()
                    if sym.ident else words, documentation=sym.label))
    for word, group in keyword_spellings().items():
        items.setdefault(word, T.CompletionItem(label=word, kind=T.CompletionItemKind.Keyword, sort_text=f"1{word}",
                                                detail=" / ".join(group)))
    return T.CompletionList(is_incomplete=False, items=list(items.values()))


@server.feature(T.TEXT_DOCUMENT_FORMATTING)
def formatting(ls: FlowdslServer, params: T.DocumentFormattingParams) -> list[T.TextEdit] | None:
    from ..lang.format import FormatError, format_source

    text = ls.workspace.get_text_document(params.text_document.uri).source
    try:
        new = format_source(text)
    except FormatError:
        return None                  # a file that does not parse is left alone (the diagnostics say why)
    if new == text:
        return []
    units = Units(text, ls.workspace.position_encoding or "utf-16")
    end = units.position(len(units.lines), len(units.lines[-1]) + 1)     # the end of the last line
    return [T.TextEdit(range=T.Range(start=T.Position(line=0, character=0), end=end), new_text=new)]


@server.feature(T.TEXT_DOCUMENT_DOCUMENT_SYMBOL)
def document_symbols(ls: FlowdslServer, params: T.DocumentSymbolParams) -> list[T.DocumentSymbol]:
    state = ls.analyse(params.text_document.uri)

    def convert(o) -> T.DocumentSymbol:
        rng, sel = state.units.range(o.span), state.units.range(o.selection)
        if (sel.start.line, sel.start.character) < (rng.start.line, rng.start.character) or \
                (sel.end.line, sel.end.character) > (rng.end.line, rng.end.character):
            sel = rng               # the protocol wants the name inside the range
        return T.DocumentSymbol(name=o.name, kind=SYMBOL_KINDS.get(o.kind, T.SymbolKind.Variable), range=rng,
                                selection_range=sel, detail=o.detail or KIND_WORDS.get(o.kind),
                                children=[convert(c) for c in o.children])

    return [convert(o) for o in state.index.outline]


@server.feature(T.TEXT_DOCUMENT_CODE_ACTION, T.CodeActionOptions(code_action_kinds=[T.CodeActionKind.QuickFix]))
def code_actions(ls: FlowdslServer, params: T.CodeActionParams) -> list[T.CodeAction]:
    from ..model.names import suggested_names

    state = ls.analyse(params.text_document.uri)
    want = params.range
    out = []
    for d in state.case.diagnostics:
        names = suggested_names(d.hint)
        rng = state.units.range(d.span)
        if not names or (rng.end.line, rng.end.character) < (want.start.line, want.start.character) \
                or (rng.start.line, rng.start.character) > (want.end.line, want.end.character):
            continue
        lsp_diag = ls.lsp_diagnostic(d, state.units)
        for i, name in enumerate(names):
            out.append(T.CodeAction(
                title=f"Replace with “{name}” (改为“{name}”)", kind=T.CodeActionKind.QuickFix,
                diagnostics=[lsp_diag], is_preferred=(i == 0 and len(names) == 1),
                edit=T.WorkspaceEdit(changes={params.text_document.uri: [T.TextEdit(range=rng, new_text=name)]})))
    return out


def run(args=None) -> int:
    """``flowdsl lsp``: serve on stdin / stdout until the client says exit."""
    server.lang = getattr(args, "lang", None) or server.lang
    server.start_io()
    return 0
