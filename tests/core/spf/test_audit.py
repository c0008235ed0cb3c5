"""audit(): the whole include tree's lookup count, and where it crosses the limit."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from mailpath.core.auth.spf import SpfAudit, audit_to_json, render_audit_text

Audit = Callable[[dict[str, Any], str], SpfAudit]


def txt(text: str) -> tuple[str, str]:
    return ("TXT", text)


NESTED: dict[str, list[tuple[str, Any]]] = {
    "example.com": [txt("v=spf1 mx include:a.example.com include:b.example.com -all")],
    "example.com.": [("MX", (10, "mx.example.com"))],
    "mx.example.com": [("A", "198.51.100.1")],
    "a.example.com": [txt("v=spf1 a:h.example.com include:c.example.com ~all")],
    "h.example.com": [("A", "198.51.100.2")],
    "c.example.com": [txt("v=spf1 ip4:203.0.113.0/24 exists:e.example.com -all")],
    "e.example.com": [("A", "127.0.0.2")],
    "b.example.com": [txt("v=spf1 ptr:example.com a -all"), ("A", "198.51.100.3")],
}


def test_whole_tree_count(run_audit: Audit) -> None:
    result = run_audit(NESTED, "example.com")
    # mx, include a, a:h, include c, exists, include b, ptr, a
    assert result.lookups == 8
    assert result.over_limit == ()
    # For IPv6 clients a:h.example.com and a (b.example.com) have no AAAA, and the PTR of
    # the audit address does not exist: three voids, over the limit of 2. IPv4: the PTR only.
    assert result.void_by_family == ((4, 1), (6, 3))
    assert result.error == "a: void lookup limit (2) exceeded (IPv6 clients)"
    assert result.record == NESTED["example.com"][0][1]
    inc_a = result.tree.terms[1]
    assert inc_a.child is not None and inc_a.child.terms[1].child is not None
    text = render_audit_text(result)
    assert "lookups over every branch 8/10, void 1/2 (IPv4), 3/2 (IPv6)" in text
    assert audit_to_json(result)["lookups"] == 8


def test_over_limit_branch_named(run_audit: Audit) -> None:
    zone = dict(NESTED)
    zone["c.example.com"] = [
        txt("v=spf1 exists:e.example.com a:h.example.com mx:example.com a:x.example.com -all")
    ]
    zone["x.example.com"] = [("A", "198.51.100.4")]
    result = run_audit(zone, "example.com")
    assert result.lookups == 11
    assert result.over_limit == (
        "example.com",
        "include:b.example.com",
        "b.example.com",
        "a",
    )
    assert "over the limit at: example.com > include:b.example.com" in render_audit_text(result)


def test_errors_and_loops(run_audit: Audit) -> None:
    zone = {
        "example.com": [txt("v=spf1 include:loop.example.com include:none.example.com -all")],
        "loop.example.com": [txt("v=spf1 include:example.com -all")],
    }
    result = run_audit(zone, "example.com")
    assert result.error is not None and "loop" in result.error
    # the audit goes on past the first error
    assert result.tree.terms[1].error == "include target none.example.com has no SPF record"
    two = run_audit({"example.com": [txt("v=spf1 -all"), txt("v=spf1 +all")]}, "example.com")
    assert two.error == "2 v=spf1 records (there must be one)" and two.record is None
    none = run_audit({"example.com": [txt("not spf")]}, "example.com")
    assert none.record is None and none.error is None and none.lookups == 0
    bad = run_audit({"example.com": [txt("v=spf1 a:museum -all")]}, "example.com")
    assert bad.error is not None and "a:museum" in bad.error
