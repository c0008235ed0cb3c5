"""Hop counts of the real corpus compared with mail-parser's reading of the same messages.

mail-parser (PyPI ``mail-parser``, pinned in the ``test`` extra) is an independent reader of
Received fields. For every message, the hops `check --message --json` reports (for a message
it refuses, `parse_message`'s hops) must number what mail-parser's ``received`` does, and each
hop's receiving host (``by``) must be the name mail-parser reads there, except for the
differences listed below, each with its reason. A listed difference that disappears fails the
test too, so the lists stay true.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Any

import mailparser
import pytest

from mailpath.core.message.parse import MessageError, parse_message
from tests.corpus.conftest import Run
from tests.corpus.sources import Corpus, Sample

#: Messages whose hop counts differ: key -> (mailpath's count, None when mailpath refuses the
#: file as not a message; mail-parser's count; why).
HOP_COUNT_DIFFERENCES: dict[str, tuple[int | None, int, str]] = {
    "cpython/msg_19.txt": (
        None,
        0,
        "a digest's body text with no header: mailpath refuses it as not a message; "
        "mail-parser reads any text as a message and finds no Received field",
    ),
    "mail-parser/mail_outlook_1": (
        None,
        0,
        "an Outlook .msg file (OLE2 binary): mailpath refuses it as not a message; "
        "mail-parser's parse_from_bytes reads it as an empty message",
    ),
}

#: Messages where a hop's receiving host differs: key -> why.
BY_DIFFERENCES: dict[str, str] = {
    # "by  (Postfix)" in two of its four fields: the by-clause has no name, only a comment.
    # mail-parser takes the comment "(Postfix)" as the host; mailpath records no host (a
    # comment is not a domain, RFC 5321 4.4 Extended-Domain).
    "mail-parser/mail_malformed_1": "'by  (Postfix)': a comment, no host name",
    # "from jgh by myhost.test.ex with local (Exim x.yz)\n envelope-from <...>)\n 1dtXln-...":
    # an unbalanced ")" and no "id"/"for" keyword before the date. mail-parser's patterns give
    # up on the whole field (only 'raw' is kept, no 'by'); mailpath reads its by-clause.
    "dkimpy/ed25519test2.msg": "unbalanced parenthesis: mail-parser keeps only the raw field",
}


@pytest.fixture(autouse=True)
def _quiet_mailparser() -> Iterator[None]:
    """mail-parser logs a warning per MIME type it does not handle; not ours to read."""
    logger = logging.getLogger("mailparser")
    level = logger.level
    logger.setLevel(logging.ERROR)
    yield
    logger.setLevel(level)


def _by(value: Any) -> str | None:
    return str(value).split()[0].lower() if value else None


def ours(sample: Sample, run: Run) -> list[str | None] | None:
    """The receiving host of every hop, oldest first, as mailpath reports it; None when
    mailpath refuses the file as not a message."""
    if run.code in (0, 1):
        hops = run.report()["message"]["hops"]
    else:
        try:
            parsed = parse_message(sample.read())
        except MessageError:
            return None
        hops = [{"by": hop.by} for hop in parsed.hops]
    return [_by(hop["by"]) for hop in hops]


def theirs(sample: Sample) -> list[str | None]:
    """The receiving host of every hop, oldest first, as mail-parser reads it."""
    parsed = mailparser.parse_from_bytes(sample.read())
    return [_by(hop.get("by")) for hop in parsed.received]


def test_hop_counts_agree_with_mail_parser(corpus: Corpus, runs: dict[str, Run]) -> None:
    agree, differ = 0, {}
    for sample in corpus.samples:
        mine, other = ours(sample, runs[sample.key]), theirs(sample)
        count = None if mine is None else len(mine)
        if count == len(other):
            agree += 1
        else:
            differ[sample.key] = (count, len(other))
    print(f"\nhop counts: {agree} agree with mail-parser, {len(differ)} differ: {differ}")
    expected = {key: (a, b) for key, (a, b, _why) in HOP_COUNT_DIFFERENCES.items()}
    assert differ == expected
    assert agree == len(corpus.samples) - len(expected)


def test_receiving_hosts_agree_with_mail_parser(corpus: Corpus, runs: dict[str, Run]) -> None:
    differ: dict[str, tuple[list[str | None], list[str | None]]] = {}
    hops = 0
    for sample in corpus.samples:
        mine = ours(sample, runs[sample.key])
        if mine is None:
            continue
        other = theirs(sample)
        hops += len(mine)
        if mine != other:
            differ[sample.key] = (mine, other)
    print(f"\nreceiving hosts: {hops} hops; messages that differ: {differ}")
    assert hops > 100
    assert set(differ) == set(BY_DIFFERENCES), differ
