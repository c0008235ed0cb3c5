"""Take the window's screenshot set (issue 17, "Done when") from the real window, as a user
drives it: `bash scripts/screenshots.sh OUTDIR` (this is the driver behind it).

Four scenes, each at 1280x800 and at the window's minimum size, in English and Japanese
(16 PNGs, `LANG-WxH-SCENE.png`, W x H the window's client size):

- route: the bundled example (resources/examples/seed.mailpath.json) opened with --replay;
- message: a forwarded message (tests/core/test_real_path.py's, DKIM-signed now) opened with
  File > Open Message (Ctrl+Shift+O, the file dialog), the Message panel open;
- authoritative: Analysis > Ask the Domain's Own Name Servers, then Analyze (F5);
- recheck: Analysis > Re-check Until It Passes; the fix goes live after the first check, the
  second check passes (its notice is in the 1280x800 picture; closed before the minimum one).

Everything runs on a private X display (Xvfb, openbox, xdotool, ImageMagick's `import`) with
HOME and XDG_* in a temporary folder, so a person's settings are never read or written. DNS is
the project's loopback test server (tests/support/dnsserver.py), in this process: the zone's
own name servers of the authoritative scene listen on port 53 of two private loopback
addresses (the window asks name servers on port 53), which needs root. Nothing touches public
DNS. Every process started here is stopped by its PID, also on failure or Ctrl+C.
"""

from __future__ import annotations

import argparse
import io
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from PIL import Image, ImageChops  # noqa: E402

from tests.support.dnsserver import DnsTestServer  # noqa: E402
from tests.support.nsd import stop_process  # noqa: E402

SCENES = ("route", "message", "authoritative", "recheck")
LANGUAGES = ("en", "ja")
#: The window's default size (mailpath/gui/settings.py DEFAULT_SIZE). The screen is larger:
#: on a 1280x800 screen the window opens at 90% of it.
DEFAULT = (1280, 800)
SCREEN = "1920x1200x24"
TOOLS = ("Xvfb", "openbox", "xdotool", "xprop", "xwininfo", "import")

# The authoritative and re-check zones: tests/gui/test_propagation.py's.
from tests.gui.test_propagation import (  # noqa: E402
    NEW_SERIAL,
    NEW_SPF,
    OLD_SERIAL,
    OLD_SPF,
    RESOLVER_TTL,
    VIA,
    zone,
)


