"""A loopback HTTPS server for tests: fixed answers by path, a certificate from a test CA.

It listens on a loopback address of its own (127.X.Y.Z, chosen at random so that tests running
side by side do not collide) on port 443 by default (the tests run as root), so that an https
URL without a port reaches it once the test DNS server maps the URL's host name to
`server.address`::

    ca = trustme.CA()
    routes = {"/logo.svg": Reply(200, b"<svg ...>", {"Content-Type": "image/svg+xml"})}
    with HttpsTestServer(ca, ("logo.test",), routes) as server:
        zone = {"logo.test": [("A", server.address)]}
        ...

HTTP/1.1, one request per connection (``Connection: close``), a reply may be delayed
(`Reply.delay`); another path is 404.
`requests` logs ``(Host header, path)`` of every request, `sni` every TLS server name asked.
"""

from __future__ import annotations

import asyncio
import contextlib
import random
import ssl
from collections.abc import Mapping
from dataclasses import dataclass, field

import trustme

from tests.support.threaded import ThreadedAsyncServer

__all__ = ["HttpsTestServer", "Reply"]


@dataclass(frozen=True)
class Reply:
    status: int
    body: bytes = b""
    headers: Mapping[str, str] = field(default_factory=dict)
    #: Seconds to wait before answering (cut short when the server stops).
    delay: float = 0.0


_REASONS = {200: "OK", 301: "Moved Permanently", 302: "Found", 404: "Not Found"}


class HttpsTestServer(ThreadedAsyncServer):
    def __init__(
        self,
        ca: trustme.CA,
        names: tuple[str, ...],
        routes: Mapping[str, Reply],
        *,
        port: int = 443,
    ) -> None:
        super().__init__()
        self.routes = dict(routes)
        self.port = port
        self.address = ""
        self.requests: list[tuple[str, str]] = []
        self.sni: list[str | None] = []
        self._context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        ca.issue_cert(*names).configure_cert(self._context)
        self._context.sni_callback = self._note_sni

    def _note_sni(self, _sock: ssl.SSLObject, name: str | None, _ctx: ssl.SSLContext) -> None:
        self.sni.append(name)

    async def _listen(self) -> asyncio.Server:
        for _attempt in range(20):
            address = (
                f"127.{random.randint(1, 254)}.{random.randint(0, 255)}.{random.randint(1, 254)}"
            )
            try:
                server = await asyncio.start_server(
                    self._client, address, self.port, ssl=self._context
                )
            except OSError:
                continue
            break
        else:  # pragma: no cover
            raise OSError("no free loopback address for the HTTPS test server")
        self.address = address
        return server

    async def _client(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), 5)
            lines = head.decode("latin-1").split("\r\n")
            _method, path, _version = lines[0].split(" ", 2)
            host = ""
            for line in lines[1:]:
                name, _, value = line.partition(":")
                if name.strip().lower() == "host":
                    host = value.strip()
            self.requests.append((host, path))
            reply = self.routes.get(path, Reply(404, b"not found"))
            if reply.delay and self._stop is not None:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._stop.wait(), reply.delay)
            headers = {"Content-Length": str(len(reply.body)), "Connection": "close"}
            headers.update(reply.headers)
            out = f"HTTP/1.1 {reply.status} {_REASONS.get(reply.status, 'Status')}\r\n"
            out += "".join(f"{k}: {v}\r\n" for k, v in headers.items()) + "\r\n"
            writer.write(out.encode("latin-1") + reply.body)
            await writer.drain()
        except (asyncio.IncompleteReadError, TimeoutError, ConnectionError, OSError, ValueError):
            pass
        finally:
            writer.close()
            with contextlib.suppress(Exception):
                await writer.wait_closed()
