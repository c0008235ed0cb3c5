"""BIMI (Brand Indicators for Message Identification): the record, its DMARC prerequisites,
the logo and the mark certificate.

`check_bimi(source, domain, dmarc=...)` follows draft-brand-indicators-for-message-
identification (section "Assertion Record Discovery"): the TXT record at
``SELECTOR._bimi.DOMAIN``, else at the organizational domain; ``v=BIMI1; l=...; a=...`` read
strictly; eligibility from the DMARC policy of the organizational domain; the SVG logo fetched
over HTTPS and checked against the SVG Tiny Portable/Secure profile; the VMC/CMC certificate
fetched and its expiry read.

Every HTTPS host name is resolved through the run's `DnsSource` (so recording, replay and the
loopback test server apply) and the connection goes to that address with the name as SNI and
Host. Nothing is decided here about what a receiver shows: the report holds facts, every
problem a stable key with parameters; `bimi_findings` turns them into finding data
(`TEMPLATES` key and parameters).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import re
import urllib.parse
from collections.abc import Awaitable, Iterable, Mapping
from dataclasses import dataclass, field, replace

from cryptography import x509

# Re-exported: the report types were born here.
from mailpath.core.auth.bimi_report import BimiReport as BimiReport
from mailpath.core.auth.bimi_report import CertificateCheck as CertificateCheck
from mailpath.core.auth.bimi_svg import SVG_LIMIT, SvgCheck, check_svg, unique
from mailpath.core.auth.dmarc import org_domain
from mailpath.core.dns.https import FETCH_TIMEOUT, Params, Problem, fetch_https
from mailpath.core.dns.https import params as _p
from mailpath.core.dns.https import shown as _shown
from mailpath.core.dns.sources import Deadline, DnsSource, Outcome, deadline_of, normalize_qname
from mailpath.core.model import DmarcInfo, Severity

#: A mark certificate (PEM chain with the logo embedded) is larger than the logo; this only
#: keeps a hostile server from feeding us without end.
CERTIFICATE_LIMIT = 256 * 1024

_TAG = re.compile(r"^([A-Za-z][A-Za-z0-9_]*)[ \t]*=[ \t]*(.*?)[ \t]*$", re.DOTALL)
_VERSION = re.compile(r"^[ \t]*v[ \t]*=[ \t]*BIMI1[ \t]*(?:;|$)")


# ---------------------------------------------------------------- the record


@dataclass(frozen=True)
class BimiRecord:
    text: str
    location: str | None  # l=, None when empty or absent
    authority: str | None  # a=, None when empty or absent
    declined: bool  # "l=" empty and no a=: the domain declines to show a logo


def is_bimi_record(text: str) -> bool:
    """The draft: records that do not start with v=BIMI1 are discarded."""
    return _VERSION.match(text) is not None


def parse_record(text: str) -> BimiRecord | Problem:
    """A BIMI record read strictly: tag=value pairs separated by ";", v=BIMI1 first, l= and
    a= each empty or one https URI. Unknown tags are ignored (the draft asks so)."""
    tags: dict[str, str] = {}
    for index, part in enumerate(text.split(";")):
        if not part.strip():
            if index == 0:
                return Problem("version", _p(record=_shown(text)))
            continue
        match = _TAG.match(part.strip())
        if match is None:
            return Problem("syntax", _p(record=_shown(text), term=_shown(part.strip())))
        name, value = match[1].lower(), match[2]
        if index == 0 and (name != "v" or value != "BIMI1"):
            return Problem("version", _p(record=_shown(text)))
        if name in tags:
            return Problem("duplicate-tag", _p(record=_shown(text), tag=name))
        tags[name] = value
    if "v" not in tags:
        return Problem("version", _p(record=_shown(text)))
    uris: dict[str, str | None] = {}
    for tag in ("l", "a"):
        value = tags.get(tag, "")
        if not value:
            uris[tag] = None
            continue
        problem = _https_problem(tag, value)
        if problem is not None:
            return problem
        uris[tag] = value
    if "l" not in tags and uris["a"] is None:
        return Problem("no-location", _p(record=_shown(text)))
    return BimiRecord(
        text=text,
        location=uris["l"],
        authority=uris["a"],
        declined=uris["l"] is None and uris["a"] is None,
    )


def _https_problem(tag: str, value: str) -> Problem | None:
    try:
        parts = urllib.parse.urlsplit(value)
        host = parts.hostname
        parts.port  # noqa: B018 - raises ValueError for a bad port
    except ValueError:
        return Problem("bad-uri", _p(tag=tag, uri=_shown(value)))
    if parts.scheme.lower() != "https":
        return Problem("not-https", _p(tag=tag, uri=_shown(value)))
    if not host or parts.username is not None or any(c.isspace() for c in value):
        return Problem("bad-uri", _p(tag=tag, uri=_shown(value)))
    return None


def header_selector(headers: Iterable[tuple[str, str]]) -> str:
    """The selector a message's topmost BIMI-Selector field names ("v=BIMI1; s=brand"),
    "default" when there is none or it cannot be read."""
    for name, value in headers:
        if name.lower() != "bimi-selector":
            continue
        tags = dict(
            (k.strip().lower(), v.strip())
            for k, _, v in (part.partition("=") for part in value.split(";") if "=" in part)
        )
        selector = tags.get("s", "")
        if tags.get("v") == "BIMI1" and re.fullmatch(
            r"[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*", selector
        ):
            return selector.lower()
        return "default"
    return "default"


# ---------------------------------------------------------------- DMARC prerequisites


def dmarc_prerequisites(dmarc: DmarcInfo | None) -> list[Problem]:
    """What the organizational domain's DMARC policy lacks for BIMI (empty: eligible):
    p=quarantine or reject, no pct below 100, no sp=none, not in testing mode (t=y)."""
    if dmarc is None:
        return [Problem("dmarc-unknown")]
    if dmarc.error is not None and dmarc.record is None:
        return [Problem("dmarc-lookup", _p(domain=dmarc.domain))]
    if dmarc.record is None or dmarc.policy is None:
        return [Problem("dmarc-missing", _p(domain=dmarc.org_domain or dmarc.domain))]
    where = dmarc.domain
    found: list[Problem] = []
    if dmarc.policy not in ("quarantine", "reject"):
        found.append(Problem("dmarc-policy", _p(domain=where, policy=dmarc.policy)))
    if dmarc.pct < 100:
        found.append(Problem("dmarc-pct", _p(domain=where, pct=dmarc.pct)))
    if dmarc.subdomain_policy == "none":
        found.append(Problem("dmarc-sp-none", _p(domain=where)))
    if dmarc.testing:
        found.append(Problem("dmarc-testing", _p(domain=where)))
    return found


# ---------------------------------------------------------------- the certificate


def check_certificate(pem: bytes, now: dt.datetime | None = None) -> CertificateCheck | Problem:
    """The first certificate of a PEM chain (the mark certificate itself): its validity.
    Chain validation against the mark verifiers' roots is not done."""
    try:
        chain = x509.load_pem_x509_certificates(pem)
    except ValueError:
        return Problem("certificate-unreadable")
    leaf = chain[0]
    not_after = leaf.not_valid_after_utc
    moment = now or dt.datetime.now(dt.UTC)
    return CertificateCheck(
        not_after=not_after.isoformat(),
        not_before=leaf.not_valid_before_utc.isoformat(),
        expired=moment > not_after,
        subject=leaf.subject.rfc4514_string(),
    )


