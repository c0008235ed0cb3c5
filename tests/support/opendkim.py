"""OpenDKIM (Debian's `opendkim` and `opendkim-tools`) as an outside signer and verifier.

Nobody on the project wrote it, so it is the reference mailpath's DKIM verdicts are held to.

- Keys: RSA from `opendkim-genkey` (private key file + the TXT record it writes for the zone).
  `opendkim-genkey` 2.11 cannot make ed25519 keys (it has no key-type option and calls
  `openssl genrsa`), so ed25519 keys come from `openssl genpkey`; the filter signs with them.
- Signing and verifying: the `opendkim` filter in its test mode (``opendkim -x CONF -t FILE
  -vv``), which runs the real milter code on a file without a mail server and never starts a
  daemon. It prints the header fields it would add (``### INSHEADER: ... hname='...'
  hvalue='...'``): the DKIM-Signature when signing, Authentication-Results when verifying.
  The configuration file picks what `opendkim-testmsg` cannot: the canonicalization, the
  algorithm, oversigned headers (OverSignHeaders), l= (BodyLengthDB, keyed by the envelope
  recipient that the test harness uses, ``recipient@example.com``).
- DNS: OpenDKIM is built with libunbound; ``Nameservers 127.0.0.1@PORT`` makes unbound
  forward every key query to the loopback test server (no TrustAnchorFile: the test zone is
  unsigned). `opendkim-testmsg` in verify mode cannot do this: it uses the C library's
  resolver, i.e. /etc/resolv.conf on port 53, which tests must never reach.
"""

from __future__ import annotations

import base64
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

_SBIN = ("/usr/sbin", "/usr/bin", "/sbin", "/bin")


def _tool(name: str) -> str | None:
    found = shutil.which(name)
    if found:
        return found
    for folder in _SBIN:
        candidate = Path(folder) / name
        if candidate.is_file():
            return str(candidate)
    return None


def opendkim_available() -> bool:
    """The filter (test mode), the key generator and openssl (ed25519 keys) are installed."""
    tools = ("opendkim", "opendkim-genkey", "opendkim-testmsg", "openssl")
    return all(_tool(name) for name in tools)


def opendkim_version() -> str:
    out = subprocess.run([_need("opendkim"), "-V"], capture_output=True, text=True, check=False)
    return (out.stdout or out.stderr).splitlines()[0]


def _need(name: str) -> str:
    path = _tool(name)
    if path is None:
        raise FileNotFoundError(
            f"{name} is not installed (apt-get install opendkim opendkim-tools)"
        )
    return path


@dataclass(frozen=True)
class OpenDkimKey:
    domain: str
    selector: str
    private_key: Path  # what OpenDKIM's KeyFile reads
    record: str  # the TXT record's text (strings joined)
    key_type: str  # "rsa" | "ed25519"

    @property
    def name(self) -> str:
        return f"{self.selector}._domainkey.{self.domain}"


def _txt_strings(zone_text: str) -> str:
    """The record text of `opendkim-genkey`'s zone stub: its quoted strings, joined."""
    return "".join(re.findall(r'"([^"]*)"', zone_text))


def genkey_rsa(
    directory: Path, domain: str, selector: str, bits: int, hashes: str | None = None
) -> OpenDkimKey:
    """`opendkim-genkey -b BITS`: the private key and the TXT record it writes.

    Debian's opendkim-genkey writes h=sha256 unless `hashes` (its --hash-algorithms) says
    otherwise."""
    directory.mkdir(parents=True, exist_ok=True)
    extra = [f"--hash-algorithms={hashes}"] if hashes else []
    subprocess.run(
        [_need("opendkim-genkey"), "-b", str(bits), "-d", domain, "-s", selector, *extra],
        cwd=directory,
        check=True,
        capture_output=True,
    )
    record = _txt_strings((directory / f"{selector}.txt").read_text())
    return OpenDkimKey(domain, selector, directory / f"{selector}.private", record, "rsa")


