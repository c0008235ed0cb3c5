"""The opt-in STARTTLS probe: what each MX host's port 25 offers.

For every (MX host, address) pair, concurrently and within one deadline: the banner, EHLO,
whether STARTTLS is offered, the TLS handshake (SNI = the MX host), the TLS version and
cipher, the certificate's facts (subject, issuer, expiry, trusted, names against the MX host
and against the MTA-STS patterns), the TLSA match when TLSA records are given, and whether
REQUIRETLS (RFC 8689) is advertised. The probe never sends MAIL FROM; it says QUIT.

Trust is OpenSSL's own judgement, as a sending MTA built on it makes it: the first handshake
verifies the chain against the system CAs (or `ca_file`) with host name checking off (names
are judged here, below). When that verification fails, a second connection repeats EHLO and
STARTTLS with verification off, only to read the certificate; its OpenSSL reason is kept. A
good server thus costs one connection, a bad certificate two.

The chain the server presented (for DANE-TA) is read with the SSL object's
`get_unverified_chain`, public from Python 3.13 and present but private (`_sslobj`) in 3.11
and 3.12; without it only the leaf certificate is known and DANE-TA records cannot match.

Facts only: `probe_findings` turns them into finding codes and parameters; what a sending
server then does is the receiver model's business.
"""

from __future__ import annotations

import _ssl
import asyncio
import contextlib
import errno
import ipaddress
import ssl
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace

from cryptography import x509

from mailpath.core.jsontypes import JsonObject
from mailpath.core.sentences import Sentence
from mailpath.core.sentences import register as register_sentences
from mailpath.core.transport.certificate import (
    CertificateFacts,
    TlsaRecord,
    certificate_facts,
    tlsa_matches,
)

__all__ = [
    "ERRORS",
    "CertificateFacts",
    "SmtpProbe",
    "TlsaRecord",
    "all_probes",
    "certificate_facts",
    "probe_address",
    "probe_findings",
    "probe_mx",
    "tlsa_matches",
]

#: A reply line longer than this, or a reply of more lines, is not SMTP (RFC 5321 4.5.3.1.5
#: allows 512 octets a line; the margin is for real servers' long EHLO lines).
MAX_LINE = 4096
MAX_LINES = 100
#: How long a finished probe waits for the server to close the connection.
CLOSE_WAIT = 1.0

#: Why a probe ended early: sentence key -> English template (`core.sentences`, registered
#: below; the window's catalogue has them in context "Sentences"). `SmtpProbe.error_params`
#: fills them; the keys are stable.
ERRORS: dict[str, str] = {
    "smtp-probe/timeout": "{address} did not answer within {seconds} s (at {stage}).",
    "smtp-probe/refused": "{address} refused the connection to port {port}.",
    "smtp-probe/unreachable": "{address} could not be reached on port {port}: {reason}.",
    "smtp-probe/closed": "{address} closed the connection (at {stage}).",
    "smtp-probe/not-smtp": "{address} sent something that is not an SMTP reply (at {stage}).",
    "smtp-probe/greeting-refused": (
        "{address} greeted with {reply}: it does not take mail from the probe."
    ),
    "smtp-probe/rejected": "{address} answered {reply} to {command}.",
    "smtp-probe/starttls-refused": "{address} offers STARTTLS but answered {reply} to it.",
    "smtp-probe/tls-failed": "The TLS handshake with {address} failed ({reason}).",
}
register_sentences(ERRORS)

#: The stages a probe passes, as named in `SmtpProbe.stage` and the error parameters.
STAGES = ("connect", "banner", "ehlo", "starttls", "handshake", "ehlo-tls", "quit", "done")


