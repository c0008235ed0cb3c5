"""`mailpath check` output: the JSON contract and the readable report."""

from __future__ import annotations

from typing import Any

from mailpath.core.dmarc import effective_policy
from mailpath.core.model import MxInfo, Result, Severity
from mailpath.core.route import build_route_graph, graph_to_json
from mailpath.core.spf import outcome_to_json


def result_to_json(result: Result) -> dict[str, Any]:
    mx = result.mx
    audit = result.spf_audit
    dmarc = result.dmarc
    return {
        "sender_domain": result.sender_domain.ascii,
        "sender_domain_unicode": result.sender_domain.unicode,
        "recipient_domain": result.recipient_domain.ascii,
        "recipient_domain_unicode": result.recipient_domain.unicode,
        "inputs": {
            "sender": result.inputs.sender,
            "recipient": result.inputs.recipient,
            "via": result.inputs.via,
        },
        "started_at": result.started_at,
        "mx": _mx_json(mx),
        "sending_hosts": [
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
                        "fcrdns": bool(a.fcrdns),
                    }
                    for a in h.addresses
                ],
            }
            for h in result.sending_hosts or ()
        ],
        "spf": {
            "record": audit.record if audit else None,
            "lookups": audit.lookups if audit else 0,
            "void_lookups": audit.void_lookups if audit else 0,
            "error": audit.error if audit else None,
            "over_limit": list(audit.over_limit) if audit else [],
        },
        "dmarc": {
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
        },
        "findings": [
            {
                "severity": f.severity.value,
                "code": f.code,
                "message": f.message,
                "fix": f.fix,
                "record": f.record,
                "verified": list(f.verified),
            }
            for f in result.findings
        ],
        "notes": list(result.notes),
        "queries": result.queries,
        "graph": graph_to_json(build_route_graph(result)),
    }


def _mx_json(mx: MxInfo | None) -> dict[str, Any]:
    if mx is None:
        return {"kind": "none", "hosts": []}
    return {
        "kind": mx.kind,
        "error": mx.error,
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
    def c(text: str, key: str) -> str:
        return f"\033[{_COLORS[key]}m{text}\033[0m" if color and key in _COLORS else text

    lines: list[str] = []
    sender = result.sender_domain
    recipient = result.recipient_domain
    lines.append(c(f"Mail from {result.inputs.sender} to {result.inputs.recipient}", "head"))
    if sender.unicode != sender.ascii or recipient.unicode != recipient.ascii:
        lines.append(f"  ({sender.display} -> {recipient.display})")
    lines.append("")
    lines.append(c("Route, in delivery order", "head"))
    lines.append(f"  1. Sender's mail client ({result.inputs.sender})")
    for host in result.sending_hosts or ():
        role = "assumed outbound server (sender's MX)" if host.assumed else "submission server"
        lines.append(f"  2. {host.host}  [{role}]")
        if host.error:
            lines.append(f"       {c(host.error, 'error')}")
        for a in host.addresses:
            spf = a.spf.result.value if a.spf else "?"
            ptr = ", ".join(a.ptr) if a.ptr else "no PTR"
            fc = {True: "FCrDNS ok", False: "FCrDNS fails", None: "FCrDNS unknown"}[a.fcrdns]
            lines.append(
                f"       IPv{a.family} {a.address:<39} SPF {c(f'{spf:<9}', spf)} PTR {ptr} ({fc})"
            )
    mx = result.mx
    if mx is None or mx.kind in ("none", "null", "error"):
        why = {
            "none": "no MX record and no address: no route",
            "null": "null MX: the domain accepts no mail",
            "error": (mx.error if mx else "") or "MX lookup failed",
        }
        kind = mx.kind if mx else "none"
        lines.append(f"  3. {recipient.ascii}: {c(why[kind], 'error')}")
    else:
        lines.append(f"  3. MX of {recipient.ascii} ({mx.kind}), tried in this order:")
        for i, (pref, group) in enumerate(mx.groups()):
            tag = "primary" if i == 0 else "fallback"
            for h in group:
                addrs = ", ".join(h.addresses) or c("no address", "error")
                extra = f" (CNAME to {h.cname})" if h.cname else ""
                lines.append(f"       {pref:>5}  {h.host}{extra}  [{tag}]  {addrs}")
    lines.append(f"  4. Mailbox at {recipient.ascii}")
    lines.append("")
    audit = result.spf_audit
    lines.append(c("SPF", "head"))
    if audit is not None:
        lines.append(f"  record: {audit.record or '(none)'}")
        lines.append(
            f"  lookups for an unlisted address: {audit.lookups}/10, void {audit.void_lookups}/2"
        )
        if audit.error and audit.record is not None:
            lines.append(f"  error: {c(audit.error, 'error')}")
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
    for note in result.notes:
        lines.append(f"Note: {note}")
    lines.append("")
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
    lines.append("")
    lines.append(f"{result.queries} DNS questions, {result.elapsed:.2f} s")
    return "\n".join(lines) + "\n"
