"""`check --authoritative`, `--compare-resolvers` and the TTLs of `check --json` / `--save`.

The authoritative servers are NSD on 127.0.0.2 and 127.0.0.3 (one port, given with the hidden
`--authoritative-port`: tests may not use port 53); the resolver is the loopback test server
holding the old SPF record with a TTL of 3,412 s.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from mailpath.cli import main
from tests.core.test_authoritative import (
    NEW_SERIAL,
    NEW_SPF,
    NS1,
    NS2,
    OLD_SPF,
    RESOLVER_TTL,
    auth_zone,
    resolver_zone,
)
from tests.support.dnsserver import DnsTestServer
from tests.support.nsd import NsdServer, free_port

ARGS = ["check", "example.com", "example.net", "--via", "mail.example.com"]


@pytest.mark.nsd
def test_check_authoritative_json(
    nsd_server: Callable[..., NsdServer],
    dns_server: Callable[..., DnsTestServer],
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
) -> None:
    port = free_port(NS1, NS2)
    for address in (NS1, NS2):
        nsd_server({"example.com": auth_zone(NEW_SERIAL, NEW_SPF)}, address=address, port=port)
    resolver = dns_server(resolver_zone(), ttl=RESOLVER_TTL)
    saved = tmp_path / "a.mailpath.json"
    code = main(
        [
            *ARGS,
            "-n",
            resolver.nameserver,
            "--authoritative",
            "--authoritative-port",
            str(port),
            "--json",
            "--save",
            str(saved),
        ]
    )
    assert code == 0
    data = json.loads(capsys.readouterr().out)
    assert data["resolver"] == {"kind": "udp", "address": resolver.nameserver}
    auth = data["authoritative"]
    assert auth["zone"] == "example.com"
    assert auth["serials"] == {"ns1.example.com": NEW_SERIAL, "ns2.example.com": NEW_SERIAL}
    assert [
        {k: s[k] for k in ("host", "address", "outcome", "authoritative")} for s in auth["servers"]
    ] == [
        {"host": "ns1.example.com", "address": NS1, "outcome": "ok", "authoritative": True},
        {"host": "ns2.example.com", "address": NS2, "outcome": "ok", "authoritative": True},
    ]
    txt = [a for a in auth["answers"] if (a["name"], a["type"]) == ("example.com", "TXT")]
    assert [(a["server"], a["outcome"], a["records"], a["ttl"]) for a in txt] == [
        ("ns1.example.com", "ok", [NEW_SPF], 300),
        ("ns2.example.com", "ok", [NEW_SPF], 300),
    ]
    assert auth["agree"] is False
    stale = [f for f in data["findings"] if f["code"] == "stale-cache"]
    assert len(stale) == 1
    assert "2 of 2 authoritative servers" in stale[0]["message"]
    assert "for up to 3,412 s" in stale[0]["message"]
    # TTLs: the resolver's, in the graph details and in the saved recording.
    spf_node = next(n for n in data["graph"]["nodes"] if n["id"] == "dns:spf")
    assert spf_node["details"]["ttl"] == RESOLVER_TTL
    recording = json.loads(saved.read_text())
    entry = next(
        q for q in recording["queries"] if (q["name"], q["type"]) == ("example.com", "TXT")
    )
    assert entry["ttl"] == RESOLVER_TTL
    assert entry["records"] == [[OLD_SPF]]


def test_check_json_without_authoritative(
    dns_server: Callable[..., DnsTestServer], capsys: pytest.CaptureFixture[str]
) -> None:
    resolver = dns_server(resolver_zone(), ttl=77)
    assert main([*ARGS, "-n", resolver.nameserver, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["authoritative"] is None
    assert "compare" not in data
    mx_node = next(n for n in data["graph"]["nodes"] if n["id"] == "dns:mx")
    assert mx_node["details"]["ttl"] == 77


def test_compare_resolvers(
    dns_server: Callable[..., DnsTestServer], capsys: pytest.CaptureFixture[str]
) -> None:
    old = dns_server(resolver_zone(), ttl=3000)
    same = dns_server(resolver_zone(), ttl=10)
    new = dns_server(resolver_zone(NEW_SPF))
    others = f"{same.nameserver},{new.nameserver}"
    assert main([*ARGS, "-n", old.nameserver, "--compare-resolvers", others, "--json"]) == 0
    compare = json.loads(capsys.readouterr().out)["compare"]
    assert compare["resolvers"] == [old.nameserver, same.nameserver, new.nameserver]
    assert compare["agree"] is False
    assert compare["questions"] >= 5
    # TTLs differ everywhere; only the SPF record differs in content.
    [diff] = compare["differences"]
    assert (diff["name"], diff["type"]) == ("example.com", "TXT")
    assert [(a["resolver"], a["records"], a["ttl"]) for a in diff["answers"]] == [
        (old.nameserver, [OLD_SPF], 3000),
        (same.nameserver, [OLD_SPF], 10),
        (new.nameserver, [NEW_SPF], 300),
    ]
    assert main([*ARGS, "-n", old.nameserver, "--compare-resolvers", others]) == 0
    text = capsys.readouterr().out
    assert "1 answered differently" in text
    assert f"{new.nameserver}" in text and NEW_SPF in text


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--compare-resolvers", ","], "--compare-resolvers needs a comma-separated list"),
        (["--compare-resolvers", "nope"], "name server 'nope' is not an IP address"),
        (["-n", "ftp://x"], "unknown scheme"),
        (["--replay", "x.json", "--authoritative"], "need live DNS"),
    ],
)
def test_bad_input_is_one_line(
    extra: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main([*ARGS, *extra] if "--replay" not in extra else ["check", *extra])
    assert code == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1
    assert message in err
