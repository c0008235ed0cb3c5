"""Record and term syntax (RFC 7208 4.5, 4.6, 5, 6, 12) and the macro language (section 7)."""

from __future__ import annotations

import ipaddress

import pytest

from mailpath.core.auth.spf import (
    MacroContext,
    Mechanism,
    Modifier,
    SpfSyntaxError,
    check_domain_spec,
    expand_domain_spec,
    expand_macros,
    is_spf_record,
    parse_record,
)

# ---------------------------------------------------------------- record selection


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("v=spf1", True),
        ("v=spf1 -all", True),
        ("V=SpF1 ~all", True),
        (b"v=spf1 mx", True),
        ("v=spf10", False),
        ("v=spf1mx", False),
        ("v=spf2.0/pra", False),
        ("spf1", False),
        ("", False),
    ],
)
def test_version_tag(text: str | bytes, expected: bool) -> None:
    assert is_spf_record(text) is expected


# ---------------------------------------------------------------- terms


def test_parse_full_record() -> None:
    rec = parse_record(
        "v=spf1 ip4:192.0.2.0/24 ip6:2001:db8::/32 a mx:mx.example.com/24//64 ptr "
        "exists:%{ir}.bl.example.org include:_spf.example.net ~all "
        "redirect=other.example exp=why.%{d} moo=cow"
    )
    names = [t.name for t in rec.terms]
    assert names == [
        "ip4", "ip6", "a", "mx", "ptr", "exists", "include", "all", "redirect", "exp", "moo",
    ]  # fmt: skip
    ip4 = rec.terms[0]
    assert isinstance(ip4, Mechanism)
    assert ip4.network == ipaddress.ip_network("192.0.2.0/24")
    mx = rec.terms[3]
    assert isinstance(mx, Mechanism)
    assert (mx.domain_spec, mx.cidr4, mx.cidr6) == ("mx.example.com", 24, 64)
    assert rec.terms[7].qualifier == "~"
    assert isinstance(rec.redirect, Modifier) and rec.redirect.value == "other.example"
    assert isinstance(rec.exp, Modifier) and rec.exp.value == "why.%{d}"
    assert len(rec.mechanisms) == 8


def test_multiple_spaces_and_trailing_space() -> None:
    assert [t.text for t in parse_record("v=spf1  a   -all ").terms] == ["a", "-all"]


def test_case_insensitive_names() -> None:
    rec = parse_record("v=spf1 A:Example.COM MX -ALL Redirect=x.example")
    assert [t.name for t in rec.terms] == ["a", "mx", "all", "redirect"]


