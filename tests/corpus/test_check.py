"""`mailpath check --message FILE` on every message of the real corpus (`sources.py`).

Each run asks the loopback DNS server (an empty zone: every name is NXDOMAIN, nothing touches
public DNS) and must end with an explained exit:

- 0 or 1 with ``--fail-on error``: 1 exactly when the report holds an error finding, and the
  report is one JSON object with a verdict;
- 2 with one line on stderr, for the messages listed in `REFUSED` below with the words that
  line must carry and why the message is refused. A message refused for a missing sender or
  recipient is analysed once those are given on the command line, as the line asks.

No traceback, no hang (pytest-timeout). The exits are tabulated per source in the test's
output (``-s`` or the report's captured stdout).
"""

from __future__ import annotations

from collections import Counter

import pytest

from tests.corpus.conftest import Run, check
from tests.corpus.sources import SOURCES, Corpus, Sample
from tests.support.dnsserver import DnsTestServer

NO_FROM = "the message has no From address with a domain"
NO_RECIPIENT = "the message does not say where it was delivered"
NOT_A_MESSAGE = "this file is not a mail message"

#: Every message `check --message` refuses (exit 2): the words of its one line, and why.
REFUSED: dict[str, tuple[str, str]] = {
    "cpython/msg_11.txt": (NO_FROM, "a bare MIME part: Content-Type, MIME-Version, Subject"),
    "cpython/msg_18.txt": (NO_FROM, "only MIME fields and X-Foobar-Spoink-Defrobnit"),
    "cpython/msg_19.txt": (NOT_A_MESSAGE, "a mailing-list digest's body text, no header"),
    "cpython/msg_05.txt": (NO_FROM, "'From: foo' is a name without a domain"),
    "cpython/msg_37.txt": (NO_FROM, "a MIME part: Content-Type only"),
    "cpython/msg_38.txt": (NO_FROM, "a MIME part: MIME-Version and Content-Type only"),
    "cpython/msg_39.txt": (NO_FROM, "a MIME part: MIME-Version and Content-Type only"),
    "cpython/msg_40.txt": (NO_FROM, "a MIME part: MIME-Version and Content-Type only"),
    "cpython/msg_43.txt": (NO_FROM, "a bounce: 'From: MAILER DAEMON <>' has no address"),
    "cpython/msg_15.txt": (NO_RECIPIENT, "'To: XX' is no address; no Delivered-To, no for <>"),
    "cpython/msg_23.txt": (NO_RECIPIENT, "From and Content-Type only"),
    "cpython/msg_28.txt": (NO_RECIPIENT, "From and MIME fields only"),
    "cpython/msg_30.txt": (NO_RECIPIENT, "From and MIME fields only"),
    "cpython/msg_31.txt": (NO_RECIPIENT, "From and MIME fields only"),
    "cpython/msg_36.txt": (NO_RECIPIENT, "'To: IETF-Announce:;' is an empty group"),
    "mail-parser/mail_outlook_1": (NOT_A_MESSAGE, "an Outlook .msg file (OLE2 binary)"),
    "dkimpy/ed25519test2.msg": (NO_RECIPIENT, "no To; its one Received field has no for <>"),
    "dkimpy/test_nofrom.message": (NO_FROM, "a test message without From"),
    "authheaders/test.nofrom.message": (NO_FROM, "a test message without From"),
}

#: Messages whose sending host is a one-label name ("xcar", "jgh"): they once ended the run with
#: exit 2 ("needs at least two labels", about a name the user never typed); the analysis now
#: goes on with the recorded address, or with the sending host unknown.
#: (key, SENDER and RECIPIENT given on the command line)
ONE_LABEL: dict[str, tuple[str, ...]] = {
    # IMail's "from xcar [192.168.0.2] by jeeves.wooster.local": the receiver recorded the
    # client's address; the name is one label.
    "cpython/msg_26.txt": (),
    # Exim's local submission "from jgh by myhost.test.ex with local": 'jgh' is a user, not a
    # host. Refused for its missing recipient (REFUSED); given one, it is analysed.
    "dkimpy/ed25519test2.msg": ("someone@example.com", "example.net"),
}

