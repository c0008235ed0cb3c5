"""An HTTPS server on a loopback address, port 443, serving an MTA-STS policy.

    ca = LocalCa(tmp_path, names=("mta-sts.corp.example",))
    with PolicyServer(ca, body="version: STSv1\\n...") as server:
        server.address  # "127.x.y.z": the A record of mta-sts.corp.example in the test zone

`status`, `content_type` and `headers` shape the reply (a redirect is a 301 with Location);
`body` may be bytes. Port 443 needs root (the tests run as root). The server runs in a
thread (`http.server`); every request is logged in `requests` as (path, Host header).
"""

from __future__ import annotations

import http.server
import random
import socket
import threading
from collections.abc import Mapping
from typing import Any

from tests.support.doh import LocalCa

__all__ = ["PolicyServer", "free_loopback"]


def free_loopback(port: int = 443) -> str:
    """A loopback address (127.0.0.0/8) whose `port` is free for TCP."""
    for _ in range(200):
        address = f"127.{random.randint(1, 254)}.{random.randint(0, 254)}.{random.randint(1, 254)}"
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
            try:
                probe.bind((address, port))
            except OSError:
                continue
            return address
    raise RuntimeError(f"no free loopback address for port {port}")


class PolicyServer:
    def __init__(
        self,
        ca: LocalCa,
        *,
        body: str | bytes = b"",
        status: int = 200,
        content_type: str = "text/plain",
        headers: Mapping[str, str] | None = None,
        port: int = 443,
    ) -> None:
        self.address = free_loopback(port)
        self.port = port
        self.requests: list[tuple[str, str]] = []
        payload = body.encode() if isinstance(body, str) else body
        server_self = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                server_self.requests.append((self.path, self.headers.get("Host", "")))
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(payload)))
                for key, value in (headers or {}).items():
                    self.send_header(key, value)
                self.end_headers()
                self.wfile.write(payload)

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self._httpd = http.server.ThreadingHTTPServer((self.address, port), Handler)
        self._httpd.daemon_threads = True
        context = ca.server_context(["http/1.1"])
        self._httpd.socket = context.wrap_socket(self._httpd.socket, server_side=True)
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)

    def __enter__(self) -> PolicyServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(timeout=5)
