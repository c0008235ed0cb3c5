"""Encrypted resolvers: the DoH server's name is looked up once
through the system's name service (or given as `#ADDRESS`), never over plain DNS; one
connection carries every question of a run (HTTP/2 for DoH, one TLS connection for DoT);
`--help` lists every accepted form (the window's error: tests/gui/test_resolver_forms.py);
`--authoritative` says the authoritative servers were asked over plain DNS.

The servers are the local DoH/DoT fronts of `tests.support.doh` over the loopback test server;
they count the TLS connections they accept."""

from __future__ import annotations

import asyncio
import json
import os
import re
import shutil
import socket
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from mailpath.cli import main
from mailpath.core.analysis import analyze
from mailpath.core.dns.authoritative import (
    authoritative_view,
    live_servers,
)
from mailpath.core.dns.authoritative_report import render_text, view_to_json
from mailpath.core.dns.sources import CachingSource, LiveSource
from mailpath.core.names import NAMESERVER_FORMS, InputError, parse_nameserver
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
CHECK = ["check", "example.com", "example.net", "--via", "192.0.2.25", "--timeout", "3"]


@pytest.fixture
def upstream() -> Iterator[DnsTestServer]:
    with DnsTestServer(ZONE) as server:
        yield server


@pytest.fixture
def ca(tmp_path: Path) -> LocalCa:
    return LocalCa(tmp_path, names=("127.0.0.1", "dns.test", "localhost"))


def _localhost_is_loopback_v4() -> bool:
    try:
        infos = socket.getaddrinfo("localhost", 443, type=socket.SOCK_STREAM)
    except OSError:
        return False
    return bool(infos) and infos[0][4][0] == "127.0.0.1"


needs_localhost = pytest.mark.skipif(
    not _localhost_is_loopback_v4(), reason="localhost is not 127.0.0.1 first on this system"
)


def run_check(nameserver: str, ca: LocalCa, *extra: str) -> tuple[int, dict[str, Any]]:
    import contextlib
    import io

    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = main([*CHECK, "--nameserver", nameserver, "--ca-file", ca.ca_file, "--json", *extra])
    return code, json.loads(out.getvalue())


def ask_many(live: LiveSource) -> list[str]:
    """Nine questions at once through one run's cache, then the run's end."""

    async def go() -> list[str]:
        cache = CachingSource(live)
        names = ("example.com", "mx.example.com", "nx.example.com")
        answers = await asyncio.gather(
            *(cache.query(n, t) for n in names for t in ("A", "TXT", "MX"))
        )
        await cache.aclose()
        return [a.outcome.value for a in answers]

    return asyncio.run(go())


def test_doh_address_after_hash_is_where_the_server_is(
    upstream: DnsTestServer, ca: LocalCa
) -> None:
    # dns.test exists in no DNS: only `#127.0.0.1` says where the server is; the certificate
    # is still checked against the URL's name.
    with DohServer(upstream, ca) as doh:
        text = f"https://dns.test:{doh.port}/dns-query#127.0.0.1"
        server = parse_nameserver(text)
        assert (server.bootstrap, str(server)) == ("127.0.0.1", text)
        live = LiveSource([server], timeout=3, ca_file=ca.ca_file)
        outcomes = ask_many(live)
        assert outcomes.count("ok") == 3 and "timeout" not in outcomes, outcomes
        assert live.sessions.lookups == 0
        assert (doh.connections, doh.versions) == (1, ["h2"])


def test_doh_certificate_is_checked_against_the_name_not_the_address(
    upstream: DnsTestServer, tmp_path: Path
) -> None:
    other = LocalCa(tmp_path, names=("127.0.0.1", "other.test"))
    with DohServer(upstream, other) as doh:
        live = LiveSource(
            [parse_nameserver(f"https://dns.test:{doh.port}/dns-query#127.0.0.1")],
            timeout=3,
            ca_file=other.ca_file,
        )
        answer = asyncio.run(live.query("example.com", "TXT"))
    assert answer.outcome.value == "error"
    assert live.tls_failure is not None and "dns.test" in live.tls_failure, live.tls_failure