# ---------------------------------------------------------------- the whole check


async def _records_at(source: DnsSource, name: str) -> list[str] | Problem:
    answer = await source.query(name, "TXT")
    if answer.outcome is Outcome.MISSING:
        # A replay of an analysis saved without BIMI: not checked, never a lookup failure.
        return Problem("not-recorded", _p(name=name))
    if answer.outcome.is_error:
        return Problem("lookup", _p(name=name, outcome=answer.outcome.value.upper()))
    if answer.outcome is not Outcome.OK:
        return []
    return [t for t in answer.texts() if is_bimi_record(t)]


async def check_bimi(
    source: DnsSource,
    domain: str,
    *,
    selector: str = "default",
    dmarc: DmarcInfo | None,
    fetch: bool = True,
    ca_file: str | None = None,
    deadline: Deadline | None = None,
) -> BimiReport:
    """BIMI for mail From `domain` with `selector` (a message's BIMI-Selector, else
    "default"). `dmarc` is the DMARC policy the analysis found for `domain` (it names the
    organizational domain); None when unknown (then not eligible). With `fetch`, the logo
    and the certificate are fetched over HTTPS within `deadline` (default: the source's)."""
    domain = normalize_qname(domain)
    selector = selector.strip().lower() or "default"
    prerequisites = tuple(dmarc_prerequisites(dmarc))
    base = BimiReport(
        domain=domain,
        selector=selector,
        eligible=not prerequisites,
        prerequisites=prerequisites,
    )
    org = (dmarc.org_domain if dmarc is not None and dmarc.org_domain else None) or (
        await org_domain(source, domain)
    )
    # The draft: the From domain, then the organizational domain; "a custom selector that
    # does not exist will fall back to default._bimi.<organizationalDomain>".
    names = [f"{selector}._bimi.{domain}"]
    if org != domain:
        names.append(f"{selector}._bimi.{org}")
    if selector != "default":
        names.append(f"default._bimi.{org}")
    queried: list[str] = []
    found: list[str] = []
    name = names[0]
    for name in names:
        queried.append(name)
        records = await _records_at(source, name)
        if isinstance(records, Problem):
            return replace(base, queried=tuple(queried), error=records)
        if records:
            found = records
            break
    if not found:
        return replace(base, queried=tuple(queried), error=Problem("no-record", _p(name=names[0])))
    if len(found) > 1:
        return replace(
            base,
            queried=tuple(queried),
            record_name=name,
            error=Problem("multiple-records", _p(name=name, count=len(found))),
        )
    text = found[0]
    parsed = parse_record(text)
    base = replace(base, queried=tuple(queried), record_name=name, record=text)
    if isinstance(parsed, Problem):
        return replace(base, error=Problem(parsed.key, (("name", name), *parsed.params)))
    report = replace(
        base, location=parsed.location, authority=parsed.authority, declined=parsed.declined
    )
    if not fetch or parsed.declined:
        return report
    if deadline is None:
        deadline = deadline_of(source)
    timeout = FETCH_TIMEOUT if deadline is None else min(FETCH_TIMEOUT, deadline.remaining())
    logo, certificate = await asyncio.gather(
        _fetch_logo(source, parsed.location, ca_file, timeout),
        _fetch_certificate(source, parsed.authority, ca_file, timeout),
    )
    return replace(
        report,
        svg=logo[0],
        svg_problem=logo[1],
        logo=logo[2],
        certificate=certificate[0],
        certificate_problem=certificate[1],
    )


