"""scripts/_common.sh installs packages without leaving services nobody asked for.

The system commands (apt-get, dpkg-query, systemctl, update-rc.d, id) are stand-ins on PATH
that log their calls; the policy-rc.d, init.d and systemd paths point into a temporary
folder, so nothing on this machine is installed, started or stopped.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
COMMON = ROOT / "scripts" / "_common.sh"

STUBS = {
    "id": "echo 0\n",
    # Nothing is installed yet, except what the test lists in $INSTALLED.
    "dpkg-query": 'for p in $INSTALLED; do [ "$p" = "${@: -1}" ] && { echo -n "install ok installed"; exit 0; }; done; exit 1\n',  # noqa: E501
    # An install runs the package's postinst, which asks policy-rc.d whether it may start nsd.
    "apt-get": (
        'echo "apt-get $*" >>"$LOG"\n'
        'if [ "$1" = install ]; then\n'
        '  if [ -x "$MAILPATH_POLICY_RC_D" ]; then "$MAILPATH_POLICY_RC_D" nsd start;'
        ' echo "policy-rc.d said $?" >>"$LOG"; else echo "no policy-rc.d: nsd started" >>"$LOG"; fi\n'  # noqa: E501
        "fi\n"
    ),
    "systemctl": 'echo "systemctl $*" >>"$LOG"\n',
    "update-rc.d": 'echo "update-rc.d $*" >>"$LOG"\n',
}


@pytest.fixture
def sandbox(tmp_path: Path) -> dict[str, str]:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for name, body in STUBS.items():
        stub = bin_dir / name
        stub.write_text("#!/bin/bash\n" + body)
        stub.chmod(0o755)
    init_d = tmp_path / "init.d"
    init_d.mkdir()
    nsd_init = init_d / "nsd"
    nsd_init.write_text('#!/bin/sh\necho "init.d/nsd $*" >>"$LOG"\n')
    nsd_init.chmod(0o755)
    return dict(
        os.environ,
        PATH=f"{bin_dir}:{os.environ['PATH']}",
        LOG=str(tmp_path / "log"),
        INSTALLED="",
        MAILPATH_POLICY_RC_D=str(tmp_path / "policy-rc.d"),
        MAILPATH_INIT_D=str(init_d),
        MAILPATH_SYSTEMD_RUNNING_DIR=str(tmp_path / "no-systemd"),
    )


def run(env: dict[str, str], script: str) -> list[str]:
    proc = subprocess.run(
        ["bash", "-c", f'source "{COMMON}"\n{script}'],
        env=env,
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert proc.returncode == 0, proc.stderr
    log = Path(env["LOG"])
    return log.read_text().splitlines() if log.exists() else []


def test_nsd_is_installed_without_starting_and_left_disabled(sandbox: dict[str, str]) -> None:
    log = run(sandbox, "apt_install nsd xvfb\nno_system_service nsd nsd")
    assert "policy-rc.d said 101" in log  # the package's postinst may not start it
    assert "no policy-rc.d: nsd started" not in log
    assert "init.d/nsd stop" in log
    assert "systemctl disable nsd" in log
    assert "update-rc.d nsd disable" in log
    assert not Path(sandbox["MAILPATH_POLICY_RC_D"]).exists()  # ours, removed again


def test_a_policy_rc_d_already_there_is_kept(sandbox: dict[str, str]) -> None:
    policy = Path(sandbox["MAILPATH_POLICY_RC_D"])
    policy.write_text("#!/bin/sh\nexit 101\n# the administrator's\n")
    policy.chmod(0o755)
    log = run(sandbox, "apt_install nsd")
    assert "policy-rc.d said 101" in log
    assert policy.read_text().endswith("# the administrator's\n")


def test_an_nsd_the_user_installed_before_is_left_alone(sandbox: dict[str, str]) -> None:
    sandbox["INSTALLED"] = "nsd"
    log = run(sandbox, "apt_install nsd xvfb\nno_system_service nsd nsd")
    assert [line for line in log if "nsd" in line and "install" not in line] == []


def test_test_sh_asks_for_it() -> None:
    text = (ROOT / "scripts" / "test.sh").read_text()
    assert text.index("no_system_service nsd nsd") > text.index("apt_install")


def test_test_sh_installs_opendkim_and_leaves_its_milter_off(sandbox: dict[str, str]) -> None:
    """OpenDKIM's package enables its milter; the interop tests run the filter's test mode."""
    text = (ROOT / "scripts" / "test.sh").read_text()
    packages = text.split("TEST_PACKAGES=(", 1)[1].split(")", 1)[0].split()
    assert {"opendkim", "opendkim-tools"} <= set(packages)
    assert text.index("no_system_service opendkim opendkim") > text.index("apt_install")
    log = run(sandbox, "apt_install opendkim opendkim-tools\nno_system_service opendkim opendkim")
    assert "policy-rc.d said 101" in log
    assert "systemctl disable opendkim" in log


# ---------------------------------------------------------------- a fresh machine is the test


def test_scripts_parse() -> None:
    for script in [*sorted((ROOT / "scripts").glob("*.sh")), ROOT / ".ci" / "run"]:
        proc = subprocess.run(["bash", "-n", str(script)], capture_output=True, text=True)
        assert proc.returncode == 0, f"{script.name}: {proc.stderr}"


def test_package_check_installs_what_pyinstaller_needs() -> None:
    text = (ROOT / "scripts" / "package-check.sh").read_text()
    packages = text.split("PACKAGING_PACKAGES=(", 1)[1].split(")", 1)[0].split()
    assert {"binutils", "libpython3.11", "nsis", "wine64"} <= set(packages)
    assert 'apt_install "${APP_PACKAGES[@]}" "${PACKAGING_PACKAGES[@]}"' in text
    assert "--max-mb 135 " in text


def test_fresh_check_runs_the_readme_quick_start() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    quick_start = readme.split("## Quick start", 1)[1].split("```sh\n", 1)[1].split("```", 1)[0]
    commands = [line for line in quick_start.splitlines() if line.strip()]
    assert len(commands) == 2
    fresh = (ROOT / "scripts" / "fresh-check.sh").read_text()
    for command in commands:
        assert f"-- {command}\n" in fresh, command
    assert "MAILPATH_SKIP_FRESH_CHECK=1 -- bash .ci/run\n" in fresh


def test_ci_runs_fresh_check_last_and_not_inside_the_root() -> None:
    ci = (ROOT / ".ci" / "run").read_text()
    assert ci.index("scripts/test.sh") < ci.index("scripts/package-check.sh")
    assert ci.index("scripts/package-check.sh") < ci.index("bash scripts/fresh-check.sh")
    assert 'if [ -n "${MAILPATH_SKIP_FRESH_CHECK:-}" ]' in ci


def test_fresh_check_does_nothing_when_told_to_skip() -> None:
    proc = subprocess.run(
        ["bash", str(ROOT / "scripts" / "fresh-check.sh")],
        env=dict(os.environ, MAILPATH_SKIP_FRESH_CHECK="1"),
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert proc.returncode == 0, proc.stderr
    assert "skipped" in proc.stdout


def test_fresh_check_always_undoes_its_mounts() -> None:
    text = (ROOT / "scripts" / "fresh-check.sh").read_text()
    assert "unshare --mount --propagation private" in text
    assert "trap cleanup EXIT" in text
    # The trap is set before the first mount, and nothing is deleted through a mount.
    assert text.index("trap cleanup EXIT") < text.index('do_mount "$RUN/proc"')
    guard = text.index('if [ -n "$(mounted_under "$RUN")" ]')
    assert guard < text.index('rm -rf --one-file-system "$RUN"')
