"""HTTPS through the run's DNS: a host name is resolved through the `DnsSource` (so recording,
replay and the loopback test servers apply) and the connection goes to that address with the
name as SNI and Host; the certificate is checked against the system's CAs or a given CA file;
no redirect is followed; the body is read up to a limit, within a time limit. Every problem
is data (`Problem`: a stable key and its values), never a Python repr.
"""

from __future__ import annotations

import asyncio
import ipaddress
import ssl
import urllib.parse
from collections.abc import AsyncIterable, AsyncIterator, Iterable, Mapping, Sequence
from dataclasses import dataclass

import httpcore2
import httpx2

from mailpath.core.dns.sources import DnsSource
from mailpath.core.jsontypes import JsonObject

#: Seconds one HTTPS fetch may take when the run has no deadline of its own (a replay).
FETCH_TIMEOUT = 10.0
_MAX_SHOWN = 200

Params = tuple[tuple[str, str], ...]


def params(**params: object) -> Params:
    return tuple((k, str(v)) for k, v in params.items())


def shown(text: str) -> str:
    return text if len(text) <= _MAX_SHOWN else text[:_MAX_SHOWN] + "…"


@dataclass(frozen=True)
class Problem:
    """One thing wrong, as data: a stable key and its values (names, URLs, numbers)."""

    key: str
    params: Params = ()

    def to_json(self) -> JsonObject:
        return {"key": self.key, "params": dict(self.params)}


#: A socket option as httpcore2 types it (its own alias is private).
_SocketOption = (
    tuple[int, int, int] | tuple[int, int, bytes | bytearray] | tuple[int, int, None, int]
)


class _PinnedBackend(httpcore2.AsyncNetworkBackend):
    """Connects to the addresses the run's DNS gave for a host name, never to what the
    system resolver would say; TLS then names the host (SNI), as the URL does."""

    def __init__(self, addresses: Mapping[str, Sequence[str]]) -> None:
        self._addresses = addresses
        self._inner = httpcore2.AnyIOBackend()

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[_SocketOption] | None = None,
    ) -> httpcore2.AsyncNetworkStream:
        addresses = self._addresses.get(host.lower(), ())
        if not addresses:
            raise httpcore2.ConnectError(f"no address for {host}")
        last: Exception | None = None
        for address in addresses:
            try:
                return await self._inner.connect_tcp(
                    address, port, timeout=timeout, local_address=local_address
                )
            except (httpcore2.ConnectError, httpcore2.ConnectTimeout) as exc:
                last = exc
        assert last is not None
        raise last

    async def sleep(self, seconds: float) -> None:
        await self._inner.sleep(seconds)


class _Body(httpx2.AsyncByteStream):
    def __init__(self, stream: Iterable[bytes] | AsyncIterable[bytes]) -> None:
        self._stream = stream

    async def __aiter__(self) -> AsyncIterator[bytes]:
        if isinstance(self._stream, AsyncIterable):
            async for part in self._stream:
                yield part
        else:  # the pool's streams are asynchronous; kept for the type's other half
            for part in self._stream:
                yield part

    async def aclose(self) -> None:
        close = getattr(self._stream, "aclose", None)
        if close is not None:
            await close()


class _PinnedTransport(httpx2.AsyncBaseTransport):
    """httpx's transport over `_PinnedBackend`: HTTP/1.1, no proxy, no environment."""

    def __init__(self, addresses: Mapping[str, Sequence[str]], context: ssl.SSLContext) -> None:
        self._pool = httpcore2.AsyncConnectionPool(
            ssl_context=context, network_backend=_PinnedBackend(addresses), max_connections=1
        )

    async def handle_async_request(self, request: httpx2.Request) -> httpx2.Response:
        assert isinstance(request.stream, httpx2.AsyncByteStream)
        response = await self._pool.handle_async_request(
            httpcore2.Request(
                method=request.method,
                url=httpcore2.URL(
                    scheme=request.url.raw_scheme,
                    host=request.url.raw_host,
                    port=request.url.port,
                    target=request.url.raw_path,
                ),
                headers=request.headers.raw,
                content=request.stream,
                extensions=request.extensions,
            )
        )
        return httpx2.Response(
            status_code=response.status,
            headers=response.headers,
            stream=_Body(response.stream),
            extensions=response.extensions,
        )

    async def aclose(self) -> None:
        await self._pool.aclose()


