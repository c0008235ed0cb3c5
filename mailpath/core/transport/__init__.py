"""Is the path encrypted? MTA-STS, TLS-RPT, DNSSEC and DANE for the recipient.

`check_transport` gathers the facts. It starts with the analysis's first round of questions:
the `_mta-sts` and `_smtp._tls` records, the policy host's addresses, the DNSSEC chain of the
recipient's zone (judged on its SOA answer). It asks the per-MX questions (TLSA and their
DNSSEC) as soon as the MX names are known. It decides nothing about the mail: `mx_transport`
says per MX host what a sending server's policy is for it (and, with the opt-in STARTTLS
probe's facts, whether that policy can be met), and `core.judgement` turns a policy that
refuses a host into a `queued` path. `smtp` is None unless the probe ran (`probe_smtp`).
"""

from __future__ import annotations

import asyncio
import dataclasses
import time
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import dns.name

from mailpath.core.dns.sources import DnsSource, Outcome, deadline_of
from mailpath.core.jsontypes import JsonObject
from mailpath.core.transport import dane as dane_mod
from mailpath.core.transport import dnssec as dnssec_mod
from mailpath.core.transport import mtasts, tlsrpt
from mailpath.core.transport.dane import DaneHost
from mailpath.core.transport.dnssec import DnssecStatus
from mailpath.core.transport.mtasts import StsPolicy

if TYPE_CHECKING:
    from mailpath.core.transport.starttls import SmtpProbe

__all__ = [
    "DaneHost",
    "DnssecStatus",
    "MtaStsInfo",
    "MxTransport",
    "TlsRptInfo",
    "TransportInfo",
    "TransportOptions",
    "check_transport",
    "mx_transport",
    "probe_transport",
    "render_lines",
    "transport_to_json",
]

#: The policy fetch never takes longer than this, whatever the budget left.
FETCH_LIMIT = 10.0
#: Nor does the STARTTLS probe (every host at once).
PROBE_LIMIT = 15.0


@dataclass(frozen=True)
class TransportOptions:
    #: PEM CA bundle for the MTA-STS policy's certificate (default: the system's CAs).
    ca_file: str | None = None
    #: DS/DNSKEY trust anchors (default: the root's KSKs, resources/dnssec/root-anchors.txt).
    trust_anchor: str | None = None
    #: "mailpath" validates from the trust anchor; "resolver" takes the resolver's AD bit.
    dnssec_by: str = "mailpath"
    #: The policy's HTTPS port (443; tests may move it).
    https_port: int = 443
    #: False: ask nothing (the transport is reported as not checked), e.g. to measure what
    #: the transport checks add (benchmarks/bench_check.py).
    enabled: bool = True
    #: A replay: the facts saved with the recording (core.transport.record). Its DNS
    #: questions are asked again (of the recording), the rest is taken as saved.
    saved: TransportInfo | None = None
    #: Connect to port 25 of every MX host address (the STARTTLS probe, opt-in).
    probe_smtp: bool = False
    #: The probe's SMTP port (25; tests may move it).
    smtp_port: int = 25


@dataclass(frozen=True)
class MtaStsInfo:
    record: str | None = None
    id: str | None = None
    policy: StsPolicy | None = None
    #: What went wrong, a key: "record-invalid", "record-lookup", "policy-unreachable",
    #: "policy-invalid"; None when nothing did (or no record is published).
    error: str | None = None
    #: The detail of `error`: the record's problem ("multiple", "no-id"...), the fetch's
    #: failure kind ("tls", "refused", "status"...) or the policy field that is wrong.
    problem: str | None = None
    #: Technical detail of a failed fetch (an HTTP status, a Content-Type, the TLS library's words).
    detail: str = ""
    #: Each MX host: whether the policy's mx patterns match it.
    hosts: Mapping[str, bool] = field(default_factory=dict)
    lookup: str = ""  # the TXT question's outcome


@dataclass(frozen=True)
class TlsRptInfo:
    record: str | None = None
    rua: tuple[str, ...] = ()
    error: str | None = None  # "multiple", "syntax", "no-rua", "bad-rua", "lookup"
    bad: str = ""
    lookup: str = ""


