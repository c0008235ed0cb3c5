"""The glossary: the terms a user meets in mailpath, explained for a non-expert, as data.

Every title, explanation and piece of advice is a literal `tr("Glossary", "...")` call, so the
i18n `ast` walk collects it and the Japanese lives in `resources/i18n/mailpath_ja.ts` (context
`Glossary`) like every other string. `terms()` builds the list in the current UI language on
each call (cheap), so a language switch needs nothing but calling it again. The text is plain
text: a dialog must show it as such, never as HTML.

`term_for_finding(code)` maps a finding's code (or its full template key, which is more
precise for a few verdicts) to the key of the term that explains it.
"""

from __future__ import annotations

from dataclasses import dataclass

from mailpath.gui.text.i18n import tr

CONTEXT = "Glossary"

#: The new name of Help → "Open Seed Example" (English source, Japanese translation), for
#: the Help menu; `example_action_text()` gives it in the UI language.
EXAMPLE_ACTION = (
    "Open &Example: Mail Marked Unverified",
    "例を開く(&E)：未認証と表示されたメール",
)
#: The Help menu entry that opens the glossary (English source, Japanese translation).
GLOSSARY_ACTION = ("&Glossary of Terms", "用語集(&G)")


def example_action_text() -> str:
    return tr("Glossary", "Open &Example: Mail Marked Unverified")


def glossary_action_text() -> str:
    return tr("Glossary", "&Glossary of Terms")


@dataclass(frozen=True)
class Term:
    key: str  # stable, English, never shown translated ("spf-softfail")
    title: str
    text: str  # what it is: 2-5 plain sentences
    advice: str | None  # what to do about it, when there is something to do
    rfc: str  # "RFC 7208 2.6.5": not translated

    def plain_text(self, with_title: bool = True) -> str:
        """Title, explanation, advice and RFC as one plain-text block."""
        parts = [self.title, "", self.text] if with_title else [self.text]
        if self.advice:
            parts += ["", tr("Glossary", "What to do: {advice}").format(advice=self.advice)]
        parts += ["", tr("Glossary", "Reference: {rfc}").format(rfc=self.rfc)]
        return "\n".join(parts)


#: Every term's key, in the order the glossary lists them.
KEYS: tuple[str, ...] = (
    "spf",
    "spf-pass",
    "spf-fail",
    "spf-softfail",
    "spf-neutral",
    "spf-none",
    "spf-permerror",
    "spf-temperror",
    "spf-all",
    "spf-include",
    "spf-lookup-limit",
    "spf-void-limit",
    "dkim",
    "dkim-selector",
    "dkim-domain",
    "dkim-body-hash",
    "dkim-length",
    "dkim-key-size",
    "dkim-revoked",
    "dmarc",
    "dmarc-policy",
    "dmarc-alignment",
    "dmarc-reports",
    "dmarc-tree-walk",
    "dmarc-testing",
    "arc",
    "mx",
    "mx-preference",
    "null-mx",
    "implicit-mx",
    "ptr",
    "fcrdns",
    "nxdomain",
    "nodata",
    "servfail",
    "refused",
    "timeout",
    "ttl",
    "received",
    "authentication-results",
    "unverified",
    "doh-dot",
    "authoritative",
    "dnsbl",
)


