#!/usr/bin/env bash
# A fresh machine is the test: build a Debian 12 (bookworm) root with debootstrap, clone this
# repository's committed HEAD into it, and run there, as root, what the README promises works
# on a fresh Debian 12 machine:
#
#   (a) bash scripts/run.sh check ts.skr.jp gmail.com --via www274.sakura.ne.jp
#   (b) bash scripts/test.sh
#   (c) bash .ci/run            (with MAILPATH_SKIP_FRESH_CHECK=1: it does not come back here)
#
# Prints each one's exit code and wall time in a table; exits non-zero if any failed. A green
# CI on a developer's machine can hide a missing install step (a package that happens to be
# there); this cannot: the root starts with Debian's base system and nothing else.
#
# Only the host's set-up for reaching the package registries is carried in, never changed on
# the host: apt sources (and the keyrings they name, and apt.conf.d), /etc/resolv.conf, pip's
# configuration (/etc/pip.conf, ~/.config/pip/pip.conf, the PIP_* variables; the local wheel and
# index folders they name are bind-mounted read-only) and the extra CA certificates in
# /usr/local/share/ca-certificates (update-ca-certificates runs inside). The base system also
# gets ca-certificates (--include), which that trust set-up needs.
#
# Disk and time: the base system is made once (~1 min, ~300 MB) and kept as a tarball in
# $MAILPATH_FRESH_DIR (default build/fresh); every run unpacks a pristine copy of it. A run
# fills the copy with ~4 GB (Qt, wine64, three virtual environments) and takes ~15-20 min on
# 2 cores. The copy is deleted after a run that passed and kept for a look after one that
# failed (the next run deletes it). The logs stay in $MAILPATH_FRESH_DIR/logs.
#
# Everything runs in a private mount namespace (unshare), and every mount is also undone by an
# EXIT trap, on failure too; the script checks that nothing is left mounted.
#
# Environment:
#   MAILPATH_FRESH_DIR      where the base tarball, the root and the logs go (default build/fresh)
#   MAILPATH_FRESH_MIRROR   Debian mirror for debootstrap (default: the host's bookworm source)
#   MAILPATH_SKIP_FRESH_CHECK=1   do nothing (set for the .ci/run inside the root)
set -euo pipefail

if [ -n "${MAILPATH_SKIP_FRESH_CHECK:-}" ]; then
  echo "fresh-check: skipped (MAILPATH_SKIP_FRESH_CHECK is set: already inside a fresh root)"
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "fresh-check: must run as root (debootstrap, chroot, mount)" >&2
  exit 1
fi
# A private mount namespace: no mount made here can show up on the host or outlive the run.
if [ -z "${_MAILPATH_FRESH_NS:-}" ]; then
  export _MAILPATH_FRESH_NS=1
  exec unshare --mount --propagation private -- bash "${BASH_SOURCE[0]}" "$@"
fi

source "$(dirname "${BASH_SOURCE[0]}")/_common.sh"
cd "$ROOT"

SUITE=bookworm
FRESH="${MAILPATH_FRESH_DIR:-$ROOT/build/fresh}"
mkdir -p "$FRESH"
FRESH="$(cd "$FRESH" && pwd)"
BASE_TAR="$FRESH/base-$SUITE.tar"
RUN="$FRESH/root"
LOGS="$FRESH/logs"
APP_DIR=/root/mailpath # where the clone lives inside the root

started=$(date +%s)
elapsed() { echo "$(($(date +%s) - started)) s"; }
say() { echo "fresh-check: $* ($(elapsed))"; }

apt_install debootstrap

# ---------------------------------------------------------------- mounts, always undone

MOUNTED=()
mounted_under() { awk -v d="$1" '$5 == d || index($5, d "/") == 1 { print $5 }' /proc/self/mountinfo; }

