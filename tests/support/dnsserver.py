"""A loopback DNS server for tests, modelled on dnspython's ``tests/nanonameserver.py``.

It answers like an authoritative server for every name in a small in-memory zone, over UDP
and TCP on the same port of 127.0.0.1, from an asyncio loop in a background thread, so that
tests exercise the very socket path users' lookups take::

    zone = {
        "example.com": [("A", "192.0.2.1"), ("MX", (10, "mx.example.com")),
                        ("TXT", "v=spf1 -all")],
        "slow.example.com": [TIMEOUT, ("TXT", "v=spf1 -all")],
    }
    with DnsTestServer(zone, latency=0.05) as server:
        LiveSource([Nameserver(server.address, server.port)])
        ...

Zone format: ``{name: [record, ...]}``; names match case-insensitively, a trailing dot is
ignored. A record is ``(TYPE, value)``:

- ``A`` / ``AAAA``: address text. ``PTR`` / ``CNAME`` / ``NS``: target name.
- ``MX``: ``(preference, exchange)`` (a list works too, as does the text ``"10 mx.x"``).
- ``TXT`` / ``SPF``: ``str`` -> one record with one string (UTF-8); ``list`` -> ONE record
  with several strings (each ``str`` or ``bytes``); ``bytes`` -> raw octets. Any string over
  255 octets is split into 255-octet strings. dnspython cannot build (nor parse) a TXT record
  with zero strings, so an empty list is served as one empty string.
- any other type: its master-file rdata text, e.g. ``("SOA", "ns. host. 1 2 3 4 5")``.
- the bare ``TIMEOUT`` marker: a query of any type the name has no records of (after CNAME
  following) gets no reply at all.

Behaviour, like a real authoritative server:

- A name not in the zone -> NXDOMAIN (AA set); a name without records of the type -> NOERROR
  with an empty answer (NODATA).
- A query for a type the name lacks (other than CNAME) follows the name's CNAME inside the
  zone and returns the whole chain, stopping after 10 hops or at a loop (the chain so far,
  NOERROR). When the chain leads to a name that is not in the zone the reply is NXDOMAIN with
  the chain in the answer section (RFC 6604, what NSD or BIND do for in-zone targets).
- ``servfail`` / ``refused``: names (any case) answered with SERVFAIL / REFUSED; this applies
  to CNAME targets met along a chain as well. ``silent=True``: never reply.
- UDP replies larger than the client's EDNS payload size (512 octets without EDNS) are sent
  truncated: TC set, no records, so the client retries over TCP. ``truncate_udp=True`` sends
  EVERY UDP reply that way (whatever its size or rcode), forcing TCP for every question.
- ``ttl``: the TTL of every record (default 300; may be changed while running);
  ``authoritative=False``: replies lack the AA flag (a lame server, or a resolver's cache).
- ``latency`` seconds (read at reply time, may be changed while running) are added before
  every reply, UDP and TCP, without blocking other questions: concurrent queries overlap.
- Records of one type are sent in random order (dnspython shuffles rdatasets when rendering,
  as real servers rotate them): compare them sorted.
- ``queries`` logs every question received (replied to or not) as
  ``(qname lower case without trailing dot, type text, "udp" | "tcp")``.
- Malformed queries, responses and queries without exactly one question are ignored.
- Zone data the server cannot turn into records (a bad address...) is logged, kept in
  ``errors`` and answered SERVFAIL; the server keeps running.
"""

from __future__ import annotations

import asyncio
import contextlib
import enum
import errno
import logging
import socket
import struct
import threading
from collections.abc import Iterable, Mapping, MutableMapping
from typing import Any

import dns.exception
import dns.flags
import dns.message
import dns.name
import dns.opcode
import dns.rcode
import dns.rdata
import dns.rdataclass
import dns.rdatatype
import dns.rdtypes.ANY.SPF
import dns.rdtypes.ANY.TXT
import dns.rrset

