"""DMARC findings: what `DmarcInfo` (and a message's `DmarcResult`) mean for a person.

`findings.build_findings` calls `dmarc_findings`; the templates are in `templates/dmarc.py`,
so translations render these like any other finding.
"""

from __future__ import annotations

from mailpath.core.auth.dmarc import DmarcResult, applied_policy, effective_policy
from mailpath.core.judgement.finding import finding
from mailpath.core.model import DmarcInfo, Finding, Result, Severity

SUBJECT = "dns:dmarc"

#: Severity of each issue key's code (the part before "/"), and of some variants.
_SEVERITY = {
    "dmarc-record-ignored": Severity.WARNING,
    "dmarc-tag-syntax": Severity.WARNING,
    "dmarc-tag-invalid": Severity.WARNING,
    "dmarc-tag-missing": Severity.WARNING,
    "dmarc-tag-unknown": Severity.INFO,
    "dmarc-tag-legacy": Severity.INFO,
    "dmarc-tag-legacy/pct": Severity.WARNING,
    "dmarc-tag-ignored": Severity.INFO,
    "dmarc-report-scheme": Severity.INFO,
    "dmarc-report-unauthorized": Severity.WARNING,
    "dmarc-legacy-divergence": Severity.WARNING,
    "dmarc-legacy-divergence/org": Severity.INFO,
}


def issue_severity(key: str) -> Severity:
    return _SEVERITY.get(key) or _SEVERITY.get(key.split("/")[0], Severity.INFO)


def dmarc_findings(result: Result) -> list[Finding]:
    dmarc = result.dmarc
    if dmarc is None:
        return []
    sender = result.sender_domain.ascii
    out: list[Finding] = []
    if dmarc.error_code:
        out.append(
            finding(
                Severity.WARNING,
                f"dmarc-error/{dmarc.error_code}",
                SUBJECT,
                domain=dmarc.domain,
                **dict(dmarc.error_params),
            )
        )
    elif dmarc.record is None:
        places = ", ".join(f"_dmarc.{name}" for name in dmarc.walk) or f"_dmarc.{sender}"
        out.append(
            finding(
                Severity.WARNING,
                "dmarc-missing",
                SUBJECT,
                sender=sender,
                where=places,
                record=f"v=DMARC1; p=none; rua=mailto:dmarc-reports@{sender}",
            )
        )
    out += [
        finding(issue_severity(key), key, SUBJECT, **dict(params)) for key, params in dmarc.issues
    ]
    if dmarc.policy is None:
        return out
    out += _policy_findings(dmarc, sender)
    return out


def _policy_findings(dmarc: DmarcInfo, sender: str) -> list[Finding]:
    out: list[Finding] = []
    policy = effective_policy(dmarc)
    applied = applied_policy(dmarc)
    if dmarc.from_psd:
        out.append(
            finding(
                Severity.INFO,
                "dmarc-psd-policy",
                SUBJECT,
                sender=sender,
                domain=dmarc.domain,
                record=f"v=DMARC1; p={policy}; rua=mailto:dmarc-reports@{sender}",
            )
        )
    if dmarc.from_org_domain and dmarc.author_exists is False and dmarc.np:
        out.append(finding(Severity.INFO, "dmarc-nonexistent", SUBJECT, sender=sender, np=dmarc.np))
    if policy == "none":
        out.append(finding(Severity.INFO, "dmarc-policy-none", SUBJECT, sender=sender))
    elif applied != policy:
        out.append(
            finding(
                Severity.INFO,
                "dmarc-testing",
                SUBJECT,
                sender=sender,
                domain=dmarc.domain,
                policy=str(policy),
                applied=str(applied),
            )
        )
    return out


def dmarc_result_findings(result: DmarcResult, from_domain: str) -> list[Finding]:
    """The finding for a received message's DMARC result: `dmarc-fail` when it failed."""
    if result.result != "fail":
        return []
    severity = Severity.ERROR if result.disposition != "none" else Severity.WARNING
    return [
        finding(
            severity,
            f"dmarc-fail/{result.disposition}",
            SUBJECT,
            sender=from_domain,
            domain=result.policy_domain or from_domain,
        )
    ]
