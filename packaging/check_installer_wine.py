"""Install, upgrade and uninstall the NSIS installer silently under Debian's wine64.

    python packaging/check_installer_wine.py NEW.exe --payload DIR --version V \\
        [--old OLD.exe --old-version V0 --old-marker RELPATH] [--all-users OLD_OR_NEW.exe]

Checks what Windows users rely on, in a throw-away WINEPREFIX:
  * upgrade: OLD is installed first; NEW then removes it silently (OLD's marker file is gone)
  * NEW's files are all present (every file of the payload), with the uninstaller and the
    Start-menu shortcut; the Add/Remove Programs key holds DisplayName, DisplayVersion,
    Publisher, UninstallString, QuietUninstallString, EstimatedSize, DisplayIcon
  * the QuietUninstallString from that key removes the files, the shortcut and the key
  * --all-users: a per-machine install (/AllUsers) lands in Program Files and HKLM, and
    uninstalls cleanly too
Exit codes of the installer are not trusted (an x86 stub fails under wine64 and still exits
0): every claim is checked on the files and the registry.
"""

from __future__ import annotations

import argparse
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path, PureWindowsPath

UNINST_KEY = r"Software\Microsoft\Windows\CurrentVersion\Uninstall\mailpath"
REQUIRED_VALUES = (
    "DisplayName",
    "DisplayVersion",
    "Publisher",
    "UninstallString",
    "QuietUninstallString",
    "EstimatedSize",
    "DisplayIcon",
    "InstallLocation",
)

failures: list[str] = []


def ok(message: str) -> None:
    print(f"  ok   {message}", flush=True)


def fail(message: str) -> None:
    print(f"  FAIL {message}", flush=True)
    failures.append(message)


def find_wine() -> tuple[str, str]:
    for wine in (shutil.which("wine64"), "/usr/lib/wine/wine64", shutil.which("wine")):
        if wine and Path(wine).exists():
            server = shutil.which("wineserver") or str(Path(wine).with_name("wineserver"))
            return wine, server
    raise SystemExit("check_installer_wine: wine64 not found (Debian: apt-get install wine64)")


class Wine:
    def __init__(self, prefix: Path) -> None:
        self.prefix = prefix
        self.wine, self.server = find_wine()
        self.env = dict(
            os.environ,
            WINEPREFIX=str(prefix),
            WINEDEBUG="-all",
            WINEARCH="win64",
            # No Mono/Gecko download prompts (there is no network anyway).
            WINEDLLOVERRIDES="mscoree,mshtml=",
        )
        self.env.pop("DISPLAY", None)

    def run(
        self, *args: str, wait: bool = True, timeout: float = 300
    ) -> subprocess.CompletedProcess[str]:
        """Run a Windows program; `wait` also waits for every process it started (an
        uninstaller copies itself to %TEMP% and returns at once)."""
        proc = subprocess.run(
            [self.wine, *args], env=self.env, capture_output=True, text=True, timeout=timeout
        )
        if wait:
            self.wait()
        return proc

    def wait(self) -> None:
        subprocess.run([self.server, "-w"], env=self.env, timeout=300, check=False)

    def boot(self) -> None:
        started = time.monotonic()
        self.run("wineboot", "--init")
        print(f"  ..   wineboot --init in {time.monotonic() - started:.0f} s", flush=True)

    def unix(self, windows_path: str) -> Path:
        """C:\\x\\y -> $WINEPREFIX/drive_c/x/y (wine's C: drive)."""
        p = PureWindowsPath(windows_path)
        if p.drive.upper() != "C:":
            raise ValueError(f"not on drive C: {windows_path}")
        return self.prefix / "drive_c" / Path(*p.parts[1:])

    def reg_values(self, hive: str) -> dict[str, str] | None:
        """The uninstall key's values, or None when the key does not exist."""
        proc = self.run("reg", "query", f"{hive}\\{UNINST_KEY}", wait=False)
        if proc.returncode != 0 or "mailpath" not in proc.stdout:
            return None
        values = {}
        for line in proc.stdout.splitlines():
            m = re.match(r"^\s+(\S+)\s+(REG_\w+)\s+(.*)$", line)
            if m:
                values[m.group(1)] = m.group(3).strip()
        return values


def payload_files(payload: Path) -> dict[str, Path]:
    """Windows file names (case-insensitive) -> the payload file."""
    return {
        p.relative_to(payload).as_posix().lower(): p
        for p in payload.rglob("*")
        if p.is_file()  # follows symlinks, as makensis' File /r does
    }


def installed_files(folder: Path) -> set[str]:
    return {p.relative_to(folder).as_posix().lower() for p in folder.rglob("*") if p.is_file()}


def shortcut(wine: Wine, all_users: bool) -> Path:
    base = (
        wine.prefix / "drive_c" / "ProgramData"
        if all_users
        else wine.prefix
        / "drive_c"
        / "users"
        / os.environ.get("USER", "root")
        / "AppData"
        / "Roaming"
    )
    return base / "Microsoft" / "Windows" / "Start Menu" / "Programs" / "mailpath.lnk"


def install(wine: Wine, installer: Path, *flags: str) -> float:
    started = time.monotonic()
    proc = wine.run(str(installer), "/S", *flags)
    if proc.returncode != 0:
        fail(
            f"{installer.name} {' '.join(flags)} /S exited {proc.returncode}: {proc.stderr[-300:]}"
        )
    return time.monotonic() - started