__all__ = ["TIMEOUT", "DnsTestServer", "zone_from_suite"]


class _Marker(enum.Enum):
    TIMEOUT = "TIMEOUT"

    def __repr__(self) -> str:
        return self.value


#: Put in a name's record list: questions that find no records there get no reply at all.
TIMEOUT = _Marker.TIMEOUT

_log = logging.getLogger(__name__)

TTL = 300
MAX_CNAME_HOPS = 10
_NO_EDNS_UDP_SIZE = 512
_TCP_MAX = 65535


class _Drop(Exception):
    """The question gets no reply."""


# ---------------------------------------------------------------- zone records -> rdata


def _split255(data: bytes) -> list[bytes]:
    if not data:
        return [b""]
    return [data[i : i + 255] for i in range(0, len(data), 255)]


def _txt_strings(value: Any) -> list[bytes]:
    if isinstance(value, str):
        return _split255(value.encode("utf-8"))
    if isinstance(value, bytes | bytearray):
        return _split255(bytes(value))
    if isinstance(value, list | tuple):
        strings: list[bytes] = []
        for item in value:
            strings.extend(_txt_strings(item))
        # dnspython refuses a TXT rdata with no strings: serve one empty string instead.
        return strings or [b""]
    raise TypeError(f"bad TXT value {value!r}")


def _name(text: str) -> dns.name.Name:
    return dns.name.from_text(str(text).strip(), origin=dns.name.root)


def _make_rdata(rdtype: dns.rdatatype.RdataType, value: Any) -> dns.rdata.Rdata:
    rdclass = dns.rdataclass.IN
    if rdtype in (dns.rdatatype.TXT, dns.rdatatype.SPF):
        return _txt_rdata(rdtype, _txt_strings(value))
    if rdtype == dns.rdatatype.MX and isinstance(value, list | tuple):
        pref, exchange = value
        return dns.rdata.from_text(rdclass, rdtype, f"{int(pref)} {_name(exchange)}")
    if rdtype in (dns.rdatatype.PTR, dns.rdatatype.CNAME, dns.rdatatype.NS):
        return dns.rdata.from_text(rdclass, rdtype, _name(value).to_text())
    return dns.rdata.from_text(rdclass, rdtype, str(value), origin=dns.name.root, relativize=False)


def _txt_rdata(rdtype: dns.rdatatype.RdataType, strings: list[bytes]) -> dns.rdata.Rdata:
    cls = dns.rdtypes.ANY.SPF.SPF if rdtype == dns.rdatatype.SPF else dns.rdtypes.ANY.TXT.TXT
    return cls(dns.rdataclass.IN, rdtype, strings)


def _normalize_zone(zone: Mapping[str, Any]) -> dict[dns.name.Name, list[Any]]:
    out: dict[dns.name.Name, list[Any]] = {}
    for key, records in list(zone.items()):
        try:
            name = _name(str(key).rstrip(".") or ".")
        except dns.exception.DNSException:
            continue
        out.setdefault(name, []).extend(records)
    return out


def _records_of(
    records: Iterable[Any], rdtype: dns.rdatatype.RdataType, owner: dns.name.Name, ttl: int = TTL
) -> dns.rrset.RRset | None:
    rrset: dns.rrset.RRset | None = None
    for record in records:
        if record is TIMEOUT or not isinstance(record, list | tuple) or len(record) != 2:
            continue
        rtype, value = record
        if dns.rdatatype.from_text(str(rtype).upper()) != rdtype:
            continue
        if rrset is None:
            rrset = dns.rrset.RRset(owner, dns.rdataclass.IN, rdtype)
        rrset.add(_make_rdata(rdtype, value), ttl)
    return rrset


# ---------------------------------------------------------------- the server


