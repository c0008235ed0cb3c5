"""DMARC as of RFC 9989 (DMARCbis): record syntax, the DNS tree walk, alignment, evaluation.

Policy discovery and the organizational domain come from the DNS tree walk (RFC 9989 4.10),
not from the public suffix list; the list's answer (RFC 7489) is still computed, only to say
where receivers that have not moved on would apply another record.

Record selection and validation follow the text exactly: a DMARC record begins with the tag
`v=DMARC1` (value case-sensitive, nothing before it); more than one at a name and they are all
discarded; tag names are case-sensitive (DKIM tag-list syntax, RFC 6376 3.2, where a repeated
tag makes the whole list invalid); unknown tags are ignored; a bad value falls back to the
default; a record without a valid p= (or with an invalid sp=/np=) counts as p=none when it has a
usable rua=, and otherwise no DMARC applies. Everything wrong or ignored is kept in
`DmarcInfo.issues` as a template key with parameters, for `findings` to show.
"""

from __future__ import annotations

import asyncio
import re
import urllib.parse
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from mailpath.core.dns.sources import Answer, DnsSource, Outcome, normalize_qname
from mailpath.core.facts import DmarcInfo, LookupStatus
from mailpath.core.names import psl_registrable

POLICIES = ("none", "quarantine", "reject")
KNOWN_TAGS = ("p", "sp", "np", "adkim", "aspf", "rua", "ruf", "fo", "psd", "t")
LEGACY_TAGS = ("pct", "rf", "ri")
#: Above this many labels the walk jumps to the 7-label ancestor (RFC 9989 4.10 step 4).
WALK_JUMP_LABELS = 8
WALK_KEEP_LABELS = 7
#: Report destinations checked for authorization, at most (a hostile record may list many).
MAX_REPORT_CHECKS = 8

Issue = tuple[str, tuple[tuple[str, str], ...]]

_VERSION = re.compile(r"^[vV][ \t]*=[ \t]*DMARC1[ \t]*(?:;|$)")
_LOOKS_LIKE = re.compile(r"^\s*v\s*=\s*dmarc", re.IGNORECASE)
_TAG = re.compile(r"^([A-Za-z]+)[ \t]*=[ \t]*(.*)$", re.DOTALL)
_VALUE = re.compile(r"^[\x20-\x3a\x3c-\x7e]+$")
_URI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:[^\s]+$")
_OBS_SIZE = re.compile(r"![0-9]+[kmgtKMGT]?$")
_HOST_LABEL = re.compile(r"^[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?$")
_MAX_SHOWN = 200  # characters of a hostile value repeated in a finding


# ---------------------------------------------------------------- PSL (RFC 7489), legacy only


def organizational_domain(domain: str) -> str:
    """RFC 7489's organizational domain: the registrable domain under the public suffix list
    (the domain itself if it is one). Only used to report where legacy receivers differ."""
    return psl_registrable(domain)


# ---------------------------------------------------------------- record syntax


def is_dmarc_record(text: str) -> bool:
    """RFC 9989 4.7: the record begins with the v tag, value exactly "DMARC1"."""
    return _VERSION.match(text) is not None


def _shown(text: str) -> str:
    return text if len(text) <= _MAX_SHOWN else text[:_MAX_SHOWN] + "…"


def _p(**params: str) -> tuple[tuple[str, str], ...]:
    return tuple(params.items())


@dataclass(frozen=True)
class DmarcRecord:
    """One DMARC record, validated: values are the ones receivers use (defaults for bad ones)."""

    text: str
    p: str | None = None
    p_given: str | None = None  # the p= value as written, valid or not
    sp: str | None = None
    np: str | None = None
    sp_invalid: str | None = None
    np_invalid: str | None = None
    adkim: str = "r"
    aspf: str = "r"
    testing: bool = False
    psd: str = "u"
    fo: str = "0"
    pct: int = 100
    rua: tuple[str, ...] = ()
    ruf: tuple[str, ...] = ()
    #: mailto: destinations (tag, URI as written, host) for the authorization check.
    mailtos: tuple[tuple[str, str, str], ...] = ()
    valid_rua: bool = False  # at least one syntactically valid URI in rua=
    duplicate: str | None = None  # a tag given twice: the whole tag list is invalid
    issues: tuple[Issue, ...] = field(default_factory=tuple)