@needs_localhost
def test_doh_name_is_looked_up_once_through_the_system(
    upstream: DnsTestServer, ca: LocalCa
) -> None:
    # `localhost` comes from /etc/hosts (getaddrinfo), which dnspython's stub resolver never
    # reads: a lookup through it would ask the system's DNS server instead.
    with DohServer(upstream, ca) as doh:
        live = LiveSource(
            [parse_nameserver(f"https://localhost:{doh.port}/dns-query")],
            timeout=3,
            ca_file=ca.ca_file,
        )
        outcomes = ask_many(live)
        assert outcomes.count("ok") == 3 and "timeout" not in outcomes, outcomes
        assert live.sessions.lookups == 1
        assert live.sessions.addresses == {"localhost": "127.0.0.1"}
        assert (doh.connections, doh.versions) == (1, ["h2"])


@needs_localhost
@pytest.mark.skipif(shutil.which("strace") is None, reason="strace is not installed")
def test_a_doh_run_sends_no_plain_dns_question(upstream: DnsTestServer, ca: LocalCa) -> None:
    """Watched from outside the process: no socket of a whole `check` run is connected or
    sends to port 53 (the old bootstrap asked the system's DNS server for the DoH name)."""
    log = Path(ca.ca_file).with_name("strace.log")
    with DohServer(upstream, ca) as doh:
        command = [
            shutil.which("strace") or "strace",
            "-f",
            "-qq",
            "-e",
            "trace=connect,sendto,sendmsg,sendmmsg",
            "-o",
            str(log),
            sys.executable,
            "-m",
            "mailpath",
            *CHECK,
            "--nameserver",
            f"https://localhost:{doh.port}/dns-query",
            "--ca-file",
            ca.ca_file,
            "--json",
        ]
        env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
        done = subprocess.run(command, capture_output=True, text=True, timeout=90, env=env)
        if done.returncode != 0 and "ptrace" in done.stderr:
            pytest.skip(f"strace cannot trace here: {done.stderr.strip()[:200]}")
        assert done.returncode == 0, done.stderr[-2000:]
        assert doh.requests >= 5 and doh.connections == 1
    calls = log.read_text()
    assert "connect(" in calls  # the trace saw the run's sockets
    to_port_53 = [line for line in calls.splitlines() if re.search(r"port=htons\(53\)", line)]
    assert to_port_53 == []


def test_a_check_over_doh_uses_one_http2_connection(upstream: DnsTestServer, ca: LocalCa) -> None:
    with DohServer(upstream, ca) as doh:
        code, data = run_check(doh.nameserver, ca)
        assert code == 0 and data["resolver"]["kind"] == "doh"
        assert doh.requests >= 5
        assert (doh.connections, doh.versions) == (1, ["h2"])


def test_a_check_over_dot_uses_one_tls_connection(upstream: DnsTestServer, ca: LocalCa) -> None:
    with TlsDnsServer(upstream, ca) as dot:
        code, data = run_check(dot.nameserver, ca)
        assert code == 0 and data["resolver"]["kind"] == "dot"
        assert dot.requests >= 5
        assert dot.connections == 1


def test_dot_reconnects_when_the_server_closes_the_connection(
    upstream: DnsTestServer, ca: LocalCa
) -> None:
    # The server answers 3 questions per connection, then closes it: of 5 questions sent at
    # once, 2 are left unanswered on the first connection and must be asked again.
    with TlsDnsServer(upstream, ca, close_after=3) as dot:
        live = LiveSource([parse_nameserver(dot.nameserver)], timeout=3, ca_file=ca.ca_file)
        names = ("example.com", "mx.example.com", "mx.example.net", "example.net", "nx.example")

        async def go() -> list[str]:
            answers = await asyncio.gather(*(live.query(name, "A") for name in names))
            after = await live.query("mx.example.com", "A")
            await live.close_connections()
            return [a.outcome.value for a in (*answers, after)]

        assert asyncio.run(go()) == ["nodata", "ok", "ok", "nodata", "nxdomain", "ok"]
        # 3 answered on the first connection, the 2 left and the last on the second.
        assert (dot.connections, dot.requests) == (2, 6)


def test_help_lists_every_nameserver_form(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["check", "--help"])
    text = " ".join(capsys.readouterr().out.split())
    for form in ("IP,", "IP:PORT", "[IPv6]:PORT", "tls://ADDRESS[:PORT][#NAME]"):
        assert form in text
    assert "https://NAME/PATH[#ADDRESS]" in text


