"""Bringing the central server's commits into the archive's branch, never rewriting it.

- The branch is an ancestor of the central server's (only they moved): a fast-forward.
- Both moved: a merge commit whose first parent is the local tip and second the
  central server's. Its tree is the central server's, with each file only this archive
  changed since the two parted (their merge base) taken from here; a protocol both
  changed is merged on the model (brotui.core.merge, as for two editors), and written
  when the merge is clean, valid, and leaves an approved protocol as the rules allow.
  Otherwise nothing of it is written: the merge keeps the central server's version, and
  the local side is recorded (brotui.core.sync.conflicts) for the people who saved it.
- Only this archive moved, or neither: nothing to do.

The branch moves by compare-and-swap (`update-ref REF NEW OLD`) under the archive's
save lock, and each file the move changes is brought in step in a checked-out work tree
by the archive's own work-tree sync (a copy holding changes of its own is kept, with a
note), behind the same record of pending work a save uses, so a brotui killed half-way
is finished by the next. Everything slow (reading, merging, writing objects) happens
before the lock; if a save moved the branch meanwhile, the integration starts again
from the new tip (bounded).
"""

from __future__ import annotations

import contextlib
import os
import threading
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from brotui.core import worktree
from brotui.core.commit import REF_LOCK_WAIT_MS, ref_refused, write_blob
from brotui.core.git import ZERO, GitError
from brotui.core.identity import Identity
from brotui.core.model import path_to_id
from brotui.core.signing import signing
from brotui.core.sync import conflicts as records
from brotui.core.sync.conflicts import LocalCommit, SyncConflict
from brotui.core.sync.messages import said, say
from brotui.core.sync.remote import Remote, RemoteFailed, SyncError, sync_dir, tracking_tip
from brotui.i18n import Msg

if TYPE_CHECKING:
    from brotui.core.archive import Archive

ATTEMPTS = 20
FALLBACK_AUTHOR = Identity("brotui", "brotui@localhost")


@dataclass(frozen=True)
class FileChange:
    """One path changed between two commits: (mode, blob) before and after; None: absent."""

    path: str
    old: tuple[str, str] | None
    new: tuple[str, str] | None


@dataclass
class Integration:
    """What an integration did. kind: "none" (nothing to bring in: the branch holds the
    central server's), "fast-forward", or "merge" (a merge commit, `conflicts` recorded)."""

    kind: str = "none"
    old: str | None = None  # the branch before
    new: str | None = None  # the branch after
    remote: str | None = None  # the central server's tip that was brought in
    commits: int = 0  # commits brought in from the central server
    files: int = 0  # files of the branch's tip it changed
    merged: list[str] = field(default_factory=list)  # protocols merged field by field
    conflicts: list[SyncConflict] = field(default_factory=list)
    notes: list[Msg] = field(default_factory=list)  # from the work-tree sync
    # the protocols whose file or attachments changed: an open view of one reads it again
    touched: set[str] = field(default_factory=set)


def is_ancestor(archive: Archive, old: str, new: str) -> bool:
    return archive.git.try_text("merge-base", "--is-ancestor", old, new) is not None


def _ahead_behind(archive: Archive, ours: str | None, theirs: str) -> tuple[int, int]:
    """(commits on ours not on theirs, commits on theirs not on ours), one `rev-list`."""
    if ours is None:
        return 0, int(archive.git.text("rev-list", "--count", theirs).strip() or 0)
    left, _, right = archive.git.text("rev-list", "--left-right", "--count",
                                      f"{ours}...{theirs}").strip().partition("\t")
    return int(left or 0), int(right or 0)


def _touched(changes: list[FileChange]) -> set[str]:
    from brotui.core.attachments.paths import owner_of

    return {found for c in changes
            if (found := path_to_id(c.path) or owner_of(c.path)) is not None}


def changed_files(archive: Archive, old: str | None, new: str) -> list[FileChange]:
    """Every file that differs between two commits (old None: every file of `new`), from
    one `git diff-tree` (or `ls-tree`)."""
    if old is None:
        out = archive.git.run("ls-tree", "-r", "-z", "--full-tree", new)
        found = []
        for record in out.split(b"\0"):
            if record:
                meta, _, path = record.partition(b"\t")
                mode, _kind, oid = meta.decode().split()
                found.append(FileChange(path.decode("utf-8", "surrogateescape"), None,
                                        (mode, oid)))
        return found
    out = archive.git.run("diff-tree", "-r", "-z", "--no-renames", "--no-abbrev", old, new)
    parts = out.split(b"\0")
    found = []
    for meta, path in zip(parts[0::2], parts[1::2], strict=False):
        if not meta.startswith(b":"):
            continue
        old_mode, new_mode, old_oid, new_oid, _status = meta[1:].decode().split()
        found.append(FileChange(
            path.decode("utf-8", "surrogateescape"),
            None if old_oid.strip("0") == "" else (old_mode, old_oid),
            None if new_oid.strip("0") == "" else (new_mode, new_oid)))
    return found


