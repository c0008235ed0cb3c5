"""mailpath: a mail-path explorer."""

import warnings

__version__ = "0.1.0"

# dnspython's DNSSEC code names DSA keys, which cryptography 51 deprecates with a warning at
# import. Printed on stderr, those warnings came before every one-line error and every
# `--watch` line of the command line. mailpath never uses DSA (RFC 8624: MUST NOT validate).
warnings.filterwarnings("ignore", message=r"DSA is deprecated", module=r"dns\.dnssecalgs")
