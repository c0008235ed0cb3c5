"""NSD instances for the seed scenario, one per variant, shared by the tests of a module."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator

import pytest

from tests.support.nsd import NsdServer, nsd_available


@pytest.fixture(scope="module")
def nsd_zones() -> Iterator[Callable[[dict[str, str]], NsdServer]]:
    """``nsd = nsd_zones(zones)``: NSD serving `zones`; started once per module per zone set."""
    if not nsd_available():
        message = "NSD is not installed (apt-get install -y nsd)"
        if os.environ.get("CI", "").lower() in ("true", "1", "yes"):
            pytest.fail(message + "; CI must run the end-to-end tests")
        pytest.skip(message)
    started: dict[str, NsdServer] = {}

    def make(zones: dict[str, str]) -> NsdServer:
        key = repr(sorted(zones.items()))
        if key not in started:
            started[key] = NsdServer(zones).start()
        return started[key]

    yield make
    for server in started.values():
        server.stop()
