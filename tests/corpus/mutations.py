"""Seeded mutations of real messages, for `test_fuzz.py`.

`small_mutations(data, rng)` gives damaged copies of one message (byte flips, truncation, NUL
bytes, bad charsets); `big_mutations(data)` the hostile shapes real attacks use (10,000
duplicated header fields, 2 MB lines, 5,000-level MIME nesting, 10,000 parentheses, a
10,000-name ``h=``). Every mutation is (name, bytes); the same seed gives the same bytes.
"""

from __future__ import annotations

import base64
import random
from collections.abc import Iterator

Mutation = tuple[str, bytes]

TWO_MB = 2 * 1024 * 1024

_BAD_CHARSET_WORDS = (
    b"=?x-no-such-charset?B?" + base64.b64encode("Grüße".encode()) + b"?=",
    b"=?utf-8?Q?=FF=FE=C3=28?=",  # not UTF-8 at all
    b"=?utf-8?B?////?=",
    b"=?iso-2022-jp?B?GyRCJCIbKEI=?= =?utf-7?Q?+AGQAZQ-?=",
    b"=?unknown-8bit?Q?=E9t=E9?=",
    b"=?utf-8*ja?Q?=E6=97=A5?=",  # RFC 2231 language in an encoded word
    b"=?utf-8?X?bad-encoding?=",
    b"=??Q??=",
)
_BAD_CHARSET_BYTES = (
    b"\xff\xfe\xfd",
    b"\xc3\x28",
    b"\xe9t\xe9",
    b'\x1b$B$"\x1b(B',
    b"\xed\xa0\x80",
)


def _split(data: bytes) -> tuple[bytes, bytes]:
    """(header block, rest) at the first blank line; the whole message when there is none."""
    for sep in (b"\r\n\r\n", b"\n\n"):
        at = data.find(sep)
        if at >= 0:
            return data[:at], data[at:]
    return data, b""


def flip(data: bytes, rng: random.Random) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 16)):
        at = rng.randrange(len(out))
        out[at] = rng.randrange(256) if rng.random() < 0.5 else out[at] ^ (1 << rng.randrange(8))
    return bytes(out)


def truncate(data: bytes, rng: random.Random) -> bytes:
    head, _rest = _split(data)
    # Half the cuts land in the header block, where the reader works.
    limit = len(head) if rng.random() < 0.5 and head else len(data)
    return data[: rng.randrange(1, max(2, limit))]


def nul(data: bytes, rng: random.Random) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        out.insert(rng.randrange(len(out) + 1), 0)
    if rng.random() < 0.3:
        out[: rng.randrange(1, 40)] = b"\x00" * rng.randrange(1, 40)
    return bytes(out)


def bad_charset(data: bytes, rng: random.Random) -> bytes:
    head, rest = _split(data)
    lines = head.split(b"\n")
    for _ in range(rng.randint(1, 4)):
        at = rng.randrange(len(lines))
        word = rng.choice(_BAD_CHARSET_WORDS + _BAD_CHARSET_BYTES)
        lines[at] = lines[at].rstrip(b"\r") + b" " + word
    field = rng.choice([b"From", b"Subject", b"To", b"Received", b"Return-Path", b"Delivered-To"])
    lines.insert(rng.randrange(len(lines) + 1), field + b": " + rng.choice(_BAD_CHARSET_WORDS))
    lines.insert(
        rng.randrange(len(lines) + 1),
        b"Content-Type: text/plain; charset=" + rng.choice([b"x-bogus", b'"utf-8\xff"', b"''"]),
    )
    return b"\n".join(lines) + rest


SMALL = {"flip": flip, "truncate": truncate, "nul": nul, "bad-charset": bad_charset}


def small_mutations(data: bytes, rng: random.Random, each: int) -> Iterator[Mutation]:
    for name, mutate in SMALL.items():
        for i in range(each):
            yield f"{name}-{i}", mutate(data, rng)


# -- the big shapes -------------------------------------------------------------------------

_RECEIVED = (
    b"Received: from mail.example.org (mail.example.org [192.0.2.1])\r\n"
    b"\tby mx.example.net with ESMTPS id abc for <to@example.net>;"
    b" Mon, 1 Jan 2024 00:00:00 +0000\r\n"
)


def _dkim_signature(names: int) -> bytes:
    h = b":".join([b"from"] * names)
    return (
        b"DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=example.org; s=sel;\r\n"
        b"\th=" + h + b";\r\n\tbh=47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=;\r\n"
        b"\tb=" + base64.b64encode(bytes(128)) + b"\r\n"
    )


def _nested_mime(depth: int) -> bytes:
    parts = [b"From: a@example.org\r\nTo: b@example.net\r\nSubject: deep\r\nMIME-Version: 1.0\r\n"]
    parts.append(b'Content-Type: multipart/mixed; boundary="b0"\r\n\r\n')
    for level in range(1, depth):
        parts.append(
            b'--b%d\r\nContent-Type: multipart/mixed; boundary="b%d"\r\n\r\n' % (level - 1, level)
        )
    parts.append(b"--b%d\r\nContent-Type: text/plain\r\n\r\nhello\r\n" % (depth - 1))
    for level in range(depth - 1, -1, -1):
        parts.append(b"--b%d--\r\n" % level)
    return b"".join(parts)


def big_mutations(data: bytes) -> Iterator[Mutation]:
    """The hostile shapes, each put into `data` (a real message)."""
    head = _split(data)[0] + b"\r\n"
    yield "10000-received", _RECEIVED * 10_000 + data
    yield "10000-from", b"From: x@example.org\r\n" * 10_000 + data
    yield "10000-dkim-signature", _dkim_signature(3) * 10_000 + data
    yield (
        "10000-authentication-results",
        (
            b"Authentication-Results: mx.example.net; spf=pass smtp.mailfrom=example.org\r\n"
            * 10_000
            + data
        ),
    )
    yield "10000-folded-lines", b"Subject: x\r\n" + b"\tfold\r\n" * 10_000 + data
    yield "2mb-subject", b"Subject: " + b"A" * TWO_MB + b"\r\n" + data
    yield "2mb-received", b"Received: from " + b"a." * (TWO_MB // 2) + b"example by x;\r\n" + data
    yield (
        "2mb-folded-received",
        (
            b"Received: from x by y\r\n"
            + b"\t(c)\r\n" * (TWO_MB // 6)
            + b"\t; Mon, 1 Jan 2024\r\n"
            + data
        ),
    )
    yield "2mb-body-line", head + b"\r\n" + b"B" * TWO_MB + b"\r\n"
    yield "2mb-no-newline", b"From: " + b"x" * TWO_MB
    yield "2mb-nul", b"From: a@example.org\r\n" + b"\x00" * TWO_MB
    yield "5000-mime-nesting", _nested_mime(5_000)
    yield "5000-mime-nesting-in-message", head + _nested_mime(5_000).split(b"\r\n", 3)[3]
    yield "10000-parentheses", (
        b"Received: from x " + b"(" * 10_000 + b"y" + b")" * 10_000
        + b" by mx.example.net; Mon, 1 Jan 2024 00:00:00 +0000\r\n" + data
    )  # fmt: skip
    yield (
        "10000-open-parentheses",
        (b"Received: from x " + b"(" * 10_000 + b" by mx.example.net;\r\n" + data),
    )
    yield "10000-parentheses-in-from", b"From: " + b"(" * 10_000 + b"a@example.org\r\n" + data
    yield "10000-name-h", _dkim_signature(10_000) + data
    yield "10001-name-h", _dkim_signature(10_001) + data
