"""The STARTTLS probe's facts read back from a saved analysis (`--save`, then `--replay`): the
`smtp` object as `SmtpProbe.to_json` wrote it. Read from an untrusted file: every field is
checked, and ValueError says which one is wrong."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from mailpath.core.jsontypes import JsonValue
from mailpath.core.transport.certificate import CertificateFacts
from mailpath.core.transport.starttls import ERRORS, STAGES, SmtpProbe

__all__ = ["probes_from_record"]

_LIMIT = 4096


def probes_from_record(data: Mapping[str, JsonValue]) -> dict[str, SmtpProbe]:
    """Per MX host: the probe of its first address, the others in `.also`."""
    out: dict[str, SmtpProbe] = {}
    for host, entry in data.items():
        where = f"transport.smtp.{host}"
        first = _obj(entry, where)
        by_address = _obj(first.get("by_address", {}), f"{where}.by_address")
        probes = [
            _probe(_text(host, where), _obj(v, f"{where}.{a}")) for a, v in by_address.items()
        ]
        own = _probe(host, first)
        rest = tuple(p for p in probes if p.address != own.address)
        out[host] = replace(own, also=rest)
    return out


def _probe(host: str, d: Mapping[str, JsonValue]) -> SmtpProbe:
    where = f"transport.smtp.{host}"
    stage = _text(d.get("stage", "connect"), f"{where}.stage")
    error_key = _opt_text(d.get("error_key"), f"{where}.error_key")
    if stage not in STAGES or (error_key is not None and error_key not in ERRORS):
        raise ValueError(f"{where}: stage or error_key")
    params = _obj(d.get("error_params", {}), f"{where}.error_params")
    cert = d.get("certificate")
    tlsa_match = d.get("tlsa_match")
    if tlsa_match is not None and type(tlsa_match) is not bool:
        raise ValueError(f"{where}.tlsa_match")
    return SmtpProbe(
        host=host,
        address=_text(d.get("address"), f"{where}.address"),
        starttls=_bool(d.get("starttls"), f"{where}.starttls"),
        tls_version=_opt_text(d.get("tls_version"), f"{where}.tls_version"),
        cipher=_opt_text(d.get("cipher"), f"{where}.cipher"),
        certificate=None if cert is None else _certificate(_obj(cert, f"{where}.certificate")),
        tlsa_match=tlsa_match,
        requiretls=_bool(d.get("requiretls", False), f"{where}.requiretls"),
        extensions=_texts(d.get("extensions", []), f"{where}.extensions"),
        stage=stage,
        error_key=error_key,
        error_params={_text(k, where): _text(v, where) for k, v in params.items()},
    )


def _certificate(d: Mapping[str, JsonValue]) -> CertificateFacts:
    where = "transport.smtp certificate"
    code = d.get("verify_code")
    if code is not None and type(code) is not int:
        raise ValueError(f"{where}.verify_code")
    length = d.get("chain_length", 1)
    if type(length) is not int:
        raise ValueError(f"{where}.chain_length")
    sts = d.get("mta_sts_match")
    if sts is not None and type(sts) is not bool:
        raise ValueError(f"{where}.mta_sts_match")
    return CertificateFacts(
        subject=_text(d.get("subject"), f"{where}.subject"),
        issuer=_text(d.get("issuer"), f"{where}.issuer"),
        not_after=_text(d.get("not_after"), f"{where}.not_after"),
        not_before=_text(d.get("not_before"), f"{where}.not_before"),
        trusted=_bool(d.get("trusted"), f"{where}.trusted"),
        names_match=_bool(d.get("names_match"), f"{where}.names_match"),
        names=_texts(d.get("names", []), f"{where}.names"),
        expired=_bool(d.get("expired"), f"{where}.expired"),
        verify_error=_opt_text(d.get("verify_error"), f"{where}.verify_error"),
        verify_code=code,
        mta_sts_match=sts,
        chain_length=length,
    )


def _obj(value: object, where: str) -> Mapping[str, JsonValue]:
    if not isinstance(value, dict) or len(value) > _LIMIT:
        raise ValueError(f"{where} is not an object")
    return value


def _text(value: object, where: str) -> str:
    if not isinstance(value, str) or len(value) > _LIMIT:
        raise ValueError(f"{where} is not text")
    return value


def _opt_text(value: object, where: str) -> str | None:
    return None if value is None else _text(value, where)


def _bool(value: object, where: str) -> bool:
    if type(value) is not bool:
        raise ValueError(f"{where} is not true or false")
    return value


def _texts(value: object, where: str) -> tuple[str, ...]:
    if not isinstance(value, list) or len(value) > _LIMIT:
        raise ValueError(f"{where} is not a list")
    return tuple(_text(v, where) for v in value)
