"""What a key may send over SSH besides opening the TUI: exactly `attach ID NAME` or
`import NAME [--edit]`, the file on standard input, saved as the key's person with the same
limits as everywhere. Anything else the client asks for is never run (None: the
caller says so). The command is split as a shell would split words, and nothing more:
no expansion, no redirection, no second command."""

from __future__ import annotations

import argparse
import shlex
import sys

from brotui.cli.common import open_archive
from brotui.core.identity import resolve_identity


def words(asked: str) -> list[str] | None:
    """The client's command as words, or None when it is not one of ours."""
    try:
        parts = shlex.split(asked, comments=False, posix=True)
    except ValueError:
        return None
    if len(parts) == 3 and parts[0] == "attach":
        return parts
    if parts[0] == "import" and (len(parts) == 2 or (len(parts) == 3 and parts[2] == "--edit")):
        return parts
    return None


def run_sent(args: argparse.Namespace, asked: str) -> int | None:
    """Run `attach ID NAME` or `import NAME` from standard input; None if `asked` is
    neither (the caller refuses it)."""
    parts = words(asked)
    if parts is None:
        return None
    archive = open_archive(args)
    author = resolve_identity(archive.git, args.author)
    if parts[0] == "attach":
        from brotui.cli.commands.attaching import attach_from_stream

        return attach_from_stream(archive, parts[1], parts[2], sys.stdin.buffer, author)
    from brotui.cli.commands.importing import import_from_stream

    return import_from_stream(archive, parts[1], sys.stdin.buffer, author,
                              edit=parts[2:] == ["--edit"])
