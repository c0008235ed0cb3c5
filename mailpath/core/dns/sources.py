"""The one DNS interface every lookup of mailpath goes through.

A `DnsSource` answers `await source.query(name, rdtype)` with an `Answer`; it never raises for
DNS trouble. Implementations:

- `LiveSource`: dnspython's async resolver (system resolver or chosen servers), a per-query
  timeout, a total budget, TCP retry on truncation (dnspython does that for us).
- `RecordingSource`: wraps another source and keeps every question, answer and its timing.
- `ReplaySource`: answers from a recording, with no network.
- `CachingSource`: the front every analysis uses: concurrent callers of the same question
  share one in-flight query, so one analysis never sends a question twice.

Answers keep NXDOMAIN, NODATA, TIMEOUT, SERVFAIL and REFUSED apart; a timeout is never "no
record".
"""

from __future__ import annotations

import asyncio
import contextlib
import enum
import ssl
import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, Protocol

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

from mailpath.core.sentences import register as register_sentences


class Outcome(enum.StrEnum):
    """How a question ended."""

    OK = "ok"  # records of the asked type
    NXDOMAIN = "nxdomain"  # the name does not exist
    NODATA = "nodata"  # the name exists, no records of that type
    TIMEOUT = "timeout"  # no answer within the time allowed
    SERVFAIL = "servfail"
    REFUSED = "refused"
    ERROR = "error"  # anything else (FORMERR, malformed reply, no server reachable...)
    MISSING = "missing"  # replay only: the recording holds no such question

    @property
    def is_void(self) -> bool:
        """RFC 7208 4.6.4: a void lookup is NXDOMAIN or an empty answer."""
        return self in (Outcome.NXDOMAIN, Outcome.NODATA)

    @property
    def is_error(self) -> bool:
        """A DNS failure (not an answer about the name): RFC 7208's temperror path."""
        return self not in (Outcome.OK, Outcome.NXDOMAIN, Outcome.NODATA)

    def describe(self) -> str:
        return _OUTCOME_TEXT[self]


_OUTCOME_TEXT = {
    Outcome.OK: "answered",
    Outcome.NXDOMAIN: "NXDOMAIN (no such name)",
    Outcome.NODATA: "no records of this type (NODATA)",
    Outcome.TIMEOUT: "timed out (no answer)",
    Outcome.SERVFAIL: "SERVFAIL (server failure)",
    Outcome.REFUSED: "REFUSED by the server",
    Outcome.ERROR: "DNS error",
    Outcome.MISSING: "not in the recording",
}

# Typed record values, by type:
#   A, AAAA           -> str (address text)
#   MX                -> tuple[int, str] (preference, exchange without trailing dot)
#   TXT, SPF          -> tuple[bytes, ...] (the character-strings of one record)
#   PTR, CNAME, NS    -> str (target name without trailing dot)
RecordValue = Any


@dataclass(frozen=True)
class Answer:
    """The answer to one question: an outcome, typed records, and where it ended."""

    name: str  # the name asked, lower case, no trailing dot
    rdtype: str  # "A", "TXT", ...
    outcome: Outcome
    records: tuple[RecordValue, ...] = ()
    #: The name the records belong to when the question was answered through CNAMEs.
    canonical: str | None = None
    #: Human-readable detail for errors ("no answer from 127.0.0.1:53 within 2.0 s").
    detail: str = ""
    #: Seconds the question took (0 for cached and replayed answers).
    elapsed: float = 0.0
    #: The TTL the server gave: for a caching resolver what remains of it, for an
    #: authoritative server the full TTL; for NXDOMAIN/NODATA the negative-caching TTL
    #: (RFC 2308: the SOA's minimum, capped by its TTL). None when unknown (old recordings).
    ttl: int | None = None
    #: Whether the reply carried the AA flag (None when no reply was read).
    authoritative: bool | None = None
    #: A negative answer's zone: the owner of the SOA in its authority section (RFC 2308).
    soa_owner: str | None = None
    #: A referral (a reply without AA and without answer that names the servers of a zone
    #: below): (the delegated zone, its NS host names, sorted). None otherwise.
    referral: tuple[str, tuple[str, ...]] | None = None
    #: No server replied: the cause, a key of `RESOLVER_FAILURES` ("refused": nothing
    #: listens on the server's port, "timeout", ...). "" when a server replied.
    failure: str = ""

    @property
    def ok(self) -> bool:
        return self.outcome is Outcome.OK

    def texts(self) -> list[str]:
        """Records as display strings (TXT strings joined, decoded leniently)."""
        return [record_to_display(self.rdtype, r) for r in self.records]


