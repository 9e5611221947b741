"""One archive, many servers: sync with a central git server that never loses a save.

    after_save(archive, author)   push after a save (sync: on-save); never raises
    push(archive, author)         push the queue now, integrating where the server moved
    fetch(archive, author)        fetch and integrate (before editing, on the interval)
    sync(archive, author)         fetch, integrate, push: `brotui sync`
    integrate(archive, author)    integrate what the last fetch brought
    status(archive, person)       `brotui sync --status`: queue, last contact, last error
    conflicts(archive, person)    saves an integration could not merge, for their people
    dismiss(archive, id, by)      a conflict dealt with
    own_conflict(archive, id, person)  the person's open field conflict on a protocol

Each returns a SyncReport (or SyncStatus); see push.py, integrate.py, conflicts.py.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from brotui.core.sync import conflicts as _records
from brotui.core.sync.conflicts import LocalCommit, SyncConflict, own_conflict
from brotui.core.sync.integrate import Integration
from brotui.core.sync.push import SyncReport, after_save, fetch, integrate, push, sync
from brotui.core.sync.remote import Remote, SyncError
from brotui.core.sync.settings import SyncSettings, sync_settings
from brotui.core.sync.status import SyncStatus, status

if TYPE_CHECKING:
    from brotui.core.archive import Archive


def conflicts(archive: Archive, person: Any = None) -> list[SyncConflict]:
    """The open conflict records of the archive; with `person`, only theirs."""
    return _records.conflicts(archive.git_dir, person)


def dismiss(archive: Archive, conflict_id: str, by: Any = None) -> bool:
    """Mark a conflict record dealt with (moved to resolved/); False if there is none."""
    return _records.dismiss(archive.git_dir, conflict_id, by)


__all__ = ["Integration", "LocalCommit", "Remote", "SyncConflict", "SyncError", "SyncReport",
           "SyncSettings", "SyncStatus", "after_save", "conflicts", "dismiss", "fetch",
           "integrate", "own_conflict", "push", "status", "sync", "sync_settings"]