def terms() -> list[Term]:
    """Every term, in the current UI language, in the order of KEYS."""
    return [
        Term(
            "spf",
            tr("Glossary", "SPF"),
            tr(
                "Glossary",
                "SPF (Sender Policy Framework) lets a domain list the servers allowed to send its "
                "mail, in a TXT record beginning with v=spf1. The receiving server compares the "
                "address that handed the mail over with that list, for the envelope sender (the "
                "Return-Path). Forwarded mail often fails SPF, because the forwarder is not on "
                "the original sender's list.",
            ),
            tr(
                "Glossary",
                "List every server that sends for your domain (your provider's include: or the "
                "server's a:/ip4:/ip6:) and end the record with ~all or -all.",
            ),
            "RFC 7208",
        ),
        Term(
            "spf-pass",
            tr("Glossary", "SPF result: pass"),
            tr(
                "Glossary",
                "pass means the sending server is on the domain's SPF list: the domain vouches "
                "for it. On its own it says nothing about the From address the reader sees; DMARC "
                "checks that the two belong together.",
            ),
            None,
            "RFC 7208 2.6.3",
        ),
        Term(
            "spf-fail",
            tr("Glossary", "SPF result: fail"),
            tr(
                "Glossary",
                "fail means the domain's SPF record ends with -all and the sending server is not "
                "listed: the domain says this server must not send its mail. Receivers often "
                "reject such mail or put it in spam. softfail (~all) is the milder version of the "
                "same answer.",
            ),
            tr(
                "Glossary",
                "If the server really sends for you, add it to the SPF record (an ip4:, ip6:, a: "
                "or include: term).",
            ),
            "RFC 7208 2.6.4",
        ),
        Term(
            "spf-softfail",
            tr("Glossary", "SPF result: softfail"),
            tr(
                "Glossary",
                "softfail means the sending server is not listed and the record ends with ~all: "
                '"probably not ours, but do not reject". Most receivers accept the mail but mark '
                "it suspicious or put it in spam, and DMARC treats it as a failure.",
            ),
            tr("Glossary", "Add the server to the SPF record if it sends for you."),
            "RFC 7208 2.6.5",
        ),
        Term(
            "spf-neutral",
            tr("Glossary", "SPF result: neutral"),
            tr(
                "Glossary",
                "neutral means the domain explicitly says nothing about this server (a ?all at "
                "the end, or a ?-prefixed term). Receivers treat it like no SPF at all: the mail "
                "is not verified by SPF.",
            ),
            tr("Glossary", "End the record with ~all or -all and list your real servers."),
            "RFC 7208 2.6.2",
        ),
        Term(
            "spf-none",
            tr("Glossary", "SPF result: none"),
            tr(
                "Glossary",
                "none means the domain publishes no SPF record (or the name does not exist), so "
                "no server is authorized. Gmail and others show such mail as unverified or send "
                "it to spam, and large senders are required to have SPF.",
            ),
            tr("Glossary", "Publish a TXT record v=spf1 … ~all at the domain."),
            "RFC 7208 2.6.1",
        ),
        Term(
            "spf-permerror",
            tr("Glossary", "SPF result: permerror"),
            tr(
                "Glossary",
                "permerror means the SPF record is broken: a syntax error, two SPF records at one "
                "name, too many DNS lookups, or an include: that points to nothing. Receivers "
                "cannot evaluate it and treat the mail as unauthenticated, every time, until the "
                "record is fixed.",
            ),
            tr(
                "Glossary",
                "Fix the record: keep exactly one v=spf1 record and remove the faulty term.",
            ),
            "RFC 7208 2.6.7",
        ),
        Term(
            "spf-temperror",
            tr("Glossary", "SPF result: temperror"),
            tr(
                "Glossary",
                "temperror means a DNS lookup needed for SPF failed for the moment (a timeout or "
                "SERVFAIL). Receivers usually answer with a temporary error, and the sending "
                "server retries later.",
            ),
            tr(
                "Glossary",
                "If it persists, check the DNS servers of the domain and of every include:.",
            ),
            "RFC 7208 2.6.6",
        ),
        Term(
            "spf-all",
            tr("Glossary", "SPF all: -all, ~all, ?all, +all"),
            tr(
                "Glossary",
                "The all term at the end of an SPF record says what happens to servers not listed "
                "before it: -all gives fail, ~all softfail, ?all neutral and +all pass. +all "
                "authorizes every server on the Internet, which makes the record useless; ?all "
                "verifies nothing.",
            ),
            tr(
                "Glossary",
                "End the record with ~all (or -all once you are sure the list is complete).",
            ),
            "RFC 7208 5.1",
        ),
        Term(
            "spf-include",
            tr("Glossary", "SPF include: and redirect="),
            tr(
                "Glossary",
                "include:other.example checks the other domain's SPF record too and takes its "
                "pass; mail providers ask you to add their include:. redirect=other.example "
                "instead uses the other domain's record in place of yours when nothing in yours "
                "matched. An include: or redirect= naming a domain without an SPF record is a "
                "permerror.",
            ),
            None,
            "RFC 7208 5.2, 6.1",
        ),
        Term(
            "spf-lookup-limit",
            tr("Glossary", "SPF: the 10-lookup limit"),
            tr(
                "Glossary",
                "Evaluating an SPF record may cause at most 10 DNS lookups, counting every "
                "include:, a, mx, ptr, exists and redirect=, also inside included records. One "
                "more and the result is permerror, so mail fails SPF although your server is "
                "listed.",
            ),
            tr(
                "Glossary",
                "Remove include: terms you no longer use, or replace a: and mx terms with "
                "ip4:/ip6: addresses.",
            ),
            "RFC 7208 4.6.4",
        ),
        Term(
            "spf-void-limit",
            tr("Glossary", "SPF: the 2-void-lookup limit"),
            tr(
                "Glossary",
                "A void lookup is a DNS lookup during SPF evaluation that finds nothing (NXDOMAIN "
                "or no record). More than two of them make the result permerror; they usually "
                "come from an include: or a: naming a domain or host that no longer exists.",
            ),
            tr("Glossary", "Remove terms that name hosts or domains that are gone."),
            "RFC 7208 4.6.4",
        ),
        Term(
            "dkim",
            tr("Glossary", "DKIM"),
            tr(
                "Glossary",
                "DKIM signs each message: the sending server adds a DKIM-Signature header, and "
                "the receiver checks it with a public key published in DNS. A valid signature "
                "shows that the signing domain (d=) sent the message and that it was not changed "
                "on the way. Unlike SPF it survives forwarding.",
            ),
            tr(
                "Glossary",
                "Turn on DKIM signing at your mail provider and publish the key record it gives "
                "you.",
            ),
            "RFC 6376",
        ),
        Term(
            "dkim-selector",
            tr("Glossary", "DKIM selector and key record"),
            tr(
                "Glossary",
                "The selector (s=) names which of the domain's keys signed the message. The "
                "public key is a TXT record at selector._domainkey.domain, beginning with v=DKIM1 "
                "and holding the key in p=. If that record is missing or broken, no signature "
                "made with the key can be verified.",
            ),
            tr(
                "Glossary",
                "Publish the key record exactly as your provider gives it (long keys may be split "
                "into several strings of one TXT record).",
            ),
            "RFC 6376 3.1, 3.6",
        ),
        Term(
            "dkim-domain",
            tr("Glossary", "DKIM signing domain (d=)"),
            tr(
                "Glossary",
                "d= in a DKIM-Signature is the domain that takes responsibility for the message. "
                "A signature is valid for that domain, which need not be the From domain: a "
                "provider may sign with its own domain. For DMARC only a signature whose d= "
                "aligns with the From domain counts.",
            ),
            tr("Glossary", "Ask your provider to sign with your own domain (custom DKIM)."),
            "RFC 6376 3.5",
        ),
        Term(
            "dkim-body-hash",
            tr("Glossary", "DKIM body hash (bh=)"),
            tr(
                "Glossary",
                "bh= holds a hash of the message body when it was signed. If the receiver "
                "computes a different hash, the body was changed after signing, for example by a "
                "mailing list footer, a virus scanner or a rewriting gateway, and the signature "
                "fails.",
            ),
            tr(
                "Glossary",
                "Sign after any step that changes the message, or stop that step from changing "
                "signed mail.",
            ),
            "RFC 6376 3.7",
        ),
        Term(
            "dkim-length",
            tr("Glossary", "DKIM body length (l=)"),
            tr(
                "Glossary",
                "l= says that only the first part of the body is signed. Anyone can then append "
                "text (a link, a form) to the message and the signature still verifies, so "
                "attackers reuse such signatures.",
            ),
            tr("Glossary", "Configure the signer not to use l=."),
            "RFC 6376 3.5, 8.2",
        ),
        Term(
            "dkim-key-size",
            tr("Glossary", "DKIM key size"),
            tr(
                "Glossary",
                "RSA keys for DKIM must have at least 1024 bits and should have 2048. Shorter "
                "keys can be broken, and receivers ignore signatures made with them.",
            ),
            tr(
                "Glossary",
                "Create a new 2048-bit key under a new selector, publish it, then switch signing "
                "to it.",
            ),
            "RFC 8301",
        ),
        Term(
            "dkim-revoked",
            tr("Glossary", "Revoked DKIM key (empty p=)"),
            tr(
                "Glossary",
                "A key record with an empty p= means the key was withdrawn on purpose. Signatures "
                "made with it fail. This is normal after a key rotation, but wrong if mail is "
                "still signed with that selector.",
            ),
            tr("Glossary", "Sign with the current selector, or publish the key again."),
            "RFC 6376 3.6.1",
        ),
        Term(
            "dmarc",
            tr("Glossary", "DMARC"),
            tr(
                "Glossary",
                "DMARC ties SPF and DKIM to the From address the reader sees. A message passes "
                "DMARC when SPF or DKIM passes for a domain that aligns with the From domain. The "
                "domain's record at _dmarc.domain (v=DMARC1) tells receivers what to do with mail "
                "that fails, and where to send reports.",
            ),
            tr(
                "Glossary",
                "Start with v=DMARC1; p=none; rua=mailto:… , read the reports, then move to "
                "quarantine or reject.",
            ),
            "RFC 9989",
        ),
        Term(
            "dmarc-policy",
            tr("Glossary", "DMARC policy (p=, sp=, np=)"),
            tr(
                "Glossary",
                "p= is what the domain asks receivers to do with mail that fails DMARC: none "
                "(only report), quarantine (spam folder) or reject. sp= sets it for subdomains, "
                "np= for subdomains that do not exist. Receivers may deviate, but large ones "
                "follow it.",
            ),
            tr(
                "Glossary",
                "Move from p=none to quarantine and reject once the reports show all your "
                "legitimate mail passing.",
            ),
            "RFC 9989",
        ),
        Term(
            "dmarc-alignment",
            tr("Glossary", "DMARC alignment (relaxed, strict)"),
            tr(
                "Glossary",
                "Alignment means the domain SPF or DKIM verified belongs to the From domain. "
                "Relaxed (the default) accepts any domain of the same organization, for example "
                "mail.example.jp for example.jp; strict (aspf=s, adkim=s) requires exactly the "
                "same name. SPF or DKIM passing for a provider's own domain does not align.",
            ),
            tr("Glossary", "Use your own domain as the envelope sender and as the DKIM d=."),
            "RFC 9989",
        ),
        Term(
            "dmarc-reports",
            tr("Glossary", "DMARC reports (rua=, ruf=)"),
            tr(
                "Glossary",
                "rua= gives the address that receives daily aggregate reports: which servers sent "
                "mail in your name and whether it passed. ruf= asks for failure reports on single "
                "messages; few receivers send them. An address outside your domain must agree to "
                "receive them with a record at yourdomain._report._dmarc.theirdomain.",
            ),
            tr("Glossary", "Use a mailto: address, and read the reports with a DMARC report tool."),
            "RFC 9989",
        ),
        Term(
            "dmarc-tree-walk",
            tr("Glossary", "DMARC tree walk and public suffix list"),
            tr(
                "Glossary",
                "To find the policy and the organizational domain, RFC 9989 receivers walk up the "
                "DNS name (a.b.example.jp, b.example.jp, example.jp) and read _dmarc records, "
                "using psd= to spot registries. Receivers still on the older RFC 7489 use the "
                "public suffix list instead. For most domains both give the same answer; where "
                "they differ, the two kinds of receivers treat your mail differently.",
            ),
            tr(
                "Glossary",
                "Publish a DMARC record at your own domain, so both kinds of receivers use it.",
            ),
            "RFC 9989 4.10, RFC 7489",
        ),
        Term(
            "dmarc-testing",
            tr("Glossary", "DMARC testing mode (t=y)"),
            tr(
                "Glossary",
                "t=y says the policy is being tried out: receivers apply a milder policy than p= "
                "(quarantine is treated as none, reject as quarantine). It replaces the old pct= "
                "tag, which RFC 9989 dropped.",
            ),
            tr("Glossary", "Remove t=y when the reports show your mail passing."),
            "RFC 9989",
        ),
        Term(
            "arc",
            tr("Glossary", "ARC"),
            tr(
                "Glossary",
                "ARC (Authenticated Received Chain) lets a forwarder or mailing list record the "
                "authentication results it saw and sign them, so the final receiver can trust "
                "them although the forwarding broke SPF or DKIM. A broken ARC chain means one of "
                "these records no longer verifies.",
            ),
            None,
            "RFC 8617",
        ),
        Term(
            "mx",
            tr("Glossary", "MX record"),
            tr(
                "Glossary",
                "An MX record names a server that accepts mail for a domain. A sending server "
                "looks up the recipient domain's MX records and hands the mail to one of them. "
                "Each MX host must be a host name with an address (A or AAAA), not an IP address "
                "or an alias (CNAME).",
            ),
            tr("Glossary", "Give every MX host an A or AAAA record."),
            "RFC 5321 5.1",
        ),
        Term(
            "mx-preference",
            tr("Glossary", "MX preference order"),
            tr(
                "Glossary",
                "Each MX record has a number, its preference: senders try the lowest number first "
                "and the next ones only when it does not answer. When none answers, the sending "
                "server keeps the mail in its queue and retries for a few days before it bounces.",
            ),
            None,
            "RFC 5321 5.1",
        ),
        Term(
            "null-mx",
            tr("Glossary", "Null MX"),
            tr(
                "Glossary",
                "A null MX (MX 0 .) says the domain accepts no mail at all. Senders bounce mail "
                "to it at once instead of trying its addresses, and receivers may refuse mail "
                "from it, since it cannot receive replies.",
            ),
            tr("Glossary", "Publish it only for domains that really send and receive no mail."),
            "RFC 7505",
        ),
        Term(
            "implicit-mx",
            tr("Glossary", "Implicit MX"),
            tr(
                "Glossary",
                "When a domain has no MX record, senders deliver to the domain name's own address "
                "(A or AAAA) as if it were its MX. This works, but is easily unintended: a web "
                "server may receive the mail.",
            ),
            tr(
                "Glossary",
                "Publish an MX record naming your mail server, or a null MX if the domain takes "
                "no mail.",
            ),
            "RFC 5321 5.1",
        ),
        Term(
            "ptr",
            tr("Glossary", "PTR record (reverse DNS)"),
            tr(
                "Glossary",
                "Reverse DNS maps an IP address back to a host name with a PTR record, set by "
                "whoever owns the address (your hosting or network provider). Many receivers "
                "refuse or flag mail from servers without one. SPF's ptr mechanism uses it too, "
                "but RFC 7208 advises against that mechanism.",
            ),
            tr(
                "Glossary",
                "Ask the provider of the sending server's address to set a PTR record to its host "
                "name.",
            ),
            "RFC 1912 2.1",
        ),
        Term(
            "fcrdns",
            tr("Glossary", "FCrDNS (forward-confirmed reverse DNS)"),
            tr(
                "Glossary",
                "FCrDNS holds when the reverse DNS name of an address (PTR) leads forward again "
                "(A or AAAA) to the same address. Receivers use it as a cheap sign of a properly "
                "run server; a mismatch is treated like a missing PTR.",
            ),
            tr("Glossary", "Make the PTR name have an A/AAAA record with the same address."),
            "RFC 8601 (iprev)",
        ),
        Term(
            "nxdomain",
            tr("Glossary", "NXDOMAIN"),
            tr(
                "Glossary",
                'NXDOMAIN is the DNS answer "this name does not exist at all". For a domain it '
                "usually means a typo or an expired registration. Mail to it bounces at once, and "
                "mail from it is refused.",
            ),
            tr(
                "Glossary", "Check the spelling, and that the domain's registration is still valid."
            ),
            "RFC 8020",
        ),
        Term(
            "nodata",
            tr("Glossary", "NODATA (no record of that type)"),
            tr(
                "Glossary",
                "NODATA means the name exists but has no record of the type asked for, for "
                "example a domain with an A record but no MX or no SPF TXT record. It is an "
                "answer, not an error.",
            ),
            None,
            "RFC 2308 2.2",
        ),
        Term(
            "servfail",
            tr("Glossary", "SERVFAIL"),
            tr(
                "Glossary",
                "SERVFAIL means the resolver could not get an answer: the domain's name servers "
                "are broken, unreachable or give DNSSEC data that does not validate. Senders "
                "treat it as temporary and retry.",
            ),
            tr("Glossary", "Check the domain's name servers, or try another resolver to compare."),
            "RFC 1035 4.1.1",
        ),
        Term(
            "refused",
            tr("Glossary", "REFUSED"),
            tr(
                "Glossary",
                "REFUSED means the DNS server would not answer the question, usually because it "
                "does not serve that zone or does not allow queries from you. Listed name servers "
                "that refuse are a configuration error.",
            ),
            tr(
                "Glossary", "Check the resolver setting, or the zone's delegation at the registrar."
            ),
            "RFC 1035 4.1.1",
        ),
        Term(
            "timeout",
            tr("Glossary", "DNS timeout"),
            tr(
                "Glossary",
                "A timeout means no DNS answer came in time: the server is down, overloaded or a "
                "firewall blocks DNS. mailpath marks such lookups and still shows what it knows; "
                "a sending server would retry later.",
            ),
            tr("Glossary", "Try again later, or ask another resolver (--nameserver)."),
            "RFC 1035",
        ),
        Term(
            "ttl",
            tr("Glossary", "TTL and caching"),
            tr(
                "Glossary",
                "Every DNS record has a TTL: how many seconds resolvers may keep (cache) it. "
                "After you change a record, receivers may keep using the old one until its TTL "
                'runs out, and "not found" answers are cached too. So a fix can take from minutes '
                "to a day to be seen everywhere.",
            ),
            tr(
                "Glossary",
                "Lower the TTL a day before a planned change, and wait for the old TTL after a "
                "change.",
            ),
            "RFC 1035 3.2.1, RFC 2308",
        ),
        Term(
            "received",
            tr("Glossary", "Received headers, hops and handover"),
            tr(
                "Glossary",
                "Each server a message passes through adds a Received header at the top, so read "
                "them from the bottom up. Each step is a hop. The hop that matters for SPF is the "
                "handover: the last server outside the recipient's domain, which hands the mail "
                "to the recipient's MX, and whose address the receiver checks.",
            ),
            tr(
                "Glossary",
                'If you know which server sends your mail, give it with --via (the "via" field) '
                "for an exact result.",
            ),
            "RFC 5321 4.4",
        ),
        Term(
            "authentication-results",
            tr("Glossary", "Authentication-Results header"),
            tr(
                "Glossary",
                "The receiving server records its SPF, DKIM, DMARC and ARC results in an "
                "Authentication-Results header (spf=pass, dkim=fail …). It shows what was decided "
                "when the message arrived; checking again later may give another result if DNS "
                "changed since.",
            ),
            None,
            "RFC 8601",
        ),
        Term(
            "unverified",
            tr("Glossary", '"Unverified" in Gmail'),
            tr(
                "Glossary",
                "Gmail marks a message unverified (a question mark instead of the sender's "
                "picture) when neither SPF nor DKIM passes for the sender's domain. Such mail "
                "often lands in spam, and since 2024 Gmail requires bulk senders to authenticate "
                "their mail.",
            ),
            tr(
                "Glossary",
                "Publish SPF for the server that sends, and enable DKIM signing with your domain.",
            ),
            "RFC 7208, RFC 6376",
        ),
        Term(
            "doh-dot",
            tr("Glossary", "DNS over HTTPS and TLS (DoH, DoT)"),
            tr(
                "Glossary",
                "DoH and DoT carry DNS questions encrypted, over HTTPS (port 443) or TLS (port "
                "853), to a public or company resolver. They hide the questions from the network "
                "and get around networks that block or alter plain DNS.",
            ),
            None,
            "RFC 8484, RFC 7858",
        ),
        Term(
            "authoritative",
            tr("Glossary", "Authoritative name servers"),
            tr(
                "Glossary",
                "The authoritative servers of a zone (its NS records) hold the original records; "
                "resolvers only pass on copies. If they disagree, or one does not answer for the "
                "zone (lame), different receivers see different records, so a change seems to "
                "work for some and not for others.",
            ),
            tr(
                "Glossary",
                "Make sure every listed name server serves the zone and has the latest serial.",
            ),
            "RFC 1034 4.3.1",
        ),
        Term(
            "dnsbl",
            tr("Glossary", "DNS blocklist (DNSBL)"),
            tr(
                "Glossary",
                "A DNS blocklist publishes the addresses (or domains) it saw send spam: a "
                "receiver asks for 74.113.0.203.zen.spamhaus.org to check 203.0.113.74, and an "
                "answer in 127.0.0.0/8 means listed. Some lists refuse queries through public "
                "resolvers and answer with a special code instead.",
            ),
            tr(
                "Glossary",
                "Stop what got the address listed, then request delisting at the list's site.",
            ),
            "RFC 5782",
        ),
    ]