def parse_record(text: str, where: str) -> DmarcRecord:
    """Validate a record that `is_dmarc_record`; `where` (the domain) names it in issues."""
    body = _VERSION.sub("", text, count=1)
    issues: list[Issue] = []
    seen: dict[str, str] = {}
    duplicate: str | None = None
    for raw in body.split(";"):
        part = raw.strip(" \t")
        if not part:
            continue
        m = _TAG.match(part)
        if m is None or not m.group(2).strip(" \t"):
            issues.append(("dmarc-tag-syntax", _p(domain=where, text=_shown(part))))
            continue
        name, value = m.group(1), m.group(2).strip(" \t")
        if name in seen or name.lower() == "v":
            duplicate = duplicate or name
            continue
        seen[name] = value
    values: dict[str, object] = {}
    mailtos: list[tuple[str, str, str]] = []
    for name, value in seen.items():
        checked = (name in KNOWN_TAGS or name in LEGACY_TAGS) and name not in ("p", "sp", "np")
        if checked and not _VALUE.match(value):
            issues.append(_invalid(where, name, value))
            continue
        if name in ("p", "sp", "np"):
            if value.lower() in POLICIES:
                values[name] = value.lower()
            elif name != "p":
                values[name + "_invalid"] = value
            else:
                values["p_given"] = value
        elif name in ("adkim", "aspf"):
            if value.lower() in ("r", "s"):
                values[name] = value.lower()
            else:
                issues.append(_invalid(where, name, value, default="r"))
        elif name == "t":
            if value.lower() in ("y", "n"):
                values["testing"] = value.lower() == "y"
            else:
                issues.append(_invalid(where, name, value, default="n"))
        elif name == "psd":
            if value.lower() in ("y", "n", "u"):
                values["psd"] = value.lower()
            else:
                issues.append(_invalid(where, name, value, default="u"))
        elif name == "fo":
            if _valid_fo(value):
                values["fo"] = value.lower()
            else:
                issues.append(_invalid(where, name, value, default="0"))
        elif name in ("rua", "ruf"):
            uris, valid_any = _report_uris(name, value, where, issues, mailtos)
            values[name] = tuple(uris)
            if name == "rua":
                values["valid_rua"] = valid_any
        elif name == "pct":
            if value.isdigit() and int(value) <= 100:
                values["pct"] = int(value)
                if int(value) < 100:
                    issues.append(("dmarc-tag-legacy/pct", _p(domain=where, value=value)))
                else:
                    issues.append(("dmarc-tag-legacy", _p(domain=where, tag=name, value=value)))
            else:
                issues.append(
                    ("dmarc-tag-legacy/pct-invalid", _p(domain=where, value=_shown(value)))
                )
        elif name in LEGACY_TAGS:
            issues.append(("dmarc-tag-legacy", _p(domain=where, tag=name, value=_shown(value))))
        else:
            issues.append(("dmarc-tag-unknown", _p(domain=where, tag=_shown(name))))
    if "fo" in seen and "ruf" not in seen:
        issues.append(("dmarc-tag-ignored/fo", _p(domain=where, value=_shown(seen["fo"]))))
    return DmarcRecord(
        text=text,
        p=_str(values.get("p")),
        p_given=_str(values.get("p_given")),
        sp=_str(values.get("sp")),
        np=_str(values.get("np")),
        sp_invalid=_str(values.get("sp_invalid")),
        np_invalid=_str(values.get("np_invalid")),
        adkim=_str(values.get("adkim")) or "r",
        aspf=_str(values.get("aspf")) or "r",
        testing=bool(values.get("testing", False)),
        psd=_str(values.get("psd")) or "u",
        fo=_str(values.get("fo")) or "0",
        pct=values["pct"] if isinstance(values.get("pct"), int) else 100,  # type: ignore[arg-type]
        rua=_tuple(values.get("rua")),
        ruf=_tuple(values.get("ruf")),
        mailtos=tuple(mailtos),
        valid_rua=bool(values.get("valid_rua", False)),
        duplicate=duplicate,
        issues=tuple(issues),
    )