@pytest.mark.parametrize(
    ("record", "term"),
    [
        ("v=spf1 -all.", "-all."),
        ("v=spf1 -all:foobar", "-all:foobar"),
        ("v=spf1 -all/8", "-all/8"),
        ("v=spf1 ptr/0 -all", "ptr/0"),
        ("v=spf1 ptr:", "ptr:"),
        ("v=spf1 a:", "a:"),
        ("v=spf1 a/33", "a/33"),
        ("v=spf1 a//129", "a//129"),
        ("v=spf1 a/24/64", "a/24/64"),
        ("v=spf1 a:foo-bar", "a:foo-bar"),
        ("v=spf1 a:111.222.33.44", "a:111.222.33.44"),
        ("v=spf1 a:abc.123", "a:abc.123"),
        ("v=spf1 a:museum", "a:museum"),
        ("v=spf1 a:museum.", "a:museum."),
        ("v=spf1 a:example.-com", "a:example.-com"),
        ("v=spf1 a:example.com:8080", "a:example.com:8080"),
        ("v=spf1 include", "include"),
        ("v=spf1 include:", "include:"),
        ("v=spf1 include:a.example.com/24", "include:a.example.com/24"),
        ("v=spf1 exists", "exists"),
        ("v=spf1 exists:a.example.com/24", "exists:a.example.com/24"),
        ("v=spf1 ip4", "ip4"),
        ("v=spf1 ip4:1.2.3", "ip4:1.2.3"),
        ("v=spf1 ip4:1.2.3.4/33", "ip4:1.2.3.4/33"),
        ("v=spf1 ip4:1.2.3.4/032", "ip4:1.2.3.4/032"),
        ("v=spf1 ip4:1.2.3.4//32", "ip4:1.2.3.4//32"),
        ("v=spf1 ip4:1.2.3.4:8080", "ip4:1.2.3.4:8080"),
        ("v=spf1 ip4:01.2.3.4", "ip4:01.2.3.4"),
        ("v=spf1 ip6", "ip6"),
        ("v=spf1 ip6::CAFE::BABE", "ip6::CAFE::BABE"),
        ("v=spf1 ip6:::1/129", "ip6:::1/129"),
        ("v=spf1 ip6:::1//33", "ip6:::1//33"),
        ("v=spf1 ip6:fe80::1%eth0", "ip6:fe80::1%eth0"),
        ("v=spf1 moo", "moo"),
        ("v=spf1 1up=foo", "1up=foo"),
        ("v=spf1 =all", "=all"),
        ("v=spf1 moo.cow/far_out=man:dog/cat", "moo.cow/far_out=man:dog/cat"),
        ("v=spf1 redirect:t2.example.com", "redirect:t2.example.com"),
        ("v=spf1 redirect=", "redirect="),
        ("v=spf1 redirect=-all", "redirect=-all"),
        ("v=spf1 exp=", "exp="),
        ("v=spf1 foo=%abc", "foo=%abc"),
        ("v=spf1 exists:%{x}.example.com", "exists:%{x}.example.com"),
        ("v=spf1 exists:%{d0}.example.com", "exists:%{d0}.example.com"),
        ("v=spf1 exists:%{r}.example.com", "exists:%{r}.example.com"),
        ("v=spf1 exp=%{c}.example.com", "exp=%{c}.example.com"),
        ("v=spf1 exists:%{d.example.com", "exists:%{d.example.com"),
        ("v=spf1 exists:foo%.example.com", "exists:foo%.example.com"),
        ("v=spf1 a:foo.example.com\x00", "a:foo.example.com\x00"),
    ],
)
def test_syntax_errors_name_the_term(record: str, term: str) -> None:
    with pytest.raises(SpfSyntaxError) as info:
        parse_record(record)
    if term.isprintable():
        assert term in str(info.value)


@pytest.mark.parametrize(
    "record",
    [
        "v=spf1 a:ctrl.example.com\rptr -all",
        "v=spf1 ip4:192.0.2.5\n include:x.example ~all",
        "v=spf1 \x80a:example.net -all",
        "v=spf1 a\t-all",
    ],
)
def test_control_and_non_ascii_characters(record: str) -> None:
    with pytest.raises(SpfSyntaxError):
        parse_record(record)
    with pytest.raises(SpfSyntaxError):
        parse_record(record.encode("latin-1"))


def test_duplicate_modifiers() -> None:
    with pytest.raises(SpfSyntaxError, match="redirect"):
        parse_record("v=spf1 redirect=a.example redirect=b.example")
    with pytest.raises(SpfSyntaxError, match="exp"):
        parse_record("v=spf1 exp=a.example -all exp=b.example")


@pytest.mark.parametrize(
    "record",
    [
        "v=spf1",
        "v=spf1 moo.cow-far_out=man:dog/cat ip4:1.2.3.4 -all",
        "v=spf1 default=+",
        "v=spf1 a:foo:bar/baz.example.com",
        "v=spf1 a:foo.example.xn--zckzah -all",
        "v=spf1 a:mail.example...com",
        "v=spf1 a:%{H}.bar -all",
        "v=spf1 a:%{h}",
        "v=spf1 a:macro%%percent%_%_space%-url-space.example.com",
        "v=spf1 ip4:1.1.1.1/0 ip6:::1.1.1.1/0 ip6:Cafe:Babe:8000::/33",
        "v=spf1 a//0 mx/0 a/24//64",
        "v=spf1 include:o.spf.example.com. ~all",
        "v=spf1 exists:%{l2r+-}.user.%{d2}",
    ],
)
def test_valid_records(record: str) -> None:
    parse_record(record)


@pytest.mark.parametrize(
    "spec",
    ["example.com", "example.com.", "%{d}", "%{d}.example.com", "a.b-c.xn--zckzah", "x.%%"],
)
def test_domain_spec_ok(spec: str) -> None:
    check_domain_spec(spec)


