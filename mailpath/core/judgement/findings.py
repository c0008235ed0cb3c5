"""Findings: what a person should know about the route, in plain words, with the fix.

`build_findings(result)` reads a finished (or partial) Result and returns findings, most
severe first. Codes are stable: tools and tests key on them.

Every message and fix is a template of `TEMPLATES` filled with `Finding.params`, so a
translation (the GUI's Japanese) renders the same finding from the template key and the
parameters; the parameters are names, addresses and records, never English prose.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from mailpath.core.auth.bimi import TEMPLATES as BIMI_TEMPLATES
from mailpath.core.auth.spf import (
    MAX_LOOKUPS,
    MAX_VOID_LOOKUPS,
    SpfResult,
    SpfSyntaxError,
    SpfTrace,
    is_spf_record,
    parse_record,
)
from mailpath.core.model import (
    Finding,
    MxInfo,
    Result,
    SendingAddress,
    SendingHostInfo,
    Severity,
)
from mailpath.core.names import is_ip_address
from mailpath.core.transport.templates import TRANSPORT_TEMPLATES

_SEVERITY_ORDER = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}

_PUBLISH_SPF = 'Publish at {sender} this TXT record: "{record}"'
_MX_UNRESOLVED_FIX = "Give {host} an A or AAAA record, or remove it from the MX records."
#: The cause alone: what the receiver then does is the receiver model's consequence clause.
_NOT_AUTHORIZED = (
    "The SPF record of {sender} does not authorize {host} ({addresses}); the result is {result}."
)

#: Template key -> (message, fix). The key's part before "/" is the finding's code.
TEMPLATES: dict[str, tuple[str, str | None]] = {
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
    "dmarc-error/lookup": (
        "The DMARC lookup for _dmarc.{domain} failed ({outcome}).",
        "Check the name servers of {domain}, then try again.",
    ),
    "dmarc-error/multiple": (
        "_dmarc.{domain} publishes {count} DMARC records; receivers ignore them all.",
        "Keep exactly one TXT record starting with v=DMARC1 at _dmarc.{domain}.",
    ),
    "dmarc-error/invalid": (
        "The DMARC record at _dmarc.{domain} is invalid: {reason}.",
        'Publish a record of the form "v=DMARC1; p=none; rua=mailto:..." at _dmarc.{domain}.',
    ),
    "dmarc-error/policy": (
        "The DMARC record at _dmarc.{domain} has no valid p= policy (none, quarantine or "
        "reject); receivers ignore it.",
        "Add p=none (or quarantine, reject) right after v=DMARC1.",
    ),
    "dmarc-missing": (
        "{sender} publishes no DMARC record (looked at {where}). Gmail and Yahoo require one "
        "from bulk senders.",
        'Publish at _dmarc.{sender} this TXT record: "{record}"',
    ),
    "dmarc-policy-none": (
        "The DMARC policy for {sender} is p=none: it asks receivers only to report mail that "
        "fails DMARC, not to act on it.",
        "Move to p=quarantine once reports show all your senders pass.",
    ),
    "dmarc-error/duplicate": (
        "The DMARC record at _dmarc.{domain} gives the tag {tag}= more than once; a DMARC record "
        "is a DKIM tag list, and a repeated tag makes the whole list invalid (RFC 6376 3.2): "
        "receivers apply no DMARC.",
        "Keep one {tag}= in the record at _dmarc.{domain}.",
    ),
    "dmarc-error/subpolicy": (
        "The DMARC record at _dmarc.{domain} has an invalid {tag}={value} and no valid rua=; "
        "RFC 9989 receivers then apply no DMARC at all.",
        'Publish at _dmarc.{domain} this TXT record: "{record}"',
    ),
    "dmarc-record-ignored/version": (
        'The TXT record "{record}" at _dmarc.{domain} is not a DMARC record: a DMARC record '
        "must begin with exactly v=DMARC1 (upper case, nothing before it). Receivers skip it.",
        'Make the record at _dmarc.{domain} begin with "v=DMARC1;".',
    ),
    "dmarc-record-ignored/multiple": (
        "_dmarc.{domain} publishes {count} DMARC records; receivers discard them all and use "
        "the record at _dmarc.{used} instead.",
        "Keep exactly one TXT record starting with v=DMARC1 at _dmarc.{domain}.",
    ),
    "dmarc-tag-syntax": (
        'The DMARC record at _dmarc.{domain} contains "{text}", which is not a tag=value pair; '
        "receivers ignore it.",
        "Write each tag as name=value, separated by semicolons.",
    ),
    "dmarc-tag-invalid": (
        "The DMARC record at _dmarc.{domain} gives {tag}={value}, which is not valid "
        "(allowed: {allowed}); receivers ignore it and use the default {tag}={default}.",
        "Write {tag}= with one of: {allowed}.",
    ),
    "dmarc-tag-invalid/ignored": (
        "The DMARC record at _dmarc.{domain} gives {tag}={value}, which is not valid "
        "(allowed: {allowed}); receivers ignore it.",
        "Write {tag}= with: {allowed}.",
    ),
    "dmarc-tag-invalid/policy-none": (
        "The DMARC record at _dmarc.{domain} gives {tag}={value}, which is not a policy (none, "
        "quarantine, reject); because the record has a valid rua=, RFC 9989 receivers act as "
        "if it said p=none: failing mail is delivered.",
        'Publish at _dmarc.{domain} this TXT record: "{record}"',
    ),
    "dmarc-tag-missing/p": (
        "The DMARC record at _dmarc.{domain} has no p= tag; because it has a valid rua=, "
        "receivers treat it as p=none: failing mail is delivered.",
        'Publish at _dmarc.{domain} this TXT record: "{record}"',
    ),
    "dmarc-tag-unknown": (
        "The DMARC record at _dmarc.{domain} has the tag {tag}=, which DMARC does not define; "
        "receivers ignore it.",
        "Remove it, or correct its name (tag names are lower case: p, sp, np, adkim, aspf, rua, "
        "ruf, fo, psd, t).",
    ),
    "dmarc-tag-legacy": (
        "The DMARC record at _dmarc.{domain} uses {tag}={value}; RFC 9989 removed {tag}=, and "
        "current receivers ignore it.",
        "Remove {tag}= from the record.",
    ),
    "dmarc-tag-legacy/pct": (
        "The DMARC record at _dmarc.{domain} has pct={value}; RFC 9989 removed pct=, so current "
        "receivers apply the policy to all failing mail, not to {value}% of it.",
        "Remove pct=; to try a policy out, add t=y (receivers then apply one level less).",
    ),
    "dmarc-tag-legacy/pct-invalid": (
        "The DMARC record at _dmarc.{domain} has pct={value}, which is not a percentage "
        "(0-100); pct= is removed in RFC 9989 and receivers ignore it.",
        "Remove pct= from the record.",
    ),
    "dmarc-tag-legacy/size": (
        "The {tag}= destination {uri} of _dmarc.{domain} carries a size limit (!...); RFC 9989 "
        "removed it and receivers ignore it.",
        "Remove the !size suffix.",
    ),
    "dmarc-tag-ignored/fo": (
        "The DMARC record at _dmarc.{domain} has fo={value} but no ruf=; receivers ignore fo= "
        "without ruf=.",
        "Remove fo=, or add ruf= with the address failure reports should go to.",
    ),
    "dmarc-report-scheme": (
        "The {tag}= destination {uri} of _dmarc.{domain} is not a mailto: address; receivers "
        "need only support mailto: and ignore what they cannot use.",
        "Use a mailto: address.",
    ),
    "dmarc-report-unauthorized": (
        "The {tag}= destination {uri} of _dmarc.{domain} is in another organization ({dest}), "
        'which does not accept reports for {domain}: there is no "v=DMARC1" TXT record at '
        "{name}. Receivers will not send reports there.",
        'The owner of {dest} must publish at {name} this TXT record: "v=DMARC1;"',
    ),
    "dmarc-report-unauthorized/dns-error": (
        "The {tag}= destination {uri} of _dmarc.{domain} is in another organization ({dest}); "
        "its authorization record {name} could not be looked up ({outcome}).",
        "Check the name servers of {dest}, then try again.",
    ),
    "dmarc-legacy-divergence": (
        "RFC 9989 receivers (DNS tree walk) apply the DMARC record at _dmarc.{domain} to mail "
        "from {sender}, but receivers still on RFC 7489 (public suffix list) apply the one at "
        "_dmarc.{legacy}.",
        "Publish a record at _dmarc.{sender} itself, so every receiver applies the same one: "
        '"{record}"',
    ),
    "dmarc-legacy-divergence/legacy-none": (
        "RFC 9989 receivers (DNS tree walk) apply the DMARC record at _dmarc.{domain} to mail "
        "from {sender}, but receivers still on RFC 7489 (public suffix list) look only at "
        "_dmarc.{sender} and _dmarc.{legacy}, find nothing and apply no DMARC.",
        "Publish a record at _dmarc.{sender} itself, so every receiver applies the same one: "
        '"{record}"',
    ),
    "dmarc-legacy-divergence/tree-none": (
        "Receivers still on RFC 7489 (public suffix list) apply the DMARC record at "
        "_dmarc.{legacy} to mail from {sender}, but RFC 9989 receivers (DNS tree walk) do not "
        "reach it and apply no DMARC.",
        "Publish a record at _dmarc.{sender} itself, so every receiver applies the same one: "
        '"{record}"',
    ),
    "dmarc-legacy-divergence/org": (
        "For relaxed alignment RFC 9989 receivers take {org} as the organizational domain of "
        "{sender}, receivers still on RFC 7489 take {legacy}: a DKIM or SPF domain aligned for "
        "one may not be for the other.",
        "Sign and send with {sender} itself (or use adkim=s; aspf=s), so alignment does not "
        "depend on the organizational domain.",
    ),
    "dmarc-testing": (
        "The DMARC record at _dmarc.{domain} has t=y (testing): receivers apply {applied} "
        "instead of {policy} to mail from {sender} that fails.",
        "Remove t=y once reports show all your senders pass.",
    ),
    "dmarc-psd-policy": (
        "{sender} publishes no DMARC record of its own; the policy comes from the public suffix "
        "operator's record at _dmarc.{domain} (psd=y).",
        'Publish at _dmarc.{sender} this TXT record: "{record}"',
    ),
    "dmarc-nonexistent": (
        "{sender} does not exist (NXDOMAIN): receivers apply the non-existent-domain policy "
        "np={np} to mail from it.",
        None,
    ),
    "dmarc-fail/reject": (
        "DMARC fails for mail from {sender}: neither SPF nor DKIM gives an identifier aligned "
        "with it, and the policy of {domain} asks the receiver to reject it.",
        "Send with a MAIL FROM in {sender} that SPF authorizes, or sign with DKIM d={sender}.",
    ),
    "dmarc-fail/quarantine": (
        "DMARC fails for mail from {sender}: neither SPF nor DKIM gives an identifier aligned "
        "with it, and the policy of {domain} asks the receiver to quarantine it (spam folder).",
        "Send with a MAIL FROM in {sender} that SPF authorizes, or sign with DKIM d={sender}.",
    ),
    "dmarc-fail/none": (
        "DMARC fails for mail from {sender}: neither SPF nor DKIM gives an identifier aligned "
        "with it; the policy of {domain} asks for no action, but receivers may still flag it.",
        "Send with a MAIL FROM in {sender} that SPF authorizes, or sign with DKIM d={sender}.",
    ),
    # A received message (core.message_findings) and --dkim-selector keys.
    "dkim-unchecked": (
        "DKIM was not checked: from DNS alone mailpath cannot see whether the mail carries a "
        "DKIM signature, so the verdict rests on SPF.",
        "Give the selector your server signs with (the s= of a DKIM-Signature header; "
        "--dkim-selector, or the window's DKIM selector field), or open a received message.",
    ),
    "dkim-missing": (
        "The message carries no DKIM signature: only SPF can authenticate it, and SPF breaks "
        "as soon as the mail is forwarded.",
        "Sign outgoing mail with DKIM for {sender} (d={sender}): most hosting control panels "
        "have a switch for it; it publishes the key at SELECTOR._domainkey.{sender}.",
    ),
    "dkim-fail": (
        "The DKIM signature d={domain} s={selector} fails: {reason}.",
        "Make sure nothing changes the mail after it is signed (a footer, a virus scanner, a "
        "forwarder) and that {selector}._domainkey.{domain} holds the key the server signs "
        "with.",
    ),
    # One per DkimSignature.failure (core.message_findings._failure_finding).
    "dkim-fail/body-changed": (
        "The body of the message changed after the DKIM signature d={domain} s={selector} was "
        "made (body hash mismatch): it was changed after signing — a list footer, a forwarder, "
        "or the file itself.",
        "If the mail passed through a mailing list or a forwarder, that is what changed it; "
        "otherwise find what rewrites the body after signing (a footer, a disclaimer, a virus "
        "scanner) and sign after it.",
    ),
    "dkim-fail/signature": (
        "The DKIM signature d={domain} s={selector} does not verify: the signed header fields "
        "were changed after signing — a list, a forwarder, or the file itself — or the key at "
        "{name} does not match the one the server signs with.",
        "Make sure nothing rewrites the signed header fields after signing, and that {name} "
        "holds the public half of the key the server signs with.",
    ),
    "dkim-key-missing/signature": (
        "The DKIM signature d={domain} s={selector} cannot be verified: no key is published at "
        "{name} ({outcome}), so receivers treat it as invalid (permerror).",
        "Publish the key the server signs with as a TXT record at {name} "
        '("v=DKIM1; k=rsa; p=..."), or make the server sign with a selector whose key is '
        "published.",
    ),
    "dkim-temperror": (
        "The DKIM key for the signature d={domain} s={selector} could not be fetched from "
        "{name} ({outcome}): the signature was not checked; a receiver would treat it as a "
        "temporary error (temperror), not as a missing key.",
        "Nothing to publish: try again later, and if it keeps failing check that the name "
        "servers of {domain} answer for {name}.",
    ),
    "dkim-temperror/recorded": (
        "The DKIM signature d={domain} s={selector} could not be checked when this analysis was "
        "saved (temperror): {reason}.",
        None,
    ),
    "dkim-permerror": (
        "The DKIM signature d={domain} s={selector} is not valid as written (permerror): {reason}.",
        "The signer must correct the DKIM-Signature header field its server adds (its d=, s=, "
        "a= and the other required tags) or the software that writes it.",
    ),
    "dkim-permerror/expired": (
        "The DKIM signature d={domain} s={selector} expired at {expired} (x=): receivers treat "
        "it as invalid (permerror). mailpath allows {slack} seconds for clock differences.",
        "If the message is old, that is expected. Otherwise the signing server sets x= too "
        "soon, or its clock is wrong: sign with a longer expiry or without x=.",
    ),
    "dkim-permerror/rsa-sha1": (
        "The DKIM signature d={domain} s={selector} uses rsa-sha1, which RFC 8301 forbids "
        "verifiers to accept: it counts as no signature.",
        "Configure the signing server to sign with rsa-sha256 (or ed25519-sha256 beside it).",
    ),
    "dkim-permerror/key": (
        "The DKIM key at {name} cannot verify the signature d={domain} s={selector}: {reason}.",
        'Publish one valid TXT record "v=DKIM1; k=rsa; p=..." at {name} holding the public '
        "half of the key the server signs with (RSA of 2,048 bits, or k=ed25519 for "
        "ed25519-sha256 signatures).",
    ),
    "dkim-permerror/not-evaluated": (
        "mailpath did not evaluate the DKIM signature d={domain} s={selector}: {reason}. "
        "Receivers limit the same things and may ignore it too.",
        None,
    ),
    "dkim-permerror/header-octets": (
        "mailpath did not verify the DKIM signature d={domain} s={selector}: the message's "
        "{header} header is {size} octets, over the {maximum} octets mailpath lets its DKIM "
        "verifier read in one header field (it slows down so much on larger ones that the "
        "analysis would stall). Receivers limit header sizes too and may not verify it either.",
        None,
    ),
    "dkim-permerror/header-lines": (
        "mailpath did not verify the DKIM signature d={domain} s={selector}: the message's "
        "{header} header is folded over {size} lines, over the {maximum} continuation lines "
        "mailpath lets its DKIM verifier read in one header field (its time grows with the "
        "square of the lines). Receivers limit header sizes too and may not verify it either.",
        None,
    ),
    "dkim-permerror/header-block": (
        "mailpath did not verify the DKIM signature d={domain} s={selector}: the message's "
        "header block is {size} octets, over the {maximum} octets mailpath lets its DKIM "
        "verifier read. Receivers limit header sizes too and may not verify it either.",
        None,
    ),
    "dkim-temperror/budget": (
        "mailpath did not finish verifying the DKIM signature d={domain} s={selector}: the "
        "analysis ran out of time (--budget, {budget} s). This says nothing about the "
        "signature itself.",
        "Run the analysis again with a larger --budget.",
    ),
    "dkim-permerror/recorded": (
        "The DKIM signature d={domain} s={selector} could not be verified when this analysis "
        "was saved ({result}): {reason}.",
        None,
    ),
    "dkim-not-aligned": (
        "The DKIM signature d={domain} passes but is not aligned with the From domain "
        "{sender} (adkim={mode}): DMARC does not count it.",
        "Sign with d={sender} (relaxed alignment also accepts a subdomain of the same "
        "organizational domain).",
    ),
    "dkim-weak-key": (
        "The DKIM key at {name} is only {bits} bits: receivers ignore RSA keys under 1,024 "
        "bits and a key under 2,048 bits can be broken.",
        "Publish a 2,048-bit RSA key under a new selector, sign with it, then remove the old key.",
    ),
    "dkim-body-length": (
        "The DKIM signature d={domain} s={selector} has l={length}: it covers only the first "
        "{length} bytes of the body, so anyone can append content and the signature still "
        "passes.",
        "Sign without the body length tag (l=).",
    ),
    "dkim-key-missing": (
        "No DKIM key is published at {name}: a signature with s={selector} fails (permerror).",
        "Publish the key your server signs with as a TXT record at {name} "
        '("v=DKIM1; k=rsa; p=..."), or check the selector name.',
    ),
    "dkim-key-revoked": (
        "The DKIM key at {name} is revoked (empty p=): signatures with s={selector} fail.",
        "If the server still signs with s={selector}, publish its key again or switch the "
        "server to the current selector.",
    ),
    "dkim-key-invalid": (
        "The DKIM key record at {name} is invalid: {error}.",
        'Publish one TXT record "v=DKIM1; k=rsa; p=BASE64KEY" at {name}.',
    ),
    "dkim-key-error": (
        "The DKIM key at {name} could not be checked: {error}.",
        None,
    ),
    "arc-fail": (
        "The message's ARC chain fails ({reason}): a receiver cannot trust what the "
        "forwarders before it recorded.",
        None,
    ),
    "arc-fail/header-octets": (
        "mailpath did not verify the message's ARC chain: its {header} header is {size} "
        "octets, over the {maximum} octets mailpath lets its verifier read in one header field.",
        None,
    ),
    "arc-fail/header-lines": (
        "mailpath did not verify the message's ARC chain: its {header} header is folded over "
        "{size} lines, over the {maximum} continuation lines mailpath lets its verifier read "
        "in one header field.",
        None,
    ),
    "arc-fail/header-block": (
        "mailpath did not verify the message's ARC chain: its header block is {size} octets, "
        "over the {maximum} octets mailpath lets its verifier read.",
        None,
    ),
    "arc-fail/budget": (
        "mailpath did not finish verifying the message's ARC chain: the analysis ran out of "
        "time (--budget, {budget} s).",
        "Run the analysis again with a larger --budget.",
    ),
    "hop-unexpected": (
        "The message passed through {by}, a relay outside the domains of {sender} and of its "
        "sending server: the predicted route has no such hop (a forwarder, a mailing list or "
        "a filtering service).",
        "Forwarding breaks SPF: sign with DKIM d={sender} so DMARC still passes after a forwarder.",
    ),
    "from-multiple": (
        "The message has {count} From fields ({addresses}); RFC 5322 3.6 allows exactly one, and "
        "large receivers (Gmail, Microsoft) refuse such a message. mailpath analysed the "
        "topmost, {used}, as the author.",
        "Find what adds the extra From field (a script, a mailing list, a relay that rewrites "
        "headers) and make it replace the field instead of adding one.",
    ),
    "from-multiple/addresses": (
        "The From field names {count} addresses ({addresses}): there is no single author "
        "domain for DMARC, and large receivers (Gmail, Microsoft) refuse such a message. "
        "mailpath analysed the first, {used}, as the author.",
        "Send with exactly one address in From; put the others in Reply-To or To.",
    ),
    "message-date-missing": (
        "The message has no Date field; RFC 5322 3.6 requires one, and receivers that check "
        "the format (Gmail's sender requirements) may flag or refuse it.",
        "Make the sending software or the submission server add a Date field.",
    ),
    "message-id-missing": (
        "The message has no Message-ID field; RFC 5322 3.6 says every message should have "
        "one, and receivers (Gmail's sender requirements) may flag or refuse mail without it.",
        "Make the sending software or the submission server add a Message-ID field.",
    ),
    # The handover host is a forwarder (`ParsedMessage.forwarded_by`): SPF fails there by the
    # nature of forwarding; the sender's SPF record is not the place to fix it.
    "hop-unexpected/forwarder": (
        "{forwarder} forwarded the message: a server of an organization other than {sender}'s, "
        "it received the message after {sender}'s own server {submission} had sent it, and "
        "handed it to the recipient (a forwarding mailbox, a mailing list or a relay). The "
        "recipient checks SPF against the forwarder's address, so SPF fails there: that is "
        "what forwarding does, and DKIM and ARC carry the judgement.",
        "Sign outgoing mail with DKIM d={sender} on the sender's side: the signature survives "
        "forwarding and lets DMARC pass. On the forwarder's side, {forwarder} can add ARC "
        "headers so receivers can trust the results it saw.",
    ),
    "auth-results-differ": (
        "{authserv} recorded {method}={theirs} when the message arrived, but checking it again "
        "now gives {method}={ours}: DNS has changed since (a record edited, a key rotated) or "
        "the receiver saw something mailpath cannot.",
        None,
    ),
    "auth-results-differ/body-changed": (
        "{authserv} recorded {method}={theirs} when the message arrived, but checking it again "
        "now gives {method}={ours}: the body no longer matches its DKIM signature's body hash, "
        "so this file was changed after it was received (edited, re-encoded, a converted "
        "line ending); the sender's published records are not the cause.",
        "Open the message as the mailbox first saved it (export the original .eml) to re-check it.",
    ),
    "auth-results-differ/key-changed": (
        "{authserv} recorded {method}={theirs} when the message arrived, but checking it again "
        "now gives {method}={ours}: the DKIM key at {name} is no longer the one that signed it "
        "(the key was rotated or removed since), unless the signed header fields of this file "
        "were edited.",
        None,
    ),
    "auth-results-differ/dns-error": (
        "{authserv} recorded {method}={theirs} when the message arrived, but checking it again "
        "now gives {method}={ours} because a DNS lookup failed just now (a timeout, SERVFAIL or "
        "REFUSED), not because anything changed.",
        "Try again later, or with another resolver.",
    ),
    "auth-results-differ/expired": (
        "{authserv} recorded {method}={theirs} when the message arrived, but checking it again "
        "now gives {method}={ours}: the DKIM signature's expiry (x=) has passed since; neither "
        "the message nor DNS changed.",
        None,
    ),
    # DNS blocklists (core.dns.blocklist), asked only on request (--blocklist, --blocklists).
    "blocklisted": (
        "{item} is listed on the DNS blocklist {list} ({codes}: {meaning}); its reason: "
        "{reason}. Receivers that use this list refuse or flag mail from it.",
        "Find and stop what got {item} listed, then request delisting at {delist}.",
    ),
    "blocklisted/no-delist": (
        "{item} is listed on the DNS blocklist {list} ({codes}: {meaning}); its reason: "
        "{reason}. Receivers that use this list refuse or flag mail from it.",
        "Find and stop what got {item} listed, then ask the operator of {list} to delist it.",
    ),
    "blocklist-refused": (
        "The DNS blocklist {list} refused the query for {item} ({codes}): it does not answer "
        "public or open resolvers, or too many queries came from this one. That answer says "
        "nothing about a listing.",
        "Ask {list} through your own resolver (not a public one such as 8.8.8.8), or look "
        "{item} up on the list's web site.",
    ),
}

# What only the receiver model sees (core.judgement.model_findings).
TEMPLATES.update(
    {
        "mx-down": (
            "Every MX host of {recipient} that has an address is marked down ({hosts}): no "
            "server takes the mail, so it waits in the sending server's queue and is retried, "
            "then bounced after the retry period (often 5 days).",
            None,
        ),
        "mx-family-unreachable": (
            "The sending addresses ({addresses}) are {family} only, and no MX host of "
            "{recipient} has an address of that family: no server can take the mail.",
            "Give the sending server an address of the other family (IPv4 or IPv6), or send "
            "through a server that has one.",
        ),
    }
)

# A sending host given as an address: "authorizes 203.0.113.74", not "... (203.0.113.74)".
_BY_ADDRESS = " {host} ({addresses})"
TEMPLATES.update(
    {
        f"{key}/address": (message.replace(_BY_ADDRESS, " {host}"), fix)
        for key, (message, fix) in list(TEMPLATES.items())
        if _BY_ADDRESS in message
    }
)


# The sending host of a received message relays for another organization (a forwarder, a
# list): an SPF record authorizing it would let a stranger send as the sender and changes
# nothing for DMARC. The fix is DKIM at the sender, or ARC at the forwarder
# (core.judgement._forwarded_variant picks these variants).
_FORWARDED_FIX = (
    "Do not add {host} to the SPF record of {sender}: it relays mail for another organization "
    "(a forwarder or a mailing list), and SPF always fails after forwarding. Sign your mail "
    "with DKIM d={sender} so it stays authenticated when forwarded (the forwarder can also "
    "add ARC)."
)
TEMPLATES.update(
    {
        f"{key}/forwarded": (message, _FORWARDED_FIX)
        for key, (message, _fix) in list(TEMPLATES.items())
        if key.split("/")[0]
        in ("spf-missing", "spf-not-authorized", "spf-permerror", "spf-ipv6-gap", "spf-ipv4-gap")
        and "{host}" in message
        and "{sender}" in message
    }
)


def _by_address(key: str, host: SendingHostInfo) -> str:
    """`key`'s variant without the address list when the host is that address."""
    return f"{key}/address" if is_ip_address(host.host) else key