def _str(value: object) -> str | None:
    return value if isinstance(value, str) else None


def _tuple(value: object) -> tuple[str, ...]:
    return tuple(str(v) for v in value) if isinstance(value, tuple) else ()


_ALLOWED = {
    "adkim": "r, s",
    "aspf": "r, s",
    "t": "y, n",
    "psd": "y, n, u",
    "fo": "0, 1, d, s separated by colons",
    "p": "none, quarantine, reject",
    "sp": "none, quarantine, reject",
    "np": "none, quarantine, reject",
    "rua": "mailto: URIs separated by commas",
    "ruf": "mailto: URIs separated by commas",
    "pct": "0-100",
    "rf": "afrf",
    "ri": "seconds",
}


def _invalid(where: str, tag: str, value: str, default: str | None = None) -> Issue:
    params = {"domain": where, "tag": tag, "value": _shown(value), "allowed": _ALLOWED[tag]}
    if default is None:
        return ("dmarc-tag-invalid/ignored", tuple(params.items()))
    params["default"] = default
    return ("dmarc-tag-invalid", tuple(params.items()))


def _valid_fo(value: str) -> bool:
    items = [i.lower() for i in value.split(":")]
    if any(i not in ("0", "1", "d", "s") for i in items) or len(set(items)) != len(items):
        return False
    return not ("0" in items and "1" in items)


def _report_uris(
    tag: str,
    value: str,
    where: str,
    issues: list[Issue],
    mailtos: list[tuple[str, str, str]],
) -> tuple[list[str], bool]:
    uris: list[str] = []
    valid_any = False
    for raw in value.split(","):
        uri = raw.strip(" \t")
        if _OBS_SIZE.search(uri):
            issues.append(("dmarc-tag-legacy/size", _p(domain=where, tag=tag, uri=_shown(uri))))
            uri = _OBS_SIZE.sub("", uri)
        if not _URI.match(uri):
            issues.append(_invalid(where, tag, uri or raw))
            continue
        valid_any = True
        scheme, _, rest = uri.partition(":")
        if scheme.lower() != "mailto":
            issues.append(("dmarc-report-scheme", _p(domain=where, tag=tag, uri=_shown(uri))))
            continue
        address = urllib.parse.unquote(rest.split("?", 1)[0])
        local, at, host = address.rpartition("@")
        host = host.rstrip(".").lower()
        if not at or not local or not _valid_host(host):
            issues.append(_invalid(where, tag, uri))
            continue
        uris.append(uri)
        mailtos.append((tag, uri, host))
    return uris, valid_any


def _valid_host(host: str) -> bool:
    labels = host.split(".")
    return len(labels) > 1 and len(host) <= 253 and all(_HOST_LABEL.match(x) for x in labels)


# ---------------------------------------------------------------- the DNS tree walk


def walk_targets(domain: str) -> list[str]:
    """The names a DNS tree walk asks, in order (RFC 9989 4.10): the domain itself, then, from
    8 labels up, a jump to its 7-label ancestor, then one label less each step; never the
    root."""
    labels = domain.split(".")
    out = [domain]
    rest = labels[-WALK_KEEP_LABELS:] if len(labels) >= WALK_JUMP_LABELS else labels[1:]
    while rest:
        out.append(".".join(rest))
        rest = rest[1:]
    return out