#: How many messages each source holds (the pinned versions); a change here is a change of
#: corpus, not a silent shrink.
COUNTS = {"cpython": 47, "mail-parser": 23, "dkimpy": 13, "authheaders": 12, "spamassassin": 2}


#: From fields the standard library reads differently across Python 3.11 releases:
#: "name@a.example <b@c.example>" gives an address on 3.11.7 but none on Debian 12's 3.11.2
#: (email.utils' address parsing changed between them). Either outcome is right for that
#: reading: an analysis, or exit 2 asking for the sender.
PYTHON_DEPENDENT = {"mail-parser/mail_test_15", "mail-parser/mail_test_19"}


def explain(sample: Sample, run: Run) -> str | None:
    """Why `run` is not the exit this message should have (None: it is)."""
    if "Traceback" in run.err:
        return f"a traceback: {run.err[-500:]}"
    if sample.key in PYTHON_DEPENDENT and run.code == 2:
        lines = run.err.strip().splitlines()
        ok = len(lines) == 1 and NO_FROM in lines[0] and not run.out
        return None if ok else f"exit 2 without the one no-From line: {run.err!r}"
    if sample.key in REFUSED:
        words, _why = REFUSED[sample.key]
        lines = run.err.strip().splitlines()
        if run.code != 2 or run.out or len(lines) != 1 or words not in lines[0]:
            return f"expected exit 2 with {words!r}; got {run.code}, stderr {run.err!r}"
        return None
    if run.code not in (0, 1):
        return f"exit {run.code}: {run.err.strip()!r}"
    report = run.report()
    errors = [f for f in report["findings"] if f["severity"] == "error"]
    if (run.code == 1) != bool(errors):
        return f"exit {run.code} but {len(errors)} error findings"
    if not report.get("verdict") or report.get("message") is None:
        return "the report has no verdict or no message"
    return None


def test_the_corpus_is_all_there(corpus: Corpus) -> None:
    counts = Counter(sample.source for sample in corpus.samples)
    assert dict(counts) == COUNTS
    keys = [sample.key for sample in corpus.samples]
    assert len(set(keys)) == len(keys)
    assert set(REFUSED) | set(ONE_LABEL) <= set(keys)


def test_every_message_has_an_explained_exit(corpus: Corpus, runs: dict[str, Run]) -> None:
    table: dict[str, Counter[int]] = {source: Counter() for source in SOURCES}
    wrong: dict[str, str] = {}
    for sample in corpus.samples:
        run = runs[sample.key]
        table[sample.source][run.code] += 1
        problem = explain(sample, run)
        if problem:
            wrong[sample.key] = problem
    print("\nexits of check --message --fail-on error, per source:")
    for source, codes in table.items():
        print(f"  {source:13} " + "  ".join(f"exit {c}: {n}" for c, n in sorted(codes.items())))
    assert not wrong, wrong


def test_a_refused_message_is_analysed_once_the_missing_party_is_given(
    corpus: Corpus, runs: dict[str, Run], server: DnsTestServer
) -> None:
    """The one line says "give the sender/recipient yourself": doing so gets an analysis."""
    given = 0
    for sample in corpus.samples:
        words = REFUSED.get(sample.key, ("",))[0]
        if words not in (NO_FROM, NO_RECIPIENT):
            continue
        run = check(server, str(sample.path), "someone@example.com", "example.net")
        assert run.code in (0, 1), (sample.key, run.err)
        assert run.report()["sender_domain"] == "example.com"
        given += 1
    assert given == sum(w in (NO_FROM, NO_RECIPIENT) for w, _ in REFUSED.values())


@pytest.mark.parametrize("key", sorted(ONE_LABEL))
def test_one_label_sending_host_does_not_end_the_run(
    key: str, corpus: Corpus, server: DnsTestServer
) -> None:
    (sample,) = [s for s in corpus.samples if s.key == key]
    run = check(server, str(sample.path), *ONE_LABEL[key])
    assert "Traceback" not in run.err
    assert run.code in (0, 1), run.err
