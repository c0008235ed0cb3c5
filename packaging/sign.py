"""Optional code signing and notarization, driven by environment variables.

Nothing here is required: with the variables unset every step prints a note and the build
goes on unsigned (README "Install" says what users then see).

Windows (Authenticode; signtool from the Windows SDK, or osslsigncode elsewhere):
  MAILPATH_WIN_CERT_PFX           path to a .pfx, or the .pfx itself base64-encoded (a secret)
  MAILPATH_WIN_CERT_PASSWORD      its password
  MAILPATH_WIN_TIMESTAMP_URL      RFC 3161 time-stamp server (default DigiCert's)

macOS (codesign with the hardened runtime, notarytool, stapler):
  MAILPATH_MACOS_SIGN_IDENTITY    "Developer ID Application: Name (TEAMID)"; PyInstaller signs
                                  every binary and the .app with it (see mailpath.spec)
  MAILPATH_MACOS_CERT_P12         optional: that certificate + key as base64 .p12 (a secret);
  MAILPATH_MACOS_CERT_PASSWORD    imported into a temporary keychain first (CI runners)
  MAILPATH_NOTARY_APPLE_ID        Apple ID, team id and an app-specific password: the .dmg is
  MAILPATH_NOTARY_TEAM_ID         then submitted to Apple's notary service and the ticket is
  MAILPATH_NOTARY_PASSWORD        stapled to it

Command line (build.py and the NSIS script call these):
  python packaging/sign.py windows FILE...     sign .exe files (no-op with a note if unset)
  python packaging/sign.py macos-keychain      import MAILPATH_MACOS_CERT_P12 if given
  python packaging/sign.py macos-dmg FILE.dmg  sign, notarize and staple a disk image
"""

from __future__ import annotations

import base64
import glob
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_TIMESTAMP_URL = "http://timestamp.digicert.com"


def note(message: str) -> None:
    print(f"sign.py: {message}", file=sys.stderr)


def _env(name: str) -> str:
    return os.environ.get(name, "").strip()


# ---------------------------------------------------------------- Windows


def windows_enabled() -> bool:
    return bool(_env("MAILPATH_WIN_CERT_PFX"))


def _pfx_path() -> Path:
    value = _env("MAILPATH_WIN_CERT_PFX")
    if Path(value).is_file():
        return Path(value)
    # A repository secret holds the certificate as base64 text: write it where only this
    # build reads it (build/ is not uploaded by the workflow).
    target = ROOT / "build" / "sign" / "certificate.pfx"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(base64.b64decode(value))
    return target


def _signtool() -> str | None:
    explicit = _env("MAILPATH_SIGNTOOL")
    if explicit:
        return explicit
    found = shutil.which("signtool")
    if found:
        return found
    kits = sorted(glob.glob(r"C:\Program Files (x86)\Windows Kits\10\bin\10.*\x64\signtool.exe"))
    return kits[-1] if kits else None


def sign_windows(files: list[Path]) -> bool:
    """Authenticode-sign `files` in place; False (with a note) when signing is not set up."""
    if not windows_enabled():
        note("MAILPATH_WIN_CERT_PFX is not set: Windows files stay unsigned")
        return False
    pfx = _pfx_path()
    password = _env("MAILPATH_WIN_CERT_PASSWORD")
    timestamp = _env("MAILPATH_WIN_TIMESTAMP_URL") or DEFAULT_TIMESTAMP_URL
    signtool = _signtool()
    for path in files:
        if signtool:
            cmd = [signtool, "sign", "/fd", "SHA256", "/tr", timestamp, "/td", "SHA256"]
            cmd += ["/d", "mailpath", "/f", str(pfx)]
            if password:
                cmd += ["/p", password]
            subprocess.run([*cmd, str(path)], check=True)
        elif shutil.which("osslsigncode"):
            signed = path.with_name(path.name + ".signed")
            cmd = ["osslsigncode", "sign", "-pkcs12", str(pfx), "-h", "sha256", "-n", "mailpath"]
            cmd += ["-ts", timestamp]
            if password:
                cmd += ["-pass", password]
            subprocess.run([*cmd, "-in", str(path), "-out", str(signed)], check=True)
            os.replace(signed, path)
        else:
            raise RuntimeError("no signtool.exe (Windows SDK) or osslsigncode found")
        note(f"signed {path}")
    return True