@dataclass(frozen=True)
class _Step:
    name: str
    answer: Answer
    record: DmarcRecord | None  # the one DMARC record there
    multiple: int = 0  # how many DMARC records, when more than one (all discarded)
    ignored: tuple[str, ...] = ()  # TXT records that look like DMARC but are not


def _step(name: str, answer: Answer) -> _Step:
    texts = answer.texts() if answer.ok else []
    records = [t for t in texts if is_dmarc_record(t)]
    ignored = tuple(t for t in texts if not is_dmarc_record(t) and _LOOKS_LIKE.match(t))
    if len(records) == 1:
        return _Step(name, answer, parse_record(records[0], name), ignored=ignored)
    return _Step(name, answer, None, multiple=len(records) if records else 0, ignored=ignored)


@dataclass(frozen=True)
class _Walk:
    steps: tuple[_Step, ...]  # up to and including where the walk stopped
    error: _Step | None  # the first step whose lookup failed, before any stop

    @property
    def found(self) -> list[_Step]:
        return [s for s in self.steps if s.record is not None]


async def _walk(source: DnsSource, domain: str) -> tuple[_Walk, dict[str, Answer]]:
    targets = walk_targets(domain)
    # Every name of the walk at once: the walk then costs one round trip, not eight.
    answers = await asyncio.gather(*(source.query(f"_dmarc.{t}", "TXT") for t in targets))
    steps: list[_Step] = []
    error: _Step | None = None
    for name, answer in zip(targets, answers, strict=True):
        step = _step(name, answer)
        steps.append(step)
        if answer.outcome.is_error:
            error = step
            break
        if step.record is not None and step.record.psd in ("y", "n"):
            break
    return _Walk(tuple(steps), error), dict(zip(targets, answers, strict=True))


def _org_from_walk(domain: str, walk: _Walk) -> str:
    """RFC 9989 4.10.2: psd=n names the organizational domain, psd=y the name one label below
    it; otherwise the record with the fewest labels; with no record, the domain itself."""
    found = walk.found
    for step in found:
        assert step.record is not None
        if step.record.psd == "n":
            return step.name
        if step.record.psd == "y" and step.name != domain:
            depth = step.name.count(".") + 2
            return ".".join(domain.split(".")[-depth:])
    if found:
        return found[-1].name
    return domain


async def org_domain(source: DnsSource, domain: str) -> str:
    """The organizational domain of `domain` by the DNS tree walk (for relaxed alignment of a
    DKIM d= or MAIL FROM domain). When the walk hits a DNS error, the names below the failure
    decide (the receiver cannot know more)."""
    name = normalize_qname(domain)
    walk, _ = await _walk(source, name)
    return _org_from_walk(name, walk)


# ---------------------------------------------------------------- policy discovery


