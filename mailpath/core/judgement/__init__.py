"""What happens to the mail, decided once: the receiver model (`receiver.py`); what each
finding means under it and whether its fix is kept (`consequences.py`, `fixes.py`); the findings
(`findings.py`, `dmarc_findings.py`, `message_findings.py`, `blocklist_findings.py`), each made by
`finding.py` from the words in `templates/` (one module per area); the headline (`verdict.py`);
the receivers' published requirements answered row by row (`requirements.py`,
`requirement_rules.py`)."""
