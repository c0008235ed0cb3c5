#!/usr/bin/env bash
# The packaging proof on Linux, run by CI after the tests so that packaging cannot rot silently:
#
#   1. packaging/build.py freezes the app (PyInstaller spec, clean build venv);
#   2. the frozen program does real work offscreen: --version, `check --replay` of the bundled
#      seed example to a PNG that is then checked, a live SPF check against a loopback DNS
#      server; resources, translations and dnspython's record types are inside; every
#      shared library resolves (packaging/check_frozen.py);
#   3. the Linux tarball is built, unpacked elsewhere and run;
#   4. the Windows installer script compiles with Debian's makensis (amd64-unicode) around a
#      Windows-shaped stand-in payload (the Linux bundle's files), then installs, upgrades
#      over an older build, uninstalls, and installs per-machine under wine64
#      (packaging/check_installer_wine.py);
#   5. .github/workflows/installers.yml passes check-jsonschema and zizmor --offline;
#   6. sizes are printed.
# Exits non-zero, naming the step, on any failure. ~1-2 minutes once the packages are there.
# Installs what it needs itself (as root): it passes on a fresh Debian 12 (scripts/fresh-check.sh).
source "$(dirname "${BASH_SOURCE[0]}")/_common.sh"
cd "$ROOT"

PY="${PYTHON:-python3}"
WORK="$ROOT/build/package-check"
BUILD_PY="$ROOT/build/venv-package/bin/python"
TOOLS="$ROOT/build/venv-tools"
STEP="setup"
trap 'echo "package-check: FAILED in step: $STEP" >&2' ERR
started=$(date +%s)
elapsed() { echo "$(( $(date +%s) - started )) s"; }
step() { STEP="$*"; echo; echo "== $* ($(elapsed))"; }
mb() { du -sb "$1" | awk '{printf "%.1f MB", $1 / 1e6}'; }

step "system packages (Qt's libraries, PyInstaller's needs, nsis, wine64)"
# PyInstaller reads every binary's links with objdump (binutils) and bundles the Python
# shared library (libpython3.11): neither is on a fresh Debian 12 (scripts/fresh-check.sh).
PACKAGING_PACKAGES=(binutils libpython3.11 nsis wine64)
apt_install "${APP_PACKAGES[@]}" "${PACKAGING_PACKAGES[@]}"
rm -rf "$WORK"
mkdir -p "$WORK"

step "freeze (packaging/build.py)"
t0=$(date +%s)
EXE="$("$PY" packaging/build.py | tail -n 1)"
freeze_seconds=$(( $(date +%s) - t0 ))
echo "frozen executable: $EXE (${freeze_seconds} s including the build venv check)"

step "smoke test of the frozen app"
# 135 MB: what the bundle leaves out is in packaging/freeze_config.py (the system's D-Bus
# library among others, since OpenSSL and PyNaCl joined in 2026-12). The aim was 120 MB until
# the `cryptography` package joined (the STARTTLS probe's certificate chain and TLSA matching,
# BIMI's mark certificate): its Rust extension, with its own OpenSSL, is 11.6 MB of the 131.
"$BUILD_PY" packaging/check_frozen.py "$EXE" --png "$WORK/seed.png" --max-mb 135 | tee "$WORK/frozen.log"

step "Linux tarball"
TARBALL="$("$PY" packaging/build.py --installer --skip-freeze | tail -n 1)"
mkdir -p "$WORK/unpacked"
tar -xzf "$TARBALL" -C "$WORK/unpacked"
unpacked_exe="$(echo "$WORK"/unpacked/mailpath-*/mailpath)"
version_out="$(QT_QPA_PLATFORM=offscreen "$unpacked_exe" --version)"
echo "  ok   unpacked tarball runs: $version_out" | tee -a "$WORK/shell.log"

step "Windows installer: makensis (Target amd64-unicode, zlib for speed)"
VERSION="$("$PY" packaging/freeze_config.py)"
PAYLOAD="$WORK/payload-win"
mkdir -p "$PAYLOAD"
cp -a dist/mailpath/_internal "$PAYLOAD/_internal"
cp dist/mailpath/mailpath "$PAYLOAD/mailpath.exe"      # stand-ins: the layout is what matters
cp dist/mailpath/mailpath "$PAYLOAD/mailpath-cli.exe"
find "$PAYLOAD" -type l -delete   # Linux-only library aliases; a Windows bundle has none
OLD_PAYLOAD="$WORK/payload-old"
mkdir -p "$OLD_PAYLOAD/_internal"
echo "only in the old version" > "$OLD_PAYLOAD/_internal/OLD-VERSION-ONLY.txt"
cp dist/mailpath/mailpath "$OLD_PAYLOAD/mailpath.exe"
INSTALLER="$WORK/mailpath-$VERSION-windows-x64-setup.exe"
OLD_INSTALLER="$WORK/mailpath-0.0.1-windows-x64-setup.exe"
t0=$(date +%s)
"$PY" packaging/build.py --nsis-payload "$PAYLOAD" --compression zlib --output "$INSTALLER" >/dev/null
nsis_seconds=$(( $(date +%s) - t0 ))
"$PY" packaging/build.py --nsis-payload "$OLD_PAYLOAD" --compression zlib --version 0.0.1 \
  --output "$OLD_INSTALLER" >/dev/null
echo "  ok   makensis -WX compiled both installers (amd64-unicode)" | tee -a "$WORK/shell.log"

step "Windows installer under wine64: upgrade, files, registry, uninstall, per-machine"
t0=$(date +%s)
"$BUILD_PY" packaging/check_installer_wine.py "$INSTALLER" --payload "$PAYLOAD" --version "$VERSION" \
  --old "$OLD_INSTALLER" --old-version 0.0.1 --old-marker _internal/OLD-VERSION-ONLY.txt \
  --all-users "$OLD_INSTALLER" | tee "$WORK/wine.log"
wine_seconds=$(( $(date +%s) - t0 ))

step "workflow: check-jsonschema and zizmor --offline"
stamp="$TOOLS/.mailpath-stamp"
if [ ! -x "$TOOLS/bin/python" ] || [ ! -f "$stamp" ] || [ packaging/requirements-ci.txt -nt "$stamp" ]; then
  "$PY" -m venv "$TOOLS"
  "$TOOLS/bin/python" -m pip install -q --upgrade pip
  "$TOOLS/bin/python" -m pip install -q -r packaging/requirements-ci.txt
  touch "$stamp"
fi
"$TOOLS/bin/check-jsonschema" --builtin-schema vendor.github-workflows .github/workflows/*.yml
"$TOOLS/bin/zizmor" --offline --no-progress .github/workflows/
echo "  ok   workflow schema and zizmor --offline" | tee -a "$WORK/shell.log"

step "sizes"
printf '  %-44s %s\n' \
  "frozen Linux folder (at most 135 MB)" "$(mb dist/mailpath)" \
  "$(basename "$TARBALL")" "$(mb "$TARBALL")" \
  "NSIS installer, zlib, Linux stand-in payload" "$(mb "$INSTALLER")" \
  "replayed seed PNG" "$(mb "$WORK/seed.png")"
printf '  %-44s %s\n' \
  "freeze" "${freeze_seconds} s" \
  "makensis (zlib)" "${nsis_seconds} s" \
  "wine install/upgrade/uninstall" "${wine_seconds} s"
echo
echo "package-check: all packaging checks passed in $(elapsed)"
# The plain closing line CI reads: every "ok" above, none failed (a failure exits earlier).
echo "package-check: $(cat "$WORK"/*.log | grep -c '^  ok ') passed, 0 failed"
