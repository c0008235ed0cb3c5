import sys

from mailpath.cli import console

sys.exit(console())