@dataclass(frozen=True)
class TransportInfo:
    domain: str
    mta_sts: MtaStsInfo
    tls_rpt: TlsRptInfo
    dnssec: DnssecStatus
    #: Per MX host: its TLSA records and whether they can be used.
    dane: Mapping[str, DaneHost] = field(default_factory=dict)
    #: Per MX host: the DNSSEC state of its `_25._tcp` TLSA answer.
    host_dnssec: Mapping[str, DnssecStatus] = field(default_factory=dict)
    #: The STARTTLS probe's results per MX host (`core.transport.starttls.probe_mx`, the
    #: host's other addresses in `.also`); None unless the probe ran (--probe-smtp).
    smtp: Mapping[str, SmtpProbe] | None = None
    #: False when no transport question could be asked (a replay of a recording without them).
    checked: bool = True
    elapsed: float = 0.0


def policy_url(domain: str) -> str:
    return f"https://mta-sts.{domain}/.well-known/mta-sts.txt"


@dataclass(frozen=True)
class MxTransport:
    """What a sending server's policy is for one MX host, before any STARTTLS probe:
    "dane" (usable TLSA under DNSSEC: verified TLS required), "mta-sts" (enforce and the host
    matches: verified TLS required), "policy-fails" (enforce and the host does not match:
    senders that honour MTA-STS refuse to deliver there), "opportunistic" (TLS if offered,
    unverified; in the clear otherwise)."""

    host: str
    state: str
    basis: tuple[str, ...]


def mx_transport(info: TransportInfo | None, host: str) -> MxTransport:
    if info is None or not info.checked:
        return MxTransport(host, "opportunistic", ("transport:unchecked",))
    dane = info.dane.get(host)
    policy = info.mta_sts.policy
    if dane is not None and dane.usable:
        failed = _probe_failure(info, host, "dane")
        if failed:
            return MxTransport(host, "policy-fails", (f"dane:{failed}",))
        return MxTransport(host, "dane", ("dane:usable",))
    if policy is not None and policy.mode == "enforce":
        if not info.mta_sts.hosts.get(host, False):
            return MxTransport(host, "policy-fails", ("mta-sts:mx-mismatch",))
        failed = _probe_failure(info, host, "mta-sts")
        if failed:
            return MxTransport(host, "policy-fails", (f"mta-sts:{failed}",))
        return MxTransport(host, "mta-sts", ("mta-sts:enforce",))
    basis = ("mta-sts:testing",) if policy is not None and policy.mode == "testing" else ()
    return MxTransport(host, "opportunistic", basis)


def _probe_failure(info: TransportInfo, host: str, policy: str) -> str:
    """What the STARTTLS probe saw at `host` that a sender bound by `policy` ("dane",
    "mta-sts") will not deliver over, as a basis tag's tail ("" when nothing, or no probe):
    any address of the host will do for the sender, so every one must fail."""
    probe = (info.smtp or {}).get(host)
    if probe is None:
        return ""
    reasons = [_unusable(p, policy) for p in (probe, *probe.also)]
    if not reasons or not all(reasons):
        return ""
    return reasons[0]


def _unusable(probe: SmtpProbe, policy: str) -> str:
    if probe.error_key == "smtp-probe/starttls-refused":
        return "starttls-missing"
    if probe.error_key == "smtp-probe/tls-failed":
        return "tls-failed"
    if probe.error_key is not None and probe.certificate is None:
        return ""  # the probe did not get far enough to tell (a timeout, a refused connection)
    if not probe.starttls:
        return "starttls-missing"
    cert = probe.certificate
    if cert is None:
        return ""
    if policy == "dane":
        return "tlsa-mismatch" if probe.tlsa_match is False else ""
    if cert.expired:
        return "certificate-expired"
    if not cert.trusted:
        return "certificate-untrusted"
    if not cert.names_match:
        return "certificate-name-mismatch"
    return ""


