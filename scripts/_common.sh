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
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
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
    "$VENV/bin/python" -m pip install -q -e "$ROOT$extra"
    touch "$stamp"
  fi
}
