"""Saves that an integration could not merge: recorded for the people who made them.

When this archive and the central server both changed one protocol in the same field
(or one deleted what the other changed, or a side does not read as a protocol), the
integration keeps the central server's version in its merge commit and records the
local side here, one JSON file per protocol and integration under
`.git/brotui/sync/conflicts/`. Nothing is lost: the local commits are parents of the
merge (so in the history for good), and the record names the three versions by commit
and blob (base, local, remote), the conflicting fields, and every local commit that
changed the protocol since the two sides parted, with its author: the people to tell.
`brotui sync --status` lists them; the TUI's conflict screen offers each to its
people (merge.merge(base, local, current) as for two editors), and `dismiss` moves a
record to `resolved/` once it is dealt with.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from brotui.core import codec
from brotui.core.merge import Merged, merge
from brotui.core.sync.remote import sync_dir

if TYPE_CHECKING:
    from brotui.core.archive import Archive
    from brotui.core.identity import Identity

KINDS = ("fields", "deleted-remote", "deleted-local", "added-both", "unreadable", "approved",
         "invalid", "file")


@dataclass(frozen=True)
class LocalCommit:
    """One local save the conflict holds back from the branch's tip."""

    oid: str
    name: str
    email: str
    time: int
    subject: str


@dataclass
class SyncConflict:
    """One protocol (or other file) both sides changed, and the local side not merged.

    kind: "fields" (both changed the same fields: `fields` names them), "deleted-remote"
    (the central server deleted it, here it was changed), "deleted-local" (deleted here,
    changed there), "added-both" (made on both sides, differently), "unreadable" (a side
    that does not read as a protocol), "approved" (the central server's version is
    approved and the merge would change it without a correction), "invalid" (the merge
    would break a rule: e.g. two items given one number), "file" (not a protocol: an
    attachment or a settings file changed on both sides)."""

    id: str
    path: str
    protocol: str | None  # the protocol's id, None for another file
    kind: str
    recorded: float
    merge: str  # the merge commit on the branch, which holds the remote's version
    base: str  # where the two sides parted (their merge base)
    local: str  # this archive's tip that was merged
    remote: str  # the central server's tip that was merged
    base_blob: str | None
    local_blob: str | None  # None: deleted here
    remote_blob: str | None  # None: deleted on the central server
    fields: list[str] = field(default_factory=list)
    commits: list[LocalCommit] = field(default_factory=list)
    resolved_by: str | None = None
    resolved: float | None = None

    @property
    def people(self) -> list[tuple[str, str]]:
        """(name, e-mail) of each person whose save is held back, in the order they saved."""
        return list(dict.fromkeys((c.name, c.email) for c in reversed(self.commits)))

    def involves(self, person: Any) -> bool:
        """Whether `person` (an Identity, or an e-mail address) made one of the saves."""
        email = getattr(person, "email", person)
        return isinstance(email, str) and any(
            c.email.casefold() == email.casefold() for c in self.commits)

    def as_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> SyncConflict:
        commits = [LocalCommit(**c) for c in data.get("commits", [])]
        return cls(**{**data, "commits": commits})


def _folder(git_dir: Path, resolved: bool = False) -> Path:
    path = sync_dir(git_dir) / "conflicts"
    if resolved:
        path = path / "resolved"
    with contextlib.suppress(OSError):
        path.mkdir(parents=True, exist_ok=True)
    return path


def new_id(merge: str, path: str) -> str:
    digest = hashlib.sha1(f"{merge} {path}".encode("utf-8", "surrogateescape")).hexdigest()
    return f"{time.strftime('%Y%m%dT%H%M%S')}-{digest[:12]}"


def record(git_dir: Path, conflict: SyncConflict) -> None:
    """Write a conflict's record, durably (a crash leaves it whole or absent)."""
    target = _folder(git_dir) / f"{conflict.id}.json"
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    data = json.dumps(conflict.as_json(), ensure_ascii=False, indent=1).encode("utf-8")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    try:
        os.write(fd, data)
        os.fsync(fd)
    finally:
        os.close(fd)
    os.replace(tmp, target)


def conflicts(git_dir: Path, person: Any = None, resolved: bool = False) -> list[SyncConflict]:
    """The open conflict records (or the resolved ones), oldest first; with `person` (an
    Identity or an e-mail address), only those holding a save of theirs."""
    found = []
    for path in sorted(_folder(git_dir, resolved).glob("*.json")):
        try:
            item = SyncConflict.from_json(json.loads(path.read_text("utf-8")))
        except (OSError, ValueError, TypeError, KeyError):
            continue  # not one of ours, or unreadable: left as it is
        if person is None or item.involves(person):
            found.append(item)
    return found


def dismiss(git_dir: Path, conflict_id: str, by: Any = None) -> bool:
    """Move a record to `resolved/`, stamped with who (an Identity or text) and when;
    False if there is no open record of that id."""
    if "/" in conflict_id or conflict_id.startswith("."):
        return False
    source = _folder(git_dir) / f"{conflict_id}.json"
    try:
        item = SyncConflict.from_json(json.loads(source.read_text("utf-8")))
    except (OSError, ValueError, TypeError, KeyError):
        return False
    item.resolved_by = str(by) if by is not None else None
    item.resolved = time.time()
    target = _folder(git_dir, resolved=True) / source.name
    target.write_text(json.dumps(item.as_json(), ensure_ascii=False, indent=1), "utf-8")
    source.unlink(missing_ok=True)
    return True


def own_conflict(archive: Archive, protocol_id: str, identity: Identity | None
                 ) -> tuple[SyncConflict | None, Merged | None]:
    """The person's latest open sync conflict of the "fields" kind on the protocol, and
    the three-way merge of its sides (theirs: the central server's) that shows it.

    Read before editing (the TUI's view, with a central server): a record whose blobs
    are gone or do not read as protocols, or whose sides now merge cleanly, is passed
    over; (None, None) when there is none, or no identity to hold one."""
    if identity is None:
        return None, None
    for conflict in reversed(conflicts(archive.git_dir, identity)):
        if conflict.protocol != protocol_id or conflict.kind != "fields" \
                or not (conflict.base_blob and conflict.local_blob and conflict.remote_blob):
            continue
        found = archive.git.cat([conflict.base_blob, conflict.local_blob, conflict.remote_blob])
        base, mine, theirs = (codec.load(f[2]).protocol if f is not None else None
                              for f in found)
        if base is None or mine is None or theirs is None:
            continue
        merged = merge(base, mine, theirs)
        if not merged.clean:
            return conflict, merged
    return None, None