def integrate_locked(archive: Archive, remote: Remote, author: Identity | None = None
                     ) -> Integration:
    """Integrate what `remote.tracking` holds (see the module's text). The caller holds the
    sync lock (brotui.core.sync.remote.sync_lock); RemoteFailed("diverged") if the two
    branches share no history, BrotuiError if the branch cannot be moved."""
    for _attempt in range(ATTEMPTS):
        theirs = tracking_tip(archive.git, remote)
        ours = archive.tip()
        if theirs is None or theirs == ours:
            return Integration("none", ours, ours, theirs)
        # One walk says both: commits only ours has, and only theirs (how many come in)
        mine, count = _ahead_behind(archive, ours, theirs)
        if count == 0:  # theirs is in ours already
            return Integration("none", ours, ours, theirs)
        if ours is None or mine == 0:
            changes = changed_files(archive, ours, theirs)
            notes = _advance(archive, ours, theirs, changes,
                             f"brotui sync: fast-forward to {remote.tracking}")
            if notes is not None:
                return Integration("fast-forward", ours, theirs, theirs, count, len(changes),
                                   notes=notes, touched=_touched(changes))
            continue
        plan = _merge(archive, ours, theirs, remote, author)
        changes = changed_files(archive, ours, plan.commit)
        notes = _advance(archive, ours, plan.commit, changes,
                         f"brotui sync: merge {remote.tracking}")
        if notes is None:
            continue  # a save came in meanwhile: merge again from the new tip
        for conflict in plan.conflicts:
            conflict.merge = plan.commit
            records.record(archive.git_dir, conflict)
        return Integration("merge", ours, plan.commit, theirs, count, len(changes),
                           plan.merged, plan.conflicts, notes, _touched(changes))
    from brotui.core.errors import BrotuiError

    raise BrotuiError(say("sync_busy"))


@dataclass
class _Plan:
    commit: str
    merged: list[str]
    conflicts: list[SyncConflict]


def _merge(archive: Archive, ours: str, theirs: str, remote: Remote,
           author: Identity | None) -> _Plan:
    """The merge commit of the two tips (written, not yet on the branch)."""
    from brotui.core import codec
    from brotui.core.hook import approved_change_problem
    from brotui.core.merge import merge
    from brotui.core.validate import check

    base = archive.git.try_text("merge-base", ours, theirs)
    if not base:
        raise RemoteFailed(SyncError("diverged", say("sync_diverged", remote=remote.shown,
                                                     branch=remote.branch)))
    local = {c.path: c for c in changed_files(archive, base, ours)}
    remote_side = {c.path: c for c in changed_files(archive, base, theirs)}
    updates: dict[str, tuple[str, str] | None] = {}
    both: list[tuple[FileChange, FileChange]] = []
    for path, mine in local.items():
        other = remote_side.get(path)
        if other is None:
            updates[path] = mine.new
        elif mine.new != other.new:
            both.append((mine, other))
    wanted = [side[1] for mine, other in both if path_to_id(mine.path)
              for side in (mine.old, mine.new, other.new) if side is not None]
    blobs = archive.git.cat_blobs(wanted)
    merged_ids: list[str] = []
    held: list[tuple[FileChange, FileChange, str, list[str]]] = []
    for mine, other in both:
        protocol_id = path_to_id(mine.path)
        kind, labels = None, []
        if protocol_id is None or any(
                s is not None and s[0] != "100644" for s in (mine.old, mine.new, other.new)):
            kind = "file"
        elif mine.new is None:
            kind = "deleted-local"
        elif other.new is None:
            kind = "deleted-remote"
        elif mine.old is None:
            kind = "added-both"
        else:
            loaded = [codec.load(blobs.get(side[1], b"")).protocol
                      for side in (mine.old, mine.new, other.new)]
            old_p, mine_p, their_p = loaded
            if old_p is None or mine_p is None or their_p is None:
                kind = "unreadable"
            else:
                result = merge(old_p, mine_p, their_p)
                data = codec.dump(result.protocol).encode("utf-8")
                if result.conflicts:
                    kind, labels = "fields", [c.label for c in result.conflicts]
                elif approved_change_problem(their_p, result.protocol) is not None or \
                        approved_change_problem(mine_p, result.protocol) is not None:
                    kind = "approved"
                elif check(data, protocol_id).errors:
                    kind = "invalid"
                else:
                    updates[mine.path] = ("100644", write_blob(archive, data))
                    merged_ids.append(protocol_id)
        if kind is not None:
            held.append((mine, other, kind, labels))
    tree = _tree(archive, theirs, updates)
    message = _message(archive, remote, merged_ids, held,
                       sum(1 for p in updates if path_to_id(p) not in merged_ids))
    who = author or archive.committer or FALLBACK_AUTHOR
    committer = archive.committer or who
    env = {**who.env("AUTHOR"), **committer.env("COMMITTER")}
    commit = archive.git.text("commit-tree", tree, "-p", ours, "-p", theirs,
                              *signing(archive.git).commit_args(), "-F", "-",
                              input=message.encode("utf-8"), env=env).strip()
    conflicts = [_conflict(archive, base, ours, theirs, mine, other, kind, labels)
                 for mine, other, kind, labels in held]
    return _Plan(commit, merged_ids, conflicts)


