"""The servers a live source asks and how it reaches them: plain DNS over connected UDP sockets
(then TCP), DNS over TLS and DNS over HTTPS, one connection per server for the whole run
(`EncryptedSessions`), and the bootstrap of a DoH/DoT host name."""

from __future__ import annotations

import asyncio
import contextlib
import enum
import ssl
from dataclasses import dataclass
from typing import TYPE_CHECKING

import dns._asyncbackend
import dns._asyncio_backend
import dns.asyncbackend
import dns.asyncquery
import dns.asyncresolver
import dns.exception
import dns.flags
import dns.message
import dns.name
import dns.nameserver
import dns.query
import dns.rcode
import dns.rdataclass
import dns.rdatatype
import dns.resolver

if TYPE_CHECKING:
    import httpx2

# ---------------------------------------------------------------- live


class ResolverKind(enum.StrEnum):
    """How the answers are fetched: the system's resolver, or servers named by the user."""

    SYSTEM = "system"
    UDP = "udp"  # plain DNS (UDP, falling back to TCP)
    DOH = "doh"  # DNS over HTTPS
    DOT = "dot"  # DNS over TLS
    MIXED = "mixed"  # servers of several kinds


@dataclass(frozen=True)
class Nameserver:
    """A server to ask: plain DNS (`udp`, which falls back to TCP), DoH or DoT.

    `address` is the server's IP (for `doh`, the URL); `hostname` is the name a DoT server's
    certificate must carry (default: its address, so the certificate must name the IP);
    `bootstrap` is a DoH server's IP when the user gave it (`https://NAME/PATH#ADDRESS`), so
    that NAME is never looked up.
    """

    address: str
    port: int = 53
    kind: ResolverKind = ResolverKind.UDP  # udp, doh or dot
    hostname: str | None = None
    bootstrap: str | None = None

    def __str__(self) -> str:
        if self.kind == "doh":
            return self.address + (f"#{self.bootstrap}" if self.bootstrap else "")
        host = f"[{self.address}]" if ":" in self.address else self.address
        if self.kind == "dot":
            text = f"tls://{host}" + ("" if self.port == 853 else f":{self.port}")
            return text + (f"#{self.hostname}" if self.hostname else "")
        if ":" in self.address:
            return f"{host}:{self.port}"
        return self.address if self.port == 53 else f"{self.address}:{self.port}"

    def to_dnspython(
        self, verify: bool | str = True, sessions: EncryptedSessions | None = None
    ) -> dns.nameserver.Nameserver:
        """dnspython's server object; DoH and DoT questions go through `sessions` (one
        connection per server for the run; a fresh `EncryptedSessions` when None)."""
        sessions = sessions or EncryptedSessions(verify)
        if self.kind == "doh":
            return _DoHNameserver(self.address, self.bootstrap, sessions)
        if self.kind == "dot":
            return _DoTNameserver(
                self.address, self.port, self.hostname or self.address, verify, sessions
            )
        return _Do53Nameserver(self.address, self.port)


class BootstrapError(OSError):
    """The DoH server's name is not known to the system's name service (getaddrinfo)."""

    def __init__(self, host: str, reason: str) -> None:
        super().__init__(f"{host}: {reason}")
        self.host = host
        self.reason = reason


def _client_context(verify: bool | str, alpn: list[str] | None = None) -> ssl.SSLContext:
    context = ssl.create_default_context(cafile=verify if isinstance(verify, str) else None)
    if verify is False:
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE
    if alpn:
        context.set_alpn_protocols(alpn)
    return context