def log(text: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {text}", flush=True)


def propagation_zone(ns: Sequence[str], spf: str, serial: int) -> dict[str, Any]:
    """The re-check and authoritative tests' example.com, its name servers at `ns`."""
    return zone(spf, serial, (ns[0], ns[1]))


# ---------------------------------------------------------------- processes


@dataclass
class Processes:
    """Every process this script started, stopped by PID (last started, first stopped)."""

    started: list[subprocess.Popen[bytes]] = field(default_factory=list)

    def start(self, argv: Sequence[str], **kwargs: Any) -> subprocess.Popen[bytes]:
        proc = subprocess.Popen(list(argv), **kwargs)
        self.started.append(proc)
        return proc

    def stop(self, proc: subprocess.Popen[bytes]) -> None:
        stop_process(proc)
        if proc in self.started:
            self.started.remove(proc)

    def stop_all(self) -> None:
        for proc in reversed(list(self.started)):
            self.stop(proc)


def poll(what: str, check: Callable[[], Any], timeout: float, every: float = 0.1) -> Any:
    """`check()`'s first truthy value, asked every `every` s; an error after `timeout` s."""
    deadline = time.monotonic() + timeout
    while True:
        value = check()
        if value:
            return value
        if time.monotonic() > deadline:
            raise RuntimeError(f"timed out waiting for {what}")
        time.sleep(every)


class Display:
    """A private X display with openbox, and the X tools pointed at it."""

    def __init__(self, procs: Processes, home: Path) -> None:
        self.procs = procs
        read, write = os.pipe()
        xvfb = procs.start(
            ["Xvfb", "-displayfd", str(write), "-screen", "0", SCREEN, "-nolisten", "tcp"],
            pass_fds=(write,),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        os.close(write)
        with os.fdopen(read) as pipe:
            number = pipe.readline().strip()
        if not number:
            raise RuntimeError(f"Xvfb did not start (exit {xvfb.poll()})")
        self.name = f":{number}"
        self.env = dict(os.environ, DISPLAY=self.name, HOME=str(home))
        self.env.pop("WAYLAND_DISPLAY", None)
        procs.start(
            ["openbox", "--sm-disable"],
            env=self.env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        poll(
            "openbox",
            lambda: "window id" in self.run("xprop", "-root", "_NET_SUPPORTING_WM_CHECK"),
            20,
        )

    def run(self, *argv: str, check: bool = False) -> str:
        done = subprocess.run(argv, env=self.env, capture_output=True, text=True, check=check)
        return done.stdout

    def xdotool(self, *argv: str) -> str:
        return self.run("xdotool", *argv)

    def windows(self, pid: int) -> list[str]:
        return self.xdotool("search", "--onlyvisible", "--pid", str(pid)).split()

    def geometry(self, wid: str) -> tuple[int, int, int, int]:
        """The client area of window `wid`: x, y (on the screen), width, height."""
        info = self.run("xwininfo", "-id", wid)
        values: dict[str, int] = {}
        for line in info.splitlines():
            key, _, value = line.strip().partition(":")
            if key in ("Absolute upper-left X", "Absolute upper-left Y", "Width", "Height"):
                values[key] = int(value)
        return (
            values["Absolute upper-left X"],
            values["Absolute upper-left Y"],
            values["Width"],
            values["Height"],
        )

    def frame_extents(self, wid: str) -> tuple[int, int, int, int]:
        """openbox's frame around `wid`: left, right, top, bottom."""
        text = self.run("xprop", "-id", wid, "_NET_FRAME_EXTENTS")
        _, _, numbers = text.partition("=")
        parts = [int(n) for n in numbers.replace(" ", "").split(",") if n.strip().isdigit()]
        return (parts[0], parts[1], parts[2], parts[3]) if len(parts) == 4 else (0, 0, 0, 0)

    def grab(self, wid: str) -> Image.Image:
        """The window with its frame (title bar), as on the screen: dialogs over it included."""
        x, y, w, h = self.geometry(wid)
        left, right, top, bottom = self.frame_extents(wid)
        crop = f"{w + left + right}x{h + top + bottom}+{max(0, x - left)}+{max(0, y - top)}"
        png = subprocess.run(
            ["import", "-window", "root", "-crop", crop, "+repage", "png:-"],
            env=self.env,
            capture_output=True,
            check=True,
        ).stdout
        image = Image.open(io.BytesIO(png))
        image.load()
        return image

    def wait_still(self, wid: str, timeout: float = 30.0) -> Image.Image:
        """The window's picture once three grabs 0.4 s apart differ at most by a text cursor."""
        previous = self.grab(wid)
        still_for = 0

        def still() -> Image.Image | None:
            nonlocal previous, still_for
            time.sleep(0.4)
            current = self.grab(wid)
            same = current.size == previous.size and _small_difference(previous, current)
            still_for = still_for + 1 if same else 0
            previous = current
            return current if still_for >= 2 else None

        image: Image.Image = poll("the window to settle", still, timeout, every=0)
        return image

    def keys(self, wid: str, *keys: str) -> None:
        self.xdotool("windowactivate", "--sync", wid)
        for key in keys:
            self.xdotool("key", "--clearmodifiers", key)


def _small_difference(a: Image.Image, b: Image.Image) -> bool:
    """No change, or one no larger than a blinking text cursor."""
    box = ImageChops.difference(a.convert("RGB"), b.convert("RGB")).getbbox()
    if box is None:
        return True
    return (box[2] - box[0]) <= 3 and (box[3] - box[1]) <= 40


# ---------------------------------------------------------------- DNS


@dataclass
class Dns:
    """The loopback servers: the resolver the window asks, and the zone's own servers."""

    servers: list[DnsTestServer] = field(default_factory=list)

    def start(self, zone: dict[str, Any], **kwargs: Any) -> DnsTestServer:
        server = DnsTestServer(zone, **kwargs).start()
        self.servers.append(server)
        return server

    def stop_all(self) -> None:
        for server in self.servers:
            server.stop()
        self.servers.clear()


def wait_dns_quiet(servers: Sequence[DnsTestServer], since: int, quiet: float = 1.5) -> None:
    """Wait until these servers got a question after `since` questions, then none for `quiet`
    seconds: the analysis asked what it asks and has finished asking."""

    def count() -> int:
        return sum(len(s.queries) for s in servers)

    poll("the analysis's DNS questions", lambda: count() > since, 60)
    last, changed = count(), time.monotonic()

    def settled() -> bool:
        nonlocal last, changed
        now = count()
        if now != last:
            last, changed = now, time.monotonic()
        return time.monotonic() - changed >= quiet

    poll("the analysis's DNS questions to end", settled, 60)


def queries(servers: Sequence[DnsTestServer]) -> int:
    return sum(len(s.queries) for s in servers)


# ---------------------------------------------------------------- the window


@dataclass
class Session:
    """One window: its language, settings folder, process and X window."""

    display: Display
    procs: Processes
    home: Path
    language: str
    argv: list[str]
    proc: subprocess.Popen[bytes] | None = None
    wid: str = ""
    log_path: Path | None = None

    def launch(self) -> None:
        config = self.home / "config"
        (config / "mailpath").mkdir(parents=True, exist_ok=True)
        # QSettings() of organization "mailpath", application "mailpath" (gui/app.py).
        (config / "mailpath" / "mailpath.conf").write_text(
            f"[General]\nlanguage={self.language}\n", encoding="utf-8"
        )
        env = dict(self.display.env)
        env.update(
            HOME=str(self.home),
            XDG_CONFIG_HOME=str(config),
            XDG_DATA_HOME=str(self.home / "data"),
            XDG_CACHE_HOME=str(self.home / "cache"),
            XDG_STATE_HOME=str(self.home / "state"),
            XDG_RUNTIME_DIR=str(self.home / "runtime"),
            QT_QPA_PLATFORM="xcb",
            PYTHONPATH=os.pathsep.join([str(ROOT), env.get("PYTHONPATH", "")]).rstrip(os.pathsep),
        )
        (self.home / "runtime").mkdir(mode=0o700, exist_ok=True)
        for variable in (
            "MAILPATH_CONFIG_DIR",
            "MAILPATH_LANG",
            "MAILPATH_WATCH_MIN",
            "LANGUAGE",
            "LC_ALL",
        ):
            env.pop(variable, None)
        self.log_path = self.home / "window.log"
        with self.log_path.open("wb") as out:
            self.proc = self.procs.start(
                [sys.executable, "-m", "mailpath", "gui", *self.argv],
                env=env,
                cwd=str(ROOT),
                stdout=out,
                stderr=subprocess.STDOUT,
            )
        proc = self.proc

        def main_window() -> str | None:
            if proc.poll() is not None:
                raise RuntimeError(f"the window exited ({proc.returncode}): {self.log_tail()}")
            found = self.display.windows(proc.pid)
            return found[0] if found else None

        self.wid = poll("the window", main_window, 60)

    def log_tail(self) -> str:
        if self.log_path is None or not self.log_path.exists():
            return ""
        return self.log_path.read_text(errors="replace")[-2000:]

    def alive(self) -> None:
        if self.proc is not None and self.proc.poll() is not None:
            raise RuntimeError(f"the window exited ({self.proc.returncode}): {self.log_tail()}")

    def other_windows(self) -> list[str]:
        assert self.proc is not None
        return [w for w in self.display.windows(self.proc.pid) if w != self.wid]

    def keys(self, *keys: str) -> None:
        self.alive()
        self.display.keys(self.wid, *keys)

    def menu(self, opener: str, mnemonic: str) -> None:
        """Open a menu of the menu bar (Alt+letter), wait for it, choose an entry by its
        mnemonic, wait for the menu to close."""
        self.keys(opener)
        poll(f"the menu of {opener}", self.other_windows, 10)
        self.display.xdotool("key", mnemonic)
        poll("the menu to close", lambda: not self.other_windows(), 10)

    def size(self) -> tuple[int, int]:
        _, _, w, h = self.display.geometry(self.wid)
        return w, h

    def resize(self, width: int, height: int) -> tuple[int, int]:
        """Ask for this client size; the size the window took (Qt keeps its minimum)."""
        self.display.xdotool("windowsize", self.wid, str(width), str(height))
        last: list[tuple[int, int]] = []

        def settled() -> tuple[int, int] | None:
            time.sleep(0.2)
            last.append(self.size())
            return last[-1] if len(last) >= 3 and last[-1] == last[-2] == last[-3] else None

        size: tuple[int, int] = poll("the window's size", settled, 20, every=0)
        return size

    def shoot(self, out: Path, scene: str) -> Path:
        self.alive()
        image = self.display.wait_still(self.wid)
        time.sleep(0.3)  # a short settle: the last repaint after the still frames
        image = self.display.wait_still(self.wid)
        w, h = self.size()
        hints = self.display.run("xprop", "-id", self.wid, "WM_NORMAL_HINTS")
        minimum = next((ln.strip() for ln in hints.splitlines() if "minimum size" in ln), "")
        log(f"{self.language} {scene}: client {w}x{h} ({minimum or 'no minimum size hint'})")
        path = out / f"{self.language}-{w}x{h}-{scene}.png"
        image.save(path)
        log(f"wrote {path.name}")
        return path

    def quit(self) -> None:
        if self.proc is None:
            return
        self.procs.stop(self.proc)
        self.proc = None


# ---------------------------------------------------------------- scenes


@dataclass
class World:
    display: Display
    procs: Processes
    dns: Dns
    work: Path
    out: Path
    forwarded: DnsTestServer
    message_path: Path
    auth_resolver: DnsTestServer
    auth_servers: list[DnsTestServer]
    watch_resolver: DnsTestServer
    watch_ns: tuple[str, str]
    taken: list[Path] = field(default_factory=list)


def build_world(display: Display, procs: Processes, dns: Dns, work: Path, out: Path) -> World:
    from tests.core.test_real_path import forwarded_message, forwarding_zone

    forwarded = dns.start(forwarding_zone())
    message_path = work / "forwarded.eml"
    message_path.write_bytes(forwarded_message())
    # The zone's own servers: port 53 (where the window asks them) of two private loopback
    # addresses, picked at random so that nothing else on the machine is in the way.
    base = f"127.{random.randint(100, 250)}.{random.randint(1, 250)}"
    ns = (f"{base}.2", f"{base}.3")
    try:
        auth_servers = [
            dns.start(propagation_zone(ns, NEW_SPF, NEW_SERIAL), address=a, port=53) for a in ns
        ]
    except PermissionError as exc:
        raise SystemExit(
            "screenshots: the authoritative scene serves the zone's name servers on port 53: "
            f"run as root ({exc})"
        ) from exc
    auth_resolver = dns.start(propagation_zone(ns, OLD_SPF, OLD_SERIAL), ttl=RESOLVER_TTL)
    watch_ns = (f"{base}.4", f"{base}.5")  # nobody answers there: the re-check does not ask
    watch_resolver = dns.start(propagation_zone(watch_ns, OLD_SPF, OLD_SERIAL))
    return World(
        display,
        procs,
        dns,
        work,
        out,
        forwarded,
        message_path,
        auth_resolver,
        auth_servers,
        watch_resolver,
        watch_ns,
    )


def scene_argv(world: World, scene: str) -> list[str]:
    if scene == "route":
        return ["--replay", str(ROOT / "resources" / "examples" / "seed.mailpath.json")]
    if scene == "message":
        return ["--nameserver", world.forwarded.nameserver]
    resolver = world.auth_resolver if scene == "authoritative" else world.watch_resolver
    return ["example.com", "example.net", "--via", VIA, "--nameserver", resolver.nameserver]


def drive(world: World, session: Session, scene: str) -> None:
    """Bring the window to the scene's state, as a person would with the keyboard."""
    if scene == "route":
        return  # --replay opened it; wait_still waits for the drawing
    if scene == "message":
        before = queries([world.forwarded])
        session.keys("ctrl+shift+o")
        dialog = poll("the Open Message dialog", lambda: session.other_windows(), 20)[0]
        world.display.xdotool("windowactivate", "--sync", dialog)
        time.sleep(0.3)  # the file name field takes focus after the dialog is shown
        world.display.xdotool("type", "--delay", "5", str(world.message_path))
        world.display.xdotool("key", "Return")
        poll("the dialog to close", lambda: not session.other_windows(), 20)
        wait_dns_quiet([world.forwarded], before)
        return
    if scene == "authoritative":
        wait_dns_quiet([world.auth_resolver], 0)  # the analysis the command line started
        before = queries(world.auth_servers)
        session.menu("alt+a", "s")  # Analysis > Ask the Domain's Own Name Servers
        session.keys("F5")  # Analysis > Analyze
        poll("questions to the zone's servers", lambda: queries(world.auth_servers) > before, 60)
        wait_dns_quiet([world.auth_resolver, *world.auth_servers], before)
        return
    if scene == "recheck":
        resolver = world.watch_resolver
        resolver.zone = propagation_zone(world.watch_ns, OLD_SPF, OLD_SERIAL)
        wait_dns_quiet([resolver], 0)
        before = queries([resolver])
        session.menu("alt+a", "u")  # Analysis > Re-check Until It Passes: check #1 now
        wait_dns_quiet([resolver], before)
        log("re-check: first check done; the fix goes live, the second check is in 60 s")
        resolver.zone = propagation_zone(world.watch_ns, NEW_SPF, NEW_SERIAL)
        poll("the verdict-passes notice", lambda: session.other_windows(), 120, every=0.5)
        return
    raise ValueError(scene)


def take(world: World, language: str, scene: str) -> None:
    home = Path(tempfile.mkdtemp(prefix=f"{language}-{scene}-", dir=world.work))
    session = Session(world.display, world.procs, home, language, scene_argv(world, scene))
    log(f"{language} {scene}: starting the window")
    session.launch()
    try:
        size = session.resize(*DEFAULT)
        if size != DEFAULT:
            raise RuntimeError(f"the window is {size[0]}x{size[1]}, not {DEFAULT}")
        drive(world, session, scene)
        world.taken.append(session.shoot(world.out, scene))
        if scene == "recheck":
            for notice in session.other_windows():  # the notice: closed, as a person would
                world.display.xdotool("windowactivate", "--sync", notice)
                world.display.xdotool("key", "Escape")
            poll("the notice to close", lambda: not session.other_windows(), 20)
        session.resize(200, 150)  # smaller than any minimum: the window keeps its own
        world.taken.append(session.shoot(world.out, scene))
    finally:
        session.quit()


# ---------------------------------------------------------------- main


@contextmanager
def stopped_on_signals() -> Iterator[None]:
    """SIGTERM and SIGHUP end the run like Ctrl+C: through the `finally` that stops all."""

    def handler(signum: int, _frame: object) -> None:
        raise KeyboardInterrupt(f"signal {signum}")

    old = {s: signal.signal(s, handler) for s in (signal.SIGTERM, signal.SIGHUP)}
    try:
        yield
    finally:
        for s, h in old.items():
            signal.signal(s, h)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("outdir", type=Path, help="where the PNGs go (created)")
    parser.add_argument("--scenes", default=",".join(SCENES), help="comma-separated subset")
    parser.add_argument("--languages", default=",".join(LANGUAGES), help="comma-separated")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = parser.parse_args(argv)
    scenes = [s for s in args.scenes.split(",") if s]
    languages = [lang for lang in args.languages.split(",") if lang]
    unknown = [s for s in scenes if s not in SCENES] + [x for x in languages if x not in LANGUAGES]
    if unknown:
        parser.error(f"unknown: {', '.join(unknown)}")
    missing = [tool for tool in TOOLS if shutil.which(tool) is None]
    if missing:
        parser.error(
            f"missing {', '.join(missing)} (apt-get install xvfb openbox xdotool x11-utils "
            "imagemagick)"
        )
    out: Path = args.outdir
    out.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="mailpath-shots-"))
    procs = Processes()
    dns = Dns()
    started = time.monotonic()
    taken: list[Path] = []
    try:
        with stopped_on_signals():
            (work / "home").mkdir()
            display = Display(procs, work / "home")
            log(f"display {display.name}, work folder {work}")
            world = build_world(display, procs, dns, work, out)
            taken = world.taken
            for language in languages:
                for scene in scenes:
                    take(world, language, scene)
    finally:
        for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
            signal.signal(signum, signal.SIG_IGN)  # a second Ctrl+C must not stop the cleanup
        procs.stop_all()
        dns.stop_all()
        if args.keep:
            log(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    log(f"{len(taken)} screenshots in {out} in {time.monotonic() - started:.0f} s")
    for path in taken:
        print(path)
    return 0


if __name__ == "__main__":
    try:
        with suppress(BrokenPipeError):
            sys.exit(main())
    except KeyboardInterrupt as stopped:
        log(f"stopped ({stopped or 'Ctrl+C'}); everything started here was stopped")
        sys.exit(130)
