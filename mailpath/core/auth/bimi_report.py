"""What a BIMI check found (`core.auth.bimi.check_bimi`): the report a result carries.

Apart from the check itself so that the result model can name it without importing the
check (which reads the DMARC model).
"""

from __future__ import annotations

from dataclasses import dataclass

from mailpath.core.auth.bimi_svg import SvgCheck
from mailpath.core.dns.https import Problem
from mailpath.core.jsontypes import JsonObject

__all__ = ["BimiReport", "CertificateCheck"]


@dataclass(frozen=True)
class CertificateCheck:
    not_after: str
    not_before: str
    expired: bool
    subject: str

    def to_json(self) -> JsonObject:
        return {
            "not_after": self.not_after,
            "expired": self.expired,
            "not_before": self.not_before,
            "subject": self.subject,
        }


@dataclass(frozen=True)
class BimiReport:
    """What `check_bimi` found. `to_json()` is the `bimi` object of `--json` (plus fields)."""

    domain: str
    selector: str
    #: Where the record was looked for, in order, and where it was found.
    queried: tuple[str, ...] = ()
    record_name: str | None = None
    record: str | None = None
    location: str | None = None
    authority: str | None = None
    declined: bool = False
    #: The DMARC prerequisites alone are met (whatever the record, logo and certificate say).
    eligible: bool = False
    #: The DMARC prerequisites that are not met (empty when eligible).
    prerequisites: tuple[Problem, ...] = ()
    svg: SvgCheck | None = None
    svg_problem: Problem | None = None  # the logo could not be fetched
    certificate: CertificateCheck | None = None
    certificate_problem: Problem | None = None
    #: Why there is no usable record: "no-record", "lookup", "multiple-records", or a record
    #: syntax key ("version", "syntax", "duplicate-tag", "not-https", "bad-uri", ...).
    error: Problem | None = None
    #: The logo as fetched (SVG bytes) when the profile check passed: what a window shows
    #: next to the sender. Not part of the JSON (the URL and the check are).
    logo: bytes | None = None

    @property
    def shows_logo(self) -> bool:
        """Everything a receiver checks here holds: eligible, a valid logo, no expired mark
        certificate (the chain itself is not validated)."""
        return (
            self.logo is not None
            and self.eligible
            and self.error is None
            and self.svg is not None
            and self.svg.valid
            and not (self.certificate is not None and self.certificate.expired)
        )

    def to_json(self) -> JsonObject:
        return {
            "record": self.record,
            "selector": self.selector,
            "location": self.location,
            "authority": self.authority,
            "eligible": self.eligible,
            "svg": self.svg.to_json() if self.svg is not None else None,
            "certificate": self.certificate.to_json() if self.certificate is not None else None,
            "error": self.error.key if self.error is not None else None,
            "error_params": dict(self.error.params) if self.error is not None else {},
            "domain": self.domain,
            "record_name": self.record_name,
            "queried": list(self.queried),
            "declined": self.declined,
            "prerequisites": [p.to_json() for p in self.prerequisites],
            "svg_error": self.svg_problem.to_json() if self.svg_problem is not None else None,
            "certificate_error": (
                self.certificate_problem.to_json() if self.certificate_problem else None
            ),
        }


def bimi_to_json(report: BimiReport | None, domain: str) -> JsonObject:
    """The `bimi` object of `--json`: always present (not looked at yet: no record, not
    eligible, and `checked` false)."""
    if report is None:
        return {**BimiReport(domain=domain, selector="default").to_json(), "checked": False}
    return {**report.to_json(), "checked": True}


def render_lines(report: BimiReport | None) -> list[str]:
    """The text report's BIMI section (without its heading)."""
    if report is None:
        return ["  not checked"]
    where = report.record_name or (report.queried[0] if report.queried else report.domain)
    error = report.error
    if error is not None and error.key == "not-recorded":
        return [f"  {where}: not in the recording (not checked)"]
    if error is not None and error.key == "no-record":
        return [f"  {where}: (none)"]
    lines = [f"  {where}: {report.record or '(none)'}"]
    if error is not None:
        lines.append(f"  error: {error.key}")
        return lines
    if report.declined:
        lines.append("  declined: the domain shows no logo")
        return lines
    missing = ", ".join(p.key for p in report.prerequisites)
    lines.append(f"  eligible (DMARC): {'yes' if report.eligible else 'no (' + missing + ')'}")
    if report.location:
        if report.svg is not None:
            state = (
                "valid"
                if report.svg.valid
                else "invalid: " + ", ".join(dict.fromkeys(p.key for p in report.svg.problems))
            )
        else:
            state = report.svg_problem.key if report.svg_problem else "not fetched"
        lines.append(f"  logo {report.location}: {state}")
    if report.authority:
        if report.certificate is not None:
            state = ("expired " if report.certificate.expired else "valid until ") + (
                report.certificate.not_after
            )
        else:
            state = report.certificate_problem.key if report.certificate_problem else "not fetched"
        lines.append(f"  certificate {report.authority}: {state}")
    return lines
