"""Findings of a received message (DKIM, ARC, hops, header fields, the receiver's own results)
and of the DKIM keys asked for with a selector (`message_findings`)."""

from __future__ import annotations

MESSAGE_TEMPLATES: dict[str, tuple[str, str | None]] = {
    "dkim-unchecked": (
        "DKIM was not checked: from DNS alone mailpath cannot see whether the mail carries a "
        "DKIM signature, so the verdict rests on SPF.",
        "Give the selector your server signs with (the s= of a DKIM-Signature header; "
        "--dkim-selector, or the window's DKIM selector field), or open a received message.",
    ),
    "dkim-missing": (
        "The message carries no DKIM signature: only SPF can authenticate it, and SPF breaks "
        "as soon as the mail is forwarded.",
        "Sign outgoing mail with DKIM for {sender} (d={sender}): most hosting control panels "
        "have a switch for it; it publishes the key at SELECTOR._domainkey.{sender}.",
    ),
    "dkim-fail": (
        "The DKIM signature d={domain} s={selector} fails: {reason}.",
        "Make sure nothing changes the mail after it is signed (a footer, a virus scanner, a "
        "forwarder) and that {selector}._domainkey.{domain} holds the key the server signs "
        "with.",
    ),
    # One per DkimSignature.failure (core.message_findings._failure_finding).
    "dkim-fail/body-changed": (
        "The body of the message changed after the DKIM signature d={domain} s={selector} was "
        "made (body hash mismatch): it was changed after signing — a list footer, a forwarder, "
        "or the file itself.",
        "If the mail passed through a mailing list or a forwarder, that is what changed it; "
        "otherwise find what rewrites the body after signing (a footer, a disclaimer, a virus "
        "scanner) and sign after it.",
    ),
    "dkim-fail/signature": (
        "The DKIM signature d={domain} s={selector} does not verify: the signed header fields "
        "were changed after signing — a list, a forwarder, or the file itself — or the key at "
        "{name} does not match the one the server signs with.",
        "Make sure nothing rewrites the signed header fields after signing, and that {name} "
        "holds the public half of the key the server signs with.",
    ),
    "dkim-key-missing/signature": (
        "The DKIM signature d={domain} s={selector} cannot be verified: no key is published at "
        "{name} ({outcome}), so receivers treat it as invalid (permerror).",
        "Publish the key the server signs with as a TXT record at {name} "
        '("v=DKIM1; k=rsa; p=..."), or make the server sign with a selector whose key is '
        "published.",
    ),
    "dkim-temperror": (
        "The DKIM key for the signature d={domain} s={selector} could not be fetched from "
        "{name} ({outcome}): the signature was not checked; a receiver would treat it as a "
        "temporary error (temperror), not as a missing key.",
        "Nothing to publish: try again later, and if it keeps failing check that the name "
        "servers of {domain} answer for {name}.",
    ),
    "dkim-temperror/recorded": (
        "The DKIM signature d={domain} s={selector} could not be checked when this analysis was "
        "saved (temperror): {reason}.",
        None,
    ),
    "dkim-permerror": (
        "The DKIM signature d={domain} s={selector} is not valid as written (permerror): {reason}.",
        "The signer must correct the DKIM-Signature header field its server adds (its d=, s=, "
        "a= and the other required tags) or the software that writes it.",
    ),
    "dkim-permerror/expired": (
        "The DKIM signature d={domain} s={selector} expired at {expired} (x=): receivers treat "
        "it as invalid (permerror). mailpath allows {slack} seconds for clock differences.",
        "If the message is old, that is expected. Otherwise the signing server sets x= too "
        "soon, or its clock is wrong: sign with a longer expiry or without x=.",
    ),
    "dkim-permerror/rsa-sha1": (
        "The DKIM signature d={domain} s={selector} uses rsa-sha1, which RFC 8301 forbids "
        "verifiers to accept: it counts as no signature.",
        "Configure the signing server to sign with rsa-sha256 (or ed25519-sha256 beside it).",
    ),
    "dkim-permerror/key": (
        "The DKIM key at {name} cannot verify the signature d={domain} s={selector}: {reason}.",
        'Publish one valid TXT record "v=DKIM1; k=rsa; p=..." at {name} holding the public '
        "half of the key the server signs with (RSA of 2,048 bits, or k=ed25519 for "
        "ed25519-sha256 signatures).",
    ),
    "dkim-permerror/not-evaluated": (
        "mailpath did not evaluate the DKIM signature d={domain} s={selector}: {reason}. "
        "Receivers limit the same things and may ignore it too.",
        None,
    ),
    "dkim-permerror/header-octets": (
        "mailpath did not verify the DKIM signature d={domain} s={selector}: the message's "
        "{header} header is {size} octets, over the {maximum} octets mailpath lets its DKIM "
        "verifier read in one header field (it slows down so much on larger ones that the "
        "analysis would stall). Receivers limit header sizes too and may not verify it either.",
        None,
    ),
    "dkim-permerror/header-lines": (
        "mailpath did not verify the DKIM signature d={domain} s={selector}: the message's "
        "{header} header is folded over {size} lines, over the {maximum} continuation lines "
        "mailpath lets its DKIM verifier read in one header field (its time grows with the "
        "square of the lines). Receivers limit header sizes too and may not verify it either.",
        None,
    ),
    "dkim-permerror/header-block": (
        "mailpath did not verify the DKIM signature d={domain} s={selector}: the message's "
        "header block is {size} octets, over the {maximum} octets mailpath lets its DKIM "
        "verifier read. Receivers limit header sizes too and may not verify it either.",
        None,
    ),
    "dkim-temperror/budget": (
        "mailpath did not finish verifying the DKIM signature d={domain} s={selector}: the "
        "analysis ran out of time (--budget, {budget} s). This says nothing about the "
        "signature itself.",
        "Run the analysis again with a larger --budget.",
    ),
    "dkim-permerror/recorded": (
        "The DKIM signature d={domain} s={selector} could not be verified when this analysis "
        "was saved ({result}): {reason}.",
        None,
    ),
    "dkim-not-aligned": (
        "The DKIM signature d={domain} passes but is not aligned with the From domain "
        "{sender} (adkim={mode}): DMARC does not count it.",
        "Sign with d={sender} (relaxed alignment also accepts a subdomain of the same "
        "organizational domain).",
    ),
    "dkim-weak-key": (
        "The DKIM key at {name} is only {bits} bits: receivers ignore RSA keys under 1,024 "
        "bits and a key under 2,048 bits can be broken.",
        "Publish a 2,048-bit RSA key under a new selector, sign with it, then remove the old key.",
    ),
    "dkim-body-length": (
        "The DKIM signature d={domain} s={selector} has l={length}: it covers only the first "
        "{length} bytes of the body, so anyone can append content and the signature still "
        "passes.",
        "Sign without the body length tag (l=).",
    ),
    "dkim-key-missing": (
        "No DKIM key is published at {name}: a signature with s={selector} fails (permerror).",
        "Publish the key your server signs with as a TXT record at {name} "
        '("v=DKIM1; k=rsa; p=..."), or check the selector name.',
    ),
    "dkim-key-revoked": (
        "The DKIM key at {name} is revoked (empty p=): signatures with s={selector} fail.",
        "If the server still signs with s={selector}, publish its key again or switch the "
        "server to the current selector.",
    ),
    "dkim-key-invalid": (
        "The DKIM key record at {name} is invalid: {error}.",
        'Publish one TXT record "v=DKIM1; k=rsa; p=BASE64KEY" at {name}.',
    ),
    "dkim-key-error": (
        "The DKIM key at {name} could not be checked: {error}.",
        None,
    ),
    "arc-fail": (
        "The message's ARC chain fails ({reason}): a receiver cannot trust what the "
        "forwarders before it recorded.",
        None,
    ),
    "arc-fail/header-octets": (
        "mailpath did not verify the message's ARC chain: its {header} header is {size} "
        "octets, over the {maximum} octets mailpath lets its verifier read in one header field.",
        None,
    ),
    "arc-fail/header-lines": (
        "mailpath did not verify the message's ARC chain: its {header} header is folded over "
        "{size} lines, over the {maximum} continuation lines mailpath lets its verifier read "
        "in one header field.",
        None,
    ),
    "arc-fail/header-block": (
        "mailpath did not verify the message's ARC chain: its header block is {size} octets, "
        "over the {maximum} octets mailpath lets its verifier read.",
        None,
    ),
    "arc-fail/budget": (
        "mailpath did not finish verifying the message's ARC chain: the analysis ran out of "
        "time (--budget, {budget} s).",
        "Run the analysis again with a larger --budget.",
    ),
    "hop-unexpected": (
        "The message passed through {by}, a relay outside the domains of {sender} and of its "
        "sending server: the predicted route has no such hop (a forwarder, a mailing list or "
        "a filtering service).",
        "Forwarding breaks SPF: sign with DKIM d={sender} so DMARC still passes after a forwarder.",
    ),
    "from-multiple": (
        "The message has {count} From fields ({addresses}); RFC 5322 3.6 allows exactly one, and "
        "large receivers (Gmail, Microsoft) refuse such a message. mailpath analysed the "
        "topmost, {used}, as the author.",
        "Find what adds the extra From field (a script, a mailing list, a relay that rewrites "
        "headers) and make it replace the field instead of adding one.",
    ),
    "from-multiple/addresses": (
        "The From field names {count} addresses ({addresses}): there is no single author "
        "domain for DMARC, and large receivers (Gmail, Microsoft) refuse such a message. "
        "mailpath analysed the first, {used}, as the author.",
        "Send with exactly one address in From; put the others in Reply-To or To.",
    ),
    "message-date-missing": (
        "The message has no Date field; RFC 5322 3.6 requires one, and receivers that check "
        "the format (Gmail's sender requirements) may flag or refuse it.",
        "Make the sending software or the submission server add a Date field.",
    ),
    "message-id-missing": (
        "The message has no Message-ID field; RFC 5322 3.6 says every message should have "
        "one, and receivers (Gmail's sender requirements) may flag or refuse mail without it.",
        "Make the sending software or the submission server add a Message-ID field.",
    ),
    # The handover host is a forwarder (`ParsedMessage.forwarded_by`): SPF fails there by the
    # nature of forwarding; the sender's SPF record is not the place to fix it.
    "hop-unexpected/forwarder": (
        "{forwarder} forwarded the message: a server of an organization other than {sender}'s, "
        "it received the message after {sender}'s own server {submission} had sent it, and "
        "handed it to the recipient (a forwarding mailbox, a mailing list or a relay). The "
        "recipient checks SPF against the forwarder's address, so SPF fails there: that is "
        "what forwarding does, and DKIM and ARC carry the judgement.",
        "Sign outgoing mail with DKIM d={sender} on the sender's side: the signature survives "
        "forwarding and lets DMARC pass. On the forwarder's side, {forwarder} can add ARC "
        "headers so receivers can trust the results it saw.",
    ),
    "auth-results-differ": (
        "{authserv} recorded {method}={theirs} when the message arrived, but checking it again "
        "now gives {method}={ours}: DNS has changed since (a record edited, a key rotated) or "
        "the receiver saw something mailpath cannot.",
        None,
    ),
    "auth-results-differ/body-changed": (
        "{authserv} recorded {method}={theirs} when the message arrived, but checking it again "
        "now gives {method}={ours}: the body no longer matches its DKIM signature's body hash, "
        "so this file was changed after it was received (edited, re-encoded, a converted "
        "line ending); the sender's published records are not the cause.",
        "Open the message as the mailbox first saved it (export the original .eml) to re-check it.",
    ),
    "auth-results-differ/key-changed": (
        "{authserv} recorded {method}={theirs} when the message arrived, but checking it again "
        "now gives {method}={ours}: the DKIM key at {name} is no longer the one that signed it "
        "(the key was rotated or removed since), unless the signed header fields of this file "
        "were edited.",
        None,
    ),
    "auth-results-differ/dns-error": (
        "{authserv} recorded {method}={theirs} when the message arrived, but checking it again "
        "now gives {method}={ours} because a DNS lookup failed just now (a timeout, SERVFAIL or "
        "REFUSED), not because anything changed.",
        "Try again later, or with another resolver.",
    ),
    "auth-results-differ/expired": (
        "{authserv} recorded {method}={theirs} when the message arrived, but checking it again "
        "now gives {method}={ours}: the DKIM signature's expiry (x=) has passed since; neither "
        "the message nor DNS changed.",
        None,
    ),
}