def refused_hosts(info: TransportInfo | None) -> frozenset[str]:
    """The MX hosts that the recipient's own policy makes undeliverable."""
    if info is None:
        return frozenset()
    hosts = {*info.mta_sts.hosts, *info.dane, *(info.smtp or {})}
    return frozenset(h for h in hosts if mx_transport(info, h).state == "policy-fails")


async def probe_transport(
    info: TransportInfo,
    hosts: Sequence[tuple[str, str]],
    options: TransportOptions,
    remaining: Callable[[], float],
) -> TransportInfo:
    """`info` with the STARTTLS probe's facts (`smtp`) of every (MX host, address) pair, all
    probed at once within half of the time left (at most PROBE_LIMIT seconds)."""
    from mailpath.core.transport.starttls import probe_mx

    policy = info.mta_sts.policy
    tlsa = {h: d.tlsa for h, d in info.dane.items() if d.usable}
    probes = await probe_mx(
        hosts,
        port=options.smtp_port,
        timeout=max(0.5, min(remaining() * 0.5, PROBE_LIMIT)),
        ca_file=options.ca_file,
        mta_sts_patterns=list(policy.mx) if policy is not None else None,
        tlsa=tlsa,
    )
    return dataclasses.replace(info, smtp=probes)


def unchecked(domain: str) -> TransportInfo:
    """The transport of a run that could not ask (a replay): every part unknown."""
    return TransportInfo(
        domain,
        MtaStsInfo(),
        TlsRptInfo(),
        DnssecStatus(domain, "SOA", dnssec_mod.UNKNOWN, "mailpath", "not checked"),
        checked=False,
    )


async def check_transport(
    source: DnsSource,
    domain: str,
    mx_hosts: Callable[[], Awaitable[Sequence[str]]],
    options: TransportOptions | None = None,
) -> TransportInfo:
    """The recipient's transport facts. `mx_hosts` gives the MX host names when known (the
    analysis's own MX lookup); every DNS question goes through `source`."""
    options = options or TransportOptions()
    if options.saved is not None:
        # The same questions as the live run asked (the policy host only behind a record).
        questions = [(f"_mta-sts.{domain}", "TXT"), (f"_smtp._tls.{domain}", "TXT")]
        if options.saved.mta_sts.record is not None:
            questions += [(f"mta-sts.{domain}", "A"), (f"mta-sts.{domain}", "AAAA")]
        await asyncio.gather(*(source.query(name, rtype) for name, rtype in questions))
        return options.saved
    deadline = deadline_of(source)
    signed = dnssec_mod.SignedSource.under(source)
    if deadline is None or signed is None or not options.enabled:
        return unchecked(domain)
    start = time.monotonic()
    anchors = (
        dnssec_mod.load_anchors(options.trust_anchor) if options.dnssec_by == "mailpath" else {}
    )

    async def secure(name: str, rdtype: str) -> DnssecStatus:
        if options.dnssec_by == "resolver":
            return await dnssec_mod.by_resolver(signed, name, rdtype)
        return await dnssec_mod.validate(signed, anchors, name, rdtype)

    async def per_host() -> tuple[dict[str, DaneHost], dict[str, DnssecStatus]]:
        hosts = list(dict.fromkeys(await mx_hosts()))
        names = [dane_mod.tlsa_name(h) for h in hosts]
        # The TLSA records come from the same (signed) replies that DNSSEC judges: each
        # question is asked once.
        states = await asyncio.gather(*(secure(n, "TLSA") for n in names))
        replies = await asyncio.gather(*(signed.ask(dns.name.from_text(n), "TLSA") for n in names))
        dane: dict[str, DaneHost] = {}
        for host, name, reply, state in zip(hosts, names, replies, states, strict=True):
            records = dnssec_mod.records(reply, name, "TLSA")
            dane[host] = dane_mod.dane_host(host, records, state.state == dnssec_mod.SECURE)
        return dane, dict(zip(hosts, states, strict=True))

    try:
        (sts, hosts), rpt, zone, (dane, host_dnssec) = await asyncio.gather(
            _mta_sts(source, domain, mx_hosts, options, deadline.remaining),
            _tls_rpt(source, domain),
            secure(domain, "SOA"),
            per_host(),
        )
    except asyncio.CancelledError:
        signed.cancel()
        raise
    sts = MtaStsInfo(**{**sts.__dict__, "hosts": hosts})
    return TransportInfo(
        domain,
        sts,
        rpt,
        zone,
        dane,
        host_dnssec,
        elapsed=time.monotonic() - start,
    )


