"""Every finding's words: template key -> (message, fix), the key's part before "/" being the
finding's code. Each area keeps its own templates in its own module here (DNS and SPF, DMARC, a
received message, blocklists, the receiver model; transport's in `core.transport.templates`);
this module merges them into `TEMPLATES` and adds the variants derived from them. A new area
adds its module and one line to the merge below."""

from __future__ import annotations

from mailpath.core.judgement.templates.blocklist import BLOCKLIST_TEMPLATES
from mailpath.core.judgement.templates.dmarc import DMARC_TEMPLATES
from mailpath.core.judgement.templates.dns import DNS_TEMPLATES
from mailpath.core.judgement.templates.message import MESSAGE_TEMPLATES
from mailpath.core.judgement.templates.model import MODEL_TEMPLATES
from mailpath.core.transport.templates import TRANSPORT_TEMPLATES

TEMPLATES: dict[str, tuple[str, str | None]] = {
    **DNS_TEMPLATES,
    **DMARC_TEMPLATES,
    **MESSAGE_TEMPLATES,
    **BLOCKLIST_TEMPLATES,
    **MODEL_TEMPLATES,
}

# A sending host given as an address: "authorizes 203.0.113.74", not "... (203.0.113.74)".
_BY_ADDRESS = " {host} ({addresses})"
TEMPLATES.update(
    {
        f"{key}/address": (message.replace(_BY_ADDRESS, " {host}"), fix)
        for key, (message, fix) in list(TEMPLATES.items())
        if _BY_ADDRESS in message
    }
)


# The sending host of a received message relays for another organization (a forwarder, a
# list): an SPF record authorizing it would let a stranger send as the sender and changes
# nothing for DMARC. The fix is DKIM at the sender, or ARC at the forwarder
# (`consequences._forwarded_variant` picks these variants).
_FORWARDED_FIX = (
    "Do not add {host} to the SPF record of {sender}: it relays mail for another organization "
    "(a forwarder or a mailing list), and SPF always fails after forwarding. Sign your mail "
    "with DKIM d={sender} so it stays authenticated when forwarded (the forwarder can also "
    "add ARC)."
)
TEMPLATES.update(
    {
        f"{key}/forwarded": (message, _FORWARDED_FIX)
        for key, (message, _fix) in list(TEMPLATES.items())
        if key.split("/")[0]
        in ("spf-missing", "spf-not-authorized", "spf-permerror", "spf-ipv6-gap", "spf-ipv4-gap")
        and "{host}" in message
        and "{sender}" in message
    }
)


# Transport: MTA-STS, TLS-RPT, DNSSEC and DANE (core.transport.findings builds these).
TEMPLATES.update(TRANSPORT_TEMPLATES)
