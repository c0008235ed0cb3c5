"""What happens to the mail, decided once: the receiver model (`receiver.py`), the findings it
judges (`findings.py`, `dmarc_findings.py`, `message_findings.py`) and the headline
(`verdict.py`)."""
