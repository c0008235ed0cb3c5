"""Authentication-Results header fields (RFC 8601), read leniently.

API
---
- `parse_authentication_results(value, position=-1) -> AuthResultsHeader`: one field value.
  Never raises. Comments are dropped, quoted strings unquoted, a missing version accepted, and
  a missing authserv-id too (Microsoft 365 writes ``spf=pass (...) smtp.mailfrom=...;
  dkim=none ...`` with no authserv-id: `authserv_id` is then None). A result that cannot be
  read is skipped; the header keeps what parsed. ``none`` (no results) gives no results.
- Which of a message's fields the receiving side added is the message's business:
  `mailpath.core.message.check.receiving_results`.
- `auth_results_to_json(headers) -> list`: ``[{"authserv_id", "results": [{"method",
  "result", "reason", "properties"}]}]``.

`AuthResult.properties` maps ``ptype.property`` (lower case) to the value as written, e.g.
``{"smtp.mailfrom": "someone@ts.skr.jp", "header.d": "example.com", "header.i": "@example.com",
"header.from": "example.com"}``; a bare key such as Microsoft's ``action=none`` is kept as
``{"action": "none"}``. Methods and results are lower case; the reason is as written.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

#: Only this much of one field is read; real ones are well under 4 KB.
MAX_AUTH_RESULTS_LENGTH = 65_536

_SPECIALS = re.compile(r'\\.|[()"]', re.S)
_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"?|;|=|[^\s;="]+', re.S)
_QUOTED_PAIR = re.compile(r"\\(.)", re.S)


@dataclass(frozen=True)
class AuthResult:
    """One ``method=result`` with its reason and properties (a dict: do not mutate)."""

    method: str
    result: str
    reason: str | None = None
    properties: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class AuthResultsHeader:
    """One Authentication-Results field.

    `position` is the field's index in the message's header block (0 = topmost), or -1 when
    parsed on its own; `raw` is the value as received (header text is data).
    """

    authserv_id: str | None
    results: tuple[AuthResult, ...]
    raw: str
    position: int = -1


def _strip_comments(text: str) -> str:
    """Remove (nested) comments, keeping quoted strings intact. Linear in the length."""
    out: list[str] = []
    depth = 0
    in_quote = False
    start = 0
    for match in _SPECIALS.finditer(text):
        char = match.group()
        if char.startswith("\\"):
            continue
        if in_quote:
            if char == '"':
                in_quote = False
            continue
        if char == '"' and depth == 0:
            in_quote = True
        elif char == "(":
            if depth == 0:
                out.append(text[start : match.start()])
            depth += 1
        elif char == ")" and depth > 0:
            depth -= 1
            if depth == 0:
                out.append(" ")
                start = match.end()
    if depth == 0:
        out.append(text[start:])
    return "".join(out)


def _unquote(token: str) -> str:
    if token.startswith('"'):
        token = token[1:-1] if len(token) > 1 and token.endswith('"') else token[1:]
        return _QUOTED_PAIR.sub(r"\1", token)
    return token


def _pairs(tokens: list[str]) -> list[tuple[str, str]]:
    """``key = value`` pairs of one resinfo; stray tokens are skipped."""
    pairs: list[tuple[str, str]] = []
    i = 0
    while i < len(tokens):
        if i + 1 < len(tokens) and tokens[i + 1] == "=" and tokens[i] != "=":
            value = ""
            step = 2
            # ``header.d= header.s=x``: an empty value is followed by the next key.
            if (
                i + 2 < len(tokens)
                and tokens[i + 2] != "="
                and not (i + 3 < len(tokens) and tokens[i + 3] == "=")
            ):
                value = _unquote(tokens[i + 2])
                step = 3
            pairs.append((_unquote(tokens[i]), value))
            i += step
        else:
            i += 1
    return pairs


def _result(tokens: list[str]) -> AuthResult | None:
    pairs = _pairs(tokens)
    if not pairs:
        return None
    method, result = pairs[0]
    method = method.split("/", 1)[0].strip().lower()
    result = result.strip().lower()
    if not method or not result:
        return None
    reason: str | None = None
    properties: dict[str, str] = {}
    for key, value in pairs[1:]:
        key = key.lower()
        if key == "reason" and reason is None:
            reason = value
        elif key not in properties:
            properties[key] = value
    return AuthResult(method, result, reason, properties)


def parse_authentication_results(value: str, position: int = -1) -> AuthResultsHeader:
    """Parse one Authentication-Results value (see the module docstring); never raises."""
    raw = value.strip()
    try:
        return _parse(raw, position)
    except Exception:  # hostile header text must never abort an analysis
        return AuthResultsHeader(None, (), raw, position)


def _parse(raw: str, position: int) -> AuthResultsHeader:
    tokens = _TOKEN.findall(_strip_comments(raw[:MAX_AUTH_RESULTS_LENGTH]))
    segments: list[list[str]] = [[]]
    for token in tokens:
        if token == ";":
            segments.append([])
        else:
            segments[-1].append(token)
    first = segments[0]
    authserv_id: str | None = None
    if first and "=" not in first:
        # ``authserv-id [version]``; a Microsoft-style header starts with a result instead.
        authserv_id = _unquote(first[0]).rstrip(".").lower() or None
        segments = segments[1:]
    results: list[AuthResult] = []
    for segment in segments:
        if not segment:
            continue
        outcome = _result(segment)
        if outcome is not None:
            results.append(outcome)
    return AuthResultsHeader(authserv_id, tuple(results), raw, position)


def auth_results_to_json(headers: Iterable[AuthResultsHeader]) -> list[dict[str, object]]:
    """The JSON form: per header ``authserv_id`` and ``results``."""
    return [
        {
            "authserv_id": header.authserv_id,
            "results": [
                {
                    "method": r.method,
                    "result": r.result,
                    "reason": r.reason,
                    "properties": dict(r.properties),
                }
                for r in header.results
            ],
        }
        for header in headers
    ]