#: A fix that is a record to publish: 'Publish at {name} this {TYPE} record: "{record}"'.
_PUBLISH = re.compile(r'^Publish at (?P<name>\S+) this (?P<type>[A-Z]+) record: "\{record\}"$')


def finding(
    severity: Severity,
    key: str,
    subject: str | None,
    *,
    record: str | None = None,
    **params: object,
) -> Finding:
    """A finding rendered from its template; `params` become text."""
    values = {k: str(v) for k, v in params.items()}
    if record is not None:
        values["record"] = record
    message, fix = TEMPLATES[key]
    publish = _PUBLISH.match(fix or "") if record is not None else None
    if publish is not None:
        # Where and as what the record goes, for a DNS panel's Name and Type fields.
        values["record_name"] = publish["name"].format(**values)
        values["record_type"] = publish["type"]
    return Finding(
        severity=severity,
        code=key.split("/")[0],
        message=message.format(**values),
        fix=fix.format(**values) if fix else None,
        subject=subject,
        record=record if key.startswith("spf-") else None,
        template=key,
        params=values,
    )


def host_node(host: str) -> str:
    return f"sending:{host}"


def address_node(ip: str) -> str:
    return f"addr:{ip}"


def mx_node(host: str) -> str:
    return f"mx:{host}"


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
        out += _dmarc_findings(result)
    out += _message_findings(result)
    out.sort(key=lambda f: _SEVERITY_ORDER[f.severity])
    return tuple(out)


