"""Findings about DMARC: the record, its tags, its tree walk and what it decides
(`dmarc_findings`)."""

from __future__ import annotations

DMARC_TEMPLATES: dict[str, tuple[str, str | None]] = {
    "dmarc-error/lookup": (
        "The DMARC lookup for _dmarc.{domain} failed ({outcome}).",
        "Check the name servers of {domain}, then try again.",
    ),
    "dmarc-error/multiple": (
        "_dmarc.{domain} publishes {count} DMARC records; receivers ignore them all.",
        "Keep exactly one TXT record starting with v=DMARC1 at _dmarc.{domain}.",
    ),
    "dmarc-error/invalid": (
        "The DMARC record at _dmarc.{domain} is invalid: {reason}.",
        'Publish a record of the form "v=DMARC1; p=none; rua=mailto:..." at _dmarc.{domain}.',
    ),
    "dmarc-error/policy": (
        "The DMARC record at _dmarc.{domain} has no valid p= policy (none, quarantine or "
        "reject); receivers ignore it.",
        "Add p=none (or quarantine, reject) right after v=DMARC1.",
    ),
    "dmarc-missing": (
        "{sender} publishes no DMARC record (looked at {where}). Gmail and Yahoo require one "
        "from bulk senders.",
        'Publish at _dmarc.{sender} this TXT record: "{record}"',
    ),
    "dmarc-policy-none": (
        "The DMARC policy for {sender} is p=none: it asks receivers only to report mail that "
        "fails DMARC, not to act on it.",
        "Move to p=quarantine once reports show all your senders pass.",
    ),
    "dmarc-error/duplicate": (
        "The DMARC record at _dmarc.{domain} gives the tag {tag}= more than once; a DMARC record "
        "is a DKIM tag list, and a repeated tag makes the whole list invalid (RFC 6376 3.2): "
        "receivers apply no DMARC.",
        "Keep one {tag}= in the record at _dmarc.{domain}.",
    ),
    "dmarc-error/subpolicy": (
        "The DMARC record at _dmarc.{domain} has an invalid {tag}={value} and no valid rua=; "
        "RFC 9989 receivers then apply no DMARC at all.",
        'Publish at _dmarc.{domain} this TXT record: "{record}"',
    ),
    "dmarc-record-ignored/version": (
        'The TXT record "{record}" at _dmarc.{domain} is not a DMARC record: a DMARC record '
        "must begin with exactly v=DMARC1 (upper case, nothing before it). Receivers skip it.",
        'Make the record at _dmarc.{domain} begin with "v=DMARC1;".',
    ),
    "dmarc-record-ignored/multiple": (
        "_dmarc.{domain} publishes {count} DMARC records; receivers discard them all and use "
        "the record at _dmarc.{used} instead.",
        "Keep exactly one TXT record starting with v=DMARC1 at _dmarc.{domain}.",
    ),
    "dmarc-tag-syntax": (
        'The DMARC record at _dmarc.{domain} contains "{text}", which is not a tag=value pair; '
        "receivers ignore it.",
        "Write each tag as name=value, separated by semicolons.",
    ),
    "dmarc-tag-invalid": (
        "The DMARC record at _dmarc.{domain} gives {tag}={value}, which is not valid "
        "(allowed: {allowed}); receivers ignore it and use the default {tag}={default}.",
        "Write {tag}= with one of: {allowed}.",
    ),
    "dmarc-tag-invalid/ignored": (
        "The DMARC record at _dmarc.{domain} gives {tag}={value}, which is not valid "
        "(allowed: {allowed}); receivers ignore it.",
        "Write {tag}= with: {allowed}.",
    ),
    "dmarc-tag-invalid/policy-none": (
        "The DMARC record at _dmarc.{domain} gives {tag}={value}, which is not a policy (none, "
        "quarantine, reject); because the record has a valid rua=, RFC 9989 receivers act as "
        "if it said p=none: failing mail is delivered.",
        'Publish at _dmarc.{domain} this TXT record: "{record}"',
    ),
    "dmarc-tag-missing/p": (
        "The DMARC record at _dmarc.{domain} has no p= tag; because it has a valid rua=, "
        "receivers treat it as p=none: failing mail is delivered.",
        'Publish at _dmarc.{domain} this TXT record: "{record}"',
    ),
    "dmarc-tag-unknown": (
        "The DMARC record at _dmarc.{domain} has the tag {tag}=, which DMARC does not define; "
        "receivers ignore it.",
        "Remove it, or correct its name (tag names are lower case: p, sp, np, adkim, aspf, rua, "
        "ruf, fo, psd, t).",
    ),
    "dmarc-tag-legacy": (
        "The DMARC record at _dmarc.{domain} uses {tag}={value}; RFC 9989 removed {tag}=, and "
        "current receivers ignore it.",
        "Remove {tag}= from the record.",
    ),
    "dmarc-tag-legacy/pct": (
        "The DMARC record at _dmarc.{domain} has pct={value}; RFC 9989 removed pct=, so current "
        "receivers apply the policy to all failing mail, not to {value}% of it.",
        "Remove pct=; to try a policy out, add t=y (receivers then apply one level less).",
    ),
    "dmarc-tag-legacy/pct-invalid": (
        "The DMARC record at _dmarc.{domain} has pct={value}, which is not a percentage "
        "(0-100); pct= is removed in RFC 9989 and receivers ignore it.",
        "Remove pct= from the record.",
    ),
    "dmarc-tag-legacy/size": (
        "The {tag}= destination {uri} of _dmarc.{domain} carries a size limit (!...); RFC 9989 "
        "removed it and receivers ignore it.",
        "Remove the !size suffix.",
    ),
    "dmarc-tag-ignored/fo": (
        "The DMARC record at _dmarc.{domain} has fo={value} but no ruf=; receivers ignore fo= "
        "without ruf=.",
        "Remove fo=, or add ruf= with the address failure reports should go to.",
    ),
    "dmarc-report-scheme": (
        "The {tag}= destination {uri} of _dmarc.{domain} is not a mailto: address; receivers "
        "need only support mailto: and ignore what they cannot use.",
        "Use a mailto: address.",
    ),
    "dmarc-report-unauthorized": (
        "The {tag}= destination {uri} of _dmarc.{domain} is in another organization ({dest}), "
        'which does not accept reports for {domain}: there is no "v=DMARC1" TXT record at '
        "{name}. Receivers will not send reports there.",
        'The owner of {dest} must publish at {name} this TXT record: "v=DMARC1;"',
    ),
    "dmarc-report-unauthorized/dns-error": (
        "The {tag}= destination {uri} of _dmarc.{domain} is in another organization ({dest}); "
        "its authorization record {name} could not be looked up ({outcome}).",
        "Check the name servers of {dest}, then try again.",
    ),
    "dmarc-legacy-divergence": (
        "RFC 9989 receivers (DNS tree walk) apply the DMARC record at _dmarc.{domain} to mail "
        "from {sender}, but receivers still on RFC 7489 (public suffix list) apply the one at "
        "_dmarc.{legacy}.",
        "Publish a record at _dmarc.{sender} itself, so every receiver applies the same one: "
        '"{record}"',
    ),
    "dmarc-legacy-divergence/legacy-none": (
        "RFC 9989 receivers (DNS tree walk) apply the DMARC record at _dmarc.{domain} to mail "
        "from {sender}, but receivers still on RFC 7489 (public suffix list) look only at "
        "_dmarc.{sender} and _dmarc.{legacy}, find nothing and apply no DMARC.",
        "Publish a record at _dmarc.{sender} itself, so every receiver applies the same one: "
        '"{record}"',
    ),
    "dmarc-legacy-divergence/tree-none": (
        "Receivers still on RFC 7489 (public suffix list) apply the DMARC record at "
        "_dmarc.{legacy} to mail from {sender}, but RFC 9989 receivers (DNS tree walk) do not "
        "reach it and apply no DMARC.",
        "Publish a record at _dmarc.{sender} itself, so every receiver applies the same one: "
        '"{record}"',
    ),
    "dmarc-legacy-divergence/org": (
        "For relaxed alignment RFC 9989 receivers take {org} as the organizational domain of "
        "{sender}, receivers still on RFC 7489 take {legacy}: a DKIM or SPF domain aligned for "
        "one may not be for the other.",
        "Sign and send with {sender} itself (or use adkim=s; aspf=s), so alignment does not "
        "depend on the organizational domain.",
    ),
    "dmarc-testing": (
        "The DMARC record at _dmarc.{domain} has t=y (testing): receivers apply {applied} "
        "instead of {policy} to mail from {sender} that fails.",
        "Remove t=y once reports show all your senders pass.",
    ),
    "dmarc-psd-policy": (
        "{sender} publishes no DMARC record of its own; the policy comes from the public suffix "
        "operator's record at _dmarc.{domain} (psd=y).",
        'Publish at _dmarc.{sender} this TXT record: "{record}"',
    ),
    "dmarc-nonexistent": (
        "{sender} does not exist (NXDOMAIN): receivers apply the non-existent-domain policy "
        "np={np} to mail from it.",
        None,
    ),
    "dmarc-fail/reject": (
        "DMARC fails for mail from {sender}: neither SPF nor DKIM gives an identifier aligned "
        "with it, and the policy of {domain} asks the receiver to reject it.",
        "Send with a MAIL FROM in {sender} that SPF authorizes, or sign with DKIM d={sender}.",
    ),
    "dmarc-fail/quarantine": (
        "DMARC fails for mail from {sender}: neither SPF nor DKIM gives an identifier aligned "
        "with it, and the policy of {domain} asks the receiver to quarantine it (spam folder).",
        "Send with a MAIL FROM in {sender} that SPF authorizes, or sign with DKIM d={sender}.",
    ),
    "dmarc-fail/none": (
        "DMARC fails for mail from {sender}: neither SPF nor DKIM gives an identifier aligned "
        "with it; the policy of {domain} asks for no action, but receivers may still flag it.",
        "Send with a MAIL FROM in {sender} that SPF authorizes, or sign with DKIM d={sender}.",
    ),
}
