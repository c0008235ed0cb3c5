"""The transport facts in a saved analysis (`--save`), read back for `--replay`.

DNS answers are replayed from the recording; what is not DNS (the policy fetched over HTTPS,
the DNSSEC verdicts made from signed replies, the TLSA records taken from them) is saved here
as found, so a replay reports the same transport. Read from an untrusted file: every field is
checked, and ValueError says which one is wrong.
"""

from __future__ import annotations

from collections.abc import Mapping

from mailpath.core.jsontypes import JsonObject, JsonValue
from mailpath.core.transport import MtaStsInfo, TlsRptInfo, TransportInfo
from mailpath.core.transport.dane import DaneHost, dane_host
from mailpath.core.transport.dnssec import BOGUS, INSECURE, SECURE, UNKNOWN, DnssecStatus
from mailpath.core.transport.mtasts import MODES, StsPolicy

_STATES = (SECURE, INSECURE, BOGUS, UNKNOWN)
_LIMIT = 4096


def to_record(info: TransportInfo) -> JsonObject:
    sts, rpt, policy = info.mta_sts, info.tls_rpt, info.mta_sts.policy
    return {
        "domain": info.domain,
        "mta_sts": {
            "record": sts.record,
            "id": sts.id,
            "policy": policy.to_json() if policy else None,
            "error": sts.error,
            "problem": sts.problem,
            "detail": sts.detail,
            "hosts": dict(sts.hosts),
            "lookup": sts.lookup,
        },
        "tls_rpt": {
            "record": rpt.record,
            "rua": list(rpt.rua),
            "error": rpt.error,
            "bad": rpt.bad,
            "lookup": rpt.lookup,
        },
        "dnssec": _status(info.dnssec),
        "dane": {h: {"tlsa": list(d.tlsa), "secure": d.secure} for h, d in info.dane.items()},
        "host_dnssec": {h: _status(s) for h, s in info.host_dnssec.items()},
        # The STARTTLS probe's facts (None: it did not run), as --json has them.
        "smtp": None if info.smtp is None else {h: p.to_json() for h, p in info.smtp.items()},
    }


def _status(s: DnssecStatus) -> JsonObject:
    return {
        "name": s.name,
        "rdtype": s.rdtype,
        "state": s.state,
        "by": s.by,
        "error": s.error,
        "zone": s.zone,
    }


def from_record(data: object) -> TransportInfo:
    """The saved facts; ValueError naming the field when the data is not what was saved."""
    d = _dict(data, "transport")
    sts = _dict(d.get("mta_sts"), "transport.mta_sts")
    rpt = _dict(d.get("tls_rpt"), "transport.tls_rpt")
    policy_data = sts.get("policy")
    policy = None
    if policy_data is not None:
        p = _dict(policy_data, "transport.mta_sts.policy")
        mode = _str(p.get("mode"), "policy mode")
        age = p.get("max_age")
        if mode not in MODES or type(age) is not int or age < 0:
            raise ValueError("transport.mta_sts.policy: mode or max_age")
        policy = StsPolicy(
            _str(p.get("version"), "policy version"), mode, _strs(p.get("mx"), "mx"), age
        )
    hosts = _dict(sts.get("hosts", {}), "transport.mta_sts.hosts")
    if not all(type(v) is bool for v in hosts.values()):
        raise ValueError("transport.mta_sts.hosts")
    dane_data = _dict(d.get("dane", {}), "transport.dane")
    dane = {}
    for host, entry in dane_data.items():
        e = _dict(entry, f"transport.dane.{host}")
        secure = e.get("secure")
        if type(secure) is not bool:
            raise ValueError(f"transport.dane.{host}.secure")
        tlsa = _strs(e.get("tlsa"), "tlsa")
        dane[_str(host, "host")] = dane_host(host, tlsa, secure)
    host_dnssec = {
        _str(h, "host"): _dnssec(s, f"transport.host_dnssec.{h}")
        for h, s in _dict(d.get("host_dnssec", {}), "transport.host_dnssec").items()
    }
    smtp_data = d.get("smtp")
    smtp = None
    if smtp_data is not None:
        from mailpath.core.transport.probe_record import probes_from_record

        smtp = probes_from_record(_dict(smtp_data, "transport.smtp"))
    return TransportInfo(
        _str(d.get("domain"), "transport.domain"),
        MtaStsInfo(
            record=_opt(sts.get("record"), "mta_sts.record"),
            id=_opt(sts.get("id"), "mta_sts.id"),
            policy=policy,
            error=_opt(sts.get("error"), "mta_sts.error"),
            problem=_opt(sts.get("problem"), "mta_sts.problem"),
            detail=_str(sts.get("detail", ""), "mta_sts.detail"),
            hosts={_str(k, "host"): bool(v) for k, v in hosts.items()},
            lookup=_str(sts.get("lookup", ""), "mta_sts.lookup"),
        ),
        TlsRptInfo(
            record=_opt(rpt.get("record"), "tls_rpt.record"),
            rua=_strs(rpt.get("rua", []), "rua"),
            error=_opt(rpt.get("error"), "tls_rpt.error"),
            bad=_str(rpt.get("bad", ""), "tls_rpt.bad"),
            lookup=_str(rpt.get("lookup", ""), "tls_rpt.lookup"),
        ),
        _dnssec(d.get("dnssec"), "transport.dnssec"),
        dane,
        host_dnssec,
        smtp=smtp,
    )


def _dnssec(value: object, where: str) -> DnssecStatus:
    s = _dict(value, where)
    state = _str(s.get("state"), f"{where}.state")
    by = _str(s.get("by"), f"{where}.by")
    if state not in _STATES or by not in ("mailpath", "resolver"):
        raise ValueError(f"{where}: state or by")
    return DnssecStatus(
        _str(s.get("name"), f"{where}.name"),
        _str(s.get("rdtype"), f"{where}.rdtype"),
        state,
        by,
        _opt(s.get("error"), f"{where}.error"),
        _opt(s.get("zone"), f"{where}.zone"),
    )


def _dict(value: object, where: str) -> Mapping[str, JsonValue]:
    if not isinstance(value, dict) or len(value) > _LIMIT:
        raise ValueError(f"{where} is not an object")
    return value


def _str(value: object, where: str) -> str:
    if not isinstance(value, str) or len(value) > _LIMIT:
        raise ValueError(f"{where} is not text")
    return value


def _opt(value: object, where: str) -> str | None:
    return None if value is None else _str(value, where)


def _strs(value: object, where: str) -> tuple[str, ...]:
    if not isinstance(value, list) or len(value) > _LIMIT:
        raise ValueError(f"{where} is not a list")
    return tuple(_str(v, where) for v in value)


__all__ = ["DaneHost", "from_record", "to_record"]