async def bimi_for_sender(
    source: DnsSource,
    domain: str,
    dmarc: Awaitable[DmarcInfo | None],
    *,
    headers: Iterable[tuple[str, str]] = (),
    fetch: bool = True,
    ca_file: str | None = None,
) -> BimiReport:
    """BIMI as an analysis runs it: the record's question goes out at once (with the first
    round), the check itself waits for the DMARC policy `dmarc` gives."""
    selector = header_selector(headers)
    prefetch = getattr(source, "prefetch", None)
    if prefetch is not None:
        prefetch(f"{selector}._bimi.{normalize_qname(domain)}", "TXT")
    return await check_bimi(
        source, domain, selector=selector, dmarc=await dmarc, fetch=fetch, ca_file=ca_file
    )


async def _fetch_logo(
    source: DnsSource, url: str | None, ca_file: str | None, timeout: float
) -> tuple[SvgCheck | None, Problem | None, bytes | None]:
    if url is None:
        return None, None, None
    got = await fetch_https(source, url, limit=SVG_LIMIT, ca_file=ca_file, timeout=timeout)
    if got.body is None:
        assert got.problem is not None
        if got.problem.key == "too-large":
            # The profile's size limit: a violation of the logo, not a failed fetch.
            return SvgCheck(False, (got.problem,)), None, None
        return None, got.problem, None
    checked = check_svg(got.body)
    return checked, None, got.body if checked.valid else None


