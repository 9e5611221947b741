"""`brotui export` (one protocol, an extract, the public copy; or many at once with an
index) and `brotui check --public`. The layouts and the leak check are
brotui.core.publish's; this says where the files went and what was refused."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from brotui.cli.commands.catalogue import say
from brotui.cli.common import UsageError, open_archive
from brotui.cli.output import err, out
from brotui.core import listing, publish
from brotui.core.archive import Archive, validate_id
from brotui.core.errors import BrotuiError
from brotui.core.model import id_to_path
from brotui.core.publish import files
from brotui.core.validate import check
from brotui.core.values import Entry
from brotui.i18n import language


def _options(args: argparse.Namespace, archive: Archive) -> publish.Options:
    return publish.Options(lang=archive.language, items=args.items, public=args.public)


def run_export(args: argparse.Namespace) -> int:
    if args.id is None:
        if args.council is None and args.year is None:
            raise UsageError(say("export_what"))
        return _export_many(args)
    if args.council or args.year or args.state or args.with_attachments:
        raise UsageError(say("export_one_or_many"))
    archive = open_archive(args)
    validate_id(args.id)
    items = tuple(args.items or ())
    if args.output == "-":
        exported = files.render(archive, args.id, args.format, rev=args.rev,
                                public=args.public, items=items, leak_lang=language())
        sys.stdout.buffer.write(exported.data)
        sys.stdout.flush()
        return 0
    exported, target = files.export_to_folder(
        archive, args.id, args.format, rev=args.rev, public=args.public, items=items,
        target=Path(args.output) if args.output else None)
    out(say("export_written", id=args.id, rev=exported.commit[:10], path=str(target)))
    return 0


def _chosen(archive: Archive, args: argparse.Namespace) -> list[Entry]:
    year = str(args.year) if args.year else None
    return [e for e in listing.entries(archive)
            if (args.council is None or e.id.startswith(args.council + "/"))
            and (year is None or (e.date or "").startswith(year))
            and (args.state is None or (e.status or "draft") == args.state)]


def _export_many(args: argparse.Namespace) -> int:
    archive = open_archive(args)
    if not args.output:
        raise UsageError(say("export_many_needs_folder"))
    entries = _chosen(archive, args)
    if not entries:
        raise BrotuiError(say("export_none_chosen"))
    blobs = archive.git.cat_blobs([e.blob for e in entries])
    minutes: list[publish.Minutes] = []
    refused: list[tuple[str, str]] = []
    tip = archive.tip() or ""
    with_files = _with_attachments(archive, tip) if args.format == "pdf" else set()
    for e in entries:
        parsed = check(blobs.get(e.blob, b""), e.id)
        if not parsed.ok or parsed.protocol is None:
            refused.append((e.id, say("export_broken", path=e.path, count=len(parsed.errors))))
            continue
        saved = dt.datetime.fromtimestamp(e.last.time, tz=dt.UTC) if e.last else None
        sigs: tuple[publish.Signature, ...] = ()
        corrs: tuple[publish.Correction, ...] = ()
        if (parsed.protocol.status or "draft") != "draft":  # in review or justerad
            from brotui.core.justering.export import recorded

            sigs, corrs = recorded(archive, e.id, tip, archive.language)
        minutes.append(publish.Minutes(
            e.id, parsed.protocol, e.last.oid if e.last else None, sigs, corrs, saved,
            files.enclosures(archive, e.id) if e.id in with_files else ()))
    tty = sys.stderr.isatty()

    def progress(done: int, total: int, protocol_id: str, action: str) -> None:
        line = say("export_progress", done=done, total=total, id=protocol_id,
                   action=say(f"export_action_{action}"))
        sys.stderr.write(("\r\x1b[K" if tty else "") + line + ("" if tty else "\n"))
        sys.stderr.flush()

    folder = Path(args.output)
    report = publish.export_many(minutes, folder, args.format, _options(args, archive),
                                 progress)
    if tty:
        sys.stderr.write("\n")
    copied = _copy_attachments(archive, minutes, report, folder, args.format) \
        if args.with_attachments else 0
    for protocol_id, reason in refused + report.refused:
        err(say("export_refused", id=protocol_id, reason=reason))
    out(say("export_many_done", written=len(report.written), unchanged=len(report.unchanged),
            refused=len(refused) + len(report.refused), copied=copied,
            index=str((folder / publish.INDEX_NAME).absolute())))
    return 1 if refused or report.refused else 0


def _with_attachments(archive: Archive, tip: str) -> set[str]:
    """The ids whose attachments folder is not empty at `tip` (one `ls-tree`), so a PDF
    export asks only those for the files it embeds."""
    from brotui.core.attachments import owner_of

    listed = archive.git.try_text("ls-tree", "-r", "--name-only", tip, "--", "protocols/") \
        if tip else None
    return {owner for path in (listed or "").splitlines()
            if (owner := owner_of(path)) is not None}


def _copy_attachments(archive: Archive, minutes: list[publish.Minutes],
                      report: publish.BulkReport, folder: Path, fmt: str) -> int:
    """Each exported protocol's attachments beside its file, in `<file>.files/` (only
    those whose bytes differ from what is there); how many were written."""
    from brotui.core import attachments

    done = set(report.written) | set(report.unchanged)
    copied = 0
    for m in minutes:
        name = publish.file_name(m.protocol_id, fmt)
        if name not in done:
            continue
        found = attachments.attachments(archive, m.protocol_id)
        if not found:
            continue
        blobs = archive.git.cat_blobs([a.blob for a in found])
        beside = folder / (name.rpartition(".")[0] + ".files")
        for a in found:
            data = blobs.get(a.blob, b"")
            target = beside / a.name
            try:
                if target.is_file() and target.read_bytes() == data:
                    continue
            except OSError:
                pass
            files.write(target, data)
            copied += 1
    return copied


def run_check_public(args: argparse.Namespace) -> int:
    """`brotui check --public [ID ...]`: what a public copy of each would leak, and where."""
    archive = open_archive(args)
    lang = language()  # the person's: these are sentences for them
    if args.targets:
        ids = [validate_id(i) for i in args.targets]
        revisions = [archive.read(i) for i in ids]
        datas = [(r.id, r.data) for r in revisions]
    else:
        entries = listing.entries(archive)
        blobs = archive.git.cat_blobs([e.blob for e in entries])
        datas = [(e.id, blobs.get(e.blob, b"")) for e in entries]
    found = 0
    for protocol_id, data in datas:
        parsed = check(data, protocol_id)
        if parsed.protocol is None:
            continue
        path = id_to_path(protocol_id)
        for leak in publish.find_leaks(parsed.protocol, lines=parsed.lines, lang=lang):
            found += 1
            where = f"{path}:{leak.file_line}" if leak.file_line else path
            out(f"{where}: {leak.message(lang)}")
    if found:
        err(say("check_public_found", count=found))
        return 1
    out(say("check_public_clean", count=len(datas)))
    return 0
