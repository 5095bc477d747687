"""``flowdsl serve``'s HTTP side: the standard library's ``ThreadingHTTPServer``, the
page and its static files from the package (``flowdsl/static/``), and the JSON API
(``serve_api``, ``serve_files``) behind it.

What keeps a local server with write access local: it answers only requests whose
``Host`` names the loopback address it is bound to (a web page elsewhere cannot reach
it by DNS rebinding); a request that changes or computes something must be JSON
(``Content-Type: application/json``: a cross-site form cannot send it without a
preflight that this server never grants) and, when the browser says where it comes
from (``Origin``), come from the page itself. The page's Content-Security-Policy
allows scripts from the server only (no inline script, no event-handler attribute),
so nothing a student typed can run even if it were ever inserted as markup.
"""

from __future__ import annotations

import json
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, quote, urlsplit

from .serve_api import MAX_TEXT, ApiError, Renderer, check, syntax
from .serve_files import Folder

#: request bodies larger than this are refused unread (a text of MAX_TEXT characters
#: is at most four bytes each in UTF-8, six as JSON escapes)
MAX_BODY = MAX_TEXT * 6 + 65536
LOOPBACK = ("127.0.0.1", "localhost", "::1")

CSP = ("default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; "
       "connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'")
TYPES = {".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8",
         ".css": "text/css; charset=utf-8", ".svg": "image/svg+xml", ".png": "image/png", "": "text/plain; charset=utf-8"}


def static_files() -> dict[str, tuple[str, bytes]]:
    """Every file of ``flowdsl/static`` as ``{url path: (content type, bytes)}``, read
    once: only these are ever served (no path from a request touches the disk)."""
    from importlib import resources

    out: dict[str, tuple[str, bytes]] = {}
    stack = [(resources.files("flowdsl").joinpath("static"), "/static/")]
    while stack:
        folder, prefix = stack.pop()
        for entry in folder.iterdir():
            if entry.is_dir():
                stack.append((entry, prefix + entry.name + "/"))
            elif not entry.name.startswith("."):
                ext = "." + entry.name.rsplit(".", 1)[1] if "." in entry.name else ""
                out[prefix + entry.name] = (TYPES.get(ext, TYPES[""]), entry.read_bytes())
    out["/"] = out["/static/index.html"]
    out["/favicon.ico"] = out["/static/favicon.svg"]
    return out


class Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address) -> None:
        """A page that went away mid-answer is no error worth a traceback."""
        exc = sys.exc_info()[1]
        if isinstance(exc, (BrokenPipeError, ConnectionResetError)):
            return
        sys.stderr.write(f"flowdsl serve: error answering {client_address[0]}: {exc!r}\n")

    def __init__(self, address, folder: Folder | None, first: str | None = None, lang: str = "en",
                 verbose: bool = False) -> None:
        self.folder = folder
        self.first = first  # the file opened when the page loads (a file given as PATH)
        self.lang = lang
        self.verbose = verbose
        self.renderer = Renderer()
        self.files = static_files()
        if ":" in address[0]:
            import socket

            self.address_family = socket.AF_INET6
        super().__init__(address, Handler)
        self.port = self.server_address[1]
        self.loopback = address[0] in LOOPBACK or address[0].startswith("127.")

    def allowed_host(self, host: str | None) -> bool:
        if not self.loopback:
            return True  # bound to another address on purpose (and warned about)
        names = {f"{h}:{self.port}" for h in ("127.0.0.1", "localhost", "[::1]")}
        return host is not None and host.lower() in names

    def info(self) -> dict:
        from .._version import __version__

        return {"version": __version__, "folder": self.folder.list()["root"] if self.folder else None,
                "open": self.first, "lang": self.lang}


