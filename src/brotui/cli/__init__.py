"""The `brotui` command (see brotui.cli.main). Importing this package stays light:
`main` imports a command's module only when it runs it."""

from brotui.cli import messages  # noqa: F401  (registers the command line's sentences)
from brotui.cli.main import main

__all__ = ["main"]
