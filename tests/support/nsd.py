"""NSD (Debian package ``nsd``) on a loopback port, for end-to-end tests.

    with NsdServer({"example.com": zone_text("example.com", [("@", "A", "192.0.2.1")])}) as nsd:
        nsd.nameserver  # "127.0.0.1:PORT", UDP and TCP

Everything NSD writes (config, zone files, pid file, zone list, xfrd state, log) lives in a
temporary directory; NSD runs in the foreground (``nsd -d``) as a child process, with no
chroot, no privilege drop (works as root and as a normal user), no remote control and no
systemd. Install it with ``apt-get install -y nsd``.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterable, Mapping
from pathlib import Path

import dns.exception
import dns.flags
import dns.message
import dns.query
import dns.rcode
import dns.rdatatype

__all__ = ["NSD_BINARY", "NsdServer", "nsd_available", "zone_text"]

#: Debian installs the daemon here (``/usr/sbin`` is often not on a normal user's PATH).
NSD_BINARY = "/usr/sbin/nsd"

START_TIMEOUT = 10.0


def nsd_binary() -> str | None:
    if os.access(NSD_BINARY, os.X_OK):
        return NSD_BINARY
    return shutil.which("nsd")


def nsd_available() -> bool:
    """True when the ``nsd`` daemon is installed."""
    return nsd_binary() is not None


def zone_text(
    origin: str,
    records: Iterable[tuple[str, str, str]] = (),
    *,
    ttl: int = 300,
    serial: int = 1,
    ns: Iterable[str] = ("ns",),
) -> str:
    """A master file for `origin`: $ORIGIN, $TTL, SOA, NS, then one line per record.

    `records` are ``(owner, type, rdata text)``; owners are relative to the origin unless they
    end with a dot (``"@"`` is the origin itself), rdata is written as given (quote TXT
    strings yourself: ``("@", "TXT", '"v=spf1 -all"')``). `serial` is the SOA serial; `ns`
    the NS hosts (relative to the origin unless they end with a dot; the first is the SOA's
    primary).
    """
    origin = origin.strip().rstrip(".").lower() + "."
    lines = [
        f"$ORIGIN {origin}",
        f"$TTL {ttl}",
    ]
    hosts = list(ns)
    lines.append(f"@ IN SOA {hosts[0]} hostmaster.{origin} {serial} 3600 900 604800 {ttl}")
    lines.extend(f"@ IN NS {host}" for host in hosts)
    lines.extend(f"{owner} IN {rtype.upper()} {rdata}" for owner, rtype, rdata in records)
    return "\n".join(lines) + "\n"


def free_port(address: str = "127.0.0.1", *others: str) -> int:
    """A port free for both UDP and TCP on `address` and on each of `others` (at the time of
    asking): several servers on 127.0.0.2, 127.0.0.3... can then share one port, as the
    name servers of a zone share port 53."""
    for _ in range(50):
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as udp:
            udp.bind((address, 0))
            port = udp.getsockname()[1]
            if _free(address, port, udp=False) and all(_free(a, port) for a in others):
                return int(port)
    raise OSError("no free port")


def _free(address: str, port: int, *, udp: bool = True) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as tcp:
        try:
            tcp.bind((address, port))
        except OSError:
            return False
    if not udp:
        return True
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as dgram:
        try:
            dgram.bind((address, port))
        except OSError:
            return False
    return True


class NsdServer:
    """NSD serving `zones` (origin -> master-file text) on 127.0.0.1, UDP and TCP."""

    def __init__(
        self, zones: Mapping[str, str], *, address: str = "127.0.0.1", port: int = 0
    ) -> None:
        if not zones:
            raise ValueError("NSD needs at least one zone")
        self.zones = {o.strip().rstrip(".").lower(): text for o, text in zones.items()}
        self.address = address
        #: 0: a free port is chosen; else this one (e.g. the port several servers share).
        self.fixed_port = port
        self.port = port
        self.directory: Path | None = None
        self._proc: subprocess.Popen[bytes] | None = None
        self._tmp: tempfile.TemporaryDirectory[str] | None = None

    @property
    def nameserver(self) -> str:
        return f"{self.address}:{self.port}"

    def __enter__(self) -> NsdServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # ------------------------------------------------------------ config

    def _write_config(self, directory: Path, port: int) -> Path:
        zone_entries = []
        for i, (origin, text) in enumerate(self.zones.items()):
            zonefile = directory / f"zone{i}.zone"
            zonefile.write_text(text, encoding="utf-8")
            zone_entries.append(f'zone:\n    name: "{origin}"\n    zonefile: "{zonefile}"\n')
        d = directory
        conf = (
            "server:\n"
            f"    ip-address: {self.address}\n"
            f"    port: {port}\n"
            "    do-ip6: no\n"
            '    username: ""\n'
            '    chroot: ""\n'
            f'    zonesdir: "{d}"\n'
            f'    pidfile: "{d}/nsd.pid"\n'
            f'    zonelistfile: "{d}/zone.list"\n'
            f'    xfrdfile: "{d}/xfrd.state"\n'
            f'    xfrdir: "{d}"\n'
            f'    database: ""\n'
            f'    logfile: "{d}/nsd.log"\n'
            "    server-count: 1\n"
            "    verbosity: 1\n"
            "    hide-version: yes\n"
            "    zonefiles-write: 0\n"
            "remote-control:\n"
            "    control-enable: no\n" + "".join(zone_entries)
        )
        path = directory / "nsd.conf"
        path.write_text(conf, encoding="utf-8")
        return path

    # ------------------------------------------------------------ life cycle

    def start(self) -> NsdServer:
        binary = nsd_binary()
        if binary is None:
            raise RuntimeError("nsd is not installed (apt-get install -y nsd)")
        self._tmp = tempfile.TemporaryDirectory(prefix="mailpath-nsd-")
        self.directory = Path(self._tmp.name)
        last_error = ""
        for _attempt in range(3):  # the free port may be taken between asking and binding
            self.port = self.fixed_port or free_port(self.address)
            conf = self._write_config(self.directory, self.port)
            stderr = open(self.directory / "stderr.txt", "wb")  # noqa: SIM115
            try:
                self._proc = subprocess.Popen(
                    [binary, "-d", "-c", str(conf)],
                    stdin=subprocess.DEVNULL,
                    stdout=stderr,
                    stderr=stderr,
                    cwd=self.directory,
                    start_new_session=True,  # its own process group, ended by stop()
                )
            finally:
                stderr.close()
            error = self._wait_ready()
            if error is None:
                return self
            last_error = error
            self._end_process()
            if self.fixed_port or "address already in use" not in error.lower():
                break
        self.stop()
        raise RuntimeError(f"NSD did not start: {last_error}")

    def _output(self) -> str:
        assert self.directory is not None
        texts = []
        for name in ("stderr.txt", "nsd.log"):
            with contextlib.suppress(OSError):
                texts.append((self.directory / name).read_text(errors="replace").strip())
        return "\n".join(t for t in texts if t)

    def _wait_ready(self) -> str | None:
        """None once NSD answers the SOA question of every zone it serves with authority (AA),
        else the error text: which zones did not answer within START_TIMEOUT, and NSD's output.

        NSD loads zones one after another, so a server that answers for the first zone may not
        have loaded the next ones yet; a test that asked then would read REFUSED as "no record".
        """
        assert self._proc is not None
        waiting = list(self.zones)
        last: dict[str, str] = dict.fromkeys(waiting, "no answer")
        deadline = time.monotonic() + START_TIMEOUT
        while waiting and time.monotonic() < deadline:
            if self._proc.poll() is not None:
                return f"nsd exited with {self._proc.returncode}:\n{self._output()}"
            for origin in list(waiting):
                query = dns.message.make_query(origin + ".", dns.rdatatype.SOA)
                try:
                    reply = dns.query.udp(query, self.address, port=self.port, timeout=0.2)
                except (dns.exception.DNSException, OSError) as exc:
                    last[origin] = f"no answer ({type(exc).__name__})"
                    continue
                authoritative = bool(reply.flags & dns.flags.AA)
                if reply.rcode() == dns.rcode.NOERROR and reply.answer and authoritative:
                    waiting.remove(origin)
                else:
                    last[origin] = (
                        f"{dns.rcode.to_text(reply.rcode())}"
                        f"{', AA' if authoritative else ', no AA'}"
                        f"{'' if reply.answer else ', no SOA'}"
                    )
            if waiting:
                time.sleep(0.05)  # started, these zones not loaded yet (or they failed to load)
        if not waiting:
            return None
        detail = "; ".join(f"{origin}: {last[origin]}" for origin in waiting)
        return (
            f"{len(waiting)} of {len(self.zones)} zones gave no authoritative SOA answer within "
            f"{START_TIMEOUT:.0f} s ({detail}):\n{self._output()}"
        )

    def _end_process(self) -> None:
        proc, self._proc = self._proc, None
        if proc is None:
            return
        stop_process(proc)
        # NSD's server and xfrd children share the group we created; make sure none is left.
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(proc.pid, signal.SIGKILL)

    def stop(self) -> None:
        self._end_process()
        if self._tmp is not None:
            self._tmp.cleanup()
            self._tmp = None


def stop_process(proc: subprocess.Popen[bytes]) -> None:
    """Stop `proc` by its PID: asked to end, killed if it has not within 5 s."""
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(5)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(5)
