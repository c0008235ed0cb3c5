"""Received fields in the shapes real servers write, and ones nobody should."""

from __future__ import annotations

import pytest

from mailpath.core.message.received import (
    HOP_JSON_KEYS,
    hop_to_json,
    hops_from_received,
    parse_received,
)


def test_postfix_with_tls_comment() -> None:
    hop = parse_received(
        "from mail.example.com (mail.example.com [192.0.2.1]) "
        "(using TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits)) "
        "(No client certificate requested) by mx.example.net (Postfix) with ESMTPS id 4XyzAbc "
        "for <u@example.net>; Tue, 1 Dec 2026 10:00:00 +0000 (UTC)"
    )
    assert (hop.from_name, hop.helo, hop.from_address) == (
        "mail.example.com",
        "mail.example.com",
        "192.0.2.1",
    )
    assert (hop.by, hop.protocol, hop.tls) == ("mx.example.net", "ESMTPS", True)
    assert hop.time == "2026-12-01T10:00:00+00:00"
    assert (hop.for_address, hop.id, hop.unparsed) == ("u@example.net", "4XyzAbc", False)


def test_postfix_helo_differs_from_reverse_dns() -> None:
    hop = parse_received(
        "from laptop.local (dsl-7.example.net [198.51.100.7]) by mx.example.net (Postfix) "
        "with ESMTP id A1; Tue, 1 Dec 2026 10:00:00 +0000"
    )
    assert (hop.from_name, hop.helo, hop.from_address) == (
        "dsl-7.example.net",
        "laptop.local",
        "198.51.100.7",
    )
    assert hop.tls is False  # plain ESMTP, nothing says TLS


def test_exim_tls_clause_and_envelope_from() -> None:
    hop = parse_received(
        "from [192.0.2.1] (helo=host.example.org) by mx.example.net with esmtps  (TLS1.3) "
        "tls TLS_AES_256_GCM_SHA384 (Exim 4.96) (envelope-from <a@example.org>) "
        "id 1abc-000DEF-2G for u@example.net; Tue, 01 Dec 2026 10:00:01 +0000"
    )
    assert hop.from_name is None
    assert (hop.helo, hop.from_address, hop.by) == (
        "host.example.org",
        "192.0.2.1",
        "mx.example.net",
    )
    assert (hop.protocol, hop.tls, hop.id) == ("esmtps", True, "1abc-000DEF-2G")
    assert hop.for_address == "u@example.net"


def test_exim_x_tls_statement() -> None:
    hop = parse_received(
        "from relay.example.org ([192.0.2.9]:25 helo=relay.example.org) by mx.example.net "
        "with smtp (X=TLS1.2:ECDHE_RSA_AES_256_GCM_SHA384:256) id 1x; "
        "Tue, 01 Dec 2026 10:00:01 +0000"
    )
    assert (hop.from_name, hop.from_address, hop.tls) == ("relay.example.org", "192.0.2.9", True)


def test_sendmail_authenticated_submission() -> None:
    hop = parse_received(
        "from [192.168.1.10] ([192.0.2.10]) (authenticated bits=0) by www274.sakura.ne.jp "
        "(8.16.1/8.16.1) with ESMTPSA id 4ARJW5Ab012345 (version=TLSv1.3 "
        "cipher=TLS_AES_256_GCM_SHA384 bits=256 verify=NO) for <user@gmail.com>; "
        "Sat, 28 Nov 2026 04:32:05 +0900 (JST)"
    )
    assert hop.from_name is None
    assert (hop.helo, hop.from_address) == ("[192.168.1.10]", "192.0.2.10")
    assert (hop.by, hop.protocol, hop.tls) == ("www274.sakura.ne.jp", "ESMTPSA", True)
    assert hop.time == "2026-11-27T19:32:05+00:00"


def test_microsoft_365_frontend_transport() -> None:
    hop = parse_received(
        "from BN8PR12MB3456.namprd12.prod.outlook.com (2603:10b6:408:6a::12) by "
        "BN8PR12MB1234.namprd12.prod.outlook.com (2603:10b6:408:ab::34) with Microsoft SMTP "
        "Server (version=TLS1_2, cipher=TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384) id "
        "15.20.7633.10 via Frontend Transport; Tue, 1 Dec 2026 10:00:02 +0000"
    )
    assert hop.from_name == "bn8pr12mb3456.namprd12.prod.outlook.com"
    assert hop.from_address == "2603:10b6:408:6a::12"
    assert hop.by == "bn8pr12mb1234.namprd12.prod.outlook.com"
    assert (hop.protocol, hop.tls, hop.id) == ("Microsoft SMTP Server", True, "15.20.7633.10")


def test_microsoft_without_tls_version_is_cleartext() -> None:
    hop = parse_received(
        "from EX1.example.org (192.0.2.5) by EX2.example.org (192.0.2.6) with Microsoft SMTP "
        "Server id 15.1.2507.6 via Frontend Transport; Tue, 1 Dec 2026 10:00:02 +0000"
    )
    assert hop.tls is False


