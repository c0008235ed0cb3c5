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

The DoH endpoint speaks HTTP/2 (ALPN "h2", with the `h2` package) and HTTP/1.1 (ALPN
"http/1.1"; `DohServer(..., http2=False)` offers only that), answers POST
(application/dns-message body) and GET (`?dns=` base64url), 404 for another path and 400 for a
bad message. Each front counts the TLS connections it accepted (`connections`) and the
messages it relayed (`requests`).
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import ssl
import struct
import urllib.parse
from pathlib import Path

import dns.asyncquery
import dns.exception
import dns.message
import trustme

from tests.support.dnsserver import DnsTestServer
from tests.support.threaded import ThreadedAsyncServer

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


class _TlsFront(ThreadedAsyncServer):
    """An asyncio TLS listener on 127.0.0.1 in a background thread."""

    #: The protocols offered in the TLS handshake (ALPN); each front sets its own.
    alpn: list[str]

    def __init__(self, upstream: DnsTestServer, ca: LocalCa) -> None:
        super().__init__()
        self.upstream = upstream
        self.ca = ca
        self.port = 0
        self.requests = 0
        #: TLS connections accepted (handshake done).
        self.connections = 0

    async def _listen(self) -> asyncio.Server:
        server = await asyncio.start_server(
            self._client, "127.0.0.1", 0, ssl=self.ca.server_context(self.alpn)
        )
        self.port = server.sockets[0].getsockname()[1]
        return server

    async def _client(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.connections += 1
        try:
            await self._serve(reader, writer)
        except (asyncio.IncompleteReadError, ConnectionError, OSError, ssl.SSLError):
            pass
        finally:
            writer.close()
            # The front stopping cancels this wait: the connection is going anyway (asyncio
            # would log a cancelled connection handler as an error).
            with contextlib.suppress(Exception, asyncio.CancelledError):
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
    """DNS over TLS: two-octet length, message; several per connection. With
    `close_after=N` each connection is closed after N replies (as servers close idle or busy
    connections, RFC 7766 6.2.3)."""

    def __init__(self, upstream: DnsTestServer, ca: LocalCa, close_after: int | None = None):
        super().__init__(upstream, ca)
        self.alpn = ["dot"]
        self.close_after = close_after

    @property
    def nameserver(self) -> str:
        return f"tls://127.0.0.1:{self.port}"

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        # Pipelined questions are relayed at once and answered as their replies come, in any
        # order (RFC 7858 3.3), as unbound and Knot Resolver do.
        tasks: set[asyncio.Task[None]] = set()

        async def answer(wire: bytes) -> None:
            reply = await self.relay(wire)
            if reply is not None:
                writer.write(struct.pack("!H", len(reply)) + reply)
                await writer.drain()

        read = 0
        try:
            while self.close_after is None or read < self.close_after:
                (length,) = struct.unpack("!H", await reader.readexactly(2))
                task = asyncio.ensure_future(answer(await reader.readexactly(length)))
                tasks.add(task)
                task.add_done_callback(tasks.discard)
                read += 1
        finally:
            if tasks:
                await asyncio.gather(*tasks, return_exceptions=True)


class DohServer(_TlsFront):
    """DNS over HTTPS at /dns-query: HTTP/2 or HTTP/1.1, as the client's ALPN chooses."""

    def __init__(self, upstream: DnsTestServer, ca: LocalCa, http2: bool = True) -> None:
        super().__init__(upstream, ca)
        self.alpn = ["h2", "http/1.1"] if http2 else ["http/1.1"]
        #: The HTTP version of each connection, in order ("h2" or "http/1.1").
        self.versions: list[str] = []

    @property
    def nameserver(self) -> str:
        return f"https://127.0.0.1:{self.port}/dns-query"

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        ssl_object = writer.get_extra_info("ssl_object")
        version = (ssl_object.selected_alpn_protocol() if ssl_object else None) or "http/1.1"
        self.versions.append(version)
        if version == "h2":
            await self._serve_h2(reader, writer)
            return
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

    async def _answer(self, method: str, target: str, body: bytes) -> tuple[int, bytes, str]:
        url = urllib.parse.urlsplit(target)
        if url.path != "/dns-query":
            return 404, b"not found", "text/plain"
        wire: bytes | None = None
        if method == "POST":
            wire = body
        elif method == "GET":
            param = urllib.parse.parse_qs(url.query).get("dns", [""])[0]
            with contextlib.suppress(ValueError):
                wire = base64.urlsafe_b64decode(param + "=" * (-len(param) % 4))
        reply = await self.relay(wire) if wire else None
        if reply is None:
            return 400, b"bad request", "text/plain"
        return 200, reply, "application/dns-message"

    async def _serve_h2(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        """HTTP/2: every stream's request answered as it completes, concurrently."""
        import h2.config
        import h2.connection
        import h2.events

        conn = h2.connection.H2Connection(h2.config.H2Configuration(client_side=False))
        conn.initiate_connection()
        writer.write(conn.data_to_send())
        heads: dict[int, dict[str, str]] = {}
        bodies: dict[int, bytearray] = {}
        tasks: set[asyncio.Task[None]] = set()

        async def respond(stream: int, head: dict[str, str], body: bytes) -> None:
            status, data, content_type = await self._answer(
                head.get(":method", ""), head.get(":path", ""), body
            )
            conn.send_headers(
                stream,
                [
                    (":status", str(status)),
                    ("content-type", content_type),
                    ("content-length", str(len(data))),
                ],
            )
            conn.send_data(stream, data, end_stream=True)
            writer.write(conn.data_to_send())
            await writer.drain()

        while True:
            data = await reader.read(65536)
            if not data:
                return
            for event in conn.receive_data(data):
                if isinstance(event, h2.events.RequestReceived):
                    heads[event.stream_id] = {
                        (k.decode() if isinstance(k, bytes) else k): (
                            v.decode() if isinstance(v, bytes) else v
                        )
                        for k, v in event.headers
                    }
                    bodies[event.stream_id] = bytearray()
                elif isinstance(event, h2.events.DataReceived):
                    bodies.setdefault(event.stream_id, bytearray()).extend(event.data)
                    conn.acknowledge_received_data(event.flow_controlled_length, event.stream_id)
                elif isinstance(event, h2.events.StreamEnded):
                    stream = event.stream_id
                    task = asyncio.ensure_future(
                        respond(stream, heads.pop(stream, {}), bytes(bodies.pop(stream, b"")))
                    )
                    tasks.add(task)
                    task.add_done_callback(tasks.discard)
                elif isinstance(event, h2.events.ConnectionTerminated):
                    writer.write(conn.data_to_send())
                    return
            writer.write(conn.data_to_send())
            await writer.drain()

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
