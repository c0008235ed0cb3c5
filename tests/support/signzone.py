"""DNSSEC-signed test zones made with Debian's ldnsutils (``ldns-keygen``, ``ldns-signzone``).

    signer = ZoneSigner(tmp_path)
    child = signer.sign("secure.example", zone_text("secure.example", records))
    delegation = signer.delegation("secure.example", "ns.example.")
    parent = signer.sign("example", zone_text("example", [..., *delegation]))
    signer.anchor_file("example")   # a trust anchor file (the DS of example's key)

One ECDSA P-256 key per zone (flags 257), which signs everything; NSEC. `corrupt(text, owner,
rdtype)` flips a byte of the signature over OWNER's RDTYPE set: a bogus answer.
"""

from __future__ import annotations

import base64
import shutil
import subprocess
from pathlib import Path

__all__ = ["ZoneSigner", "corrupt", "ldns_available"]


def ldns_available() -> bool:
    return shutil.which("ldns-signzone") is not None and shutil.which("ldns-keygen") is not None


class ZoneSigner:
    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.keys: dict[str, str] = {}  # origin -> key file base name

    def key(self, origin: str) -> str:
        if origin not in self.keys:
            out = subprocess.run(
                ["ldns-keygen", "-a", "ECDSAP256SHA256", "-k", origin],
                cwd=self.directory,
                check=True,
                capture_output=True,
                text=True,
            )
            self.keys[origin] = out.stdout.strip()
        return self.keys[origin]

    def ds(self, origin: str) -> str:
        """The DS record line of `origin`'s key (zone-file syntax)."""
        return (self.directory / f"{self.key(origin)}.ds").read_text().strip()

    def delegation(self, child: str, ns: str, *, signed: bool = True) -> list[tuple[str, str, str]]:
        """The parent's records for `child`: NS and, when the child is signed, its DS."""
        records = [(f"{child}.", "NS", ns)]
        if signed:
            rdata = self.ds(child).split("DS", 1)[1].strip()
            records.append((f"{child}.", "DS", rdata))
        return records

    def sign(self, origin: str, text: str) -> str:
        path = self.directory / f"{origin}.zone"
        path.write_text(text)
        key = self.key(origin)
        subprocess.run(
            ["ldns-signzone", "-o", origin, str(path), key],
            cwd=self.directory,
            check=True,
            capture_output=True,
        )
        return (self.directory / f"{origin}.zone.signed").read_text()

    def anchor_file(self, origin: str) -> str:
        path = self.directory / f"anchor-{origin}.txt"
        path.write_text(self.ds(origin) + "\n")
        return str(path)


def corrupt(text: str, owner: str, rdtype: str) -> str:
    """`text` with one signature byte changed in the RRSIG over OWNER's RDTYPE."""
    owner = owner.rstrip(".") + "."
    out = []
    done = False
    for line in text.splitlines():
        fields = line.split()
        if (
            not done
            and len(fields) > 5
            and fields[0].lower() == owner.lower()
            and fields[3] == "RRSIG"
            and fields[4] == rdtype
        ):
            signature = bytearray(base64.b64decode("".join(fields[12:])))
            signature[10] ^= 0x01
            line = " ".join([*fields[:12], base64.b64encode(bytes(signature)).decode()])
            done = True
        out.append(line)
    if not done:
        raise ValueError(f"no RRSIG over {owner} {rdtype}")
    return "\n".join(out) + "\n"
