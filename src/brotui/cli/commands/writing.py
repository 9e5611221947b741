"""`brotui new`, `put`, `rm`, `mv` and `restore`: each write is one commit."""

from __future__ import annotations

import argparse
import sys

from brotui.cli.common import author_of, date_arg, open_archive
from brotui.cli.files import read_protocol
from brotui.cli.output import err, err_notes, out
from brotui.core import codec, ops
from brotui.core.archive import validate_id
from brotui.core.diff import unified
from brotui.core.errors import BrotuiError, Exists, MergeConflict, NeedsDate
from brotui.core.merge import conflict_lines
from brotui.core.model import id_to_path
from brotui.i18n import t


def run_new(args: argparse.Namespace) -> int:
    archive = open_archive(args)
    date = date_arg(args.date) if args.date else None
    if not args.from_id and not args.council:
        raise BrotuiError(t("err_need_council"))
    try:
        started = ops.start(archive, args.council, date, args.from_id or None)
    except NeedsDate as exc:
        raise BrotuiError(t("err_no_date", id=exc.id)) from None
    sys.stdout.write(codec.dump(started.protocol))
    err(t("new_hint", id=started.id))
    return 0


def run_put(args: argparse.Namespace) -> int:
    archive = open_archive(args)
    validate_id(args.id)
    parsed, where = read_protocol(args.file, args.id)
    for problem in parsed.problems:
        err(problem.format(where))
    author = author_of(args, archive)
    assert parsed.protocol is not None
    tip = archive.tip()
    new = args.base is None and (tip is None or archive.tree_entry(tip, id_to_path(args.id))
                                 is None)
    try:
        if new:  # new minutes, as the TUI makes them: never over someone's made meanwhile
            try:
                result = ops.create(archive, args.id, parsed.protocol, author)
            except Exists:
                raise BrotuiError(t("err_put_created_meanwhile", id=args.id)) from None
        else:
            result = ops.save(archive, args.id, parsed.protocol, author, base=args.base)
    except MergeConflict as exc:
        err(exc.message)
        for line in conflict_lines(exc.merged.conflicts):  # type: ignore[attr-defined]
            err(line)
        return exc.exit_code
    err_notes(result.notes)
    if result.changed:
        out(t("saved", id=args.id, commit=result.commit))
        merged = ops.merged_note(result)
        if merged is not None:
            out(merged)
    else:
        out(t("unchanged", id=args.id))
    return 0


def run_rm(args: argparse.Namespace) -> int:
    archive = open_archive(args)
    validate_id(args.id)
    author = author_of(args, archive)
    result = ops.remove(archive, args.id, author, base=args.base)
    err_notes(result.notes)
    out(t("deleted_done", id=args.id, commit=result.commit, parent=(result.parent or "")[:10]))
    return 0


def run_mv(args: argparse.Namespace) -> int:
    archive = open_archive(args)
    validate_id(args.id)
    validate_id(args.new_id)
    author = author_of(args, archive)
    result = ops.move(archive, args.id, args.new_id, author, base=args.base)
    err_notes(result.notes)
    out(t("moved_done", old=args.id, new=args.new_id, commit=result.commit))
    return 0


def run_restore(args: argparse.Namespace) -> int:
    """Show the change a restore makes (a unified diff for now), then make it."""
    archive = open_archive(args)
    validate_id(args.id)
    author = None if args.dry_run else author_of(args, archive)
    plan = ops.preview_restore(archive, args.id, args.rev)
    if not plan.changed:
        out(t("restore_unchanged", id=args.id, rev=args.rev))
        return 0
    if plan.moves_back:
        out(t("restore_moves_back", current=args.id, id=plan.source_id, rev=args.rev))
    now = (plan.current or b"").decode("utf-8", "replace")
    for line in unified(now, plan.data.decode("utf-8", "replace"),
                        f"{args.id}@{archive.branch}", f"{plan.source_id}@{args.rev}"):
        out(line)
    if args.dry_run:
        err(t("restore_dry_run"))
        return 0
    assert author is not None
    result = ops.restore(archive, args.id, args.rev, author, base=args.base)
    err_notes(result.notes)
    if result.changed:
        out(t("restored_done", id=result.id, rev=args.rev, commit=result.commit))
    else:
        out(t("restore_unchanged", id=args.id, rev=args.rev))
    return 0