@dataclass(frozen=True)
class SmtpProbe:
    """One address of one MX host, as its port 25 answered."""

    host: str
    address: str
    starttls: bool = False
    tls_version: str | None = None
    cipher: str | None = None
    certificate: CertificateFacts | None = None
    #: A usable TLSA record (DANE-TA or DANE-EE) matches the certificate; None when no usable
    #: TLSA record was given or no certificate was seen.
    tlsa_match: bool | None = None
    requiretls: bool = False
    #: The EHLO keywords, before and after STARTTLS ("PIPELINING", "SIZE"...).
    extensions: tuple[str, ...] = ()
    extensions_tls: tuple[str, ...] = ()
    #: The stage the probe reached ("done" when it said QUIT) or failed at.
    stage: str = "connect"
    #: An `ERRORS` key and its parameters; None when the probe ended normally.
    error_key: str | None = None
    error_params: Mapping[str, str] = field(default_factory=dict)
    connections: int = 0
    elapsed: float = 0.0
    #: The same host's other addresses (the other family), when `probe_mx` keys by host.
    also: tuple[SmtpProbe, ...] = ()

    @property
    def family(self) -> str:
        return "ipv6" if ":" in self.address else "ipv4"

    @property
    def error(self) -> Sentence | None:
        """Why the probe ended early, as a sentence (English text with its key)."""
        if self.error_key is None:
            return None
        return Sentence(self.error_key, **self.error_params)

    def to_json(self) -> JsonObject:
        """The per-host `smtp` object of `--json` (fields only added), with every address of the
        host under "by_address"."""
        out = self._own_json()
        out["by_address"] = {p.address: p._own_json() for p in (self, *self.also)}
        return out

    def _own_json(self) -> JsonObject:
        return {
            "address": self.address,
            "starttls": self.starttls,
            "tls_version": self.tls_version,
            "cipher": self.cipher,
            "certificate": None if self.certificate is None else self.certificate.to_json(),
            "tlsa_match": self.tlsa_match,
            "error": None if self.error is None else str(self.error),
            "host": self.host,
            "family": self.family,
            "requiretls": self.requiretls,
            "mta_sts_match": (None if self.certificate is None else self.certificate.mta_sts_match),
            "extensions": list(self.extensions_tls or self.extensions),
            "stage": self.stage,
            "error_key": self.error_key,
            "error_params": dict(self.error_params),
        }


# ---------------------------------------------------------------- the SMTP dialogue


class _Failed(Exception):
    def __init__(self, key: str, **params: str) -> None:
        super().__init__(key)
        self.key = f"smtp-probe/{key}"  # a key of ERRORS
        self.params = params


@dataclass
class _Dialogue:
    """What one connection learned (mutable while it runs)."""

    stage: str = "connect"
    starttls: bool = False
    extensions: tuple[str, ...] = ()
    extensions_tls: tuple[str, ...] = ()
    tls_version: str | None = None
    cipher: str | None = None
    chain: list[bytes] = field(default_factory=list)


async def _reply(reader: asyncio.StreamReader, state: _Dialogue) -> tuple[int, list[str]]:
    lines: list[str] = []
    while len(lines) < MAX_LINES:
        try:
            raw = await reader.readuntil(b"\n")
        except asyncio.IncompleteReadError as exc:
            raise _Failed("closed", stage=state.stage) from exc
        except asyncio.LimitOverrunError as exc:
            raise _Failed("not-smtp", stage=state.stage) from exc
        except (ConnectionError, ssl.SSLError) as exc:
            raise _Failed("closed", stage=state.stage) from exc
        line = raw.rstrip(b"\r\n").decode("utf-8", "replace")
        if len(line) < 3 or not line[:3].isdigit() or line[3:4] not in ("", " ", "-"):
            raise _Failed("not-smtp", stage=state.stage)
        lines.append(line[4:])
        if line[3:4] != "-":
            return int(line[:3]), lines
    raise _Failed("not-smtp", stage=state.stage)


