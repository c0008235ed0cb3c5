"""Shared fixtures. Keep each block small and say what it is for.

DNS in tests
- `dns_server`: factory for loopback DNS servers (`tests/support/dnsserver.py`).
- `nsd_server`: factory for NSD instances (`tests/support/nsd.py`); skipped when NSD is not
  installed, except under CI (``CI=true``), where that is a failure.
- `opendkim_tools`: OpenDKIM's filter (test mode) and opendkim-genkey
  (`tests/support/opendkim.py`); skipped when not installed, failed under CI like NSD.
- No test may touch public DNS. A session-wide guard makes the *system* resolver configuration
  that dnspython reads point at 127.0.0.1 port 9 (discard: nothing listens, queries fail at
  once), and refuses any socket connection or datagram to port 53/853 of any address; a test
  that tried is failed. Tests pass explicit nameservers (``server.nameserver``).
"""

from __future__ import annotations

import os
import socket
from collections.abc import Callable, Iterator
from typing import Any

import dns.asyncresolver
import dns.resolver
import pytest

from tests.support.dnsserver import DnsTestServer
from tests.support.nsd import NsdServer, nsd_available
from tests.support.opendkim import opendkim_available

# ---------------------------------------------------------------- no public DNS

#: Where the system resolver configuration points during tests (discard port: no answer).
GUARD_NAMESERVER = "127.0.0.1"
GUARD_PORT = 9
_DNS_PORTS = frozenset({53, 853})
_violations: list[str] = []


def _guarded_config(self: dns.resolver.BaseResolver, *args: Any, **kwargs: Any) -> None:
    """Replaces reading /etc/resolv.conf: the 'system' resolver is the discard port."""
    self.port = GUARD_PORT  # before `nameservers`, which takes the port when set
    self.nameservers = [GUARD_NAMESERVER]
    self.search = []
    self.timeout = 0.5
    self.lifetime = 1.0


def _check_destination(address: Any) -> None:
    """Refuse port 53/853 on every address: loopback stubs (127.0.0.53) forward to the world."""
    if isinstance(address, tuple) and len(address) >= 2 and address[1] in _DNS_PORTS:
        where = f"{address[0]}:{address[1]}"
        _violations.append(where)
        raise OSError(f"tests must not query DNS at {where}; use the loopback test server")


def _guard(original: Callable[..., Any], position: int) -> Callable[..., Any]:
    def guarded(sock: socket.socket, *args: Any) -> Any:
        if sock.family in (socket.AF_INET, socket.AF_INET6) and len(args) > position:
            _check_destination(args[position])
        return original(sock, *args)

    guarded.__name__ = original.__name__
    return guarded


@pytest.fixture(scope="session", autouse=True)
def _no_public_dns() -> Iterator[None]:
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(dns.resolver.BaseResolver, "read_resolv_conf", _guarded_config)
        mp.setattr(dns.resolver.BaseResolver, "read_registry", _guarded_config, raising=False)
        mp.setattr(dns.resolver, "default_resolver", None)
        mp.setattr(dns.asyncresolver, "default_resolver", None)
        mp.setattr(socket.socket, "connect", _guard(socket.socket.connect, 0))
        mp.setattr(socket.socket, "connect_ex", _guard(socket.socket.connect_ex, 0))
        # sendto(data, address) and sendto(data, flags, address): the address is last.
        original_sendto = socket.socket.sendto

        def sendto(sock: socket.socket, data: Any, *rest: Any) -> Any:
            if rest and sock.family in (socket.AF_INET, socket.AF_INET6):
                _check_destination(rest[-1])
            return original_sendto(sock, data, *rest)

        mp.setattr(socket.socket, "sendto", sendto)
        yield


@pytest.fixture(autouse=True)
def _fail_on_public_dns() -> Iterator[None]:
    _violations.clear()
    yield
    if _violations:
        tried = ", ".join(sorted(set(_violations)))
        _violations.clear()
        pytest.fail(f"this test tried to reach DNS at {tried}; pass the test server explicitly")


# ---------------------------------------------------------------- DNS servers


@pytest.fixture
def dns_server() -> Iterator[Callable[..., DnsTestServer]]:
    """``server = dns_server(zone, latency=..., servfail=..., ...)``: started, stopped after."""
    servers: list[DnsTestServer] = []

    def make(zone: dict[str, Any] | None = None, **kwargs: Any) -> DnsTestServer:
        server = DnsTestServer(zone if zone is not None else {}, **kwargs).start()
        servers.append(server)
        return server

    yield make
    for server in servers:
        server.stop()


def _under_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in ("true", "1", "yes")


@pytest.fixture
def nsd_server() -> Iterator[Callable[..., NsdServer]]:
    """``nsd = nsd_server({origin: zone_text(...)})``: NSD started, stopped after the test."""
    if not nsd_available():
        message = "NSD is not installed (apt-get install -y nsd)"
        if _under_ci():
            pytest.fail(message + "; CI must run the NSD tests")
        pytest.skip(message)
    servers: list[NsdServer] = []

    def make(zones: dict[str, str], **kwargs: Any) -> NsdServer:
        server = NsdServer(zones, **kwargs).start()
        servers.append(server)
        return server

    yield make
    for server in servers:
        server.stop()


@pytest.fixture(scope="session")
def opendkim_tools() -> None:
    """OpenDKIM is installed (tests/support/opendkim.py); skipped otherwise, failed under CI."""
    if not opendkim_available():
        message = "OpenDKIM is not installed (apt-get install -y opendkim opendkim-tools)"
        if _under_ci():
            pytest.fail(message + "; CI must run the OpenDKIM interoperability tests")
        pytest.skip(message)
