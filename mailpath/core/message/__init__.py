"""A received message: its header block parsed (`parse.py`), its Received trail read into hops
(`received.py`) and joined with DNS into DMARC's result for the message (`check.py`)."""