class EncryptedSessions:
    """The connections of one run to its DoH and DoT servers: one HTTP/2 client per DoH URL
    (all questions multiplexed on one connection), one TLS connection per DoT server (its
    questions pipelined, RFC 7858 3.3), opened at the first question and reopened if lost.

    A DoH server's host name is looked up once, through the system's name service
    (`getaddrinfo`: /etc/hosts, nsswitch), never through DNS from dnspython's stub resolver;
    `https://NAME/PATH#ADDRESS` skips the lookup.

    Connections belong to the event loop that opened them: a question on another loop (the
    window's next run) opens its own. `aclose()` closes them; a later question reopens.
    """

    def __init__(self, verify: bool | str = True) -> None:
        self.verify = verify
        #: Host name -> address, looked up once for the run.
        self.addresses: dict[str, str] = {}
        #: Name lookups made through getaddrinfo (for tests and the benchmark).
        self.lookups = 0
        self._lookup_tasks: dict[str, asyncio.Future[str]] = {}
        self._doh: dict[str, tuple[asyncio.AbstractEventLoop, httpx2.AsyncClient]] = {}
        self._dot: dict[tuple[str, int, str], _DotConnection] = {}

    async def address_of(self, host: str, port: int) -> str:
        """`host`'s address from the system's name service, looked up once per run."""
        if _is_ip(host):
            return host
        found = self.addresses.get(host)
        if found is not None:
            return found
        loop = asyncio.get_running_loop()
        task = self._lookup_tasks.get(host)
        if task is None or task.get_loop() is not loop:
            task = loop.create_task(self._lookup(host, port))
            self._lookup_tasks[host] = task
        return await asyncio.shield(task)

    async def _lookup(self, host: str, port: int) -> str:
        import socket

        self.lookups += 1
        loop = asyncio.get_running_loop()
        try:
            infos = await loop.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except socket.gaierror as exc:
            raise BootstrapError(host, exc.strerror or str(exc)) from None
        except UnicodeError as exc:
            raise BootstrapError(host, str(exc)) from None
        if not infos:
            raise BootstrapError(host, "no address")
        address = str(infos[0][4][0])
        self.addresses[host] = address
        return address

    async def doh_client(self, url: str, bootstrap: str | None) -> httpx2.AsyncClient:
        """The run's HTTP client for the DoH server at `url` (HTTP/2 when the server offers
        it, else HTTP/1.1 with keep-alive)."""
        import urllib.parse

        loop = asyncio.get_running_loop()
        held = self._doh.get(url)
        if held is not None and held[0] is loop:
            return held[1]
        parts = urllib.parse.urlsplit(url)
        host = parts.hostname or ""
        address = bootstrap or await self.address_of(host, parts.port or 443)
        held = self._doh.get(url)
        if held is not None and held[0] is loop:
            return held[1]  # another question made it while this one looked the name up
        import dns.asyncbackend
        import httpx2

        context = _client_context(self.verify)
        backend = dns.asyncbackend.get_default_backend()
        transport_class = backend.get_transport_class()  # type: ignore[no-untyped-call]
        transport = transport_class(
            http1=True, http2=True, verify=context, bootstrap_address=address
        )
        client = httpx2.AsyncClient(http1=True, http2=True, verify=context, transport=transport)
        self._doh[url] = (loop, client)
        return client

    def dot_connection(self, address: str, port: int, hostname: str) -> _DotConnection:
        key = (address, port, hostname)
        conn = self._dot.get(key)
        if conn is None or conn.loop is not asyncio.get_running_loop():
            conn = _DotConnection(address, port, hostname, _client_context(self.verify, ["dot"]))
            self._dot[key] = conn
        return conn

    async def aclose(self) -> None:
        """Close this loop's connections (questions asked later open new ones)."""
        loop = asyncio.get_running_loop()
        for url, (owner, client) in list(self._doh.items()):
            if owner is loop:
                del self._doh[url]
                with contextlib.suppress(Exception):
                    await client.aclose()
        for key, conn in list(self._dot.items()):
            if conn.loop is loop:
                del self._dot[key]
                await conn.aclose()


def _is_ip(text: str) -> bool:
    import ipaddress

    try:
        ipaddress.ip_address(text)
    except ValueError:
        return False
    return True


