"""BIMI through real sockets: the records and the HTTPS host names served by the loopback DNS
server, the logos and mark certificates by a loopback HTTPS server (port 443, a test CA)."""

from __future__ import annotations

import asyncio
import datetime as dt
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import trustme

from mailpath.core.auth.bimi import (
    TEMPLATES,
    BimiReport,
    bimi_findings,
    check_bimi,
    parse_record,
)
from mailpath.core.auth.bimi_svg import check_svg
from mailpath.core.auth.dmarc import lookup_dmarc
from mailpath.core.dns.sources import Deadline, LiveSource, Nameserver
from mailpath.core.model import Severity
from tests.support.dnsserver import TIMEOUT, DnsTestServer
from tests.support.httpsserver import HttpsTestServer, Reply

SVG = "image/svg+xml"
#: The profile's limit, written out: the module's constant is what is under test.
SVG_LIMIT = 32 * 1024


def logo(
    *,
    title: str = "<title>Brand</title>",
    viewbox: str = "0 0 100 100",
    extra: str = "",
    root: str = "",
) -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<svg xmlns="http://www.w3.org/2000/svg" version="1.2" baseProfile="tiny-ps" '
        f'viewBox="{viewbox}"{root}>{title}'
        f'<circle cx="50" cy="50" r="40" fill="#c00"/>{extra}</svg>'
    ).encode()


GOOD = logo()
SCRIPT = logo(extra="<script>alert(1)</script>")
NOT_SQUARE = logo(viewbox="0 0 200 100")
TOO_LARGE = logo(extra="<!--" + "x" * (SVG_LIMIT + 1000) + "-->")
BOMB = (
    b'<?xml version="1.0"?>\n<!DOCTYPE svg [\n<!ENTITY a "aaaaaaaaaa">\n'
    + b"".join(
        f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">\n'.encode() for i in range(9)
    )
    + b']>\n<svg xmlns="http://www.w3.org/2000/svg" version="1.2" baseProfile="tiny-ps" '
    b'viewBox="0 0 1 1"><title>&j;</title></svg>'
)


def vmc(ca: trustme.CA, not_after: dt.datetime) -> bytes:
    start = not_after - dt.timedelta(days=365)
    leaf = ca.issue_cert("brand.test", not_before=start, not_after=not_after)
    return b"".join(blob.bytes() for blob in leaf.cert_chain_pems)


class World:
    def __init__(self, dns: DnsTestServer, https: HttpsTestServer, ca_file: str) -> None:
        self.dns = dns
        self.https = https
        self.ca_file = ca_file

    def source(self) -> LiveSource:
        return LiveSource([Nameserver(self.dns.address, self.dns.port)], timeout=0.5, budget=10.0)

    def check(self, domain: str, **kwargs: Any) -> BimiReport:
        async def run() -> BimiReport:
            source = self.source()
            dmarc = await lookup_dmarc(source, domain)
            kwargs.setdefault("ca_file", self.ca_file)
            return await check_bimi(source, domain, dmarc=dmarc, **kwargs)

        return asyncio.run(run())


def bimi(location: str, authority: str = "") -> str:
    return f"v=BIMI1; l={location}; a={authority}"


ENFORCED = "v=DMARC1; p=reject"

