"""--nameserver over DoH and DoT: local encrypted fronts for the loopback test server, with a
test CA generated here; a certificate the client does not trust fails clearly, naming the
server, and nothing goes over plain DNS instead."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from mailpath.cli import main
from mailpath.core.dns.sources import Answer, LiveSource, Outcome
from mailpath.core.names import InputError, parse_nameserver
from tests.support.dnsserver import DnsTestServer
from tests.support.doh import DohServer, LocalCa, TlsDnsServer

ZONE = {
    "example.com": [("TXT", "v=spf1 ip4:192.0.2.25 -all"), ("MX", (10, "mx.example.com"))],
    "_dmarc.example.com": [("TXT", "v=DMARC1; p=reject")],
    "mx.example.com": [("A", "192.0.2.25")],
    "25.2.0.192.in-addr.arpa": [("PTR", "mx.example.com")],
    "example.net": [("MX", (10, "mx.example.net"))],
    "mx.example.net": [("A", "192.0.2.80")],
}


@pytest.fixture
def upstream() -> Iterator[DnsTestServer]:
    with DnsTestServer(ZONE, ttl=1234) as server:
        yield server


@pytest.fixture
def ca(tmp_path: Path) -> LocalCa:
    return LocalCa(tmp_path)


@pytest.fixture(params=["doh", "dot"])
def front(request: Any, upstream: DnsTestServer, ca: LocalCa) -> Iterator[Any]:
    kind = DohServer if request.param == "doh" else TlsDnsServer
    with kind(upstream, ca) as server:
        yield server


def ask(nameserver: str, ca_file: str | None, name: str = "example.com") -> Answer:
    source = LiveSource([parse_nameserver(nameserver)], timeout=3, ca_file=ca_file)
    answer = asyncio.run(source.query(name, "TXT"))
    return answer


def test_parse_nameserver_forms() -> None:
    doh = parse_nameserver("https://dns.example/dns-query")
    assert (doh.kind, doh.address, doh.port) == ("doh", "https://dns.example/dns-query", 443)
    assert str(parse_nameserver("https://127.0.0.1:8443")) == "https://127.0.0.1:8443/dns-query"
    dot = parse_nameserver("tls://192.0.2.1#dns.example")
    assert (dot.kind, dot.address, dot.port, dot.hostname) == (
        "dot",
        "192.0.2.1",
        853,
        "dns.example",
    )
    assert str(dot) == "tls://192.0.2.1#dns.example"
    assert str(parse_nameserver("tls://[2001:db8::1]:8853")) == "tls://[2001:db8::1]:8853"
    assert str(parse_nameserver("192.0.2.1:5353")) == "192.0.2.1:5353"
    for bad in ("tls://dns.example", "ftp://x", "https://", "tls://", "tls://1.2.3.4:0"):
        with pytest.raises(InputError):
            parse_nameserver(bad)


def test_encrypted_transport_answers_with_ttl(front: Any, ca: LocalCa) -> None:
    answer = ask(front.nameserver, ca.ca_file)
    assert answer.outcome is Outcome.OK
    assert answer.texts() == ["v=spf1 ip4:192.0.2.25 -all"]
    assert answer.ttl == 1234
    assert front.requests >= 1


def test_untrusted_certificate_fails_naming_the_server(
    front: Any, upstream: DnsTestServer, tmp_path: Path
) -> None:
    other = LocalCa(tmp_path)  # a CA that did not issue the server's certificate
    before = len(upstream.queries)
    source = LiveSource([parse_nameserver(front.nameserver)], timeout=3, ca_file=other.ca_file)
    answer = asyncio.run(source.query("example.com", "TXT"))
    assert answer.outcome is Outcome.ERROR
    assert "TLS certificate not trusted" in answer.detail
    assert "127.0.0.1" in answer.detail
    assert source.tls_failure is not None
    assert len(upstream.queries) == before  # nothing reached DNS by another way


def test_dot_certificate_must_carry_the_name(upstream: DnsTestServer, ca: LocalCa) -> None:
    with TlsDnsServer(upstream, ca) as dot:
        assert ask(f"{dot.nameserver}#dns.test", ca.ca_file).ok
        wrong = ask(f"{dot.nameserver}#other.test", ca.ca_file)
        assert wrong.outcome is Outcome.ERROR
        assert "TLS certificate not trusted" in wrong.detail


def test_cli_check_over_encrypted_transport(
    front: Any, ca: LocalCa, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(
        [
            "check",
            "example.com",
            "example.net",
            "--via",
            "192.0.2.25",
            "-n",
            front.nameserver,
            "--ca-file",
            ca.ca_file,
            "--json",
        ]
    )
    assert code == 0
    data = json.loads(capsys.readouterr().out)
    kind = "doh" if isinstance(front, DohServer) else "dot"
    assert data["resolver"] == {"kind": kind, "address": front.nameserver}
    assert data["verdict"]["code"] == "verified"
    assert data["spf"]["record"] == "v=spf1 ip4:192.0.2.25 -all"
    assert data["authoritative"] is None


def test_cli_ca_file_from_the_environment(
    front: Any, ca: LocalCa, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MAILPATH_CA_FILE", ca.ca_file)
    args = ["check", "example.com", "example.net", "--via", "192.0.2.25", "-n"]
    assert main([*args, front.nameserver, "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["verdict"]["code"] == "verified"


def test_cli_untrusted_certificate_is_one_clear_line(
    front: Any, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    other = LocalCa(tmp_path)
    code = main(
        ["check", "example.com", "example.net", "-n", front.nameserver, "--ca-file", other.ca_file]
    )
    assert code == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("mailpath: TLS certificate check failed for ")
    assert front.nameserver.split("/dns-query")[0] in lines[0]
    assert "no answer was taken over plain DNS" in lines[0]


def test_cli_missing_ca_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    missing = str(tmp_path / "nope.pem")
    code = main(
        ["check", "a.example", "b.example", "-n", "tls://127.0.0.1:9", "--ca-file", missing]
    )
    assert code == 2
    assert capsys.readouterr().err == f"mailpath: the CA file {missing} does not exist\n"
