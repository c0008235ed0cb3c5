"""`mailpath check` output: the JSON contract and the readable report."""

from __future__ import annotations

from collections.abc import Callable

from mailpath.core.auth.dkim import dkim_key_to_json
from mailpath.core.auth.dmarc import effective_policy
from mailpath.core.auth.spf import MAX_LOOKUPS, SpfAudit, outcome_to_json
from mailpath.core.dns.authoritative import render_text as render_authoritative
from mailpath.core.dns.authoritative import view_to_json
from mailpath.core.dns.blocklist import blocklists_to_json
from mailpath.core.dns.blocklist import render_lines as render_blocklists
from mailpath.core.jsontypes import JsonObject
from mailpath.core.judgement.findings import is_forwarder, sending_host_name
from mailpath.core.judgement.receiver import judge
from mailpath.core.judgement.requirements import evaluate as evaluate_requirements
from mailpath.core.judgement.requirements import render_lines as render_requirements
from mailpath.core.judgement.requirements import requirements_to_json
from mailpath.core.judgement.verdict import Verdict, verdict
from mailpath.core.message.check import message_to_json
from mailpath.core.model import DmarcInfo, MxInfo, Result, Severity
from mailpath.core.route.graph import build_route_graph, graph_to_json
from mailpath.core.transport import render_lines as render_transport
from mailpath.core.transport import transport_to_json

#: Text coloured for its kind ("head", "error", a status...): `c(text, kind)`.
Colour = Callable[[str, str], str]


def result_to_json(result: Result) -> JsonObject:
    outcome = verdict(result)
    return {
        "verdict": _verdict_json(outcome),
        "paths": _paths_json(result),
        "sender_domain": result.sender_domain.ascii,
        "sender_domain_unicode": result.sender_domain.unicode,
        "recipient_domain": result.recipient_domain.ascii,
        "recipient_domain_unicode": result.recipient_domain.unicode,
        "inputs": {
            "sender": result.inputs.sender,
            "recipient": result.inputs.recipient,
            "via": result.inputs.via,
            "notes": list(result.inputs.notes),
        },
        "started_at": result.started_at,
        "mx": _mx_json(result.mx),
        "sending_hosts": _sending_hosts_json(result),
        "spf": _spf_json(result.spf_audit),
        "dmarc": _dmarc_json(result.dmarc),
        "findings": _findings_json(result),
        "notes": list(result.notes),
        "queries": result.queries,
        "message": message_to_json(result.message),
        "dkim_keys": [dkim_key_to_json(k) for k in result.dkim_keys],
        "resolver": (
            {"kind": result.resolver.kind, "address": result.resolver.address}
            if result.resolver
            else None
        ),
        "authoritative": view_to_json(result.authoritative),
        # The recognised or chosen receiver's published rules, row by row
        # (core.judgement.requirements).
        "requirements": requirements_to_json(evaluate_requirements(result)),
        # DNS blocklist answers; null unless lists were asked for (core.dns.blocklist).
        "blocklists": blocklists_to_json(result.blocklists),
        "transport": transport_to_json(result.transport, result.recipient_domain.ascii),
        "graph": graph_to_json(build_route_graph(result)),
    }


def _verdict_json(outcome: Verdict) -> JsonObject:
    """The headline."""
    return {
        "severity": outcome.severity.value,
        "code": outcome.code,
        "message": outcome.message,
        "status": outcome.status.value,
        "disposition": outcome.disposition,
        "basis": list(outcome.basis),
    }


def _paths_json(result: Result) -> list[JsonObject]:
    """The receiver model's judgement of every path (core.judgement)."""
    return [
        {
            "address": p.address,
            "family": p.family,
            "mx": p.mx,
            "disposition": p.disposition.value,
            "basis": list(p.basis),
            "active": p.active,
            "reachable": p.reachable,
        }
        for p in judge(result).paths
    ]


def _sending_hosts_json(result: Result) -> list[JsonObject]:
    """The sending hosts, their addresses and what SPF says of each."""
    return [
        {
            "host": h.host,
            "assumed": h.assumed,
            "error": h.error,
            "addresses": [
                {
                    "address": a.address,
                    "family": a.family,
                    "spf": a.spf.result.value if a.spf else None,
                    "spf_detail": outcome_to_json(a.spf) if a.spf else None,
                    "ptr": list(a.ptr),
                    "fcrdns": a.fcrdns,  # null: unknown (lookups failed)
                }
                for a in h.addresses
            ],
        }
        for h in result.sending_hosts or ()
    ]


