"""`brotui export` (one protocol, an extract, the public copy; or many at once with an
index) and `brotui check --public`. The layouts and the leak check are
brotui.core.publish's; this says where the files went and what was refused."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from pathlib import Path

from brotui.cli.commands.catalogue import say
from brotui.cli.common import UsageError, open_archive
from brotui.cli.output import err, out
from brotui.core import listing, publish
from brotui.core.archive import Archive, validate_id
from brotui.core.errors import BrotuiError, InvalidProtocol
from brotui.core.model import Protocol, id_to_path
from brotui.core.publish.catalogue import label
from brotui.core.validate import check
from brotui.core.values import Entry
from brotui.i18n import language, t


def export_folder(archive: Archive) -> Path:
    """Where an export goes when no -o is given: `.brotui.yaml`'s `export: {folder: F}`
    (relative to the archive's folder), else `export/` under brotui's folder in the git
    directory (never the work tree: nothing there is ever committed by accident)."""
    section = archive.settings.get("export")
    folder = section.get("folder") if isinstance(section, dict) else None
    if isinstance(folder, str) and folder.strip():
        base = archive.work_tree or archive.git_dir
        return (base / os.path.expanduser(folder.strip())).resolve()
    return archive.state.path() / "export"


def _last_change(archive: Archive, protocol_id: str, rev: str | None) -> tuple[str, dt.datetime]:
    """The commit that last changed the protocol at `rev` (the tip), and when."""
    start = archive.resolve(rev) if rev else archive.tip()
    found = archive.git.text("log", "-1", "--format=%H %ct", start or "HEAD", "--",
                             id_to_path(protocol_id)).split() if start else []
    if len(found) != 2:
        raise BrotuiError(t("err_unknown_id", id=protocol_id, where=rev or archive.branch))
    return found[0], dt.datetime.fromtimestamp(int(found[1]), tz=dt.UTC)


def _refuse_leaks(protocol_id: str, protocol: Protocol, lines: dict[str, int],
                  lang: str) -> None:
    """Refuse a public copy while anything in it would leak, naming what and where."""
    leaks = publish.find_leaks(protocol, lines=lines, lang=lang)
    if not leaks:
        return
    path = id_to_path(protocol_id)
    said = [label("pub_refused", lang, count=len(leaks))]
    said += [f"  {path}:{leak.file_line}: {leak.message(lang)}" if leak.file_line
             else f"  {path}: {leak.message(lang)}" for leak in leaks]
    raise BrotuiError("\n".join(said))


def _options(args: argparse.Namespace, archive: Archive) -> publish.Options:
    return publish.Options(lang=archive.language, items=args.items, public=args.public)


def _file_name(protocol_id: str, args: argparse.Namespace) -> str:
    name = publish.file_name(protocol_id, args.format)
    stem, dot, suffix = name.rpartition(".")
    if args.items:
        stem += "-items-" + "-".join(str(n) for n in args.items)
    if args.public:
        stem += "-public"
    return f"{stem}{dot}{suffix}"


def run_export(args: argparse.Namespace) -> int:
    if args.id is None:
        if args.council is None and args.year is None:
            raise UsageError(say("export_what"))
        return _export_many(args)
    if args.council or args.year or args.state or args.with_attachments:
        raise UsageError(say("export_one_or_many"))
    archive = open_archive(args)
    validate_id(args.id)
    revision = archive.read(args.id, args.rev)
    parsed = revision.parsed()
    if not parsed.ok or parsed.protocol is None:
        path = id_to_path(args.id)
        raise InvalidProtocol(say("export_broken", path=path, count=len(parsed.errors)),
                              parsed.errors, where=path)
    options = _options(args, archive)
    if args.public:
        _refuse_leaks(args.id, parsed.protocol, parsed.lines, language())
    commit, saved = _last_change(archive, args.id, args.rev)
    minutes = publish.Minutes(args.id, parsed.protocol, commit, saved=saved)
    data = publish.export(minutes, args.format, options)
    if args.output == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return 0
    target = Path(args.output) if args.output else export_folder(archive) / _file_name(
        args.id, args)
    if target.is_dir():
        target = target / _file_name(args.id, args)
    _write(target, data)
    out(say("export_written", id=args.id, rev=commit[:10], path=str(target.absolute())))
    return 0


def _write(target: Path, data: bytes) -> None:
    """The file whole or not at all (a reader never sees half a PDF)."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
        try:
            tmp.write_bytes(data)
            os.replace(tmp, target)
        finally:
            tmp.unlink(missing_ok=True)
    except OSError as exc:
        raise BrotuiError(say("export_cannot_write", path=str(target),
                              reason=exc.strerror or type(exc).__name__)) from None


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
    for e in entries:
        parsed = check(blobs.get(e.blob, b""), e.id)
        if not parsed.ok or parsed.protocol is None:
            refused.append((e.id, say("export_broken", path=e.path, count=len(parsed.errors))))
            continue
        saved = dt.datetime.fromtimestamp(e.last.time, tz=dt.UTC) if e.last else None
        minutes.append(publish.Minutes(e.id, parsed.protocol, e.last.oid if e.last else None,
                                       saved=saved))
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
            _write(target, data)
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
