"""What happens to the mail, decided once: the receiver model (`receiver.py`), the findings it
judges (`findings.py`, `dmarc_findings.py`, `message_findings.py`) and the headline
(`verdict.py`); the receivers' published requirements answered row by row (`requirements.py`,
`requirement_rules.py`) and the findings of DNS blocklist answers (`blocklist_findings.py`)."""
