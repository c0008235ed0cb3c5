"""Sentences as data: a template key and its parameters, rendered in English by the core.

A `Sentence` is the English text itself (a `str`, so the CLI, `--json` and every existing
reader see exactly the words they saw before) that also carries `key` (a key of `TEMPLATES`)
and `params`. The window renders the key through its catalogue (context `Sentences`, the
English template as the source text, as for findings) and fills in the same parameters; a
parameter that is itself a `Sentence` ("the sender", "DoH server in 'https://…'") is rendered
the same way. Nothing English is parsed back.

Input errors (`names.InputError`, `recording.RecordingError`) and the reasons a person reads
(DKIM and ARC results, the resolver's failure) carry their sentence this way, like dnspython's
exceptions carry `fmt` and keyword parameters.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Protocol

#: Template key -> English template (`str.format` fields; the same fields in every language).
TEMPLATES: dict[str, str] = {
    # ---- text that is not a sentence of ours (a library's words, a plain message)
    "text": "{text}",
    # ---- what a field is called, a parameter of the input errors
    "what/sender": "sender",
    "what/recipient": "recipient",
    "what/sending-host": "sending host",
    "what/sending-host-address": "sending host address",
    "what/domain": "domain",
    "what/ip-address": "IP address",
    "what/doh-server": "DoH server in {url}",
    "what/tls-name": "TLS name in {url}",
    # ---- names.py: domains, addresses, name servers
    "input/empty": "the {what} is empty",
    "input/ip-not-domain": "the {what} {value} is an IP address; a domain name is needed here",
    "input/space": "the {what} {value} contains a space",
    "input/empty-label": "the {what} {value} has an empty label",
    "input/idna": "the {what} {value} is not a valid internationalized name: {reason}",
    "input/unicode": "the {what} {value} is not a valid name: {reason}",
    "input/too-long": "the {what} is {count} characters long; the limit is 253",
    "input/label-too-long": (
        "the {what} has a label of {count} characters ({label}...); the limit is 63"
    ),
    "input/invalid-label": (
        "the {what} {value} has an invalid label {label}: use letters, digits and hyphens, "
        "not at the start or end"
    ),
    "input/one-label": "the {what} {value} needs at least two labels, like example.com",
    "input/numeric-tld": "the {what} {value} ends in a numeric label",
    "input/bad-web-address": "the {what} {value} is not a usable web address: {reason}",
    "input/web-address-no-host": "the {what} {value} is a web address without a host name",
    "input/read-as": "the {what} {value} was read as {host}",
    "input/read-as-without-www": "the {what} {value} was read as {host} (its host without www.)",
    "input/no-domain-after-at": "the {what} {value} has no domain after '@'",
    "input/two-ats": "the {what} {value} has more than one '@'",
    "input/local-space": "the {what} {value} has a space in its local part",
    "input/local-too-long": "the {what}'s local part is over 64 octets",
    "input/bad-ip": "{value} is not a valid IPv4 or IPv6 {what}",
    "input/nameserver-empty": "the name server is empty",
    # Every form `names.parse_nameserver` accepts (`--help` and the errors list them).
    "input/nameserver-forms": (
        "IP, IP:PORT, [IPv6]:PORT, tls://ADDRESS[:PORT][#NAME] or https://NAME/PATH[#ADDRESS]"
    ),
    "input/nameserver-scheme": "name server {value}: unknown scheme (use {forms})",
    "input/nameserver-bad-url": "name server {value}: bad URL ({reason})",
    "input/nameserver-no-host": "name server {value}: the URL names no host",
    "input/nameserver-doh-query": "name server {value}: a DoH URL takes no query",
    "input/nameserver-doh-address": (
        "name server {value}: after '#' give the DoH server's IP address"
    ),
    "input/nameserver-tls-no-ip": "name server {value}: give the server's IP after tls://",
    "input/nameserver-bracket": "name server {value}: missing ']'",
    "input/nameserver-after-bracket": "name server {value}: expected ':PORT' after ']'",
    "input/nameserver-not-ip": "name server {value} is not an IP address (use {forms})",
    "input/nameserver-port": "name server {value}: the port must be a number from 1 to 65535",
    "input/sending-host-empty": "the sending host is empty",
    "input/sending-host-address": (
        "the sending host {value} is an address; give the server's name or IP"
    ),
    # ---- the IDNA library's and the codec's complaints, by kind (the library's own words
    #      are the English; other languages say what kind of problem it is)
    "idna/codepoint": "{detail}",
    "idna/context": "{detail}",
    "idna/bidi": "{detail}",
    "idna/other": "{detail}",
    "unicode/error": "{detail}",
    # ---- message.py, message_check.py: a received message that cannot be analysed
    "message/not-bytes": "a message must be given as bytes",
    "message/empty": "the message is empty",
    "message/no-header-fields": "the message has no header fields",
    "message/not-mail": (
        "this file is not a mail message: it does not start with a header field such as 'From: ...'"
    ),
    "message/saved-not-record": "the saved message is not a mailpath header record",
    "message/saved-no-block": "the saved message has no header block",
    "message/saved-corrupt": "the saved message's header block is corrupt",
    "message/no-sender": "the message has no From address with a domain: give the sender yourself",
    "message/no-recipient": (
        "the message does not say where it was delivered (no Delivered-To, X-Original-To, "
        "'for <...>' or To): give the recipient yourself"
    ),
    # ---- cli.py: options and files
    "cli/identity-empty": "the identity is empty: give a MAIL FROM or --helo",
    "cli/message-and-replay": (
        "give --message or --replay, not both (a saved analysis keeps its message)"
    ),
    "cli/replay-other-parties": (
        "{path} holds the analysis of {sender} -> {recipient}; "
        "omit SENDER and RECIPIENT or give those"
    ),
    "cli/give-parties-or-file": "give SENDER and RECIPIENT (or --message FILE, or --replay FILE)",
    "cli/give-parties": "give SENDER and RECIPIENT",
    "cli/message-missing": "the message {name} does not exist",
    "cli/message-folder": "{name} is a folder, not a message",
    "cli/cannot-read": "cannot read {name}: {reason}",
    "cli/message-too-large": "{name} is larger than {limit} bytes",
    "cli/message-empty": "{name} is empty",
    "cli/message-unusable": "{name}: {reason}",
    "cli/standard-input": "standard input",
    "cli/ca-file-missing": "the CA file {path} does not exist",
    "cli/trust-anchor-missing": "the trust anchor file {path} does not exist",
    "cli/compare-needs-list": "--compare-resolvers needs a comma-separated list of name servers",
    "cli/tls-failed-no-fallback": (
        "TLS certificate check failed for {server}; no answer was taken over "
        "plain DNS (trust its CA with --ca-file)"
    ),
    "cli/tls-failed": "TLS certificate check failed for {server}",
    # ---- recording.py: saved analyses
    "recording/not-mailpath": "{path} is not a mailpath saved analysis",
    "recording/version": "{path} has format version {found}; this mailpath reads version {version}",
    "recording/damaged": "{path} is damaged: {reason}",
    "recording/folder": "{path} is a folder, not a saved analysis",
    "recording/not-regular": "{path} is not a regular file",
    "recording/too-large-stat": "{path} is {size} bytes; a saved analysis is at most {limit}",
    "recording/missing": "the saved analysis {path} does not exist",
    "recording/cannot-read": "cannot read {path}: {reason}",
    "recording/too-large": "{path} is larger than {limit} bytes",
    "recording/not-utf8": "{path} is not a saved analysis (not UTF-8 text at byte {offset})",
    "recording/not-json": "{path} is not a saved analysis (not JSON: {reason})",
    "recording/too-deep": "{path} is nested too deeply to be a saved analysis",
    "recording/bad-value": "{path} is not a saved analysis ({reason})",
    # ---- the resolver itself answers nothing (dns.ResolverFailure)
    "resolver/no-answer": "the resolver {server} does not answer ({reason})",
    # ---- the authoritative view (authoritative.AuthoritativeView.error)
    "authoritative/no-zone-cut": (
        "no zone cut found for {name}: the resolver returned no SOA record for it or any parent"
    ),
    "authoritative/no-server-address": "no address found for any name server of {zone}",
    # ---- SPF: a DNS failure ends the evaluation (temperror)
    "spf/dns-failure": "DNS {outcome} for {name} {rdtype}",
    "spf/dns-failure-detail": "DNS {outcome} for {name} {rdtype} ({detail})",
    "spf/term-error": "{term}: {reason}",
    "spf/no-domain": "the domain does not exist",
    "spf/no-record": "no v=spf1 record",
    "spf/path-error": "{path}: {term}: {reason}",
    "spf/audit-stopped": "more than {limit} lookups: audit stopped",
    "spf/lookup-limit": "DNS lookup limit ({limit}) exceeded",
    "spf/void-limit": "void lookup limit ({limit}) exceeded",
    "spf/several-records": "{count} v=spf1 records (there must be one)",
    "spf/target-invalid": "'{target}' is not a valid DNS name: treated as no match",
    "spf/too-many-mx": "{count} MX records for {target} (at most {limit})",
    "spf/include-loop": "include loop back to {target}",
    "spf/include-error": "include target {target}: {reason}",
    "spf/include-none": "include target {target} has no SPF record",
    "spf/redirect-loop": "redirect loop back to {target}",
    "spf/redirect-none": "redirect target {target} has no SPF record",
    "spf/exp-target-invalid": "exp ignored: '{target}' is not a valid DNS name",
    "spf/exp-records": "exp ignored: {count} TXT records",
    "spf/exp-dns": "exp ignored: {outcome}",
    "spf/exp-not-ascii": "exp ignored: the explanation is not ASCII",
}


#: Tables other modules own and register when they are imported (`register`): DKIM's and ARC's
#: reasons (`auth.dkim.REASONS`), the resolver's failures and the DNS outcomes (`dns.sources`).
#: A sentence exists only once its module has made it, so its table is always registered; a
#: caller that wants every key (the catalogue's collector, tests) imports those modules first.
_REGISTERED: dict[str, str] = {}


def register(table: Mapping[str, str]) -> None:
    """Add a module's templates to the keys `render` knows (this module imports none of them:
    it sits below every module that speaks)."""
    _REGISTERED.update(table)


def all_templates() -> dict[str, str]:
    """Every sentence template known: this module's table and the registered ones."""
    return {**TEMPLATES, **_REGISTERED}