# ---------------------------------------------------------------- macOS


def macos_identity() -> str:
    return _env("MAILPATH_MACOS_SIGN_IDENTITY")


def import_macos_certificate() -> None:
    """Put MAILPATH_MACOS_CERT_P12 into a temporary default keychain (CI runners have none)."""
    p12 = _env("MAILPATH_MACOS_CERT_P12")
    if not p12:
        note("MAILPATH_MACOS_CERT_P12 is not set: using the login keychain as it is")
        return
    work = Path(tempfile.mkdtemp(prefix="mailpath-sign-"))
    cert = work / "cert.p12"
    cert.write_bytes(base64.b64decode(p12))
    keychain = str(work / "build.keychain-db")
    kc_password = base64.b64encode(os.urandom(24)).decode()

    def security(*args: str) -> None:
        subprocess.run(["security", *args], check=True)

    security("create-keychain", "-p", kc_password, keychain)
    security("set-keychain-settings", "-lut", "21600", keychain)
    security("unlock-keychain", "-p", kc_password, keychain)
    security(
        "import",
        str(cert),
        "-k",
        keychain,
        "-P",
        _env("MAILPATH_MACOS_CERT_PASSWORD"),
        "-T",
        "/usr/bin/codesign",
    )
    security(
        "set-key-partition-list", "-S", "apple-tool:,apple:", "-s", "-k", kc_password, keychain
    )
    existing = subprocess.run(
        ["security", "list-keychains", "-d", "user"], capture_output=True, text=True, check=True
    ).stdout.split()
    security("list-keychains", "-d", "user", "-s", keychain, *[k.strip('"') for k in existing])
    cert.unlink()
    note(f"imported the signing certificate into {keychain}")


def sign_macos_dmg(dmg: Path) -> None:
    identity = macos_identity()
    if not identity:
        note(
            "MAILPATH_MACOS_SIGN_IDENTITY is not set: the app is ad-hoc signed only and the "
            ".dmg is neither signed nor notarized (Gatekeeper will ask users to confirm)"
        )
        return
    subprocess.run(["codesign", "--sign", identity, "--timestamp", str(dmg)], check=True)
    note(f"signed {dmg}")
    apple_id = _env("MAILPATH_NOTARY_APPLE_ID")
    team_id = _env("MAILPATH_NOTARY_TEAM_ID")
    password = _env("MAILPATH_NOTARY_PASSWORD")
    if not (apple_id and team_id and password):
        note("MAILPATH_NOTARY_* are not all set: the .dmg is signed but not notarized")
        return
    subprocess.run(
        [
            "xcrun",
            "notarytool",
            "submit",
            str(dmg),
            "--apple-id",
            apple_id,
            "--team-id",
            team_id,
            "--password",
            password,
            "--wait",
            "--timeout",
            "30m",
        ],
        check=True,
    )
    subprocess.run(["xcrun", "stapler", "staple", str(dmg)], check=True)
    subprocess.run(["xcrun", "stapler", "validate", str(dmg)], check=True)
    note(f"notarized and stapled {dmg}")


def verify_macos_app(app: Path) -> None:
    if not macos_identity():
        return
    subprocess.run(
        ["codesign", "--verify", "--deep", "--strict", "--verbose=2", str(app)], check=True
    )


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__, file=sys.stderr)
        return 2
    command, args = argv[0], [Path(a) for a in argv[1:]]
    if command == "windows":
        sign_windows(args)
    elif command == "macos-keychain":
        import_macos_certificate()
    elif command == "macos-dmg":
        for dmg in args:
            sign_macos_dmg(dmg)
    else:
        print(f"sign.py: unknown command {command!r}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