undo_mounts() {
  local i
  for ((i = ${#MOUNTED[@]} - 1; i >= 0; i--)); do
    umount "${MOUNTED[i]}" 2>/dev/null || umount -l "${MOUNTED[i]}" 2>/dev/null || true
  done
  MOUNTED=()
  if [ -d "$RUN" ] && [ -n "$(mounted_under "$RUN")" ]; then
    echo "fresh-check: still mounted under $RUN:" >&2
    mounted_under "$RUN" >&2
    return 1
  fi
}

kill_root_processes() {
  # Whatever the commands left running inside the root (a wineserver, an Xvfb): ours to end.
  local pid root
  for pid in /proc/[0-9]*; do
    root="$(readlink "$pid/root" 2>/dev/null)" || continue
    if [ "$root" = "$RUN" ]; then
      kill -9 "${pid#/proc/}" 2>/dev/null || true
    fi
  done
}

cleanup() {
  local rc=$?
  kill_root_processes
  undo_mounts || rc=1
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP # so that the EXIT trap runs when the run is interrupted too

do_mount() { # do_mount DEST MOUNT-ARGS...
  local dest="$1"
  shift
  mkdir -p "$dest"
  mount "$@" "$dest"
  MOUNTED+=("$dest")
}

# ---------------------------------------------------------------- the base system, cached

host_mirror() {
  # The URI of the host's apt source for $SUITE itself (not -updates or -security).
  local f
  for f in /etc/apt/sources.list.d/*.sources; do
    [ -f "$f" ] || continue
    awk -v suite="$SUITE" '
      /^[ \t]*$/ { if (ok && uri) { print uri; exit } ok = 0; uri = ""; next }
      /^URIs:/ { uri = $2 }
      /^Suites:/ { for (i = 2; i <= NF; i++) if ($i == suite) ok = 1 }
      END { if (ok && uri) print uri }' "$f"
  done
  for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
    [ -f "$f" ] || continue
    sed -E 's/\[[^]]*\]//' "$f" | awk -v suite="$SUITE" '$1 == "deb" && $3 == suite { print $2 }'
  done
}

if [ ! -f "$BASE_TAR" ]; then
  mirror="${MAILPATH_FRESH_MIRROR:-$(host_mirror | head -n 1)}"
  say "making the $SUITE base system with debootstrap (once; mirror: ${mirror:-the default})"
  rm -rf "$FRESH/base.tmp"
  debootstrap --include=ca-certificates "$SUITE" "$FRESH/base.tmp" ${mirror:+"$mirror"} \
    >"$FRESH/debootstrap.log" 2>&1 || {
    tail -n 20 "$FRESH/debootstrap.log" >&2
    echo "fresh-check: debootstrap failed (log: $FRESH/debootstrap.log)" >&2
    exit 1
  }
  tar -C "$FRESH/base.tmp" --numeric-owner -cpf "$BASE_TAR.tmp" .
  mv "$BASE_TAR.tmp" "$BASE_TAR"
  rm -rf "$FRESH/base.tmp"
fi

# ---------------------------------------------------------------- a pristine copy

if [ -e "$RUN" ]; then
  # Never delete through a mount (a bind-mounted /dev or wheel folder would go with it).
  if [ -n "$(mounted_under "$RUN")" ]; then
    echo "fresh-check: something is mounted under $RUN; not deleting it:" >&2
    mounted_under "$RUN" >&2
    exit 1
  fi
  rm -rf --one-file-system "$RUN"
fi
say "unpacking a pristine copy of $(basename "$BASE_TAR")"
mkdir -p "$RUN" "$LOGS"
tar -C "$RUN" --numeric-owner -xpf "$BASE_TAR"

# ---------------------------------------------------------------- the host's registry set-up

# apt: the host's sources replace debootstrap's, with the keyrings they name and apt's settings.
rm -f "$RUN/etc/apt/sources.list" "$RUN"/etc/apt/sources.list.d/*
[ -f /etc/apt/sources.list ] && cp /etc/apt/sources.list "$RUN/etc/apt/sources.list"
for f in /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources; do
  [ -f "$f" ] && cp "$f" "$RUN/etc/apt/sources.list.d/"
done
for keyring in $(cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list \
  /etc/apt/sources.list.d/*.sources 2>/dev/null | grep -oE '(signed-by=|Signed-By:[ ]*)/[^] ]+' |
  sed -E 's/^(signed-by=|Signed-By:[ ]*)//' | sort -u); do
  if [ -f "$keyring" ] && [ ! -e "$RUN$keyring" ]; then
    mkdir -p "$(dirname "$RUN$keyring")"
    cp "$keyring" "$RUN$keyring"
  fi
done
for f in /etc/apt/apt.conf.d/*; do
  [ -f "$f" ] && [ ! -e "$RUN/etc/apt/apt.conf.d/$(basename "$f")" ] && cp "$f" "$RUN/etc/apt/apt.conf.d/"
done
# DNS.
rm -f "$RUN/etc/resolv.conf"
cp -L /etc/resolv.conf "$RUN/etc/resolv.conf"
# Extra CA certificates (a proxy's, say): trusted inside as on the host.
if [ -d /usr/local/share/ca-certificates ]; then
  mkdir -p "$RUN/usr/local/share/ca-certificates"
  cp -a /usr/local/share/ca-certificates/. "$RUN/usr/local/share/ca-certificates/"
fi
# pip: its configuration files, and (below) the PIP_* variables and the folders they name.
PIP_CONFS=()
for f in /etc/pip.conf /etc/xdg/pip/pip.conf "$HOME/.config/pip/pip.conf" "$HOME/.pip/pip.conf"; do
  if [ -f "$f" ]; then
    PIP_CONFS+=("$f")
    case "$f" in
      "$HOME"/*) dest="$RUN/root/${f#"$HOME"/}" ;; # as root, inside HOME is /root
      *) dest="$RUN$f" ;;
    esac
    mkdir -p "$(dirname "$dest")"
    cp "$f" "$dest"
  fi
done
PIP_ENV=()
while IFS= read -r name; do
  PIP_ENV+=("$name=${!name}")
done < <(compgen -e | grep '^PIP_' || true)

# Local folders named by pip's settings (find-links, index-url, extra-index-url, cert).
local_pip_paths() {
  {
    if [ "${#PIP_CONFS[@]}" -gt 0 ]; then
      # Values, continuation lines included: everything after "=" or leading whitespace.
      sed -nE 's/^[A-Za-z_-]+[ \t]*=[ \t]*(.*)$/\1/p; s/^[ \t]+(.+)$/\1/p' "${PIP_CONFS[@]}"
    fi
    local kv
    for kv in "${PIP_ENV[@]}"; do echo "${kv#*=}"; done
  } | tr -s ' \t' '\n' | sed -nE 's#^file://##; \#^/#p' | sort -u
}
BIND_DIRS=()
CERT_FILES=()
while IFS= read -r path; do
  path="${path%/}"
  [ "$(basename "$path")" = simple ] && path="$(dirname "$path")" # a PEP 503 index: its whole tree
  if [ -d "$path" ]; then
    BIND_DIRS+=("$path")
  elif [ -f "$path" ] && [ ! -e "$RUN$path" ]; then
    CERT_FILES+=("$path") # e.g. a cert bundle outside /etc/ssl/certs: checked after update-ca-certificates
  fi
done < <(local_pip_paths)

# ---------------------------------------------------------------- the repository

# The committed HEAD, cloned on the host side (a fresh Debian has no git; the README's
# commands must not need it). Uncommitted changes are not what CI would test.
head="$(git -C "$ROOT" rev-parse HEAD)"
if [ -n "$(git -C "$ROOT" status --porcelain --untracked-files=no)" ]; then
  echo "fresh-check: note: uncommitted changes in $ROOT are not part of this test"
fi
git clone -q --no-hardlinks "$ROOT" "$RUN$APP_DIR"
git -C "$RUN$APP_DIR" -c advice.detachedHead=false checkout -q "$head"
say "cloned $(git -C "$ROOT" log -1 --format='%h %s' | cut -c1-70) into the root"

# ---------------------------------------------------------------- mounts

do_mount "$RUN/proc" -t proc proc
do_mount "$RUN/sys" -t sysfs -o ro sysfs
do_mount "$RUN/dev" --bind /dev
do_mount "$RUN/dev/pts" --bind /dev/pts
do_mount "$RUN/dev/shm" -t tmpfs -o mode=1777,nosuid,nodev tmpfs
do_mount "$RUN/run" -t tmpfs -o mode=755,nosuid,nodev tmpfs
for dir in "${BIND_DIRS[@]}"; do
  do_mount "$RUN$dir" --bind -o ro "$dir"
done
say "mounted: proc, sys, dev, dev/pts, dev/shm, run${BIND_DIRS[*]:+, read-only: ${BIND_DIRS[*]}}"

in_root() { # in_root LOG [VAR=VALUE...] -- COMMAND
  local log="$1"
  shift
  local vars=()
  while [ "$1" != "--" ]; do
    vars+=("$1")
    shift
  done
  shift
  chroot "$RUN" /usr/bin/env -i HOME=/root USER=root LOGNAME=root LANG=C.UTF-8 TERM=dumb \
    PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    "${PIP_ENV[@]}" "${vars[@]}" /bin/bash -c "cd $APP_DIR && $*" </dev/null >>"$log" 2>&1
}

setup_log="$LOGS/setup.log"
: >"$setup_log"
in_root "$setup_log" -- update-ca-certificates
for f in "${CERT_FILES[@]}"; do
  [ -e "$RUN$f" ] || { mkdir -p "$(dirname "$RUN$f")" && cp "$f" "$RUN$f"; }
done

# ---------------------------------------------------------------- the commands

NAMES=()
CODES=()
TIMES=()
run_step() { # run_step LOGNAME [VAR=VALUE...] -- COMMAND
  local log="$LOGS/$1.log" t0 rc arg cmd="" seen=""
  shift
  for arg in "$@"; do
    if [ -n "$seen" ]; then cmd="${cmd:+$cmd }$arg"; elif [ "$arg" = "--" ]; then seen=1; fi
  done
  : >"$log"
  say "running: $cmd (log: $log)"
  t0=$(date +%s)
  rc=0
  in_root "$log" "$@" & # in the background: a signal is handled at once, not after the step
  wait $! || rc=$?
  NAMES+=("$cmd")
  CODES+=("$rc")
  TIMES+=("$(($(date +%s) - t0))")
  if [ "$rc" -ne 0 ]; then
    echo "---- last lines of $log"
    tail -n 30 "$log"
    echo "----"
  fi
  kill_root_processes
}

run_step run-check -- bash scripts/run.sh check ts.skr.jp gmail.com --via www274.sakura.ne.jp
run_step test -- bash scripts/test.sh
run_step ci CI=true MAILPATH_SKIP_FRESH_CHECK=1 -- bash .ci/run

# ---------------------------------------------------------------- report

kill_root_processes
undo_mounts
echo
echo "fresh-check: Debian 12 root from a pristine base, as root, commit ${head:0:12}"
printf '  %-72s %5s %8s\n' "command" "exit" "time"
failed=0
for i in "${!NAMES[@]}"; do
  printf '  %-72s %5s %6s s\n' "${NAMES[i]}" "${CODES[i]}" "${TIMES[i]}"
  [ "${CODES[i]}" -eq 0 ] || failed=$((failed + 1))
done
echo "  nothing left mounted under $RUN; total $(elapsed)"
if [ "$failed" -eq 0 ]; then
  rm -rf --one-file-system "$RUN"
else
  echo "fresh-check: the root is kept for a look: $RUN (logs: $LOGS)"
fi
# The plain closing line CI reads.
echo "fresh-check: $((${#NAMES[@]} - failed)) passed, $failed failed"
[ "$failed" -eq 0 ]
