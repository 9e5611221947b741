"""Restricted mode (an SSH key's forced command): only the TUI, on --repo, as --author;
nothing from the client chooses the identity, the archive or git's behaviour. Besides the
TUI a key may send minutes for justering and sign them as its person (`review ID`,
`sign ID [--item N] [--content HEX]`: cli.commands.justering.restricted_command)."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import MutableMapping

from brotui.cli.commands.justering import restricted_command
from brotui.cli.commands.start import run_tui
from brotui.cli.common import UsageError
from brotui.cli.output import err
from brotui.core.errors import BrotuiError
from brotui.i18n import t


def restrict_environment(environ: MutableMapping[str, str]) -> None:
    """Under a forced command nothing from the client may choose the identity, the archive,
    git's behaviour or Textual's (TEXTUAL_DRIVER imports a module, TEXTUAL_PRESS presses
    keys, TEXTUAL_SCREENSHOT_LOCATION writes a file): those variables are dropped before
    anything reads them."""
    for name in list(environ):
        if name.startswith(("TEXTUAL_", "GIT_", "PYTHON")) \
                or name in ("BROTUI_AUTHOR", "BROTUI_REPO"):
            del environ[name]


def run_restricted(args: argparse.Namespace) -> int:
    """The one thing a key may do: the terminal UI on its archive, in its person's name."""
    asked = os.environ.get("SSH_ORIGINAL_COMMAND")
    restrict_environment(os.environ)
    if args.command is not None:
        raise UsageError(t("restricted_tui_only"))
    if asked is not None and (justering := restricted_command(asked)) is not None:
        if not args.repo:
            raise UsageError(t("restricted_need_repo"))
        return justering(args)  # review or sign, as the key's person (issue 14)
    if asked is not None:
        from brotui.cli.commands.sending import run_sent

        sent = run_sent(args, asked) if args.repo else None  # `attach ID NAME < file`
        if sent is not None:
            return sent
        err(t("restricted_no_commands"))
    if not args.repo:
        raise UsageError(t("restricted_need_repo"))
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        raise BrotuiError(t("restricted_no_terminal"))
    return run_tui(args, restricted=True,
                   notice=t("restricted_no_commands") if asked is not None else None)
