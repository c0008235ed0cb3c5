"""Findings: what a person should know about the route, in plain words, with the fix.

`build_findings(result)` reads a finished (or partial) Result and returns findings, most
severe first. Codes are stable: tools and tests key on them.

Every message and fix is a template of `TEMPLATES` (`templates/`, one module per area) filled
with `Finding.params` by `finding.finding`, so a translation (the GUI's Japanese) renders the
same finding from the template key and the parameters; the parameters are names, addresses and
records, never English prose. DMARC's findings are built in `dmarc_findings`, a received
message's in `message_findings`.
"""

from __future__ import annotations

from collections.abc import Sequence

from mailpath.core.auth.spf import (
    MAX_LOOKUPS,
    MAX_VOID_LOOKUPS,
    SpfResult,
    SpfSyntaxError,
    SpfTrace,
    is_spf_record,
    parse_record,
)
from mailpath.core.judgement.dmarc_findings import dmarc_findings
from mailpath.core.judgement.finding import address_node, by_address, finding, host_node, mx_node
from mailpath.core.judgement.message_findings import message_findings
from mailpath.core.judgement.templates import TEMPLATES
from mailpath.core.model import (
    Finding,
    MxHost,
    MxInfo,
    Result,
    SendingAddress,
    SendingHostInfo,
    Severity,
)
from mailpath.core.names import is_ip_address

#: `TEMPLATES` is named here too: the window's catalogue and older callers read it from here.
__all__ = ["TEMPLATES", "build_findings", "missing_domains"]

_SEVERITY_ORDER = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}


def missing_domains(result: Result) -> list[str]:
    """Which of "recipient" and "sender" do not exist (NXDOMAIN), recipient first.

    The recipient's MX question and the sender's SPF (TXT) question are asked of the names
    themselves: NXDOMAIN there means the name does not exist at all."""
    out = []
    mx = result.mx
    if mx is not None and mx.kind == "none" and mx.lookup and mx.lookup.outcome == "nxdomain":
        out.append("recipient")
    audit = result.spf_audit
    if audit is not None and audit.record is None:
        asked = audit.tree.record_queries
        if asked and asked[0].outcome == "nxdomain":
            out.append("sender")
    return out


def build_findings(result: Result) -> tuple[Finding, ...]:
    out: list[Finding] = []
    missing = missing_domains(result)
    # A domain that does not exist is a typo, stated first; no advice to publish under it.
    for side in missing:
        domain = result.recipient_domain if side == "recipient" else result.sender_domain
        subject = "mx:none" if side == "recipient" else "client"
        out.append(finding(Severity.ERROR, f"domain-nxdomain/{side}", subject, domain=domain.ascii))
    if "recipient" not in missing:
        out += _mx_findings(result.mx, result.recipient_domain.ascii)
    sending = _sending_findings(result)
    if "sender" in missing:
        sending = [f for f in sending if f.record is None and f.code != "sending-host-unknown"]
    out += sending
    out += _audit_findings(result)
    if "sender" not in missing:
        out += dmarc_findings(result)
    out += message_findings(result)
    out.sort(key=lambda f: _SEVERITY_ORDER[f.severity])
    return tuple(out)


def _describe(outcome: str) -> str:
    """A lookup outcome as a parameter: the DNS term itself (TIMEOUT, SERVFAIL...)."""
    return outcome.upper()


# ---------------------------------------------------------------- recipient MX


