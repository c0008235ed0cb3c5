"""Authentication-Results as Gmail, Microsoft 365 and others write them, and garbage."""

from __future__ import annotations

import pytest

from mailpath.core.auth.authresults import auth_results_to_json, parse_authentication_results


def _summary(value: str) -> list[tuple[str, str, str | None, dict[str, str]]]:
    header = parse_authentication_results(value)
    return [(r.method, r.result, r.reason, r.properties) for r in header.results]


def test_gmail_header() -> None:
    value = (
        "mx.google.com; dkim=pass header.i=@example.com header.s=20230601 header.b=AbC+/9; "
        "spf=pass (google.com: domain of a@example.com designates 192.0.2.1 as permitted "
        "sender) smtp.mailfrom=a@example.com; dmarc=pass (p=REJECT sp=REJECT dis=NONE) "
        "header.from=example.com"
    )
    assert parse_authentication_results(value).authserv_id == "mx.google.com"
    assert _summary(value) == [
        (
            "dkim",
            "pass",
            None,
            {"header.i": "@example.com", "header.s": "20230601", "header.b": "AbC+/9"},
        ),
        ("spf", "pass", None, {"smtp.mailfrom": "a@example.com"}),
        ("dmarc", "pass", None, {"header.from": "example.com"}),
    ]


def test_microsoft_365_header_without_authserv_id() -> None:
    value = (
        "spf=pass (sender IP is 192.0.2.1) smtp.mailfrom=example.org; dkim=none (message not "
        "signed) header.d=none;dmarc=none action=none header.from=example.org;compauth=fail "
        "reason=601"
    )
    header = parse_authentication_results(value)
    assert header.authserv_id is None
    assert _summary(value) == [
        ("spf", "pass", None, {"smtp.mailfrom": "example.org"}),
        ("dkim", "none", None, {"header.d": "none"}),
        ("dmarc", "none", None, {"action": "none", "header.from": "example.org"}),
        ("compauth", "fail", "601", {}),
    ]


def test_version_quoted_reason_and_nested_comments() -> None:
    value = (
        'example.net 1; dkim=fail reason="signature (body hash) did not verify" '
        '(2048-bit key (rsa); "quoted" note) header.d=example.org header.s="sel"; '
        "arc=pass (i=1 spf=pass (nested (deeper)))"
    )
    header = parse_authentication_results(value)
    assert header.authserv_id == "example.net"
    assert _summary(value) == [
        (
            "dkim",
            "fail",
            "signature (body hash) did not verify",
            {"header.d": "example.org", "header.s": "sel"},
        ),
        ("arc", "pass", None, {}),
    ]


def test_no_results() -> None:
    header = parse_authentication_results("example.com; none")
    assert (header.authserv_id, header.results) == ("example.com", ())


def test_garbage_parts_are_skipped_and_the_rest_kept() -> None:
    value = "mx.example.net; ;; = = ; x= ; =y ; spf=pass smtp.mailfrom=a@example.org; dkim"
    header = parse_authentication_results(value)
    assert header.authserv_id == "mx.example.net"
    assert _summary(value) == [("spf", "pass", None, {"smtp.mailfrom": "a@example.org"})]
    assert header.raw == value


@pytest.mark.parametrize(
    "value", ["", "((((", '"unterminated', "\x00\ufffd;=;", "a; b=" + "(" * 10_000, "x" * 200_000]
)
def test_hostile_values_never_raise(value: str) -> None:
    header = parse_authentication_results(value)
    assert header.raw == value.strip()


def test_json_shape() -> None:
    header = parse_authentication_results("mx.google.com; spf=none smtp.mailfrom=a@ts.skr.jp")
    assert auth_results_to_json([header]) == [
        {
            "authserv_id": "mx.google.com",
            "results": [
                {
                    "method": "spf",
                    "result": "none",
                    "reason": None,
                    "properties": {"smtp.mailfrom": "a@ts.skr.jp"},
                }
            ],
        }
    ]
