"""DMARC as of RFC 9989 through the loopback DNS server: record selection and validation, the
DNS tree walk, psd=, np=, the public-suffix-list divergence, report authorization, and the
evaluation of a message."""

from __future__ import annotations

import asyncio
from typing import Any

from mailpath.core.analysis import analyze
from mailpath.core.auth.dmarc import (
    MAX_REPORT_CHECKS,
    DmarcResult,
    aligned,
    effective_policy,
    evaluate_dmarc,
    lookup_dmarc,
    org_domain,
    org_domains_for,
    walk_targets,
)
from mailpath.core.dns.sources import LiveSource, Nameserver
from mailpath.core.judgement.dmarc_findings import dmarc_findings, dmarc_result_findings
from mailpath.core.model import DmarcInfo, Finding, Inputs, Result
from mailpath.core.names import Domain
from mailpath.core.report import result_to_json
from tests.support.dnsserver import TIMEOUT


def source_for(server: Any, timeout: float = 0.5) -> LiveSource:
    return LiveSource([Nameserver(server.address, server.port)], timeout=timeout, budget=10.0)


def lookup(server: Any, domain: str) -> DmarcInfo:
    return asyncio.run(lookup_dmarc(source_for(server), domain))


def keys(info: DmarcInfo) -> list[str]:
    return [key for key, _ in info.issues]


def issue(info: DmarcInfo, key: str) -> dict[str, str]:
    [params] = [dict(p) for k, p in info.issues if k == key]
    return params


def findings_of(info: DmarcInfo, sender: str) -> dict[str, Finding]:
    result = Result(
        inputs=Inputs(sender=sender, recipient="example.net"),
        sender_domain=Domain(sender, sender),
        recipient_domain=Domain("example.net", "example.net"),
        dmarc=info,
    )
    return {f.template: f for f in dmarc_findings(result)}


def dmarc_queries(server: Any) -> list[str]:
    return [name for name, rdtype, _ in server.queries if name.startswith("_dmarc.")]


# ---------------------------------------------------------------- record selection


def test_a_version_that_is_not_exactly_dmarc1_is_skipped_for_the_record_above(
    dns_server: Any,
) -> None:
    for bad in ("v=DMARC10; p=reject", "v=dmarc1; p=reject", " v=DMARC1; p=reject"):
        server = dns_server(
            {
                "_dmarc.mail.example.com": [("TXT", bad)],
                "_dmarc.example.com": [("TXT", "v=DMARC1; p=quarantine")],
            }
        )
        info = lookup(server, "mail.example.com")
        assert info.domain == "example.com", bad
        assert info.policy == "quarantine"
        assert issue(info, "dmarc-record-ignored/version") == {
            "domain": "mail.example.com",
            "record": bad,
        }
        found = findings_of(info, "mail.example.com")
        assert "exactly v=DMARC1" in found["dmarc-record-ignored/version"].message


def test_two_records_are_discarded_and_the_walk_goes_on(dns_server: Any) -> None:
    server = dns_server(
        {
            "_dmarc.mail.example.com": [
                ("TXT", "v=DMARC1; p=reject"),
                ("TXT", "v=DMARC1; p=none"),
            ],
            "_dmarc.example.com": [("TXT", "v=DMARC1; p=quarantine")],
        }
    )
    info = lookup(server, "mail.example.com")
    assert (info.domain, info.policy, info.error) == ("example.com", "quarantine", None)
    assert issue(info, "dmarc-record-ignored/multiple")["used"] == "example.com"


def test_an_invalid_sp_makes_the_record_p_none_with_rua_and_void_without(
    dns_server: Any,
) -> None:
    server = dns_server(
        {
            "_dmarc.example.com": [
                ("TXT", "v=DMARC1; p=reject; sp=block; rua=mailto:d@example.com")
            ],
            "_dmarc.example.org": [("TXT", "v=DMARC1; p=reject; sp=block")],
        }
    )
    info = lookup(server, "example.com")
    assert info.policy == "none"
    assert effective_policy(info) == "none"
    params = issue(info, "dmarc-tag-invalid/policy-none")
    assert (params["tag"], params["value"]) == ("sp", "block")
    fix = findings_of(info, "example.com")["dmarc-tag-invalid/policy-none"].fix
    assert fix and '"v=DMARC1; p=reject; rua=mailto:d@example.com"' in fix

    info = lookup(server, "example.org")
    assert info.policy is None
    assert info.error_code == "subpolicy"
    assert "dmarc-error/subpolicy" in findings_of(info, "example.org")