async def lookup_dmarc(source: DnsSource, domain: str) -> DmarcInfo:
    """The DMARC policy that applies to mail From `domain` (RFC 9989 4.10.1)."""
    author = normalize_qname(domain)
    (walk, answers), exists = await asyncio.gather(_walk(source, author), _exists(source, author))
    lookups = tuple(LookupStatus.of(s.answer) for s in walk.steps)
    names = tuple(s.name for s in walk.steps)
    org = _org_from_walk(author, walk)
    issues: list[Issue] = []
    for step in walk.steps:
        for text in step.ignored:
            issues.append(
                ("dmarc-record-ignored/version", _p(domain=step.name, record=_shown(text)))
            )
    found = walk.found
    chosen: _Step | None = None
    if found and found[0].name == author:
        chosen = found[0]
    else:
        by_name = {s.name: s for s in found}
        chosen = by_name.get(org)
        if chosen is None:
            psds = [s for s in found if s.record is not None and s.record.psd == "y"]
            chosen = psds[-1] if psds else None
    multiples = [s for s in walk.steps if s.multiple]
    for step in multiples:
        if chosen is not None:
            issues.append(
                (
                    "dmarc-record-ignored/multiple",
                    _p(domain=step.name, count=str(step.multiple), used=chosen.name),
                )
            )
    legacy_org = organizational_domain(author)
    base = DmarcInfo(
        domain=author,
        record=None,
        policy=None,
        subdomain_policy=None,
        org_domain=org,
        lookups=lookups,
        author=author,
        walk=names,
        legacy_org_domain=legacy_org,
        author_exists=exists,
    )
    if walk.error is not None and (chosen is None or chosen.name != author):
        # The walk cannot be finished: which record applies is unknown.
        failed = walk.error
        return _replace(
            base,
            domain=failed.name,
            error=f"the DMARC lookup for _dmarc.{failed.name} {failed.answer.outcome.describe()}",
            error_code="lookup",
            error_params=(("outcome", failed.answer.outcome.value.upper()),),
            issues=tuple(issues),
            legacy_policy_domain=author if author == legacy_org else legacy_org,
        )
    legacy_domain, legacy_found = await _legacy(source, author, legacy_org, found, answers)
    if chosen is None:
        info = _replace(base, domain=walk.steps[-1].name, issues=tuple(issues))
        if multiples:
            first = multiples[0]
            info = _replace(
                info,
                domain=first.name,
                error=(
                    f"_dmarc.{first.name} has {first.multiple} DMARC records; receivers ignore all"
                ),
                error_code="multiple",
                error_params=(("count", str(first.multiple)),),
            )
        info = _with_legacy(info, None, legacy_domain, legacy_found)
        return info
    assert chosen.record is not None
    info = _applied(base, chosen.name, chosen.record, issues)
    if walk.error is not None:
        failed = walk.error
        info = _replace(
            info,
            error=f"the DMARC lookup for _dmarc.{failed.name} {failed.answer.outcome.describe()}",
            error_code="lookup",
            error_params=(("outcome", failed.answer.outcome.value.upper()),),
        )
    info = _with_legacy(info, chosen.name, legacy_domain, legacy_found)
    if info.policy is not None and chosen.record.mailtos:
        extra = await _report_checks(source, info, chosen.record)
        info = _replace(info, issues=info.issues + tuple(extra))
    return info


def _replace(info: DmarcInfo, **changes: Any) -> DmarcInfo:  # Any: dataclasses.replace fields
    return replace(info, **changes)


async def _exists(source: DnsSource, domain: str) -> bool | None:
    """RFC 9989 3.2.13: a domain does not exist when a query for it gives NXDOMAIN. TXT is
    asked because the SPF check asks it too (one shared question in an analysis)."""
    answer = await source.query(domain, "TXT")
    if answer.outcome.is_error:
        return None
    return answer.outcome is not Outcome.NXDOMAIN