@pytest.mark.parametrize("spec", ["", "com", "com.", "a.123", "a.-x", "a.x-", "a.b_c", "a.%"])
def test_domain_spec_bad(spec: str) -> None:
    with pytest.raises(SpfSyntaxError):
        check_domain_spec(spec)


# ---------------------------------------------------------------- macros: RFC 7208 7.4

CTX4 = MacroContext(
    sender="strong-bad@email.example.com", domain="email.example.com", ip="192.0.2.3"
)
CTX6 = MacroContext(
    sender="strong-bad@email.example.com", domain="email.example.com", ip="2001:db8::cb01"
)


@pytest.mark.parametrize(
    ("macro", "expansion"),
    [
        ("%{s}", "strong-bad@email.example.com"),
        ("%{o}", "email.example.com"),
        ("%{d}", "email.example.com"),
        ("%{d4}", "email.example.com"),
        ("%{d3}", "email.example.com"),
        ("%{d2}", "example.com"),
        ("%{d1}", "com"),
        ("%{dr}", "com.example.email"),
        ("%{d2r}", "example.email"),
        ("%{l}", "strong-bad"),
        ("%{l-}", "strong.bad"),
        ("%{lr}", "strong-bad"),
        ("%{lr-}", "bad.strong"),
        ("%{l1r-}", "strong"),
        ("%{ir}.%{v}._spf.%{d2}", "3.2.0.192.in-addr._spf.example.com"),
        ("%{lr-}.lp._spf.%{d2}", "bad.strong.lp._spf.example.com"),
        ("%{lr-}.lp.%{ir}.%{v}._spf.%{d2}", "bad.strong.lp.3.2.0.192.in-addr._spf.example.com"),
        ("%{ir}.%{v}.%{l1r-}.lp._spf.%{d2}", "3.2.0.192.in-addr.strong.lp._spf.example.com"),
        ("%{d2}.trusted-domains.example.net", "example.com.trusted-domains.example.net"),
    ],
)
def test_rfc7208_7_4_examples(macro: str, expansion: str) -> None:
    assert expand_macros(macro, CTX4) == expansion


def test_rfc7208_7_4_ipv6_example() -> None:
    assert expand_macros("%{ir}.%{v}._spf.%{d2}", CTX6) == (
        "1.0.b.c.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6._spf.example.com"
    )


def test_escapes_and_url_encoding() -> None:
    ctx = MacroContext(sender="~jack&jill=up-a_b3.c@e8.example.com", domain="e8.example.com",
                       ip="192.0.2.1")  # fmt: skip
    assert expand_macros("%%%_%-", ctx) == "% %20"
    assert expand_macros("l=%{L}", ctx) == "l=~jack%26jill%3Dup-a_b3.c"
    assert expand_macros("%{l2r+-}", MacroContext("foo-bar+zip+quux@x.y", "x.y", "1.2.3.4")) == (
        "bar.foo"
    )


def test_explanation_only_letters() -> None:
    ctx = MacroContext(sender="a@b.example", domain="b.example", ip="192.0.2.40",
                       receiver="mx.receiver.example")  # fmt: skip
    assert expand_macros("%{c} %{r}", ctx, explanation=True) == "192.0.2.40 mx.receiver.example"
    assert expand_macros("%{t}", ctx, explanation=True).isdigit()
    with pytest.raises(SpfSyntaxError):
        expand_macros("%{c}", ctx)
    assert expand_macros("%{c}", CTX6, explanation=True) == "2001:db8::cb01"


def test_p_macro_without_resolver_is_unknown() -> None:
    assert expand_macros("%{p}", CTX4) == "unknown"


def test_domain_truncation_and_trailing_dot() -> None:
    ctx = MacroContext(sender="a@" + "x" * 60 + ".example.com", domain="d.example", ip="1.2.3.4")
    name = expand_domain_spec("%{o}.%{o}.%{o}.%{o}.%{o}.example.com", ctx)
    assert len(name) <= 253 and name.endswith(".example.com")
    assert not name.startswith(".")
    assert expand_domain_spec("%{d}.", ctx) == "d.example"


@pytest.mark.parametrize("bad", ["%", "%x", "%{", "%{}", "%{q}", "%{d0}", "%{d2x}", "a%"])
def test_bad_macros(bad: str) -> None:
    with pytest.raises(SpfSyntaxError):
        expand_macros(bad, CTX4)