async def _mta_sts(
    source: DnsSource,
    domain: str,
    mx_hosts: Callable[[], Awaitable[Sequence[str]]],
    options: TransportOptions,
    remaining: Callable[[], float],
) -> tuple[MtaStsInfo, dict[str, bool]]:
    # The policy host's addresses are asked only once the record says there is a policy: a
    # lookup started ahead and dropped when unneeded would make the questions a run asks (and
    # a saved analysis keeps) depend on which answer came first.
    txt = await source.query(f"_mta-sts.{domain}", "TXT")
    lookup = txt.outcome.value
    if txt.outcome.is_error or txt.outcome is Outcome.MISSING:
        return MtaStsInfo(error="record-lookup", problem=lookup, lookup=lookup), {}
    record = mtasts.parse_record(txt.texts())
    if record is None:
        return MtaStsInfo(lookup=lookup), {}
    if record.error is not None:
        info = MtaStsInfo(record.text, record.id, error="record-invalid", problem=record.error)
        return info, {}
    base = MtaStsInfo(record.text, record.id, lookup=lookup)
    try:
        body = await mtasts.fetch_policy(
            source,
            domain,
            # Half of what is left at most: the questions after the gathering round (the
            # fixes' checks) keep time even when the policy server hangs.
            timeout=min(remaining() * 0.5, FETCH_LIMIT),
            ca_file=options.ca_file,
            port=options.https_port,
        )
    except mtasts.PolicyFetchError as exc:
        return _with(base, error="policy-unreachable", problem=exc.kind, detail=exc.detail), {}
    policy, problem = mtasts.parse_policy(body)
    if policy is None:
        return _with(base, error="policy-invalid", problem=problem), {}
    hosts = await mx_hosts()
    matches = {h: any(mtasts.mx_matches(h, p) for p in policy.mx) for h in hosts}
    return _with(base, policy=policy), matches


def _with(info: MtaStsInfo, **changes: str | StsPolicy | None) -> MtaStsInfo:
    return dataclasses.replace(info, **changes)  # type: ignore[arg-type]


async def _tls_rpt(source: DnsSource, domain: str) -> TlsRptInfo:
    txt = await source.query(f"_smtp._tls.{domain}", "TXT")
    lookup = txt.outcome.value
    if txt.outcome.is_error or txt.outcome is Outcome.MISSING:
        return TlsRptInfo(error="lookup", lookup=lookup)
    record = tlsrpt.parse_record(txt.texts())
    if record is None:
        return TlsRptInfo(lookup=lookup)
    return TlsRptInfo(record.text, record.rua, record.error, record.bad, lookup)


# ---------------------------------------------------------------- output


def _dnssec_json(status: DnssecStatus) -> JsonObject:
    return {
        "zone": status.name,
        "secure": status.secure,
        "by": status.by,
        "error": status.error,
        "state": status.state,
        "signer": status.zone,
    }


def transport_to_json(info: TransportInfo | None, domain: str = "") -> JsonObject:
    """The `transport` object of `--json` (a contract: fields are only added)."""
    info = info or unchecked(domain)
    sts = info.mta_sts
    policy = sts.policy
    return {
        "domain": info.domain,
        "checked": info.checked,
        "mta_sts": {
            "record": sts.record,
            "id": sts.id,
            "policy": policy.to_json() if policy else None,
            "error": f"{sts.error}:{sts.problem}" if sts.error else None,
            "detail": sts.detail or None,
            "hosts": dict(sts.hosts),
            "url": policy_url(info.domain) if sts.record else None,
        },
        "tls_rpt": {
            "record": info.tls_rpt.record,
            "rua": list(info.tls_rpt.rua),
            "error": info.tls_rpt.error,
        },
        "dnssec": _dnssec_json(info.dnssec),
        "dane": {
            host: {
                "tlsa": list(d.tlsa),
                "secure": d.secure,
                "usable": d.usable,
                "dnssec": _dnssec_json(info.host_dnssec[host])
                if host in info.host_dnssec
                else None,
                "transport": mx_transport(info, host).state,
            }
            for host, d in info.dane.items()
        },
        "smtp": None if info.smtp is None else {h: p.to_json() for h, p in info.smtp.items()},
    }