def _mx_findings(mx: MxInfo | None, domain: str) -> list[Finding]:
    if mx is None:
        return []
    if mx.kind == "error" and mx.stray_null and mx.lookup is not None:
        return [
            finding(
                Severity.ERROR,
                "mx-null/preference",
                "mx:none",
                domain=domain,
                record=f"{mx.stray_null[0]} .",
            )
        ]
    if mx.kind == "error":
        # Either the MX lookup failed, or it was void and the implicit-MX lookups failed.
        tried = (mx.lookup, *mx.implicit_lookups) if mx.lookup else mx.implicit_lookups
        failures = [s.outcome for s in tried if s.outcome.is_error]
        outcome = failures[0] if failures else "error"
        return [
            finding(
                Severity.ERROR,
                "mx-lookup-failed",
                "dns:mx",
                domain=domain,
                outcome=_describe(outcome),
            )
        ]
    if mx.kind == "null":
        return [finding(Severity.ERROR, "mx-null", "mailbox", domain=domain)]
    if mx.kind == "none":
        return [finding(Severity.ERROR, "mx-missing", "dns:mx", domain=domain)]
    out: list[Finding] = []
    if mx.stray_null:
        out.append(
            finding(
                Severity.ERROR,
                "mx-null/mixed",
                "dns:mx",
                domain=domain,
                record=f"{mx.stray_null[0]} .",
                hosts=", ".join(f"{h.preference} {h.host}" for h in mx.hosts),
            )
        )
    if mx.kind == "implicit":
        out.append(finding(Severity.INFO, "mx-implicit", mx_node(domain), domain=domain))
    for host in mx.hosts:
        out += _mx_host_findings(host, domain, only=len(mx.hosts) == 1)
    return out


def _mx_host_findings(host: MxHost, domain: str, *, only: bool) -> list[Finding]:
    """One MX host's problems (an address as its name, a CNAME, no address); one that has no
    address is an error when it is the `only` MX host."""
    out: list[Finding] = []
    node = mx_node(host.host)
    if host.ip_literal:
        return [finding(Severity.ERROR, "mx-ip-literal", node, domain=domain, host=host.host)]
    if host.cname:
        out.append(
            finding(
                Severity.WARNING,
                "mx-cname",
                node,
                domain=domain,
                host=host.host,
                target=host.cname,
            )
        )
    if not host.addresses:
        failed = [s for s in host.address_lookups if s.outcome.is_error]
        severity = Severity.ERROR if only else Severity.WARNING
        if failed:
            out.append(
                finding(
                    severity,
                    "mx-host-unresolved/dns-error",
                    node,
                    domain=domain,
                    host=host.host,
                    preference=host.preference,
                    outcome=_describe(failed[0].outcome),
                )
            )
        else:
            out.append(
                finding(
                    severity,
                    "mx-host-unresolved",
                    node,
                    domain=domain,
                    host=host.host,
                    preference=host.preference,
                )
            )
    return out


# ---------------------------------------------------------------- sending side


def _sending_findings(result: Result) -> list[Finding]:
    if result.sending_hosts is None:
        return []
    sender = result.sender_domain.ascii
    recipient = result.recipient_domain.ascii
    out: list[Finding] = []
    if not result.sending_hosts:
        smx = result.sender_mx
        if smx is not None and smx.kind == "error" and smx.lookup is not None:
            out.append(
                finding(
                    Severity.WARNING,
                    "sending-host-unknown/dns-error",
                    "client",
                    sender=sender,
                    outcome=_describe(smx.lookup.outcome),
                )
            )
        else:
            out.append(finding(Severity.WARNING, "sending-host-unknown", "client", sender=sender))
    if any(h.assumed for h in result.sending_hosts):
        names = ", ".join(h.host for h in result.sending_hosts)
        out.append(
            finding(Severity.INFO, "sending-host-assumed", "client", sender=sender, hosts=names)
        )
    record = result.spf_audit.record if result.spf_audit is not None else None
    lookups = result.spf_audit.lookups if result.spf_audit is not None else 0
    for host in result.sending_hosts:
        if host.error and not host.addresses:
            failed = [s for s in host.lookups if s.outcome.is_error]
            nxdomain = any(s.outcome == "nxdomain" for s in host.lookups)
            if failed:
                key, extra = (
                    "sending-host-unresolved/dns-error",
                    {"outcome": _describe(failed[0].outcome)},
                )
            elif nxdomain:
                key, extra = "sending-host-unresolved", {}
            else:
                key, extra = "sending-host-unresolved/no-address", {}
            out.append(finding(Severity.ERROR, key, host_node(host.host), host=host.host, **extra))
            continue
        if not is_forwarder(result, host):
            # A forwarder's SPF result is what forwarding does ("hop-unexpected/forwarder"):
            # the sender's SPF record is no place for another organization's server.
            out += _spf_host_findings(host, sender, recipient, record, lookups)
        out += _ptr_findings(host, sending_host_name(result, host))
    return out


