"""``flowdsl serve [PATH] [--port 8000] [--host 127.0.0.1] [--open]``: a live editor in
the browser (``serve_http``: the server; ``serve_api``: the JSON API; ``serve_files``:
the folder served; ``flowdsl/static/``: the page, CodeMirror 5 vendored).

PATH a folder: its case files are listed, opened and saved (only inside it); a file:
that file alone; none: an empty editor, nothing of the disk reachable. Bound to the
loopback address unless ``--host`` says otherwise (then a warning: whoever reaches the
machine can read and change the files). Exit codes: 0 stopped by Ctrl+C; 2 a missing
path or a port that cannot be used.
"""

from __future__ import annotations

import os
import sys

MSG = {
    "en": {"missing": "flowdsl serve: no such file or folder: {0}",
           "not_case": "flowdsl serve: not a case file (.flow, .flowdsl): {0}",
           "port": "flowdsl serve: cannot listen on {0}:{1}: {2}",
           "listening": "flowdsl serve: editing {0} at {1} (Ctrl+C to stop)",
           "nothing": "a new case",
           "exposed": "flowdsl serve: warning: listening on {0}, not on 127.0.0.1: anyone who can reach this "
                      "machine can use the editor{1}",
           "exposed_files": " and read and change the case files in {0}",
           "stopped": "flowdsl serve: stopped"},
    "zh": {"missing": "flowdsl serve：文件或文件夹不存在：{0}",
           "not_case": "flowdsl serve：不是案例文件（.flow、.flowdsl）：{0}",
           "port": "flowdsl serve：无法在 {0}:{1} 上监听：{2}",
           "listening": "flowdsl serve：正在编辑 {0}，地址 {1}（按 Ctrl+C 停止）",
           "nothing": "新案例",
           "exposed": "flowdsl serve：警告：监听的是 {0} 而不是 127.0.0.1：能访问本机的任何人都能使用编辑器{1}",
           "exposed_files": "，并读取和修改 {0} 中的案例文件",
           "stopped": "flowdsl serve：已停止"},
}


def _port(text: str) -> int:
    """``--port``: 0 (any free port) to 65535."""
    import argparse

    if not text.strip().isdigit() or not 0 <= int(text) <= 65535:
        raise argparse.ArgumentTypeError(f"expected a port number from 0 to 65535, not {text!r}")
    return int(text)


def add_parser(sub, lang: str) -> None:
    p = sub.add_parser("serve", help="a live editor in the browser: type a case, see its diagrams and diagnostics")
    p.add_argument("path", nargs="?", metavar="PATH",
                   help="a folder (its case files can be opened and saved) or one case file (default: none)")
    p.add_argument("--port", type=_port, default=8000, help="port to listen on (default 8000; 0: any free port)")
    p.add_argument("--host", default="127.0.0.1",
                   help="address to listen on (default 127.0.0.1, this machine only)")
    p.add_argument("--open", action="store_true", help="open the page in the web browser")
    p.add_argument("--verbose", action="store_true", help="log every request")
    p.add_argument("--lang", choices=("zh", "en"), default=lang, help="language of messages and of the page")


def make_server(path: str | None, host: str = "127.0.0.1", port: int = 8000, lang: str = "en",
                verbose: bool = False):
    """The server for ``path`` (a folder, a case file or None), listening, not yet
    serving (``serve_forever`` in a thread or here; ``shutdown`` and ``server_close``
    stop it). OSError when the port cannot be used; ValueError for a bad path."""
    from .outputs import is_source_name
    from .serve_files import Folder
    from .serve_http import Server

    folder, first = None, None
    if path is not None:
        if os.path.isdir(path):
            folder = Folder(path)
        elif os.path.isfile(path) and is_source_name(path):
            folder = Folder(os.path.dirname(os.path.abspath(path)), only=os.path.basename(path))
            first = os.path.basename(path)
        elif os.path.exists(path):
            raise ValueError("not_case")
        else:
            raise ValueError("missing")
    return Server((host, port), folder, first, lang=lang, verbose=verbose)


def run(args) -> int:
    from ..diagnostics.diagnostic import shown_name

    m = MSG[args.lang if args.lang in MSG else "en"]
    try:
        server = make_server(args.path, args.host, args.port, args.lang, args.verbose)
    except ValueError as e:
        print(m[str(e)].format(shown_name(args.path or "")), file=sys.stderr)
        return 2
    except OSError as e:
        print(m["port"].format(args.host, args.port, e.strerror or e), file=sys.stderr)
        return 2
    if not server.loopback:
        files = m["exposed_files"].format(shown_name(server.folder.root)) if server.folder else ""
        print(m["exposed"].format(args.host, files), file=sys.stderr)
    host = "127.0.0.1" if args.host in ("", "0.0.0.0") else "::1" if args.host == "::" else args.host
    url = f"http://{'[' + host + ']' if ':' in host else host}:{server.port}/"
    print(m["listening"].format(shown_name(args.path) if args.path else m["nothing"], url), file=sys.stderr)
    if args.open:
        import webbrowser

        webbrowser.open(url)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        print(m["stopped"], file=sys.stderr)
    finally:
        server.server_close()
    return 0
