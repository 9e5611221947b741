"""`brotui diff` and `brotui blame`: two revisions compared, and who changed each part.

The diff follows the one rule both faces share (fielddiff.diff_files): the field diff
whenever both versions read as protocols, a broken rule or not; the line diff, said so,
only when the reader refuses one of them."""

from __future__ import annotations

import argparse

from brotui.cli.common import open_archive
from brotui.cli.output import err, out, out_json, out_spans, table
from brotui.core import diffrender, fielddiff
from brotui.core.blame import blame
from brotui.core.diff import unified
from brotui.core.text import local_time
from brotui.i18n import t


def run_diff(args: argparse.Namespace) -> int:
    archive = open_archive(args)
    old = archive.read(args.id, args.rev_a)
    new = archive.read(args.id, args.rev_b)
    lines = unified(old.data.decode("utf-8", "replace"), new.data.decode("utf-8", "replace"),
                    f"{args.id}@{args.rev_a}", f"{args.id}@{args.rev_b or archive.branch}")
    changes = fielddiff.diff_files(old.data, new.data)
    if args.format == "json":
        out_json({"id": args.id, "from": old.commit, "to": new.commit,
                  "changes": None if changes is None else [
                      {**c.as_json(), "text": diffrender.plain(diffrender.change_line(c))}
                      for c in changes],
                  "lines": lines})
    elif args.format == "unified" or changes is None:
        if args.format == "semantic":
            err(t("diff_unreadable", id=args.id))
        for line in lines:
            out(line)
    else:
        for spans in diffrender.lines(changes):
            out_spans(spans)
    return 0


def run_blame(args: argparse.Namespace) -> int:
    archive = open_archive(args)
    parts = blame(archive, args.id, args.rev)
    if args.format == "json":
        out_json([b.as_json() for b in parts])
        return 0
    if not parts:
        archive.read(args.id, args.rev).parsed()
        err(t("blame_unreadable", id=args.id))
        return 1
    table([[b.label, b.commit.author, local_time(b.commit.time), b.commit.short]
           for b in parts],
          [t("col_part"), t("col_author"), t("col_changed"), t("col_commit")])
    return 0
