"""A resolver that answers nothing is named as the failure, not blamed on the recipient.

`mailpath check` / `mailpath spf` exit 2 with one line naming the resolver and the cause when
no question of the run got any reply (refused, TLS, HTTP status, silence) and a probe of the
root's NS got none either; a zone whose servers are silent while the resolver answers the
rest stays a verdict (exit 0)."""

from __future__ import annotations

import json
import re
import socket
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from mailpath.cli import main
from tests.support.dnsserver import TIMEOUT, DnsTestServer
from tests.support.doh import DohServer, LocalCa, TlsDnsServer

ZONE = {
    "example.com": [("TXT", "v=spf1 ip4:192.0.2.25 -all"), ("MX", (10, "mx.example.com"))],
    "_dmarc.example.com": [("TXT", "v=DMARC1; p=reject")],
    "mx.example.com": [("A", "192.0.2.25")],
    "25.2.0.192.in-addr.arpa": [("PTR", "mx.example.com")],
    "example.net": [("MX", (10, "mx.example.net"))],
    "mx.example.net": [("A", "192.0.2.80")],
}


def closed_port(kind: int) -> int:
    """A loopback port nothing listens on (of that socket kind), as the OS knows."""
    with socket.socket(socket.AF_INET, kind) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def run_check(
    capsys: pytest.CaptureFixture[str], nameserver: str, *extra: str, command: str = "check"
) -> tuple[int, str, str, float]:
    if command == "check":
        args = ["check", "example.com", "example.net", "--via", "192.0.2.25"]
    else:
        args = ["spf", "example.com", "192.0.2.25"]
    started = time.monotonic()
    code = main([*args, "-n", nameserver, *extra])
    elapsed = time.monotonic() - started
    out, err = capsys.readouterr()
    return code, out, err, elapsed


def one_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1, lines
    line = lines[0]
    # No Python reprs, no tuples, no empty reasons.
    assert not re.search(r"\(\)|\('|\['|Errno|Error\(|\(\s*\)", line), line
    return line


@pytest.fixture
def upstream() -> Iterator[DnsTestServer]:
    with DnsTestServer(ZONE) as server:
        yield server


@pytest.fixture
def ca(tmp_path: Path) -> LocalCa:
    return LocalCa(tmp_path)


@pytest.mark.parametrize("command", ["check", "spf"])
def test_a_stopped_server_is_refused_at_once(
    capsys: pytest.CaptureFixture[str], command: str
) -> None:
    server = DnsTestServer(ZONE).start()
    server.stop()  # its port is closed now: UDP gets ICMP port unreachable, TCP a reset
    ns = f"127.0.0.1:{server.port}"
    code, out, err, elapsed = run_check(capsys, ns, "--timeout", "5", command=command)
    assert code == 2
    assert out == ""
    assert one_line(err) == f"mailpath: the resolver {ns} does not answer (connection refused)"
    assert elapsed < 2.0, f"a refused resolver took {elapsed:.2f} s (the timeout is 5 s)"


def test_closed_dot_and_doh_ports_are_refused_at_once(capsys: pytest.CaptureFixture[str]) -> None:
    for ns in (
        f"tls://127.0.0.1:{closed_port(socket.SOCK_STREAM)}",
        f"https://127.0.0.1:{closed_port(socket.SOCK_STREAM)}/dns-query",
    ):
        code, _, err, elapsed = run_check(capsys, ns, "--timeout", "5")
        assert code == 2, ns
        assert one_line(err) == f"mailpath: the resolver {ns} does not answer (connection refused)"
        assert elapsed < 2.0, f"{ns}: {elapsed:.2f} s"


def test_a_silent_server_is_named_after_its_timeout(capsys: pytest.CaptureFixture[str]) -> None:
    with DnsTestServer(ZONE, silent=True) as server:
        code, out, err, elapsed = run_check(capsys, server.nameserver, "--timeout", "0.5")
    assert code == 2
    assert out == ""
    line = one_line(err)
    assert line == (
        f"mailpath: the resolver {server.nameserver} does not answer (no answer within 0.5 s)"
    )
    # The first questions' timeout, one probe, and nothing more.
    assert elapsed < 2.5, f"{elapsed:.2f} s"


def test_doh_http_error_and_untrusted_certificate(
    capsys: pytest.CaptureFixture[str], upstream: DnsTestServer, ca: LocalCa, tmp_path: Path
) -> None:
    with DohServer(upstream, ca) as doh:
        wrong_path = doh.nameserver.replace("/dns-query", "/no-such-path")
        code, _, err, elapsed = run_check(capsys, wrong_path, "--ca-file", ca.ca_file)
        assert code == 2
        assert (
            one_line(err)
            == f"mailpath: the resolver {wrong_path} does not answer (HTTP status 404)"
        )
        assert elapsed < 2.0
        other = LocalCa(tmp_path)
        code, _, err, _ = run_check(
            capsys, doh.nameserver, "--ca-file", other.ca_file, command="spf"
        )
        assert code == 2
        assert one_line(err) == (
            f"mailpath: the resolver {doh.nameserver} does not answer (its TLS certificate is "
            "not trusted: unable to get local issuer certificate)"
        )


def test_dot_with_an_untrusted_certificate_names_the_server(
    capsys: pytest.CaptureFixture[str], upstream: DnsTestServer, ca: LocalCa, tmp_path: Path
) -> None:
    with TlsDnsServer(upstream, ca) as dot:
        code, _, err, _ = run_check(
            capsys, dot.nameserver, "--ca-file", LocalCa(tmp_path).ca_file, command="spf"
        )
    assert code == 2
    assert dot.nameserver in one_line(err)
    assert "TLS certificate is not trusted" in err


def test_one_silent_zone_is_still_a_verdict(capsys: pytest.CaptureFixture[str]) -> None:
    zone: dict[str, Any] = dict(ZONE)
    zone["example.net"] = [TIMEOUT]  # the recipient's zone says nothing; the rest answers
    with DnsTestServer(zone) as server:
        code, out, err, _ = run_check(capsys, server.nameserver, "--timeout", "0.5", "--json")
    assert code == 0, err
    data = json.loads(out)
    assert data["mx"]["kind"] == "error"
    assert "mx-lookup-failed" in [f["code"] for f in data["findings"]]
    assert "does not answer" not in err


def test_a_resolver_that_only_refuses_is_alive(capsys: pytest.CaptureFixture[str]) -> None:
    # REFUSED is a reply: the resolver works, it will not answer these names. A verdict.
    with DnsTestServer(ZONE, refused={"example.com", "example.net"}) as server:
        code, _, err, _ = run_check(capsys, server.nameserver, "--timeout", "0.5")
    assert code == 0, err
