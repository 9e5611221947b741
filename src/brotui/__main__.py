"""`python -m brotui`: the command line, as the `brotui` script (a hook installed by
`brotui hook install` may name this Python and this module)."""

import sys

from brotui.cli import main

sys.exit(main())
