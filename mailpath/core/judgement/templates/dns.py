"""Findings about the names on the route: a domain that does not exist, the recipient's MX
hosts, the sending host, its SPF authorization and reverse DNS."""

from __future__ import annotations

_PUBLISH_SPF = 'Publish at {sender} this TXT record: "{record}"'
_MX_UNRESOLVED_FIX = "Give {host} an A or AAAA record, or remove it from the MX records."
#: The cause alone: what the receiver then does is the receiver model's consequence clause.
_NOT_AUTHORIZED = (
    "The SPF record of {sender} does not authorize {host} ({addresses}); the result is {result}."
)


#: Template key -> (message, fix). The key's part before "/" is the finding's code.
DNS_TEMPLATES: dict[str, tuple[str, str | None]] = {
    "domain-nxdomain/recipient": (
        "The recipient's domain {domain} does not exist (NXDOMAIN): mail to it bounces at once. "
        "Is it a typo?",
        "Check the spelling of the recipient's domain.",
    ),
    "domain-nxdomain/sender": (
        "The sender's domain {domain} does not exist (NXDOMAIN): receivers refuse mail from it. "
        "Is it a typo?",
        "Check the spelling of the sender's domain.",
    ),
    "mx-lookup-failed": (
        "The MX records of {domain} could not be looked up ({outcome}). A sending server would "
        "keep the mail queued and retry.",
        "Check the recipient's name servers, or try again with another resolver.",
    ),
    "mx-null": (
        '{domain} publishes a null MX ("0 .", RFC 7505): it accepts no mail. Mail to it is '
        "refused at once.",
        None,
    ),
    "mx-null/preference": (
        '{domain} publishes "{record}": a null MX must have preference 0 (RFC 7505), so this '
        "is a broken MX record naming no host. No server accepts mail for {domain}.",
        'Publish "{domain}. MX 0 ." if {domain} takes no mail, or an MX record naming its mail '
        "server.",
    ),
    "mx-null/mixed": (
        '{domain} publishes a null MX ("{record}") next to other MX records ({hosts}); RFC 7505 '
        "forbids that: senders may refuse the mail or try the other hosts.",
        'Remove "{record}" if {domain} takes mail, or remove the other MX records if it does not.',
    ),
    "mx-missing": (
        "{domain} has no MX record and no address: there is no route for its mail.",
        'The owner of {domain} must publish an MX record, e.g. "{domain}. MX 10 mail.{domain}."',
    ),
    "mx-implicit": (
        "{domain} has no MX record; senders deliver to the address of {domain} itself "
        "(implicit MX, RFC 5321 5.1).",
        "Publish an explicit MX record for {domain} so the route does not depend on the web "
        "server's address.",
    ),
    "mx-ip-literal": (
        "The MX record of {domain} names an IP address ({host}) instead of a host name; many "
        "senders refuse it.",
        "Replace it with a host name that has an A/AAAA record for {host}.",
    ),
    "mx-cname": (
        "MX host {host} of {domain} is an alias (CNAME to {target}); RFC 2181 10.3 forbids it "
        "and some senders refuse it.",
        "Point the MX record at {target} directly.",
    ),
    "mx-host-unresolved": (
        "MX host {host} (preference {preference}) of {domain} cannot be reached: it has no A or "
        "AAAA record. Senders skip to the next preference.",
        _MX_UNRESOLVED_FIX,
    ),
    "mx-host-unresolved/dns-error": (
        "MX host {host} (preference {preference}) of {domain} cannot be reached: its address "
        "lookup failed ({outcome}). Senders skip to the next preference.",
        _MX_UNRESOLVED_FIX,
    ),
    "sending-host-unknown": (
        "No sending host was given and {sender} has no MX host to assume, so no SPF result "
        "could be computed for a real server.",
        "Name the server that really sends the mail (--via, or the Sending host field).",
    ),
    "sending-host-unknown/dns-error": (
        "No sending host was given and the MX lookup for {sender}, whose hosts would be "
        "assumed to send, failed ({outcome}): no SPF result could be computed.",
        "Name the server that really sends the mail (--via), or try again with another resolver.",
    ),
    # A received message names the server that handed it over only by something that is no
    # host name, with no address recorded (`message.handover_via` is None).
    "sending-host-unknown/message": (
        "The message does not say which server handed it to the recipient: the receiving "
        "server {by} recorded no address for it and only the name {host}, which is not a host "
        "name. mailpath went on with the sending host unknown.",
        "If you know the server that sent the mail, give it (--via, or the Sending host field).",
    ),
    "sending-host-assumed": (
        "No sending host was given: {sender}'s own MX hosts ({hosts}) are assumed to send its "
        "mail.",
        "Name the server that really sends (e.g. your provider's SMTP server) for an exact "
        "verdict.",
    ),
    "sending-host-unresolved": (
        "The sending host {host} does not exist (NXDOMAIN).",
        "Check the host name of the sending server.",
    ),
    "sending-host-unresolved/no-address": (
        "The sending host {host} has no A or AAAA record.",
        "Check the host name of the sending server.",
    ),
    "sending-host-unresolved/dns-error": (
        "The address lookup of the sending host {host} failed ({outcome}).",
        "Check the host name of the sending server, or try again with another resolver.",
    ),
    "spf-missing": (
        "{sender} publishes no SPF record that authorizes {host} ({addresses}).",
        _PUBLISH_SPF,
    ),
    "spf-permerror": (
        "The SPF record of {sender} is broken (permerror) when {recipient} checks {host} "
        "({address}): {reason}; receivers treat SPF as failed.",
        "Correct the term named above; the SPF trace shows where evaluation ended.",
    ),
    "spf-temperror": (
        "The SPF check of {host} ({address}) for {sender} hit a DNS error (temperror): {reason}.",
        "Check the name servers of the domains the SPF record names, then try again.",
    ),
    "spf-temperror/record": (
        "The SPF record of {sender} could not be looked up ({outcome} for {name}): receivers "
        "get temperror and may defer the mail.",
        "Check the name servers of {sender}, then try again.",
    ),
    "spf-ipv6-gap": (
        "{host} passes SPF for {sender} over IPv4 ({passing}) but not over IPv6 ({failing}: "
        "{result}).",
        _PUBLISH_SPF,
    ),
    "spf-ipv4-gap": (
        "{host} passes SPF for {sender} over IPv6 ({passing}) but not over IPv4 ({failing}: "
        "{result}).",
        _PUBLISH_SPF,
    ),
    "spf-not-authorized/fail": (
        _NOT_AUTHORIZED,
        _PUBLISH_SPF,
    ),
    "spf-not-authorized/softfail": (
        _NOT_AUTHORIZED,
        _PUBLISH_SPF,
    ),
    "spf-not-authorized/neutral": (
        _NOT_AUTHORIZED,
        _PUBLISH_SPF,
    ),
    "ptr-missing": (
        "{address} ({host}) has no reverse DNS (PTR) record; Gmail and other large receivers "
        "require one.",
        "Ask whoever runs {address} (your provider) to set its PTR to {host}.",
    ),
    # No name is known for the address (given as --via, and no message names it): the fix
    # asks for the server's own host name, never for an address as a PTR target.
    "ptr-missing/unnamed": (
        "{address} has no reverse DNS (PTR) record; Gmail and other large receivers require one.",
        "Ask whoever runs {address} (your provider) to set its PTR to the server's host name: "
        "a name whose A or AAAA record is {address}.",
    ),
    "fcrdns-failed": (
        "The reverse DNS of {address} names {ptr}, but that name does not resolve back to "
        "{address} (forward-confirmed reverse DNS fails).",
        "Make {ptr_first} resolve to {address}, or change the PTR to a name that does.",
    ),
    "spf-too-many-lookups": (
        "The SPF record of {sender} needs {lookups} DNS lookups for an address it does not "
        "list; receivers stop at 10 with permerror. The limit is crossed at {branch}.",
        "Replace includes you no longer need, or flatten them into ip4:/ip6: terms.",
    ),
    "spf-record-error": (
        "The SPF record of {sender} has an error: {error}.",
        "Correct the record; receivers return permerror for it.",
    ),
    "spf-multiple-records": (
        "{sender} publishes {count} SPF records ({records}); RFC 7208 4.5 allows one, so every "
        "receiver gets permerror for every server and SPF never passes.",
        "Merge them into one record: publish at {sender} only this TXT record, in place of the "
        '{count}: "{record}"',
    ),
    "spf-multiple-records/manual": (
        "{sender} publishes {count} SPF records ({records}); RFC 7208 4.5 allows one, so every "
        "receiver gets permerror for every server and SPF never passes.",
        "Merge them into one record at {sender}: keep every term the servers need, end it with "
        "one all, and delete the others.",
    ),
    "spf-void-lookups": (
        "The SPF record of {sender} makes {count} lookups that find nothing for {family} "
        "clients; receivers give permerror after 2.",
        "Remove terms that name domains without records.",
    ),
    "spf-pass-all": (
        "The SPF record of {sender} ends in {term}: it authorizes every server on the Internet "
        "to send as it.",
        "End the record with ~all or -all.",
    ),
    "spf-neutral-all": (
        "The SPF record of {sender} ends in ?all: unlisted servers get neutral, which protects "
        "nothing.",
        "End the record with ~all or -all once every sender is listed.",
    ),
    "spf-ptr": (
        "The SPF record of {sender} uses {term}; RFC 7208 says not to (slow, unreliable), and "
        "some receivers ignore it.",
        "Replace it with a:, ip4: or ip6: terms for the servers it meant.",
    ),
}