def _spf_host_findings(
    host: SendingHostInfo, sender: str, recipient: str, record: str | None, lookups: int
) -> list[Finding]:
    if not host.addresses or any(a.spf is None for a in host.addresses):
        return []
    results = [(a, a.spf.result) for a in host.addresses if a.spf is not None]
    failing = [a for a, r in results if r is not SpfResult.PASS]
    if not failing:
        return []
    fix_record = suggest_spf_record(record, host, failing, lookups)
    common = {"sender": sender, "recipient": recipient, "host": host.host}
    kinds = {r for _, r in results}
    if kinds == {SpfResult.NONE}:
        return [
            finding(
                Severity.ERROR,
                by_address("spf-missing", host),
                host_node(host.host),
                record=fix_record,
                addresses=", ".join(a.address for a in failing),
                **common,
            )
        ]
    errors = [(a, r) for a, r in results if r in (SpfResult.PERMERROR, SpfResult.TEMPERROR)]
    if errors:
        addr, error_result = errors[0]
        if addr.spf is not None and multiple_spf_records(addr.spf.trace):
            return []  # the cause is the sender's records themselves: spf-multiple-records
        reason = (addr.spf.trace.error if addr.spf is not None else None) or "see the SPF trace"
        key = "spf-permerror" if error_result is SpfResult.PERMERROR else "spf-temperror"
        severity = Severity.ERROR if key == "spf-permerror" else Severity.WARNING
        return [
            finding(
                severity,
                key,
                address_node(addr.address),
                address=addr.address,
                reason=reason,
                **common,
            )
        ]
    passing = [a for a, r in results if r is SpfResult.PASS]
    out: list[Finding] = []
    if passing:
        for family, key in ((6, "spf-ipv6-gap"), (4, "spf-ipv4-gap")):
            gap = [a for a in failing if a.family == family]
            other = [a for a in passing if a.family != family]
            if gap and other:
                out.append(
                    finding(
                        Severity.ERROR,
                        key,
                        address_node(gap[0].address),
                        record=fix_record,
                        passing=", ".join(a.address for a in other),
                        failing=", ".join(a.address for a in gap),
                        result=dict(results)[gap[0]].value,
                        **common,
                    )
                )
        if out:
            return out
    worst = failing[0]
    res = dict(results)[worst]
    severity = Severity.ERROR if res in (SpfResult.FAIL, SpfResult.SOFTFAIL) else Severity.WARNING
    variant = res.value if res in (SpfResult.FAIL, SpfResult.SOFTFAIL) else "neutral"
    return [
        finding(
            severity,
            by_address(f"spf-not-authorized/{variant}", host),
            address_node(worst.address),
            record=fix_record,
            addresses=", ".join(a.address for a in failing),
            result=res.value,
            **common,
        )
    ]


