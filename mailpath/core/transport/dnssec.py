"""DNSSEC: whether an answer is secure, insecure or bogus, validated by mailpath from a trust
anchor with dnspython's `dns.dnssec`, or taken from a validating resolver's AD bit.

Every question goes to the analysis's own resolver (`LiveSource.query_signed`, with DO set), so
a test's loopback server or NSD answers it. For the name asked, the chain is walked from the
closest trust anchor down: each zone's DNSKEY set must be signed by a key that the parent's
signed DS set (or the anchor) names, and the answer must be signed by the last zone's keys.
The anchor's DNSKEY is asked first (once per run); then all questions of one walk are asked
at once (one round trip), and every answer is shared by the walks of one run.

Limits: the absence of a DS (an insecure delegation) is taken from the parent's signed NODATA
reply without checking its NSEC/NSEC3 proof, and a negative answer in a signed zone is secure
when a signed NSEC/NSEC3 set came with it (its coverage is not proven).
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

import dns.dnssec
import dns.exception
import dns.flags
import dns.message
import dns.name
import dns.rcode
import dns.rdata
import dns.rdataclass
import dns.rdatatype
import dns.rrset

from mailpath.paths import resource

IN = dns.rdataclass.IN
SECURE, INSECURE, BOGUS, UNKNOWN = "secure", "insecure", "bogus", "unknown"


@dataclass(frozen=True)
class DnssecStatus:
    """How one answer (`name`/`rdtype`) stands: secure, insecure, bogus or unknown."""

    name: str
    rdtype: str
    state: str
    by: str  # "mailpath" | "resolver"
    error: str | None = None
    #: The zone whose keys signed the answer (secure, bogus), or the unsigned zone (insecure).
    zone: str | None = None

    @property
    def secure(self) -> bool | None:
        if self.state == SECURE:
            return True
        if self.state in (INSECURE, BOGUS):
            return False
        return None


Anchors = Mapping[dns.name.Name, tuple[dns.rdata.Rdata, ...]]


def load_anchors(
    path: str | Path | None = None,
) -> dict[dns.name.Name, tuple[dns.rdata.Rdata, ...]]:
    """DS or DNSKEY records in zone-file syntax ("OWNER [TTL] [IN] DS|DNSKEY ..."), one a line;
    by default the root's KSKs shipped in resources/dnssec/root-anchors.txt."""
    file = Path(path) if path else resource("dnssec", "root-anchors.txt")
    found: dict[dns.name.Name, list[dns.rdata.Rdata]] = {}
    for raw in file.read_text(encoding="utf-8").splitlines():
        line = raw.split(";", 1)[0].strip()
        if not line:
            continue
        tokens = line.split()
        kinds = [i for i, t in enumerate(tokens) if t.upper() in ("DS", "DNSKEY")]
        if not kinds:
            raise ValueError(f"{file}: not a DS or DNSKEY record: {line}")
        i = kinds[0]
        rdtype = dns.rdatatype.from_text(tokens[i].upper())
        rdata = dns.rdata.from_text(IN, rdtype, " ".join(tokens[i + 1 :]))
        found.setdefault(dns.name.from_text(tokens[0]), []).append(rdata)
    if not found:
        raise ValueError(f"{file}: no trust anchor")
    return {k: tuple(v) for k, v in found.items()}


class SignedSource:
    """`query_signed` of the live source under a DnsSource, each question asked once."""

    def __init__(self, live: object) -> None:
        self._live = live
        self._asked: dict[tuple[str, str], asyncio.Task[dns.message.Message | None]] = {}

    @classmethod
    def under(cls, source: object) -> SignedSource | None:
        for _ in range(16):
            if callable(getattr(source, "query_signed", None)):
                return cls(source)
            source = getattr(source, "inner", None)
            if source is None:
                return None
        return None

    async def ask(self, name: dns.name.Name, rdtype: str) -> dns.message.Message | None:
        key = (name.to_text().lower(), rdtype)
        task = self._asked.get(key)
        if task is None:
            task = asyncio.ensure_future(self._live.query_signed(key[0], rdtype))  # type: ignore[attr-defined]
            self._asked[key] = task
        return await asyncio.shield(task)

    def cancel(self) -> None:
        for task in self._asked.values():
            task.cancel()