def test_a_repeated_tag_invalidates_the_record(dns_server: Any) -> None:
    server = dns_server({"_dmarc.example.com": [("TXT", "v=DMARC1; p=none; p=reject")]})
    info = lookup(server, "example.com")
    assert info.policy is None
    assert info.error_code == "duplicate"
    found = findings_of(info, "example.com")["dmarc-error/duplicate"]
    assert "p=" in found.message and found.severity.value == "warning"


def test_invalid_alignment_values_fall_back_to_relaxed_with_a_finding(dns_server: Any) -> None:
    server = dns_server({"_dmarc.example.com": [("TXT", "v=DMARC1; p=reject; adkim=x; aspf=S")]})
    info = lookup(server, "example.com")
    assert (info.adkim, info.aspf) == ("r", "s")
    params = issue(info, "dmarc-tag-invalid")
    assert (params["tag"], params["value"], params["default"]) == ("adkim", "x", "r")


def test_broken_report_tags_are_named(dns_server: Any) -> None:
    record = (
        "v=DMARC1; p=none; rua=mailto:no-at-sign, https://example.com/r, mailto:d@example.com;"
        " ruf=ftp; fo=0:1"
    )
    server = dns_server({"_dmarc.example.com": [("TXT", record)]})
    info = lookup(server, "example.com")
    assert info.rua == ("mailto:d@example.com",)
    assert info.ruf == ()
    assert info.fo == "0"
    invalid = [dict(p) for k, p in info.issues if k == "dmarc-tag-invalid/ignored"]
    assert {(p["tag"], p["value"]) for p in invalid} == {
        ("rua", "mailto:no-at-sign"),
        ("ruf", "ftp"),
    }
    assert issue(info, "dmarc-report-scheme")["uri"] == "https://example.com/r"
    assert issue(info, "dmarc-tag-invalid")["tag"] == "fo"


def test_a_record_with_rua_and_no_p_is_p_none(dns_server: Any) -> None:
    server = dns_server(
        {
            "_dmarc.example.com": [("TXT", "v=DMARC1; rua=mailto:d@example.com")],
            "_dmarc.example.org": [("TXT", "v=DMARC1; adkim=s")],
        }
    )
    info = lookup(server, "example.com")
    assert info.policy == "none"
    assert "dmarc-tag-missing/p" in keys(info)
    assert "dmarc-policy-none" in findings_of(info, "example.com")
    info = lookup(server, "example.org")
    assert info.policy is None
    assert info.error_code == "policy"


def test_pct_is_legacy_and_does_not_change_the_policy(dns_server: Any) -> None:
    server = dns_server(
        {
            "_dmarc.example.com": [("TXT", "v=DMARC1; p=reject; pct=250; ri=3600")],
            "_dmarc.example.org": [("TXT", "v=DMARC1; p=reject; pct=10")],
        }
    )
    info = lookup(server, "example.com")
    assert info.policy == "reject"
    assert info.pct == 100
    assert issue(info, "dmarc-tag-legacy/pct-invalid")["value"] == "250"
    assert issue(info, "dmarc-tag-legacy")["tag"] == "ri"
    info = lookup(server, "example.org")
    assert (info.policy, info.pct) == ("reject", 10)
    found = findings_of(info, "example.org")["dmarc-tag-legacy/pct"]
    assert found.severity.value == "warning" and "t=y" in (found.fix or "")


def test_unknown_tags_and_upper_case_names_are_ignored_and_named(dns_server: Any) -> None:
    server = dns_server({"_dmarc.example.com": [("TXT", "v=DMARC1; P=reject; foo=bar")]})
    info = lookup(server, "example.com")
    assert info.policy is None  # tag names are case-sensitive: "P" is not "p"
    assert {dict(p)["tag"] for k, p in info.issues if k == "dmarc-tag-unknown"} == {"P", "foo"}
    assert findings_of(info, "example.com")["dmarc-tag-unknown"].severity.value == "info"


# ---------------------------------------------------------------- tree walk


def test_a_deep_domain_jumps_to_its_seven_label_ancestor(dns_server: Any) -> None:
    author = "a.b.c.d.e.f.g.h.example.com"
    server = dns_server({"_dmarc.example.com": [("TXT", "v=DMARC1; p=reject; sp=quarantine")]})
    info = lookup(server, author)
    expected = [
        author,
        "d.e.f.g.h.example.com",
        "e.f.g.h.example.com",
        "f.g.h.example.com",
        "g.h.example.com",
        "h.example.com",
        "example.com",
        "com",
    ]
    assert list(info.walk) == expected
    assert sorted(dmarc_queries(server)) == sorted(f"_dmarc.{n}" for n in expected)
    assert (info.domain, info.org_domain) == ("example.com", "example.com")
    assert effective_policy(info) == "quarantine"
    assert walk_targets("x.example.com") == ["x.example.com", "example.com", "com"]


