"""Findings from the sender's BIMI report (`core.auth.bimi`): the check names each problem as
a template key of `bimi.TEMPLATES` (merged into the findings' `TEMPLATES`) with its
parameters; here they become findings like any other (no record: none, BIMI is optional)."""

from __future__ import annotations

from mailpath.core.auth.bimi import bimi_findings
from mailpath.core.auth.bimi_report import BimiReport
from mailpath.core.judgement.finding import finding
from mailpath.core.model import Finding

__all__ = ["bimi_result_findings"]


def bimi_result_findings(report: BimiReport | None) -> tuple[Finding, ...]:
    if report is None:
        return ()
    return tuple(finding(f.severity, f.template, None, **f.params) for f in bimi_findings(report))