def _spf_json(audit: SpfAudit | None) -> JsonObject:
    """The sender's SPF record and its whole-tree audit."""
    return {
        "record": audit.record if audit else None,
        "lookups": audit.lookups if audit else 0,
        "void_lookups": audit.void_lookups if audit else 0,
        "void_lookups_by_family": (
            {f"ipv{f}": n for f, n in audit.void_by_family} if audit else {}
        ),
        "error": audit.error if audit else None,
        "lookup": _record_lookup(audit),
        "over_limit": list(audit.over_limit) if audit else [],
    }


def _dmarc_json(dmarc: DmarcInfo | None) -> JsonObject:
    """The sender's DMARC record and how it was found."""
    return {
        "record": dmarc.record if dmarc else None,
        "policy": effective_policy(dmarc) if dmarc else None,
        "found_at": f"_dmarc.{dmarc.domain}" if dmarc and dmarc.record else None,
        "organizational_domain": dmarc.org_domain if dmarc else None,
        "adkim": dmarc.adkim if dmarc and dmarc.record else None,
        "aspf": dmarc.aspf if dmarc and dmarc.record else None,
        "spf_aligned": dmarc.spf_aligned if dmarc else None,
        "error": dmarc.error if dmarc else None,
        "np": dmarc.np if dmarc and dmarc.record else None,
        "psd": dmarc.psd if dmarc and dmarc.record else None,
        "testing": dmarc.testing if dmarc else False,
        "discovery": dmarc.discovery if dmarc else "tree-walk",
        "legacy_policy_domain": dmarc.legacy_policy_domain if dmarc else None,
    }


def _findings_json(result: Result) -> list[JsonObject]:
    """The findings, with the receiver model's consequence and the fix's outcome."""
    return [
        {
            "severity": f.severity.value,
            "code": f.code,
            "message": f.message,
            "fix": f.fix,
            "record": f.record,
            "verified": list(f.verified),
            "cause": f.cause or f.message,
            "consequence": f.consequence or None,
            "disposition": f.disposition or None,
            "fix_disposition": f.fix_disposition or None,
            "template": f.template or None,
            "params": dict(f.params) if f.params else {},
        }
        for f in result.findings
    ]


def _record_lookup(audit: SpfAudit | None) -> JsonObject | None:
    """How the sender's TXT question ended (outcome "timeout", "servfail"...)."""
    if audit is None or not audit.tree.record_queries:
        return None
    q = audit.tree.record_queries[0]
    return {"name": q.name, "type": q.rdtype, "outcome": q.outcome, "detail": q.detail}


def _failed_outcome(audit: SpfAudit | None) -> str | None:
    if audit is None:
        return None
    for q in audit.tree.record_queries:
        if q.outcome.is_error:
            return q.outcome.upper()
    return None


def _mx_json(mx: MxInfo | None) -> JsonObject:
    if mx is None:
        return {"kind": "none", "hosts": []}
    return {
        "kind": mx.kind,
        "error": mx.error,
        "lookup": (
            {"outcome": mx.lookup.outcome, "detail": mx.lookup.detail} if mx.lookup else None
        ),
        "stray_null": [f"{pref} ." for pref in mx.stray_null],
        "hosts": [
            {
                "preference": h.preference,
                "host": h.host,
                "addresses": list(h.addresses),
                "cname": h.cname,
            }
            for h in mx.hosts
        ],
    }


# ---------------------------------------------------------------- text

_COLORS = {
    "pass": "32",
    "fail": "31",
    "softfail": "33",
    "neutral": "36",
    "none": "35",
    "permerror": "31",
    "temperror": "35",
    "error": "31;1",
    "warning": "33;1",
    "info": "36",
    "head": "1",
}


def render_text(result: Result, color: bool = False) -> str:
    """The readable report, section by section (an area adds its section's lines here)."""

    def c(text: str, key: str) -> str:
        return f"\033[{_COLORS[key]}m{text}\033[0m" if color and key in _COLORS else text

    lines = _heading_lines(result, c)
    lines.append("")
    lines += _route_lines(result, c)
    lines.append("")
    lines += _spf_lines(result, c)
    lines += _dmarc_lines(result, c)
    lines += _dkim_lines(result, c)
    lines += _message_lines(result, c)
    if result.authoritative is not None:
        lines.extend(render_authoritative(result.authoritative))
    if result.blocklists is not None:
        lines.append(c("DNS blocklists", "head"))
        lines.extend(render_blocklists(result.blocklists))
    lines.extend(render_transport(result.transport))
    for note in result.notes:
        lines.append(f"Note: {note}")
    lines.append("")
    lines += _findings_lines(result, c)
    lines += _requirements_lines(result, c)
    lines.append("")
    lines.append(f"{result.queries} DNS questions, {result.elapsed:.2f} s")
    return "\n".join(lines) + "\n"


