"""`python -m brotui.cli`: the same as the `brotui` console script."""

import sys

from brotui.cli.main import main

sys.exit(main())