def test_gmail_mx_and_internal_hop() -> None:
    mx = parse_received(
        "from www274.sakura.ne.jp (www274.sakura.ne.jp. [203.0.113.74]) by mx.google.com with "
        "ESMTPS id 41be03b00d2f7-7fd3e1a2b3csi1234567a12.456 for <user@gmail.com> "
        "(version=TLS1_3 cipher=TLS_AES_256_GCM_SHA384 bits=256/256); "
        "Fri, 27 Nov 2026 11:32:06 -0800 (PST)"
    )
    assert (mx.from_name, mx.helo, mx.from_address) == (
        "www274.sakura.ne.jp",
        "www274.sakura.ne.jp",
        "203.0.113.74",
    )
    assert (mx.by, mx.tls, mx.time) == ("mx.google.com", True, "2026-11-27T19:32:06+00:00")
    internal = parse_received(
        "by 2002:a05:6a20:3d8c:b0:1a9:8c2e:4f1 with SMTP id k12csp1234567pzb; "
        "Fri, 27 Nov 2026 11:32:07 -0800 (PST)"
    )
    assert (internal.from_name, internal.helo, internal.from_address) == (None, None, None)
    assert internal.by == "2002:a05:6a20:3d8c:b0:1a9:8c2e:4f1"
    assert (internal.protocol, internal.tls, internal.unparsed) == ("SMTP", False, False)


def test_qmail_shapes() -> None:
    local = parse_received("(qmail 12345 invoked by uid 89); 1 Dec 2026 10:00:00 -0000")
    assert local.unparsed is False
    assert (local.by, local.from_address, local.tls) == (None, None, None)
    assert local.time == "2026-12-01T10:00:00+00:00"
    network = parse_received(
        "from unknown (HELO relay.example.org) (192.0.2.7) by mail.example.net with SMTP; "
        "1 Dec 2026 10:00:00 -0000"
    )
    assert (network.from_name, network.helo, network.from_address) == (
        None,
        "relay.example.org",
        "192.0.2.7",
    )
    assert (network.by, network.tls) == ("mail.example.net", False)


def test_ipv6_literals() -> None:
    hop = parse_received(
        "from [IPv6:2001:db8::1] (unknown [IPv6:2001:DB8:0::1]) by mx.example.net (Postfix) "
        "with ESMTP id X; Tue, 1 Dec 2026 10:00:00 +0000"
    )
    assert (hop.from_name, hop.helo, hop.from_address) == (
        None,
        "[IPv6:2001:db8::1]",
        "2001:db8::1",
    )


def test_nested_comments_do_not_hide_clauses() -> None:
    hop = parse_received(
        "from a.example.org (b (c (d [192.0.2.9])) e) by z.example.net (x (y) z) with ESMTP; "
        "Tue, 1 Dec 2026 10:00:00 +0000"
    )
    assert (hop.from_address, hop.by, hop.protocol) == ("192.0.2.9", "z.example.net", "ESMTP")
    assert hop.time == "2026-12-01T10:00:00+00:00"


@pytest.mark.parametrize(
    ("protocol", "tls"),
    [
        ("ESMTPS", True),
        ("ESMTPSA", True),
        ("UTF8SMTPS", True),
        ("LMTPS", True),
        ("ESMTP", False),
        ("SMTP", False),
        ("ESMTPA", False),
        ("LMTP", False),
        ("local", None),
        ("QMQP", None),
    ],
)
def test_tls_from_protocol(protocol: str, tls: bool | None) -> None:
    hop = parse_received(f"from a.example.org ([192.0.2.1]) by b.example.net with {protocol}; x")
    assert hop.tls is tls


def test_no_protocol_means_unknown_tls() -> None:
    assert parse_received("from a.example.org by b.example.net; x").tls is None


@pytest.mark.parametrize(
    "value",
    [
        "",
        "garbage ((( nested ) ; x",
        "\x00\x00\x00",
        ";;;;",
        "((((((((((((((((((((",
        "x" * 100_000,
        "from" + " (" * 5000 + "by x",
    ],
)
def test_unreadable_values_become_unparsed_hops(value: str) -> None:
    hop = parse_received(value)
    assert hop.unparsed is True
    assert hop.raw == value.strip()
    assert (hop.by, hop.from_address, hop.tls) == (None, None, None)


@pytest.mark.parametrize(
    "date",
    ["", "yesterday", "Fri, 31 Feb 2026 11:32:06 +0000", "1 Dec 99999 00:00:00 +0000", "(PST)"],
)
def test_bad_dates_give_no_time(date: str) -> None:
    hop = parse_received(f"from a.example.org ([192.0.2.1]) by b.example.net with ESMTP; {date}")
    assert hop.unparsed is False
    assert hop.time is None


def test_missing_date_gives_no_time() -> None:
    hop = parse_received("from a.example.org ([192.0.2.1]) by b.example.net with ESMTP id 1")
    assert (hop.by, hop.time) == ("b.example.net", None)


def test_date_without_zone_is_utc() -> None:
    hop = parse_received("by b.example.net; 1 Dec 2026 10:00:00")
    assert hop.time == "2026-12-01T10:00:00+00:00"


def test_delays_are_computed_oldest_first_and_keep_negative_values() -> None:
    hops = hops_from_received(
        [
            "by c.example.net; Tue, 1 Dec 2026 10:00:05 +0000",
            "by b.example.net; garbage",
            "by a.example.net; Tue, 1 Dec 2026 10:00:07 +0000",
            "by first.example.net; Tue, 1 Dec 2026 11:00:10 +0100",
        ]
    )
    assert [h.by for h in hops] == [
        "first.example.net",
        "a.example.net",
        "b.example.net",
        "c.example.net",
    ]
    assert [h.delay_s for h in hops] == [None, -3.0, None, None]


def test_hop_json_has_exactly_the_contract_keys() -> None:
    hop = parse_received("from a.example.org ([192.0.2.1]) by b.example.net with ESMTPS; x")
    data = hop_to_json(hop)
    assert tuple(data) == HOP_JSON_KEYS
    assert data["tls"] is True and data["time"] is None and data["unparsed"] is False