def _heading_lines(result: Result, c: Colour) -> list[str]:
    """Who writes to whom, and the verdict."""
    lines: list[str] = []
    sender = result.sender_domain
    recipient = result.recipient_domain
    outcome = verdict(result)
    lines.append(c(f"Mail from {result.inputs.sender} to {result.inputs.recipient}", "head"))
    if sender.unicode != sender.ascii or recipient.unicode != recipient.ascii:
        lines.append(f"  ({sender.display} -> {recipient.display})")
    lines.append(f"{c('Verdict:', outcome.severity.value)} {outcome.message}")
    return lines


def _route_lines(result: Result, c: Colour) -> list[str]:
    """The route in delivery order: client, sending servers, MX hosts, mailbox."""
    sender = result.sender_domain
    lines: list[str] = []
    lines.append(c("Route, in delivery order", "head"))
    lines.append(f"  1. Sender's mail client ({result.inputs.sender})")
    if not result.sending_hosts:
        smx = result.sender_mx
        if smx is not None and smx.kind == "error" and smx.lookup is not None:
            unknown = f"the MX lookup for {sender.ascii} failed ({smx.lookup.outcome.upper()})"
        elif result.sending_hosts is None:
            unknown = "not resolved"
        else:
            unknown = f"{sender.ascii} has no MX host to assume"
        lines.append(f"  2. Sending server: unknown — {c(unknown, 'error')}")
    message = result.message
    submission = message.parsed.submission if message is not None else None
    for host in result.sending_hosts or ():
        role = "assumed outbound server (sender's MX)" if host.assumed else "submission server"
        name = sending_host_name(result, host)
        shown = f"{name} [{host.host}]" if name and name != host.host else host.host
        if is_forwarder(result, host) and submission is not None:
            # The message shows the sender's own server before the forwarder.
            sent = f" [{submission.address}]" if submission.address else ""
            lines.append(f"  2. {submission.host or '?'}{sent}  [submission server]")
            lines.append(f"     -> {shown}  [forwarder of another organization]")
        else:
            lines.append(f"  2. {shown}  [{role}]")
        if host.error:
            lines.append(f"       {c(host.error, 'error')}")
        for a in host.addresses:
            spf = a.spf.result.value if a.spf else "?"
            ptr = ", ".join(a.ptr) if a.ptr else "no PTR"
            fc = {True: "FCrDNS ok", False: "FCrDNS fails", None: "FCrDNS unknown"}[a.fcrdns]
            lines.append(
                f"       IPv{a.family} {a.address:<39} SPF {c(f'{spf:<9}', spf)} PTR {ptr} ({fc})"
            )
    lines += _mx_lines(result, c)
    lines.append(f"  4. Mailbox at {result.recipient_domain.ascii}")
    return lines


def _mx_lines(result: Result, c: Colour) -> list[str]:
    """Step 3 of the route: the recipient's MX hosts in the order they are tried."""
    recipient = result.recipient_domain
    lines: list[str] = []
    mx = result.mx
    if mx is None or mx.kind in ("none", "null", "error"):
        why = {
            "none": "no MX record and no address: no route",
            "null": "null MX: the domain accepts no mail",
            "error": (mx.error if mx else "") or "MX lookup failed",
        }
        kind = mx.kind if mx else "none"
        text = why[kind]
        if mx is not None and mx.lookup is not None and mx.lookup.outcome == "nxdomain":
            text = "does not exist (NXDOMAIN)"
        lines.append(f"  3. {recipient.ascii}: {c(text, 'error')}")
    else:
        lines.append(f"  3. MX of {recipient.ascii} ({mx.kind}), tried in this order:")
        for i, (pref, group) in enumerate(mx.groups()):
            tag = "primary" if i == 0 else "fallback"
            for h in group:
                addrs = ", ".join(h.addresses) or c("no address", "error")
                extra = f" (CNAME to {h.cname})" if h.cname else ""
                lines.append(f"       {pref:>5}  {h.host}{extra}  [{tag}]  {addrs}")
    return lines


def _spf_lines(result: Result, c: Colour) -> list[str]:
    lines: list[str] = []
    audit = result.spf_audit
    lines.append(c("SPF", "head"))
    if audit is not None:
        failed = _failed_outcome(audit)
        if audit.record is None and failed:
            record = c(f"lookup failed ({failed})", "error")
        else:
            record = audit.record or "(none)"
        lines.append(f"  record: {record}")
        lines.append(
            f"  lookups for an unlisted address: {audit.lookups}/{MAX_LOOKUPS}, "
            f"void {audit.void_text()}"
        )
        if audit.error and audit.record is not None:
            lines.append(f"  error: {c(audit.error, 'error')}")
    return lines