def test_every_listed_form_is_accepted() -> None:
    for text in (
        "192.0.2.1",
        "192.0.2.1:5353",
        "[2001:db8::1]:5353",
        "tls://192.0.2.1",
        "tls://192.0.2.1:853#dns.example",
        "https://dns.example/dns-query",
        "https://dns.example/dns-query#192.0.2.1",
        "https://localhost:8443/dns-query#[2001:db8::1]",
    ):
        parse_nameserver(text)
    with pytest.raises(InputError, match="after '#'"):
        parse_nameserver("https://dns.example/dns-query#dns.example")
    with pytest.raises(InputError) as bad:
        parse_nameserver("dns.example")
    assert NAMESERVER_FORMS in str(bad.value)


# ---------------------------------------------------------------- --authoritative


@pytest.mark.nsd
def test_authoritative_says_servers_are_asked_over_plain_dns(
    nsd_server: Callable[..., Any], ca: LocalCa, upstream: DnsTestServer
) -> None:
    from tests.core.test_authoritative import (
        NS1,
        NS2,
        OLD_SERIAL,
        OLD_SPF,
        auth_zone,
        resolver_zone,
    )
    from tests.support.nsd import free_port

    port = free_port(NS1, NS2)
    for address in (NS1, NS2):
        nsd_server({"example.com": auth_zone(OLD_SERIAL, OLD_SPF)}, address=address, port=port)
    with DnsTestServer(resolver_zone()) as resolver, DohServer(resolver, ca) as doh:

        def view_over(nameserver: str) -> Any:
            async def go() -> Any:
                live = LiveSource([parse_nameserver(nameserver)], timeout=3, ca_file=ca.ca_file)
                cache = CachingSource(live)
                result = await analyze(cache, "example.com", "example.net", "mail.example.com")
                return await authoritative_view(
                    cache, result, servers=live_servers(port=port, timeout=1.0)
                )

            return asyncio.run(go())

        encrypted = view_over(doh.nameserver)
        plain = view_over(f"{resolver.address}:{resolver.port}")
    assert encrypted.zone == "example.com" and encrypted.serials()
    assert encrypted.note == ("plain-dns", {"transport": "DoH"})
    lines = render_text(encrypted)
    assert any("asked over plain DNS" in line and "DoH" in line for line in lines), lines
    data = view_to_json(encrypted)
    assert data is not None
    assert (data["servers_transport"], data["resolver_transport"]) == ("plain", "doh")
    assert data["note"]["template"] == "plain-dns"
    assert plain.note is None
    plain_data = view_to_json(plain)
    assert plain_data is not None and plain_data["note"] is None
    assert not any("plain DNS" in line for line in render_text(plain))


def _can_unshare_network() -> bool:
    unshare = shutil.which("unshare")
    if unshare is None:
        return False
    done = subprocess.run([unshare, "-n", "true"], capture_output=True, timeout=10)
    return done.returncode == 0


@pytest.mark.skipif(
    not _can_unshare_network(), reason="needs `unshare -n` (root or user namespaces)"
)
def test_a_doh_name_the_system_cannot_find_ends_the_run_with_one_sentence(
    upstream: DnsTestServer, ca: LocalCa
) -> None:
    """In a network namespace with only loopback (nothing can leave the machine), the system's
    name service cannot find dns.test: exit 2 at once, with the cause, not a timeout."""
    with DohServer(upstream, ca) as doh:
        script = (
            "ip link set lo up 2>/dev/null; "
            f'exec "{sys.executable}" -m mailpath check example.com example.net --timeout 3 '
            f'--nameserver "https://dns.test:{doh.port}/dns-query" --ca-file "{ca.ca_file}"'
        )
        env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
        done = subprocess.run(
            [shutil.which("unshare") or "unshare", "-n", "sh", "-c", script],
            capture_output=True,
            text=True,
            timeout=60,
            env=env,
        )
    assert done.returncode == 2, done.stderr
    message = done.stderr.strip()
    assert message.startswith(f"mailpath: the resolver https://dns.test:{doh.port}/dns-query")
    assert "the system's name service finds no address for dns.test (" in message, message
    assert "Traceback" not in message and len(message.splitlines()) == 1