def term(key: str) -> Term | None:
    for item in terms():
        if item.key == key:
            return item
    return None


#: Finding code (the part of a template key before "/") -> term key.
CODE_TERMS: dict[str, str] = {
    "blocklisted": "dnsbl",
    "blocklist-refused": "dnsbl",
    # core/findings.py (also the DMARC and message findings, whose templates live there)
    "arc-fail": "arc",
    "auth-results-differ": "authentication-results",
    "dkim-body-length": "dkim-length",
    "dkim-fail": "dkim-body-hash",
    "dkim-key-error": "dkim-selector",
    "dkim-key-invalid": "dkim-selector",
    "dkim-key-missing": "dkim-selector",
    "dkim-key-revoked": "dkim-revoked",
    "dkim-missing": "dkim",
    "dkim-not-aligned": "dmarc-alignment",
    "dkim-permerror": "dkim",
    "dkim-temperror": "timeout",
    "dkim-unchecked": "dkim",
    "dkim-weak-key": "dkim-key-size",
    "dmarc-error": "dmarc",
    "dmarc-fail": "dmarc-policy",
    "dmarc-legacy-divergence": "dmarc-tree-walk",
    "dmarc-missing": "dmarc",
    "dmarc-nonexistent": "dmarc-policy",
    "dmarc-policy-none": "dmarc-policy",
    "dmarc-psd-policy": "dmarc-tree-walk",
    "dmarc-record-ignored": "dmarc",
    "dmarc-report-scheme": "dmarc-reports",
    "dmarc-report-unauthorized": "dmarc-reports",
    "dmarc-tag-ignored": "dmarc",
    "dmarc-tag-invalid": "dmarc",
    "dmarc-tag-legacy": "dmarc",
    "dmarc-tag-missing": "dmarc",
    "dmarc-tag-syntax": "dmarc",
    "dmarc-tag-unknown": "dmarc",
    "dmarc-testing": "dmarc-testing",
    "domain-nxdomain": "nxdomain",
    "fcrdns-failed": "fcrdns",
    "from-multiple": "dmarc-alignment",
    "hop-unexpected": "received",
    "message-date-missing": "received",
    "message-id-missing": "received",
    "mx-cname": "mx",
    "mx-down": "mx-preference",
    "mx-family-unreachable": "mx",
    "mx-host-unresolved": "mx",
    "mx-implicit": "implicit-mx",
    "mx-ip-literal": "mx",
    "mx-lookup-failed": "servfail",
    "mx-missing": "implicit-mx",
    "mx-null": "null-mx",
    "ptr-missing": "ptr",
    "sending-host-assumed": "received",
    "sending-host-unknown": "received",
    "sending-host-unresolved": "received",
    "spf-ipv4-gap": "spf",
    "spf-ipv6-gap": "spf",
    "spf-missing": "spf-none",
    "spf-multiple-records": "spf-permerror",
    "spf-neutral-all": "spf-all",
    "spf-not-authorized": "spf-softfail",
    "spf-pass-all": "spf-all",
    "spf-permerror": "spf-permerror",
    "spf-ptr": "ptr",
    "spf-record-error": "spf-permerror",
    "spf-temperror": "spf-temperror",
    "spf-too-many-lookups": "spf-lookup-limit",
    "spf-void-lookups": "spf-void-limit",
    # core/verdict.py
    "flagged": "spf-softfail",
    "incomplete": "timeout",
    "lookup-failed": "servfail",
    "no-route": "mx",
    "nxdomain": "nxdomain",
    "queued": "mx-preference",
    "refused": "spf-fail",
    "unverified": "unverified",
    "verified": "spf-pass",
    # core/authoritative.py
    "ns-disagree": "authoritative",
    "ns-lame": "authoritative",
    "ns-unreachable": "authoritative",
    "stale-cache": "ttl",
}