async def _command(
    reader: asyncio.StreamReader, writer: asyncio.StreamWriter, state: _Dialogue, text: str
) -> tuple[int, list[str]]:
    try:
        writer.write(text.encode("ascii") + b"\r\n")
        await writer.drain()
    except (ConnectionError, ssl.SSLError) as exc:
        raise _Failed("closed", stage=state.stage) from exc
    return await _reply(reader, state)


def _keywords(lines: Sequence[str]) -> tuple[str, ...]:
    # The first line of an EHLO reply is the greeting; the others are keywords and parameters.
    return tuple(line.split()[0].upper() for line in lines[1:] if line.split())


def _peer_chain(writer: asyncio.StreamWriter) -> list[bytes]:
    obj = writer.get_extra_info("ssl_object")
    if obj is None:
        return []
    leaf = obj.getpeercert(binary_form=True)
    certs: list[bytes] = []
    getter = getattr(obj, "get_unverified_chain", None)  # Python 3.13
    if getter is None:  # 3.11, 3.12: the same method, on the private _ssl object
        getter = getattr(getattr(obj, "_sslobj", None), "get_unverified_chain", None)
    if getter is not None:
        with contextlib.suppress(Exception):
            for cert in getter() or ():
                if isinstance(cert, bytes):
                    certs.append(cert)
                else:
                    certs.append(cert.public_bytes(_ssl.ENCODING_DER))
    if leaf and (not certs or certs[0] != leaf):
        certs = [leaf]
    return certs


async def _dialogue(
    host: str,
    address: str,
    port: int,
    context: ssl.SSLContext,
    helo_name: str,
    state: _Dialogue,
) -> None:
    try:
        reader, writer = await asyncio.open_connection(address, port, limit=MAX_LINE)
    except ConnectionRefusedError as exc:
        raise _Failed("refused", port=str(port)) from exc
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        symbol = errno.errorcode.get(exc.errno or 0, "")
        raise _Failed("unreachable", port=str(port), reason=reason, errno=symbol) from exc
    try:
        state.stage = "banner"
        code, _ = await _reply(reader, state)
        if code != 220:
            raise _Failed("greeting-refused", reply=str(code))
        state.stage = "ehlo"
        code, lines = await _command(reader, writer, state, f"EHLO {helo_name}")
        if code != 250:
            raise _Failed("rejected", reply=str(code), command="EHLO")
        state.extensions = _keywords(lines)
        state.starttls = "STARTTLS" in state.extensions
        if state.starttls:
            state.stage = "starttls"
            code, _ = await _command(reader, writer, state, "STARTTLS")
            if code != 220:
                raise _Failed("starttls-refused", reply=str(code))
            state.stage = "handshake"
            try:
                await writer.start_tls(context, server_hostname=host)
            except ssl.SSLCertVerificationError:
                raise
            except ssl.SSLError as exc:
                raise _Failed("tls-failed", reason=exc.reason or type(exc).__name__) from exc
            except (ConnectionError, asyncio.IncompleteReadError) as exc:
                raise _Failed("tls-failed", reason="connection closed") from exc
            obj = writer.get_extra_info("ssl_object")
            if obj is not None:
                state.tls_version = obj.version()
                cipher = obj.cipher()
                state.cipher = cipher[0] if cipher else None
            state.chain = _peer_chain(writer)
            state.stage = "ehlo-tls"
            code, lines = await _command(reader, writer, state, f"EHLO {helo_name}")
            if code == 250:
                state.extensions_tls = _keywords(lines)
        state.stage = "quit"
        with contextlib.suppress(_Failed):
            await _command(reader, writer, state, "QUIT")
        state.stage = "done"
    finally:
        await _hang_up(writer, polite=state.stage == "done")