class DnsSource(Protocol):
    """Anything that answers DNS questions."""

    async def query(self, name: str, rdtype: str) -> Answer: ...


@dataclass(frozen=True)
class Deadline:
    """When an analysis's time (--budget) runs out: `at` on `time.monotonic()`'s clock,
    `seconds` the budget it ends. CPU-bound work (DKIM, ARC) stops at it too."""

    at: float
    seconds: float

    def remaining(self) -> float:
        return self.at - time.monotonic()

    def passed(self) -> bool:
        return self.remaining() <= 0


def deadline_of(source: object) -> Deadline | None:
    """The deadline of the live source under `source` (through its wrappers' ``inner``),
    starting its clock if no question was asked yet; None for a source without a budget
    (a replay)."""
    for _ in range(16):
        get = getattr(source, "deadline", None)
        if callable(get):
            found = get()
            return found if isinstance(found, Deadline) else None
        source = getattr(source, "inner", None)
        if source is None:
            return None
    return None


async def close_connections(source: object) -> None:
    """Close the DoH/DoT connections of the live source under `source` (through its
    wrappers' ``inner``); nothing for sources without connections."""
    for _ in range(16):
        close = getattr(source, "close_connections", None)
        if callable(close):
            await close()
            return
        source = getattr(source, "inner", None)
        if source is None:
            return


def normalize_qname(name: str) -> str:
    return name.strip().rstrip(".").lower()


# ---------------------------------------------------------------- record conversions


def record_from_rdata(rdtype: str, rdata: Any) -> RecordValue:
    if rdtype in ("A", "AAAA"):
        return str(rdata.address)
    if rdtype == "MX":
        return (int(rdata.preference), _name_text(rdata.exchange))
    if rdtype in ("TXT", "SPF"):
        return tuple(bytes(s) for s in rdata.strings)
    if rdtype in ("PTR", "CNAME", "NS"):
        return _name_text(rdata.target)
    return rdata.to_text()


def _name_text(name: dns.name.Name) -> str:
    text = name.to_text(omit_final_dot=True)
    return "." if text == "" or name == dns.name.root else text


def record_to_display(rdtype: str, value: RecordValue) -> str:
    if rdtype in ("TXT", "SPF"):
        return b"".join(value).decode("utf-8", "replace")
    if rdtype == "MX":
        return f"{value[0]} {value[1]}"
    return str(value)


def record_to_json(rdtype: str, value: RecordValue) -> Any:
    """A JSON-safe form that `recording.answer_from_json` reads back exactly."""
    if rdtype in ("TXT", "SPF"):
        # Latin-1 maps every byte to one code point: lossless and readable for ASCII.
        return [s.decode("latin-1") for s in value]
    if rdtype == "MX":
        return [value[0], value[1]]
    return value


