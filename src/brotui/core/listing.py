"""The archive's list: every protocol at the branch tip with its state and last change,
the protocols deleted from it, every file checked, a council's name, and the free id for
a council's next meeting.

The list's summaries and the deletions are cached under the git directory; a warm
`brotui list` reads the cache and parses no protocol (nor imports YAML).
"""

from __future__ import annotations

import datetime as dt

from brotui.core import new
from brotui.core.archive import Archive
from brotui.core.problems import Problem
from brotui.core.values import Deletion, Entry


def entries(archive: Archive) -> list[Entry]:
    """Every protocol at the branch tip with its state and last change, newest first."""
    return archive._entries()


def deleted(archive: Archive) -> list[Deletion]:
    """Protocols that existed in the history but not at the branch tip, newest deletion
    first: each with the commit that deleted it and the revision to restore."""
    return archive._deleted()


def check_all(archive: Archive, rev: str | None = None) -> list[tuple[str, list[Problem]]]:
    """Every file under protocols/ at a revision (default: the tip) with all its problems."""
    return archive._check_all(rev)


def council_name(archive: Archive, slug: str) -> str | None:
    """A council's full name from the settings or its latest protocol."""
    return archive._council_name(slug)


def free_id(archive: Archive, slug: str, date: dt.date) -> str:
    """The id for a council's meeting on a date: `-2`, `-3`... if one is already listed
    (see new.free_id)."""
    return new.free_id((e.id for e in entries(archive)), slug, date)