def test_the_policy_is_the_organizational_domains_the_one_with_fewest_labels(
    dns_server: Any,
) -> None:
    server = dns_server(
        {
            "_dmarc.mail.example.com": [("TXT", "v=DMARC1; p=none")],
            "_dmarc.example.com": [("TXT", "v=DMARC1; p=reject")],
            "_dmarc.dept.example.net": [("TXT", "v=DMARC1; p=none; psd=n")],
            "_dmarc.example.net": [("TXT", "v=DMARC1; p=reject")],
        }
    )
    info = lookup(server, "a.mail.example.com")
    assert (info.domain, info.org_domain, info.policy) == ("example.com", "example.com", "reject")
    info = lookup(server, "a.dept.example.net")
    assert (info.domain, info.org_domain, info.psd) == ("dept.example.net",) * 2 + ("n",)
    assert "_dmarc.example.net" not in {f"_dmarc.{n}" for n in info.walk}


def test_psd_y_marks_a_public_suffix_operator(dns_server: Any) -> None:
    server = dns_server(
        {
            "_dmarc.bank.example": [("TXT", "v=DMARC1; p=reject; psd=y")],
            "_dmarc.giant.bank.example": [("TXT", "v=DMARC1; p=quarantine")],
        }
    )
    info = lookup(server, "shop.bank.example")
    assert (info.domain, info.org_domain, info.policy) == (
        "bank.example",
        "shop.bank.example",
        "reject",
    )
    assert info.from_psd
    assert list(info.walk) == ["shop.bank.example", "bank.example"]
    found = findings_of(info, "shop.bank.example")["dmarc-psd-policy"]
    assert "_dmarc.bank.example" in found.message
    # RFC 9989 B.4.3: the organizational domain is the name one label below psd=y.
    info = lookup(server, "mail.giant.bank.example")
    assert (info.domain, info.org_domain) == ("giant.bank.example", "giant.bank.example")
    assert asyncio.run(org_domain(source_for(server), "mail.mega.bank.example")) == (
        "mega.bank.example"
    )


def test_np_applies_to_a_subdomain_that_does_not_exist(dns_server: Any) -> None:
    server = dns_server(
        {
            "_dmarc.example.com": [("TXT", "v=DMARC1; p=quarantine; sp=none; np=reject")],
            "www.example.com": [("A", "192.0.2.1")],
        }
    )
    info = lookup(server, "ghost.example.com")
    assert info.author_exists is False
    assert info.np == "reject"
    assert effective_policy(info) == "reject"
    assert "dmarc-nonexistent" in findings_of(info, "ghost.example.com")
    info = lookup(server, "www.example.com")
    assert info.author_exists is True
    assert effective_policy(info) == "none"


def test_a_private_public_suffix_makes_legacy_receivers_differ(dns_server: Any) -> None:
    # github.io is on the public suffix list's private section: RFC 7489 receivers take
    # b.github.io as the organizational domain and never look at _dmarc.github.io.
    server = dns_server({"_dmarc.github.io": [("TXT", "v=DMARC1; p=reject")]})
    info = lookup(server, "a.b.github.io")
    assert (info.domain, info.policy, info.discovery) == ("github.io", "reject", "tree-walk")
    assert info.legacy_policy_domain == "b.github.io"
    assert info.legacy_divergent
    found = findings_of(info, "a.b.github.io")["dmarc-legacy-divergence/legacy-none"]
    assert found.code == "dmarc-legacy-divergence"
    assert found.fix and "_dmarc.a.b.github.io" in found.fix


def test_no_divergence_when_both_methods_agree(dns_server: Any) -> None:
    server = dns_server({"_dmarc.example.com": [("TXT", "v=DMARC1; p=reject")]})
    info = lookup(server, "mail.example.com")
    assert info.legacy_policy_domain == "example.com"
    assert not info.legacy_divergent
    assert not [k for k in keys(info) if k.startswith("dmarc-legacy")]


# ---------------------------------------------------------------- report destinations