async def _hang_up(writer: asyncio.StreamWriter, *, polite: bool) -> None:
    """After QUIT, a closing TLS exchange for at most CLOSE_WAIT seconds (a server that never
    answers close_notify must not hold the probe); otherwise, and then, the connection is cut."""
    if polite:
        writer.close()
        try:
            async with asyncio.timeout(CLOSE_WAIT):
                await writer.wait_closed()
            return
        except (TimeoutError, OSError, ssl.SSLError):
            pass
    writer.transport.abort()
    try:
        await writer.wait_closed()
    except asyncio.CancelledError:
        # asyncio cancels an aborted TLS transport's close waiter; only our own cancellation
        # (the caller's, or the deadline's) goes on.
        task = asyncio.current_task()
        if task is not None and task.cancelling():
            raise
    except Exception:  # closing: whatever the socket says now changes nothing
        pass


def _verifying_context(ca_file: str | None) -> ssl.SSLContext:
    context = ssl.create_default_context(cafile=ca_file)
    context.check_hostname = False  # names are judged by certificate_facts
    return context


def _reading_context() -> ssl.SSLContext:
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    return context


async def probe_address(
    host: str,
    address: str,
    *,
    port: int = 25,
    timeout: float = 10.0,
    ca_file: str | None = None,
    mta_sts_patterns: Sequence[str] | None = None,
    tlsa: Sequence[str | TlsaRecord] | None = None,
    helo_name: str = "mailpath.invalid",
) -> SmtpProbe:
    """Probe one address of one MX host; never raises for what the network does."""
    start = time.monotonic()
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    state = _Dialogue()
    connections = 0
    trusted = True
    verify_error: str | None = None
    verify_code: int | None = None
    error: _Failed | None = None
    try:
        async with asyncio.timeout_at(deadline):
            try:
                connections += 1
                await _dialogue(host, address, port, _verifying_context(ca_file), helo_name, state)
            except ssl.SSLCertVerificationError as exc:
                # Not trusted: connect again without verification, only to read the chain.
                trusted = False
                verify_error = exc.verify_message or None
                verify_code = exc.verify_code
                state = _Dialogue()
                connections += 1
                await _dialogue(host, address, port, _reading_context(), helo_name, state)
    except TimeoutError:
        if state.stage != "done":  # not when only the closing handshake was cut short
            error = _Failed("timeout", seconds=f"{timeout:g}", stage=state.stage)
    except _Failed as exc:
        error = exc
    certificate, tlsa_match = _judge_chain(
        state.chain,
        host,
        tlsa or (),
        trusted=trusted,
        verify_error=verify_error,
        verify_code=verify_code,
        mta_sts_patterns=mta_sts_patterns,
    )
    params: dict[str, str] = {}
    if error is not None:
        params = {"address": address, "host": host, **error.params}
    return SmtpProbe(
        host=host,
        address=address,
        starttls=state.starttls,
        tls_version=state.tls_version,
        cipher=state.cipher,
        certificate=certificate,
        tlsa_match=tlsa_match,
        requiretls="REQUIRETLS" in (*state.extensions, *state.extensions_tls),
        extensions=state.extensions,
        extensions_tls=state.extensions_tls,
        stage=state.stage,
        error_key=None if error is None else error.key,
        error_params=params,
        connections=connections,
        elapsed=time.monotonic() - start,
    )


def _judge_chain(
    ders: Sequence[bytes],
    host: str,
    tlsa: Sequence[str | TlsaRecord],
    *,
    trusted: bool,
    verify_error: str | None,
    verify_code: int | None,
    mta_sts_patterns: Sequence[str] | None,
) -> tuple[CertificateFacts | None, bool | None]:
    """The leaf's facts and the TLSA match of the chain the server presented."""
    chain = []
    for der in ders:
        try:
            chain.append(x509.load_der_x509_certificate(der))
        except ValueError:
            break
    if not chain:
        return None, None
    facts = certificate_facts(
        chain,
        host,
        trusted=trusted,
        verify_error=verify_error,
        verify_code=verify_code,
        mta_sts_patterns=mta_sts_patterns,
    )
    records = [r if isinstance(r, TlsaRecord) else TlsaRecord.parse(r) for r in tlsa]
    usable = [r for r in records if r is not None]
    return facts, tlsa_matches(chain, usable, facts.names_match)


