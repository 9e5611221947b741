"""What every command needs: the archive it works on, the person who writes, a date typed
on the command line, and the refusal of a command line that asks for what cannot be
(exit 2)."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import re

from brotui.core.archive import Archive
from brotui.core.errors import EXIT_USAGE, BrotuiError
from brotui.core.identity import Identity, resolve_identity
from brotui.i18n import t


class UsageError(BrotuiError):
    """The command line asks for something that cannot be: exit status 2."""

    exit_code = EXIT_USAGE


def open_archive(args: argparse.Namespace) -> Archive:
    """The archive of the command line (opened once per command: see syncing.guarded)."""
    opened = getattr(args, "opened_archive", None)
    if isinstance(opened, Archive):
        return opened
    return Archive(args.repo or os.environ.get("BROTUI_REPO") or ".")


def author_of(args: argparse.Namespace, archive: Archive) -> Identity:
    """Who writes: --author, else BROTUI_AUTHOR, else the repository's git identity;
    none at all is a refusal that says how to give one."""
    return resolve_identity(archive.git, args.author)


def date_arg(value: str) -> dt.date:
    """YYYY-MM-DD in ASCII digits (fromisoformat alone also takes 20200220 and 2020-W08-4)."""
    try:
        if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value):
            raise ValueError(value)
        return dt.date.fromisoformat(value)
    except ValueError:
        raise BrotuiError(t("bad_date", raw=value)) from None
