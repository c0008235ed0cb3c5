"""Findings about the transport (MTA-STS, TLS-RPT, DNSSEC, DANE), from `TransportInfo`."""

from __future__ import annotations

from collections.abc import Sequence

from mailpath.core.judgement.finding import finding, mx_node
from mailpath.core.model import Finding, Severity
from mailpath.core.transport import TransportInfo, mtasts, policy_url
from mailpath.core.transport.dnssec import BOGUS, SECURE
from mailpath.core.transport.mtasts import SHORT_MAX_AGE

SUBJECT = "mailbox"


def transport_findings(info: TransportInfo | None, mx_hosts: Sequence[str]) -> list[Finding]:
    if info is None or not info.checked:
        return []
    return [*_mta_sts_findings(info, mx_hosts), *_tls_rpt_findings(info), *_dnssec_findings(info)]


def _mta_sts_findings(info: TransportInfo, mx_hosts: Sequence[str]) -> list[Finding]:
    domain = info.domain
    url = policy_url(domain)
    host = f"mta-sts.{domain}"
    out: list[Finding] = []
    sts = info.mta_sts
    if sts.error == "record-invalid":
        fixed = f"v=STSv1; id={sts.id if sts.id and sts.id.isalnum() else '1'}"
        out.append(
            finding(
                Severity.WARNING,
                f"mta-sts-invalid/{sts.problem}",
                SUBJECT,
                domain=domain,
                record=sts.record or "",
                record_fixed=fixed,
            )
        )
    elif sts.error == "policy-unreachable":
        params = {"domain": domain, "url": url, "host": host, "detail": sts.detail}
        if sts.problem in ("status", "redirect"):
            code, _, location = sts.detail.partition(" to ")
            params["status"] = code.removeprefix("HTTP ")
            params["location"] = location
        if sts.problem == "content-type":
            params["content_type"] = sts.detail.removeprefix("Content-Type ")
        if sts.problem == "too-large":
            params["limit"] = str(mtasts.MAX_POLICY)
        out.append(
            finding(
                Severity.WARNING, f"mta-sts-policy-unreachable/{sts.problem}", SUBJECT, **params
            )
        )
    elif sts.error == "policy-invalid":
        out.append(
            finding(Severity.WARNING, "mta-sts-policy-invalid", SUBJECT, url=url, field=sts.problem)
        )
    policy = sts.policy
    if policy is not None:
        missing = [h for h in mx_hosts if not sts.hosts.get(h, True)]
        if missing and policy.mode != "none":
            lines = ", ".join(f"mx: {p}" for p in mtasts.corrected_mx(policy, mx_hosts))
            severity = Severity.ERROR if policy.mode == "enforce" else Severity.WARNING
            for mx in missing:
                out.append(
                    finding(
                        severity,
                        "mta-sts-mx-mismatch",
                        mx_node(mx),
                        host=mx,
                        domain=domain,
                        patterns=", ".join(policy.mx),
                        url=url,
                        mode=policy.mode,
                        lines=lines,
                    )
                )
        if policy.mode == "testing":
            out.append(finding(Severity.INFO, "mta-sts-testing", SUBJECT, domain=domain, url=url))
        if policy.max_age < SHORT_MAX_AGE:
            out.append(
                finding(
                    Severity.WARNING,
                    "mta-sts-max-age-short",
                    SUBJECT,
                    domain=domain,
                    url=url,
                    max_age=policy.max_age,
                )
            )
    return out


def _tls_rpt_findings(info: TransportInfo) -> list[Finding]:
    domain = info.domain
    sts = info.mta_sts
    out: list[Finding] = []
    rpt = info.tls_rpt
    if rpt.record is None and rpt.error is None:
        published = sts.record is not None or any(d.tlsa for d in info.dane.values())
        out.append(
            finding(
                Severity.WARNING if published else Severity.INFO,
                "tls-rpt-missing",
                SUBJECT,
                domain=domain,
                record=f"v=TLSRPTv1; rua=mailto:tls-reports@{domain}",
            )
        )
    elif rpt.error in ("multiple", "syntax", "no-rua", "bad-rua"):
        good = [u for u in rpt.rua if u != rpt.bad] or [f"mailto:tls-reports@{domain}"]
        out.append(
            finding(
                Severity.WARNING,
                f"tls-rpt-invalid/{rpt.error}",
                SUBJECT,
                domain=domain,
                record=rpt.record or "",
                destination=rpt.bad,
                record_fixed=f"v=TLSRPTv1; rua={','.join(good)}",
            )
        )
    return out


def _dnssec_findings(info: TransportInfo) -> list[Finding]:
    out: list[Finding] = []
    statuses = [(SUBJECT, info.dnssec)] + [(mx_node(h), s) for h, s in info.host_dnssec.items()]
    for subject, status in statuses:
        if status.state == BOGUS:
            out.append(
                finding(
                    Severity.ERROR,
                    "dnssec-bogus",
                    subject,
                    name=status.name,
                    rdtype=status.rdtype,
                    zone=status.zone or status.name,
                    reason=status.error or "",
                )
            )
    for mx, dane in info.dane.items():
        if not dane.tlsa:
            continue
        host_state = info.host_dnssec.get(mx)
        if host_state is not None and host_state.state not in (SECURE, BOGUS):
            out.append(
                finding(
                    Severity.WARNING,
                    "dane-without-dnssec",
                    mx_node(mx),
                    host=mx,
                    state=host_state.state,
                )
            )
        elif dane.unusable_records:
            out.append(
                finding(
                    Severity.WARNING,
                    "tlsa-unusable",
                    mx_node(mx),
                    host=mx,
                    records="; ".join(dane.unusable_records),
                )
            )
    return out
