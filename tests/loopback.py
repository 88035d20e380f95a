"""Loopback HTTP servers for the fetch tests and the hardening figures: one answering fixed routes, one that
never finishes a page."""
from __future__ import annotations

import http.server
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def dripping(every: float = 0.2) -> Iterator[str]:
    """Serve a page's headers, then one byte every ``every`` seconds until the block ends; yields its URL."""
    stop = threading.Event()

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            while not stop.is_set():
                try:
                    self.wfile.write(b" ")
                    self.wfile.flush()
                except OSError:
                    return
                time.sleep(every)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/slow.html"
    finally:
        stop.set()
        server.shutdown()
        server.server_close()


@contextmanager
def serving(routes: dict[str, tuple[int, dict, bytes]], host: str = "127.0.0.1") -> Iterator[tuple[int, list[str]]]:
    """Answer ``routes`` (path -> status, headers, body) on ``host``; yields (port, paths asked for).

    ``PORT`` in a header or body is replaced by the port the server got (a redirect to itself).
    """
    hits: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            hits.append(self.path)
            port = str(self.server.server_address[1])
            status, headers, body = routes.get(self.path, (404, {}, b"no"))
            self.send_response(status)
            for key, value in {"Content-Length": str(len(body.replace(b"PORT", port.encode()))), **headers}.items():
                self.send_header(key, value.replace("PORT", port))
            self.end_headers()
            self.wfile.write(body.replace(b"PORT", port.encode()))

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer((host, 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield server.server_address[1], hits
    finally:
        server.shutdown()
        server.server_close()