def test_external_report_destinations_need_authorization(dns_server: Any) -> None:
    record = "v=DMARC1; p=none; rua=mailto:d@example.com,mailto:agg@reports.example.net"
    zone: dict[str, list[Any]] = {"_dmarc.example.com": [("TXT", record)]}
    server = dns_server(zone)
    info = lookup(server, "example.com")
    params = issue(info, "dmarc-report-unauthorized")
    assert params["name"] == "example.com._report._dmarc.reports.example.net"
    found = findings_of(info, "example.com")["dmarc-report-unauthorized"]
    assert '"v=DMARC1;"' in (found.fix or "")
    # The domain's own address needs no authorization and is not asked about.
    assert not any("._report._dmarc.example.com" in n for n, _, _ in server.queries)

    zone["example.com._report._dmarc.reports.example.net"] = [("TXT", "v=DMARC1;")]
    info = lookup(dns_server(zone), "example.com")
    assert "dmarc-report-unauthorized" not in keys(info)


def test_a_public_suffix_operators_own_report_address_needs_no_authorization(
    dns_server: Any,
) -> None:
    # RFC 9989: the rua= of a record is judged against the domain that published it. A psd=y
    # record at bank.example sending reports to bank.example is not "another organization",
    # whatever the author's organizational domain (shop.bank.example) is.
    record = (
        "v=DMARC1; p=reject; psd=y; "
        "rua=mailto:psd-reports@bank.example,mailto:agg@reports.example.net"
    )
    server = dns_server({"_dmarc.bank.example": [("TXT", record)]})
    info = lookup(server, "shop.bank.example")
    assert (info.domain, info.org_domain, info.from_psd) == (
        "bank.example",
        "shop.bank.example",
        True,
    )
    found = dmarc_findings_list(info, "shop.bank.example")
    unauthorized = [f for f in found if f.code == "dmarc-report-unauthorized"]
    # Only the outside destination is named, and it must authorize bank.example.
    assert [f.params["uri"] for f in unauthorized] == ["mailto:agg@reports.example.net"]
    assert unauthorized[0].params["name"] == "bank.example._report._dmarc.reports.example.net"
    assert "mailto:psd-reports@bank.example" not in " ".join(f.message for f in found)
    assert not any(n.endswith("._report._dmarc.bank.example") for n, _, _ in server.queries)


def dmarc_findings_list(info: DmarcInfo, sender: str) -> list[Finding]:
    result = Result(
        inputs=Inputs(sender=sender, recipient="example.net"),
        sender_domain=Domain(sender, sender),
        recipient_domain=Domain("example.net", "example.net"),
        dmarc=info,
    )
    return dmarc_findings(result)


def test_a_hostile_list_of_report_destinations_is_bounded(dns_server: Any) -> None:
    rua = ",".join(f"mailto:r@d{i}.example.net" for i in range(300))
    server = dns_server({"_dmarc.example.com": [("TXT", f"v=DMARC1; p=none; rua={rua}")]})
    info = lookup(server, "example.com")
    asked = [n for n, _, _ in server.queries if "._report._dmarc." in n]
    assert len(asked) == MAX_REPORT_CHECKS
    assert len([k for k in keys(info) if k == "dmarc-report-unauthorized"]) == MAX_REPORT_CHECKS


# ---------------------------------------------------------------- hostile DNS


def test_huge_markup_records_and_silence_give_findings_not_tracebacks(dns_server: Any) -> None:
    huge = "v=DMARC1; p=reject; " + "x<b>=" * 4000
    server = dns_server(
        {
            "_dmarc.example.com": [("TXT", huge)],
            "_dmarc.example.org": [TIMEOUT],
        }
    )
    info = lookup(server, "example.com")
    assert info.policy == "reject"
    assert all(len(v) < 300 for _, params in info.issues for _, v in params)
    info = lookup(server, "example.org")
    assert info.error_code == "lookup"
    assert dict(info.error_params)["outcome"] == "TIMEOUT"
    assert "dmarc-error/lookup" in findings_of(info, "example.org")


# ---------------------------------------------------------------- evaluation


def _info(record_policy: str = "reject", **kw: Any) -> DmarcInfo:
    base: dict[str, Any] = {
        "domain": "example.com",
        "record": f"v=DMARC1; p={record_policy}",
        "policy": record_policy,
        "subdomain_policy": None,
        "org_domain": "example.com",
        "author": "example.com",
    }
    base.update(kw)
    return DmarcInfo(**base)


def test_evaluate_spf_aligned_pass() -> None:
    result = evaluate_dmarc(_info(), "example.com", "pass", "bounce.example.com", [])
    assert isinstance(result, DmarcResult)
    assert (result.result, result.spf_aligned, result.dkim_aligned) == ("pass", True, False)
    assert (result.policy_domain, result.disposition) == ("example.com", "none")
    assert "SPF" in result.reason
    assert dmarc_result_findings(result, "example.com") == []