def answer_to_json(answer: Answer) -> dict[str, Any]:
    out: dict[str, Any] = {
        "name": answer.name,
        "type": answer.rdtype,
        "outcome": answer.outcome.value,
        "records": [record_to_json(answer.rdtype, r) for r in answer.records],
        "elapsed_us": round(answer.elapsed * 1_000_000),
    }
    if answer.canonical:
        out["canonical"] = answer.canonical
    if answer.detail:
        out["detail"] = answer.detail
    out["ttl"] = answer.ttl
    if answer.authoritative is not None:
        out["authoritative"] = answer.authoritative
    if answer.soa_owner is not None:
        out["soa_owner"] = answer.soa_owner
    if answer.referral is not None:
        out["referral"] = [answer.referral[0], list(answer.referral[1])]
    if answer.failure:
        out["failure"] = answer.failure
    return out


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
        self._doh: dict[str, tuple[asyncio.AbstractEventLoop, Any]] = {}
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

    async def doh_client(self, url: str, bootstrap: str | None) -> Any:
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
        request: Any,
        timeout: float,
        source: Any,
        source_port: int,
        max_size: bool,
        backend: Any,
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
        request: Any,
        timeout: float,
        source: Any,
        source_port: int,
        max_size: bool,
        backend: Any,
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
        request: Any,
        timeout: float,
        source: Any,
        source_port: int,
        max_size: bool,
        backend: Any,
        *args: Any,
        **kwargs: Any,
    ) -> dns.message.Message:
        if isinstance(backend, dns._asyncio_backend.Backend):
            backend = _CONNECTED_UDP
        return await super().async_query(
            request, timeout, source, source_port, max_size, backend, *args, **kwargs
        )


#: Why a resolver answers nothing: cause key -> English template (the window translates it,
#: context "ResolverFailure"). Parameters are plain text.
RESOLVER_FAILURES: dict[str, str] = {
    "refused": "connection refused",
    "timeout": "no answer within {seconds} s",
    "tls_certificate": "its TLS certificate is not trusted: {reason}",
    "tls": "the TLS handshake failed: {reason}",
    "http": "HTTP status {status}",
    "unreachable": "the network or host is unreachable",
    "bootstrap": "the system's name service finds no address for {host} ({reason})",
    "error": "{reason}",
}


@dataclass(frozen=True)
class ResolverFailure:
    """The resolver itself answers nothing: every question of the run failed at the transport
    (refused, TLS, HTTP status, silence) and a probe of the root's NS failed too. No verdict
    about any domain can come from such a run."""

    server: str  # the server(s) as the user names them
    cause: str  # a key of RESOLVER_FAILURES
    params: tuple[tuple[str, str], ...] = ()

    def describe(self) -> str:
        return RESOLVER_FAILURES[self.cause].format(**dict(self.params))

    def sentence(self) -> str:
        return f"the resolver {self.server} does not answer ({self.describe()})"

    def to_json(self) -> dict[str, Any]:
        return {
            "server": self.server,
            "cause": self.cause,
            "params": dict(self.params),
            "message": self.sentence(),
        }


def _failure_cause(exc: BaseException) -> tuple[str, dict[str, str]]:
    """The cause key and parameters of one transport failure."""
    import errno
    import os

    cert = _certificate_error(exc)
    if cert is not None:
        reason = getattr(cert, "verify_message", "") or getattr(cert, "reason", "") or "?"
        return "tls_certificate", {"reason": str(reason)}
    if isinstance(exc, HttpStatusError):
        return "http", {"status": str(exc.status)}
    if isinstance(exc, BootstrapError):
        return "bootstrap", {"host": exc.host, "reason": exc.reason}
    if isinstance(exc, ConnectionRefusedError):
        return "refused", {}
    if isinstance(exc, ssl.SSLError):
        return "tls", {"reason": str(exc.reason or exc.strerror or type(exc).__name__)}
    if isinstance(exc, TimeoutError | dns.exception.Timeout):
        return "timeout", {"seconds": "?"}
    if isinstance(exc, OSError) and exc.errno in (errno.ENETUNREACH, errno.EHOSTUNREACH):
        return "unreachable", {}
    if isinstance(exc, OSError) and exc.errno:
        return "error", {"reason": os.strerror(exc.errno)}
    return "error", {"reason": (str(exc) or type(exc).__name__).splitlines()[0]}