_ANSWERED = ("ok", "nodata", "nxdomain")


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
        failures = [s.outcome for s in tried if s.outcome not in ("ok", "nodata", "nxdomain")]
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
        node = mx_node(host.host)
        if host.ip_literal:
            out.append(
                finding(Severity.ERROR, "mx-ip-literal", node, domain=domain, host=host.host)
            )
            continue
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
            failed = [
                s for s in host.address_lookups if s.outcome not in ("ok", "nodata", "nxdomain")
            ]
            severity = Severity.ERROR if len(mx.hosts) == 1 else Severity.WARNING
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
            failed = [s for s in host.lookups if s.outcome not in ("ok", "nodata", "nxdomain")]
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
                _by_address("spf-missing", host),
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
            _by_address(f"spf-not-authorized/{variant}", host),
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
        failed = [q for q in audit.tree.record_queries if q.outcome not in _ANSWERED]
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


# ---------------------------------------------------------------- DMARC


def _message_findings(result: Result) -> list[Finding]:
    # A received message's DKIM, ARC, DMARC result, hops; --dkim-selector keys.
    from mailpath.core.judgement.message_findings import message_findings

    return message_findings(result)


def _dmarc_findings(result: Result) -> list[Finding]:
    # Built in its own module (RFC 9989 record issues, tree walk, legacy divergence).
    from mailpath.core.judgement.dmarc_findings import dmarc_findings

    return dmarc_findings(result)


# Transport: MTA-STS, TLS-RPT, DNSSEC and DANE (core.transport.findings builds these).
TEMPLATES.update(TRANSPORT_TEMPLATES)
TEMPLATES.update(BIMI_TEMPLATES)  # BIMI: core.auth.bimi builds these