async def _fetch_certificate(
    source: DnsSource, url: str | None, ca_file: str | None, timeout: float
) -> tuple[CertificateCheck | None, Problem | None]:
    if url is None:
        return None, None
    got = await fetch_https(source, url, limit=CERTIFICATE_LIMIT, ca_file=ca_file, timeout=timeout)
    if got.body is None:
        assert got.problem is not None
        if got.problem.key == "too-large":
            return None, Problem("certificate-too-large", _p(url=url, limit=CERTIFICATE_LIMIT))
        return None, got.problem
    checked = check_certificate(got.body)
    if isinstance(checked, Problem):
        return None, Problem(checked.key, _p(url=url))
    return checked, None


# ---------------------------------------------------------------- findings as data


@dataclass(frozen=True)
class BimiFinding:
    """A finding to add: `template` is a `TEMPLATES` key whose part before "/" is the code."""

    severity: Severity
    template: str
    params: Mapping[str, str] = field(default_factory=dict)

    @property
    def code(self) -> str:
        return self.template.split("/")[0]


def bimi_findings(report: BimiReport) -> list[BimiFinding]:
    """The findings a BIMI report gives. No record (or a declining one) gives none: BIMI is
    optional. A record whose logo no receiver will show is a warning; the expired mark
    certificate an error (receivers that require one show no logo)."""
    out: list[BimiFinding] = []
    error = report.error
    if error is not None:
        if error.key not in ("no-record", "not-recorded"):
            out.append(_finding(Severity.WARNING, f"bimi-invalid/{error.key}", error.params))
        return out
    if report.declined:
        return out
    for missing in report.prerequisites:
        params = (("domain", report.domain), *missing.params)
        out.append(_finding(Severity.WARNING, f"bimi-not-eligible/{missing.key}", params))
    if report.svg_problem is not None:
        p = report.svg_problem
        out.append(_finding(Severity.WARNING, f"bimi-invalid/{p.key}", p.params))
    if report.svg is not None and not report.svg.valid:
        listed = ", ".join(unique(p.key for p in report.svg.problems))
        params = (("url", report.location or ""), ("violations", listed))
        out.append(_finding(Severity.WARNING, "bimi-svg-invalid", params))
    if report.certificate_problem is not None:
        p = report.certificate_problem
        out.append(_finding(Severity.WARNING, f"bimi-invalid/{p.key}", p.params))
    if report.certificate is not None and report.certificate.expired:
        params = _p(url=report.authority or "", not_after=report.certificate.not_after)
        out.append(_finding(Severity.ERROR, "bimi-certificate-expired", params))
    return out


def _finding(severity: Severity, template: str, params: Params) -> BimiFinding:
    assert template in TEMPLATES, template
    return BimiFinding(severity, template, dict(params))


