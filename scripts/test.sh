#!/usr/bin/env bash
# Install everything the tests need (system packages such as NSD, the test extras) and run
# the whole suite: lint, type check, tests. Extra arguments go to pytest.
source "$(dirname "${BASH_SOURCE[0]}")/_common.sh"
# libpython3.11-testsuite: CPython's email test data, part of tests/corpus's real messages.
# opendkim, opendkim-tools: the second DKIM implementation (tests/core/test_opendkim_interop.py).
# ldnsutils: ldns-keygen and ldns-signzone sign the DNSSEC test zones (tests/support/signzone.py).
TEST_PACKAGES=(nsd xvfb xauth opendkim opendkim-tools libpython3.11-testsuite ldnsutils)
apt_install "${APP_PACKAGES[@]}" "${TEST_PACKAGES[@]}"
# The tests run NSD themselves on free loopback ports (tests/support/nsd.py): the package's
# own service, which Debian enables on port 53, is not wanted.
no_system_service nsd nsd
# OpenDKIM is the outside DKIM signer/verifier of tests/core/test_opendkim_interop.py, run in
# its file test mode (opendkim -t); the milter daemon that the package enables is not wanted.
no_system_service opendkim opendkim
make_venv "[test]"
cd "$ROOT"
echo "== ruff"
"$VENV/bin/ruff" check .
"$VENV/bin/ruff" format --check .
echo "== mypy (the whole package, GUI included, and the tests; strict)"
"$VENV/bin/mypy"
echo "== pytest"
export QT_QPA_PLATFORM=offscreen
"$VENV/bin/python" -m pytest -p no:cacheprovider "$@"
