"""The corpus of real messages (`sources.py`), fetched once per session.

A source that cannot be had (no network to the registries, the Debian package not installed)
skips the tests that need it, except under CI (``CI=true``), where that is a failure:
``scripts/test.sh`` installs what the corpus needs.
"""

from __future__ import annotations

import os

import pytest

from tests.corpus.sources import Corpus, load_corpus


def _under_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in ("true", "1", "yes")


@pytest.fixture(scope="session")
def corpus() -> Corpus:
    loaded = load_corpus()
    if loaded.missing:
        problems = "; ".join(f"{source}: {why}" for source, why in loaded.missing.items())
        if _under_ci():
            pytest.fail(f"the message corpus is incomplete: {problems}")
        pytest.skip(f"the message corpus is incomplete: {problems}")
    return loaded
