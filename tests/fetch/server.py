"""A real HTTP server on 127.0.0.1 for the loader tests: serves what a test puts in ``routes``.

A route is a :class:`Page` (status, headers, body) or a function returning one, so a test can
serve a slow page, a page that fails twice then works, or a body that changes between runs.
ETag / If-None-Match is honoured, as a real portal's server does. Every request is logged.
"""
from __future__ import annotations

import hashlib
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Page:
    body: bytes
    content_type: str = "text/html; charset=utf-8"
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    #: Seconds to wait before answering (for timeouts).
    delay: float = 0.0
    #: Declare more bytes than are sent and close: a transfer cut short.
    cut_short: bool = False
    etag: bool = True


Route = Page | Callable[[], Page]


class PortalServer:
    def __init__(self):
        self.routes: dict[str, Route] = {}
        self.log: list[str] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):  # keep pytest output clean
                pass

            def setup(self):
                super().setup()
                # Headers and body go out in two writes; without this, delayed ACKs add 40 ms each.
                self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

            def do_GET(self):  # noqa: N802 - the stdlib's name
                server.log.append(self.path)
                route = server.routes.get(self.path)
                if route is None:
                    return self._send(Page(b"<html><body>Not found</body></html>", status=404))
                page = route() if callable(route) else route
                if page.delay:
                    time.sleep(page.delay)
                tag = '"' + hashlib.sha1(page.body).hexdigest() + '"'
                if page.etag and page.status == 200 and self.headers.get("If-None-Match") == tag:
                    self.send_response(304)
                    self.send_header("ETag", tag)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                self._send(page, tag if page.etag else None)

            def _send(self, page: Page, tag: str | None = None):
                self.send_response(page.status)
                self.send_header("Content-Type", page.content_type)
                length = len(page.body) * 2 if page.cut_short else len(page.body)
                self.send_header("Content-Length", str(length))
                if tag:
                    self.send_header("ETag", tag)
                for k, v in page.headers.items():
                    self.send_header(k, v)
                self.end_headers()
                try:
                    self.wfile.write(page.body)
                    if page.cut_short:
                        self.wfile.flush()
                        self.close_connection = True
                except (BrokenPipeError, ConnectionResetError):
                    pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def url(self, path: str) -> str:
        return self.base + path

    def __enter__(self) -> "PortalServer":
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
