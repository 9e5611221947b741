"""Where the archive stands with its central server: `brotui sync --status`, the title line."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from brotui.core.sync import conflicts as records
from brotui.core.sync import remote as net
from brotui.core.sync import tags as justering_tags
from brotui.core.sync.conflicts import SyncConflict
from brotui.core.sync.messages import say
from brotui.core.sync.push import pending_count
from brotui.core.sync.remote import SyncError
from brotui.core.sync.settings import SyncSettings, sync_settings

if TYPE_CHECKING:
    from brotui.core.archive import Archive


@dataclass
class SyncStatus:
    """The archive's sync state. `pending`: saves not yet on the central server (git
    rev-list --count <tracking>..<branch>); `incoming`: commits fetched from it and not
    yet integrated; `last_contact`: when it last answered (seconds since the epoch);
    `last_error`: why the last attempt since failed (None: it answered);
    `conflicts`: open conflict records (all, or the given person's); `tags_pending`: the
    justering tags (`justerat/<id>`) made here that the server lacked when last seen."""

    settings: SyncSettings
    remote: str | None = None  # as people may read it (no password)
    tracking: str | None = None
    pending: int = 0
    incoming: int = 0
    last_contact: float | None = None
    last_error: SyncError | None = None
    busy: bool = False  # a fetch or push is under way now
    conflicts: list[SyncConflict] = field(default_factory=list)
    tags_pending: list[str] = field(default_factory=list)

    @property
    def enabled(self) -> bool:
        return self.remote is not None

    def title(self, lang: str | None = None) -> str | None:
        """The title line's words: "not yet on the central server: N saves", None if none."""
        if not self.enabled or not self.pending:
            return None
        return say("title_pending", lang, count=self.pending)

    def lines(self, lang: str | None = None) -> list[str]:
        """`brotui sync --status`, as sentences."""
        if not self.enabled:
            return [*self.settings.problems, say("status_off", lang)]
        out = [say("status_remote", lang, remote=self.remote, branch=self.settings.branch,
                   mode=self.settings.mode, interval=self.settings.interval)]
        out.append(say("status_pending", lang, count=self.pending) if self.pending
                   else say("status_none_pending", lang))
        if self.tags_pending:
            shown = self.tags_pending[:5] + (["…"] if len(self.tags_pending) > 5 else [])
            out.append(say("status_tags_pending", lang, count=len(self.tags_pending),
                           tags=", ".join(shown)))
        if self.incoming:
            out.append(say("status_incoming", lang, count=self.incoming))
        out.append(say("status_contact", lang, when=_when(self.last_contact))
                   if self.last_contact else say("status_never", lang))
        if self.last_error is not None:
            out.append(say("status_error", lang, when=_when(self.last_error.time),
                           message=self.last_error.message))
            out += [say("report_server_said", lang, line=line)
                    for line in self.last_error.server_lines]
        if self.busy:
            out.append(say("status_busy", lang))
        for c in self.conflicts:
            out.append(say("status_conflict", lang, path=c.path, when=_when(c.recorded),
                           people=", ".join(f"{n} <{e}>" for n, e in c.people) or "?",
                           id=c.id))
        return [*self.settings.problems, *out]

    def as_json(self) -> dict[str, Any]:
        return {
            "remote": self.remote, "branch": self.settings.branch, "sync": self.settings.mode,
            "interval": self.settings.interval, "tracking": self.tracking,
            "pending": self.pending, "tags_pending": list(self.tags_pending),
            "incoming": self.incoming,
            "last_contact": self.last_contact,
            "last_error": self.last_error.as_json() if self.last_error else None,
            "busy": self.busy, "problems": list(self.settings.problems),
            "conflicts": [c.as_json() for c in self.conflicts],
        }


def _when(seconds: float | None) -> str:
    if not seconds:
        return "?"
    return dt.datetime.fromtimestamp(seconds).astimezone().strftime("%Y-%m-%d %H:%M:%S")


def status(archive: Archive, person: Any = None) -> SyncStatus:
    """The archive's sync state, read without asking the server anything (a few git
    processes); `person` (an Identity or e-mail) limits the conflicts to theirs."""
    settings = sync_settings(archive)
    remote = net.remote_of(archive.git, settings)
    if remote is None:
        return SyncStatus(settings)
    contact = net.read_contact(archive.git_dir)
    tip, theirs = archive.tip(), net.tracking_tip(archive.git, remote)
    incoming = 0
    if theirs:
        incoming = int(archive.git.text("rev-list", "--count", theirs,
                                        *(["--not", tip] if tip else [])).strip() or 0)
    waiting = [f"justerat/{name}" for name in justering_tags.unpushed(archive.git, remote)[0]]
    return SyncStatus(settings, remote.shown, remote.tracking, pending_count(archive, remote),
                      incoming, contact.last_contact, contact.last_error,
                      net.sync_lock_held(archive.git_dir),
                      records.conflicts(archive.git_dir, person), waiting)