class _DotConnection:
    """One TLS connection to a DoT server, its questions pipelined: each reply goes to the
    question with its message ID (RFC 7858 3.3 lets the server answer out of order). A
    connection the server closed is reopened by the next question; a question that was
    waiting on it is sent once more, on a new one."""

    def __init__(self, address: str, port: int, hostname: str, context: ssl.SSLContext) -> None:
        self.address = address
        self.port = port
        self.hostname = hostname
        self.context = context
        self.loop = asyncio.get_running_loop()
        #: TLS connections opened so far.
        self.opened = 0
        self._writer: asyncio.StreamWriter | None = None
        self._reader_task: asyncio.Task[None] | None = None
        self._pending: dict[int, asyncio.Future[bytes]] = {}
        self._connecting = asyncio.Lock()

    async def _connection(self) -> asyncio.StreamWriter:
        async with self._connecting:
            if self._writer is not None and not self._writer.is_closing():
                return self._writer
            reader, writer = await asyncio.open_connection(
                self.address, self.port, ssl=self.context, server_hostname=self.hostname
            )
            self.opened += 1
            self._writer = writer
            self._reader_task = asyncio.get_running_loop().create_task(self._read(reader, writer))
            return writer

    async def _read(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        import struct

        error: BaseException = ConnectionResetError("the DoT server closed the connection")
        try:
            while True:
                (length,) = struct.unpack("!H", await reader.readexactly(2))
                wire = await reader.readexactly(length)
                if len(wire) >= 2:
                    waiting = self._pending.pop(int.from_bytes(wire[:2], "big"), None)
                    if waiting is not None and not waiting.done():
                        waiting.set_result(wire)
        except asyncio.CancelledError:
            raise
        except (asyncio.IncompleteReadError, OSError) as exc:
            if isinstance(exc, OSError):
                error = exc
        finally:
            if self._writer is writer:
                self._writer = None
            writer.close()
            for waiting in self._pending.values():
                if not waiting.done():
                    waiting.set_exception(error)
            self._pending.clear()

    async def ask(
        self,
        request: dns.message.Message,
        timeout: float,
        one_rr_per_rrset: bool = False,
        ignore_trailing: bool = False,
    ) -> dns.message.Message:
        import struct

        wire = request.to_wire()
        try:
            async with asyncio.timeout(timeout):
                for attempt in range(2):
                    writer = await self._connection()
                    while request.id in self._pending:  # a question with the same ID is out
                        await asyncio.wait([self._pending[request.id]])
                    waiting: asyncio.Future[bytes] = self.loop.create_future()
                    self._pending[request.id] = waiting
                    try:
                        writer.write(struct.pack("!H", len(wire)) + wire)
                        await writer.drain()
                        reply = await waiting
                        break
                    except ConnectionError:
                        # The server closed the connection before answering (idle, or its
                        # limit of questions per connection): once more on a new one.
                        if attempt:
                            raise
                    finally:
                        if self._pending.get(request.id) is waiting:
                            del self._pending[request.id]
        except TimeoutError:
            raise dns.exception.Timeout(timeout=timeout) from None  # type: ignore[no-untyped-call]
        answer = dns.message.from_wire(
            reply,
            keyring=request.keyring,
            request_mac=request.mac,
            one_rr_per_rrset=one_rr_per_rrset,
            ignore_trailing=ignore_trailing,
        )
        if not request.is_response(answer):
            raise dns.query.BadResponse
        return answer

    async def aclose(self) -> None:
        writer, task = self._writer, self._reader_task
        self._writer = None
        if writer is not None:
            writer.close()
            with contextlib.suppress(Exception):
                await writer.wait_closed()
        if task is not None:
            task.cancel()
            with contextlib.suppress(BaseException):
                await task


class _DoTNameserver(dns.nameserver.DoTNameserver):
    """dnspython's DoT server, asking over the run's one TLS connection to it."""

    def __init__(
        self,
        address: str,
        port: int,
        hostname: str,
        verify: bool | str,
        sessions: EncryptedSessions,
    ) -> None:
        super().__init__(address, port, hostname=hostname, verify=verify)
        self.sessions = sessions

    async def async_query(
        self,
        request: dns.message.QueryMessage,
        timeout: float,
        source: str | None,
        source_port: int,
        max_size: bool,
        backend: dns._asyncbackend.Backend,
        one_rr_per_rrset: bool = False,
        ignore_trailing: bool = False,
    ) -> dns.message.Message:
        conn = self.sessions.dot_connection(self.address, self.port, self.hostname or "")
        return await conn.ask(request, timeout, one_rr_per_rrset, ignore_trailing)


def _certificate_error(exc: BaseException) -> ssl.SSLCertVerificationError | None:
    seen: set[int] = set()
    cause: BaseException | None = exc
    while cause is not None and id(cause) not in seen:
        seen.add(id(cause))
        if isinstance(cause, ssl.SSLCertVerificationError):
            return cause
        if "CERTIFICATE_VERIFY_FAILED" in str(cause):
            # httpx2 keeps only OpenSSL's text ("... certificate verify failed: <why> (_ssl.c:N)").
            found = ssl.SSLCertVerificationError(str(cause))
            _, _, why = str(cause).partition("certificate verify failed: ")
            found.verify_message = why.split(" (_ssl.c")[0] or "certificate verify failed"
            return found
        cause = cause.__cause__ or cause.__context__
    return None


class HttpStatusError(OSError):
    """A DoH server answered with an HTTP status other than 2xx (RFC 8484 4.2.1)."""

    def __init__(self, status: int) -> None:
        super().__init__(f"HTTP status {status}")
        self.status = status


def _os_error(exc: BaseException) -> OSError | None:
    """The OSError behind `exc` (itself, or in its chain of causes), if any."""
    seen: set[int] = set()
    cause: BaseException | None = exc
    while cause is not None and id(cause) not in seen:
        seen.add(id(cause))
        if isinstance(cause, OSError):
            return cause
        cause = cause.__cause__ or cause.__context__
    return None


class _DoHNameserver(dns.nameserver.DoHNameserver):
    """dnspython's DoH server, asking through the run's one HTTP/2 client
    (`EncryptedSessions.doh_client`), except that a failure of the server itself ends the
    question at once.

    httpx2 wraps a certificate failure or a refused connection in its own ConnectError, and
    dnspython raises a non-2xx status as a ValueError: its resolver retries both until the
    question's lifetime ends (a timeout). Re-raised as an OSError (the SSL error, the refused
    connection, `HttpStatusError`), the resolver drops the server and reports it."""

    def __init__(self, url: str, bootstrap: str | None, sessions: EncryptedSessions) -> None:
        super().__init__(url, bootstrap_address=bootstrap, verify=sessions.verify)
        self.sessions = sessions

    async def async_query(
        self,
        request: dns.message.QueryMessage,
        timeout: float,
        source: str | None,
        source_port: int,
        max_size: bool,
        backend: dns._asyncbackend.Backend,
        one_rr_per_rrset: bool = False,
        ignore_trailing: bool = False,
    ) -> dns.message.Message:
        import dns.asyncquery

        try:
            client = await self.sessions.doh_client(self.url, self.bootstrap_address)
            return await dns.asyncquery.https(
                request,
                self.url,
                timeout=timeout,
                one_rr_per_rrset=one_rr_per_rrset,
                ignore_trailing=ignore_trailing,
                client=client,
                post=True,
            )
        except OSError:
            raise
        except Exception as exc:
            cert = _certificate_error(exc)
            if cert is not None:
                raise cert from exc
            status = _http_status(exc)
            if status is not None:
                raise HttpStatusError(status) from exc
            os_error = _os_error(exc)
            if os_error is None and _is_connect_error(exc):
                os_error = await _connect_failure(self.url, self.bootstrap_address, self.sessions)
            if os_error is not None:
                raise os_error from exc
            raise


def _is_connect_error(exc: BaseException) -> bool:
    try:
        import httpx2
    except ImportError:  # dnspython without DoH support never gets here
        return False
    return isinstance(exc, httpx2.ConnectError)


async def _connect_failure(url: str, bootstrap: str | None, sessions: EncryptedSessions) -> OSError:
    """Why a connection to the DoH server at `url` fails, as the OS says it (httpx2's
    ConnectError does not say): connect once more, briefly, and keep the error."""
    import urllib.parse

    parts = urllib.parse.urlsplit(url)
    port = parts.port or 443
    try:
        address = bootstrap or await sessions.address_of(parts.hostname or "", port)
        async with asyncio.timeout(2.0):
            _, writer = await asyncio.open_connection(address, port)
    except OSError as exc:  # TimeoutError included
        return exc
    writer.close()
    return ConnectionError("the connection failed")


def _http_status(exc: BaseException) -> int | None:
    """The status of dnspython's "... responded with status code N" error: dnspython raises a
    plain ValueError that carries the status only in its text (dns/asyncquery.py, https())."""
    if isinstance(exc, ValueError):
        _, found, tail = str(exc).partition("responded with status code ")
        digits = tail[:3]
        if found and digits.isdigit():
            return int(digits)
    return None


class _ConnectedUdpBackend(dns._asyncio_backend.Backend):
    """asyncio's backend with UDP sockets connected to the server: the OS then reports an
    ICMP "port unreachable" as a refused connection at once, instead of the question waiting
    out its time for a reply that will never come."""

    def datagram_connection_required(self) -> bool:
        return True


_CONNECTED_UDP = _ConnectedUdpBackend()


class _Do53Nameserver(dns.nameserver.Do53Nameserver):
    """Plain DNS over connected UDP sockets (then TCP, as dnspython does)."""

    async def async_query(
        self,
        request: dns.message.QueryMessage,
        timeout: float,
        source: str | None,
        source_port: int,
        max_size: bool,
        backend: dns._asyncbackend.Backend,
        one_rr_per_rrset: bool = False,
        ignore_trailing: bool = False,
    ) -> dns.message.Message:
        if isinstance(backend, dns._asyncio_backend.Backend):
            backend = _CONNECTED_UDP
        return await super().async_query(
            request,
            timeout,
            source,
            source_port,
            max_size,
            backend,
            one_rr_per_rrset,
            ignore_trailing,
        )