def suggest_spf_record(
    record: str | None, host: SendingHostInfo, failing: list[SendingAddress], lookups: int
) -> str | None:
    """The record to publish so every address of `host` passes.

    Keeps the current terms, adds the fewest terms needed before `all` (or before the
    modifiers), and prefers `a:HOST` (one lookup, follows address changes) unless that
    would cross the 10-lookup limit, in which case it adds `ip4:`/`ip6:` terms (no lookup).
    """
    if not failing:
        return None
    all_fail = len(failing) == len(host.addresses)
    is_name = not host.host.replace(".", "").isdigit() and ":" not in host.host
    if all_fail and is_name and lookups + 1 <= MAX_LOOKUPS:
        new_terms = [f"a:{host.host}"]
    else:
        new_terms = [f"ip{a.family}:{a.address}" for a in failing]
    if record is None:
        return " ".join(["v=spf1", *new_terms, "~all"])
    terms = record.split()
    if not terms or terms[0].lower() != "v=spf1":
        return " ".join(["v=spf1", *new_terms, "~all"])
    body = [t for t in terms[1:] if t not in new_terms]
    insert_at = len(body)
    for i, term in enumerate(body):
        bare = term.lstrip("+-~?").lower()
        if bare == "all" or "=" in term:
            insert_at = i
            break
    body[insert_at:insert_at] = new_terms
    return " ".join(["v=spf1", *body])


def is_forwarder(result: Result, host: SendingHostInfo) -> bool:
    """`host` is the forwarder that handed a received message over
    (`ParsedMessage.forwarded_by`): its address or name is the forwarder's."""
    forwarded = result.message.parsed.forwarded_by if result.message is not None else None
    if forwarded is None:
        return False
    if host.host in (forwarded.address, forwarded.host):
        return True
    return forwarded.address is not None and any(
        a.address == forwarded.address for a in host.addresses
    )


def sending_host_name(result: Result, host: SendingHostInfo) -> str | None:
    """The sending host's name: `host.host` when it is one; for an address, the name a
    received message gives the server that handed it over from that address (the reverse
    name the receiver recorded, else the HELO name), when that is a DNS name. None when no
    name is known."""
    if not is_ip_address(host.host):
        return host.host
    handover = result.message.parsed.handover if result.message is not None else None
    if handover is None or handover.address != host.host or not handover.host:
        return None
    name = handover.host.strip().rstrip(".")
    if "." not in name or is_ip_address(name.strip("[]")) or name.startswith("["):
        return None
    return name


def _ptr_findings(host: SendingHostInfo, name: str | None) -> list[Finding]:
    out = []
    for addr in host.addresses:
        if addr.ptr_lookup is None or addr.fcrdns is not False:
            continue
        node = address_node(addr.address)
        if not addr.ptr:
            key = "ptr-missing" if name else "ptr-missing/unnamed"
            params = {"host": name} if name else {}
            out.append(finding(Severity.WARNING, key, node, address=addr.address, **params))
        else:
            out.append(
                finding(
                    Severity.WARNING,
                    "fcrdns-failed",
                    node,
                    address=addr.address,
                    ptr=", ".join(addr.ptr),
                    ptr_first=addr.ptr[0],
                )
            )
    return out


# ---------------------------------------------------------------- SPF record audit


def _audit_findings(result: Result) -> list[Finding]:
    audit = result.spf_audit
    if audit is None:
        return []
    sender = result.sender_domain.ascii
    records = multiple_spf_records(audit.tree)
    if records:
        return [_multiple_records_finding(sender, records)]
    if audit.record is None:
        failed = [q for q in audit.tree.record_queries if q.outcome.is_error]
        if not failed:
            return []
        # The record could not be read: say so, never "no record".
        return [
            finding(
                Severity.ERROR,
                "spf-temperror/record",
                "dns:spf",
                sender=sender,
                outcome=_describe(failed[0].outcome),
                name=f"{failed[0].name} {failed[0].rdtype}",
            )
        ]
    out: list[Finding] = []
    if audit.lookups > MAX_LOOKUPS:
        branch = " -> ".join(audit.over_limit) if audit.over_limit else audit.domain
        out.append(
            finding(
                Severity.ERROR,
                "spf-too-many-lookups",
                "dns:spf",
                sender=sender,
                lookups=audit.lookups,
                branch=branch,
            )
        )
    elif audit.error:
        out.append(
            finding(Severity.ERROR, "spf-record-error", "dns:spf", sender=sender, error=audit.error)
        )
    if audit.void_lookups > MAX_VOID_LOOKUPS:
        out.append(
            finding(
                Severity.WARNING,
                "spf-void-lookups",
                "dns:spf",
                sender=sender,
                count=audit.void_lookups,
                family=audit.void_families(),
            )
        )
    for term in audit.record.split()[1:]:
        low = term.lower()
        if low in ("+all", "all"):
            out.append(finding(Severity.ERROR, "spf-pass-all", "dns:spf", sender=sender, term=term))
        elif low == "?all":
            out.append(finding(Severity.WARNING, "spf-neutral-all", "dns:spf", sender=sender))
        elif low.lstrip("+-~?").split(":")[0].split("/")[0] == "ptr":
            out.append(finding(Severity.WARNING, "spf-ptr", "dns:spf", sender=sender, term=term))
    return out


