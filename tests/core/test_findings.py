"""Findings a person acts on, from zones served by the loopback server."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from mailpath.core.analysis import analyze
from mailpath.core.dns.sources import LiveSource, Nameserver
from mailpath.core.model import Result

HOST = "out.example.org"


def zone(record: str, **extra: list[Any]) -> dict[str, list[Any]]:
    z: dict[str, list[Any]] = {
        "example.org": [("TXT", record)],
        HOST: [("A", "192.0.2.10"), ("AAAA", "2001:db8::10")],
        "10.2.0.192.in-addr.arpa": [("PTR", "wrong.example.org")],
        "wrong.example.org": [("A", "192.0.2.99")],
        "example.net": [("MX", (10, "mx.example.net"))],
        "mx.example.net": [("A", "198.51.100.1")],
        "_dmarc.example.org": [("TXT", "v=DMARC1; p=none")],
    }
    z.update(extra)
    return z


def check(server: Any) -> Result:
    source = LiveSource([Nameserver(server.address, server.port)], timeout=0.5, budget=10)
    return asyncio.run(analyze(source, "example.org", "example.net", HOST))


def by_code(result: Result) -> dict[str, Any]:
    return {f.code: f for f in result.findings}


def test_over_ten_lookups_names_the_branch(dns_server: Any) -> None:
    includes = {f"i{n}.example.org": [("TXT", "v=spf1 a mx -all")] for n in range(6)}
    record = "v=spf1 " + " ".join(f"include:i{n}.example.org" for n in range(6)) + " -all"
    result = check(dns_server(zone(record, **includes)))
    finding = by_code(result)["spf-too-many-lookups"]
    assert finding.severity.value == "error"
    assert "18 DNS lookups" in finding.message
    assert "i3.example.org" in finding.message


def test_pass_all_and_ptr_are_flagged(dns_server: Any) -> None:
    result = check(dns_server(zone("v=spf1 ptr +all")))
    codes = by_code(result)
    assert "spf-pass-all" in codes
    assert "spf-ptr" in codes


def test_neutral_all(dns_server: Any) -> None:
    result = check(dns_server(zone(f"v=spf1 a:{HOST} ?all")))
    assert "spf-neutral-all" in by_code(result)


def test_fcrdns_failure_and_dmarc_none(dns_server: Any) -> None:
    result = check(dns_server(zone(f"v=spf1 a:{HOST} -all")))
    codes = by_code(result)
    assert "192.0.2.10" in codes["fcrdns-failed"].message
    assert "wrong.example.org" in codes["fcrdns-failed"].message
    assert codes["dmarc-policy-none"].severity.value == "info"
    assert "ptr-missing" in codes  # the IPv6 address has no PTR at all


def test_permerror_names_the_term(dns_server: Any) -> None:
    result = check(dns_server(zone("v=spf1 ip4:192.0.2.300 -all")))
    finding = by_code(result)["spf-permerror"]
    assert "ip4:192.0.2.300" in finding.message


@pytest.mark.parametrize(
    ("record", "expected"),
    [
        # The fix keeps every current term and adds the host before `all`.
        (
            "v=spf1 mx include:_spf.example.com -all",
            f"v=spf1 mx include:_spf.example.com a:{HOST} -all",
        ),
        # A redirect: mechanisms go before the modifier.
        (
            "v=spf1 ip4:198.51.100.0/24 redirect=_spf.example.com",
            f"v=spf1 ip4:198.51.100.0/24 a:{HOST} redirect=_spf.example.com",
        ),
    ],
)
def test_fix_keeps_current_terms(dns_server: Any, record: str, expected: str) -> None:
    extra = {"_spf.example.com": [("TXT", "v=spf1 ip4:198.51.100.0/24 -all")]}
    result = check(dns_server(zone(record, **extra)))
    finding = by_code(result)["spf-not-authorized"]
    assert f'"{expected}"' in finding.fix


def test_fix_uses_ip_terms_when_a_lookup_would_cross_the_limit(dns_server: Any) -> None:
    includes = {f"i{n}.example.org": [("TXT", "v=spf1 ip4:198.51.100.1 -all")] for n in range(10)}
    record = "v=spf1 " + " ".join(f"include:i{n}.example.org" for n in range(10)) + " -all"
    result = check(dns_server(zone(record, **includes)))
    fix = by_code(result)["spf-not-authorized"].fix
    assert "ip4:192.0.2.10 ip6:2001:db8::10 -all" in fix
    assert f"a:{HOST}" not in fix


def test_every_finding_renders_from_its_template(dns_server: Any) -> None:
    """Translations render a finding from (template, params): they must say the same."""
    from mailpath.core.judgement.findings import TEMPLATES

    zone_data = zone("v=spf1 ptr ?all", **{"_dmarc.example.org": [("TXT", "v=DMARC1; p=x")]})
    result = check(dns_server(zone_data))
    assert len(result.findings) >= 4
    for f in result.findings:
        message, fix = TEMPLATES[f.template]
        assert f.code == f.template.split("/")[0]
        # The cause is the template's; the receiver model may add a consequence clause.
        assert (f.cause or f.message) == message.format(**f.params)
        assert f.fix == (fix.format(**f.params) if fix else None)


# ---------------------------------------------------------------- two SPF records


def two_records(*records: str) -> dict[str, list[Any]]:
    z = zone(records[0])
    z["example.org"] = [("TXT", r) for r in records] + [("TXT", "google-site-verification=x")]
    return z


def check_without_host(server: Any) -> Result:
    source = LiveSource([Nameserver(server.address, server.port)], timeout=0.5, budget=10)
    return asyncio.run(analyze(source, "example.org", "example.net", None))


def test_two_spf_records_are_one_error_with_the_merged_record(dns_server: Any) -> None:
    # RFC 7208 4.5: two v=spf1 records are permerror for every client; say so once, with
    # the one record to publish instead.
    server = dns_server(
        two_records(f"v=spf1 a:{HOST} -all", "v=spf1 ip4:198.51.100.0/24 a:" + HOST + " ~all")
    )
    for result in (check(server), check_without_host(server)):
        found = [f for f in result.findings if f.code == "spf-multiple-records"]
        assert len(found) == 1
        finding = found[0]
        assert finding.severity.value == "error"
        assert finding.subject == "dns:spf"
        assert f'"v=spf1 a:{HOST} -all"' in finding.message
        assert f'"v=spf1 ip4:198.51.100.0/24 a:{HOST} ~all"' in finding.message
        assert "2 SPF records" in finding.message
        merged = f"v=spf1 a:{HOST} ip4:198.51.100.0/24 ~all"
        assert finding.record == merged
        assert finding.fix is not None and f'"{merged}"' in finding.fix
        assert finding.fix.startswith("Merge them into one record")
        assert (finding.params["record_name"], finding.params["record_type"]) == (
            "example.org",
            "TXT",
        )
        # The same cause is not told twice as a bare permerror or record error.
        codes = [f.code for f in result.findings]
        assert "spf-permerror" not in codes and "spf-record-error" not in codes
    # With the sending host given, the merged record is checked against the same DNS.
    finding = by_code(check(server))["spf-multiple-records"]
    assert set(finding.verified) == {"192.0.2.10 pass", "2001:db8::10 pass"}


def test_two_spf_records_with_a_redirect_ask_for_a_manual_merge(dns_server: Any) -> None:
    server = dns_server(two_records("v=spf1 redirect=_spf.example.com", f"v=spf1 a:{HOST} -all"))
    finding = by_code(check(server))["spf-multiple-records"]
    assert finding.template == "spf-multiple-records/manual"
    assert finding.severity.value == "error"
    assert finding.record is None
    assert finding.fix is not None and "one all" in finding.fix
    assert "spf-permerror" not in by_code(check(server))


def test_one_spf_record_beside_other_txt_records_is_no_multiple(dns_server: Any) -> None:
    server = dns_server(two_records(f"v=spf1 a:{HOST} -all"))
    assert "spf-multiple-records" not in by_code(check(server))
