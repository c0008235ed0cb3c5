"""Input that forgives: what people paste is read as they meant it, with a
note when that is not obvious, and what is really wrong is still one clear line."""

from __future__ import annotations

import ipaddress

import pytest

from mailpath.core.names import (
    InputError,
    normalize_input,
    parse_party,
    parse_sending_host,
)


@pytest.mark.parametrize("what", ["sender", "recipient"])
@pytest.mark.parametrize(
    ("typed", "local", "domain"),
    [
        ("gmail.com", None, "gmail.com"),
        ("  gmail.com.\n", None, "gmail.com"),
        ("'gmail.com'", None, "gmail.com"),
        ('"someone@gmail.com"', "someone", "gmail.com"),
        ("\u201cgmail.com\u201d", None, "gmail.com"),
        ("<someone@gmail.com>", "someone", "gmail.com"),
        ("Someone <someone@gmail.com>", "someone", "gmail.com"),
        ('"Someone, Inc." <someone@gmail.com>', "someone", "gmail.com"),
        ("Someone\n <someone@gmail.com.> \n", "someone", "gmail.com"),
        ("mailto:someone@gmail.com", "someone", "gmail.com"),
        ("MAILTO:someone@gmail.com?subject=hi", "someone", "gmail.com"),
        ("\uff21\uff22\uff23\uff0e\uff4a\uff50", None, "abc.jp"),  # ＡＢＣ．ｊｐ
        ("someone\uff20gmail.com", "someone", "gmail.com"),  # full-width ＠
        ("abc\u3002jp", None, "abc.jp"),  # ideographic full stop
        ("\u3000gmail.com\u3000", None, "gmail.com"),  # ideographic spaces around
        ("\uff1csomeone@gmail.com\uff1e", "someone", "gmail.com"),  # ＜...＞
    ],
)
def test_pasted_forms_are_accepted_without_a_note(
    what: str, typed: str, local: str | None, domain: str
) -> None:
    party = parse_party(typed, what)
    assert (party.local, party.domain.ascii, party.note) == (local, domain, None)


@pytest.mark.parametrize(
    ("typed", "domain"),
    [
        ("https://www.example.com/path", "example.com"),
        ("http://example.com", "example.com"),
        ("https://user:pw@www.example.com:8443/a/b?q=1#frag", "example.com"),
        ("www.example.com/path", "example.com"),
        ("example.com/", "example.com"),
        ("https://WWW.Example.COM./", "example.com"),
        ("https://www.com/", "www.com"),  # www. is kept when nothing else would be left
        ("\uff48\uff54\uff54\uff50\uff53\uff1a\uff0f\uff0fexample.jp/", "example.jp"),
    ],
)
def test_a_url_is_read_as_its_host_and_says_so(typed: str, domain: str) -> None:
    party = parse_party(typed, "recipient")
    assert party.domain.ascii == domain
    assert party.local is None
    assert party.note is not None
    assert party.note.startswith("the recipient ")
    assert party.note.endswith(f"was read as {domain}") or "without www." in party.note


def test_url_note_wording() -> None:
    assert parse_party("https://www.example.com/path").note == (
        "the sender https://www.example.com/path was read as example.com (its host without www.)"
    )
    assert normalize_input("https://www.example.com/path", "recipient") == (
        "example.com",
        "the recipient https://www.example.com/path was read as example.com "
        "(its host without www.)",
    )
    assert normalize_input(" gmail.com ", "sender") == ("gmail.com", None)


def test_notes_do_not_change_equality() -> None:
    # The CLI compares what was typed with a replay's saved parties.
    assert parse_party("https://www.gmail.com/") == parse_party("gmail.com")
    assert parse_sending_host("http://mx.example.com/") == parse_sending_host("mx.example.com")


def test_japanese_idn_labels_still_work() -> None:
    for typed in ("日本語.jp", "日本語。jp", "user@日本語.jp", "https://日本語.jp/"):
        party = parse_party(typed)
        assert party.domain.ascii == "xn--wgv71a119e.jp"
        assert party.domain.unicode == "日本語.jp"


@pytest.mark.parametrize(
    ("typed", "label", "noted"),
    [
        ("www274.sakura.ne.jp", "www274.sakura.ne.jp", False),
        (" 'www274.sakura.ne.jp.' ", "www274.sakura.ne.jp", False),
        ("\uff57\uff57\uff57\uff12\uff17\uff14.sakura.ne.jp", "www274.sakura.ne.jp", False),
        ("https://www.example.com/path", "www.example.com", True),  # www. kept: may be the host
        ("smtp://mail.example.com:587", "mail.example.com", True),
        ("http://192.0.2.1:25/", "192.0.2.1", True),
        ("http://[2001:db8::1]:25/", "2001:db8::1", True),
        ("[2001:db8::1]", "2001:db8::1", False),
        ("\uff11\uff19\uff12.0.2.1", "192.0.2.1", False),  # full-width digits
    ],
)
def test_sending_host_forgives_too(typed: str, label: str, noted: bool) -> None:
    host = parse_sending_host(typed)
    assert host.label == label
    assert (host.note is not None) is noted
    if host.address is not None:
        assert host.address == ipaddress.ip_address(label)


@pytest.mark.parametrize(
    ("typed", "what", "words"),
    [
        ("a@b@example.com", "sender", "the sender 'a@b@example.com' has more than one '@'"),
        ("a@x.com,b@y.com", "recipient", "has more than one '@'"),
        ("mailto:a@x.com,b@y.com", "recipient", "has more than one '@'"),
        ("gm ail.com", "sender", "the sender 'gm ail.com' contains a space"),
        ("user@exa mple.com", "recipient", "contains a space"),
        ("192.0.2.1", "sender", "is an IP address; a domain name is needed here"),
        ("http://192.0.2.1/", "recipient", "the recipient '192.0.2.1' is an IP address"),
        ("https:///path", "sender", "the sender 'https:///path' is a web address without a host"),
        ("''", "sender", "the sender is empty"),
        ("<>", "recipient", "the recipient is empty"),
        ("Someone <>", "recipient", "the recipient is empty"),
        ("user@", "sender", "no domain after '@'"),
        ("localhost", "sender", "needs at least two labels"),
        ("exa..mple.com", "sender", "empty label"),
    ],
)
def test_what_is_wrong_is_still_rejected_naming_the_field(
    typed: str, what: str, words: str
) -> None:
    with pytest.raises(InputError, match=words.replace("(", r"\(").replace(".", r"\.")) as err:
        parse_party(typed, what)
    assert "\n" not in str(err.value)


def test_quoted_local_part_may_hold_an_at_sign() -> None:
    party = parse_party('"a@b"@example.com')
    assert (party.local, party.domain.ascii) == ('"a@b"', "example.com")


@pytest.mark.parametrize(
    ("typed", "words"),
    [
        ("someone@example.com", "the sending host 'someone@example.com' is an address"),
        ("http://", "the sending host 'http://' is a web address without a host"),
        ("mail host.example.com", "contains a space"),
        ("", "the sending host is empty"),
    ],
)
def test_sending_host_rejects_clearly(typed: str, words: str) -> None:
    with pytest.raises(InputError, match=words):
        parse_sending_host(typed)
