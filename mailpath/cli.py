"""The `mailpath` command: `spf`, `check`, and `gui` (the default with no arguments).

Exit status: 0 whenever an evaluation ran (whatever its result), 1 when `--fail-on` was given
and the result meets it, 2 for bad input or a resolver that answers nothing (one line on
stderr), 130 when interrupted.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
from collections.abc import Callable, Sequence
from typing import Any, NoReturn

from mailpath import __version__

FAILED_CHECK = 1
USAGE_ERROR = 2


class _Parser(argparse.ArgumentParser):
    """argparse that reports a usage problem as one line, never a usage dump."""

    def error(self, message: str) -> NoReturn:
        self.exit(USAGE_ERROR, f"mailpath: {message} (see 'mailpath {self._sub()} --help')\n")

    def _sub(self) -> str:
        parts = self.prog.split()
        return parts[1] if len(parts) > 1 else ""


def _seconds_up_to(limit: int) -> Callable[[str], float]:
    """An argparse type: seconds, more than 0 and at most `limit`."""

    def seconds(text: str) -> float:
        try:
            value = float(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds") from None
        if not 0 < value <= limit:
            raise argparse.ArgumentTypeError(f"seconds must be more than 0 and at most {limit}")
        return value

    return seconds


_positive = _seconds_up_to(600)


def _fail_on_option(p: argparse.ArgumentParser, what: str) -> None:
    p.add_argument(
        "--fail-on",
        choices=("error", "warning"),
        metavar="{error,warning}",
        help=f"exit 1 {what}",
    )


def _dns_options(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--nameserver",
        "-n",
        action="append",
        default=[],
        metavar="NS",
        help="ask this DNS server (IP, IP:PORT or [IPv6]:PORT); repeatable. "
        "Default: the system resolver",
    )
    p.add_argument(
        "--timeout",
        type=_positive,
        default=5.0,
        metavar="SECONDS",
        help="time allowed for one DNS question (default 5)",
    )
    p.add_argument(
        "--budget",
        type=_positive,
        default=30.0,
        metavar="SECONDS",
        help="time allowed for the whole analysis (default 30)",
    )
    p.add_argument(
        "--replay", metavar="FILE", help="answer from a saved analysis instead of the network"
    )
    _tls_options(p)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="mailpath",
        description="Mail-path explorer: where does mail from a sender to a recipient go, "
        "and where is it accepted, flagged or refused?",
    )
    parser.add_argument("--version", action="version", version=f"mailpath {__version__}")
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)

    spf = sub.add_parser("spf", help="evaluate SPF (RFC 7208) for one address, with a trace")
    spf.add_argument("identity", help="MAIL FROM: domain, user@domain or @domain")
    spf.add_argument("ip", help="the connecting client's IPv4 or IPv6 address")
    spf.add_argument("--helo", default="", metavar="NAME", help="HELO/EHLO name")
    spf.add_argument("--json", action="store_true", help="print one JSON object")
    _fail_on_option(spf, "when the result is not pass (either value)")
    _dns_options(spf)

    check = sub.add_parser("check", help="analyse the whole delivery route")
    check.add_argument("sender", nargs="?", help="sender domain or address")
    check.add_argument("recipient", nargs="?", help="recipient domain or address")
    check.add_argument(
        "--via", metavar="HOST", help="the server that really sends (host name or IP)"
    )
    check.add_argument(
        "--message",
        metavar="FILE",
        help="a received message (.eml, full or headers only; - reads stdin): sender, "
        "recipient and via come from it, its DKIM is verified and DMARC judged",
    )
    check.add_argument(
        "--dkim-selector",
        action="append",
        default=[],
        metavar="SEL",
        help="check the DKIM key SEL._domainkey.SENDER (repeatable)",
    )
    check.add_argument("--json", action="store_true", help="print one JSON object")
    check.add_argument(
        "--save",
        metavar="FILE",
        help="save the analysis with its DNS answers (and a message's headers, never its body)",
    )
    check.add_argument("--png", metavar="FILE", help="write the route diagram as PNG")
    check.add_argument("--svg", metavar="FILE", help="write the route diagram as SVG")
    _fail_on_option(check, "when a finding is that severe: error, or warning (warnings and errors)")
    _dns_options(check)
    _fix_live_options(check)

    gui = sub.add_parser("gui", help="open the window (the default)")
    gui.add_argument("sender", nargs="?")
    gui.add_argument("recipient", nargs="?")
    gui.add_argument("--via", metavar="HOST")
    gui.add_argument("--nameserver", "-n", action="append", default=[], metavar="NS")
    gui.add_argument("--replay", metavar="FILE", help="open a saved analysis")
    gui.add_argument(
        "--screenshot",
        metavar="FILE",
        help="save the window as PNG once the analysis finished, then exit",
    )
    return parser


def _fail(message: str) -> int:
    print(f"mailpath: {message}", file=sys.stderr)
    return USAGE_ERROR


def _notes(notes: Sequence[str]) -> None:
    """What forgiving input read a pasted value as, on stderr (stdout stays the report)."""
    for note in notes:
        print(f"mailpath: note: {note}", file=sys.stderr)


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    command = args.command or "gui"
    if command == "gui" and args.command is None:
        args = build_parser().parse_args(["gui"])
    try:
        if command == "spf":
            return _spf(args)
        if command == "check":
            return _check(args)
        from mailpath.gui.app import run

        return run(args)
    except KeyboardInterrupt:
        print("mailpath: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


def _source(args: argparse.Namespace) -> Any:
    from mailpath.core.dns import LiveSource
    from mailpath.core.names import parse_nameserver

    servers = [parse_nameserver(ns) for ns in args.nameserver]
    return LiveSource(servers, timeout=args.timeout, budget=args.budget, ca_file=_ca_file(args))


def _spf(args: argparse.Namespace) -> int:
    from mailpath.core.dns import ReplaySource
    from mailpath.core.names import InputError, parse_ip
    from mailpath.core.recording import open_recording
    from mailpath.core.spf import SpfResult, check_spf, outcome_to_json, render_text

    # RFC 7208 gives a result for every identity: a malformed domain (an empty or long label,
    # a single label, a domain literal) is "none" (4.3), and any local part is data for the
    # macros. So the identity and HELO go to check_host() as typed; only what no evaluation
    # can start from (no identity at all, a bad IP or option) is an input error.
    identity = args.identity.strip()
    helo = args.helo.strip()
    try:
        if not identity and not helo:
            raise InputError("the identity is empty: give a MAIL FROM or --helo")
        ip = parse_ip(args.ip)
        if args.replay:
            source: Any = ReplaySource(open_recording(args.replay).answers)
        else:
            source = _source(args)
    except InputError as exc:
        return _fail(str(exc))
    outcome = asyncio.run(check_spf(source, str(ip), identity, helo))
    failure = getattr(source, "resolver_failure", None)
    if failure is not None:
        return _fail(failure.sentence())
    if args.json:
        print(json.dumps(outcome_to_json(outcome), indent=2, ensure_ascii=False))
    else:
        sys.stdout.write(render_text(outcome, color=sys.stdout.isatty()))
    if args.fail_on and outcome.result is not SpfResult.PASS:
        return FAILED_CHECK
    return 0


def _check(args: argparse.Namespace) -> int:
    problem = _fix_live_problem(args)
    if problem:
        return _fail(problem)
    if args.watch is not None:
        return _watch(args)
    from mailpath.core.analysis import analyze, input_notes, parse_inputs
    from mailpath.core.dns import RecordingSource, ReplaySource
    from mailpath.core.names import InputError
    from mailpath.core.recording import open_recording, save_recording
    from mailpath.core.report import render_text, result_to_json

    try:
        started_at = None
        message = None
        given_notes: tuple[str, ...] = ()
        selectors: tuple[str, ...] = tuple(args.dkim_selector)
        if args.message and args.replay:
            raise InputError(
                "give --message or --replay, not both (a saved analysis keeps its message)"
            )
        if args.replay:
            rec = open_recording(args.replay)
            message = rec.message
            selectors = selectors or rec.dkim_selectors
            if args.sender or args.recipient:
                given = parse_inputs(args.sender or "", args.recipient or "", args.via)
                saved = parse_inputs(rec.sender, rec.recipient, rec.via)
                given_notes = input_notes(*given)
                if given[:2] != saved[:2] or (args.via and given[2] != saved[2]):
                    raise InputError(
                        f"{args.replay} holds the analysis of {rec.sender} -> {rec.recipient}; "
                        "omit SENDER and RECIPIENT or give those"
                    )
            sender, recipient, via = rec.sender, rec.recipient, rec.via
            source: Any = ReplaySource(rec.answers)
            started_at = rec.created
            resolver: tuple[str, ...] = rec.resolver
        else:
            if args.message:
                from mailpath.core.message_check import MessageInput, message_parties

                message = MessageInput(_read_message(args.message))
                sender, recipient, via = message_parties(
                    message.parsed, args.sender, args.recipient, args.via
                )
            elif args.sender is None or args.recipient is None:
                raise InputError("give SENDER and RECIPIENT (or --message FILE, or --replay FILE)")
            else:
                sender, recipient, via = args.sender, args.recipient, args.via
            parse_inputs(sender, recipient, via)
            live = _source(args)
            resolver = tuple(live.servers)
            source = RecordingSource(live)
        if args.replay:
            result = asyncio.run(
                analyze(
                    source,
                    sender,
                    recipient,
                    via,
                    started_at=started_at,
                    message=message,
                    dkim_selectors=selectors,
                )
            )
            result = _replayed_resolver(result, rec)
            if given_notes:  # what SENDER/RECIPIENT as typed were read as
                from dataclasses import replace

                result = replace(result, inputs=replace(result.inputs, notes=given_notes))
        else:
            result, compared = asyncio.run(
                _analyze_live(
                    args, source, sender, recipient, via, message=message, dkim_selectors=selectors
                )
            )
    except InputError as exc:
        return _fail(str(exc))
    _notes(result.inputs.notes)
    if args.save:
        answers = source.answers() if isinstance(source, RecordingSource) else rec.answers
        try:
            save_recording(
                args.save,
                sender=result.inputs.sender,
                recipient=result.inputs.recipient,
                via=result.inputs.via,
                created=result.started_at,
                resolver=resolver,
                answers=answers,
                message=result.message,
                dkim_selectors=selectors,
                resolver_kind=result.resolver.kind if result.resolver else None,
            )
        except OSError as exc:
            return _fail(f"cannot write {args.save}: {_reason(args.save, exc)}")
    if args.png or args.svg:
        from mailpath.core.route import build_route_graph
        from mailpath.gui.export import export_images

        graph = build_route_graph(result)
        for png, svg in ((args.png, None), (None, args.svg)):
            target = png or svg
            if not target:
                continue
            try:
                _probe_writable(target)
                export_images(graph, png, svg, _title(result))
            except OSError as exc:
                return _fail(f"cannot write {target}: {_reason(target, exc)}")
    if args.json:
        data = result_to_json(result)
        if not args.replay and args.compare_resolvers:
            from mailpath.core.compare import comparison_to_json

            data["compare"] = comparison_to_json(compared)
        print(json.dumps(data, indent=2, ensure_ascii=False))
    else:
        sys.stdout.write(render_text(result, color=sys.stdout.isatty()))
        if not args.replay and compared is not None:
            from mailpath.core.compare import render_text as render_comparison

            sys.stdout.write("\n".join(render_comparison(compared)) + "\n")
    if args.fail_on and _meets(result.findings, args.fail_on):
        return FAILED_CHECK
    return 0


#: A message larger than this is not read (a mail server's limit is usually 25-50 MB).
MAX_MESSAGE_BYTES = 64 * 1024 * 1024


def _read_message(path: str) -> Any:
    """The message at `path` ("-": stdin), parsed; InputError (one line) if unusable."""
    from mailpath.core.message import parse_message
    from mailpath.core.names import InputError

    name = "standard input" if path == "-" else path
    try:
        if path == "-":
            data = sys.stdin.buffer.read(MAX_MESSAGE_BYTES + 1)
        else:
            with open(path, "rb") as fh:
                data = fh.read(MAX_MESSAGE_BYTES + 1)
    except FileNotFoundError:
        raise InputError(f"the message {name} does not exist") from None
    except IsADirectoryError:
        raise InputError(f"{name} is a folder, not a message") from None
    except OSError as exc:
        raise InputError(f"cannot read {name}: {exc.strerror or exc}") from None
    except ValueError as exc:
        raise InputError(f"cannot read {name!r}: {exc}") from None
    if len(data) > MAX_MESSAGE_BYTES:
        raise InputError(f"{name} is larger than {MAX_MESSAGE_BYTES:,} bytes")
    if not data.strip():
        raise InputError(f"{name} is empty")
    try:
        return parse_message(data)
    except InputError as exc:
        raise InputError(f"{name}: {exc}") from None


def _meets(findings: Any, fail_on: str) -> bool:
    """Is any finding at least as severe as `fail_on` ("error" or "warning")?"""
    severe = {"error"} if fail_on == "error" else {"error", "warning"}
    return any(str(getattr(f.severity, "value", f.severity)) in severe for f in findings)


def _probe_writable(path: str) -> None:
    """Open `path` for writing as the exporter will, so a failure comes with its reason."""
    import os

    existed = os.path.lexists(path)
    with open(path, "ab"):
        pass
    if not existed:
        os.unlink(path)


def _reason(path: str, exc: OSError) -> str:
    """Why `path` cannot be written, in words, even when the error did not say."""
    if exc.strerror:
        return exc.strerror[0].lower() + exc.strerror[1:]
    import os
    from pathlib import Path

    target = Path(path)
    folder = target.parent
    if target.is_dir():
        return "it is a folder"
    if not folder.exists():
        return f"the folder {folder} does not exist"
    if not folder.is_dir():
        return f"{folder} is not a folder"
    if not os.access(folder, os.W_OK) or (target.exists() and not os.access(target, os.W_OK)):
        return "permission denied"
    return str(exc) or "the image could not be written"


def _title(result: Any) -> str:
    return (
        f"{result.inputs.sender} → {result.inputs.recipient}"
        + (f" via {result.inputs.via}" if result.inputs.via else "")
        + f" · {result.started_at[:10]}"
    )


def console() -> int:
    """The `mailpath` entry point (and `python -m mailpath`): main(), then the exit."""
    return _exit(main())


def gui_main() -> int:
    """The `mailpath-gui` entry point: the window, with no console on Windows (gui-scripts)."""
    return _exit(main(["gui", *sys.argv[1:]]))


def _exit(code: int) -> int:
    """After a window that ended in order (threads joined, settings written), the process
    ends at once instead of tearing Qt's objects down one by one; never inside main(),
    which tests call in their own process."""
    if "mailpath.gui.app" in sys.modules:
        from mailpath.gui.app import exit_now

        exit_now(code)
    return code


# ---------------------------------------------------------------- "is my fix live yet?"
# --authoritative, --watch, --compare-resolvers, DoH/DoT (--ca-file); see README.

#: Below this --watch interval is refused (a resolver is no faster than its TTLs).
WATCH_MIN = 30.0
#: Tests set this environment variable to allow a shorter --watch interval (e.g. "1").
WATCH_MIN_ENV = "MAILPATH_WATCH_MIN"
#: A CA bundle to trust for DoH/DoT servers, like --ca-file.
CA_FILE_ENV = "MAILPATH_CA_FILE"


def _tls_options(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--ca-file",
        metavar="FILE",
        help="trust the CA certificates in FILE (PEM) for DoH/DoT name servers "
        f"(also ${CA_FILE_ENV}); default: the system's CAs",
    )


def _count(text: str) -> int:
    if not text.strip().isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of at least 1")
    return int(text)


_seconds = _seconds_up_to(86400)


def _port(text: str) -> int:
    if not text.strip().isdigit() or not 0 < int(text) < 65536:
        raise argparse.ArgumentTypeError("the port must be a number from 1 to 65535")
    return int(text)


def _fix_live_options(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--authoritative",
        action="store_true",
        help="also ask every authoritative server of the zones involved, and compare",
    )
    # Tests serve the zones on a loopback port other than 53.
    p.add_argument("--authoritative-port", type=_port, default=53, help=argparse.SUPPRESS)
    p.add_argument(
        "--watch",
        type=_seconds,
        metavar="SECONDS",
        help=f"re-run every SECONDS (at least {WATCH_MIN:.0f}) until the verdict passes: "
        "exit 0 then, 1 on Ctrl+C or after --watch-limit runs",
    )
    p.add_argument(
        "--watch-limit", type=_count, metavar="N", help="stop watching after N runs (exit 1)"
    )
    p.add_argument(
        "--compare-resolvers",
        metavar="NS,NS,...",
        help="ask the same questions of these resolvers too and list where they disagree",
    )


def _fix_live_problem(args: argparse.Namespace) -> str | None:
    """One line for a bad combination or value of these options, else None."""
    if args.watch is not None:
        if args.replay:
            return "--watch needs live DNS; it cannot be used with --replay"
        if args.save or args.png or args.svg:
            return "--watch cannot be combined with --save, --png or --svg"
        floor = WATCH_MIN
        raw = os.environ.get(WATCH_MIN_ENV, "").strip()
        if raw:
            try:
                floor = float(raw)
            except ValueError:
                return f"${WATCH_MIN_ENV} is not a number of seconds: {raw!r}"
        if args.watch < floor:
            return f"--watch must be at least {floor:g} seconds"
    elif args.watch_limit is not None:
        return "--watch-limit needs --watch"
    if args.replay and (args.authoritative or args.compare_resolvers):
        return "--authoritative and --compare-resolvers need live DNS, not --replay"
    return None


def _ca_file(args: argparse.Namespace) -> str | None:
    from mailpath.core.names import InputError

    path = getattr(args, "ca_file", None) or os.environ.get(CA_FILE_ENV, "").strip() or None
    if path is not None and not os.path.isfile(path):
        raise InputError(f"the CA file {path} does not exist")
    return path


def _compare_sources(args: argparse.Namespace) -> dict[str, Any]:
    from mailpath.core.dns import LiveSource
    from mailpath.core.names import InputError, parse_nameserver

    texts = [t for t in (args.compare_resolvers or "").split(",") if t.strip()]
    if not texts:
        raise InputError("--compare-resolvers needs a comma-separated list of name servers")
    ca_file = _ca_file(args)
    out: dict[str, Any] = {}
    for text in texts:
        ns = parse_nameserver(text)
        out[str(ns)] = LiveSource([ns], timeout=args.timeout, budget=args.budget, ca_file=ca_file)
    return out


async def _analyze_live(
    args: argparse.Namespace,
    source: Any,
    sender: str,
    recipient: str,
    via: str | None,
    *,
    message: Any = None,
    dkim_selectors: Sequence[str] = (),
) -> tuple[Any, Any]:
    """The live analysis, then (when asked) the authoritative view and the comparison of
    resolvers, all through one cache so nothing is asked twice."""
    from dataclasses import replace

    from mailpath.core.analysis import analyze
    from mailpath.core.dns import CachingSource
    from mailpath.core.names import InputError

    compare_sources = _compare_sources(args) if args.compare_resolvers else None
    live = getattr(source, "inner", source)
    cache = CachingSource(source)
    result = await analyze(
        cache, sender, recipient, via, message=message, dkim_selectors=dkim_selectors
    )
    result = replace(result, resolver=getattr(live, "resolver_info", None))
    if getattr(live, "tls_failure", None):
        raise InputError(
            f"TLS certificate check failed for {live.tls_failure}; no answer was taken over "
            "plain DNS (trust its CA with --ca-file)"
        )
    failure = getattr(live, "resolver_failure", None)
    if failure is not None:
        # Nothing was answered: no verdict about the domains can come from this run.
        raise InputError(failure.sentence())
    compared = None
    if args.authoritative:
        from mailpath.core.authoritative import authoritative_view, live_servers

        view = await authoritative_view(
            cache,
            result,
            _selectors(args),
            servers=live_servers(port=args.authoritative_port, timeout=min(args.timeout, 3.0)),
        )
        result = replace(result, authoritative=view, findings=(*result.findings, *view.findings))
    if compare_sources is not None:
        from mailpath.core.compare import compare_resolvers

        label = live.resolver_info.address if hasattr(live, "resolver_info") else "resolver"
        compared = await compare_resolvers(cache.asked, {label: cache, **compare_sources})
        for other in compare_sources.values():
            if other.tls_failure:
                raise InputError(f"TLS certificate check failed for {other.tls_failure}")
    return result, compared


def _replayed_resolver(result: Any, rec: Any) -> Any:
    """The resolver a replayed analysis's answers came from, as the live one said it."""
    from dataclasses import replace

    from mailpath.core.dns import ResolverInfo, ResolverKind

    if not rec.resolver:
        return result
    address = ", ".join(rec.resolver)
    kind = rec.resolver_kind
    if kind is None:  # an older recording: judge by the form of the address
        first = rec.resolver[0]
        kind = (
            ResolverKind.DOH
            if first.startswith("https://")
            else ResolverKind.DOT
            if first.startswith("tls://")
            else ResolverKind.UDP
        )
    return replace(result, resolver=ResolverInfo(kind, address))