#: domain -> (DMARC record, BIMI record at default._bimi)
DOMAINS = {
    "brand.test": (ENFORCED, bimi("https://logo.test/good.svg", "https://logo.test/vmc.pem")),
    "script.test": (ENFORCED, bimi("https://logo.test/script.svg")),
    "oblong.test": (ENFORCED, bimi("https://logo.test/oblong.svg")),
    "large.test": (ENFORCED, bimi("https://logo.test/large.svg")),
    "bomb.test": (ENFORCED, bimi("https://logo.test/bomb.svg")),
    "moved.test": (ENFORCED, bimi("https://logo.test/moved.svg")),
    "stalled.test": (ENFORCED, bimi("https://logo.test/stalled.svg")),
    "expired.test": (
        ENFORCED,
        bimi("https://logo.test/good.svg", "https://logo.test/expired.pem"),
    ),
    "hugecert.test": (
        ENFORCED,
        bimi("https://logo.test/good.svg", "https://logo.test/huge.pem"),
    ),
    "badcert.test": (
        ENFORCED,
        bimi("https://logo.test/good.svg", "https://logo.test/good.svg"),
    ),
    "none.test": ("v=DMARC1; p=none", bimi("https://logo.test/good.svg")),
    "half.test": ("v=DMARC1; p=reject; pct=50", bimi("https://logo.test/good.svg")),
    "opensub.test": ("v=DMARC1; p=reject; sp=none", bimi("https://logo.test/good.svg")),
    "plain.test": (ENFORCED, bimi("http://logo.test/good.svg")),
    "declined.test": (ENFORCED, "v=BIMI1; l=; a=;"),
    "nologo.test": (ENFORCED, None),
}


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    ca = trustme.CA()
    ca_file = str(Path(tmp_path_factory.mktemp("bimi")) / "ca.pem")
    ca.cert_pem.write_to_path(ca_file)
    now = dt.datetime.now(dt.UTC)
    routes = {
        "/good.svg": Reply(200, GOOD, {"Content-Type": SVG}),
        "/script.svg": Reply(200, SCRIPT, {"Content-Type": SVG}),
        "/oblong.svg": Reply(200, NOT_SQUARE, {"Content-Type": SVG}),
        "/large.svg": Reply(200, TOO_LARGE, {"Content-Type": SVG}),
        "/bomb.svg": Reply(200, BOMB, {"Content-Type": SVG}),
        "/moved.svg": Reply(301, b"", {"Location": "https://logo.test/good.svg"}),
        "/stalled.svg": Reply(200, GOOD, {"Content-Type": SVG}, delay=60.0),
        "/huge.pem": Reply(200, b"-" * (300 * 1024)),
        "/vmc.pem": Reply(200, vmc(ca, now + dt.timedelta(days=200))),
        "/expired.pem": Reply(200, vmc(ca, now - dt.timedelta(days=3))),
    }
    zone: dict[str, list[Any]] = {"multi.test": [("A", "192.0.2.1")]}
    zone["default._bimi.multi.test"] = [
        ("TXT", bimi("https://logo.test/good.svg")),
        ("TXT", bimi("https://logo.test/script.svg")),
    ]
    zone["_dmarc.multi.test"] = [("TXT", ENFORCED)]
    zone["_dmarc.slow.test"] = [("TXT", ENFORCED)]
    zone["default._bimi.slow.test"] = [TIMEOUT]
    for domain, (dmarc, record) in DOMAINS.items():
        zone[domain] = [("A", "192.0.2.1")]
        zone[f"_dmarc.{domain}"] = [("TXT", dmarc)]
        if record is not None:
            zone[f"default._bimi.{domain}"] = [("TXT", record)]
    zone["mail.brand.test"] = [("A", "192.0.2.2")]
    with HttpsTestServer(ca, ("logo.test",), routes) as https:
        zone["logo.test"] = [("A", https.address)]
        with DnsTestServer(zone) as dns:
            yield World(dns, https, ca_file)


def templates(report: BimiReport) -> list[str]:
    return [f.template for f in bimi_findings(report)]


# ---------------------------------------------------------------- the whole path


def test_good_logo_and_valid_certificate(world: World) -> None:
    report = world.check("brand.test")
    data = report.to_json()
    assert data["record"] == bimi("https://logo.test/good.svg", "https://logo.test/vmc.pem")
    assert data["selector"] == "default"
    assert data["location"] == "https://logo.test/good.svg"
    assert data["authority"] == "https://logo.test/vmc.pem"
    assert data["eligible"] is True
    assert data["svg"]["valid"] is True and data["svg"]["errors"] == []
    assert data["certificate"]["expired"] is False
    not_after = dt.datetime.fromisoformat(data["certificate"]["not_after"])
    assert not_after > dt.datetime.now(dt.UTC) + dt.timedelta(days=100)
    assert data["error"] is None
    assert bimi_findings(report) == []
    # The logo's host was resolved through the run's DNS and named in SNI and Host.
    assert ("logo.test", "A", "udp") in world.dns.queries
    assert "logo.test" in world.https.sni
    assert ("logo.test", "/good.svg") in world.https.requests


def test_logo_with_a_script_is_refused(world: World) -> None:
    report = world.check("script.test")
    assert report.svg is not None and report.to_json()["svg"]["errors"] == ["script"]
    (found,) = bimi_findings(report)
    assert found.code == "bimi-svg-invalid" and found.params["violations"] == "script"


def test_logo_that_is_not_square_is_refused(world: World) -> None:
    report = world.check("oblong.test")
    assert report.to_json()["svg"]["errors"] == ["not-square"]
    assert templates(report) == ["bimi-svg-invalid"]


