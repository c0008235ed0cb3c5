"""The authentication protocols, each as its RFC reads: SPF (RFC 7208, `spf/`), DKIM and ARC
(`dkim.py`), DMARC (RFC 9989, `dmarc.py`) and Authentication-Results fields (`authresults.py`)."""
