"""`brotui log`: three jobs, one output each. `log ID` is a protocol's history,
`log` the archive's activity (filtered by person, council and period), `log --deleted`
the protocols deleted and what to restore them from. `run` only checks which options go
together and picks one; each job's JSON is one document, as the CLI contract has it
(docs/architecture.md, "The CLI contract")."""

from __future__ import annotations

import argparse
import datetime as dt

from brotui.cli.common import UsageError, date_arg, open_archive
from brotui.cli.output import out, out_json, table
from brotui.core import listing
from brotui.core.archive import Archive, validate_id
from brotui.core.errors import BrotuiError
from brotui.core.text import local_time
from brotui.core.values import Activity, Commit, Deletion
from brotui.i18n import t


def run(args: argparse.Namespace) -> int:
    """Which of the three: the filters of the activity go with neither `ID` nor
    `--deleted`, and `ID` does not go with `--deleted`."""
    filters = (args.author_filter, args.council, args.since, args.until)
    if args.id is not None and (args.deleted or any(f is not None for f in filters)):
        raise UsageError(t("err_log_filters"))
    if args.deleted and any(f is not None for f in filters):
        raise UsageError(t("err_log_filters"))
    archive = open_archive(args)
    if args.id is not None:
        return log_history(archive, args.id, args.limit, args.format)
    if args.deleted:
        return log_deleted(listing.deleted(archive), args.format)
    since = date_arg(args.since) if args.since else None
    until = date_arg(args.until) if args.until else None
    if since and until and since > until:
        raise BrotuiError(t("err_period", since=since, until=until))
    return log_activity(archive.activity(args.limit or 50, skip=args.skip,
                                         author=args.author_filter, council=args.council,
                                         since=since, until=until), args.format)


def log_history(archive: Archive, protocol_id: str, limit: int | None, format_: str) -> int:
    """`brotui log ID`: each commit that changed the protocol, newest first."""
    validate_id(protocol_id)
    commits = archive.history(protocol_id, limit=limit)
    if not commits:
        archive.read(protocol_id)  # an unknown id is refused, a known one has no history
    if format_ == "json":
        out_json([_commit_json(c, [c.protocol]) for c in commits])
        return 0
    if not commits:
        out(t("no_history"))
        return 0
    table([[local_time(c.time), c.author, c.short, c.subject] for c in commits],
          [t("col_changed"), t("col_author"), t("col_commit"), t("col_message")])
    return 0


def log_activity(found: list[Activity], format_: str) -> int:
    """`brotui log`: what the archive's commits did, newest first, each with the protocols
    it touched (a deleted one marked so)."""
    if format_ == "json":
        out_json([a.as_json() for a in found])
        return 0
    if not found:
        out(t("no_activity"))
        return 0

    def protocols(a: Activity) -> str:
        deleted = {x.id for x in a.touched if x.change == "deleted"}
        return ", ".join(f"{i} ({t('change_deleted')})" if i in deleted else i for i in a.ids)

    table([[local_time(a.commit.time), a.commit.author, a.commit.short, protocols(a),
            a.commit.subject] for a in found],
          [t("col_changed"), t("col_author"), t("col_commit"), t("col_protocol"),
           t("col_message")])
    return 0


def log_deleted(deletions: list[Deletion], format_: str) -> int:
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


def _commit_json(c: Commit, ids: list[str]) -> dict[str, object]:
    return {"commit": c.oid, "author": c.author, "email": c.email,
            "time": dt.datetime.fromtimestamp(c.time).astimezone().isoformat(),
            "subject": c.subject, "protocols": ids}
