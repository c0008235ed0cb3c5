"""DMARC record syntax as of RFC 9989: which TXT record is a DMARC record, and a record's tags
validated the way receivers read them (`parse_record`): a bad value falls back to the default,
and everything wrong or ignored is kept as an issue (a template key with parameters)."""

from __future__ import annotations

import re
import urllib.parse
from dataclasses import dataclass, field

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
    mailtos: list[tuple[str, str, str]] = []
    values = _checked_values(seen, where, issues, mailtos)
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


def _checked_values(
    seen: dict[str, str], where: str, issues: list[Issue], mailtos: list[tuple[str, str, str]]
) -> dict[str, object]:
    """The tags' values as receivers use them (keyed by `DmarcRecord` field); what is wrong or
    ignored goes into `issues`, the mailto: destinations into `mailtos`."""
    values: dict[str, object] = {}
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
    return values


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