class DnsTestServer:
    """A loopback DNS server in a background thread; see the module docstring."""

    def __init__(
        self,
        zone: MutableMapping[str, Any] | None = None,
        *,
        latency: float = 0.0,
        servfail: Iterable[str] = (),
        refused: Iterable[str] = (),
        silent: bool = False,
        truncate_udp: bool = False,
        address: str = "127.0.0.1",
        port: int = 0,
        ttl: int = TTL,
        authoritative: bool = True,
    ) -> None:
        self.zone: MutableMapping[str, Any] = zone if zone is not None else {}
        self.latency = latency
        self.servfail = {_n(n) for n in servfail}
        self.refused = {_n(n) for n in refused}
        self.silent = silent
        self.truncate_udp = truncate_udp
        self.address = address
        self.port = port
        #: The TTL of every record served (may be changed while running).
        self.ttl = ttl
        #: False: replies lack the AA flag, as a lame server's (or a cache's) do.
        self.authoritative = authoritative
        self.queries: list[tuple[str, str, str]] = []
        #: Exceptions raised while answering (bad zone data): logged, answered SERVFAIL.
        self.errors: list[Exception] = []
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._stop_event: asyncio.Event | None = None
        self._ready = threading.Event()
        self._error: BaseException | None = None
        self._udp: socket.socket | None = None
        self._tcp: socket.socket | None = None

    # ------------------------------------------------------------ life cycle

    @property
    def nameserver(self) -> str:
        """The ``IP:PORT`` text mailpath's ``--nameserver`` accepts."""
        if ":" in self.address:
            return f"[{self.address}]:{self.port}"
        return f"{self.address}:{self.port}"

    def start(self) -> DnsTestServer:
        if self._thread is not None:
            return self
        self._udp, self._tcp = self._bind()
        self._thread = threading.Thread(
            target=self._run, name=f"DnsTestServer:{self.port}", daemon=True
        )
        self._thread.start()
        if not self._ready.wait(5):
            raise RuntimeError("the test DNS server did not start")
        if self._error is not None:
            raise RuntimeError(f"the test DNS server failed: {self._error!r}")
        return self

    def stop(self) -> None:
        thread, loop, stop_event = self._thread, self._loop, self._stop_event
        if thread is None:
            return
        if loop is not None and stop_event is not None and not loop.is_closed():
            with contextlib.suppress(RuntimeError):  # the loop already ended
                loop.call_soon_threadsafe(stop_event.set)
        thread.join(2)
        for sock in (self._udp, self._tcp):
            if sock is not None:
                sock.close()
        self._thread = None

    def __enter__(self) -> DnsTestServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def __repr__(self) -> str:
        return f"<DnsTestServer {self.nameserver} names={len(self.zone)}>"

    def _bind(self) -> tuple[socket.socket, socket.socket]:
        family = socket.AF_INET6 if ":" in self.address else socket.AF_INET
        for _attempt in range(50):
            udp = socket.socket(family, socket.SOCK_DGRAM)
            tcp = socket.socket(family, socket.SOCK_STREAM)
            try:
                udp.bind((self.address, self.port))
                port = udp.getsockname()[1]
                tcp.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
                tcp.bind((self.address, port))
                tcp.listen(64)
            except OSError as exc:
                udp.close()
                tcp.close()
                if self.port == 0 and exc.errno == errno.EADDRINUSE:
                    continue  # the TCP side of that port is taken: pick another one
                raise
            udp.setblocking(False)
            tcp.setblocking(False)
            self.port = port
            return udp, tcp
        raise OSError(errno.EADDRINUSE, "no free port for UDP and TCP together")

    def _run(self) -> None:
        try:
            asyncio.run(self._main())
        except BaseException as exc:  # pragma: no cover - reported by start()
            self._error = exc
            self._ready.set()

    async def _main(self) -> None:
        loop = asyncio.get_running_loop()
        self._loop = loop
        self._stop_event = asyncio.Event()
        tasks: set[asyncio.Task[None]] = set()
        writers: set[asyncio.StreamWriter] = set()

        def spawn(coro: Any) -> None:
            task = loop.create_task(coro)
            tasks.add(task)
            task.add_done_callback(tasks.discard)

        server = self

        class Udp(asyncio.DatagramProtocol):
            transport: asyncio.DatagramTransport

            def connection_made(self, transport: asyncio.BaseTransport) -> None:
                self.transport = transport  # type: ignore[assignment]

            def datagram_received(self, data: bytes, addr: Any) -> None:
                spawn(server._serve_udp(self.transport, data, addr))

            def error_received(self, exc: Exception) -> None:
                pass  # ICMP errors of earlier replies: nothing to do

        async def tcp_client(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
            writers.add(writer)
            try:
                while True:
                    header = await reader.readexactly(2)
                    (length,) = struct.unpack("!H", header)
                    wire = await reader.readexactly(length)
                    spawn(server._serve_tcp(writer, wire))
            except (asyncio.IncompleteReadError, ConnectionError, OSError):
                pass
            finally:
                writers.discard(writer)
                writer.close()

        assert self._udp is not None and self._tcp is not None
        transport, _ = await loop.create_datagram_endpoint(Udp, sock=self._udp)
        tcp_server = await asyncio.start_server(tcp_client, sock=self._tcp)
        self._ready.set()
        try:
            await self._stop_event.wait()
        finally:
            tcp_server.close()
            transport.close()
            for writer in list(writers):
                writer.close()
            for task in list(tasks):
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)

    # ------------------------------------------------------------ answering

    async def _serve_udp(
        self, transport: asyncio.DatagramTransport, data: bytes, addr: Any
    ) -> None:
        query = self._parse(data, "udp")
        if query is None:
            return
        response = self._answer(query)
        if response is None:
            return
        if self.latency > 0:
            await asyncio.sleep(self.latency)
        limit = max(_NO_EDNS_UDP_SIZE, query.payload) if query.edns >= 0 else _NO_EDNS_UDP_SIZE
        wire = None
        if not self.truncate_udp:
            with contextlib.suppress(dns.exception.TooBig):
                wire = response.to_wire(max_size=limit)
        if wire is None:
            wire = self._truncated(query, response).to_wire()
        if not transport.is_closing():
            transport.sendto(wire, addr)

    async def _serve_tcp(self, writer: asyncio.StreamWriter, data: bytes) -> None:
        query = self._parse(data, "tcp")
        if query is None:
            return
        response = self._answer(query)
        if response is None:
            return
        if self.latency > 0:
            await asyncio.sleep(self.latency)
        try:
            wire = response.to_wire(max_size=_TCP_MAX)
        except dns.exception.TooBig:
            wire = self._truncated(query, response).to_wire()
        if not writer.is_closing():
            writer.write(struct.pack("!H", len(wire)) + wire)
            with contextlib.suppress(ConnectionError, OSError):
                await writer.drain()

    def _parse(self, data: bytes, proto: str) -> dns.message.Message | None:
        try:
            query = dns.message.from_wire(data)
        except Exception:
            return None  # malformed: ignored
        if query.flags & dns.flags.QR or len(query.question) != 1:
            return None
        question = query.question[0]
        qname = question.name.to_text(omit_final_dot=True).lower()
        with self._lock:
            self.queries.append((qname, dns.rdatatype.to_text(question.rdtype), proto))
        if self.silent:
            return None
        return query

    @staticmethod
    def _truncated(
        query: dns.message.Message, response: dns.message.Message
    ) -> dns.message.Message:
        small = dns.message.make_response(query)
        small.flags |= dns.flags.TC | dns.flags.AA
        small.set_rcode(response.rcode())
        return small

    def _answer(self, query: dns.message.Message) -> dns.message.Message | None:
        try:
            return self._respond(query)
        except _Drop:
            return None
        except Exception as exc:
            self.errors.append(exc)
            _log.exception("DnsTestServer: cannot answer %s", query.question[0])
            response = dns.message.make_response(query)
            response.set_rcode(dns.rcode.SERVFAIL)
            return response

    def _respond(self, query: dns.message.Message) -> dns.message.Message:
        """The reply to one question; raises `_Drop` when there must be none."""
        response = dns.message.make_response(query)
        if self.authoritative:
            response.flags |= dns.flags.AA
        if query.opcode() != dns.opcode.QUERY:
            response.set_rcode(dns.rcode.NOTIMP)
            return response
        question = query.question[0]
        rdtype = question.rdtype
        zone = _normalize_zone(self.zone)
        name = question.name
        seen: set[dns.name.Name] = set()
        for hop in range(MAX_CNAME_HOPS + 1):
            key = _n(name.to_text())
            if key in self.refused:
                response.set_rcode(dns.rcode.REFUSED)
                return response
            if key in self.servfail:
                response.set_rcode(dns.rcode.SERVFAIL)
                return response
            records = zone.get(name)
            if records is None:
                response.set_rcode(dns.rcode.NXDOMAIN)
                return response
            seen.add(name)
            rrset = _records_of(records, rdtype, name, self.ttl)
            if rrset is not None:
                response.answer.append(rrset)
                return response
            cname = None
            if rdtype != dns.rdatatype.CNAME:
                cname = _records_of(records, dns.rdatatype.CNAME, name, self.ttl)
            if cname is not None:
                response.answer.append(cname)
                target = next(iter(cname)).target
                if target in seen or hop == MAX_CNAME_HOPS:
                    return response  # a loop or too long: the chain so far
                name = target
                continue
            if TIMEOUT in records:
                raise _Drop
            return response  # NODATA
        return response  # pragma: no cover - the loop always returns


