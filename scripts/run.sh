#!/usr/bin/env bash
# Install mailpath (system packages, a virtual environment) and run it with the given arguments.
#   bash scripts/run.sh                      -> opens the window
#   bash scripts/run.sh check SENDER RECIPIENT --via HOST
source "$(dirname "${BASH_SOURCE[0]}")/_common.sh"
apt_install "${APP_PACKAGES[@]}"
make_venv ""
exec "$VENV/bin/mailpath" "$@"