def render_lines(info: TransportInfo | None) -> list[str]:
    """The text report's section (English, like the rest of the CLI's text)."""
    if info is None:
        return []
    out = ["", f"Transport ({info.domain})"]
    if not info.checked:
        out.append("  not checked (a replay holds no transport answers)")
        return out
    sts = info.mta_sts
    if sts.record is None and sts.error is None:
        out.append("  MTA-STS: none published")
    else:
        out.append(f"  MTA-STS: {sts.record or '(record lookup failed)'}")
        if sts.policy is not None:
            p = sts.policy
            out.append(f"    policy: mode {p.mode}, max_age {p.max_age}, mx {', '.join(p.mx)}")
        if sts.error:
            extra = f" ({sts.detail})" if sts.detail else ""
            out.append(f"    error: {sts.error}: {sts.problem}{extra}")
    rpt = info.tls_rpt
    out.append(f"  TLS-RPT: {rpt.record or 'none published'}")
    if rpt.error:
        out.append(f"    error: {rpt.error}{' ' + rpt.bad if rpt.bad else ''}")
    z = info.dnssec
    out.append(f"  DNSSEC {z.name}: {z.state} (by {z.by}){': ' + z.error if z.error else ''}")
    for host, d in info.dane.items():
        state = info.host_dnssec.get(host)
        tlsa = "; ".join(d.tlsa) if d.tlsa else "no TLSA"
        sec = state.state if state else "unknown"
        out.append(f"  {host}: {mx_transport(info, host).state}; TLSA {tlsa} (DNSSEC {sec})")
        out.append(f"    route marker: {LOCKS[lock_state(info, host)]}")
        first = (info.smtp or {}).get(host)
        for probe in (first, *first.also) if first is not None else ():
            out.append(f"    STARTTLS {probe.address}: {_probe_line(probe)}")
    return out


#: The route's marker on the SMTP edges to an MX host, by `MxTransport.state`, as the text
#: report names it (the window draws it: gui/graph/transport.py).
LOCKS = {
    "dane": "closed lock (verified TLS: DANE)",
    "mta-sts": "closed lock (verified TLS: MTA-STS enforce)",
    "mta-sts-unchecked": (
        "open lock (MTA-STS enforce demands verified TLS; the certificate was not checked: "
        "--probe-smtp)"
    ),
    "policy-fails": "red (the recipient's own policy makes delivery fail)",
    "opportunistic": "open lock (TLS if offered, unverified)",
}


def _probe_line(p: SmtpProbe) -> str:
    if p.error is not None and p.certificate is None:
        return f"not finished: {p.error}"
    if not p.starttls:
        return "not offered"
    cert = p.certificate
    parts = [p.tls_version or "?", p.cipher or "?"]
    if cert is not None:
        parts.append(
            f"certificate {cert.subject} (issuer {cert.issuer}, until {cert.not_after}; "
            f"{'trusted' if cert.trusted else 'not trusted'}, "
            f"{'names match' if cert.names_match else 'names do not match'})"
        )
    if p.tlsa_match is not None:
        parts.append("TLSA match" if p.tlsa_match else "TLSA mismatch")
    if p.requiretls:
        parts.append("REQUIRETLS")
    return ", ".join(parts)


def lock_state(info: TransportInfo | None, host: str) -> str:
    """The lock an SMTP edge to `host` shows: `mx_transport`'s state, except that MTA-STS
    enforce is a closed lock only with a certificate seen valid (the STARTTLS probe); without
    the probe it is "mta-sts-unchecked" (the policy demands verified TLS, nobody checked it)."""
    state = mx_transport(info, host).state
    if state == "mta-sts" and (info is None or info.smtp is None or host not in info.smtp):
        return "mta-sts-unchecked"
    return state
