# Shared by run.sh and test.sh: system packages and the project's virtual environment.
# Idempotent: a second run installs nothing new and takes seconds.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="${MAILPATH_VENV:-$ROOT/.venv}"

# What PySide6's wheels need from the system (offscreen and X11), plus fonts that
# carry Japanese glyphs for the window and the exported images.
APP_PACKAGES=(
  python3 python3-venv python3-pip
  libgl1 libegl1 libopengl0 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libfreetype6
  libdbus-1-3 libglib2.0-0 libx11-xcb1 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1
  libxcb-shape0 libxcb-render-util0 libxcb-image0 libxcb-xinerama0 libxcb-randr0 libxcb-xkb1
  fonts-noto-cjk fonts-dejavu-core
)

# The packages this run installed (apt_install adds to it): only their services are ours to
# stop and disable (no_system_service); a package that was already there is left as it was.
NEWLY_INSTALLED=()

apt_install() {
  local missing=()
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  if [ "${#missing[@]}" -gt 0 ]; then
    if [ "$(id -u)" -ne 0 ]; then
      echo "mailpath: these system packages are missing: ${missing[*]}" >&2
      echo "mailpath: run this script as root (or: sudo apt-get install ${missing[*]})" >&2
      exit 1
    fi
    echo "Installing system packages: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    block_service_starts
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
    unblock_service_starts
    NEWLY_INSTALLED+=("${missing[@]}")
  fi
}

# Debian starts a daemon as soon as its package is installed (nsd on port 53; when something
# else holds port 53 the start fails and so does the install). A policy-rc.d answering 101
# ("action forbidden") keeps invoke-rc.d and deb-systemd-invoke from starting anything while
# we install. An existing policy-rc.d (Docker images ship one) is someone else's: kept as is.
# (The paths can be pointed elsewhere only so that tests/cli/test_scripts.py can run this.)
POLICY_RC_D="${MAILPATH_POLICY_RC_D:-/usr/sbin/policy-rc.d}"
INIT_D="${MAILPATH_INIT_D:-/etc/init.d}"
SYSTEMD_RUNNING_DIR="${MAILPATH_SYSTEMD_RUNNING_DIR:-/run/systemd/system}"
_POLICY_IS_OURS=""

block_service_starts() {
  [ -e "$POLICY_RC_D" ] && return 0
  printf '#!/bin/sh\n# Written by mailpath scripts/_common.sh while it installs packages.\nexit 101\n' \
    >"$POLICY_RC_D"
  chmod 755 "$POLICY_RC_D"
  _POLICY_IS_OURS=1
  trap unblock_service_starts EXIT # removed even when the install fails
}

unblock_service_starts() {
  if [ -n "$_POLICY_IS_OURS" ]; then
    rm -f "$POLICY_RC_D"
    _POLICY_IS_OURS=""
  fi
}

# no_system_service PACKAGE UNIT: when this run installed PACKAGE, make sure its system
# service is neither running nor enabled (systemd and sysvinit alike). The tests start their
# own daemons on loopback ports; nobody asked for one on port 53 at every boot.
no_system_service() {
  local pkg="$1" unit="$2"
  case " ${NEWLY_INSTALLED[*]} " in
    *" $pkg "*) ;;
    *) return 0 ;;
  esac
  if command -v systemctl >/dev/null 2>&1; then
    if [ -d "$SYSTEMD_RUNNING_DIR" ]; then
      systemctl stop "$unit" >/dev/null 2>&1 || true
    fi
    systemctl disable "$unit" >/dev/null 2>&1 || true # works without a running systemd too
  fi
  if [ -x "$INIT_D/$unit" ]; then
    if [ ! -d "$SYSTEMD_RUNNING_DIR" ]; then
      "$INIT_D/$unit" stop >/dev/null 2>&1 || true
    fi
    if command -v update-rc.d >/dev/null 2>&1; then
      update-rc.d "$unit" disable >/dev/null 2>&1 || true
    fi
  fi
  echo "Left the $unit system service stopped and disabled (the tests start their own)."
}

make_venv() {
  local extra="$1"
  if [ ! -x "$VENV/bin/python" ]; then
    python3 -m venv "$VENV"
    "$VENV/bin/python" -m pip install -q --upgrade pip
  fi
  # Reinstall only when pyproject.toml changed since the last install.
  local stamp="$VENV/.mailpath-installed$extra"
  if [ ! -f "$stamp" ] || [ "$ROOT/pyproject.toml" -nt "$stamp" ]; then
    # Editable (hatchling: a .pth file to the checkout, no build-backend warnings): the venv
    # always runs the working tree's code.
    "$VENV/bin/python" -m pip install -q -e "$ROOT$extra"
    touch "$stamp"
  fi
}