def check_installed(
    wine: Wine, hive: str, version: str, payload: Path | None, all_users: bool
) -> tuple[dict[str, str], Path] | None:
    values = wine.reg_values(hive)
    if values is None:
        fail(f"no uninstall key {hive}\\{UNINST_KEY}")
        return None
    missing = [v for v in REQUIRED_VALUES if not values.get(v)]
    if missing:
        fail(f"uninstall key lacks {missing}")
    else:
        ok(f"{hive} uninstall key: {', '.join(REQUIRED_VALUES)}")
    if values.get("DisplayVersion") != version:
        fail(f"DisplayVersion {values.get('DisplayVersion')!r}, want {version!r}")
    folder = wine.unix(values.get("InstallLocation", "C:\\missing"))
    expected_root = "Program Files" if all_users else "AppData/Local/Programs"
    if expected_root not in folder.as_posix():
        fail(f"installed into {folder}, expected under {expected_root}")
    if payload is not None:
        want = payload_files(payload)
        have = installed_files(folder)
        lost = sorted(set(want) - have)
        if lost:
            fail(f"{len(lost)} of {len(want)} payload files missing after install: {lost[:5]}")
        else:
            ok(f"all {len(want)} payload files installed in {folder.relative_to(wine.prefix)}")
        size_kb = int(values.get("EstimatedSize", "0"), 0)
        payload_kb = sum(p.stat().st_size for p in want.values()) // 1024
        if payload_kb and not 0.5 * payload_kb <= size_kb <= 2 * payload_kb:
            fail(f"EstimatedSize {size_kb} KB, payload {payload_kb} KB")
    for name in ("uninstall.exe", "mailpath.exe"):
        (ok if (folder / name).is_file() else fail)(f"{name} installed")
    (ok if shortcut(wine, all_users).is_file() else fail)("Start-menu shortcut created")
    quiet = values.get("QuietUninstallString", "")
    if "/S" not in quiet.split():
        fail(f"QuietUninstallString has no /S: {quiet!r}")
    return values, folder


def uninstall(wine: Wine, values: dict[str, str], folder: Path, hive: str, all_users: bool) -> None:
    # What Windows' "Apps" settings page runs for a silent removal.
    command = shlex.split(values["QuietUninstallString"].replace("\\", "/"), posix=True)
    command[0] = command[0].replace("/", "\\")
    started = time.monotonic()
    proc = wine.run(*command)
    # The uninstaller copies itself to %TEMP% and returns at once; wineserver -w (in run)
    # waits for that copy too.
    if proc.returncode != 0:
        fail(f"uninstaller exited {proc.returncode}")
    leftovers = (
        sorted(str(p.relative_to(folder)) for p in folder.rglob("*")) if folder.exists() else []
    )
    if folder.exists():
        fail(f"{folder} still exists after uninstall: {leftovers[:5]}")
    else:
        ok(f"uninstalled in {time.monotonic() - started:.1f} s: folder removed")
    (fail if shortcut(wine, all_users).exists() else ok)("Start-menu shortcut removed")
    (fail if wine.reg_values(hive) is not None else ok)(f"{hive} uninstall key removed")


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("installer", type=Path)
    p.add_argument("--payload", type=Path, required=True, help="the folder NEW was built from")
    p.add_argument("--version", required=True)
    p.add_argument("--old", type=Path, help="an older installer to upgrade from")
    p.add_argument("--old-version")
    p.add_argument("--old-marker", help="a file only OLD installs (relative path)")
    p.add_argument("--all-users", type=Path, help="an installer to try per-machine too")
    p.add_argument("--keep-prefix", action="store_true")
    args = p.parse_args(argv)

    prefix = Path(tempfile.mkdtemp(prefix="mailpath-wine-"))
    wine = Wine(prefix)
    print(f"Checking {args.installer.name} under {wine.wine} (WINEPREFIX={prefix})")
    try:
        wine.boot()
        if args.old:
            install(wine, args.old.resolve())
            old = check_installed(wine, "HKCU", args.old_version or "", None, all_users=False)
            if old and args.old_marker:
                (ok if (old[1] / args.old_marker).is_file() else fail)(
                    f"old version installed ({args.old_marker})"
                )
        seconds = install(wine, args.installer.resolve())
        print(f"  ..   installed {args.installer.name} in {seconds:.1f} s", flush=True)
        new = check_installed(wine, "HKCU", args.version, args.payload, all_users=False)
        if new and args.old and args.old_marker:
            marker = new[1] / args.old_marker
            (fail if marker.exists() else ok)(
                "upgrade removed the old version first (its marker is gone)"
            )
        if new:
            uninstall(wine, new[0], new[1], "HKCU", all_users=False)
        if args.all_users:
            install(wine, args.all_users.resolve(), "/AllUsers")
            machine = check_installed(
                wine, "HKLM", args.old_version or args.version, None, all_users=True
            )
            if machine:
                (ok if machine[0].get("InstallMode") == "AllUsers" else fail)(
                    "per-machine install mode recorded"
                )
                uninstall(wine, machine[0], machine[1], "HKLM", all_users=True)
    finally:
        wine.run("wineboot", "--end-session", timeout=60)
        subprocess.run([wine.server, "-k"], env=wine.env, check=False)
        if not args.keep_prefix:
            shutil.rmtree(prefix, ignore_errors=True)
    if failures:
        print(f"check_installer_wine: {len(failures)} check(s) failed:", file=sys.stderr)
        for f in failures:
            print(f"  - {f}", file=sys.stderr)
        return 1
    print("check_installer_wine: all checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