def genkey_ed25519(directory: Path, domain: str, selector: str) -> OpenDkimKey:
    """An ed25519 key by openssl (opendkim-genkey makes RSA only) and its RFC 8463 record."""
    directory.mkdir(parents=True, exist_ok=True)
    private = directory / f"{selector}.private"
    openssl = _need("openssl")
    subprocess.run(
        [openssl, "genpkey", "-algorithm", "ed25519", "-out", str(private)],
        check=True,
        capture_output=True,
    )
    der = subprocess.run(
        [openssl, "pkey", "-in", str(private), "-pubout", "-outform", "DER"],
        check=True,
        capture_output=True,
    ).stdout
    raw = der[-32:]  # SubjectPublicKeyInfo of ed25519 ends with the 32-octet public key
    record = f"v=DKIM1; k=ed25519; p={base64.b64encode(raw).decode()}"
    return OpenDkimKey(domain, selector, private, record, "ed25519")


_INSHEADER = re.compile(
    r"^### (?:INS|ADD)HEADER: (?:idx=\d+ )?hname='([^']*)' hvalue='(.*?)'$", re.M | re.S
)


def _added_headers(stdout: str) -> list[tuple[str, str]]:
    return [(name, value) for name, value in _INSHEADER.findall(stdout)]


def _run_filter(workdir: Path, config: list[str], message: bytes) -> list[tuple[str, str]]:
    workdir.mkdir(parents=True, exist_ok=True)
    conf = workdir / "opendkim.conf"
    conf.write_text(
        "\n".join([*config, "Syslog no", "RequireSafeKeys no", "SoftwareHeader no", ""])
    )
    msg = workdir / "message.eml"
    msg.write_bytes(message)
    out = subprocess.run(
        [_need("opendkim"), "-x", str(conf), "-t", str(msg), "-vv"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    if out.returncode != 0:
        raise RuntimeError(f"opendkim exited {out.returncode}: {out.stdout} {out.stderr}")
    return _added_headers(out.stdout)


def sign(
    workdir: Path,
    message: bytes,
    key: OpenDkimKey,
    *,
    canonicalization: str = "relaxed/relaxed",
    algorithm: str = "rsa-sha256",
    oversign: tuple[str, ...] = (),
    body_length: bool = False,
) -> bytes:
    """The message with OpenDKIM's DKIM-Signature on top (CRLF line ends)."""
    config = [
        "Mode s",
        f"Domain {key.domain}",
        f"Selector {key.selector}",
        f"KeyFile {key.private_key}",
        f"Canonicalization {canonicalization}",
        f"SignatureAlgorithm {algorithm}",
    ]
    if oversign:
        config.append(f"OverSignHeaders {','.join(oversign)}")
    if body_length:
        recipients = workdir / "bodylength"
        recipients.parent.mkdir(parents=True, exist_ok=True)
        recipients.write_text("recipient@example.com\n")  # the test harness's envelope recipient
        config.append(f"BodyLengthDB {recipients}")
    added = [v for n, v in _run_filter(workdir, config, message) if n == "DKIM-Signature"]
    if len(added) != 1:
        raise RuntimeError(f"OpenDKIM added {len(added)} DKIM-Signature fields")
    value = added[0].replace("\r\n", "\n").replace("\n", "\r\n")
    return b"DKIM-Signature: " + value.encode() + b"\r\n" + message


def sign_testmsg(message: bytes, key: OpenDkimKey) -> bytes:
    """`opendkim-testmsg -d -k -s`: its fixed choice, rsa-sha1 with c=relaxed/simple.

    (opendkim-testmsg has no option for the algorithm or canonicalization.)"""
    command = [_need("opendkim-testmsg"), "-C", "-d", key.domain, "-s", key.selector]
    out = subprocess.run(
        [*command, "-k", str(key.private_key)],
        input=message,
        capture_output=True,
        timeout=60,
        check=True,
    )
    return re.sub(rb"\r*\n", b"\r\n", out.stdout)


def verify(workdir: Path, message: bytes, address: str, port: int) -> str:
    """OpenDKIM's dkim= result (pass, fail, neutral, temperror, permerror, policy, none...).

    Read from the Authentication-Results field it adds (RFC 8601 result keyword)."""
    config = ["Mode v", f"Nameservers {address}@{port}", "AlwaysAddARHeader yes"]
    added = [v for n, v in _run_filter(workdir, config, message) if n == "Authentication-Results"]
    if not added:
        raise RuntimeError("OpenDKIM added no Authentication-Results")
    found = re.search(r"\bdkim=([a-z]+)", added[0])
    return found.group(1) if found else "none"
