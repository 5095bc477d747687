"""The ``flowdsl serve`` server for tests: started on 127.0.0.1 on a free port in a
thread, always stopped (``served``), and a small HTTP client for it."""

from __future__ import annotations

import contextlib
import http.client
import json
import threading


@contextlib.contextmanager
def served(path=None, lang="en"):
    """A running server for ``path`` (a folder, a case file or None); stopped and its
    socket closed on leaving, whatever happened inside."""
    from flowdsl.app.serve import make_server

    server = make_server(None if path is None else str(path), host="127.0.0.1", port=0, lang=lang)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield Client(server.port)
    finally:
        server.shutdown()
        server.server_close()
        thread.join(10)


class Client:
    def __init__(self, port: int) -> None:
        self.port = port
        self.url = f"http://127.0.0.1:{port}/"

    def request(self, method: str, path: str, body=None, headers: dict | None = None, raw: bytes | None = None):
        """(status, headers as a dict with lower-case names, body bytes)."""
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
        try:
            hdrs = dict(headers or {})
            data = raw
            if body is not None:
                data = json.dumps(body).encode("utf-8")
                hdrs.setdefault("Content-Type", "application/json")
            conn.request(method, path, body=data, headers=hdrs)
            r = conn.getresponse()
            return r.status, {k.lower(): v for k, v in r.getheaders()}, r.read()
        finally:
            conn.close()

    def json(self, method: str, path: str, body=None, **kw):
        status, _, data = self.request(method, path, body, **kw)
        return status, json.loads(data)