def _selectors(args: argparse.Namespace) -> list[str]:
    """The DKIM selectors asked for (--dkim-selector, where that option exists)."""
    given = getattr(args, "dkim_selector", None) or []
    items = [given] if isinstance(given, str) else list(given)
    return [s.strip() for item in items for s in str(item).split(",") if s.strip()]


def _watch(args: argparse.Namespace) -> int:
    from mailpath.core.analysis import input_notes, parse_inputs
    from mailpath.core.names import InputError
    from mailpath.core.watch import WatchRun, watch

    try:
        if args.sender is None or args.recipient is None:
            raise InputError("give SENDER and RECIPIENT")
        _notes(input_notes(*parse_inputs(args.sender, args.recipient, args.via)))
        _source(args)  # bad --nameserver or --ca-file: say so before the first run
        if args.compare_resolvers:
            _compare_sources(args)
    except InputError as exc:
        return _fail(str(exc))

    async def run() -> Any:
        result, _ = await _analyze_live(args, _source(args), args.sender, args.recipient, args.via)
        return result

    def show(current: WatchRun) -> None:
        if args.json:
            line = json.dumps(
                {
                    "time": current.at,
                    "run": current.number,
                    "verdict": {"code": current.verdict.code, "message": current.verdict.message},
                    "changes": list(current.changes),
                    "passed": current.passed,
                },
                ensure_ascii=False,
            )
        else:
            line = current.line()
        print(line, flush=True)

    try:
        last = asyncio.run(watch(run, args.watch, limit=args.watch_limit, on_run=show))
    except InputError as exc:
        return _fail(str(exc))
    except KeyboardInterrupt:
        print("mailpath: watch interrupted", file=sys.stderr)
        return 1
    return 0 if last.passed else 1


if __name__ == "__main__":
    sys.exit(main())
