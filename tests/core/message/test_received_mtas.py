"""Received fields as the MTAs people run write them, one row per shape.

Each line is modelled on real headers (mailing-list archives, the MTAs' sources and the
SpamAssassin / OrangeAssassin Received-parser test suites); names and addresses outside the
published ones are documentation values. The client address is always the one the receiving
server recorded, never the client's HELO/EHLO/LHLO text.
"""

from __future__ import annotations

import pytest

from mailpath.core.message.check import message_parties
from mailpath.core.message.parse import parse_message, usable_host
from mailpath.core.message.received import parse_received

# (from_name, from_address, helo, by, protocol, tls)
Row = tuple[str | None, str | None, str | None, str | None, str | None, bool | None]

CASES: list[tuple[str, str, Row]] = [
    # -- qmail -------------------------------------------------------------------------------
    (
        "qmail: a private HELO literal is the client's claim, not its address",
        "from unknown (HELO 192.168.15.15) (189.207.175.29) by smtp.test.net with SMTP; "
        "1 Dec 2026 10:00:00 -0000",
        (None, "189.207.175.29", "192.168.15.15", "smtp.test.net", "SMTP", False),
    ),
    (
        "qmail (MessageLabs): 'encrypted SMTP' states TLS",
        "from unknown (HELO lenovo.com) (103.30.234.5) by server-8.tower-406.messagelabs.com "
        "with ECDHE-RSA-AES256-GCM-SHA384 encrypted SMTP; 15 Apr 2020 21:51:22 -0000",
        (
            None,
            "103.30.234.5",
            "lenovo.com",
            "server-8.tower-406.messagelabs.com",
            "ECDHE-RSA-AES256-GCM-SHA384 encrypted SMTP",
            True,
        ),
    ),
    (
        "qmail: invoked from network",
        "(qmail 94093 invoked from network); 30 Mar 2008 14:36:13 -0000",
        (None, None, None, None, None, None),
    ),
    # -- Haraka ------------------------------------------------------------------------------
    (
        "Haraka (uberspace): qmail-style HELO and address",
        "from unknown (HELO unkown) (::1) by euporie.uberspace.de (Haraka/2.8.28) with ESMTPSA; "
        "Wed, 27 Jul 2022 17:27:46 +0200",
        (None, "::1", "unkown", "euporie.uberspace.de", "ESMTPSA", True),
    ),
    (
        "Haraka: a bracketed private HELO literal is not the address",
        "from unknown (HELO [10.0.0.3]) (203.0.113.50) by skiff.example.net (Haraka/3.0.1) "
        "with ESMTPSA; Thu, 04 Sep 2025 22:49:17 +0200",
        (None, "203.0.113.50", "[10.0.0.3]", "skiff.example.net", "ESMTPSA", True),
    ),
    (
        "Haraka: inbound with TLS comment",
        "from mail.example.org (192.0.2.5) by mx.example.net (Haraka/2.8.25) with ESMTPS id "
        "6B1F2A0C-1C1D-4D4F-9F0E-3A2B1C0D9E8F.1 envelope-from <a@example.org> "
        "(version=TLSv1.2 cipher=ECDHE-RSA-AES256-GCM-SHA384 verify=NO); "
        "Tue, 01 Dec 2026 10:00:00 +0000",
        ("mail.example.org", "192.0.2.5", "mail.example.org", "mx.example.net", "ESMTPS", True),
    ),
    # -- IMail -------------------------------------------------------------------------------
    (
        "IMail: 'name [ip]' outside a comment",
        "from xcar [192.168.0.2] by jeeves.wooster.local (SMTPD32-7.07) id A1B2C3D4; "
        "Sat, 2 Nov 2002 10:00:00 -0500",
        (None, "192.168.0.2", "xcar", "jeeves.wooster.local", None, None),
    ),
    (
        "IMail: public address",
        "from mail.example.org [203.0.113.8] by mx.example.net (SMTPD-9.10) id A1D0042C; "
        "Tue, 1 Dec 2026 10:00:00 -0500",
        (None, "203.0.113.8", "mail.example.org", "mx.example.net", None, None),
    ),
    # -- Exchange / Microsoft 365 ------------------------------------------------------------
    (
        "Exchange on premises: '(TLS)' after Microsoft SMTP Server",
        "from EX1.corp.example.org (192.0.2.5) by EX2.corp.example.org (192.0.2.6) with "
        "Microsoft SMTP Server (TLS) id 14.3.224.2; Tue, 1 Dec 2026 10:00:02 +0000",
        (
            "ex1.corp.example.org",
            "192.0.2.5",
            "ex1.corp.example.org",
            "ex2.corp.example.org",
            "Microsoft SMTP Server",
            True,
        ),
    ),
    (
        "Exchange on premises: one-label client, no TLS",
        "from BMRGALNAV1 (192.168.2.30) by BMRGALMAIL1.BMRGAL.LOCAL (192.168.2.12) with "
        "Microsoft SMTP Server id 8.3.406.0; Tue, 1 Dec 2026 10:00:02 +0000",
        (
            "bmrgalnav1",
            "192.168.2.30",
            "bmrgalnav1",
            "bmrgalmail1.bmrgal.local",
            "Microsoft SMTP Server",
            False,
        ),
    ),
    (
        "Microsoft 365: version=TLS1_2",
        "from BN8PR12MB3456.namprd12.prod.outlook.com (2603:10b6:408:6a::12) by "
        "BN8PR12MB1234.namprd12.prod.outlook.com (2603:10b6:408:ab::34) with Microsoft SMTP "
        "Server (version=TLS1_2, cipher=TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384) id "
        "15.20.7633.10 via Frontend Transport; Tue, 1 Dec 2026 10:00:02 +0000",
        (
            "bn8pr12mb3456.namprd12.prod.outlook.com",
            "2603:10b6:408:6a::12",
            "bn8pr12mb3456.namprd12.prod.outlook.com",
            "bn8pr12mb1234.namprd12.prod.outlook.com",
            "Microsoft SMTP Server",
            True,
        ),
    ),
    # -- Postfix -----------------------------------------------------------------------------
    (
        "Postfix: HELO differs from reverse DNS, TLS comment",
        "from laptop.local (dsl-7.example.net [198.51.100.7]) (using TLSv1.3 with cipher "
        "TLS_AES_256_GCM_SHA384 (256/256 bits)) (No client certificate requested) by "
        "mx.example.net (Postfix) with ESMTPS id 4XyzAbc; Tue, 1 Dec 2026 10:00:00 +0000 (UTC)",
        ("dsl-7.example.net", "198.51.100.7", "laptop.local", "mx.example.net", "ESMTPS", True),
    ),
    # -- Exim --------------------------------------------------------------------------------
    (
        "Exim: a private HELO literal beside the address literal",
        "from [198.51.100.23] (helo=[192.168.1.100]) by mx.example.net with esmtpsa (TLS1.3) "
        "tls TLS_AES_256_GCM_SHA384 (Exim 4.96) (envelope-from <a@example.org>) "
        "id 1tAbCd-000XyZ-1q; Tue, 01 Dec 2026 10:00:01 +0000",
        (None, "198.51.100.23", "[192.168.1.100]", "mx.example.net", "esmtpsa", True),
    ),
    (
        "Exim (SourceForge): helo= and a tls clause",
        "from [172.30.29.66] (helo=mx.sourceforge.net) by sfs-ml-3.v29.lw.sourceforge.com "
        "with esmtps (TLS1.2) tls TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384 (Exim 4.95) "
        "(envelope-from <no-reply@lists.sourceforge.net>) id 1sbpaj-0000q0-9N "
        "for osst-users@lists.sourceforge.net; Wed, 07 Aug 2024 22:57:12 +0000",
        (
            None,
            "172.30.29.66",
            "mx.sourceforge.net",
            "sfs-ml-3.v29.lw.sourceforge.com",
            "esmtps",
            True,
        ),
    ),
    (
        "Exim: reverse name, address with port, helo=",
        "from server1.example.com ([216.219.119.8]:45678 helo=relay.example.com) by "
        "server.example.org with esmtps (TLSv1:DHE-RSA-AES256-SHA:256) (Exim 4.85) "
        "id 1aNgjg-00006s-19 for john@example.com; Tue, 01 Dec 2026 10:00:01 +0000",
        (
            "server1.example.com",
            "216.219.119.8",
            "relay.example.com",
            "server.example.org",
            "esmtps",
            True,
        ),
    ),
    # -- Sendmail ----------------------------------------------------------------------------
    (
        "Sendmail: authenticated relay",
        "from host.example.com (host.example.com [64.91.78.197]) (authenticated bits=0) by "
        "fierwall.example.org (8.14.4/8.14.4) with ESMTP id tBCFWrhS080562; "
        "Tue, 1 Dec 2026 10:00:00 -0500",
        (
            "host.example.com",
            "64.91.78.197",
            "host.example.com",
            "fierwall.example.org",
            "ESMTP",
            False,
        ),
    ),
    (
        "Sendmail: local submission [UNIX: localhost]",
        "from localhost (localhost [[UNIX: localhost]]) by home.example.com "
        "(8.12.11/8.12.11/Submit) id iBADHRP6011034; Tue, 1 Dec 2026 10:00:00 -0500",
        (None, None, "localhost", "home.example.com", None, None),
    ),
    # -- Gmail -------------------------------------------------------------------------------
    (
        "Gmail: SMTPS from Google's own sender, reverse name with a trailing dot",
        "from mail-sor-f41.google.com (mail-sor-f41.google.com. [209.85.220.41]) by "
        "mx.google.com with SMTPS id a640c23a62f3a-a9a0f1c2b3dsor1234567a.9.2026.12.01 "
        "for <user@gmail.com> (Google Transport Security); "
        "Tue, 01 Dec 2026 02:00:00 -0800 (PST)",
        (
            "mail-sor-f41.google.com",
            "209.85.220.41",
            "mail-sor-f41.google.com",
            "mx.google.com",
            "SMTPS",
            True,
        ),
    ),
    (
        "Gmail: internal hop by an IPv6 address",
        "by 2002:a05:6a20:3d8c:b0:1a9:8c2e:4f1 with SMTP id k12csp1234567pzb; "
        "Tue, 01 Dec 2026 02:00:01 -0800 (PST)",
        (None, None, None, "2002:a05:6a20:3d8c:b0:1a9:8c2e:4f1", "SMTP", False),
    ),
    # -- Amazon SES, Mailgun, SendGrid -------------------------------------------------------
    (
        "Amazon SES into Postfix",
        "from a8-30.smtp-out.amazonses.com (a8-30.smtp-out.amazonses.com [54.240.8.30]) "
        "(using TLSv1.2 with cipher ECDHE-RSA-AES128-SHA256 (128/128 bits)) "
        "(No client certificate requested) by smtp.subspace.kernel.org (Postfix) with ESMTPS "
        "id 193BD25EF9C; Fri, 16 Jan 2026 18:58:39 +0000 (UTC)",
        (
            "a8-30.smtp-out.amazonses.com",
            "54.240.8.30",
            "a8-30.smtp-out.amazonses.com",
            "smtp.subspace.kernel.org",
            "ESMTPS",
            True,
        ),
    ),
    (
        "Mailgun into Postfix",
        "from m43-7.mailgun.net (m43-7.mailgun.net [69.72.43.7]) by gabe.freedesktop.org "
        "(Postfix) with ESMTPS id E81D46EA3D for <dri-devel@lists.freedesktop.org>; "
        "Thu,  3 Sep 2020 22:44:01 +0000 (UTC)",
        (
            "m43-7.mailgun.net",
            "69.72.43.7",
            "m43-7.mailgun.net",
            "gabe.freedesktop.org",
            "ESMTPS",
            True,
        ),
    ),
    (
        "Mailgun: the API hop",
        "by luna.mailgun.net with HTTP; Mon, 02 Jun 2014 10:00:00 +0000",
        (None, None, None, "luna.mailgun.net", "HTTP", False),
    ),
    (
        "SendGrid: outbound relay into Gmail",
        "from o1.email.example.com (o1.email.example.com [167.89.10.20]) by mx.google.com "
        "with ESMTPS id d75a77b69052e-4a1b2c3d4e5si123456cf.100.2026.12.01.02.00.00 for "
        "<user@gmail.com> (version=TLS1_3 cipher=TLS_AES_128_GCM_SHA256 bits=128/128); "
        "Tue, 01 Dec 2026 02:00:00 -0800 (PST)",
        (
            "o1.email.example.com",
            "167.89.10.20",
            "o1.email.example.com",
            "mx.google.com",
            "ESMTPS",
            True,
        ),
    ),
    (
        "SendGrid: filterdrecv internal hop (date without ';')",
        "by filterdrecv-8684c58db7-wf85l with SMTP id filterdrecv-8684c58db7-wf85l-1-648B9008-F "
        "2023-06-15 22:26:16.509597009 +0000 UTC m=+3106083.316181628",
        (None, None, None, "filterdrecv-8684c58db7-wf85l", "SMTP", False),
    ),
    (
        "SendGrid: ismtpd from a client address literal",
        "from [192.168.1.50] (unknown) by geopod-ismtpd-1 (SG) with ESMTP id "
        "-vigL8FLQS-IWjwBkT_I7g Thu, 15 Jun 2023 22:26:15.888 +0000 (UTC)",
        (None, "192.168.1.50", "[192.168.1.50]", "geopod-ismtpd-1", "ESMTP", False),
    ),
    # -- Courier -----------------------------------------------------------------------------
    (
        "Courier: authenticated submission",
        "from a1200 ([24.83.2.4]) (AUTH: LOGIN mitch@example.com) by bigass1.example.com "
        "with esmtpa; Tue, 06 Jan 2004 23:56:09 +0000",
        ("a1200", "24.83.2.4", "a1200", "bigass1.example.com", "esmtpa", False),
    ),
    (
        "Courier: an IPv4-mapped IPv6 address is the IPv4 address",
        "from mail.example.org (mail.example.org [::ffff:192.0.2.3]) by mx.example.net with "
        "ESMTP; Tue, 01 Dec 2026 10:00:00 +0000",
        ("mail.example.org", "192.0.2.3", "mail.example.org", "mx.example.net", "ESMTP", False),
    ),
    # -- Zimbra ------------------------------------------------------------------------------
    (
        "Zimbra: its Postfix from the local content filter",
        "from localhost (localhost [127.0.0.1]) by mail.siol.net (Zimbra) with ESMTP id "
        "7ECF95229C0; Thu, 16 Jan 2020 00:10:59 +0100 (CET)",
        ("localhost", "127.0.0.1", "localhost", "mail.siol.net", "ESMTP", False),
    ),
    (
        "Zimbra: LMTP into the mailbox server, the LHLO literal is not the address",
        "from mta.example.com (LHLO [10.0.0.9]) (192.0.2.44) by mbox.example.com with LMTP; "
        "Tue, 1 Dec 2026 10:00:00 -0800 (PST)",
        ("mta.example.com", "192.0.2.44", "[10.0.0.9]", "mbox.example.com", "LMTP", False),
    ),
    # -- OpenSMTPD ---------------------------------------------------------------------------
    (
        "OpenSMTPD: relay with TLS",
        "from largo.jsg.id.au (largo.jsg.id.au [192.168.1.43]) by lechuck.jsg.id.au "
        "(OpenSMTPD) with ESMTPS id 96f08978 (TLSv1.3:TLS_AES_256_GCM_SHA384:256:NO); "
        "Fri, 26 Jan 2024 20:51:12 +1100 (AEDT)",
        (
            "largo.jsg.id.au",
            "192.168.1.43",
            "largo.jsg.id.au",
            "lechuck.jsg.id.au",
            "ESMTPS",
            True,
        ),
    ),
    (
        "OpenSMTPD: local submission [local]",
        "from localhost (largo.jsg.id.au [local]) by largo.jsg.id.au (OpenSMTPD) with ESMTPA "
        "id ffb24e39; Fri, 26 Jan 2024 20:51:11 +1100 (AEDT)",
        (None, None, "localhost", "largo.jsg.id.au", "ESMTPA", False),
    ),
    # -- Dovecot LMTP ------------------------------------------------------------------------
    (
        "Dovecot LMTP with the client address",
        "from mx1.example.org ([192.0.2.25]) by imap.example.org with LMTP id "
        "8CMBKa8uTWcAxQAAqU1Hbg (envelope-from <a@example.com>) for <user@example.org>; "
        "Tue, 01 Dec 2026 10:00:03 +0100",
        ("mx1.example.org", "192.0.2.25", "mx1.example.org", "imap.example.org", "LMTP", False),
    ),
    (
        "Dovecot LMTP without an address",
        "from mx1.example.org by mailstore.example.org with LMTP id def; "
        "Mon, 21 Sep 2026 10:00:01 +0000",
        ("mx1.example.org", None, "mx1.example.org", "mailstore.example.org", "LMTP", False),
    ),
    # -- ZMailer (vger.kernel.org) -----------------------------------------------------------
    (
        "ZMailer: the quoted EHLO name",
        'from 66-23-211-5.clients.speedfactory.net ([66.23.211.5]:33517 "EHLO peff.net") by '
        "vger.kernel.org with ESMTP id S932740AbWEXNXT (ORCPT <rfc822;git@vger.kernel.org>); "
        "Wed, 24 May 2006 09:23:19 -0400",
        (
            "66-23-211-5.clients.speedfactory.net",
            "66.23.211.5",
            "peff.net",
            "vger.kernel.org",
            "ESMTP",
            False,
        ),
    ),
]