#: Full template keys that a more precise term explains than their code's.
TEMPLATE_TERMS: dict[str, str] = {
    "flagged/ptr": "ptr",
    "flagged/fcrdns": "fcrdns",
    "flagged/dmarc": "dmarc-policy",
    "refused/dmarc": "dmarc-policy",
    "unverified/neutral": "spf-neutral",
    "unverified/permerror": "spf-permerror",
    "verified/dkim": "dkim",
    "no-route/null": "null-mx",
    "incomplete/no-sender": "received",
    "lookup-failed/spf": "spf-temperror",
    "dkim-fail/signature": "dkim",
    "dkim-permerror/key": "dkim-selector",
    "dmarc-tag-legacy/pct": "dmarc-testing",
    "spf-not-authorized/fail": "spf-fail",
    "spf-not-authorized/neutral": "spf-neutral",
}

#: A code no table knows (a finding added later) falls back by its prefix.
_PREFIX_TERMS = (
    ("spf-", "spf"),
    ("dkim-", "dkim"),
    ("dmarc-", "dmarc"),
    ("arc-", "arc"),
    ("mx-", "mx"),
    ("ns-", "authoritative"),
)


def term_for_finding(code: str) -> str | None:
    """The key of the term explaining a finding's code or template key; None if unknown."""
    code = code or ""
    if code in TEMPLATE_TERMS:
        return TEMPLATE_TERMS[code]
    if code.endswith("/message"):
        return term_for_finding(code[: -len("/message")])
    base = code.split("/")[0]
    if base in CODE_TERMS:
        return CODE_TERMS[base]
    for prefix, key in _PREFIX_TERMS:
        if base.startswith(prefix):
            return key
    return None
