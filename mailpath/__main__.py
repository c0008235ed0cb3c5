import sys

from mailpath.cli import main

sys.exit(main())
