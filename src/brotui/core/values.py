"""The archive's value types: a commit as people see it, what a commit touched, the
archive's activity and deletions, an entry of the list, a file at a revision, what a
save did, and what one commit writes. Plain data: reading them needs no git."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from brotui.core.model import path_to_id
from brotui.core.problems import Problem
from brotui.i18n import Msg

if TYPE_CHECKING:
    from brotui.core import codec
    from brotui.core.model import Protocol


@dataclass(frozen=True)
class Commit:
    """One commit as people see it: who, when, what."""

    oid: str
    author: str
    email: str
    time: int  # seconds since the epoch
    subject: str = ""
    protocol: str = ""  # in a history: the protocol's id at this commit (it may have moved)

    @property
    def short(self) -> str:
        return self.oid[:10]


@dataclass(frozen=True)
class Touched:
    """One protocol a commit touched, and how: "added", "changed" or "deleted"."""

    id: str
    change: str


@dataclass(frozen=True)
class Activity:
    """One commit in the archive's activity: who, when, its summary, the protocols."""

    commit: Commit
    touched: tuple[Touched, ...]
    renamed_from: str = ""  # a move (brotui mv): the id the protocol had before

    @property
    def ids(self) -> list[str]:
        return [x.id for x in self.touched]

    @property
    def target(self) -> str | None:
        """The protocol to open for this change: one that still exists after it, else the
        first it touched (a deletion: its history leads to what can be restored)."""
        kept = [x.id for x in self.touched if x.change != "deleted"]
        return next(iter(kept or self.ids), None)

    def as_json(self) -> dict[str, Any]:
        c = self.commit
        return {"commit": c.oid, "author": c.author, "email": c.email,
                "time": dt.datetime.fromtimestamp(c.time).astimezone().isoformat(),
                "subject": c.subject, "protocols": self.ids,
                "changes": [{"id": x.id, "change": x.change} for x in self.touched],
                "renamed_from": self.renamed_from or None}


@dataclass(frozen=True)
class Deletion:
    """A protocol deleted from the archive: the commit that did it, and the last
    revision that holds it (what `restore` brings back)."""

    id: str
    commit: Commit
    last_revision: str

    def as_json(self) -> dict[str, Any]:
        c = self.commit
        return {"id": self.id, "deleted_in": c.oid, "author": c.author, "email": c.email,
                "time": dt.datetime.fromtimestamp(c.time).astimezone().isoformat(),
                "subject": c.subject, "last_revision": self.last_revision}


@dataclass
class Entry:
    """One protocol in the archive list."""

    id: str
    path: str
    blob: str
    council: str | None
    date: str | None
    status: str | None
    errors: int
    warnings: int
    problem: Problem | None  # the first (an error before a warning), said when shown
    last: Commit | None = None

    @property
    def broken(self) -> bool:
        return self.errors > 0

    @property
    def first_problem(self) -> str | None:
        """The first problem in the reader's language."""
        return self.problem.format() if self.problem else None

    def as_json(self) -> dict[str, Any]:
        last = self.last
        return {
            "id": self.id, "path": self.path, "blob": self.blob, "council": self.council,
            "date": self.date, "status": self.status, "broken": self.broken,
            "errors": self.errors, "warnings": self.warnings,
            "first_problem": self.first_problem,
            "last": None if last is None else {
                "commit": last.oid, "author": last.author, "email": last.email,
                "time": last.time, "subject": last.subject},
        }


@dataclass
class Revision:
    """A protocol file as it is at one commit."""

    id: str
    commit: str
    blob: str
    data: bytes
    path: str = ""

    def parsed(self) -> codec.Parsed:
        # Here, not above: the values travel everywhere, and a history (`brotui log ID`)
        # reads no YAML.
        from brotui.core.validate import check

        parsed = check(self.data, self.id)
        if self.path and path_to_id(self.path) is None:
            parsed.problems.insert(0, Problem("", None, Msg.of("bad_filename")))
        return parsed


@dataclass
class SaveResult:
    id: str
    commit: str | None  # None: nothing to save, the file was already so
    parent: str | None
    message: str = ""
    notes: list[Msg] = field(default_factory=list)  # said by the face, in its language
    merged: list[Any] = field(default_factory=list)  # what others changed meanwhile (fielddiff)
    protocol: Protocol | None = None  # what was saved, when that is a merge

    @property
    def changed(self) -> bool:
        return self.commit is not None


@dataclass
class Write:
    """What one commit writes: path -> the file's new content, or None to delete it;
    and its message."""

    files: dict[str, bytes | None]
    message: str
