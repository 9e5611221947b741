"""`brotui list`, `show` and `check`: reading the archive, writing nothing."""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import os
import sys
from pathlib import Path
from typing import Any

from brotui import i18n
from brotui.cli.common import open_archive
from brotui.cli.files import id_of_file, read_file
from brotui.cli.output import err, json_text, out, out_json, table
from brotui.core import listing
from brotui.core.archive import Archive, validate_id
from brotui.core.errors import BrotuiError, InvalidProtocol
from brotui.core.justering import overview
from brotui.core.justering.record import TAG_PREFIX
from brotui.core.model import id_to_path
from brotui.core.problems import Problem
from brotui.core.render import render_text, status_text
from brotui.core.text import local_time, visible
from brotui.i18n import Msg, t

# The last `list --format json` document, under the git directory, after the line that
# says what it was made from (see _answer_key).
_ANSWER_FILE = "list-answer.json"


def run_list(args: argparse.Namespace) -> int:
    archive = open_archive(args)
    key = _answer_key(archive, args) if args.format == "json" else None
    if key is not None:
        try:
            said = (archive.state.path() / _ANSWER_FILE).read_bytes()
        except OSError:
            said = b""
        first, _, document = said.partition(b"\n")
        if first == key.encode() and document:
            sys.stdout.flush()
            sys.stdout.buffer.write(document)
            return 0
    entries = overview.with_state(listing.entries(archive), args.state)
    states = overview.rows(archive, entries)
    if args.format == "json":
        text = json_text([{**e.as_json(), "justering": states[e.id].as_json()
                           if e.id in states else None} for e in entries]) + "\n"
        if key is not None:
            archive.state.write_file(_ANSWER_FILE, key.encode() + b"\n" + text.encode())
        sys.stdout.write(text)
        return 0
    if not entries:
        out(t("no_protocols"))
        return 0
    rows = []
    for e in entries:
        status = t("broken") if e.broken else (
            states[e.id].label if e.id in states else status_text(e.status))
        rows.append([e.date or "", e.council or "", status,
                     e.last.author if e.last else "", local_time(e.last.time if e.last else None),
                     e.id])
    table(rows, [t("col_date"), t("col_council"), t("col_status"), t("col_changed_by"),
                 t("col_changed"), t("col_id")])
    return 0


def _answer_key(archive: Archive, args: argparse.Namespace) -> str | None:
    """What a list's JSON is made of, in one line: the branch's tip (every file, every
    last change), the approvals' tags (their dates), the language (the problems'
    sentences, the states' words), today (minutes late for justering), the state asked
    for, and this version's caches and layout. The same line, the same document: a warm
    `list --format json` of a city's 20,000 protocols writes what it wrote, instead of
    making 10 MB of JSON again. None when there is no tip (nothing to keep)."""
    tip = archive.tip()
    if tip is None:
        return None
    tags = archive.git.try_text("for-each-ref", "--format=%(refname) %(objectname)",
                                f"refs/tags/{TAG_PREFIX}") or ""
    made_of = "\0".join([listing.LIST_CACHE_VERSION, archive.ref, tip, tags, i18n.language(),
                         dt.date.today().isoformat(), args.state or "",
                         "tty" if sys.stdout.isatty() else ""])
    return hashlib.sha256(made_of.encode("utf-8", "surrogateescape")).hexdigest()


def run_show(args: argparse.Namespace) -> int:
    # Lazy, and only here and in run_check: a warm `brotui list` (this module) reads its
    # summaries from the list cache and must not pay for PyYAML (BENCHMARKS.md).
    from brotui.core import codec

    archive = open_archive(args)
    revision = archive.read(args.id, args.rev)
    if args.format == "yaml":
        if sys.stdout.isatty():
            sys.stdout.write(visible(revision.data.decode("utf-8", "replace")))
        else:
            sys.stdout.buffer.write(revision.data)
        return 0
    parsed = revision.parsed()
    if not parsed.ok:
        raise InvalidProtocol(t("err_not_shown", where=id_to_path(args.id), id=args.id,
                                count=len(parsed.errors)), parsed.problems,
                              where=id_to_path(args.id))
    for problem in parsed.problems:
        err(problem.format(id_to_path(args.id)))
    assert parsed.protocol is not None
    if args.format == "json":
        out_json({"id": args.id, "commit": revision.commit, "blob": revision.blob,
                  "protocol": codec.to_tree(parsed.protocol)})
    else:
        sys.stdout.write(visible(render_text(parsed.protocol)))
    return 0


def run_check(args: argparse.Namespace) -> int:
    from brotui.core.validate import check  # lazy: see run_show

    results: list[tuple[str, list[Any]]] = []
    archive_targets = []
    for target in args.targets:
        if target.endswith(".yaml") and os.path.lexists(target):
            data, refused = read_file(target)
            protocol_id = id_of_file(target)
            problems = refused if data is None else check(data, protocol_id).problems
            if protocol_id is None and "protocols" in Path(target).absolute().parts[:-1]:
                problems.insert(0, Problem("", None, Msg.of("bad_filename")))
            results.append((target, problems))
        else:
            archive_targets.append(validate_id(target))
    if archive_targets or not args.targets:
        archive = open_archive(args)
        everything = listing.check_all(archive)
        if archive_targets:
            by_path = dict(everything)
            for protocol_id in archive_targets:
                path = id_to_path(protocol_id)
                if path not in by_path:
                    raise BrotuiError(t("err_unknown_id", id=protocol_id, where=archive.branch))
                results.append((path, by_path[path]))
        else:
            results.extend(everything)
    n_errors = n_warnings = 0
    for path, problems in results:
        for problem in problems:
            err(problem.format(path))
            n_errors += problem.is_error
            n_warnings += not problem.is_error
    if n_errors or n_warnings:
        err(t("check_summary", count=len(results), errors=n_errors, warnings=n_warnings))
    else:
        out(t("check_clean", count=len(results)))
    return 1 if n_errors else 0