#: Template key -> (message, fix), as `findings.TEMPLATES` (for the lead to merge there).
TEMPLATES: dict[str, tuple[str, str | None]] = {
    "bimi-invalid/lookup": (
        "The BIMI record at {name} could not be looked up ({outcome}): receivers show no logo "
        "while it does not answer.",
        "Check the name servers of the domain, or try again with another resolver.",
    ),
    "bimi-invalid/multiple-records": (
        "{name} publishes {count} BIMI records: receivers use none of them.",
        "Keep exactly one TXT record starting with v=BIMI1 at {name}.",
    ),
    "bimi-invalid/version": (
        'The BIMI record at {name} does not start with "v=BIMI1": "{record}".',
        'Begin the record with "v=BIMI1;".',
    ),
    "bimi-invalid/syntax": (
        'The BIMI record at {name} has a term that is not tag=value: "{term}".',
        'Write the record as "v=BIMI1; l=https://...; a=https://..." with ";" between tags.',
    ),
    "bimi-invalid/duplicate-tag": (
        'The BIMI record at {name} gives the tag {tag}= twice: "{record}".',
        "Keep one {tag}= in the record.",
    ),
    "bimi-invalid/not-https": (
        "The BIMI record at {name} gives {tag}={uri}, which is not an https URL.",
        "Serve the file over HTTPS and give its https:// URL in {tag}=.",
    ),
    "bimi-invalid/bad-uri": (
        'The BIMI record at {name} gives {tag}= a value that is not a usable URL: "{uri}".',
        "Give a plain https://host/path URL in {tag}=.",
    ),
    "bimi-invalid/no-location": (
        'The BIMI record at {name} gives neither a logo (l=) nor a certificate (a=): "{record}".',
        'Add l=https://.../logo.svg, or publish "v=BIMI1; l=; a=;" to decline BIMI.',
    ),
    "bimi-invalid/fetch-no-address": (
        "{host} has no address ({outcome}): the BIMI file cannot be fetched.",
        "Give {host} an A or AAAA record, or point the BIMI record at a host that has one.",
    ),
    "bimi-invalid/fetch-tls": (
        "The HTTPS certificate of {host} is not valid ({reason}): {url} cannot be fetched.",
        "Install a certificate for {host} from a public certificate authority.",
    ),
    "bimi-invalid/fetch-connect": (
        "No HTTPS connection to {host} could be made: {url} cannot be fetched.",
        "Make sure {host} serves HTTPS on port 443.",
    ),
    "bimi-invalid/fetch-timeout": (
        "{url} did not arrive within {seconds} s.",
        "Make sure the server of the BIMI file answers quickly.",
    ),
    "bimi-invalid/fetch-status": (
        "{url} answered with HTTP status {status} instead of the file.",
        "Publish the file at that URL, or correct the URL in the BIMI record.",
    ),
    "bimi-invalid/fetch-redirect": (
        "{url} redirects (HTTP {status}) to {location}; receivers do not follow redirects "
        "for BIMI files.",
        "Give the final URL in the BIMI record.",
    ),
    "bimi-invalid/certificate-unreadable": (
        "{url} is not a PEM certificate: receivers cannot read the mark certificate.",
        "Publish the VMC or CMC as issued, in PEM form (BEGIN CERTIFICATE).",
    ),
    "bimi-invalid/certificate-too-large": (
        "{url} is larger than {limit} octets: it is not a mark certificate.",
        "Publish the VMC or CMC as issued, in PEM form, at that URL.",
    ),
    "bimi-not-eligible/dmarc-unknown": (
        "Whether {domain} may show a BIMI logo is unknown: its DMARC policy was not looked up.",
        None,
    ),
    "bimi-not-eligible/dmarc-lookup": (
        "{domain} cannot show a BIMI logo while its DMARC policy cannot be looked up.",
        "Check the name servers of {domain}, or try again with another resolver.",
    ),
    "bimi-not-eligible/dmarc-missing": (
        "{domain} publishes no DMARC policy: receivers show no BIMI logo without one.",
        'Publish at _dmarc.{domain} a policy such as "v=DMARC1; p=quarantine".',
    ),
    "bimi-not-eligible/dmarc-policy": (
        "The DMARC policy of {domain} is p={policy}: BIMI needs p=quarantine or p=reject.",
        "Once your mail passes DMARC, raise the policy at _dmarc.{domain} to p=quarantine or "
        "p=reject.",
    ),
    "bimi-not-eligible/dmarc-pct": (
        "The DMARC policy of {domain} applies to {pct}% of mail only: BIMI needs pct=100.",
        "Remove pct= from the record at _dmarc.{domain} (or set pct=100).",
    ),
    "bimi-not-eligible/dmarc-sp-none": (
        "The DMARC policy of {domain} has sp=none: BIMI needs subdomains to be covered too.",
        "Remove sp=none from the record at _dmarc.{domain}, or set sp=quarantine or sp=reject.",
    ),
    "bimi-not-eligible/dmarc-testing": (
        "The DMARC policy of {domain} is in testing mode (t=y): BIMI needs it enforced.",
        "Remove t=y from the record at _dmarc.{domain}.",
    ),
    "bimi-svg-invalid": (
        "The BIMI logo {url} breaks the SVG Tiny Portable/Secure profile ({violations}): "
        "receivers do not show it.",
        'Export the logo as SVG Tiny PS: baseProfile="tiny-ps" version="1.2", a <title>, a '
        "square viewBox, no scripts or external references, at most 32 KiB.",
    ),
    "bimi-certificate-expired": (
        "The BIMI mark certificate {url} expired on {not_after}: receivers that require one "
        "show no logo.",
        "Renew the VMC or CMC with its issuer and publish the new PEM at the same URL.",
    ),
}