def test_evaluate_dkim_only_aligned_pass() -> None:
    dkim = [("other.example.net", "pass"), ("example.com", "pass")]
    result = evaluate_dmarc(_info(), "example.com", "fail", "example.com", dkim)
    assert (result.result, result.spf_aligned, result.dkim_aligned) == ("pass", False, True)


def test_evaluate_strict_dkim_does_not_align_a_subdomain() -> None:
    info = _info(adkim="s")
    result = evaluate_dmarc(info, "example.com", "softfail", None, [("sub.example.com", "pass")])
    assert (result.result, result.dkim_aligned, result.disposition) == ("fail", False, "reject")
    [found] = dmarc_result_findings(result, "example.com")
    assert (found.code, found.severity.value) == ("dmarc-fail", "error")
    relaxed = evaluate_dmarc(_info(), "example.com", None, None, [("sub.example.com", "pass")])
    assert relaxed.result == "pass"


def test_evaluate_testing_applies_one_level_less() -> None:
    result = evaluate_dmarc(_info(testing=True), "example.com", "fail", "example.com", [])
    assert (result.result, result.disposition) == ("fail", "quarantine")
    assert "t=y" in result.reason
    result = evaluate_dmarc(_info("quarantine", testing=True), "example.com", None, None, [])
    assert result.disposition == "none"


def test_evaluate_subdomain_and_non_existent_policies() -> None:
    info = _info(
        subdomain_policy="quarantine", np="none", from_org_domain=True, author="a.example.com"
    )
    assert evaluate_dmarc(info, "a.example.com", None, None, []).disposition == "quarantine"
    gone = _info(
        subdomain_policy="quarantine",
        np="none",
        from_org_domain=True,
        author="a.example.com",
        author_exists=False,
    )
    assert evaluate_dmarc(gone, "a.example.com", None, None, []).disposition == "none"


def test_evaluate_temperror_when_the_record_lookup_failed(dns_server: Any) -> None:
    server = dns_server(
        {"_dmarc.example.com": [("TXT", "v=DMARC1; p=reject")]}, servfail=["_dmarc.example.com"]
    )
    info = lookup(server, "example.com")
    result = evaluate_dmarc(info, "example.com", "pass", "example.com", [])
    assert (result.result, result.disposition) == ("temperror", "none")


def test_relaxed_alignment_uses_the_tree_walk_organizational_domain(dns_server: Any) -> None:
    # A psd=n record between the d= domain and the From domain's organizational domain makes
    # them different organizations, though one is a subdomain of the other.
    server = dns_server(
        {
            "_dmarc.example.com": [("TXT", "v=DMARC1; p=reject")],
            "_dmarc.dept.example.com": [("TXT", "v=DMARC1; p=none; psd=n")],
        }
    )
    source = source_for(server)
    info = lookup(server, "example.com")
    orgs = asyncio.run(org_domains_for(source, ["mail.dept.example.com", "news.example.com"]))
    assert orgs == {"mail.dept.example.com": "dept.example.com", "news.example.com": "example.com"}
    dkim = [("mail.dept.example.com", "pass")]
    result = evaluate_dmarc(info, "example.com", None, None, dkim, org_domains=orgs)
    assert result.result == "fail"
    dkim = [("news.example.com", "pass")]
    assert evaluate_dmarc(info, "example.com", None, None, dkim, org_domains=orgs).dkim_aligned
    assert aligned("A.example.com", "a.example.com.", "s", lambda n: n)


# ---------------------------------------------------------------- check and JSON


def test_check_reports_the_new_dmarc_fields(dns_server: Any) -> None:
    zone: dict[str, list[Any]] = {
        "example.org": [("TXT", "v=spf1 -all"), ("MX", (10, "mx.example.org"))],
        "mx.example.org": [("A", "192.0.2.25")],
        "_dmarc.example.org": [("TXT", "v=DMARC1; p=reject; np=quarantine; t=y; psd=n")],
        "example.net": [("MX", (10, "mx.example.net"))],
        "mx.example.net": [("A", "198.51.100.1")],
    }
    server = dns_server(zone)
    result = asyncio.run(analyze(source_for(server), "example.org", "example.net"))
    data = result_to_json(result)["dmarc"]
    assert data["np"] == "quarantine"
    assert data["psd"] == "n"
    assert data["testing"] is True
    assert data["discovery"] == "tree-walk"
    assert data["legacy_policy_domain"] == "example.org"
    assert data["policy"] == "reject"
    codes = {f.template for f in result.findings}
    assert "dmarc-testing" in codes
