"""`brotui search`: words and phrases in the protocols now, or through their history."""

from __future__ import annotations

import argparse
import os
import sys

from brotui.cli.common import open_archive
from brotui.cli.output import err, marked, out_json, table
from brotui.core import search
from brotui.core.query import Query
from brotui.core.text import local_time
from brotui.i18n import t


def run(args: argparse.Namespace) -> int:
    """Like grep: 0 when something was found, 1 when nothing was (said on stderr)."""
    archive = open_archive(args)
    query = Query.from_args(args.text).require()
    if args.history:
        trails = search.history(archive, query)
        if args.format == "json":
            out_json([trail.as_json() for trail in trails])
        elif trails:
            rows = []
            for trail in trails:
                rows += [[trail.id, c.label(), c.commit.short, c.commit.author,
                          local_time(c.commit.time)] for c in trail.changes]
                rows.append([trail.id, t("search_present" if trail.present else "search_absent"),
                             "", "", ""])
            table(rows, [t("col_id"), t("col_change"), t("col_commit"), t("col_author"),
                         t("col_changed")])
            err(t("search_found_history", changes=sum(len(tr.changes) for tr in trails),
                  protocols=len(trails)))
        if not trails:
            err(t("search_nothing_history", query=str(query)))
        return 0 if trails else 1
    hits = search.search(archive, query)
    if args.format == "json":
        out_json([hit.as_json() for hit in hits])
    elif hits:
        bold = sys.stdout.isatty() and not os.environ.get("NO_COLOR")
        table([[hit.id, hit.part.label(), marked(hit, bold)] for hit in hits],
              [t("col_id"), t("col_part"), t("col_hit")], made_visible=True)
        err(t("search_found", hits=len(hits), protocols=len({hit.id for hit in hits})))
    if not hits:
        err(t("search_nothing", query=str(query)))
    return 0 if hits else 1