#: Records named in an spf-multiple-records finding, at most (each shortened).
_MAX_SHOWN_RECORDS = 5


def multiple_spf_records(trace: SpfTrace) -> tuple[str, ...]:
    """The v=spf1 records of `trace`'s own domain when it publishes more than one (RFC 7208
    4.5: permerror for every client), else (). Read from the answer the trace used."""
    if trace.record is not None or trace.result is not SpfResult.PERMERROR:
        return ()
    answered = [q for q in trace.record_queries if q.outcome == "ok"]
    if not answered:
        return ()
    found = tuple(r for r in answered[0].records if is_spf_record(r))
    return found if len(found) > 1 else ()


def merge_spf_records(records: Sequence[str]) -> str | None:
    """One record that lists every mechanism of `records` (first appearance kept, duplicates
    dropped) and ends with one `all`; None when no simple merge exists: a record does not
    parse, or has modifiers (redirect=, exp=) whose meaning a merge would change.

    Mechanisms after a record's `all` are never reached and are left out. When the records
    end with different `all` qualifiers the most lenient is kept (a server that one record
    let through with ~all is not made to fail).

    The records are taken in sorted order: DNS returns a TXT set in any order, and the same
    records must give the same suggestion on every run."""
    records = sorted(records)
    terms: list[str] = []
    seen: set[str] = set()
    alls: list[str] = []
    for record in records:
        try:
            parsed = parse_record(record)
        except SpfSyntaxError:
            return None
        if any(t.kind == "modifier" for t in parsed.terms):
            return None
        for mech in parsed.mechanisms:
            if mech.name == "all":
                alls.append(mech.qualifier)
                break
            key = mech.text.lower().lstrip("+")
            if key not in seen:
                seen.add(key)
                terms.append(mech.text)
    if alls:
        terms.append(max(alls, key=_LENIENCY.index) + "all")
    return " ".join(["v=spf1", *terms])


#: `all` qualifiers from the strictest to the most lenient.
_LENIENCY = ("-", "~", "?", "+")


def _multiple_records_finding(sender: str, records: tuple[str, ...]) -> Finding:
    shown = [r if len(r) <= 120 else r[:119] + "…" for r in records[:_MAX_SHOWN_RECORDS]]
    if len(records) > _MAX_SHOWN_RECORDS:
        shown.append("…")
    common: dict[str, str] = {
        "sender": sender,
        "count": str(len(records)),
        "records": ", ".join(f'"{r}"' for r in shown),
    }
    merged = merge_spf_records(records)
    if merged is None:
        return finding(Severity.ERROR, "spf-multiple-records/manual", "dns:spf", **common)
    return finding(
        Severity.ERROR,
        "spf-multiple-records",
        "dns:spf",
        record=merged,
        # Where the merged record goes, for a DNS panel's Name and Type fields.
        record_name=sender,
        record_type="TXT",
        **common,
    )
