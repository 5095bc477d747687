"""A real LSP client session with ``flowdsl lsp`` in a subprocess (pygls' LanguageClient),
driven from synchronous code: the client's event loop runs in a thread of its own, and
``Session.call`` waits for one request. Used by tests/test_lsp.py and benchmarks/lsp.py."""

from __future__ import annotations

import asyncio
import sys
import threading

from lsprotocol import types as T
from pygls.lsp.client import LanguageClient

TIMEOUT = 60.0   # seconds: a loaded 2-core machine can be slow to start the server


class Session:
    def __init__(self, options: dict | None = None, command: list[str] | None = None) -> None:
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.thread.start()
        self.client = LanguageClient("flowdsl-tests", "1")
        self.published: list[T.PublishDiagnosticsParams] = []
        self.changed = threading.Condition()
        self.versions: dict[str, int] = {}

        @self.client.feature(T.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        def _diagnostics(params: T.PublishDiagnosticsParams) -> None:
            with self.changed:
                self.published.append(params)
                self.changed.notify_all()

        cmd = command or [sys.executable, "-m", "flowdsl", "lsp"]
        self.run(self.client.start_io(*cmd))
        caps = T.ClientCapabilities(text_document=T.TextDocumentClientCapabilities(
            document_symbol=T.DocumentSymbolClientCapabilities(hierarchical_document_symbol_support=True),
            publish_diagnostics=T.PublishDiagnosticsClientCapabilities(version_support=True)))
        self.init = self.run(self.client.initialize_async(T.InitializeParams(
            capabilities=caps, initialization_options=options or {}, process_id=None, root_uri=None)))
        self.notify(self.client.initialized, T.InitializedParams())

    # ------------------------------------------------------------------ plumbing
    def run(self, coro):
        return asyncio.run_coroutine_threadsafe(coro, self.loop).result(TIMEOUT)

    def notify(self, fn, params) -> None:
        async def send():
            fn(params)
        self.run(send())

    def call(self, name: str, params):
        """A request by its client method name (``text_document_hover`` …)."""
        return self.run(getattr(self.client, f"{name}_async")(params))

    # ------------------------------------------------------------------ documents
    def open(self, uri: str, text: str) -> None:
        self.versions[uri] = 1
        self.notify(self.client.text_document_did_open, T.DidOpenTextDocumentParams(
            T.TextDocumentItem(uri=uri, language_id="flowdsl", version=1, text=text)))

    def change(self, uri: str, *texts: str) -> int:
        """Replace the whole text, once per text, all sent at once; the last version."""
        async def send():
            for text in texts:
                self.versions[uri] += 1
                self.client.text_document_did_change(T.DidChangeTextDocumentParams(
                    text_document=T.VersionedTextDocumentIdentifier(uri=uri, version=self.versions[uri]),
                    content_changes=[T.TextDocumentContentChangeWholeDocument(text=text)]))
        self.run(send())
        return self.versions[uri]

    def diagnostics(self, uri: str, version: int) -> T.PublishDiagnosticsParams:
        """Wait for the diagnostics of ``uri`` at ``version``."""
        def found():
            return next((p for p in self.published if p.uri == uri and p.version == version), None)
        with self.changed:
            if not self.changed.wait_for(found, TIMEOUT):
                raise TimeoutError(f"no diagnostics for {uri} version {version}: {self.published!r}")
            return found()

    def published_for(self, uri: str) -> list[T.PublishDiagnosticsParams]:
        with self.changed:
            return [p for p in self.published if p.uri == uri]

    def close(self) -> int | None:
        try:
            self.run(self.client.shutdown_async(None))
            self.notify(self.client.exit, None)
            self.run(self.client.stop())
        finally:
            self.loop.call_soon_threadsafe(self.loop.stop)
            self.thread.join(10)
        server = getattr(self.client, "_server", None)
        return server.returncode if server is not None else None


def pos(line: int, character: int) -> T.Position:
    return T.Position(line=line, character=character)


def doc(uri: str) -> T.TextDocumentIdentifier:
    return T.TextDocumentIdentifier(uri=uri)
