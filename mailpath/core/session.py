"""One analysis session for every front end: a request in, everything to show or save out.

The CLI (`check`, `check --watch`), the window (its worker job, its re-check) and replay all
build an `AnalysisRequest` and await `run_session()`. It builds the DNS sources (live through a
recording, or a recording replayed), runs `analysis.analyze()` through one cache, and then,
when asked and only when the resolver answered, the authoritative view and the comparison of
resolvers through that same cache (nothing is asked twice).

How a resolver problem ends a run is decided here and nowhere else (`SessionOutcome.failure`):
a TLS certificate that did not verify (nothing was taken over plain DNS instead), or a resolver
that answered nothing at all, ends the run without a result, and neither the authoritative view
nor the comparison is asked. A front end shows the failure where the verdict would be.

Input problems (a bad name server, a missing CA file, a bad sender) raise `InputError` before
any question is asked, as `analyze()` does.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from mailpath.core.dns.sources import (
    Answer,
    CachingSource,
    DnsSource,
    LiveSource,
    RecordingSource,
    ReplaySource,
    ResolverFailure,
    ResolverInfo,
    ResolverKind,
)
from mailpath.core.names import InputError
from mailpath.core.sentences import Sentence, resolver_failure_sentence
from mailpath.core.transport import TransportInfo, TransportOptions

if TYPE_CHECKING:
    from mailpath.core.analysis import Progress
    from mailpath.core.dns.compare import Comparison
    from mailpath.core.dns.recording import Recording
    from mailpath.core.message.check import MessageInput
    from mailpath.core.model import Result

__all__ = [
    "FAILURES",
    "AnalysisRequest",
    "RunFailure",
    "SessionFailed",
    "SessionOutcome",
    "check_request",
    "replay_request",
    "run_session",
    "save_outcome",
    "split_selectors",
]


@dataclass(frozen=True)
class AnalysisRequest:
    """Everything one analysis needs, whoever asks for it."""

    sender: str
    recipient: str
    via: str | None = None
    #: Name servers as `--nameserver` takes them ("IP[:PORT]", DoH URL, "tls://..."); empty:
    #: the system resolver.
    nameservers: tuple[str, ...] = ()
    #: The answers of an opened recording: replay them, ask no network.
    replay_answers: tuple[Answer, ...] | None = None
    #: Where those answers came from (the window's Save and its error dialogs name it).
    replay_path: str | None = None
    #: The recording's start time, kept when replaying.
    created: str | None = None
    #: The recording's resolver, as it was named.
    resolver_label: tuple[str, ...] = ()
    timeout: float = 5.0
    budget: float = 30.0
    #: A received message whose parties filled the inputs (core.message_check.MessageInput).
    message: MessageInput | None = None
    #: Where the message came from, for a status line: a file name or "pasted".
    message_name: str | None = None
    dkim_selectors: tuple[str, ...] = ()
    #: Also ask the zone's own name servers (`check --authoritative`), on this port.
    authoritative: bool = False
    authoritative_port: int = 53
    # (Fields above keep the window's former request's order; new ones follow.)
    #: The recording's resolver kind (system, udp, doh, dot; None: judged from its name).
    resolver_kind: ResolverKind | None = None
    #: A CA bundle to trust for DoH/DoT servers; None: the system's CAs.
    ca_file: str | None = None
    #: Also ask the analysis's questions of these name servers and compare the answers.
    compare: tuple[str, ...] = ()
    #: What the inputs as typed were read as, shown instead of the replayed inputs' own notes.
    notes: tuple[str, ...] = ()
    #: The receiver whose published requirements to check ("gmail", "yahoo", "outlook");
    #: None: the one the recipient's MX hosts show.
    receiver: str | None = None
    #: DNS blocklist zones to ask about the sending addresses (opt-in: none by default).
    blocklists: tuple[str, ...] = ()
    #: DNSSEC trust anchors (a DS/DNSKEY file; None: the root's KSKs) and who validates:
    #: "mailpath" or "resolver" (its AD bit). The MTA-STS policy is fetched trusting `ca_file`.
    trust_anchor: str | None = None
    dnssec_by: str = "mailpath"
    #: A replay's transport facts as saved (core.transport.record); None: not checked.
    transport_saved: TransportInfo | None = None
    #: The STARTTLS probe (opt-in): connect to port 25 of every address of every MX host.
    probe_smtp: bool = False
    #: The probe's port (25; tests move it).
    smtp_port: int = 25

    @property
    def replaying(self) -> bool:
        return self.replay_answers is not None


#: How a run that a resolver problem ended is said, by `RunFailure.key`: the key of its
#: sentence (`core.sentences`). "resolver" is the resolver's own `ResolverFailure`, with its
#: own key and parameters.
FAILURES: dict[str, str] = {
    "tls": "cli/tls-failed-no-fallback",
    "compare-tls": "cli/tls-failed",
}


@dataclass(frozen=True)
class RunFailure:
    """Why a run ended without a result: `key` "tls" (a DoH/DoT certificate did not verify),
    "resolver" (the resolver answered nothing: `resolver`) or "compare-tls" (a compared
    resolver's certificate did not verify). `server` names the server as the user does."""

    key: str
    server: str
    resolver: ResolverFailure | None = None

    def sentence(self) -> Sentence:
        """The failure as a sentence (in English: the CLI's one line)."""
        if self.resolver is not None:
            return resolver_failure_sentence(self.resolver)
        return Sentence(FAILURES[self.key], server=self.server)


class SessionFailed(Exception):
    """A run of a loop (watch) ended by a `RunFailure`: the loop ends with it."""

    def __init__(self, failure: RunFailure) -> None:
        super().__init__(failure.sentence())
        self.failure = failure


@dataclass(frozen=True)
class SessionOutcome:
    """Everything a finished run leaves to show or save."""

    #: The analysis; None when `failure` ended the run (no verdict can come from it).
    result: Result | None
    #: Every answer (for Save), and the resolver they came from, as the user names it.
    answers: tuple[Answer, ...] = ()
    resolver: tuple[str, ...] = ()
    replay_path: str | None = None
    #: Every question the analysis asked (for Compare Resolvers), in order.
    questions: tuple[tuple[str, str], ...] = ()
    #: The DoH/DoT server whose certificate did not verify (nothing was taken over plain DNS).
    tls_failure: str | None = None
    #: The resolver answered nothing at all: no verdict to show.
    resolver_failure: ResolverFailure | None = None
    #: The comparison of resolvers (`AnalysisRequest.compare`), when asked.
    comparison: Comparison | None = None
    #: Why the run ended without a result; None when it has one.
    failure: RunFailure | None = None


def split_selectors(selectors: Sequence[str]) -> tuple[str, ...]:
    """DKIM selectors as given (each may hold several, comma-separated), one by one."""
    return tuple(s.strip() for item in selectors for s in str(item).split(",") if s.strip())


def replay_request(
    recording: Recording,
    path: str,
    *,
    sender: str | None = None,
    recipient: str | None = None,
    via: str | None = None,
    dkim_selectors: tuple[str, ...] = (),
) -> AnalysisRequest:
    """The request that replays `recording` (read from `path`).

    A sender and recipient given beside it must be the recording's (and so must `via`, when
    given): they only say what was typed, whose notes the result then shows."""
    from mailpath.core.analysis import input_notes, parse_inputs

    notes: tuple[str, ...] = ()
    if sender or recipient:
        given = parse_inputs(sender or "", recipient or "", via)
        saved = parse_inputs(recording.sender, recording.recipient, recording.via)
        notes = input_notes(*given)
        if given[:2] != saved[:2] or (via and given[2] != saved[2]):
            raise InputError(
                "cli/replay-other-parties",
                path=path,
                sender=recording.sender,
                recipient=recording.recipient,
            )
    return AnalysisRequest(
        sender=recording.sender,
        recipient=recording.recipient,
        via=recording.via,
        replay_answers=tuple(recording.answers),
        replay_path=path,
        created=recording.created or None,
        resolver_label=tuple(recording.resolver),
        resolver_kind=recording.resolver_kind,
        message=recording.message,
        message_name=path if recording.message is not None else None,
        dkim_selectors=dkim_selectors or tuple(recording.dkim_selectors),
        notes=notes,
        transport_saved=recording.transport,
    )


def save_outcome(
    path: str | os.PathLike[str], request: AnalysisRequest, outcome: SessionOutcome
) -> None:
    """Save a finished run as `--save` and the window's Save do: its inputs, answers and
    resolver (with its kind), the message's headers (never its body) and the DKIM selectors.
    Raises OSError naming `path`."""
    from mailpath.core.dns.recording import save_recording

    result = outcome.result
    if result is None:
        raise ValueError("a run that ended without a result has nothing to save")
    save_recording(
        path,
        sender=result.inputs.sender,
        recipient=result.inputs.recipient,
        via=result.inputs.via,
        created=result.started_at,
        resolver=outcome.resolver,
        answers=outcome.answers,
        message=result.message,
        dkim_selectors=request.dkim_selectors,
        resolver_kind=result.resolver.kind if result.resolver else None,
        transport=result.transport,
    )


def _live(request: AnalysisRequest, nameservers: Sequence[str]) -> LiveSource:
    from mailpath.core.names import parse_nameserver

    servers = [parse_nameserver(ns) for ns in nameservers]
    if request.ca_file is not None and not os.path.isfile(request.ca_file):
        raise InputError("cli/ca-file-missing", path=request.ca_file)
    if request.trust_anchor is not None and not os.path.isfile(request.trust_anchor):
        raise InputError("cli/trust-anchor-missing", path=request.trust_anchor)
    return LiveSource(
        servers, timeout=request.timeout, budget=request.budget, ca_file=request.ca_file
    )


def _replayed_resolver(request: AnalysisRequest) -> ResolverInfo | None:
    """The resolver a replayed analysis's answers came from, as the live one said it."""
    if not request.resolver_label:
        return None
    kind = request.resolver_kind
    if kind is None:  # an older recording: judge by the form of the address
        first = request.resolver_label[0]
        kind = (
            ResolverKind.DOH
            if first.startswith("https://")
            else ResolverKind.DOT
            if first.startswith("tls://")
            else ResolverKind.UDP
        )
    return ResolverInfo(kind, ", ".join(request.resolver_label))


def _failure(live: LiveSource) -> RunFailure | None:
    """The one rule for a resolver problem: a certificate that did not verify, then a
    resolver that answered nothing, ends the run."""
    if live.tls_failure:
        return RunFailure("tls", live.tls_failure)
    failure = live.resolver_failure
    if failure is not None:
        return RunFailure("resolver", failure.server, failure)
    return None


def _transport_options(request: AnalysisRequest) -> TransportOptions | None:
    """Live: what the request says; a replay: the saved facts (none saved: not checked)."""
    if request.replaying:
        if request.transport_saved is None:
            return None
        return TransportOptions(saved=request.transport_saved)
    return TransportOptions(
        ca_file=request.ca_file,
        trust_anchor=request.trust_anchor,
        dnssec_by=request.dnssec_by,
        probe_smtp=request.probe_smtp,
        smtp_port=request.smtp_port,
    )


def _bimi_mode(request: AnalysisRequest) -> str:
    """Live: the record, logo and certificate; a replay: the record, when the recording
    holds a BIMI question (an analysis saved before BIMI was checked asks none)."""
    if not request.replaying:
        return "fetch"
    recorded = any("._bimi." in a.name for a in request.replay_answers or ())
    return "records" if recorded else "off"


async def run_session(
    request: AnalysisRequest, progress: Callable[[Progress], None] | None = None
) -> SessionOutcome:
    """Run the analysis `request` asks for; `progress` hears of each finished lookup."""
    from mailpath.core.analysis import analyze, parse_inputs

    live: LiveSource | None = None
    compared: dict[str, LiveSource] = {}
    source: DnsSource
    if request.replaying:
        assert request.replay_answers is not None
        source = ReplaySource(request.replay_answers)
    else:
        parse_inputs(request.sender, request.recipient, request.via)
        live, compared = _sources(request)
        source = RecordingSource(live)
    # One cache for the analysis and what follows it (the authoritative view asks the
    # resolver's side of its comparison again): nothing is asked twice.
    cache = CachingSource(source)
    result = await analyze(
        cache,
        request.sender,
        request.recipient,
        request.via,
        on_progress=progress,
        started_at=request.created,
        message=request.message,
        dkim_selectors=request.dkim_selectors,
        blocklists=request.blocklists or None,
        transport=_transport_options(request),
        bimi=_bimi_mode(request),
    )
    if request.receiver:
        result = replace(result, receiver=request.receiver)
    if live is None:
        return _replayed(request, result, cache)
    result = replace(result, resolver=live.resolver_info)
    outcome = SessionOutcome(
        result,
        resolver=tuple(live.servers),
        tls_failure=live.tls_failure,
        resolver_failure=live.resolver_failure,
    )
    failure = _failure(live)
    if failure is None:
        result, comparison, failure = await _after(request, result, cache, live, compared)
        outcome = replace(outcome, comparison=comparison)
    assert isinstance(source, RecordingSource)
    return replace(
        outcome,
        result=None if failure is not None else result,
        answers=tuple(source.answers()),
        questions=tuple(cache.asked),
        failure=failure,
    )


def _sources(request: AnalysisRequest) -> tuple[LiveSource, dict[str, LiveSource]]:
    """The live source, and one per resolver to compare with (each its own budget)."""
    live = _live(request, request.nameservers)
    if not request.compare:
        return live, {}
    texts = [t for t in request.compare if t.strip()]
    if not texts:
        raise InputError("cli/compare-needs-list")
    others = [_live(request, [text]) for text in texts]
    return live, {other.servers[0]: other for other in others}


def check_request(request: AnalysisRequest) -> None:
    """Raise InputError for what no run of `request` could start from (inputs, name
    servers, CA file, resolvers to compare), asking nothing."""
    from mailpath.core.analysis import parse_inputs

    parse_inputs(request.sender, request.recipient, request.via)
    if not request.replaying:
        _sources(request)


def _replayed(request: AnalysisRequest, result: Result, cache: CachingSource) -> SessionOutcome:
    resolver = _replayed_resolver(request)
    if resolver is not None:
        result = replace(result, resolver=resolver)
    if request.notes:  # what SENDER/RECIPIENT as typed were read as
        result = replace(result, inputs=replace(result.inputs, notes=request.notes))
    return SessionOutcome(
        result,
        answers=tuple(request.replay_answers or ()),
        resolver=request.resolver_label,
        replay_path=request.replay_path,
        questions=tuple(cache.asked),
    )


async def _after(
    request: AnalysisRequest,
    result: Result,
    cache: CachingSource,
    live: LiveSource,
    compared: dict[str, LiveSource],
) -> tuple[Result, Comparison | None, RunFailure | None]:
    """What follows an analysis the resolver answered: the authoritative view, then the
    comparison of resolvers (whose own certificate failure ends the run)."""
    if request.authoritative:
        from mailpath.core.dns.authoritative import authoritative_view, live_servers

        view = await authoritative_view(
            cache,
            result,
            split_selectors(request.dkim_selectors),
            servers=live_servers(
                port=request.authoritative_port, timeout=min(request.timeout, 3.0)
            ),
        )
        result = replace(result, authoritative=view, findings=(*result.findings, *view.findings))
    if not compared:
        return result, None, None
    from mailpath.core.dns.compare import compare_resolvers

    sources: dict[str, DnsSource] = {live.resolver_info.address: cache, **compared}
    comparison = await compare_resolvers(cache.asked, sources)
    for other in compared.values():
        if other.tls_failure:
            return result, comparison, RunFailure("compare-tls", other.tls_failure)
    return result, comparison, None