def _applied(base: DmarcInfo, where: str, rec: DmarcRecord, issues: list[Issue]) -> DmarcInfo:
    author = base.author
    issues = issues + list(rec.issues)
    info = _replace(
        base,
        domain=where,
        record=rec.text,
        adkim=rec.adkim,
        aspf=rec.aspf,
        pct=rec.pct,
        from_org_domain=where != author,
        psd=rec.psd,
        testing=rec.testing,
        rua=rec.rua,
        ruf=rec.ruf,
        fo=rec.fo,
        from_psd=rec.psd == "y" and where != author,
    )
    if rec.duplicate is not None:
        reason = f"the tag {rec.duplicate}= appears more than once"
        return _replace(
            info,
            error=f"the DMARC record at _dmarc.{where} is invalid: {reason}",
            error_code="duplicate",
            error_params=(("tag", _shown(rec.duplicate)),),
            issues=tuple(issues),
        )
    bad: list[tuple[str, str]] = []
    if rec.p is None and rec.p_given is not None:
        bad.append(("p", rec.p_given))
    if rec.sp_invalid is not None:
        bad.append(("sp", rec.sp_invalid))
    if rec.np_invalid is not None:
        bad.append(("np", rec.np_invalid))
    if rec.p is not None and not bad:
        return _replace(
            info, policy=rec.p, subdomain_policy=rec.sp, np=rec.np, issues=tuple(issues)
        )
    fixed = _fixed_record(rec)
    if rec.valid_rua:
        # RFC 9989 4.10.1: act as if the record said p=none.
        if rec.p is None and rec.p_given is None:
            issues.append(("dmarc-tag-missing/p", _p(domain=where, record=fixed)))
        for tag, value in bad:
            issues.append(
                (
                    "dmarc-tag-invalid/policy-none",
                    _p(domain=where, tag=tag, value=_shown(value), record=fixed),
                )
            )
        return _replace(info, policy="none", testing=False, issues=tuple(issues))
    if rec.p is None:
        return _replace(
            info,
            error=f"the DMARC record at _dmarc.{where} has no valid p= policy",
            error_code="policy",
            issues=tuple(issues),
        )
    tag, value = bad[0]
    return _replace(
        info,
        error=(
            f"the DMARC record at _dmarc.{where} has an invalid {tag}= and no rua=: "
            "receivers apply no DMARC"
        ),
        error_code="subpolicy",
        error_params=(("tag", tag), ("value", _shown(value)), ("record", fixed)),
        issues=tuple(issues),
    )


def _fixed_record(rec: DmarcRecord) -> str:
    """The record with a valid policy: p= as given when valid (else none), bad sp=/np= left out,
    the other valid tags kept."""
    parts = ["v=DMARC1", f"p={rec.p or 'none'}"]
    if rec.sp:
        parts.append(f"sp={rec.sp}")
    if rec.np:
        parts.append(f"np={rec.np}")
    if rec.rua:
        parts.append("rua=" + ",".join(rec.rua))
    return "; ".join(parts)


async def _legacy(
    source: DnsSource,
    author: str,
    legacy_org: str,
    found: list[_Step],
    answers: Mapping[str, Answer],
) -> tuple[str, bool]:
    """Where an RFC 7489 receiver applies a record: (domain, whether one is there)."""
    if found and found[0].name == author:
        return author, True
    if legacy_org == author:
        return author, False
    answer = answers.get(legacy_org)
    if answer is None:
        answer = await source.query(f"_dmarc.{legacy_org}", "TXT")
    return legacy_org, _step(legacy_org, answer).record is not None


def _with_legacy(
    info: DmarcInfo, applied: str | None, legacy_domain: str, legacy_found: bool
) -> DmarcInfo:
    legacy_applied = legacy_domain if legacy_found else None
    issues = list(info.issues)
    divergent = applied != legacy_applied
    sender = info.author
    record = f"v=DMARC1; p={info.policy or 'none'}; rua=mailto:dmarc-reports@{sender}"
    if divergent and applied is not None and legacy_applied is not None:
        issues.append(
            (
                "dmarc-legacy-divergence",
                _p(sender=sender, domain=applied, legacy=legacy_applied, record=record),
            )
        )
    elif divergent and applied is not None:
        issues.append(
            (
                "dmarc-legacy-divergence/legacy-none",
                _p(sender=sender, domain=applied, legacy=legacy_domain, record=record),
            )
        )
    elif divergent and legacy_applied is not None:
        issues.append(
            (
                "dmarc-legacy-divergence/tree-none",
                _p(sender=sender, legacy=legacy_applied, record=record),
            )
        )
    elif (
        applied is not None and info.legacy_org_domain and info.org_domain != info.legacy_org_domain
    ):
        issues.append(
            (
                "dmarc-legacy-divergence/org",
                _p(sender=sender, org=info.org_domain, legacy=info.legacy_org_domain),
            )
        )
    return _replace(
        info,
        legacy_policy_domain=legacy_domain,
        legacy_divergent=divergent,
        issues=tuple(issues),
    )