@pytest.mark.parametrize(("line", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_received_line_per_mta(line: str, expected: Row) -> None:
    hop = parse_received(line)
    assert hop.unparsed is False
    got = (hop.from_name, hop.from_address, hop.helo, hop.by, hop.protocol, hop.tls)
    assert got == expected


@pytest.mark.parametrize(
    "helo",
    ["192.168.15.15", "[10.0.0.1]", "127.0.0.1", "[IPv6:fe80::1]", "203.0.113.200", "x"],
)
def test_the_helo_text_never_gives_the_address(helo: str) -> None:
    """Whatever a client says in HELO, the address is the one the receiver recorded."""
    for line in (
        f"from unknown (HELO {helo}) (198.51.100.9) by mx.example.net with SMTP; x",
        f"from [198.51.100.9] (helo={helo}) by mx.example.net with esmtp (Exim 4.96); x",
        f"from rdns.example.org ([198.51.100.9] helo={helo}) by mx.example.net with esmtp; x",
        f'from rdns.example.org ([198.51.100.9]:2525 "EHLO {helo}") by mx.example.net; x',
        f"from mta.example.org (LHLO {helo}) (198.51.100.9) by mbox.example.net with LMTP; x",
    ):
        assert parse_received(line).from_address == "198.51.100.9", line
    # No recorded address at all: the HELO text does not stand in for one.
    assert parse_received(f"from unknown (HELO {helo}) by mx.example.net; x").from_address is None


# -- the handover ----------------------------------------------------------------------------


def _message(*received: str, to: str = "user@test.net") -> bytes:
    lines = [f"Delivered-To: {to}"]
    lines += [f"Received: {value}" for value in received]
    lines += [
        "From: Alice <alice@example.org>",
        f"To: {to}",
        "Subject: hello",
        "Date: Tue, 1 Dec 2026 10:00:00 +0000",
        "Message-ID: <1@example.org>",
        "",
        "body",
        "",
    ]
    return "\r\n".join(lines).encode()


def test_a_private_helo_literal_does_not_move_the_handover() -> None:
    """qmail's ``(HELO 192.168.15.15) (189.207.175.29)``: the client chose the HELO text; the
    handover is the hop into smtp.test.net from the address qmail recorded."""
    parsed = parse_message(
        _message(
            "from unknown (HELO 192.168.15.15) (189.207.175.29) by smtp.test.net with SMTP; "
            "1 Dec 2026 10:00:05 -0000",
            "from [10.0.0.5] (helo=pc) by mail.example.org with esmtpsa (Exim 4.96) id 1; "
            "Tue, 01 Dec 2026 10:00:01 +0000",
        )
    )
    assert parsed.handover is not None
    assert (parsed.handover.hop, parsed.handover.address, parsed.handover.by) == (
        1,
        "189.207.175.29",
        "smtp.test.net",
    )
    assert message_parties(parsed)[2] == "189.207.175.29"


@pytest.mark.parametrize(
    "received",
    [
        "from xcar [192.168.0.2] by mx.test.net (SMTPD32-7.07) id A1; "
        "Sat, 2 Nov 2002 10:00:00 -0500",
        "from xcar by mx.test.net (SMTPD32-7.07) id A1; Sat, 2 Nov 2002 10:00:00 -0500",
        "from localhost by mx.test.net with SMTP; Tue, 1 Dec 2026 10:00:00 +0000",
        "from x (x) by mx.test.net with SMTP; Tue, 1 Dec 2026 10:00:00 +0000",
        "from localhost (largo.test.net [local]) by mx.test.net (OpenSMTPD) with ESMTPA id 1; x",
    ],
)
def test_an_unnamed_client_without_an_address_is_never_the_sending_host(received: str) -> None:
    """A one-label name or ``localhost`` with no recorded address is a step inside the
    receiver (or a local program), not a sending host to analyse."""
    parsed = parse_message(_message(received))
    via = message_parties(parsed)[2]
    assert via is None or usable_host(via)
    assert "handover-host-unusable" not in parsed.notes


def test_a_garbage_handover_name_leaves_the_sending_host_unknown_with_a_note() -> None:
    parsed = parse_message(
        _message("from bad_host!.example.org by mx.test.net with SMTP; Tue, 1 Dec 2026 10:00 +0000")
    )
    assert parsed.handover is not None and parsed.handover.host == "bad_host!.example.org"
    assert parsed.handover.address is None
    assert message_parties(parsed)[2] is None
    assert "handover-host-unusable" in parsed.notes


@pytest.mark.parametrize(
    ("name", "usable"),
    [
        ("mail.example.org", True),
        ("192.0.2.1", True),
        ("2001:db8::1", True),
        ("xcar", False),
        ("localhost", False),
        ("localhost.", False),
        ("bad_host!.example.org", False),
        ("", False),
        (None, False),
        ("[192.168.0.2", False),
    ],
)
def test_usable_host(name: str | None, usable: bool) -> None:
    assert usable_host(name) is usable