def _transport_failure(exc: dns.resolver.NoNameservers) -> tuple[str, dict[str, str]] | None:
    """The cause of a NoNameservers that no server replied to at all, else None (a server
    that replied, even SERVFAIL or REFUSED, is alive)."""
    errors = exc.kwargs.get("errors", []) if hasattr(exc, "kwargs") else []
    causes = []
    for err in errors:
        detail, response = err[3], err[4] if len(err) > 4 else None
        if isinstance(response, dns.message.Message) or not isinstance(detail, BaseException):
            return None
        causes.append(_failure_cause(detail))
    return causes[0] if causes else None


@dataclass(frozen=True)
class ResolverInfo:
    """Where a live analysis got its answers."""

    kind: ResolverKind
    address: str


def _since(start: float) -> float:
    """Seconds since `start`, in whole microseconds: what a recording keeps, so a replayed
    answer carries exactly the same figure as the live one."""
    return round((time.monotonic() - start) * 1_000_000) / 1_000_000


class LiveSource:
    """Real DNS through dnspython's async resolver.

    `timeout` bounds one question (dnspython retries UDP within it and falls back to TCP on a
    truncated answer); `budget` bounds the whole life of this source: once spent, questions
    end at once as TIMEOUT, so an analysis against a server that never answers still ends.
    """

    def __init__(
        self,
        nameservers: Sequence[Nameserver] = (),
        *,
        timeout: float = 5.0,
        budget: float = 30.0,
        recursive: bool = True,
        ca_file: str | None = None,
    ) -> None:
        self.timeout = timeout
        self.budget = budget
        self._deadline: float | None = None
        #: The first TLS certificate failure met (DoH/DoT), as text naming the server: the
        #: question ended as ERROR; nothing is ever retried over plain DNS.
        self.tls_failure: str | None = None
        verify: bool | str = ca_file if ca_file else True
        self._labels: dict[str, str] = {}
        #: The run's connections to its DoH/DoT servers (one per server).
        self.sessions = EncryptedSessions(verify)
        if nameservers:
            resolver = dns.asyncresolver.Resolver(configure=False)
            made = [ns.to_dnspython(verify, self.sessions) for ns in nameservers]
            resolver.nameservers = made
            self.servers = [str(ns) for ns in nameservers]
            # dnspython names servers its own way ("DoT:IP@port"): errors name ours.
            self._labels = {str(d): str(ns) for d, ns in zip(made, nameservers, strict=True)}
            kinds = {ns.kind for ns in nameservers}
            kind = kinds.pop() if len(kinds) == 1 else ResolverKind.MIXED
        else:
            try:
                resolver = dns.asyncresolver.Resolver()
            except dns.resolver.NoResolverConfiguration:
                resolver = dns.asyncresolver.Resolver(configure=False)
                resolver.nameservers = ["127.0.0.1"]
            self.servers = [str(ns) for ns in resolver.nameservers]
            kind = ResolverKind.SYSTEM
        self.resolver_info = ResolverInfo(kind, ", ".join(self.servers))
        #: Replies read from the servers (any rcode): one is enough to show they are alive.
        self.replies = 0
        self._first_failure: ResolverFailure | None = None
        self._failure: ResolverFailure | None = None
        self._probe: asyncio.Task[bool] | None = None
        # Each UDP attempt waits a fraction of the question's time, so one lost datagram is
        # retried before the question gives up.
        resolver.timeout = max(timeout / 2.5, 0.05)
        resolver.lifetime = timeout
        resolver.retry_servfail = False
        resolver.use_edns(0, 0, 1232)
        resolver.cache = None
        if not recursive:
            resolver.flags = 0  # RD clear: a server answers from its own zones only
        self._resolver = resolver

    def _remaining(self) -> float:
        now = time.monotonic()
        if self._deadline is None:
            self._deadline = now + self.budget
        return self._deadline - now

    @property
    def resolver_failure(self) -> ResolverFailure | None:
        """The resolver itself is unusable: nothing it was asked got a reply, and (when there
        was time to ask) neither did a probe of the root's NS. None when any reply came."""
        if self._failure is not None:
            return self._failure
        return self._first_failure if self.replies == 0 else None

    def _failed(self, cause: str, params: dict[str, str]) -> ResolverFailure:
        return ResolverFailure(", ".join(self.servers), cause, tuple(sorted(params.items())))

    async def close_connections(self) -> None:
        """Close the DoH/DoT connections (a later question opens new ones)."""
        await self.sessions.aclose()

    def deadline(self) -> Deadline:
        """When this source's budget ends (its clock starts at the first question or here)."""
        self._remaining()
        assert self._deadline is not None
        return Deadline(self._deadline, self.budget)

    async def query(self, name: str, rdtype: str) -> Answer:
        if self._failure is not None:
            # The resolver answers nothing: no use waiting for it again.
            outcome = Outcome.TIMEOUT if self._failure.cause == "timeout" else Outcome.ERROR
            return Answer(
                normalize_qname(name),
                rdtype.upper(),
                outcome,
                detail=self._failure.sentence(),
                failure=self._failure.cause,
            )
        answer, failure, replied = await self._ask(name, rdtype)
        if replied:
            self.replies += 1
        elif failure is not None:
            self._first_failure = self._first_failure or failure
            if self.replies == 0 and await self._resolver_is_dead():
                self._failure = self._failure or failure
        return answer

    async def query_signed(self, name: str, rdtype: str) -> dns.message.Message | None:
        """One question with the DO and AD bits set, for DNSSEC validation
        (core.transport.dnssec): the whole reply, with its RRSIGs, or None when no reply
        came within the question's time and the budget."""
        remaining = self._remaining()
        if remaining <= 0:
            return None
        lifetime = min(self.timeout, remaining)
        try:
            query = dns.message.make_query(
                dns.name.from_text(normalize_qname(name) or "."),
                rdtype.upper(),
                want_dnssec=True,
                payload=1232,
            )
            query.flags |= dns.flags.AD
            if self._resolver.flags == 0:
                query.flags &= ~dns.flags.RD
            async with asyncio.timeout(lifetime + 0.05):
                for server in self._resolver.nameservers:
                    if isinstance(server, str):
                        server = dns.nameserver.Do53Nameserver(server)
                    try:
                        if isinstance(server, dns.nameserver.Do53Nameserver):
                            reply, _ = await dns.asyncquery.udp_with_fallback(
                                query,
                                server.address,
                                timeout=lifetime,
                                port=server.port,
                                backend=_CONNECTED_UDP,
                            )
                        else:
                            reply = await server.async_query(
                                query,
                                timeout=lifetime,
                                source=None,
                                source_port=0,
                                max_size=False,
                                backend=dns.asyncbackend.get_default_backend(),
                            )
                    except (dns.exception.DNSException, OSError):
                        continue
                    self.replies += 1
                    return reply
        except (TimeoutError, dns.exception.DNSException, ValueError):
            return None
        return None

    async def _resolver_is_dead(self) -> bool:
        """Ask the root's NS once (every resolver knows it): no reply means the resolver, not
        the zone asked, is what fails. One probe per source, shared by every question."""
        loop = asyncio.get_running_loop()
        if self._probe is None or self._probe.get_loop() is not loop or self._probe.cancelled():
            self._probe = loop.create_task(self._probe_root())
        return await asyncio.shield(self._probe)

    async def _probe_root(self) -> bool:
        _, _, replied = await self._ask(".", "NS")
        if replied:
            self.replies += 1
        return self.replies == 0

    async def _ask(self, name: str, rdtype: str) -> tuple[Answer, ResolverFailure | None, bool]:
        """One question; the transport failure that ended it (None if a server replied or
        the budget was spent); whether a server replied (with any rcode)."""
        qname = normalize_qname(name)
        rdtype = rdtype.upper()
        remaining = self._remaining()
        if remaining <= 0:
            answer = Answer(qname, rdtype, Outcome.TIMEOUT, detail="the analysis ran out of time")
            return answer, None, False
        lifetime = min(self.timeout, remaining)
        start = time.monotonic()
        try:
            absolute = dns.name.from_text(qname if qname else ".")
        except dns.exception.DNSException as exc:
            return Answer(qname, rdtype, Outcome.ERROR, detail=f"bad name: {exc}"), None, False
        try:
            # dnspython may sleep between retries past `lifetime`: hold it to the limit.
            async with asyncio.timeout(lifetime + 0.05):
                result = await self._resolver.resolve(
                    absolute,
                    rdtype,
                    search=False,
                    raise_on_no_answer=False,
                    lifetime=lifetime,
                )
        except dns.resolver.NXDOMAIN as exc:
            try:
                replies = list(exc.responses().values())  # type: ignore[no-untyped-call]
            except (KeyError, AttributeError):
                replies = []
            reply = replies[-1] if replies else None
            answer = Answer(
                qname,
                rdtype,
                Outcome.NXDOMAIN,
                elapsed=_since(start),
                ttl=_negative_ttl(reply),
                authoritative=_aa(reply),
                soa_owner=_soa_owner(reply),
            )
            return answer, None, True
        except (dns.resolver.LifetimeTimeout, TimeoutError):
            answer = Answer(
                qname,
                rdtype,
                Outcome.TIMEOUT,
                detail=f"no answer from {', '.join(self.servers)} within {lifetime:.1f} s",
                elapsed=_since(start),
                failure="timeout",
            )
            return answer, self._failed("timeout", {"seconds": f"{lifetime:.1f}"}), False
        except dns.resolver.NoNameservers as exc:
            outcome, detail = _classify_no_nameservers(exc)
            tls = _tls_failure(exc, self._labels)
            if tls is not None:
                self.tls_failure = self.tls_failure or tls
                outcome, detail = Outcome.ERROR, tls
            answer = Answer(qname, rdtype, outcome, detail=detail, elapsed=_since(start))
            cause = _transport_failure(exc)
            if cause is None:
                return answer, None, True
            answer = replace(answer, failure=cause[0])
            return answer, self._failed(*cause), False
        except dns.resolver.YXDOMAIN:
            answer = Answer(qname, rdtype, Outcome.ERROR, detail="YXDOMAIN", elapsed=_since(start))
            return answer, None, True
        except dns.exception.DNSException as exc:
            answer = Answer(qname, rdtype, Outcome.ERROR, detail=str(exc), elapsed=_since(start))
            return answer, None, False
        except (OSError, ValueError) as exc:
            cause = _failure_cause(exc)
            answer = Answer(
                qname,
                rdtype,
                Outcome.ERROR,
                detail=str(exc),
                elapsed=_since(start),
                failure=cause[0],
            )
            return answer, self._failed(*cause), False
        elapsed = _since(start)
        rrset = result.rrset
        reply = result.response
        if rrset is None or len(rrset) == 0:
            answer = Answer(
                qname,
                rdtype,
                Outcome.NODATA,
                elapsed=elapsed,
                ttl=_negative_ttl(reply),
                authoritative=_aa(reply),
                soa_owner=_soa_owner(reply),
                referral=_referral(reply),
            )
            return answer, None, True
        canonical = _name_text(result.canonical_name).lower()
        records = tuple(record_from_rdata(rdtype, rd) for rd in rrset)
        answer = Answer(
            qname,
            rdtype,
            Outcome.OK,
            records=records,
            canonical=canonical if canonical != qname else None,
            elapsed=elapsed,
            ttl=int(rrset.ttl),
            authoritative=_aa(reply),
        )
        return answer, None, True