async def _report_checks(source: DnsSource, info: DmarcInfo, rec: DmarcRecord) -> list[Issue]:
    """External report destinations must authorize the policy domain (RFC 9989 B.2.3, the
    aggregate-reporting document section 3): TXT "v=DMARC1" at
    <policy domain>._report._dmarc.<destination host>.

    "External" is judged against the organizational domain of the domain that published the
    record (`info.domain`), not the author's: a public suffix operator's record (psd=y) names
    the operator's own addresses, which are no more external to it than a domain's own are
    to that domain's record."""
    org = info.org_domain
    if info.domain != info.author and info.domain != org:
        org = await org_domain(source, info.domain)
    hosts: list[str] = []
    for _, _, host in rec.mailtos:
        if host not in hosts:
            hosts.append(host)
    hosts = hosts[:MAX_REPORT_CHECKS]

    async def external(host: str) -> bool:
        if host == org:
            return False
        if not host.endswith("." + org):
            return True
        return await org_domain(source, host) != org

    flags = await asyncio.gather(*(external(h) for h in hosts))
    outside = [h for h, flag in zip(hosts, flags, strict=True) if flag]
    answers = await asyncio.gather(
        *(source.query(f"{info.domain}._report._dmarc.{h}", "TXT") for h in outside)
    )
    verdict = dict(zip(outside, answers, strict=True))
    issues: list[Issue] = []
    for tag, uri, host in rec.mailtos:
        answer = verdict.get(host)
        if answer is None:
            continue
        name = f"{info.domain}._report._dmarc.{host}"
        if answer.outcome.is_error:
            issues.append(
                (
                    "dmarc-report-unauthorized/dns-error",
                    _p(
                        domain=info.domain,
                        tag=tag,
                        uri=_shown(uri),
                        dest=host,
                        name=name,
                        outcome=answer.outcome.value.upper(),
                    ),
                )
            )
        elif not any(is_dmarc_record(t) for t in answer.texts()):
            issues.append(
                (
                    "dmarc-report-unauthorized",
                    _p(domain=info.domain, tag=tag, uri=_shown(uri), dest=host, name=name),
                )
            )
    return issues


# ---------------------------------------------------------------- policy and evaluation


def effective_policy(info: DmarcInfo) -> str | None:
    """The published policy for the From domain: p= for the policy domain itself; for a
    subdomain np= when it does not exist, else sp=, else p= (RFC 9989 4.10.1)."""
    if info.policy is None:
        return None
    if info.from_org_domain:
        if info.author_exists is False and info.np:
            return info.np
        if info.subdomain_policy:
            return info.subdomain_policy
    return info.policy


def applied_policy(info: DmarcInfo) -> str | None:
    """What a receiver applies to failing mail: the policy, one level less under t=y."""
    policy = effective_policy(info)
    if policy is not None and info.testing:
        return _LOWER[policy]
    return policy


_LOWER = {"reject": "quarantine", "quarantine": "none", "none": "none"}


def _subtree(domain: str, ancestor: str) -> bool:
    return domain == ancestor or domain.endswith("." + ancestor)


def aligned(a: str, b: str, mode: str, org_domain_of: Callable[[str], str]) -> bool:
    """Identifier alignment (RFC 9989 3.2.10): strict ("s") means identical names; relaxed
    ("r") the same organizational domain, as `org_domain_of` tells (a tree-walk answer)."""
    a, b = normalize_qname(a), normalize_qname(b)
    if not a or not b:
        return False
    if a == b:
        return True
    if mode == "s":
        return False
    return org_domain_of(a) == org_domain_of(b)


@dataclass(frozen=True)
class DmarcResult:
    result: str  # pass | fail | none | temperror | permerror
    spf_aligned: bool
    dkim_aligned: bool
    policy_domain: str | None
    disposition: str  # none | quarantine | reject: what the receiver applies to this message
    reason: str


