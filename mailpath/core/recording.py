"""Saved analyses: the inputs and every DNS question and answer, as versioned JSON.

Format (`"format": "mailpath-analysis"`, `"version": 1`)::

    {
      "format": "mailpath-analysis",
      "version": 1,
      "tool": "mailpath 0.1.0",
      "created": "2026-11-27T18:00:00+00:00",     # when the live analysis started (UTC)
      "inputs": {"sender": "ts.skr.jp", "recipient": "gmail.com", "via": "www274.sakura.ne.jp"},
      "resolver": ["127.0.0.1:53"],                 # where the answers came from
      "resolver_kind": "udp",                       # system | udp | doh | dot (optional)
      "queries": [                                  # one entry per question asked
        {"name": "gmail.com", "type": "MX", "outcome": "ok",
         "records": [[5, "gmail-smtp-in.l.google.com"], ...], "elapsed_us": 12500,
         "ttl": 300, "authoritative": false,       # ttl: null when unknown; both optional
         "canonical": "...", "detail": "..."},     # canonical/detail only when set
        ...
      ]
    }

`outcome` is one of ok, nxdomain, nodata, timeout, servfail, refused, error. Records are typed
by `type`: A/AAAA address strings, MX `[preference, exchange]`, TXT/SPF a list of the
record's character-strings (each byte as one Latin-1 code point), PTR/CNAME/NS a name.
Readers must reject a `version` they do not know.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mailpath import __version__
from mailpath.core.dns import Answer, answer_from_json, answer_to_json
from mailpath.core.names import InputError

FORMAT = "mailpath-analysis"
VERSION = 1
SUFFIX = ".mailpath.json"


class RecordingError(InputError):
    """A saved analysis that cannot be read."""


@dataclass(frozen=True)
class Recording:
    sender: str
    recipient: str
    via: str | None
    created: str
    resolver: tuple[str, ...]
    answers: tuple[Answer, ...]
    resolver_kind: str | None = None


def save_recording(
    path: str | os.PathLike[str],
    *,
    sender: str,
    recipient: str,
    via: str | None,
    created: str,
    resolver: Iterable[str],
    answers: Iterable[Answer],
    resolver_kind: str | None = None,
) -> None:
    data: dict[str, Any] = {
        "format": FORMAT,
        "version": VERSION,
        "tool": f"mailpath {__version__}",
        "created": created,
        "inputs": {"sender": sender, "recipient": recipient, "via": via},
        "resolver": list(resolver),
        "queries": [answer_to_json(a) for a in answers],
    }
    if resolver_kind is not None:
        data["resolver_kind"] = resolver_kind
    target = Path(path)
    tmp = target.with_name(target.name + ".tmp")
    tmp.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    os.replace(tmp, target)


def open_recording(path: str | os.PathLike[str]) -> Recording:
    where = str(path)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise RecordingError(f"the saved analysis {where} does not exist") from None
    except IsADirectoryError:
        raise RecordingError(f"{where} is a folder, not a saved analysis") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise RecordingError(f"cannot read {where}: {exc}") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise RecordingError(f"{where} is not a saved analysis (not JSON: {exc.msg})") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise RecordingError(f"{where} is not a mailpath saved analysis")
    if data.get("version") != VERSION:
        raise RecordingError(
            f"{where} has format version {data.get('version')!r}; this mailpath reads "
            f"version {VERSION}"
        )
    inputs = data.get("inputs")
    queries = data.get("queries")
    if not isinstance(inputs, dict) or not isinstance(queries, list):
        raise RecordingError(f"{where} is damaged: inputs or queries are missing")
    sender, recipient, via = inputs.get("sender"), inputs.get("recipient"), inputs.get("via")
    if not isinstance(sender, str) or not isinstance(recipient, str):
        raise RecordingError(f"{where} is damaged: sender or recipient is missing")
    if via is not None and not isinstance(via, str):
        raise RecordingError(f"{where} is damaged: via is not text")
    try:
        answers = tuple(answer_from_json(q) for q in queries)
    except ValueError as exc:
        raise RecordingError(f"{where} is damaged: {exc}") from None
    resolver = data.get("resolver") or []
    return Recording(
        sender=sender,
        recipient=recipient,
        via=via,
        created=str(data.get("created", "")),
        resolver=tuple(str(r) for r in resolver) if isinstance(resolver, list) else (),
        answers=answers,
        resolver_kind=(
            data["resolver_kind"] if isinstance(data.get("resolver_kind"), str) else None
        ),
    )
