"""`brotui log`: a protocol's history, the archive's activity, or its deleted protocols."""

from __future__ import annotations

import argparse
import datetime as dt
from typing import Any

from brotui.cli.common import UsageError, date_arg, open_archive
from brotui.cli.output import out, out_json, table
from brotui.core import listing
from brotui.core.archive import validate_id
from brotui.core.errors import BrotuiError
from brotui.core.render import local_time
from brotui.i18n import t


def run(args: argparse.Namespace) -> int:
    archive = open_archive(args)
    filters = (args.author_filter, args.council, args.since, args.until)
    if args.id is not None:
        if any(f is not None for f in filters) or args.deleted:
            raise UsageError(t("err_log_filters"))
        validate_id(args.id)
        commits = archive.history(args.id, limit=args.limit)
        if not commits:
            archive.read(args.id)  # an unknown id is refused, a known one has no history
        activity = [(c, [c.protocol], []) for c in commits]
    elif args.deleted:
        if any(f is not None for f in filters):
            raise UsageError(t("err_log_filters"))
        return log_deleted(listing.deleted(archive), args.format)
    else:
        since = date_arg(args.since) if args.since else None
        until = date_arg(args.until) if args.until else None
        if since and until and since > until:
            raise BrotuiError(t("err_period", since=since, until=until))
        found = archive.activity(args.limit or 50, skip=args.skip, author=args.author_filter,
                                 council=args.council, since=since, until=until)
        if args.format == "json":
            out_json([a.as_json() for a in found])
            return 0
        activity = [(a.commit, a.ids, [x.id for x in a.touched if x.change == "deleted"])
                    for a in found]
    if args.format == "json":
        out_json([{"commit": c.oid, "author": c.author, "email": c.email,
                   "time": dt.datetime.fromtimestamp(c.time).astimezone().isoformat(),
                   "subject": c.subject, "protocols": ids} for c, ids, _ in activity])
        return 0
    if not activity:
        out(t("no_history") if args.id else t("no_activity"))
        return 0
    if args.id is not None:
        table([[local_time(c.time), c.author, c.short, c.subject] for c, _, _ in activity],
              [t("col_changed"), t("col_author"), t("col_commit"), t("col_message")])
        return 0

    def protocols(ids: list[str], deleted: list[str]) -> str:
        return ", ".join(f"{i} ({t('change_deleted')})" if i in deleted else i for i in ids)

    table([[local_time(c.time), c.author, c.short, protocols(ids, deleted), c.subject]
           for c, ids, deleted in activity],
          [t("col_changed"), t("col_author"), t("col_commit"), t("col_protocol"),
           t("col_message")])
    return 0


def log_deleted(deletions: list[Any], format_: str) -> int:
    """`brotui log --deleted`: each deleted protocol, who deleted it, what to restore."""
    if format_ == "json":
        out_json([d.as_json() for d in deletions])
        return 0
    if not deletions:
        out(t("no_deleted"))
        return 0
    table([[local_time(d.commit.time), d.commit.author, d.id, d.last_revision[:10]]
           for d in deletions],
          [t("col_deleted"), t("col_deleted_by"), t("col_id"), t("col_last_revision")])
    return 0