async def probe_mx(
    hosts: Sequence[tuple[str, str]],
    *,
    port: int = 25,
    timeout: float = 10.0,
    ca_file: str | None = None,
    mta_sts_patterns: Sequence[str] | None = None,
    tlsa: Mapping[str, Sequence[str | TlsaRecord]] | None = None,
    helo_name: str = "mailpath.invalid",
) -> dict[str, SmtpProbe]:
    """Probe every (MX host, address) pair at once; all done within `timeout` seconds.

    Keyed by MX host (the `smtp` object of `--json`): the value is the probe of the host's first
    address in `hosts`, its other addresses in `.also` (`all_probes` flattens them)."""
    pairs = list(dict.fromkeys((_host(h), a) for h, a in hosts))
    records = {_host(h): r for h, r in (tlsa or {}).items()}
    results = await asyncio.gather(
        *(
            probe_address(
                host,
                _plain_address(address),
                port=port,
                timeout=timeout,
                ca_file=ca_file,
                mta_sts_patterns=mta_sts_patterns,
                tlsa=records.get(host),
                helo_name=helo_name,
            )
            for host, address in pairs
        )
    )
    grouped: dict[str, list[SmtpProbe]] = {}
    for probe in results:
        grouped.setdefault(probe.host, []).append(probe)
    return {host: replace(first, also=tuple(rest)) for host, (first, *rest) in grouped.items()}


def _host(name: str) -> str:
    return name.lower().rstrip(".")


def _plain_address(address: str) -> str:
    return str(ipaddress.ip_address(address.strip("[]")))


def all_probes(probes: Mapping[str, SmtpProbe]) -> list[SmtpProbe]:
    return [p for first in probes.values() for p in (first, *first.also)]


# ---------------------------------------------------------------- findings (as data)


def probe_findings(probes: Mapping[str, SmtpProbe]) -> list[tuple[str, dict[str, str]]]:
    """Finding codes and their parameters (host, address and the facts), one per problem and
    address: `starttls-missing`, `certificate-expired`, `certificate-untrusted`,
    `certificate-name-mismatch`, `tlsa-mismatch`, and `smtp-probe-failed` when a probe could
    not finish (its `error_key` and parameters). A matching DANE-EE record makes the
    certificate's names, expiry and issuer irrelevant (RFC 7672 3.1.1), so none is reported."""
    out: list[tuple[str, dict[str, str]]] = []
    for p in all_probes(probes):
        base = {"host": p.host, "address": p.address, "family": p.family}
        if p.error_key == "smtp-probe/starttls-refused":
            out.append(("starttls-missing", {**base, "reply": p.error_params.get("reply", "")}))
            continue
        if p.error_key is not None and p.certificate is None:
            out.append(
                ("smtp-probe-failed", {**base, **p.error_params, "error": p.error_key or ""})
            )
            continue
        if not p.starttls:
            out.append(("starttls-missing", {**base, "reply": ""}))
            continue
        cert = p.certificate
        if cert is None:
            continue
        if p.tlsa_match is False:
            out.append(("tlsa-mismatch", {**base, "subject": cert.subject}))
        if p.tlsa_match is True:
            continue
        if cert.expired:
            out.append(("certificate-expired", {**base, "not_after": cert.not_after}))
        # OpenSSL reports expiry as its reason when nothing else is wrong (X509_V_ERR 10).
        if not cert.trusted and not (cert.expired and cert.verify_code == 10):
            out.append(
                (
                    "certificate-untrusted",
                    {**base, "issuer": cert.issuer, "reason": cert.verify_error or ""},
                )
            )
        if not cert.names_match:
            out.append(
                ("certificate-name-mismatch", {**base, "names": ", ".join(cert.names) or "-"})
            )
    return out