@dataclass(frozen=True)
class Fetched:
    body: bytes | None
    problem: Problem | None = None


async def _addresses(source: DnsSource, host: str) -> list[str] | Problem:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        pass
    else:
        return [host]
    v4, v6 = await asyncio.gather(source.query(host, "A"), source.query(host, "AAAA"))
    found = [str(r) for r in (*v4.records, *v6.records)] if v4.ok or v6.ok else []
    if found:
        return found
    worst = v4 if v4.outcome.is_error else v6 if v6.outcome.is_error else v4
    return Problem("fetch-no-address", params(host=host, outcome=worst.outcome.value.upper()))


def _ssl_failure(exc: BaseException) -> str | None:
    seen: set[int] = set()
    cause: BaseException | None = exc
    while cause is not None and id(cause) not in seen:
        seen.add(id(cause))
        if isinstance(cause, ssl.SSLCertVerificationError):
            return str(cause.verify_message or "certificate verify failed")
        text = str(cause)
        if "CERTIFICATE_VERIFY_FAILED" in text:
            # httpcore keeps only OpenSSL's text ("... certificate verify failed: <why> (...)").
            _, _, why = text.partition("certificate verify failed: ")
            return why.split(" (_ssl.c")[0] or "certificate verify failed"
        cause = cause.__cause__ or cause.__context__
    return None


async def fetch_https(
    source: DnsSource,
    url: str,
    *,
    limit: int,
    ca_file: str | None = None,
    timeout: float = FETCH_TIMEOUT,
) -> Fetched:
    """GET `url` over HTTPS: the host resolved through `source`, the certificate checked
    against the system's CAs (or only `ca_file`), no redirect followed, at most `limit`
    octets read, all within `timeout` seconds. Failures are problems, never exceptions."""
    host = (urllib.parse.urlsplit(url).hostname or "").lower()
    try:
        async with asyncio.timeout(max(timeout, 0.0)):
            addresses = await _addresses(source, host)
            if isinstance(addresses, Problem):
                return Fetched(None, addresses)
            context = ssl.create_default_context(cafile=ca_file)
            transport = _PinnedTransport({host: addresses}, context)
            async with (
                httpx2.AsyncClient(
                    transport=transport,
                    follow_redirects=False,
                    trust_env=False,
                    timeout=max(timeout, 0.001),
                ) as client,
                client.stream("GET", url, headers={"Accept-Encoding": "identity"}) as response,
            ):
                status = response.status_code
                if 300 <= status < 400:
                    where = response.headers.get("location", "")
                    return Fetched(
                        None,
                        Problem(
                            "fetch-redirect", params(url=url, status=status, location=shown(where))
                        ),
                    )
                if status != 200:
                    return Fetched(None, Problem("fetch-status", params(url=url, status=status)))
                declared = response.headers.get("content-length", "")
                if declared.isdigit() and int(declared) > limit:
                    return Fetched(None, Problem("too-large", params(size=declared, limit=limit)))
                body = bytearray()
                async for part in response.aiter_bytes():
                    body += part
                    if len(body) > limit:
                        return Fetched(
                            None, Problem("too-large", params(size=f">{limit}", limit=limit))
                        )
                return Fetched(bytes(body))
    except TimeoutError:
        return Fetched(None, Problem("fetch-timeout", params(url=url, seconds=f"{timeout:.1f}")))
    except (httpx2.HTTPError, httpcore2.ConnectError, httpcore2.NetworkError, OSError) as exc:
        why = _ssl_failure(exc)
        if why is not None:
            return Fetched(None, Problem("fetch-tls", params(url=url, host=host, reason=why)))
        if isinstance(exc, httpx2.TimeoutException | httpcore2.TimeoutException):
            return Fetched(
                None, Problem("fetch-timeout", params(url=url, seconds=f"{timeout:.1f}"))
            )
        return Fetched(None, Problem("fetch-connect", params(url=url, host=host)))
    except (httpcore2.ProtocolError, httpx2.StreamError):
        return Fetched(None, Problem("fetch-connect", params(url=url, host=host)))