def _aa(reply: dns.message.Message | None) -> bool | None:
    if not isinstance(reply, dns.message.Message):
        return None
    return bool(reply.flags & dns.flags.AA)


def _soa_owner(reply: dns.message.Message | None) -> str | None:
    """The owner of the SOA in a negative reply's authority section: the zone the name is in."""
    if not isinstance(reply, dns.message.Message):
        return None
    for rrset in reply.authority:
        if rrset.rdtype == dns.rdatatype.SOA:
            return _name_text(rrset.name).lower()
    return None


def _referral(reply: dns.message.Message | None) -> tuple[str, tuple[str, ...]] | None:
    """(zone, NS hosts) of a referral: a reply without AA and without answer whose authority
    section holds the NS records of a zone (and no SOA)."""
    if not isinstance(reply, dns.message.Message) or reply.flags & dns.flags.AA:
        return None
    if reply.answer or any(r.rdtype == dns.rdatatype.SOA for r in reply.authority):
        return None
    for rrset in reply.authority:
        if rrset.rdtype == dns.rdatatype.NS and len(rrset):
            hosts = sorted({_name_text(rd.target).lower() for rd in rrset})
            return _name_text(rrset.name).lower(), tuple(hosts)
    return None


def _negative_ttl(reply: dns.message.Message | None) -> int | None:
    """RFC 2308 section 5: a negative answer is cached for min(SOA TTL, SOA minimum)."""
    if not isinstance(reply, dns.message.Message):
        return None
    for rrset in reply.authority:
        if rrset.rdtype == dns.rdatatype.SOA and len(rrset):
            return int(min(rrset.ttl, next(iter(rrset)).minimum))
    return None


