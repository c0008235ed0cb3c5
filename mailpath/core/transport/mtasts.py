"""MTA-STS (RFC 8461): the `_mta-sts` TXT record, the HTTPS policy and its `mx` patterns.

The policy host `mta-sts.DOMAIN` is resolved through the analysis's DnsSource (so tests and
recordings see the question) and fetched from that address with SNI and Host set to the name:
the certificate is checked against the system CAs or a given CA file, no redirect is followed,
the body is at most 64 KiB of `text/plain`, and the fetch ends within the analysis's budget.
"""

from __future__ import annotations

import asyncio
import ipaddress
import ssl
from collections.abc import Awaitable, Sequence
from dataclasses import dataclass

from mailpath.core.dns.sources import DnsSource, Outcome
from mailpath.core.jsontypes import JsonObject

#: RFC 8461 3.3: the policy body is at most 64 KiB.
MAX_POLICY = 64 * 1024
#: One day: a shorter max_age makes senders forget the policy too soon (RFC 8461 3.2 advises weeks).
SHORT_MAX_AGE = 86400
#: RFC 8461 3.2: max_age is at most 31557600.
MAX_MAX_AGE = 31557600
MODES = ("enforce", "testing", "none")


@dataclass(frozen=True)
class StsRecord:
    text: str
    id: str | None
    #: Why the record is invalid, a key: "multiple", "syntax", "no-id", "bad-id"; or None.
    error: str | None


@dataclass(frozen=True)
class StsPolicy:
    version: str
    mode: str
    mx: tuple[str, ...]
    max_age: int

    def to_json(self) -> JsonObject:
        """The policy's fields, as `--json` and a saved analysis write them."""
        return {
            "version": self.version,
            "mode": self.mode,
            "mx": list(self.mx),
            "max_age": self.max_age,
        }


def parse_record(texts: Sequence[str]) -> StsRecord | None:
    """The one `v=STSv1` record among the TXT strings (RFC 8461 3.1), or None when none is."""
    sts = [t for t in texts if t.startswith("v=STSv1")]
    if not sts:
        return None
    if len(sts) > 1:
        return StsRecord(sts[0], None, "multiple")
    text = sts[0]
    fields: dict[str, str] = {}
    for part in text.split(";"):
        part = part.strip()
        if not part:
            continue
        key, eq, value = part.partition("=")
        if not eq:
            return StsRecord(text, None, "syntax")
        fields[key.strip()] = value.strip()
    if fields.get("v") != "STSv1":
        return StsRecord(text, None, "syntax")
    sts_id = fields.get("id")
    if not sts_id:
        return StsRecord(text, None, "no-id")
    if not (1 <= len(sts_id) <= 32 and sts_id.isascii() and sts_id.isalnum()):
        return StsRecord(text, sts_id, "bad-id")
    return StsRecord(text, sts_id, None)


def parse_policy(body: str) -> tuple[StsPolicy | None, str | None]:
    """The policy and None, or None and the field that makes it invalid (RFC 8461 3.2):
    "line" (a line without a colon), "version", "mode", "max_age" or "mx"."""
    fields: dict[str, list[str]] = {}
    for raw in body.replace("\r\n", "\n").split("\n"):
        line = raw.strip()
        if not line:
            continue
        key, colon, value = line.partition(":")
        if not colon:
            return None, "line"
        fields.setdefault(key.strip(), []).append(value.strip())
    version = fields.get("version", [""])[0]
    if version != "STSv1":
        return None, "version"
    mode = fields.get("mode", [""])[0]
    if mode not in MODES:
        return None, "mode"
    age = fields.get("max_age", [""])[0]
    if not age.isdigit() or int(age) > MAX_MAX_AGE:
        return None, "max_age"
    mx = tuple(p.lower().rstrip(".") for p in fields.get("mx", []))
    if mode != "none" and not mx:
        return None, "mx"
    return StsPolicy(version, mode, mx, int(age)), None


def mx_matches(host: str, pattern: str) -> bool:
    """RFC 8461 4.1: a pattern matches the host exactly, or `*.` stands for one left label."""
    host = host.lower().rstrip(".")
    pattern = pattern.lower().rstrip(".")
    if pattern.startswith("*."):
        head, dot, rest = host.partition(".")
        return bool(head) and bool(dot) and rest == pattern[2:]
    return host == pattern