#: Keys whose window text differs from the CLI's: the IDNA library's own words (English only)
#: become what kind of problem it is, in every language.
WINDOW_TEMPLATES: dict[str, str] = {
    "idna/codepoint": "it contains a character that domain names may not contain",
    "idna/context": "it contains a character that is allowed only beside certain others",
    "idna/bidi": "it mixes right-to-left and left-to-right characters in a way IDNA forbids",
    "idna/other": "it breaks the rules of internationalized domain names (IDNA 2008)",
    "unicode/error": "it cannot be encoded as a domain name",
}


def is_key(key: str) -> bool:
    """Whether `key` is a template key of the core's sentences."""
    return key in TEMPLATES or key in all_templates()


def window_template(key: str) -> str:
    """The English template the window translates for `key`."""
    return WINDOW_TEMPLATES.get(key) or all_templates()[key]


Translate = Callable[[str], str]


def _english(template: str) -> str:
    return template


def render(key: str, params: Mapping[str, object], translate: Translate = _english) -> str:
    """The sentence `key` with `params`, its template passed through `translate` (the
    identity: English); nested sentences among the parameters are rendered the same way."""
    template = TEMPLATES.get(key) or all_templates()[key]
    values = {
        name: render(value.key, value.params, translate) if isinstance(value, Sentence) else value
        for name, value in params.items()
    }
    return translate(template).format(**values)