def _n(name: str) -> str:
    return str(name).strip().rstrip(".").lower()


# ---------------------------------------------------------------- OpenSPF suite zone data


def _suite_text(value: Any) -> str | bytes:
    """YAML text of the suite -> str (ASCII) or raw bytes (``\\xNN`` escapes)."""
    text = str(value)
    if text.isascii():
        return text
    if all(ord(ch) <= 0xFF for ch in text):
        return text.encode("latin-1")
    return text.encode("utf-8")


def _suite_value(rtype: str, value: Any) -> Any:
    if rtype in ("TXT", "SPF"):
        if isinstance(value, list):
            return [_suite_text(v) for v in value]
        return _suite_text(value)
    if rtype == "MX":
        pref, exchange = value
        return (int(pref), str(exchange))
    return str(value)


def zone_from_suite(zonedata: Mapping[str, Any]) -> dict[str, list[Any]]:
    """Convert an OpenSPF conformance-suite ``zonedata`` map to this server's zone format.

    Implements the suite's conventions (see ``/work/shared/conformance/SOURCE.md``):
    ``TXT: NONE`` means no TXT records and no mirroring; an ``SPF`` record is also served as
    ``TXT`` unless the name has an explicit ``TXT`` entry (or ``TXT: NONE``); the bare
    ``TIMEOUT`` item becomes the `TIMEOUT` marker; ``\\xNN`` escapes become raw octets.
    """
    zone: dict[str, list[Any]] = {}
    for owner, entries in zonedata.items():
        records: list[Any] = []
        spf_values: list[Any] = []
        has_txt = False
        for entry in entries or []:
            if isinstance(entry, str):
                if entry.strip().upper() == "TIMEOUT":
                    records.append(TIMEOUT)
                    continue
                raise ValueError(f"{owner}: unknown bare item {entry!r}")
            if not isinstance(entry, Mapping):
                raise ValueError(f"{owner}: bad record {entry!r}")
            for rtype, value in entry.items():
                rtype = str(rtype).upper()
                if rtype == "TXT":
                    has_txt = True
                    if value == "NONE":
                        continue
                converted = _suite_value(rtype, value)
                if rtype == "SPF":
                    spf_values.append(converted)
                records.append((rtype, converted))
        if not has_txt:
            records.extend(("TXT", v) for v in spf_values)
        zone.setdefault(_n(str(owner)), []).extend(records)
    return zone