def corrected_mx(policy: StsPolicy, hosts: Sequence[str]) -> tuple[str, ...]:
    """The policy's mx patterns plus one exact line for each host none of them matches."""
    extra = [h for h in hosts if not any(mx_matches(h, p) for p in policy.mx)]
    return tuple(dict.fromkeys([*policy.mx, *extra]))


class PolicyFetchError(Exception):
    """Why the policy could not be fetched: a key (dns, refused, tls, timeout, redirect,
    status, content-type, too-large, network) and the detail."""

    def __init__(self, kind: str, detail: str) -> None:
        super().__init__(f"{kind}: {detail}")
        self.kind = kind
        self.detail = detail


async def policy_addresses(dns: DnsSource, host: str) -> list[str]:
    """The policy host's addresses through the analysis's DNS (IPv4 first)."""
    a, aaaa = await asyncio.gather(dns.query(host, "A"), dns.query(host, "AAAA"))
    found = [str(r) for r in a.records] + [str(r) for r in aaaa.records]
    if not found:
        outcomes = {a.outcome, aaaa.outcome}
        what = "no address" if outcomes <= {Outcome.NXDOMAIN, Outcome.NODATA} else "lookup failed"
        raise PolicyFetchError("dns", f"{host}: {what} ({a.outcome.value}/{aaaa.outcome.value})")
    return found


async def fetch_policy(
    dns: DnsSource,
    domain: str,
    *,
    timeout: float,
    ca_file: str | None = None,
    port: int = 443,
    addresses: Awaitable[list[str]] | None = None,
) -> str:
    """The policy body, fetched within `timeout` seconds; raises PolicyFetchError."""
    host = f"mta-sts.{domain}"
    try:
        async with asyncio.timeout(max(timeout, 0.01)):
            found = await (addresses if addresses is not None else policy_addresses(dns, host))
            return await _fetch(found, host, timeout, ca_file, port)
    except TimeoutError:
        raise PolicyFetchError("timeout", f"no policy from {host} in time") from None


async def _fetch(
    addresses: list[str], host: str, timeout: float, ca_file: str | None, port: int
) -> str:
    context = (
        ssl.create_default_context(cafile=ca_file) if ca_file else ssl.create_default_context()
    )
    last: PolicyFetchError | None = None
    for address in addresses:
        literal = f"[{address}]" if ipaddress.ip_address(address).version == 6 else address
        url = f"https://{literal}:{port}/.well-known/mta-sts.txt"
        try:
            return await _get(url, host, context, timeout)
        except PolicyFetchError as exc:
            if exc.kind not in ("refused", "network"):
                raise  # the server answered: another address would not be the policy's fix
            last = exc
    assert last is not None
    raise last


async def _get(url: str, host: str, context: ssl.SSLContext, timeout: float) -> str:
    import httpx2  # only when a policy is fetched: it is slow to import

    async with httpx2.AsyncClient(
        verify=context, follow_redirects=False, timeout=timeout
    ) as client:
        try:
            request = client.build_request(
                "GET", url, headers={"Host": host}, extensions={"sni_hostname": host}
            )
            response = await client.send(request, stream=True)
        except httpx2.ConnectError as exc:
            cause = exc.__context__ or exc.__cause__
            if isinstance(cause, ssl.SSLError) or "certificate" in repr(exc).lower():
                raise PolicyFetchError("tls", str(exc) or repr(exc)) from None
            if isinstance(cause, ConnectionRefusedError) or "refused" in str(exc).lower():
                raise PolicyFetchError(
                    "refused", f"{host} ({url}) refused the connection"
                ) from None
            raise PolicyFetchError("network", str(exc) or repr(exc)) from None
        except httpx2.TimeoutException:
            raise PolicyFetchError("timeout", f"no policy from {host} in time") from None
        except httpx2.HTTPError as exc:
            raise PolicyFetchError("network", str(exc) or repr(exc)) from None
        try:
            if response.is_redirect:
                target = response.headers.get("location", "")
                raise PolicyFetchError("redirect", f"HTTP {response.status_code} to {target}")
            if response.status_code != 200:
                raise PolicyFetchError("status", f"HTTP {response.status_code}")
            ctype = response.headers.get("content-type", "")
            if ctype.split(";")[0].strip().lower() != "text/plain":
                raise PolicyFetchError("content-type", f"Content-Type {ctype or '(none)'}")
            body = b""
            async for chunk in response.aiter_bytes():
                body += chunk
                if len(body) > MAX_POLICY:
                    raise PolicyFetchError("too-large", f"more than {MAX_POLICY} bytes")
        finally:
            await response.aclose()
    return body.decode("utf-8", "replace")
