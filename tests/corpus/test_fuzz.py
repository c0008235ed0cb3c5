"""Seeded fuzzing of the real corpus: damaged and hostile copies of real messages.

The bulk goes through `parse_message` alone (what `check --message` reads first, in
milliseconds); a few dozen go through the whole `check --message` against the loopback DNS
server. Nothing may raise anything but the one-line MessageError, print a traceback, or hang:
pytest-timeout's per-test limit is the hang guard. The seed is fixed, so a failure names a
case that fails again.
"""

from __future__ import annotations

import json
import random
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import dkim
import pytest

from mailpath.core.message.parse import MessageError, ParsedMessage, message_to_json, parse_message
from tests.corpus.conftest import Run, check
from tests.corpus.mutations import big_mutations, small_mutations
from tests.corpus.sources import Corpus, Sample
from tests.support.dkimkeys import rsa_key
from tests.support.dnsserver import DnsTestServer

SEED = 20_261_205
#: Damaged copies per kind (flip, truncate, nul, bad-charset) per corpus message.
EACH = 5
#: The message the hostile shapes are put into for the full runs (a real, 8-hop message).
BASE = "spamassassin/sample-nonspam.txt"
BIG = [name for name, _ in big_mutations(b"From: a@example.org\r\n\r\nx")]
#: Seeded damaged copies that go through the whole `check --message`.
FULL_SMALL = 16


def parse(data: bytes) -> ParsedMessage | None:
    """parse_message(data), or None when it refused the bytes with a MessageError; and what
    a saved analysis would hold of it serializes."""
    try:
        parsed = parse_message(data)
    except MessageError as exc:
        assert str(exc) and "\n" not in str(exc)
        return None
    json.dumps(message_to_json(parsed))
    return parsed


def sample(corpus: Corpus, key: str) -> Sample:
    (found,) = [s for s in corpus.samples if s.key == key]
    return found


@pytest.mark.timeout(120)
def test_parse_survives_damaged_copies_of_every_message(corpus: Corpus) -> None:
    kinds: Counter[str] = Counter()
    refused = 0
    for s in corpus.samples:
        rng = random.Random(f"{SEED}:{s.key}")
        for name, data in small_mutations(s.read(), rng, EACH):
            kinds[name.rsplit("-", 1)[0]] += 1
            if parse(data) is None:
                refused += 1
    print(f"\nparse-only fuzz: {sum(kinds.values())} cases {dict(kinds)}; {refused} refused")
    assert sum(kinds.values()) == len(corpus.samples) * 4 * EACH


@pytest.mark.timeout(120)
def test_parse_survives_hostile_shapes(corpus: Corpus) -> None:
    rng = random.Random(SEED)
    bases = [sample(corpus, BASE), *rng.sample(corpus.samples, 1)]
    cases = 0
    for base in bases:
        for name, data in big_mutations(base.read()):
            parsed = parse(data)
            cases += 1
            if name == "10000-received" and parsed is not None:
                assert "received-truncated" in parsed.notes
    print(f"\nparse-only hostile shapes: {cases} cases")
    assert cases == len(bases) * len(BIG)


@pytest.fixture(scope="module")
def zone_server() -> Iterator[DnsTestServer]:
    """A small zone: the DKIM key of the signed cases; every other name is NXDOMAIN."""
    _pem, public = rsa_key(1024)
    zone = {"sel._domainkey.world.std.com": [("TXT", f"v=DKIM1; k=rsa; p={public}")]}
    with DnsTestServer(zone) as server:
        yield server


def full(server: DnsTestServer, tmp_path: Path, data: bytes) -> Run:
    path = tmp_path / "message.eml"
    path.write_bytes(data)
    run = check(server, str(path))
    assert "Traceback" not in run.err
    if run.code == 2:
        assert run.out == "" and len(run.err.strip().splitlines()) == 1, run.err
    else:
        assert run.code in (0, 1), run.err
        assert run.report()["verdict"]
    return run


@pytest.mark.timeout(60)
@pytest.mark.parametrize("name", BIG)
def test_check_survives_hostile_shapes(
    name: str, corpus: Corpus, zone_server: DnsTestServer, tmp_path: Path
) -> None:
    data = dict(big_mutations(sample(corpus, BASE).read()))[name]
    run = full(zone_server, tmp_path, data)
    if name.startswith("2mb-") and "body" in name:
        assert run.code in (0, 1)  # a long body line changes nothing in the header block


@pytest.mark.timeout(60)
@pytest.mark.parametrize(("names", "result"), [(10_000, "pass"), (10_001, "neutral")])
def test_check_verifies_a_real_signature_naming_10000_fields(
    names: int, result: str, corpus: Corpus, zone_server: DnsTestServer, tmp_path: Path
) -> None:
    """dkimpy signs with h= naming From and 9,999 (absent, oversigned) fields: mailpath hands
    10,000 names to dkimpy, which verifies them; one more is refused before dkimpy."""
    pem, _public = rsa_key(1024)
    message = sample(corpus, BASE).read().replace(b"\n", b"\r\n")
    headers = [b"from"] + [b"a"] * (names - 1)
    signature = dkim.sign(message, b"sel", b"world.std.com", pem, include_headers=headers)
    run = full(zone_server, tmp_path, signature + message)
    (sig,) = run.report()["message"]["dkim"]
    assert sig["result"] == result, sig["reason"]
    if result == "pass":
        assert len(sig["headers_signed"]) == names


@pytest.mark.timeout(60)
@pytest.mark.parametrize("case", range(FULL_SMALL))
def test_check_survives_damaged_copies(
    case: int, corpus: Corpus, zone_server: DnsTestServer, tmp_path: Path
) -> None:
    rng = random.Random(f"{SEED}:full:{case}")
    base = rng.choice(corpus.samples)
    _name, data = rng.choice(list(small_mutations(base.read(), rng, 1)))
    full(zone_server, tmp_path, data)
