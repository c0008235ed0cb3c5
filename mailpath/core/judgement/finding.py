"""One finding from its template (`templates.TEMPLATES`), and the node ids findings name as
their subject."""

from __future__ import annotations

import re

from mailpath.core.judgement.templates import TEMPLATES
from mailpath.core.model import Finding, SendingHostInfo, Severity
from mailpath.core.names import is_ip_address

#: A fix that is a record to publish: 'Publish at {name} this {TYPE} record: "{record}"'.
_PUBLISH = re.compile(r'^Publish at (?P<name>\S+) this (?P<type>[A-Z]+) record: "\{record\}"$')


def finding(
    severity: Severity,
    key: str,
    subject: str | None,
    *,
    record: str | None = None,
    **params: object,
) -> Finding:
    """A finding rendered from its template; `params` become text."""
    values = {k: str(v) for k, v in params.items()}
    if record is not None:
        values["record"] = record
    message, fix = TEMPLATES[key]
    publish = _PUBLISH.match(fix or "") if record is not None else None
    if publish is not None:
        # Where and as what the record goes, for a DNS panel's Name and Type fields.
        values["record_name"] = publish["name"].format(**values)
        values["record_type"] = publish["type"]
    return Finding(
        severity=severity,
        code=key.split("/")[0],
        message=message.format(**values),
        fix=fix.format(**values) if fix else None,
        subject=subject,
        record=record if key.startswith("spf-") else None,
        template=key,
        params=values,
    )


def host_node(host: str) -> str:
    return f"sending:{host}"


def address_node(ip: str) -> str:
    return f"addr:{ip}"


def mx_node(host: str) -> str:
    return f"mx:{host}"


def by_address(key: str, host: SendingHostInfo) -> str:
    """`key`'s variant without the address list when the host is that address."""
    return f"{key}/address" if is_ip_address(host.host) else key
