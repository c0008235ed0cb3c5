"""The route's words: its templates, parts (a key and parameters), their English
rendering, and the typed helpers that put labels and details on nodes and edges."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Unpack

from mailpath.core.judgement.verdict import TEMPLATES as VERDICT_TEMPLATES
from mailpath.core.judgement.verdict import Verdict
from mailpath.core.model import LookupStatus, Result
from mailpath.core.route.attrs import (
    DetailEntry,
    DetailsAttrs,
    DetailValue,
    EdgeAttrs,
    LabelAttrs,
    NodeAttrs,
    ParamValue,
    PartDict,
    RenderedValue,
)

if TYPE_CHECKING:
    from mailpath.core.route.attrs import RouteGraph

#: The route's own words: key -> English template. Nodes and edges carry `label_parts` (one
#: part per line) and `details_parts` ([{"name": part, "value": part | [part] | number}])
#: beside the English `label` and `details`, which are these templates rendered in English
#: (`render_part`). A part is {"key": key, "params": {...}}; a param that is itself a part is
#: rendered first, a list of parts is rendered and joined with " · ". A part with
#: "table": "verdict" names a template of `mailpath.core.judgement.verdict.TEMPLATES`
#: instead. Text from DNS or the message is the "text" part, shown as it is. The GUI
#: translates each template (context "RouteText", the English template as the source) and
#: fills in the same params.
TEMPLATES: dict[str, str] = {
    "text": "{text}",
    "join": "{items}",
    # node titles and lines
    "client.title": "Sender's PC",
    "sending.title": "Sending server",
    "sending.submission": "Submission server",
    "sending.assumed": "Assumed sender",
    "sending.forwarder": "Forwarder",
    "mailbox.title": "Mailbox",
    "mx.implicit": "implicit MX",
    "mx.pref": "MX {pref}",
    "mx.of": "MX of {domain}",
    "resolving": "resolving…",
    "not_resolved.cancelled": "not resolved (cancelled)",
    "mx.null": "null MX: accepts no mail",
    "mx.none": "no MX, no address",
    "mx.nxdomain": "does not exist (NXDOMAIN)",
    "mx.broken_null": "broken null MX ({pref} .)",
    "lookup.failed": "lookup failed",
    "lookup.failed_with": "lookup failed: {failure}",
    "address.title": "IPv{family} {address}",
    "address.spf": "SPF {result}",
    "address.fcrdns_ok": "FCrDNS ok",
    "address.fcrdns_fails": "FCrDNS fails",
    "dns.mx": "DNS: MX {domain}",
    "dns.spf": "DNS: SPF {domain}",
    "dns.dmarc": "DNS: DMARC {domain}",
    # edges
    "edge.submission_auth": "submission :587 (SMTP AUTH)",
    "edge.submission": "submission",
    "edge.smtp": "SMTP :25",
    "edge.smtp_pref": "SMTP :25 · pref {pref}",
    "edge.delivery": "delivery",
    "edge.family": "IPv{family}",
    "edge.mx_lookup": "MX lookup",
    "edge.spf_check": "SPF check",
    "edge.dmarc_check": "DMARC check",
    # the received message
    "hop.title": "Hop #{n}",
    "hops.title": "Hops #{first}–#{last}",
    "hops.internal": "+{count} internal hops",
    "hops.count": "{count} hops",
    "hops.times": "{first} – {last}",
    "hop.by": "by {host}",
    "hop.by_unknown": "by ?",
    "hop.unparsed": "unparsed",
    "hop.delay": "{delay} s",
    "hop.tls": "TLS",
    "hop.no_tls": "no TLS",
    "hop.tls_unknown": "TLS ?",
    "hop.unexpected": "not on the predicted route",
    "hop.unexpected_count": "not on the predicted route ({count} hops)",
    "hop.of": "#{n} of {total}",
    "hops.of": "#{first}–#{last} of {total}",
    "hop.handover": "handover to the recipient's servers",
    "hop.here": "{k} of {total} here",
    "hop.forwarded": "forwarded: SPF checks the forwarder, DKIM and ARC carry the judgement",
    "dmarc.result": "DMARC {result}",
    "dmarc.title": "DMARC",
    "dmarc.disposition": "disposition {disposition}",
    "dmarc.not_evaluated": "not evaluated",
    "dkim.none": "DKIM: none",
    "dkim.no_signature": "no signature",
    "dkim.no_signature_long": "the message carries no DKIM-Signature",
    "dkim.title": "DKIM",
    "dkim.signature": "DKIM d={domain} s={selector}",
    "dkim.aligned": "aligned",
    "dkim.not_aligned": "not aligned",
    "dkim.bits": "{bits}-bit",
    "dkim.key": "{type} {bits}-bit",
    "dkim.more": "+{count} more signatures",
    "dkim.summary": "d={domain} s={selector} {result}",
    # detail names
    "d.sender": "sender",
    "d.role": "role",
    "d.host": "host",
    "d.addresses": "addresses",
    "d.address": "address",
    "d.family": "family",
    "d.lookup": "{rdtype} lookup",
    "d.error": "error",
    "d.spf_for": "SPF for {domain}",
    "d.ptr": "PTR",
    "d.fcrdns": "FCrDNS",
    "d.spf_record": "SPF record",
    "d.spf_lookups": "SPF lookups",
    "d.spf_error": "SPF error",
    "d.preference": "preference",
    "d.cname": "CNAME",
    "d.mx": "MX",
    "d.verdict": "verdict",
    "d.question": "question",
    "d.answer": "answer",
    "d.timing": "timing",
    "d.ttl": "ttl",
    "d.record": "record",
    "d.lookups": "lookups",
    "d.void_lookups": "void lookups",
    "d.found_at": "found at",
    "d.looked_for_at": "looked for at",
    "d.policy": "policy",
    "d.hop_n": "hop #{n}",
    "d.hop": "hop",
    "d.hops": "hops",
    "d.from": "from",
    "d.client_address": "client address",
    "d.by": "by",
    "d.protocol": "protocol",
    "d.tls": "TLS",
    "d.time": "time",
    "d.received": "received",
    "d.delay": "delay",
    "d.first": "first",
    "d.last": "last",
    "d.note": "note",
    "d.result": "result",
    "d.disposition": "disposition",
    "d.policy_domain": "policy domain",
    "d.spf_aligned": "SPF aligned",
    "d.dkim_aligned": "DKIM aligned",
    "d.reason": "reason",
    "d.dkim": "DKIM",
    "d.domain": "domain",
    "d.selector": "selector",
    "d.algorithm": "algorithm",
    "d.aligned": "aligned",
    "d.key": "key",
    "d.signatures": "signatures",
    # detail values
    "v.mua": "mail client (MUA)",
    "v.submission_server": "submission server",
    "v.assumed_server": "assumed outbound server (sender's MX)",
    "v.forwarder": "forwarder of another organization (forwarding mailbox, mailing list, relay)",
    "v.submission_seen": "the sender's submission server, as the message shows it",
    "v.none": "(none)",
    "v.yes": "yes",
    "v.no": "no",
    "v.unknown": "unknown",
    "v.unknown_short": "?",
    "v.implicit_pref": "implicit (no MX record)",
    "v.spf_lookups": "{lookups}/{max}, void {void}/{max_void}",
    "v.unlisted_lookups": "{lookups}/{max} for an unlisted address",
    "v.ms": "{ms} ms",
}

Part = PartDict
#: translate(table, English template) -> the template in the UI language.
Translate = Callable[[str, str], str]


def part(key: str, **params: ParamValue) -> Part:
    """One piece of route text: a template key of `TEMPLATES` and its parameters."""
    return {"key": key, "params": params}


def text(value: object) -> Part:
    """Text that is data (names, addresses, records): shown as it is. A reason that is a
    `sentences.Sentence` (a str) stays one, so the window can render it in its language."""
    return {"key": "text", "params": {"text": value if isinstance(value, str) else str(value)}}


def verdict_part(v: Verdict) -> Part:
    return {"key": v.template, "table": "verdict", "params": dict(v.params)}


def _param(value: ParamValue, translate: Translate | None) -> str:
    if isinstance(value, dict) and "key" in value:
        return render_part(value, translate)
    if isinstance(value, list):
        return " · ".join(_param(v, translate) for v in value)
    return str(value)


def render_part(p: Part, translate: Translate | None = None) -> str:
    """A part as text: English, or through `translate` (which the GUI backs with Qt's
    translations); English again when the translation does not fit the parameters."""
    table = str(p.get("table", "route"))
    key = str(p.get("key", ""))
    template = (VERDICT_TEMPLATES if table == "verdict" else TEMPLATES).get(key)
    raw = p.get("params") or {}
    if template is None:
        return str(raw.get("text", ""))
    params = {name: _param(value, translate) for name, value in raw.items()}
    english = template.format(**params)
    if translate is None:
        return english
    try:
        return translate(table, template).format(**params)
    except (KeyError, IndexError, ValueError):
        return english


def render_value(value: DetailValue, translate: Translate | None = None) -> RenderedValue:
    """A detail value: a part as text, a list of parts as a list of texts, a number as is."""
    if isinstance(value, dict) and "key" in value:
        return render_part(value, translate)
    if isinstance(value, list):
        return [render_value(v, translate) for v in value]
    return value


def pending(result: Result) -> Part:
    """What a node whose lookup has not ended says: still resolving, or, once the analysis
    was cancelled, that it never will be."""
    return part("not_resolved.cancelled") if result.cancelled else part("resolving")


def label_of(*lines: Part) -> LabelAttrs:
    """`label` and `label_parts` of a node or edge, one part per line."""
    return {"label": "\n".join(render_part(p) for p in lines), "label_parts": list(lines)}


def details_of(*entries: tuple[Part, DetailValue]) -> DetailsAttrs:
    """`details` and `details_parts` from (name part, value) pairs."""
    data: DetailsAttrs = {"details": {}, "details_parts": []}
    for name, value in entries:
        put_detail(data, name, value)
    return data


def put_detail(data: DetailsAttrs, name: Part, value: DetailValue) -> None:
    """Set one detail (replacing one of the same name) in both forms."""
    english = render_part(name)
    entries = data.setdefault("details_parts", [])
    entry: DetailEntry = {"name": name, "value": value}
    for i, e in enumerate(entries):
        if render_part(e["name"]) == english:
            entries[i] = entry
            break
    else:
        entries.append(entry)
    data.setdefault("details", {})[english] = render_value(value)


def add_node(g: RouteGraph, node: str, **attrs: Unpack[NodeAttrs]) -> None:
    """Add a node with its typed attributes (networkx's `add_node` takes them untyped)."""
    g.add_node(node, **attrs)


def add_edge(g: RouteGraph, u: str, v: str, **attrs: Unpack[EdgeAttrs]) -> None:
    g.add_edge(u, v, **attrs)


def lookup_text(lookup: LookupStatus) -> str:
    text = str(lookup.outcome)
    if lookup.records:
        text = "; ".join(lookup.records)
    if lookup.detail:
        text += f" ({lookup.detail})"
    if lookup.elapsed:
        text += f" [{lookup.elapsed * 1000:.0f} ms]"
    if lookup.ttl is not None:
        text += f" (TTL {lookup.ttl} s)"
    return text


def put_ttl(data: DetailsAttrs, *lookups: LookupStatus) -> None:
    """The "ttl" detail (seconds) of the first lookup that reported one."""
    for lookup in lookups:
        if lookup.ttl is not None:
            put_detail(data, part("d.ttl"), int(lookup.ttl))
            return


YES_NO = {True: "v.yes", False: "v.no", None: "v.unknown"}


def or_none(value: object) -> Part:
    return text(value) if value else part("v.none")


def failure_of(*lookups: LookupStatus) -> str:
    """The first failed lookup's outcome in DNS terms (TIMEOUT, SERVFAIL...), or ""."""
    for lookup in lookups:
        if lookup.outcome.is_error:
            return lookup.outcome.upper()
    return ""


def hop_number(n: int) -> str:
    """A hop number as people read it (1,493), the same in both languages."""
    return f"{n:,}"
