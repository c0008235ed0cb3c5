"""The authoritative view in `check --json` (`view_to_json`) and in the text report
(`render_text`)."""

from __future__ import annotations

from mailpath.core.dns.authoritative import NOTES, AuthoritativeView, QuestionView
from mailpath.core.dns.sources import Outcome
from mailpath.core.jsontypes import JsonObject


def view_to_json(view: AuthoritativeView | None) -> JsonObject | None:
    """`check --json`'s `authoritative`: zone, serials (the sender zone's), zones (every
    zone's serials), servers, answers, questions, agree."""
    if view is None:
        return None
    return {
        "zone": view.zone,
        "serials": view.serials(),
        "zones": [{"zone": z, "serials": serials} for z, serials in view.zones()],
        "servers": [
            {
                "host": s.host,
                "address": s.address,
                "outcome": s.outcome,
                "authoritative": s.authoritative,
                "zone": s.zone,
                "serial": s.serial,
                "failure": s.failure or None,
            }
            for s in view.servers
        ],
        "answers": [
            {
                "name": a.name,
                "type": a.rdtype,
                "server": a.host,
                "address": a.address,
                "outcome": a.outcome,
                "records": list(a.records),
                "ttl": a.ttl,
                "authoritative": a.authoritative,
            }
            for a in view.answers
        ],
        "questions": [
            {
                "name": q.name,
                "type": q.rdtype,
                "zone": q.zone,
                "agree": q.agree,
                "resolver": {
                    "outcome": q.resolver.outcome,
                    "records": sorted(q.resolver.records),
                    "ttl": q.resolver.ttl,
                },
                "resolver_agrees": q.resolver_agrees,
                "answered": q.answered,
                "servers": q.servers,
            }
            for q in view.questions
        ],
        "skipped": list(view.skipped),
        "error": view.error,
        "agree": view.agree,
        # How the servers were asked: always plain DNS (no authoritative server offers TLS);
        # `note` says so when the resolver was asked over DoH/DoT.
        "servers_transport": "plain",
        "resolver_transport": view.resolver_transport or None,
        "note": _note_json(view),
    }


def _note_json(view: AuthoritativeView) -> JsonObject | None:
    note = view.note
    if note is None:
        return None
    key, params = note
    return {"template": key, "params": params, "message": NOTES[key].format(**params)}


def render_text(view: AuthoritativeView) -> list[str]:
    """Lines for the text report."""
    lines = [f"Authoritative servers (zone {view.zone or '?'})"]
    if view.note is not None:
        key, params = view.note
        lines.append(f"  note: {NOTES[key].format(**params)}")
    if view.error:
        lines.append(f"  error: {view.error}")
    for s in view.servers:
        aa = "authoritative" if s.authoritative else "NOT authoritative"
        serial = f"serial {s.serial}" if s.serial is not None else Outcome(s.outcome).describe()
        lines.append(f"  {s.zone:<20} {s.host} ({s.address}): {serial}, {aa}")
    for q in view.questions:
        state = _state_text(q)
        res = {True: "resolver current", False: "resolver STALE", None: "resolver ?"}[
            q.resolver_agrees
        ]
        ttl = f", resolver TTL {q.resolver.ttl} s" if q.resolver.ttl is not None else ""
        lines.append(f"  {q.name} {q.rdtype}: {state}, {res}{ttl}")
    lines.append(f"  all agree: {'yes' if view.agree else 'no'}")
    return lines


def _state_text(q: QuestionView) -> str:
    """ "servers agree" only when at least two servers answered with authority."""
    if not q.agree:
        return "servers DISAGREE"
    if q.answered >= 2:
        return "servers agree"
    if q.answered == 1:
        return f"only 1 of {q.servers} servers answered with authority"
    return f"none of {q.servers} servers answered with authority"