def test_logo_over_32_kib_is_refused(world: World) -> None:
    report = world.check("large.test")
    data = report.to_json()
    assert data["svg"]["valid"] is False and data["svg"]["errors"] == ["too-large"]
    assert data["svg"]["violations"][0]["params"]["limit"] == str(SVG_LIMIT)
    assert templates(report) == ["bimi-svg-invalid"]


def test_entity_bomb_is_refused_not_expanded(world: World) -> None:
    started = time.monotonic()
    report = world.check("bomb.test")
    assert report.to_json()["svg"]["errors"] == ["doctype"]
    assert time.monotonic() - started < 5
    # Directly too: a billion laughs is refused, and nothing is expanded.
    checked = check_svg(BOMB)
    assert [p.key for p in checked.problems] == ["doctype"]


def test_redirect_is_not_followed(world: World) -> None:
    report = world.check("moved.test")
    assert report.svg is None
    assert report.svg_problem is not None and report.svg_problem.key == "fetch-redirect"
    assert dict(report.svg_problem.params)["location"] == "https://logo.test/good.svg"
    assert templates(report) == ["bimi-invalid/fetch-redirect"]
    moved = [path for _host, path in world.https.requests]
    assert moved.count("/moved.svg") >= 1
    # Everything this check asked for has been answered: the redirect target was not.
    index = len(world.https.requests)
    report = world.check("moved.test")
    assert [p for _h, p in world.https.requests[index:]] == ["/moved.svg"]


def test_a_stalled_server_ends_at_the_deadline(world: World) -> None:
    started = time.monotonic()
    report = world.check("stalled.test", deadline=Deadline(started + 1.0, 1.0))
    assert time.monotonic() - started < 4
    assert report.svg is None and report.svg_problem is not None
    assert report.svg_problem.key == "fetch-timeout"
    assert templates(report) == ["bimi-invalid/fetch-timeout"]


def test_expired_mark_certificate(world: World) -> None:
    report = world.check("expired.test")
    assert report.certificate is not None
    data = report.to_json()["certificate"]
    assert data["expired"] is True
    assert dt.datetime.fromisoformat(data["not_after"]) < dt.datetime.now(dt.UTC)
    (found,) = bimi_findings(report)
    assert found.template == "bimi-certificate-expired"
    assert found.severity is Severity.ERROR
    assert found.params["not_after"] == data["not_after"]


@pytest.mark.parametrize(
    ("domain", "key"),
    [("hugecert.test", "certificate-too-large"), ("badcert.test", "certificate-unreadable")],
)
def test_a_certificate_that_is_not_one(world: World, domain: str, key: str) -> None:
    report = world.check(domain)
    assert report.certificate is None and report.certificate_problem is not None
    assert report.certificate_problem.key == key
    assert report.to_json()["certificate_error"]["params"]["url"] == report.authority
    assert templates(report) == [f"bimi-invalid/{key}"]


def test_an_untrusted_https_certificate_is_a_tls_failure(world: World) -> None:
    # Without the test CA the system's CAs decide: the loopback server's certificate fails.
    report = world.check("brand.test", ca_file=None)
    assert report.svg is None and report.svg_problem is not None
    assert report.svg_problem.key == "fetch-tls"
    assert report.certificate_problem is not None
    assert report.certificate_problem.key == "fetch-tls"


# ---------------------------------------------------------------- DMARC prerequisites


@pytest.mark.parametrize(
    ("domain", "missing"),
    [
        ("none.test", ["dmarc-policy"]),
        ("half.test", ["dmarc-pct"]),
        ("opensub.test", ["dmarc-sp-none"]),
        ("brand.test", []),
    ],
)
def test_dmarc_prerequisites(world: World, domain: str, missing: list[str]) -> None:
    report = world.check(domain, fetch=False)
    assert report.eligible is (not missing)
    assert [p.key for p in report.prerequisites] == missing
    assert templates(report) == [f"bimi-not-eligible/{key}" for key in missing]
    for found in bimi_findings(report):
        assert found.params["domain"] == domain


# ---------------------------------------------------------------- the record


def test_record_falls_back_to_the_organizational_domain(world: World) -> None:
    report = world.check("mail.brand.test", fetch=False)
    assert report.queried == ("default._bimi.mail.brand.test", "default._bimi.brand.test")
    assert report.record_name == "default._bimi.brand.test"
    assert report.location == "https://logo.test/good.svg"


