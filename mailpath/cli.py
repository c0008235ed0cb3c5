"""The `mailpath` command: `spf`, `check`, and `gui` (the default with no arguments).

Exit status: 0 whenever an evaluation ran (whatever its result), 1 when `--fail-on` was given
and the result meets it, 2 for bad input or a resolver that answers nothing (one line on
stderr), 130 when interrupted.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

# `mailpath` opens the window: what its start-up does not need (asyncio ~30 ms, json) is
# imported where `spf` and `check` use it. argparse itself costs the window nothing (PySide6
# imports it); building the parser does (`arguments`).
from mailpath.options import (
    CA_FILE_ENV,
    FAILED_CHECK,
    USAGE_ERROR,
    WATCH_MIN,
    WATCH_MIN_ENV,
    build_parser,
)

if TYPE_CHECKING:
    import argparse
    from types import ModuleType

    from mailpath.core.dns.sources import DnsSource, LiveSource
    from mailpath.core.message.parse import ParsedMessage
    from mailpath.core.model import Finding, Result
    from mailpath.core.session import AnalysisRequest, SessionOutcome


def _fail(message: str) -> int:
    print(f"mailpath: {message}", file=sys.stderr)
    return USAGE_ERROR


def _notes(notes: Sequence[str]) -> None:
    """What forgiving input read a pasted value as, on stderr (stdout stays the report)."""
    for note in notes:
        print(f"mailpath: note: {note}", file=sys.stderr)


def main(argv: Sequence[str] | None = None) -> int:
    args = arguments(sys.argv[1:] if argv is None else argv)
    command = args.command
    try:
        if command == "spf":
            return _spf(args)
        if command == "check":
            return _check(args)
        return int(load_gui().run(args))
    except KeyboardInterrupt:
        print("mailpath: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


def arguments(argv: Sequence[str]) -> argparse.Namespace:
    """The command line read: `mailpath` alone is `mailpath gui`. The window's plain command
    lines are read without building the parser (`gui_start`); the rest by argparse."""
    from mailpath.gui_start import plain_gui_args

    args = plain_gui_args(argv)
    if args is not None:
        return args
    args = build_parser().parse_args(argv)
    if args.command is None:
        args = build_parser().parse_args(["gui"])
    return args


def load_gui() -> ModuleType:
    """The window's application module (`gui.app`), loaded with the garbage collector paused
    (`gui_start.pause_collector`: until the window is built, or `gui.app.run` is over)."""
    from mailpath.gui_start import pause_collector, resume_collector

    pause_collector()
    try:
        from mailpath.gui import app
    except BaseException:
        resume_collector()
        raise
    return app


def _source(args: argparse.Namespace) -> LiveSource:
    from mailpath.core.dns.sources import LiveSource
    from mailpath.core.names import parse_nameserver

    servers = [parse_nameserver(ns) for ns in args.nameserver]
    return LiveSource(servers, timeout=args.timeout, budget=args.budget, ca_file=_ca_file(args))


def _spf(args: argparse.Namespace) -> int:
    import asyncio
    import json

    from mailpath.core.auth.spf import SpfResult, check_spf, outcome_to_json, render_text
    from mailpath.core.dns.recording import open_recording
    from mailpath.core.dns.sources import ReplaySource
    from mailpath.core.names import InputError, parse_ip

    # RFC 7208 gives a result for every identity: a malformed domain (an empty or long label,
    # a single label, a domain literal) is "none" (4.3), and any local part is data for the
    # macros. So the identity and HELO go to check_host() as typed; only what no evaluation
    # can start from (no identity at all, a bad IP or option) is an input error.
    identity = args.identity.strip()
    helo = args.helo.strip()
    try:
        if not identity and not helo:
            raise InputError("cli/identity-empty")
        ip = parse_ip(args.ip)
        live: LiveSource | None = None
        if args.replay:
            source: DnsSource = ReplaySource(open_recording(args.replay).answers)
        else:
            source = live = _source(args)
    except InputError as exc:
        return _fail(str(exc))
    outcome = asyncio.run(check_spf(source, str(ip), identity, helo))
    failure = live.resolver_failure if live is not None else None
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
    """`mailpath check`: the arguments as a request, the session, then what it found."""
    problem = _fix_live_problem(args)
    if problem:
        return _fail(problem)
    if args.watch is not None:
        return _watch(args)
    import asyncio

    from mailpath.core.names import InputError
    from mailpath.core.session import run_session

    try:
        request = _request(args)
        outcome = asyncio.run(run_session(request))
    except InputError as exc:
        return _fail(str(exc))
    if outcome.failure is not None:
        return _fail(outcome.failure.sentence())
    result = outcome.result
    assert result is not None
    _notes(result.inputs.notes)
    problem = _save(args, request, outcome) or _images(args, result)
    if problem:
        return _fail(problem)
    _print(args, outcome)
    if args.fail_on and _meets(result.findings, args.fail_on):
        return FAILED_CHECK
    return 0


def _print(args: argparse.Namespace, outcome: SessionOutcome) -> None:
    """The report on stdout: text, or (--json) one JSON object; with the comparison."""
    import json

    from mailpath.core.dns.compare import comparison_to_json
    from mailpath.core.dns.compare import render_text as render_comparison
    from mailpath.core.report import render_text, result_to_json

    result = outcome.result
    assert result is not None
    if args.json:
        data = result_to_json(result)
        if outcome.comparison is not None:
            data["compare"] = comparison_to_json(outcome.comparison)
        print(json.dumps(data, indent=2, ensure_ascii=False))
        return
    sys.stdout.write(render_text(result, color=sys.stdout.isatty()))
    if outcome.comparison is not None:
        sys.stdout.write("\n".join(render_comparison(outcome.comparison)) + "\n")


def _request(args: argparse.Namespace) -> AnalysisRequest:
    """The `check` arguments as a core.session.AnalysisRequest; InputError if unusable."""
    from dataclasses import replace

    from mailpath.core.names import InputError
    from mailpath.core.session import AnalysisRequest, replay_request

    selectors = tuple(args.dkim_selector)
    if args.message and args.replay:
        raise InputError("cli/message-and-replay")
    if args.replay:
        from mailpath.core.dns.recording import open_recording

        rec = open_recording(args.replay)
        given = {"sender": args.sender, "recipient": args.recipient, "via": args.via}
        replay = replay_request(rec, args.replay, dkim_selectors=selectors, **given)
        return replace(replay, receiver=args.receiver, blocklists=_blocklists(args))
    message = None
    if args.message and args.watch is None:  # a watch checks SENDER and RECIPIENT as typed
        from mailpath.core.message.check import MessageInput, message_parties

        message = MessageInput(_read_message(args.message))
        sender, recipient, via = message_parties(
            message.parsed, args.sender, args.recipient, args.via
        )
    elif args.sender is None or args.recipient is None:
        raise InputError("cli/give-parties-or-file")
    else:
        sender, recipient, via = args.sender, args.recipient, args.via
    return AnalysisRequest(
        sender,
        recipient,
        via,
        nameservers=tuple(args.nameserver),
        timeout=args.timeout,
        budget=args.budget,
        ca_file=_ca_path(args),
        message=message,
        dkim_selectors=selectors,
        authoritative=args.authoritative,
        authoritative_port=args.authoritative_port,
        compare=tuple(args.compare_resolvers.split(",")) if args.compare_resolvers else (),
        receiver=args.receiver,
        blocklists=_blocklists(args),
        trust_anchor=args.trust_anchor,
        dnssec_by="resolver" if args.dnssec_from_resolver else "mailpath",
        probe_smtp=args.probe_smtp,
        smtp_port=args.smtp_port,
    )


def _blocklists(args: argparse.Namespace) -> tuple[str, ...]:
    """The DNS blocklist zones asked for (--blocklist, --blocklists); none unless asked."""
    from mailpath.core.dns.blocklist import DEFAULT_LISTS

    zones = [*(DEFAULT_LISTS if getattr(args, "blocklists", False) else ())]
    zones += getattr(args, "blocklist", None) or []
    return tuple(zones)


def _save(
    args: argparse.Namespace, request: AnalysisRequest, outcome: SessionOutcome
) -> str | None:
    """--save: the analysis with its answers; the problem in one line, else None."""
    if not args.save:
        return None
    from mailpath.core.session import save_outcome

    try:
        save_outcome(args.save, request, outcome)
    except OSError as exc:
        return f"cannot write {args.save}: {_reason(args.save, exc)}"
    return None


def _images(args: argparse.Namespace, result: Result) -> str | None:
    """--png, --svg: the route diagram; the problem in one line, else None."""
    if not (args.png or args.svg):
        return None
    from mailpath.core.route.graph import build_route_graph
    from mailpath.gui.graph.export import export_images

    graph = build_route_graph(result)
    for png, svg in ((args.png, None), (None, args.svg)):
        target = png or svg
        if not target:
            continue
        try:
            _probe_writable(target)
            export_images(graph, png, svg, _title(result))
        except OSError as exc:
            return f"cannot write {target}: {_reason(target, exc)}"
    return None


#: A message larger than this is not read (a mail server's limit is usually 25-50 MB).
MAX_MESSAGE_BYTES = 64 * 1024 * 1024


def _read_message(path: str) -> ParsedMessage:
    """The message at `path` ("-": stdin), parsed; InputError (one line) if unusable."""
    from mailpath.core.message.parse import parse_message
    from mailpath.core.names import InputError
    from mailpath.core.sentences import Sentence

    name = Sentence("cli/standard-input") if path == "-" else path
    try:
        if path == "-":
            data = sys.stdin.buffer.read(MAX_MESSAGE_BYTES + 1)
        else:
            with open(path, "rb") as fh:
                data = fh.read(MAX_MESSAGE_BYTES + 1)
    except FileNotFoundError:
        raise InputError("cli/message-missing", name=name) from None
    except IsADirectoryError:
        raise InputError("cli/message-folder", name=name) from None
    except OSError as exc:
        raise InputError("cli/cannot-read", name=name, reason=str(exc.strerror or exc)) from None
    except ValueError as exc:
        raise InputError("cli/cannot-read", name=repr(name), reason=str(exc)) from None
    if len(data) > MAX_MESSAGE_BYTES:
        raise InputError("cli/message-too-large", name=name, limit=f"{MAX_MESSAGE_BYTES:,}")
    if not data.strip():
        raise InputError("cli/message-empty", name=name)
    try:
        return parse_message(data)
    except InputError as exc:
        raise InputError("cli/message-unusable", name=name, reason=exc.sentence) from None


def _meets(findings: Iterable[Finding], fail_on: str) -> bool:
    """Is any finding at least as severe as `fail_on` ("error" or "warning")?"""
    severe = {"error"} if fail_on == "error" else {"error", "warning"}
    return any(f.severity.value in severe for f in findings)


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


def _title(result: Result) -> str:
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


def _ca_path(args: argparse.Namespace) -> str | None:
    """The CA file --ca-file or $MAILPATH_CA_FILE names (the session checks it exists)."""
    return getattr(args, "ca_file", None) or os.environ.get(CA_FILE_ENV, "").strip() or None


def _ca_file(args: argparse.Namespace) -> str | None:
    from mailpath.core.names import InputError

    path = _ca_path(args)
    if path is not None and not os.path.isfile(path):
        raise InputError("cli/ca-file-missing", path=path)
    return path


def _watch(args: argparse.Namespace) -> int:
    import asyncio
    import json

    from mailpath.core.analysis import input_notes, parse_inputs
    from mailpath.core.names import InputError
    from mailpath.core.session import SessionFailed, check_request
    from mailpath.core.watch import WatchRun, session_run, watch

    try:
        if args.sender is None or args.recipient is None:
            raise InputError("cli/give-parties")
        _notes(input_notes(*parse_inputs(args.sender, args.recipient, args.via)))
        request = _request(args)
        check_request(request)  # bad --nameserver or --ca-file: say so before the first run
    except InputError as exc:
        return _fail(str(exc))

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
        run = session_run(request)
        last = asyncio.run(watch(run, args.watch, limit=args.watch_limit, on_run=show))
    except (InputError, SessionFailed) as exc:
        return _fail(str(exc))
    except KeyboardInterrupt:
        print("mailpath: watch interrupted", file=sys.stderr)
        return 1
    return 0 if last.passed else 1


if __name__ == "__main__":
    sys.exit(main())