def evaluate_dmarc(
    info: DmarcInfo,
    from_domain: str,
    spf_result: str | None,
    mail_from_domain: str | None,
    dkim: Sequence[tuple[str, str]],
    *,
    org_domains: Mapping[str, str] | None = None,
) -> DmarcResult:
    """DMARC for one received message, from its SPF result, MAIL FROM domain and DKIM (d=,
    result) pairs, and the From domain's `DmarcInfo`.

    Relaxed alignment compares organizational domains; pass `org_domains` (from
    `org_domains_for`) for the MAIL FROM and d= domains. Without it a name is taken to share the
    From domain's organizational domain when it lies in that domain's subtree, which differs
    from the tree walk only where a psd=n record sits between them.
    """
    author = normalize_qname(from_domain)
    known = {normalize_qname(k): v for k, v in (org_domains or {}).items()}
    org = info.org_domain or author
    known.setdefault(author, org)

    def org_of(name: str) -> str:
        if name in known:
            return known[name]
        return org if _subtree(name, org) else name

    spf_ok = (
        (spf_result or "").lower() == "pass"
        and mail_from_domain is not None
        and aligned(mail_from_domain, author, info.aspf, org_of)
    )
    passing = [d for d, r in dkim if r.lower() == "pass"]
    dkim_ok = any(aligned(d, author, info.adkim, org_of) for d in passing)
    policy_domain = info.domain if info.record is not None else None
    if info.error_code == "lookup":
        return DmarcResult(
            "temperror",
            spf_ok,
            dkim_ok,
            policy_domain,
            "none",
            f"the DMARC record could not be looked up ({info.error})",
        )
    if info.policy is None:
        if info.record is None or info.error_code == "multiple":
            return DmarcResult(
                "none", spf_ok, dkim_ok, None, "none", f"{author} publishes no usable DMARC record"
            )
        return DmarcResult(
            "permerror",
            spf_ok,
            dkim_ok,
            policy_domain,
            "none",
            f"the DMARC record at _dmarc.{info.domain} cannot be used ({info.error})",
        )
    if spf_ok or dkim_ok:
        via = " and ".join(w for w, ok in (("SPF", spf_ok), ("DKIM", dkim_ok)) if ok)
        return DmarcResult(
            "pass", spf_ok, dkim_ok, policy_domain, "none", f"{via} aligned with {author}"
        )
    disposition = applied_policy(info) or "none"
    published = effective_policy(info)
    why = _fail_reason(author, spf_result, mail_from_domain, passing, info)
    if info.testing and published != disposition:
        why += f"; t=y: {disposition} instead of {published}"
    return DmarcResult("fail", False, False, policy_domain, disposition, why)


def _fail_reason(
    author: str,
    spf_result: str | None,
    mail_from: str | None,
    passing: Sequence[str],
    info: DmarcInfo,
) -> str:
    parts = []
    if (spf_result or "").lower() != "pass":
        parts.append(f"SPF did not pass ({spf_result or 'not checked'})")
    else:
        mode = "strict" if info.aspf == "s" else "relaxed"
        parts.append(f"SPF passed for {mail_from}, not aligned with {author} ({mode})")
    if not passing:
        parts.append("no DKIM signature passed")
    else:
        mode = "strict" if info.adkim == "s" else "relaxed"
        parts.append(f"DKIM passed for d={', '.join(passing)}, not aligned ({mode})")
    return "; ".join(parts)


async def org_domains_for(source: DnsSource, names: Sequence[str]) -> dict[str, str]:
    """The tree-walk organizational domain of each name, for `evaluate_dmarc(org_domains=)`."""
    unique = sorted({normalize_qname(n) for n in names if n})
    orgs = await asyncio.gather(*(org_domain(source, n) for n in unique))
    return dict(zip(unique, orgs, strict=True))