def _tree(archive: Archive, start: str, updates: dict[str, tuple[str, str] | None]) -> str:
    """The tree of commit `start` with each path set to (mode, blob), None: removed; made in
    a temporary index of its own (three git processes, whatever the archive's size)."""
    index = sync_dir(archive.git_dir) / f"merge-index.{os.getpid()}.{threading.get_ident()}"
    env = {"GIT_INDEX_FILE": str(index)}
    try:
        archive.git.run("read-tree", start, env=env)
        if updates:
            info = b"".join(
                (f"{mode} {oid}\t" if change else f"0 {ZERO}\t").encode()
                + path.encode("utf-8", "surrogateescape") + b"\0"
                for path, change in updates.items()
                for mode, oid in [change or ("0", ZERO)])
            archive.git.run("update-index", "-z", "--index-info", input=info, env=env)
        return archive.git.text("write-tree", env=env).strip()
    finally:
        with contextlib.suppress(OSError):
            index.unlink()


def _message(archive: Archive, remote: Remote, merged: list[str],
             held: list[tuple[FileChange, FileChange, str, list[str]]], taken: int) -> str:
    lang = archive.language
    lines = [say("merge_subject", lang, branch=remote.branch), ""]
    if taken:
        lines.append(say("merge_body_taken", lang, count=taken))
    lines += [say("merge_body_merged", lang, id=protocol_id) for protocol_id in merged]
    lines += [say("merge_body_conflict", lang, path=mine.path) for mine, _, _, _ in held]
    if len(lines) == 2:
        lines.append(say("merge_body_nothing", lang))
    return "\n".join(lines) + "\n"


def _conflict(archive: Archive, base: str, ours: str, theirs: str, mine: FileChange,
              other: FileChange, kind: str, labels: list[str]) -> SyncConflict:
    """The record of one file held back: the local commits that changed it since `base`."""
    out = archive.git.run("log", "--no-renames", "-z", "--format=%H%x00%an%x00%ae%x00%at%x00%s",
                          f"{base}..{ours}", "--", mine.path)
    fields_ = [f.decode("utf-8", "replace") for f in out.split(b"\0")]
    commits = [LocalCommit(oid.strip(), name.strip(), email.strip(), int(when or 0), subject)
               for i in range(0, len(fields_) - 4, 5)
               for oid, name, email, when, subject in [fields_[i:i + 5]]]
    return SyncConflict(
        id=records.new_id(ours + theirs, mine.path), path=mine.path,
        protocol=path_to_id(mine.path), kind=kind, recorded=_now(), merge="", base=base,
        local=ours, remote=theirs, base_blob=mine.old[1] if mine.old else None,
        local_blob=mine.new[1] if mine.new else None,
        remote_blob=other.new[1] if other.new else None, fields=labels, commits=commits)


def _now() -> float:
    import time

    return time.time()


# -------------------------------------------------- moving the branch (the save path's parts)


def _advance(archive: Archive, old: str | None, new: str, changes: list[FileChange],
             reason: str) -> list[Msg] | None:
    """Move the branch from `old` to `new` under the archive's save lock, and bring each
    changed file in step in a checked-out work tree; the work tree's notes, or None if the
    branch was no longer `old` (nothing was done).

    This uses the archive's own save machinery (its lock, its record of pending work-tree
    updates, its work-tree sync), so that an integration and a save are one kind of write."""
    from brotui.core.values import SaveResult

    follows = worktree.follows_branch(archive)
    contents = archive.git.cat_blobs(
        c.new[1] for c in changes if c.new is not None and c.new[0] == "100644") \
        if follows else {}
    result = SaveResult("", None, old)
    with archive.state.save_lock():
        worktree.finish_interrupted(archive)
        if archive.tip() != old:
            return None
        if follows:
            archive.state.write_pending(new, [
                {"path": c.path, "old": c.old[1] if c.old else None,
                 "new": c.new[1] if c.new else None} for c in changes])
        try:
            archive.git.run("-c", f"core.filesRefLockTimeout={REF_LOCK_WAIT_MS}",
                            "update-ref", "-m", reason, archive.ref, new, old or ZERO)
        except GitError as exc:
            archive.state.clear_pending()
            if archive.tip() != old:
                return None
            raise ref_refused(archive, exc) from None
        if follows:
            files: list[tuple[str, str | None, tuple[str, bytes] | None]] = []
            for change in changes:
                old_blob = change.old[1] if change.old else None
                if change.new is None:
                    files.append((change.path, old_blob, None))
                elif change.new[0] == "100644" and change.new[1] in contents:
                    files.append((change.path, old_blob,
                                  (change.new[1], contents[change.new[1]])))
                else:
                    result.notes.append(said("worktree_not_file", path=change.path))
            # all at once: a fixed number of git processes for 1 file or 1,000
            worktree.sync_files(archive, files, result.notes)
            archive.state.clear_pending()
    return result.notes

