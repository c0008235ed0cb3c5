"""The recipient's MX hosts and the DNS lookups above the route (MX, SPF, DMARC)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from mailpath.core.auth.dmarc import effective_policy
from mailpath.core.auth.spf import MAX_LOOKUPS
from mailpath.core.judgement.finding import mx_node
from mailpath.core.judgement.verdict import Verdict
from mailpath.core.model import MxHost, MxInfo, Result, Status
from mailpath.core.route.attrs import SENDER_KINDS, DetailsAttrs, EdgeKind, LabelAttrs, NodeKind
from mailpath.core.route.labels import (
    add_edge,
    add_node,
    details_of,
    failure_of,
    label_of,
    lookup_text,
    or_none,
    part,
    pending,
    put_detail,
    put_ttl,
    text,
)

if TYPE_CHECKING:
    from mailpath.core.route.attrs import RouteGraph


def active_mx(mx: MxInfo, down: frozenset[str]) -> set[str]:
    """The node ids a sender tries first: the best preference group with a host up."""
    for _, group in mx.groups():
        up = [h for h in group if mx_node(h.host) not in down]
        if up:
            return {mx_node(h.host) for h in up}
    return set()


def add_mx_hosts(
    g: RouteGraph, result: Result, outcome: Verdict, down: frozenset[str]
) -> tuple[list[str], set[str]]:
    """The recipient's MX hosts in preference order (one node saying why when there are
    none); returns their node ids and the ids of those a sender tries first."""
    recipient = result.recipient_domain
    mx = result.mx
    mx_ids: list[str] = []
    active: set[str] = set()
    if mx is None:
        add_node(
            g,
            "mx:?",
            kind=NodeKind.MX,
            **label_of(part("mx.of", domain=recipient.unicode), pending(result)),
            status=Status.UNKNOWN,
            **details_of(),
            layer=3,
            preference=0,
            role="primary",
            down=False,
            active=True,
        )
        mx_ids.append("mx:?")
        active = {"mx:?"}
    elif mx.kind in ("explicit", "implicit"):
        active = active_mx(mx, down)
        first_group = mx.hosts[0].preference if mx.hosts else None
        for mx_host in mx.hosts:
            node = mx_node(mx_host.host)
            mx_ids.append(node)
            add_node(
                g,
                node,
                kind=NodeKind.MX,
                **_mx_label(mx_host, mx.kind),
                status=_mx_status(mx_host),
                **_mx_details(mx_host, mx.kind),
                layer=3,
                preference=mx_host.preference,
                role="primary" if mx_host.preference == first_group else "fallback",
                down=node in down,
                active=node in active,
            )
    else:
        node = "mx:none"
        lines = {
            "null": [text(recipient.unicode), part("mx.null")],
            "none": [text(recipient.unicode), part("mx.none")],
            "error": [part("mx.of", domain=recipient.unicode), part("lookup.failed")],
        }[mx.kind]
        if outcome.code == "nxdomain" and "recipient" in outcome.template:
            lines = [text(recipient.unicode), part("mx.nxdomain")]
        elif mx.kind == "error" and mx.stray_null:
            lines = [
                part("mx.of", domain=recipient.unicode),
                part("mx.broken_null", pref=mx.stray_null[0]),
            ]
        elif mx.kind == "error" and mx.lookup is not None and mx.lookup.outcome != "ok":
            lines.append(text(failure_of(mx.lookup, *mx.implicit_lookups)))
        add_node(
            g,
            node,
            kind=NodeKind.MX,
            **label_of(*lines),
            status=Status.FAIL if mx.kind in ("null", "none") else Status.ERROR,
            **details_of((part("d.mx"), text(mx.error or mx.kind))),
            layer=3,
            preference=0,
            role="primary",
            down=False,
            active=False,
        )
        mx_ids.append(node)
    return mx_ids, active


def _mx_label(host: MxHost, kind: str) -> LabelAttrs:
    pref = part("mx.implicit") if kind == "implicit" else part("mx.pref", pref=host.preference)
    return label_of(pref, text(host.host))


def _mx_status(host: MxHost) -> Status:
    if host.ip_literal:
        return Status.ERROR
    if not host.address_lookups:
        return Status.UNKNOWN
    if host.addresses:
        return Status.PASS if not host.cname else Status.NEUTRAL
    # No address: no path goes through it (the mail is queued for it, or bounces when no MX
    # host has one: the mailbox says so), so its marker is "error", never the refusal's red.
    return Status.ERROR


def _mx_details(host: MxHost, kind: str) -> DetailsAttrs:
    details = details_of(
        (part("d.host"), text(host.host)),
        (
            part("d.preference"),
            text(host.preference) if kind == "explicit" else part("v.implicit_pref"),
        ),
        (part("d.addresses"), [text(a) for a in host.addresses] or part("v.none")),
    )
    if host.cname:
        put_detail(details, part("d.cname"), text(host.cname))
    for lookup in host.address_lookups:
        put_detail(details, part("d.lookup", rdtype=lookup.rdtype), text(lookup_text(lookup)))
    return details


def add_dns_nodes(g: RouteGraph, result: Result, mx_ids: list[str], active: set[str]) -> None:
    """The lookups the route depends on, in a row above it: the sending server's MX lookup
    and the receiving server's SPF and DMARC lookups."""
    _add_mx_lookup(g, result)
    spf_status = _add_spf_lookup(g, result)
    dm_status = _add_dmarc_lookup(g, result)
    # The receiving server asks for the sender's SPF and DMARC.
    target = sorted(active)[0] if active else (mx_ids[0] if mx_ids else "mailbox")
    add_edge(
        g,
        "dns:spf",
        target,
        kind=EdgeKind.DNS,
        **label_of(part("edge.spf_check")),
        status=spf_status,
    )
    add_edge(
        g,
        "dns:dmarc",
        target,
        kind=EdgeKind.DNS,
        **label_of(part("edge.dmarc_check")),
        status=dm_status,
    )


