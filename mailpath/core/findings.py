"""Findings: what a person should know about the route, in plain words, with the fix.

`build_findings(result)` reads a finished (or partial) Result and returns findings, most
severe first. Codes are stable: tools and tests key on them.
"""

from __future__ import annotations

from mailpath.core.dmarc import effective_policy
from mailpath.core.model import (
    Finding,
    MxInfo,
    Result,
    SendingAddress,
    SendingHostInfo,
    Severity,
)
from mailpath.core.spf import SpfResult

LOOKUP_LIMIT = 10
_SEVERITY_ORDER = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}


def host_node(host: str) -> str:
    return f"sending:{host}"


def address_node(ip: str) -> str:
    return f"addr:{ip}"


def mx_node(host: str) -> str:
    return f"mx:{host}"


def build_findings(result: Result) -> tuple[Finding, ...]:
    out: list[Finding] = []
    out += _mx_findings(result.mx, result.recipient_domain.ascii)
    out += _sending_findings(result)
    out += _audit_findings(result)
    out += _dmarc_findings(result)
    out.sort(key=lambda f: _SEVERITY_ORDER[f.severity])
    return tuple(out)


# ---------------------------------------------------------------- recipient MX


def _mx_findings(mx: MxInfo | None, domain: str) -> list[Finding]:
    if mx is None:
        return []
    if mx.kind == "error":
        return [
            Finding(
                Severity.ERROR,
                "mx-lookup-failed",
                f"The MX records of {domain} could not be looked up: {mx.error}. "
                "A sending server would keep the mail queued and retry.",
                "Check the recipient's name servers, or try again with another resolver.",
                "dns:mx",
            )
        ]
    if mx.kind == "null":
        return [
            Finding(
                Severity.ERROR,
                "mx-null",
                f'{domain} publishes a null MX ("0 .", RFC 7505): it accepts no mail. '
                "Mail to it is refused at once.",
                None,
                "mailbox",
            )
        ]
    if mx.kind == "none":
        return [
            Finding(
                Severity.ERROR,
                "mx-missing",
                f"{domain} has no MX record and no address: there is no route for its mail.",
                f"The owner of {domain} must publish an MX record, e.g. "
                f'"{domain}. MX 10 mail.{domain}."',
                "dns:mx",
            )
        ]
    out: list[Finding] = []
    if mx.kind == "implicit":
        out.append(
            Finding(
                Severity.INFO,
                "mx-implicit",
                f"{domain} has no MX record; senders deliver to the address of {domain} "
                "itself (implicit MX, RFC 5321 5.1).",
                f"Publish an explicit MX record for {domain} so the route does not depend on "
                "the web server's address.",
                mx_node(domain),
            )
        )
    for host in mx.hosts:
        if host.ip_literal:
            out.append(
                Finding(
                    Severity.ERROR,
                    "mx-ip-literal",
                    f"The MX record of {domain} names an IP address ({host.host}) instead of a "
                    "host name; many senders refuse it.",
                    f"Replace it with a host name that has an A/AAAA record for {host.host}.",
                    mx_node(host.host),
                )
            )
            continue
        if host.cname:
            out.append(
                Finding(
                    Severity.WARNING,
                    "mx-cname",
                    f"MX host {host.host} of {domain} is an alias (CNAME to {host.cname}); "
                    "RFC 2181 10.3 forbids it and some senders refuse it.",
                    f"Point the MX record at {host.cname} directly.",
                    mx_node(host.host),
                )
            )
        if not host.addresses:
            failed = [s for s in host.address_lookups if s.outcome not in ("ok", "nodata")]
            why = (
                f"its address lookup ended with {failed[0].outcome.upper()}"
                if failed
                else "it has no A or AAAA record"
            )
            out.append(
                Finding(
                    Severity.ERROR if len(mx.hosts) == 1 else Severity.WARNING,
                    "mx-host-unresolved",
                    f"MX host {host.host} (preference {host.preference}) of {domain} cannot be "
                    f"reached: {why}. Senders skip to the next preference.",
                    f"Give {host.host} an A or AAAA record, or remove it from the MX records.",
                    mx_node(host.host),
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
        out.append(
            Finding(
                Severity.WARNING,
                "sending-host-unknown",
                f"No sending host was given and {sender} has no MX host to assume, so no SPF "
                "result could be computed for a real server.",
                "Name the server that really sends the mail (--via, or the Sending host field).",
                "client",
            )
        )
    if any(h.assumed for h in result.sending_hosts):
        names = ", ".join(h.host for h in result.sending_hosts)
        out.append(
            Finding(
                Severity.INFO,
                "sending-host-assumed",
                f"No sending host was given: {sender}'s own MX hosts ({names}) are assumed to "
                "send its mail.",
                "Name the server that really sends (e.g. your provider's SMTP server) for an "
                "exact verdict.",
                "client",
            )
        )
    record = result.spf_audit.record if result.spf_audit is not None else None
    lookups = result.spf_audit.lookups if result.spf_audit is not None else 0
    for host in result.sending_hosts:
        if host.error and not host.addresses:
            out.append(
                Finding(
                    Severity.ERROR,
                    "sending-host-unresolved",
                    f"The sending host {host.error}.",
                    "Check the host name of the sending server.",
                    host_node(host.host),
                )
            )
            continue
        out += _spf_host_findings(host, sender, recipient, record, lookups)
        out += _ptr_findings(host)
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
    addrs = ", ".join(a.address for a in failing)
    fix_record = suggest_spf_record(record, host, failing, lookups)
    fix = f'Publish at {sender} this TXT record: "{fix_record}"' if fix_record else None
    kinds = {r for _, r in results}
    if kinds == {SpfResult.NONE}:
        return [
            Finding(
                Severity.ERROR,
                "spf-missing",
                f"{recipient} will mark this mail unverified: {sender} publishes no SPF record "
                f"that authorizes {host.host} ({addrs}).",
                fix,
                host_node(host.host),
                record=fix_record,
            )
        ]
    errors = [(a, r) for a, r in results if r in (SpfResult.PERMERROR, SpfResult.TEMPERROR)]
    if errors:
        addr, error_result = errors[0]
        reason = addr.spf.trace.error if addr.spf is not None else None
        if error_result is SpfResult.PERMERROR:
            return [
                Finding(
                    Severity.ERROR,
                    "spf-permerror",
                    f"The SPF record of {sender} is broken (permerror) when {recipient} checks "
                    f"{host.host} ({addr.address}): {reason or 'see the SPF trace'}. Receivers "
                    "treat the mail as unauthenticated and DMARC fails.",
                    "Correct the term named above; the SPF trace shows where evaluation ended.",
                    address_node(addr.address),
                )
            ]
        return [
            Finding(
                Severity.WARNING,
                "spf-temperror",
                f"The SPF check of {host.host} ({addr.address}) for {sender} hit a DNS error "
                f"(temperror): {reason or 'a lookup did not answer'}. Receivers may defer the "
                "mail.",
                "Check the name servers of the domains the SPF record names, then try again.",
                address_node(addr.address),
            )
        ]
    passing = [a for a, r in results if r is SpfResult.PASS]
    out: list[Finding] = []
    if passing:
        for family, name in ((6, "IPv6"), (4, "IPv4")):
            gap = [a for a in failing if a.family == family]
            other = [a for a in passing if a.family != family]
            if gap and other:
                out.append(
                    Finding(
                        Severity.ERROR,
                        f"spf-{name.lower()}-gap",
                        f"{host.host} passes SPF for {sender} over "
                        f"{'IPv4' if family == 6 else 'IPv6'} "
                        f"({', '.join(a.address for a in other)}) but not over {name} "
                        f"({', '.join(a.address for a in gap)}: "
                        f"{dict(results)[gap[0]].value}). Mail that "
                        f"leaves over {name} is flagged or refused by {recipient}.",
                        fix,
                        address_node(gap[0].address),
                        record=fix_record,
                    )
                )
        if out:
            return out
    worst = failing[0]
    res = dict(results)[worst]
    severity = Severity.ERROR if res in (SpfResult.FAIL, SpfResult.SOFTFAIL) else Severity.WARNING
    verdict = {
        SpfResult.FAIL: "will reject or quarantine this mail",
        SpfResult.SOFTFAIL: "will flag this mail as suspicious",
        SpfResult.NEUTRAL: "will mark this mail unverified",
    }.get(res, "will mark this mail unverified")
    return [
        Finding(
            severity,
            "spf-not-authorized",
            f"{recipient} {verdict}: the SPF record of {sender} does not authorize {host.host} "
            f"({addrs}); the result is {res.value}.",
            fix,
            address_node(worst.address),
            record=fix_record,
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
    if all_fail and is_name and lookups + 1 <= LOOKUP_LIMIT:
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


def _ptr_findings(host: SendingHostInfo) -> list[Finding]:
    out = []
    for addr in host.addresses:
        if addr.ptr_lookup is None:
            continue
        if not addr.ptr and addr.fcrdns is False:
            out.append(
                Finding(
                    Severity.WARNING,
                    "ptr-missing",
                    f"{addr.address} ({host.host}) has no reverse DNS (PTR) record; Gmail and "
                    "other large receivers refuse or flag mail from addresses without one.",
                    f"Ask whoever runs {addr.address} (your provider) to set its PTR to "
                    f"{host.host}.",
                    address_node(addr.address),
                )
            )
        elif addr.ptr and addr.fcrdns is False:
            out.append(
                Finding(
                    Severity.WARNING,
                    "fcrdns-failed",
                    f"The reverse DNS of {addr.address} names {', '.join(addr.ptr)}, but that "
                    f"name does not resolve back to {addr.address} (forward-confirmed reverse "
                    "DNS fails).",
                    f"Make {addr.ptr[0]} resolve to {addr.address}, or change the PTR to a "
                    "name that does.",
                    address_node(addr.address),
                )
            )
    return out


# ---------------------------------------------------------------- SPF record audit


def _audit_findings(result: Result) -> list[Finding]:
    audit = result.spf_audit
    if audit is None or audit.record is None:
        return []
    sender = result.sender_domain.ascii
    out: list[Finding] = []
    if audit.lookups > LOOKUP_LIMIT:
        branch = " -> ".join(audit.over_limit) if audit.over_limit else "the record"
        out.append(
            Finding(
                Severity.ERROR,
                "spf-too-many-lookups",
                f"The SPF record of {sender} needs {audit.lookups} DNS lookups for an address "
                f"it does not list; receivers stop at {LOOKUP_LIMIT} with permerror. The limit "
                f"is crossed at {branch}.",
                "Replace includes you no longer need, or flatten them into ip4:/ip6: terms.",
                "dns:spf",
            )
        )
    elif audit.error:
        out.append(
            Finding(
                Severity.ERROR,
                "spf-record-error",
                f"The SPF record of {sender} has an error: {audit.error}.",
                "Correct the record; receivers return permerror for it.",
                "dns:spf",
            )
        )
    if audit.void_lookups > 2:
        out.append(
            Finding(
                Severity.WARNING,
                "spf-void-lookups",
                f"The SPF record of {sender} makes {audit.void_lookups} lookups that find "
                "nothing; receivers give permerror after 2.",
                "Remove terms that name domains without records.",
                "dns:spf",
            )
        )
    for term in audit.record.split()[1:]:
        low = term.lower()
        if low in ("+all", "all"):
            out.append(
                Finding(
                    Severity.ERROR,
                    "spf-pass-all",
                    f"The SPF record of {sender} ends in {term}: it authorizes every server on "
                    "the Internet to send as it.",
                    "End the record with ~all or -all.",
                    "dns:spf",
                )
            )
        elif low == "?all":
            out.append(
                Finding(
                    Severity.WARNING,
                    "spf-neutral-all",
                    f"The SPF record of {sender} ends in ?all: unlisted servers get neutral, "
                    "which protects nothing.",
                    "End the record with ~all or -all once every sender is listed.",
                    "dns:spf",
                )
            )
        elif low.lstrip("+-~?").split(":")[0].split("/")[0] == "ptr":
            out.append(
                Finding(
                    Severity.WARNING,
                    "spf-ptr",
                    f"The SPF record of {sender} uses {term}; RFC 7208 says not to (slow, "
                    "unreliable), and some receivers ignore it.",
                    "Replace it with a:, ip4: or ip6: terms for the servers it meant.",
                    "dns:spf",
                )
            )
    return out


# ---------------------------------------------------------------- DMARC


def _dmarc_findings(result: Result) -> list[Finding]:
    dmarc = result.dmarc
    if dmarc is None:
        return []
    sender = result.sender_domain.ascii
    if dmarc.error:
        return [
            Finding(
                Severity.WARNING,
                "dmarc-error",
                f"DMARC for {sender}: {dmarc.error}.",
                None,
                "dns:dmarc",
            )
        ]
    if dmarc.record is None:
        return [
            Finding(
                Severity.WARNING,
                "dmarc-missing",
                f"{sender} publishes no DMARC record (looked at _dmarc.{sender}"
                + (f" and _dmarc.{dmarc.org_domain}" if dmarc.org_domain != sender else "")
                + "). Gmail and Yahoo require one from bulk senders.",
                f'Publish at _dmarc.{sender} this TXT record: "v=DMARC1; p=none; '
                f'rua=mailto:dmarc-reports@{sender}"',
                "dns:dmarc",
            )
        ]
    policy = effective_policy(dmarc)
    if policy == "none":
        return [
            Finding(
                Severity.INFO,
                "dmarc-policy-none",
                f"The DMARC policy for {sender} is p=none: receivers only report, mail that "
                "fails is still delivered.",
                "Move to p=quarantine once reports show all your senders pass.",
                "dns:dmarc",
            )
        ]
    return []