def _dmarc_lines(result: Result, c: Colour) -> list[str]:
    sender = result.sender_domain
    lines: list[str] = []
    dmarc = result.dmarc
    lines.append(c("DMARC", "head"))
    if dmarc is not None:
        if dmarc.record:
            where = f"_dmarc.{dmarc.domain}"
            lines.append(f"  {where}: {dmarc.record}")
            lines.append(f"  policy for {sender.ascii}: {effective_policy(dmarc)}")
        else:
            lines.append("  (none)")
        if dmarc.error:
            lines.append(f"  error: {c(dmarc.error, 'error')}")
    return lines


def _findings_lines(result: Result, c: Colour) -> list[str]:
    lines: list[str] = []
    lines.append(c(f"Findings ({len(result.findings)})", "head"))
    if not result.findings:
        lines.append("  No problems found.")
    tags = {Severity.ERROR: "ERROR", Severity.WARNING: "WARN ", Severity.INFO: "info "}
    for f in result.findings:
        lines.append(f"  {c(tags[f.severity], f.severity.value)} [{f.code}] {f.message}")
        if f.fix:
            lines.append(f"        fix: {f.fix}")
        if f.verified:
            lines.append(f"        checked with that record: {', '.join(f.verified)}")
        if f.fix_disposition:
            lines.append(f"        with that fix the mail is: {f.fix_disposition}")
    return lines


def _requirements_lines(result: Result, c: Colour) -> list[str]:
    """The recognised or chosen receiver's published rules, when there is one."""
    lines: list[str] = []
    requirements = render_requirements(evaluate_requirements(result))
    if requirements:
        lines.append("")
        lines.append(c(requirements[0], "head"))
        lines.extend(requirements[1:])
    return lines


_STATUS_KEY = {"pass": "pass", "fail": "fail", "none": "none"}


def _dkim_lines(result: Result, c: Colour) -> list[str]:
    lines = [c("DKIM", "head")]
    if result.message is None and not result.dkim_keys:
        lines.append("  not checked (give --dkim-selector or --message)")
    for key in result.dkim_keys:
        size = f", {key.key_type} {key.key_bits} bits" if key.key_bits else ""
        error = f": {key.error}" if key.error else ""
        lines.append(f"  key {key.name}: {key.status}{size}{error}")
    message = result.message
    if message is not None:
        if not message.dkim:
            lines.append("  the message carries no DKIM signature")
        for sig in message.dkim:
            aligned = "aligned" if sig.aligned else "not aligned"
            state = c(sig.result, _STATUS_KEY.get(sig.result, "error"))
            lines.append(f"  d={sig.domain} s={sig.selector} {sig.algorithm}: {state} ({aligned})")
            lines.append(f"    {sig.reason}")
        if message.dkim_recorded:
            lines.append("  (as verified when the analysis was saved: the body is never saved)")
    return lines


def _message_lines(result: Result, c: Colour) -> list[str]:
    message = result.message
    if message is None:
        return []
    parsed = message.parsed
    lines = [c("Received message: the path it took, oldest hop first", "head")]
    handover = parsed.handover.hop if parsed.handover else None
    for i, hop in enumerate(parsed.hops):
        if hop.unparsed:
            lines.append(f"  {i + 1:>3}. (not understood) {hop.raw[:120]}")
            continue
        who = hop.from_name or hop.helo or "?"
        if hop.from_address:
            who += f" [{hop.from_address}]"
        tls = {True: "TLS", False: "no TLS", None: "TLS ?"}[hop.tls]
        delay = f" +{hop.delay_s:g} s" if hop.delay_s is not None else ""
        mark = "  <- handed to the recipient here" if i == handover else ""
        if parsed.forwarded_by is not None and i == parsed.forwarded_by.hop:
            mark += "  (a forwarder)"
        if i in message.unexpected_hops:
            mark += c("  <- not on the predicted route", "warning")
        lines.append(
            f"  {i + 1:>3}. {who} -> {hop.by or '?'}  {hop.protocol or ''} {tls}"
            f"  {hop.time or ''}{delay}{mark}"
        )
    if message.spf is not None:
        lines.append(
            f"  SPF for {parsed.mail_from_domain or '<>'} at {message.spf_address}: "
            f"{message.spf.result.value}"
        )
    if message.arc is not None:
        lines.append(f"  ARC: {message.arc.result} ({message.arc.instances} sets)")
    dmarc = message.dmarc_result
    if dmarc is not None:
        state = c(dmarc.result, _STATUS_KEY.get(dmarc.result, "error"))
        lines.append(f"  DMARC: {state}, disposition {dmarc.disposition}: {dmarc.reason}")
    for header in message.receiver_results:
        got = "; ".join(f"{r.method}={r.result}" for r in header.results)
        lines.append(f"  recorded by {header.authserv_id or 'the receiver'}: {got}")
    return lines