def _tls_failure(exc: dns.resolver.NoNameservers, labels: Mapping[str, str]) -> str | None:
    """'<server>: TLS certificate not trusted (...)' when a DoH/DoT server's certificate
    failed verification, else None."""
    for err in exc.kwargs.get("errors", []) if hasattr(exc, "kwargs") else []:
        server, detail = err[0], err[3]
        cert = _certificate_error(detail) if isinstance(detail, BaseException) else None
        if cert is not None:
            reason = getattr(cert, "verify_message", "") or str(cert)
            return f"{labels.get(server, server)}: TLS certificate not trusted ({reason})"
    return None


def _classify_no_nameservers(exc: dns.resolver.NoNameservers) -> tuple[Outcome, str]:
    errors = exc.kwargs.get("errors", []) if hasattr(exc, "kwargs") else []
    rcodes: list[int] = []
    texts: list[str] = []
    for err in errors:
        server = err[0]
        detail = err[3]
        response = err[4] if len(err) > 4 else None
        if isinstance(detail, Exception):
            texts.append(f"{server}: {detail}")
        elif isinstance(response, dns.message.Message):
            rcodes.append(response.rcode())
            texts.append(f"{server}: {dns.rcode.to_text(response.rcode())}")
        else:
            texts.append(f"{server}: {detail}")
    detail_text = "; ".join(texts)
    if rcodes and all(r == dns.rcode.REFUSED for r in rcodes):
        return Outcome.REFUSED, detail_text
    if rcodes and any(r == dns.rcode.SERVFAIL for r in rcodes):
        return Outcome.SERVFAIL, detail_text
    if any("timed out" in t.lower() or "timeout" in t.lower() for t in texts):
        return Outcome.TIMEOUT, detail_text
    return Outcome.ERROR, detail_text or "no server could answer"