def _add_mx_lookup(g: RouteGraph, result: Result) -> None:
    recipient = result.recipient_domain.ascii
    mx = result.mx
    mx_status = Status.UNKNOWN
    if mx is not None:
        mx_status = {
            "explicit": Status.PASS,
            "implicit": Status.NEUTRAL,
            "null": Status.FAIL,
            "none": Status.FAIL,
            "error": Status.ERROR,
        }[mx.kind]
    mx_details = details_of((part("d.question"), text(f"{recipient} MX")))
    if mx is not None and mx.lookup is not None:
        answer = [text(r) for r in mx.lookup.records] or text(mx.lookup.outcome)
        put_detail(mx_details, part("d.answer"), answer)
        put_detail(mx_details, part("d.timing"), part("v.ms", ms=f"{mx.lookup.elapsed * 1000:.0f}"))
        put_ttl(mx_details, mx.lookup)
    add_node(
        g,
        "dns:mx",
        kind=NodeKind.DNS,
        **label_of(part("dns.mx", domain=recipient)),
        status=mx_status,
        **mx_details,
        layer=2,
    )
    # The server that hands the mail to the recipient asks for the MX: the sending server, or
    # the forwarder that passed a received message on (never the sender's own PC).
    first_sender = next((n for n in g.nodes if g.nodes[n]["kind"] in SENDER_KINDS), "client")
    add_edge(
        g,
        "dns:mx",
        first_sender,
        kind=EdgeKind.DNS,
        **label_of(part("edge.mx_lookup")),
        status=mx_status,
    )


def _add_spf_lookup(g: RouteGraph, result: Result) -> Status:
    sender = result.sender_domain.ascii
    audit = result.spf_audit
    failed = ""
    spf_status = Status.UNKNOWN
    spf_details = details_of((part("d.question"), text(f"{sender} TXT (SPF)")))
    if audit is not None:
        failed = failure_of(*audit.tree.record_queries)
        if audit.record is None:
            spf_status = Status.ERROR if audit.error else Status.NONE
        elif audit.error or audit.lookups > MAX_LOOKUPS:
            spf_status = Status.ERROR
        else:
            spf_status = Status.PASS
        record = (
            text(audit.record)
            if audit.record
            else part("lookup.failed_with", failure=failed)
            if failed
            else part("v.none")
        )
        put_detail(spf_details, part("d.record"), record)
        put_detail(
            spf_details,
            part("d.lookups"),
            part("v.unlisted_lookups", lookups=audit.lookups, max=MAX_LOOKUPS),
        )
        put_detail(spf_details, part("d.void_lookups"), text(audit.void_text()))
        if audit.error:
            put_detail(spf_details, part("d.error"), text(audit.error))
        put_ttl(spf_details, *audit.tree.record_queries)
    spf_lines = [part("dns.spf", domain=sender)]
    if audit is not None and audit.record is None and failed:
        spf_lines.append(part("lookup.failed_with", failure=failed))
    add_node(
        g,
        "dns:spf",
        kind=NodeKind.DNS,
        **label_of(*spf_lines),
        status=spf_status,
        **spf_details,
        layer=3,
    )
    return spf_status


def _add_dmarc_lookup(g: RouteGraph, result: Result) -> Status:
    sender = result.sender_domain.ascii
    dm = result.dmarc
    dm_status = Status.UNKNOWN
    dm_details = details_of((part("d.question"), text(f"_dmarc.{sender} TXT")))
    if dm is not None:
        policy = effective_policy(dm)
        if dm.error:
            dm_status = Status.ERROR
        elif dm.record is None:
            dm_status = Status.NONE
        else:
            dm_status = Status.PASS if policy in ("quarantine", "reject") else Status.NEUTRAL
        put_detail(dm_details, part("d.record"), or_none(dm.record))
        if dm.record is not None:
            put_detail(dm_details, part("d.found_at"), text(f"_dmarc.{dm.domain}"))
        else:  # no record applies: where the tree walk looked, never "found at"
            places = dm.walk or (dm.domain,)
            put_detail(
                dm_details, part("d.looked_for_at"), text(", ".join(f"_dmarc.{n}" for n in places))
            )
        if policy:
            put_detail(dm_details, part("d.policy"), text(policy))
        if dm.error:
            put_detail(dm_details, part("d.error"), text(dm.error))
        put_ttl(dm_details, *reversed(dm.lookups))
    add_node(
        g,
        "dns:dmarc",
        kind=NodeKind.DNS,
        **label_of(part("dns.dmarc", domain=sender)),
        status=dm_status,
        **dm_details,
        layer=4,
    )
    return dm_status
