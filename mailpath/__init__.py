"""mailpath: a mail-path explorer."""

__version__ = "0.1.0"
