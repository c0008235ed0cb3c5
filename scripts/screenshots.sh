#!/usr/bin/env bash
# The window's screenshot set (issue 17): 4 scenes x 2 sizes x 2 languages, 16 PNGs in OUTDIR.
#   bash scripts/screenshots.sh OUTDIR [--scenes route,message,authoritative,recheck]
#                                      [--languages en,ja] [--keep]
# Drives the real window on a private X display (Xvfb, openbox, xdotool) against the loopback
# DNS test server; needs root (the zone's own name servers listen on port 53 of private
# loopback addresses), the project's venv with the test extras (bash scripts/test.sh makes it),
# and xvfb openbox xdotool x11-utils imagemagick fonts-noto-cjk. Takes about 3 minutes (each
# re-check waits for the window's 60 s interval). See scripts/screenshots.py.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="${MAILPATH_VENV:-$ROOT/.venv}"
if [ "$#" -lt 1 ] || [ "${1:0:1}" = "-" ]; then
  echo "usage: bash scripts/screenshots.sh OUTDIR [--scenes ...] [--languages ...] [--keep]" >&2
  exit 2
fi
if [ ! -x "$VENV/bin/python" ]; then
  echo "screenshots: no virtual environment at $VENV (run: bash scripts/test.sh)" >&2
  exit 1
fi
missing=()
for tool in Xvfb openbox xdotool xprop xwininfo import; do
  command -v "$tool" >/dev/null 2>&1 || missing+=("$tool")
done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "screenshots: missing ${missing[*]}" >&2
  echo "  apt-get install -y xvfb openbox xdotool x11-utils imagemagick fonts-noto-cjk" >&2
  exit 1
fi
# The driver stops everything it started (by PID) when it ends, fails or is signalled; this
# wrapper passes Ctrl+C / TERM on to it and waits for that cleanup.
PYTHONPATH="$ROOT${PYTHONPATH:+:$PYTHONPATH}" "$VENV/bin/python" "$ROOT/scripts/screenshots.py" "$@" &
driver=$!
trap 'kill -TERM "$driver" 2>/dev/null || true; wait "$driver" 2>/dev/null || true; exit 130' INT TERM HUP
wait "$driver"