def test_custom_selector_falls_back_to_default_at_the_organizational_domain(
    world: World,
) -> None:
    report = world.check("brand.test", selector="spring", fetch=False)
    assert report.to_json()["selector"] == "spring"
    assert report.queried == ("spring._bimi.brand.test", "default._bimi.brand.test")
    assert report.record is not None


def test_http_location_is_invalid(world: World) -> None:
    report = world.check("plain.test")
    assert report.to_json()["error"] == "not-https"
    assert templates(report) == ["bimi-invalid/not-https"]
    assert not any(path == "/good.svg" and host == "" for host, path in world.https.requests)


def test_declining_record_and_no_record_give_no_finding(world: World) -> None:
    declined = world.check("declined.test")
    assert declined.declined and declined.location is None and declined.error is None
    assert declined.svg is None and bimi_findings(declined) == []
    missing = world.check("nologo.test")
    assert missing.to_json()["record"] is None and missing.to_json()["error"] == "no-record"
    assert bimi_findings(missing) == []


def test_two_records_are_invalid(world: World) -> None:
    report = world.check("multi.test", fetch=False)
    assert report.error is not None and report.error.key == "multiple-records"
    assert templates(report) == ["bimi-invalid/multiple-records"]


def test_a_lookup_timeout_is_not_no_record(world: World) -> None:
    report = world.check("slow.test", fetch=False)
    assert report.error is not None and report.error.key == "lookup"
    assert dict(report.error.params)["outcome"] == "TIMEOUT"
    assert templates(report) == ["bimi-invalid/lookup"]


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("v=BIMI1; l=https://x.test/a.svg; a=", None),
        ("v=BIMI1; l=; a=;", None),
        ("v=BIMI1; l=ftp://x.test/a.svg", "not-https"),
        ("v=BIMI1; l=https://x.test/a.svg; a=http://x.test/c.pem", "not-https"),
        ("v=BIMI1; l=https:///a.svg", "bad-uri"),
        ("v=BIMI1; l=https://x.test/a.svg; l=https://x.test/b.svg", "duplicate-tag"),
        ("v=BIMI1; l https://x.test/a.svg", "syntax"),
        ("l=https://x.test/a.svg; v=BIMI1", "version"),
        ("v=BIMI1;", "no-location"),
    ],
)
def test_record_syntax(text: str, key: str | None) -> None:
    parsed = parse_record(text)
    assert getattr(parsed, "key", None) == key


# ---------------------------------------------------------------- the profile


@pytest.mark.parametrize(
    ("svg", "keys"),
    [
        (GOOD, []),
        (logo(title=""), ["title"]),
        (logo(root=' x="0"'), ["root-position"]),
        (logo(extra='<image href="https://evil.test/a.png"/>'), ["image"]),
        (
            logo(extra='<use xmlns:xlink="http://www.w3.org/1999/xlink" xlink:href="http://e/x"/>'),
            ["external-reference"],
        ),
        (logo(extra='<use href="#a"/>'), []),
        (logo(extra="<foreignObject/>"), ["foreign-object"]),
        (logo(extra='<rect onclick="x()"/>'), ["event-attribute"]),
        (GOOD.replace(b'baseProfile="tiny-ps"', b'baseProfile="tiny"'), ["base-profile"]),
        (GOOD.replace(b'version="1.2"', b'version="1.1"'), ["version"]),
        (b"<svg", ["not-xml"]),
    ],
)
def test_svg_profile(svg: bytes, keys: list[str]) -> None:
    assert [p.key for p in check_svg(svg).problems] == keys


def test_every_template_has_japanese() -> None:
    import re
    import xml.etree.ElementTree as ET

    from mailpath.paths import resource

    root = ET.parse(resource("i18n", "mailpath_ja.ts")).getroot()
    japanese = {
        m.findtext("source"): m.findtext("translation")
        for ctx in root.iter("context")
        if ctx.findtext("name") == "FindingTemplates"
        for m in ctx.iter("message")
    }
    for key, (message, fix) in TEMPLATES.items():
        for source in (message, fix):
            if source is None:
                continue
            text = japanese.get(source)
            assert text and re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", text), (key, source)
            assert sorted(re.findall(r"\{[^}]*\}", text)) == sorted(
                re.findall(r"\{[^}]*\}", source)
            ), key