# ---------------------------------------------------------------- caching, recording, replay


@dataclass(frozen=True)
class QueryRecord:
    """One question as it was asked, for a recording."""

    answer: Answer
    started: float  # seconds since the recording began


class _Shared:
    """One question in flight: its task and how many callers wait for it."""

    __slots__ = ("task", "waiters")

    def __init__(self, task: asyncio.Task[Answer]) -> None:
        self.task = task
        self.waiters = 0


class CachingSource:
    """One in-flight query per question, shared by every caller; answers kept for the run.

    Each question runs in its own task and callers wait on it through `asyncio.shield`, so a
    caller that is cancelled does not cancel the others; the task itself is cancelled when its
    last waiter gives up (prefetched questions nobody waits for yet keep running until
    `cancel_pending()`, or `aclose()` at the end of the run). `asked` lists the questions
    really sent, in order.
    """

    def __init__(self, inner: DnsSource) -> None:
        self.inner = inner
        self._shared: dict[tuple[str, str], _Shared] = {}
        self.asked: list[tuple[str, str]] = []
        self.closed = False

    def _start(self, key: tuple[str, str]) -> _Shared:
        shared = self._shared.get(key)
        if shared is None:
            shared = _Shared(asyncio.ensure_future(self.inner.query(*key)))
            self._shared[key] = shared
            self.asked.append(key)
        return shared

    async def query(self, name: str, rdtype: str) -> Answer:
        key = (normalize_qname(name), rdtype.upper())
        shared = self._start(key)
        shared.waiters += 1
        try:
            return await asyncio.shield(shared.task)
        except asyncio.CancelledError:
            if shared.waiters == 1 and not shared.task.done():
                shared.task.cancel()
                if self._shared.get(key) is shared:
                    # Forget it, so that a later run may ask again.
                    del self._shared[key]
            raise
        finally:
            shared.waiters -= 1

    def prefetch(self, name: str, rdtype: str) -> None:
        """Start a question in the background; its answer waits for whoever asks."""
        if not self.closed:
            self._start((normalize_qname(name), rdtype.upper()))

    def cancel_pending(self) -> list[asyncio.Task[Answer]]:
        """Stop every question still in flight (the analysis was cancelled or has ended);
        returns their tasks, which end at their next step."""
        stopped = []
        for key, shared in list(self._shared.items()):
            if not shared.task.done():
                shared.task.cancel()
                del self._shared[key]
                stopped.append(shared.task)
        return stopped

    async def aclose(self) -> None:
        """The run is over: stop the questions still in flight (prefetches nobody asked for)
        and wait until they have ended, so none of them finishes after its run's result.
        Later prefetches are ignored; answers already in stay available."""
        self.closed = True
        stopped = self.cancel_pending()
        if stopped:
            await asyncio.gather(*stopped, return_exceptions=True)
        await close_connections(self.inner)

    def answers(self) -> list[Answer]:
        return [
            s.task.result()
            for s in self._shared.values()
            if s.task.done() and not s.task.cancelled() and s.task.exception() is None
        ]