def _rrsets(
    reply: dns.message.Message, name: dns.name.Name, rdtype: dns.rdatatype.RdataType
) -> tuple[dns.rrset.RRset | None, dns.rrset.RRset | None]:
    rrset = reply.get_rrset(reply.answer, name, IN, rdtype)
    sigs = reply.get_rrset(reply.answer, name, IN, dns.rdatatype.RRSIG, covers=rdtype)
    return rrset, sigs


def records(reply: dns.message.Message | None, name: str, rdtype: str) -> list[str]:
    """The records of `name`/`rdtype` in a reply's answer, as master-file text."""
    if reply is None:
        return []
    rrset = reply.get_rrset(
        reply.answer, dns.name.from_text(name), IN, dns.rdatatype.from_text(rdtype)
    )
    return [] if rrset is None else [rdata.to_text() for rdata in rrset]


def _soa_owner(reply: dns.message.Message) -> dns.name.Name | None:
    for rrset in reply.authority:
        if rrset.rdtype == dns.rdatatype.SOA:
            return rrset.name
    return None


class _Bogus(Exception):
    pass


def _check(
    rrset: dns.rrset.RRset,
    sigs: dns.rrset.RRset | None,
    zone: dns.name.Name,
    keys: dns.rrset.RRset,
    what: str,
) -> None:
    if sigs is None:
        raise _Bogus(f"{what}: no signature")
    try:
        dns.dnssec.validate(rrset, sigs, {zone: keys}, now=time.time())
    except dns.exception.ValidationFailure as exc:
        raise _Bogus(f"{what}: {exc}") from None


def _matching_keys(
    zone: dns.name.Name, keys: dns.rrset.RRset, ds_or_keys: Iterable[dns.rdata.Rdata]
) -> dns.rrset.RRset:
    """The DNSKEY set itself when one of its keys is named by a DS or equals an anchor key."""
    for trusted in ds_or_keys:
        for key in keys:
            if trusted.rdtype == dns.rdatatype.DNSKEY:
                if key == trusted:
                    return keys
                continue
            try:
                made = dns.dnssec.make_ds(zone, key, trusted.digest_type)  # type: ignore[attr-defined]
            except (dns.exception.UnsupportedAlgorithm, ValueError):
                continue
            if made == trusted:
                return keys
    raise _Bogus(f"no DNSKEY of {zone} matches its DS")


