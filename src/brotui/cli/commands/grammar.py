"""The grammar of export, import, attach, detach, attachments, sync and hook (the parser
calls `add_commands`; like it, this imports no command)."""

from __future__ import annotations

import argparse
from collections.abc import Callable

FORMATS = ("pdf", "docx", "md", "html")
STATES = ("draft", "review", "approved")


def add_commands(command: Callable[[str, str], argparse.ArgumentParser],
                 common: argparse.ArgumentParser) -> None:
    p = command("export", "the minutes as PDF/A, Word, Markdown or a web page (one, or many "
                "with --council/--year)")
    p.add_argument("id", metavar="ID", nargs="?")
    p.add_argument("--rev", metavar="REV", help="the revision to export (default: the latest)")
    p.add_argument("--format", choices=FORMATS, required=True)
    p.add_argument("-o", "--output", metavar="FILE",
                   help="where to write it (default: the archive's export folder; with "
                   "--council/--year: a folder)")
    p.add_argument("--public", action="store_true",
                   help="the public copy: marked text masked; refused while a personal "
                   "identity number is not masked")
    p.add_argument("--items", metavar="N,M", type=_numbers,
                   help="an extract (protokollsutdrag) of these items only (an extra item: 17a)")
    p.add_argument("--council", metavar="SLUG", help="every protocol of this council")
    p.add_argument("--year", metavar="YYYY", type=_year, help="every protocol of this year")
    p.add_argument("--state", choices=STATES, help="only protocols in this state")
    p.add_argument("--with-attachments", action="store_true",
                   help="copy each protocol's attachments beside its file (many at once)")

    p = command("import", "read minutes from text, Markdown, Word, OpenDocument or PDF into "
                "the archive, one commit each")
    p.add_argument("files", metavar="FILE", nargs="+")
    p.add_argument("--council", metavar="SLUG", help="the council the minutes belong to")
    p.add_argument("--dry-run", action="store_true",
                   help="show what would be written and the report; write nothing")
    p.add_argument("--format", choices=("table", "json"), default="table")
    p.add_argument("--keep-original", action="store_true",
                   help="keep the file itself as an attachment of the protocol")
    p.add_argument("--edit", action="store_true",
                   help="commit nothing now: keep the files for the TUI (ctrl+b in the "
                   "list), to see what was found beside the source and fix it before the "
                   "first save")

    p = command("attach", "attach a file to a protocol (one commit)")
    p.add_argument("id", metavar="ID")
    p.add_argument("file", metavar="FILE", help="the file (- : standard input, with --name)")
    p.add_argument("--name", metavar="NAME", help="the name to keep it under (default: "
                   "the file's own)")
    p.add_argument("--item", metavar="N", type=int, help="the item (§N) that names it")
    p = command("detach", "remove an attachment from a protocol (one commit)")
    p.add_argument("id", metavar="ID")
    p.add_argument("name", metavar="NAME")
    p = command("attachments", "a protocol's attachments, or one's text (--text NAME)")
    p.add_argument("id", metavar="ID")
    p.add_argument("--rev", metavar="REV")
    p.add_argument("--text", metavar="NAME", help="print the text of this attachment")
    p.add_argument("--format", choices=("table", "json"), default="table")

    p = command("sync", "push, fetch and integrate with the central server now")
    p.add_argument("--status", action="store_true",
                   help="only say how it stands: saves not yet on the central server, "
                   "the last contact, conflicts")
    p.add_argument("--format", choices=("text", "json"), default="text")

    p = command("hook", "the central repository's check of what it receives")
    hooks = p.add_subparsers(dest="hook_action", metavar="ACTION", required=True)
    hooks.add_parser("pre-receive", parents=[common],
                     help="check a push (git runs this from hooks/pre-receive)")
    h = hooks.add_parser("install", parents=[common],
                         help="write hooks/pre-receive into a bare repository")
    h.add_argument("path", metavar="REPO", help="the bare repository")


def _numbers(value: str) -> tuple[int | str, ...]:
    """Items as typed: "4,6", "4,17a", "§ 4, 17 a" (an extra item's letter after its
    number) as model.Item.key has them: (4, "17a")."""
    from brotui.core.model import item_key

    keys = [item_key(p) for p in value.split(",")]
    if not keys or any(k is None for k in keys):
        raise argparse.ArgumentTypeError(f"not item numbers (4,6 or 4,17a): {value!r}")
    return tuple(k for k in keys if k is not None)


def _year(value: str) -> int:
    if not (value.isascii() and value.isdigit() and len(value) == 4):
        raise argparse.ArgumentTypeError(f"not a year (YYYY): {value!r}")
    return int(value)
