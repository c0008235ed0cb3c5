"""The command line's options: `build_parser()` for `mailpath spf`, `check` and `gui`, the
option types (seconds, counts, ports) and the exit codes. `cli.py` maps the parsed arguments
to a request and renders the outcome."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import NoReturn

from mailpath import __version__

FAILED_CHECK = 1
USAGE_ERROR = 2
#: Below this --watch interval is refused (a resolver is no faster than its TTLs).
WATCH_MIN = 30.0
#: Tests set this environment variable to allow a shorter --watch interval (e.g. "1").
WATCH_MIN_ENV = "MAILPATH_WATCH_MIN"
#: A CA bundle to trust for DoH/DoT servers, like --ca-file.
CA_FILE_ENV = "MAILPATH_CA_FILE"


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


def _route_arguments(p: argparse.ArgumentParser) -> None:
    """Sender, recipient and --via: the same words for `check` and `gui`."""
    p.add_argument("sender", nargs="?", help="sender domain or address")
    p.add_argument("recipient", nargs="?", help="recipient domain or address")
    p.add_argument("--via", metavar="HOST", help="the server that really sends (host name or IP)")


def _nameserver_option(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--nameserver",
        "-n",
        action="append",
        default=[],
        metavar="NS",
        help="ask this DNS server: IP, IP:PORT, [IPv6]:PORT, tls://ADDRESS[:PORT][#NAME] "
        "(DNS over TLS) or https://NAME/PATH[#ADDRESS] (DNS over HTTPS; NAME is looked up "
        "through the system, once); repeatable. Default: the system resolver",
    )


def _dns_options(p: argparse.ArgumentParser) -> None:
    _nameserver_option(p)
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
    _route_arguments(check)
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
    check.add_argument(
        "--receiver",
        choices=("gmail", "yahoo", "outlook"),
        help="list this receiver's published requirements (default: the one the recipient's "
        "MX hosts belong to)",
    )
    check.add_argument(
        "--blocklist",
        action="append",
        default=[],
        metavar="ZONE",
        help="ask this DNS blocklist about the sending addresses (a domain list such as "
        "dbl.spamhaus.org: about the sender and host names); repeatable. Off by default: "
        "the list's operator sees what is asked",
    )
    check.add_argument(
        "--blocklists",
        action="store_true",
        help="ask the default blocklists (see README)",
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
    _route_arguments(gui)
    _nameserver_option(gui)
    gui.add_argument("--replay", metavar="FILE", help="open a saved analysis")
    gui.add_argument(
        "--screenshot",
        metavar="FILE",
        help="save the window as PNG once the analysis finished, then exit",
    )
    return parser


def _transport_options(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--trust-anchor",
        metavar="FILE",
        help="DNSSEC trust anchors (DS or DNSKEY records, zone-file syntax); default: the "
        "root zone's KSKs",
    )
    p.add_argument(
        "--dnssec-from-resolver",
        action="store_true",
        help="take DNSSEC from the resolver's AD bit instead of validating it here",
    )
    p.add_argument(
        "--probe-smtp",
        action="store_true",
        help="also connect to port 25 of every address of the recipient's MX hosts: STARTTLS, "
        "the TLS version and cipher, the certificate and its TLSA match (never sends MAIL FROM)",
    )
    # Tests serve SMTP on a loopback port of their choosing.
    p.add_argument("--smtp-port", type=_port, default=25, help=argparse.SUPPRESS)


def _tls_options(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--ca-file",
        metavar="FILE",
        help="trust the CA certificates in FILE (PEM) for DoH/DoT name servers and the "
        f"MTA-STS policy's HTTPS server (also ${CA_FILE_ENV}); default: the system's CAs",
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
    """`check`'s options that need live DNS (the transport's among them)."""
    _transport_options(p)
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
