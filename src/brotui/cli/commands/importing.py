"""`brotui import FILE... [--council SLUG] [--dry-run] [--keep-original]`: minutes from
text, Markdown, Word, OpenDocument and PDF into the archive, one commit each by the
person importing (brotui.core.importing.save), with the report of what was found where.
A file that fails is reported and the next one is imported; an id that exists is a
conflict, never an overwrite. Over SSH a file arrives on standard input (`import NAME`)."""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from brotui.cli.commands.catalogue import say
from brotui.cli.commands.syncing import after_write, require
from brotui.cli.common import open_archive
from brotui.cli.output import err, out, out_json, table
from brotui.core import importing, listing
from brotui.core.archive import Archive
from brotui.core.errors import EXIT_CONFLICT, EXIT_REFUSED, BrotuiError, Exists
from brotui.core.identity import Identity, resolve_identity
from brotui.core.importing.save import save_imported
from brotui.core.importing.waiting import WaitingImports
from brotui.core.model import SLUG_RE
from brotui.core.problems import Problem

IMPORTED, WOULD, REFUSED, CONFLICT, WAITING = \
    "imported", "dry-run", "refused", "conflict", "waiting"


@dataclass
class Outcome:
    """What became of one file."""

    source: str
    result: str
    protocol_id: str | None = None
    commit: str | None = None
    reason: str | None = None
    imported: importing.Imported | None = None
    problems: list[Problem] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return {"file": self.source, "result": self.result, "id": self.protocol_id,
                "commit": self.commit, "reason": self.reason,
                "report": self.imported.report.as_json() if self.imported else None,
                "yaml": self.imported.yaml if self.imported else None}


def _council(archive: Archive, slug: str | None) -> str | None:
    """The council's full name for `--council SLUG` (the settings', or its minutes')."""
    if slug is None:
        return None
    if not SLUG_RE.fullmatch(slug):
        raise BrotuiError(say("import_bad_council", slug=slug))
    return listing.council_name(archive, slug)


def _one(archive: Archive, source: str, read: Any, author: Identity | None, *,
         dry_run: bool, original: bytes | None = None, edit: bytes | None = None) -> Outcome:
    """Import one file (`read()` gives the Imported, or refuses) and save it unless
    `dry_run`; with `edit` (the file's bytes) keep it waiting for the person's TUI
    instead. Every refusal is an Outcome: the next file goes on."""
    try:
        imported: importing.Imported = read()
    except BrotuiError as exc:
        return Outcome(source, REFUSED, reason=exc.message)
    report = imported.report
    outcome = Outcome(source, REFUSED, report.protocol_id, imported=imported)
    if report.protocol_id is None:
        outcome.reason = say("import_no_id")
        return outcome
    if edit is not None and author is not None:
        # what was found is shown in the TUI, errors and all, to be fixed there
        WaitingImports(archive, author).keep(Path(source).name, edit)
        outcome.result = WAITING
        return outcome
    errors = [p for p in report.problems if p.is_error]
    if errors:
        outcome.reason = say("import_invalid", count=len(errors))
        outcome.problems = errors
        return outcome
    if dry_run:
        outcome.result = WOULD
        return outcome
    assert author is not None
    try:
        require(archive, author, "create", report.protocol_id)
        saved = save_imported(archive, report.protocol_id, imported, author,
                              (Path(source).name, original) if original is not None else None)
    except Exists:
        outcome.result = CONFLICT
        outcome.reason = say("import_exists", id=report.protocol_id)
        return outcome
    except BrotuiError as exc:
        outcome.reason = exc.message
        return outcome
    outcome.result, outcome.commit = IMPORTED, saved.commit
    after_write(archive, author)
    return outcome


def _say(outcome: Outcome, detail: bool) -> None:
    """One file's result (and with `detail` its report, and with --dry-run its YAML)."""
    if detail and outcome.imported is not None:
        for line in outcome.imported.report.lines():
            out(line)
        if outcome.result == WOULD:
            out(say("import_would_write", id=outcome.protocol_id))
            sys.stdout.write(outcome.imported.yaml)
    if outcome.result == WAITING:
        out(say("import_kept_for_tui", source=outcome.source, id=outcome.protocol_id))
    elif outcome.result == IMPORTED:
        out(say("import_done", source=outcome.source, id=outcome.protocol_id,
                commit=(outcome.commit or "")[:10]))
    elif outcome.result in (REFUSED, CONFLICT):
        err(say("import_refused", source=outcome.source, reason=outcome.reason or ""))
        for problem in outcome.problems:
            err("  " + problem.format(outcome.protocol_id or ""))


def _status(outcomes: list[Outcome]) -> int:
    if any(o.result == REFUSED for o in outcomes):
        return EXIT_REFUSED
    return EXIT_CONFLICT if any(o.result == CONFLICT for o in outcomes) else 0


def run_import(args: argparse.Namespace) -> int:
    archive = open_archive(args)
    author = None if args.dry_run else resolve_identity(archive.git, args.author)
    council = _council(archive, args.council)
    outcomes: list[Outcome] = []
    many = len(args.files) > 1
    tty = sys.stderr.isatty()
    for number, source in enumerate(args.files, 1):
        if many:
            line = say("import_progress", done=number, total=len(args.files), source=source)
            sys.stderr.write(("\r\x1b[K" if tty else "") + line + ("" if tty else "\n"))
            sys.stderr.flush()

        def read(source: str = source) -> importing.Imported:
            return importing.import_file(source, council=council, slug=args.council)

        original = edit = None
        if args.edit and not args.dry_run:
            try:
                edit = Path(source).read_bytes() \
                    if Path(source).stat().st_size <= importing.MAX_BYTES else None
            except OSError:
                edit = None  # the import's own reading says why
        elif args.keep_original and not args.dry_run:
            try:
                original = Path(source).read_bytes() \
                    if Path(source).stat().st_size <= importing.MAX_BYTES else None
            except OSError:
                original = None  # the import's own reading says why
        outcomes.append(_one(archive, source, read, author, dry_run=args.dry_run,
                             original=original, edit=edit))
    if many and tty:
        sys.stderr.write("\n")
    if args.format == "json":
        out_json([o.as_json() for o in outcomes])
        return _status(outcomes)
    for outcome in outcomes:
        _say(outcome, detail=not many or args.dry_run)
    if many:
        rows = [[o.source, o.protocol_id or "–",
                 str(len(o.imported.report.found)) if o.imported else "–",
                 str(len(o.imported.report.problems)) if o.imported else "–",
                 say(f"import_result_{o.result.replace('-', '_')}")] for o in outcomes]
        table(rows, [say("col_file"), "ID", say("col_found"), say("col_problems"),
                     say("col_result")])
    return _status(outcomes)


def import_from_stream(archive: Archive, name: str, stream: BinaryIO,
                       author: Identity, *, edit: bool = False) -> int:
    """`import NAME < file` over SSH: the file read up to the import's limit and no
    further, saved in the key's person's name (with `edit`: kept waiting for their TUI,
    to be fixed before the first save)."""
    data = stream.read(importing.MAX_BYTES + 1)
    if len(data) > importing.MAX_BYTES:
        raise BrotuiError(say("import_stream_too_large", limit=importing.MAX_BYTES // 1_000_000))

    def read() -> importing.Imported:
        return importing.import_bytes(data, name=name)

    outcome = _one(archive, name, read, author, dry_run=False, edit=data if edit else None)
    _say(outcome, detail=True)
    return _status([outcome])