class Sentence(str):
    """English text that keeps its template key and parameters."""

    key: str
    params: Mapping[str, object]

    def __new__(cls, key: str, /, **params: object) -> Sentence:
        self = super().__new__(cls, render(key, params))
        self.key = key
        self.params = dict(params)
        return self

    def __reduce__(
        self,
    ) -> tuple[Callable[[str, dict[str, object]], Sentence], tuple[str, dict[str, object]]]:
        return (_sentence, (self.key, dict(self.params)))

    def __deepcopy__(self, memo: dict[int, object]) -> Sentence:
        return self

    def __copy__(self) -> Sentence:
        return self


def _sentence(key: str, params: dict[str, object]) -> Sentence:
    return Sentence(key, **params)


class _ResolverFailure(Protocol):
    """What of a `dns.sources.ResolverFailure` the sentence reads (named by its shape: that
    module registers its sentences here)."""

    @property
    def server(self) -> str: ...
    @property
    def cause(self) -> str: ...
    @property
    def params(self) -> tuple[tuple[str, str], ...]: ...


def resolver_failure_sentence(failure: _ResolverFailure) -> Sentence:
    """ "the resolver … does not answer (…)" of a `dns.ResolverFailure`, as a sentence."""
    reason = Sentence(f"resolver-failure/{failure.cause}", **dict(failure.params))
    return Sentence("resolver/no-answer", server=failure.server, reason=reason)


def quoted(text: str) -> str:
    """A value as the sentences quote it (`repr`): `'example..com'`."""
    return repr(text)


def idna_reason(exc: BaseException) -> Sentence:
    """The IDNA library's or the codec's complaint about a name, by kind; the library's own
    words are its English rendering."""
    import idna

    detail = str(exc)
    if isinstance(exc, idna.IDNABidiError):
        return Sentence("idna/bidi", detail=detail)
    if isinstance(exc, idna.InvalidCodepointContext):
        return Sentence("idna/context", detail=detail)
    if isinstance(exc, idna.InvalidCodepoint):
        return Sentence("idna/codepoint", detail=detail)
    if isinstance(exc, idna.IDNAError):
        return Sentence("idna/other", detail=detail)
    return Sentence("unicode/error", detail=detail)
