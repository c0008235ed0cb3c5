"""The transport findings' templates (merged into `core.findings.TEMPLATES`): causes only;
what a sending server then does is the receiver model's consequence (`core.judgement`)."""

from __future__ import annotations

_POLICY = "the MTA-STS policy at {url}"

TRANSPORT_TEMPLATES: dict[str, tuple[str, str | None]] = {
    "mta-sts-invalid/multiple": (
        "_mta-sts.{domain} has more than one v=STSv1 TXT record, so senders ignore MTA-STS "
        "for {domain}.",
        "Keep one v=STSv1 record at _mta-sts.{domain}.",
    ),
    "mta-sts-invalid/syntax": (
        'The _mta-sts.{domain} TXT record "{record}" is not a valid v=STSv1 record.',
        'Publish at _mta-sts.{domain} this TXT record: "{record_fixed}"',
    ),
    "mta-sts-invalid/no-id": (
        'The _mta-sts.{domain} TXT record "{record}" has no id= field.',
        'Publish at _mta-sts.{domain} this TXT record: "{record_fixed}"',
    ),
    "mta-sts-invalid/bad-id": (
        'The id= of the _mta-sts.{domain} TXT record "{record}" is not 1 to 32 letters and digits.',
        'Publish at _mta-sts.{domain} this TXT record: "{record_fixed}"',
    ),
    "mta-sts-policy-unreachable/dns": (
        "_mta-sts.{domain} announces MTA-STS, but {host} has no address, so the policy at "
        "{url} cannot be fetched.",
        "Give {host} an A or AAAA record for the web server that serves the policy.",
    ),
    "mta-sts-policy-unreachable/refused": (
        "_mta-sts.{domain} announces MTA-STS, but {host} refused the HTTPS connection for {url}.",
        "Serve the policy over HTTPS on port 443 of {host}.",
    ),
    "mta-sts-policy-unreachable/network": (
        "_mta-sts.{domain} announces MTA-STS, but {url} could not be reached ({detail}).",
        "Serve the policy over HTTPS on port 443 of {host}.",
    ),
    "mta-sts-policy-unreachable/timeout": (
        "_mta-sts.{domain} announces MTA-STS, but {url} did not answer in time.",
        "Serve the policy over HTTPS on port 443 of {host}.",
    ),
    "mta-sts-policy-unreachable/tls": (
        "_mta-sts.{domain} announces MTA-STS, but the certificate of {host} is not trusted "
        "for that name ({detail}).",
        "Serve {url} with a certificate for {host} from a public CA.",
    ),
    "mta-sts-policy-unreachable/status": (
        "_mta-sts.{domain} announces MTA-STS, but {url} answered HTTP {status}.",
        "Serve the policy at {url} with status 200.",
    ),
    "mta-sts-policy-unreachable/redirect": (
        "_mta-sts.{domain} announces MTA-STS, but {url} redirects ({status} to {location}); "
        "senders do not follow redirects for the policy.",
        "Serve the policy at {url} itself, without a redirect.",
    ),
    "mta-sts-policy-unreachable/content-type": (
        "_mta-sts.{domain} announces MTA-STS, but {url} is served as {content_type}, not "
        "text/plain.",
        "Serve {url} with Content-Type: text/plain.",
    ),
    "mta-sts-policy-unreachable/too-large": (
        "_mta-sts.{domain} announces MTA-STS, but {url} is larger than {limit} bytes.",
        "Keep the policy at {url} under {limit} bytes.",
    ),
    "mta-sts-policy-invalid": (
        "The MTA-STS policy at {url} is invalid: its {field} line is missing or wrong.",
        "Give the policy the lines version: STSv1, mode: (enforce, testing or none), mx: (one "
        "per MX host pattern) and max_age: (seconds).",
    ),
    "mta-sts-mx-mismatch": (
        "The MX host {host} of {domain} matches none of the mx: patterns ({patterns}) of "
        "the MTA-STS policy at {url} (mode {mode}).",
        "List every MX host in the policy at {url}: {lines}",
    ),
    "mta-sts-testing": (
        "The MTA-STS policy of {domain} is in testing mode: it asks senders to report TLS "
        "failures, not to refuse unverified TLS.",
        "When the TLS reports show no failures, set mode: enforce in the policy at {url}.",
    ),
    "mta-sts-max-age-short": (
        "The MTA-STS policy of {domain} has max_age {max_age} seconds, under one day.",
        "Set max_age to at least 604800 (one week) in the policy at {url}.",
    ),
    "tls-rpt-missing": (
        "{domain} publishes no TLS-RPT record at _smtp._tls.{domain}.",
        'Publish at _smtp._tls.{domain} this TXT record: "{record}"',
    ),
    "tls-rpt-invalid/multiple": (
        "_smtp._tls.{domain} has more than one v=TLSRPTv1 TXT record, so none is used.",
        "Keep one v=TLSRPTv1 record at _smtp._tls.{domain}.",
    ),
    "tls-rpt-invalid/syntax": (
        'The _smtp._tls.{domain} TXT record "{record}" is not a valid v=TLSRPTv1 record.',
        'Publish at _smtp._tls.{domain} this TXT record: "{record_fixed}"',
    ),
    "tls-rpt-invalid/no-rua": (
        'The _smtp._tls.{domain} TXT record "{record}" names no rua= destination.',
        'Publish at _smtp._tls.{domain} this TXT record: "{record_fixed}"',
    ),
    "tls-rpt-invalid/bad-rua": (
        'The TLS-RPT destination {destination} in "{record}" is neither a mailto: address '
        "nor an https: URL.",
        'Publish at _smtp._tls.{domain} this TXT record: "{record_fixed}"',
    ),
    "dnssec-bogus": (
        "The DNSSEC signatures of {name} ({rdtype}) in the zone {zone} do not validate ({reason}).",
        "Re-sign the zone {zone} and check that the DS at its parent matches its DNSKEY.",
    ),
    "tlsa-unusable": (
        "The TLSA records of {host} ({records}) use PKIX-TA(0) or PKIX-EE(1), which SMTP "
        "senders do not use (RFC 7672).",
        "Publish TLSA records with usage DANE-TA(2) or DANE-EE(3) at _25._tcp.{host}.",
    ),
    "dane-without-dnssec": (
        "{host} publishes TLSA records, but the answer is not DNSSEC-secure ({state}), so "
        "senders ignore them.",
        "Sign the zone of {host} with DNSSEC and publish its DS at the parent.",
    ),
    # The STARTTLS probe (--probe-smtp): what one address of an MX host showed.
    "starttls-missing": (
        "{host} ({address}) does not offer STARTTLS.",
        "Offer STARTTLS on {host}, with a certificate that names {host}.",
    ),
    "starttls-missing/refused": (
        "{host} ({address}) offers STARTTLS but refuses to start it ({reply}).",
        "Make STARTTLS work on {host}, with a certificate that names {host}.",
    ),
    "certificate-untrusted": (
        "The certificate {host} ({address}) presents is not trusted: issued by {issuer} "
        "({reason}).",
        "Install on {host} a certificate from a public certification authority, with its "
        "intermediate certificates.",
    ),
    "certificate-expired": (
        "The certificate {host} ({address}) presents expired on {not_after}.",
        "Renew the certificate of {host}.",
    ),
    "certificate-name-mismatch": (
        "The certificate {host} ({address}) presents is for {names}, not for {host}.",
        "Install on {host} a certificate that names {host}.",
    ),
    "tlsa-mismatch": (
        "The certificate {host} ({address}) presents ({subject}) matches none of the TLSA "
        "records at _25._tcp.{host}.",
        "Publish at _25._tcp.{host} a TLSA record for the certificate {host} presents (or "
        "install the certificate the record names).",
    ),
}

#: A probe that could not finish: "smtp-probe-failed/" + the probe's error (its
#: `core.transport.starttls.ERRORS` key without "smtp-probe/"), with the same parameters.
PROBE_FAILED = {
    "timeout": "{address} did not answer within {seconds} s (at {stage}).",
    "refused": "{address} refused the connection to port {port}.",
    "unreachable": "{address} could not be reached on port {port}: {reason}.",
    "closed": "{address} closed the connection (at {stage}).",
    "not-smtp": "{address} sent something that is not an SMTP reply (at {stage}).",
    "greeting-refused": "{address} greeted with {reply}: it does not take mail from the probe.",
    "rejected": "{address} answered {reply} to {command}.",
    "tls-failed": "the TLS handshake with {address} failed ({reason}).",
}
TRANSPORT_TEMPLATES.update(
    {
        f"smtp-probe-failed/{kind}": (
            f"The STARTTLS probe of {{host}} did not finish: {text}",
            None,
        )
        for kind, text in PROBE_FAILED.items()
    }
)