class Handler(BaseHTTPRequestHandler):
    server: Server
    protocol_version = "HTTP/1.1"
    # the answer's headers and body go out as two writes: without this, Nagle's
    # algorithm holds the body until the page's delayed acknowledgement (~40 ms)
    disable_nagle_algorithm = True

    def version_string(self) -> str:
        return "flowdsl"

    def log_message(self, format: str, *args) -> None:  # noqa: A002 (the base class's name)
        if self.server.verbose:
            sys.stderr.write("flowdsl serve: " + (format % args).encode("ascii", "backslashreplace").decode() + "\n")

    # ---- answers
    def _send(self, status: int, body: bytes, ctype: str, extra: dict | None = None) -> None:
        import time

        wall = (time.perf_counter() - self._started[0]) * 1000
        cpu = (time.thread_time() - self._started[1]) * 1000
        self.send_response(status)
        # what answering took in the server, wall clock and this thread's CPU (benchmarks/serve.py)
        self.send_header("Server-Timing", f"app;dur={wall:.2f}, cpu;dur={cpu:.2f}")
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Referrer-Policy", "no-referrer")
        self.send_header("Cache-Control", "no-store")
        self.send_header("Content-Security-Policy", CSP)
        self.send_header("Cross-Origin-Resource-Policy", "same-origin")
        for k, v in (extra or {}).items():
            self.send_header(k, v)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _json(self, status: int, obj) -> None:
        # ASCII JSON: a lone surrogate from the page is escaped, never an encoding error
        self._send(status, json.dumps(obj, ensure_ascii=True).encode("ascii"), "application/json")

    def _error(self, status: int, message: str, message_zh: str) -> None:
        self._json(status, {"error": message, "error_zh": message_zh})

    # ---- requests
    def _guard(self, body: bool) -> bool:
        """False (and the refusal sent) when the request may not be answered."""
        if not self.server.allowed_host(self.headers.get("Host")):
            self._error(403, "this server answers requests to its loopback address only", "本服务只回应发往本机回环地址的请求")
            return False
        if body:
            origin = self.headers.get("Origin")
            if origin is not None and origin != f"http://{self.headers.get('Host')}":
                self._error(403, "requests from other pages are refused", "拒绝来自其他网页的请求")
                return False
            ctype = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
            if ctype != "application/json":
                self._error(415, "the request must be JSON (Content-Type: application/json)",
                            "请求必须是 JSON（Content-Type: application/json）")
                return False
        return True

    def _body(self):
        try:
            n = int(self.headers.get("Content-Length") or "")
        except ValueError:
            raise ApiError(411, "Content-Length is required", "缺少 Content-Length") from None
        if n < 0 or n > MAX_BODY:
            self.close_connection = True
            raise ApiError(413, "the request is too large", "请求太大")
        raw = self.rfile.read(n)
        self._consumed = True
        try:
            return json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            raise ApiError(400, "the request is not valid JSON", "请求不是有效的 JSON") from None

    def _dispatch(self, method: str) -> None:
        import time

        self._started = (time.perf_counter(), time.thread_time())
        self._consumed = False
        url = urlsplit(self.path)
        try:
            if self._guard(method in ("POST", "PUT")):
                self._route(method, url.path, parse_qs(url.query))
        except ApiError as e:
            self._error(e.status, e.message, e.message_zh)
        except (BrokenPipeError, ConnectionResetError):  # the page went away (a newer request, a reload)
            self.close_connection = True
        except Exception as e:  # noqa: BLE001 (a bug answers 500 and the server goes on)
            sys.stderr.write(f"flowdsl serve: internal error on {method} {url.path}: {e!r}\n")
            self._error(500, f"internal error: {e!r}", f"内部错误：{e!r}")
        finally:
            # a body left unread would be taken for the next request on this connection
            if not self._consumed and (self.headers.get("Content-Length") or "0").strip() != "0":
                self.close_connection = True

    def _route(self, method: str, path: str, query: dict) -> None:
        srv = self.server
        if method in ("GET", "HEAD") and path in srv.files:
            ctype, data = srv.files[path]
            self._send(200, data, ctype)
        elif method == "GET" and path == "/api/info":
            self._json(200, srv.info())
        elif method == "GET" and path == "/api/syntax":
            self._json(200, syntax())
        elif method == "POST" and path == "/api/check":
            self._json(200, check(self._body()))
        elif method == "POST" and path == "/api/render":
            self._json(200, srv.renderer.render(self._body()))
        elif method == "POST" and path == "/api/download":
            name, ctype, data = srv.renderer.download(self._body())
            self._send(200, data, ctype, {"Content-Disposition": _attachment(name)})
        elif path in ("/api/files", "/api/file"):
            self._files(method, path, query)
        elif path in srv.files or path.startswith("/api/"):
            self._error(405, f"{method} is not allowed here", f"这里不允许 {method}")
        else:
            self._error(404, "not found", "没有这个地址")

    def _files(self, method: str, path: str, query: dict) -> None:
        folder = self.server.folder
        if folder is None:
            raise ApiError(404, "no folder is served (start flowdsl serve with a folder or a file)",
                           "没有服务任何文件夹（启动 flowdsl serve 时给出文件夹或文件）")
        rel = (query.get("path") or [None])[0]
        if method == "GET" and path == "/api/files":
            self._json(200, folder.list())
        elif method == "GET" and path == "/api/file":
            self._json(200, folder.read(rel))
        elif method == "PUT" and path == "/api/file":
            self._json(200, folder.write(rel, self._body()))
        else:
            raise ApiError(405, f"{method} is not allowed here", f"这里不允许 {method}")

    def do_GET(self) -> None:  # noqa: N802 (the base class's names)
        self._dispatch("GET")

    def do_HEAD(self) -> None:  # noqa: N802
        self._dispatch("HEAD")

    def do_POST(self) -> None:  # noqa: N802
        self._dispatch("POST")

    def do_PUT(self) -> None:  # noqa: N802
        self._dispatch("PUT")

    def do_DELETE(self) -> None:  # noqa: N802
        self._dispatch("DELETE")


def _attachment(name: str) -> str:
    """A Content-Disposition naming ``name`` (UTF-8 by RFC 5987, ASCII beside it).

    >>> _attachment("订货.svg")
    'attachment; filename="__.svg"; filename*=UTF-8\\'\\'%E8%AE%A2%E8%B4%A7.svg'
    """
    ascii_name = "".join(c if " " <= c < "\x7f" and c not in '"\\' else "_" for c in name)
    return f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(name, safe='')}"