@dataclass
class RecordingSource:
    """Keeps every question with its answer and timing."""

    inner: DnsSource
    log: list[QueryRecord] = field(default_factory=list)
    _t0: float = field(default_factory=time.monotonic)

    async def query(self, name: str, rdtype: str) -> Answer:
        started = time.monotonic() - self._t0
        answer = await self.inner.query(name, rdtype)
        self.log.append(QueryRecord(answer, started))
        return answer

    def answers(self) -> list[Answer]:
        return [r.answer for r in self.log]


class ReplaySource:
    """Answers from a recording; a question the recording lacks is MISSING, not NXDOMAIN."""

    def __init__(self, answers: Iterable[Answer]) -> None:
        self._answers = {(a.name, a.rdtype): a for a in answers}

    async def query(self, name: str, rdtype: str) -> Answer:
        key = (normalize_qname(name), rdtype.upper())
        found = self._answers.get(key)
        if found is None:
            return Answer(key[0], key[1], Outcome.MISSING, detail="not in the recording")
        # Timings stay as recorded, so a replayed analysis reports what the live one saw.
        return found


register_sentences({f"resolver-failure/{cause}": text for cause, text in RESOLVER_FAILURES.items()})
register_sentences({f"outcome/{outcome.value}": outcome.describe() for outcome in Outcome})
