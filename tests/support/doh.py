"""DNS over TLS (RFC 7858) and DNS over HTTPS (RFC 8484) on loopback, for tests.

Both are thin encrypted fronts for the project's loopback DNS server (`DnsTestServer`): each
message received is relayed to it over UDP and its reply sent back, so the zone, latency and
faults are the test server's. Certificates come from a test CA made at test time with
`trustme` (which uses `cryptography`)::

    ca = LocalCa(tmp_path)                      # ca.ca_file: the PEM file clients trust
    with TlsDnsServer(upstream, ca) as dot:    # dot.nameserver == "tls://127.0.0.1:PORT"
        ...
    with DohServer(upstream, ca) as doh:       # doh.nameserver == "https://127.0.0.1:PORT/dns-query"
        ...

The DoH endpoint speaks HTTP/1.1 (ALPN "http/1.1"), answers POST (application/dns-message
body) and GET (`?dns=` base64url), 404 for another path and 400 for a bad message.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import ssl
import struct
import threading
import urllib.parse
from pathlib import Path
from typing import Any, ClassVar

import dns.asyncquery
import dns.exception
import dns.message
import trustme

from tests.support.dnsserver import DnsTestServer

__all__ = ["DohServer", "LocalCa", "TlsDnsServer"]


class LocalCa:
    """A certificate authority for one test, and a server certificate it issued."""

    def __init__(self, directory: Path, names: tuple[str, ...] = ("127.0.0.1", "dns.test")):
        self.ca = trustme.CA()
        self.ca_file = str(directory / f"ca-{id(self)}.pem")
        self.ca.cert_pem.write_to_path(self.ca_file)
        self.server_cert = self.ca.issue_cert(*names)

    def server_context(self, alpn: list[str]) -> ssl.SSLContext:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        self.server_cert.configure_cert(context)
        context.set_alpn_protocols(alpn)
        return context


class _TlsFront:
    """An asyncio TLS listener on 127.0.0.1 in a background thread."""

    alpn: ClassVar[list[str]] = []

    def __init__(self, upstream: DnsTestServer, ca: LocalCa) -> None:
        self.upstream = upstream
        self.ca = ca
        self.port = 0
        self.requests = 0
        self._loop: asyncio.AbstractEventLoop | None = None
        self._stop: asyncio.Event | None = None
        self._thread: threading.Thread | None = None
        self._ready = threading.Event()
        self._error: BaseException | None = None

    def start(self) -> Any:
        self._thread = threading.Thread(target=self._run, daemon=True, name=type(self).__name__)
        self._thread.start()
        if not self._ready.wait(5) or self._error is not None:
            raise RuntimeError(f"{type(self).__name__} did not start: {self._error!r}")
        return self

    def stop(self) -> None:
        if self._thread is None:
            return
        if self._loop is not None and self._stop is not None:
            with contextlib.suppress(RuntimeError):
                self._loop.call_soon_threadsafe(self._stop.set)
        self._thread.join(5)
        self._thread = None

    def __enter__(self) -> Any:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def _run(self) -> None:
        try:
            asyncio.run(self._main())
        except BaseException as exc:  # pragma: no cover - reported by start()
            self._error = exc
            self._ready.set()

    async def _main(self) -> None:
        self._loop = asyncio.get_running_loop()
        self._stop = asyncio.Event()
        server = await asyncio.start_server(
            self._client, "127.0.0.1", 0, ssl=self.ca.server_context(self.alpn)
        )
        self.port = server.sockets[0].getsockname()[1]
        self._ready.set()
        async with server:
            await self._stop.wait()
            server.close()

    async def _client(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            await self._serve(reader, writer)
        except (asyncio.IncompleteReadError, ConnectionError, OSError, ssl.SSLError):
            pass
        finally:
            writer.close()
            with contextlib.suppress(Exception):
                await writer.wait_closed()

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        raise NotImplementedError

    async def relay(self, wire: bytes) -> bytes | None:
        """The upstream test server's reply to one query, or None (bad query, no reply)."""
        self.requests += 1
        try:
            query = dns.message.from_wire(wire)
            reply = await dns.asyncquery.udp(
                query, self.upstream.address, timeout=3, port=self.upstream.port
            )
        except (dns.exception.DNSException, OSError, ValueError):
            return None
        return reply.to_wire()


class TlsDnsServer(_TlsFront):
    """DNS over TLS: two-octet length, message; several per connection."""

    alpn: ClassVar[list[str]] = ["dot"]

    @property
    def nameserver(self) -> str:
        return f"tls://127.0.0.1:{self.port}"

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        while True:
            (length,) = struct.unpack("!H", await reader.readexactly(2))
            reply = await self.relay(await reader.readexactly(length))
            if reply is None:
                return
            writer.write(struct.pack("!H", len(reply)) + reply)
            await writer.drain()


class DohServer(_TlsFront):
    """DNS over HTTPS, HTTP/1.1, at /dns-query."""

    alpn: ClassVar[list[str]] = ["http/1.1"]

    @property
    def nameserver(self) -> str:
        return f"https://127.0.0.1:{self.port}/dns-query"

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        while True:
            head = await reader.readuntil(b"\r\n\r\n")
            lines = head.decode("latin-1").split("\r\n")
            method, target, _version = lines[0].split(" ", 2)
            headers = {}
            for line in lines[1:]:
                if ":" in line:
                    key, value = line.split(":", 1)
                    headers[key.strip().lower()] = value.strip()
            body = b""
            if "content-length" in headers:
                body = await reader.readexactly(int(headers["content-length"]))
            url = urllib.parse.urlsplit(target)
            wire: bytes | None = None
            if url.path != "/dns-query":
                await self._respond(writer, 404, b"not found", "text/plain")
                continue
            if method == "POST":
                wire = body
            elif method == "GET":
                param = urllib.parse.parse_qs(url.query).get("dns", [""])[0]
                with contextlib.suppress(ValueError):
                    wire = base64.urlsafe_b64decode(param + "=" * (-len(param) % 4))
            reply = await self.relay(wire) if wire else None
            if reply is None:
                await self._respond(writer, 400, b"bad request", "text/plain")
            else:
                await self._respond(writer, 200, reply, "application/dns-message")
            if headers.get("connection", "").lower() == "close":
                return

    @staticmethod
    async def _respond(
        writer: asyncio.StreamWriter, status: int, body: bytes, content_type: str
    ) -> None:
        reason = {200: "OK", 400: "Bad Request", 404: "Not Found"}[status]
        writer.write(
            f"HTTP/1.1 {status} {reason}\r\ncontent-type: {content_type}\r\n"
            f"content-length: {len(body)}\r\ncache-control: max-age=0\r\n\r\n".encode()
            + body
        )
        await writer.drain()