async def validate(signed: SignedSource, anchors: Anchors, name: str, rdtype: str) -> DnssecStatus:
    """Walk the chain from the closest anchor to `name`/`rdtype` (see the module doc)."""
    qname = dns.name.from_text(name)
    under = [z for z in anchors if qname.is_subdomain(z)]
    if not under:
        return DnssecStatus(name, rdtype, UNKNOWN, "mailpath", f"no trust anchor above {name}")
    top = max(under, key=len)
    chain = [qname]
    while chain[-1] != top:
        chain.append(chain[-1].parent())
    chain.reverse()  # the anchor's zone first
    wanted = dns.rdatatype.from_text(rdtype)
    # The anchor's keys first (shared by every walk of the run, so asked once): a resolver
    # that gives none (a test server, one that strips DNSSEC data) ends the walk at once.
    first = await signed.ask(top, "DNSKEY")
    if first is None or _rrsets(first, top, dns.rdatatype.DNSKEY)[0] is None:
        error = f"no DNSKEY for the trust anchor {_text(top)} from the resolver"
        return DnssecStatus(name, rdtype, UNKNOWN, "mailpath", error)
    keys_replies, ds_replies, target = await asyncio.gather(
        asyncio.gather(*(signed.ask(z, "DNSKEY") for z in chain)),
        asyncio.gather(*(signed.ask(z, "DS") for z in chain[1:])),
        signed.ask(qname, rdtype),
    )
    if target is None or any(r is None for r in keys_replies) or any(r is None for r in ds_replies):
        return DnssecStatus(
            name, rdtype, UNKNOWN, "mailpath", "a DNSSEC question got no reply in time"
        )
    zone = top
    try:
        keys, key_sigs = _rrsets(first, top, dns.rdatatype.DNSKEY)
        assert keys is not None
        _check(keys, key_sigs, top, _matching_keys(top, keys, anchors[top]), f"DNSKEY {top}")
        for here, key_reply, ds_reply in zip(chain[1:], keys_replies[1:], ds_replies, strict=True):
            assert key_reply is not None
            assert ds_reply is not None
            here_keys, here_sigs = _rrsets(key_reply, here, dns.rdatatype.DNSKEY)
            ds, ds_sigs = _rrsets(ds_reply, here, dns.rdatatype.DS)
            apex = here_keys is not None or _soa_owner(key_reply) == here
            if not apex:
                continue
            if ds is None:
                if ds_reply.rcode() in (dns.rcode.NOERROR, dns.rcode.NXDOMAIN):
                    return DnssecStatus(name, rdtype, INSECURE, "mailpath", zone=_text(here))
                raise _Bogus(f"DS {here}: {dns.rcode.to_text(ds_reply.rcode())}")
            _check(ds, ds_sigs, zone, keys, f"DS {here}")
            if here_keys is None:
                raise _Bogus(f"{here} has a DS but no DNSKEY")
            _check(
                here_keys, here_sigs, here, _matching_keys(here, here_keys, ds), f"DNSKEY {here}"
            )
            zone, keys = here, here_keys
        rrset, sigs = _rrsets(target, qname, wanted)
        if rrset is None:
            if target.rcode() not in (dns.rcode.NOERROR, dns.rcode.NXDOMAIN):
                raise _Bogus(f"{name} {rdtype}: {dns.rcode.to_text(target.rcode())}")
            _check_denial(target, zone, keys, f"{name} {rdtype}")
        else:
            _check(rrset, sigs, zone, keys, f"{name} {rdtype}")
    except _Bogus as exc:
        return DnssecStatus(name, rdtype, BOGUS, "mailpath", str(exc), zone=_text(zone))
    return DnssecStatus(name, rdtype, SECURE, "mailpath", zone=_text(zone))


def _check_denial(
    reply: dns.message.Message, zone: dns.name.Name, keys: dns.rrset.RRset, what: str
) -> None:
    proofs = [r for r in reply.authority if r.rdtype in (dns.rdatatype.NSEC, dns.rdatatype.NSEC3)]
    if not proofs:
        raise _Bogus(f"{what}: a negative answer without NSEC/NSEC3 in a signed zone")
    for proof in proofs:
        sigs = reply.get_rrset(
            reply.authority, proof.name, IN, dns.rdatatype.RRSIG, covers=proof.rdtype
        )
        _check(proof, sigs, zone, keys, what)


async def by_resolver(signed: SignedSource, name: str, rdtype: str) -> DnssecStatus:
    """The resolver's word: AD set is secure, SERVFAIL is bogus (as a validating resolver
    reports it), a reply without AD is insecure (or the resolver does not validate)."""
    reply = await signed.ask(dns.name.from_text(name), rdtype)
    if reply is None:
        return DnssecStatus(name, rdtype, UNKNOWN, "resolver", "no reply in time")
    if reply.rcode() == dns.rcode.SERVFAIL:
        return DnssecStatus(name, rdtype, BOGUS, "resolver", "the resolver answered SERVFAIL")
    if reply.flags & dns.flags.AD:
        return DnssecStatus(name, rdtype, SECURE, "resolver")
    return DnssecStatus(name, rdtype, INSECURE, "resolver")


def _text(name: dns.name.Name) -> str:
    return name.to_text(omit_final_dot=True) or "."
