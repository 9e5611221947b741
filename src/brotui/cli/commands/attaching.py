"""`brotui attach ID FILE [--name NAME] [--item N]`, `brotui detach ID NAME`, `brotui
attachments ID`, and the one write a key may do over SSH besides the TUI: `attach ID
NAME` with the file on standard input (see brotui.cli.restricted). Each add, replace and
remove is one commit by the person (brotui.core.attachments); every limit (size, name,
type, the protocol existing) is checked before anything is written."""

from __future__ import annotations

import argparse
import sys
from typing import BinaryIO

from brotui.cli.commands.catalogue import say
from brotui.cli.commands.syncing import after_write, require
from brotui.cli.common import open_archive
from brotui.cli.output import out, out_json, table
from brotui.core import attachments
from brotui.core.archive import Archive, validate_id
from brotui.core.attachments.messages import size
from brotui.core.errors import BrotuiError
from brotui.core.identity import Identity, resolve_identity
from brotui.i18n import t


def _known(archive: Archive, protocol_id: str) -> None:
    """Refuse an attach to a protocol that does not exist before a byte is read."""
    validate_id(protocol_id)
    tip = archive.tip()
    from brotui.core.model import id_to_path

    if tip is None or archive.tree_entry(tip, id_to_path(protocol_id)) is None:
        raise BrotuiError(t("err_unknown_id", id=protocol_id, where=archive.branch))


def attach_bytes(archive: Archive, protocol_id: str, name: str, data: bytes,
                 author: Identity, item: int | None = None, every_stem: bool = False) -> int:
    """Attach and say what was done (stdout), then tell the central server."""
    done = attachments.attach(archive, protocol_id, name, data, author, item=item,
                              every_stem=every_stem)
    if done.commit is None:
        out(say("attach_unchanged", id=protocol_id, name=done.name))
        return 0
    items = ", ".join(f"§{n}" for n in done.items) or "–"
    key = "attach_replaced" if done.replaced is not None else "attach_done"
    out(say(key, id=protocol_id, name=done.name, kind=done.kind.label,
            size=size(done.size), items=items, commit=done.commit[:10]))
    after_write(archive, author)
    return 0


def run_attach(args: argparse.Namespace) -> int:
    archive = open_archive(args)
    _known(archive, args.id)
    author = resolve_identity(archive.git, args.author)
    require(archive, author, "edit", args.id)
    limit = attachments.max_bytes(archive.settings)
    if args.file == "-":
        if not args.name:
            raise BrotuiError(say("attach_stdin_needs_name"))
        data = attachments.read_stream(sys.stdin.buffer, limit)
        name = args.name
    else:
        data = attachments.read_path(args.file, limit)
        name = args.name or attachments.name_from_path(args.file)
    return attach_bytes(archive, args.id, name, data, author, args.item)


def attach_from_stream(archive: Archive, protocol_id: str, name: str, stream: BinaryIO,
                       author: Identity) -> int:
    """`attach ID NAME < file` over SSH: the protocol, the person's rights and the name
    are checked before the file is read; the file is read up to the archive's limit and
    no further. Items whose entry is the name's stem all name it (the seed's two "Bildspel"
    entries for Bildspel.pdf): over SSH nobody can be asked which."""
    _known(archive, protocol_id)
    require(archive, author, "edit", protocol_id)
    attachments.safe_name(name)  # a refusal (`../`, control characters) before reading
    data = attachments.read_stream(stream, attachments.max_bytes(archive.settings))
    return attach_bytes(archive, protocol_id, name, data, author, every_stem=True)


def run_detach(args: argparse.Namespace) -> int:
    archive = open_archive(args)
    validate_id(args.id)
    author = resolve_identity(archive.git, args.author)
    require(archive, author, "edit", args.id)
    done = attachments.detach(archive, args.id, args.name, author)
    out(say("detach_done", id=args.id, name=done.name, size=size(done.size),
            commit=(done.commit or "")[:10]))
    after_write(archive, author)
    return 0


def run_list(args: argparse.Namespace) -> int:
    """`brotui attachments ID [--rev REV]`: name, type, size, items, who added it; with
    `--text NAME`, that attachment's text (a PDF's text layer, a text file)."""
    archive = open_archive(args)
    if args.text:
        for line in attachments.text(archive, args.id, args.text, args.rev).splitlines():
            out(line)
        return 0
    found = attachments.attachments(archive, args.id, args.rev)
    if args.format == "json":
        out_json([{"name": a.name, "path": a.path, "blob": a.blob, "size": a.size,
                   "kind": a.kind.label if a.kind else None, "items": list(a.items),
                   "added_by": f"{a.added.author} <{a.added.email}>" if a.added else None,
                   "added": a.added.oid if a.added else None} for a in found])
        return 0
    if not found:
        out(say("attachments_none", id=args.id))
        return 0
    rows = [[a.name, a.kind.label if a.kind else "?", size(a.size),
             ", ".join(f"§{n}" for n in a.items) or "–",
             a.added.author if a.added else "?"] for a in found]
    table(rows, [say("col_name"), say("col_kind"), say("col_size"), say("col_items"),
                 say("col_added_by")])
    return 0
