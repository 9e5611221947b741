"""The one write path: every change brotui makes to the archive (a save, a delete, a move,
a restore, an attachment) is one commit made here, by `commit_change`.

It writes blobs, trees and the commit with git's plumbing and moves the branch with a
compare-and-swap (`update-ref REF NEW OLD`); it never touches the index or any other
file, except to keep a checked-out copy of each file it wrote or deleted in step
(brotui.core.worktree). Saves by brotui processes on one archive are serialised by a
lock under the git directory (brotui.core.state), so eight people saving at once all
land.
"""

from __future__ import annotations

import os
import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from brotui.core import worktree
from brotui.core.archive import Archive
from brotui.core.errors import AccessRefused, BrotuiError, Conflict
from brotui.core.git import ZERO, Git, GitError, parse_tree
from brotui.core.identity import Identity
from brotui.core.model import Protocol, id_to_path, path_to_id
from brotui.core.signing import signing
from brotui.core.text import visible
from brotui.core.values import SaveResult, Write
from brotui.i18n import t

# git's words when it may not write an object (a read-only archive for this person).
_NO_WRITE = ("insufficient permission", "Permission denied", "Read-only file system")
# How long git waits for a lock on the branch held by another git (its default is 0.1 s):
# a running git holds it for milliseconds; one that is held longer was left behind.
REF_LOCK_WAIT_MS = 1000
_PIPE_MAX = 1 << 20  # a blob larger than this is written to git from a file (write_blob)
# Who may do what (brotui.core.access.ACCESS_FILE, which this module does not import: it
# is asked only when the file is there).
ACCESS_FILE = ".brotui/access.yaml"


@dataclass
class Snapshot:
    """What a commit needs from the tip, read in one `cat-file --batch`: the trees on the
    paths of the files it touches (root, protocols/, protocols/<council>/), those files,
    and the watched files as they were at the base revision."""

    commit: str | None  # the tip it was read from
    trees: dict[str, dict[bytes, tuple[str, str]]]  # folder ("" = root) -> name -> (mode, oid)
    files: dict[str, tuple[str, bytes] | None]  # path -> (blob id, content) at the tip
    start: dict[str, str | None]  # watched path -> blob id at the base
    # path -> a part of it that is there but is no folder (or the path itself, a folder):
    # nothing can be written there without replacing it, and nothing is.
    blocked: dict[str, str] = field(default_factory=dict)
    access: bytes | None = None  # the access file at the tip (read in the same batch)

    @classmethod
    def read(cls, git: Git, old: str | None, paths: list[str], base: str | None,
             watch: list[str]) -> Snapshot:
        dirs = list(dict.fromkeys(
            "/".join(parts[:i]) for parts in (p.split("/") for p in paths)
            for i in range(len(parts))))  # "", protocols, protocols/x, ...
        if old is None:
            return cls(None, {d: {} for d in dirs}, dict.fromkeys(paths), dict.fromkeys(watch))
        specs = [f"{old}^{{tree}}", *(f"{old}:{d}" for d in dirs[1:]),
                 *(f"{old}:{p}" for p in paths)]
        if base != old and base is not None:
            specs += [f"{base}:{p}" for p in watch]
        found = git.cat([*specs, f"{old}:{ACCESS_FILE}"])
        access = found.pop()
        at_dir = dict(zip(dirs, found, strict=False))
        at_path = dict(zip(paths, found[len(dirs):], strict=False))
        trees = {d: parse_tree(obj[2], len(obj[0])) if obj and obj[1] == "tree" else {}
                 for d, obj in at_dir.items()}
        files = {p: (obj[0], obj[2]) if obj and obj[1] == "blob" else None
                 for p, obj in at_path.items()}
        blocked = {}
        for path in paths:
            parts = path.split("/")
            on_the_way = ("/".join(parts[:i]) for i in range(1, len(parts)))
            part = next((d for d in on_the_way
                         if (seen := at_dir[d]) is not None and seen[1] != "tree"), None)
            if part is None and (there := at_path[path]) is not None and there[1] != "blob":
                part = path
            if part is not None:
                blocked[path] = part
        start = {p: (files[p] or (None,))[0] for p in watch}
        if base != old and base is not None:
            at_base = found[len(dirs) + len(paths):]
            start = {p: obj[0] if obj and obj[1] == "blob" else None
                     for p, obj in zip(watch, at_base, strict=True)}
        return cls(old, trees, files, start, blocked,
                   access[2] if access and access[1] == "blob" else None)

    def blob(self, path: str) -> str | None:
        """The file's blob id at the tip, None if there is none."""
        found = self.files.get(path)
        return found[0] if found else None

    def data(self, path: str) -> bytes | None:
        """The file's content at the tip, None if there is none."""
        found = self.files.get(path)
        return found[1] if found else None

    def holds(self, path: str, content: bytes | None) -> bool:
        """Whether the tip has the file so already: a plain file with this content (not a
        link to it), or no file at all when `content` is None."""
        if content is None:
            return self.files.get(path) is None
        folder, _, name = path.rpartition("/")
        entry = self.trees.get(folder, {}).get(name.encode())
        return self.data(path) == content and entry is not None and entry[0] == "100644"

    def write(self, git: Git, changes: dict[str, str | None]) -> str:
        """The new root tree with each path set to its blob (None: removed), via one
        `mktree --batch`. A council's folder left empty goes; protocols/ stays."""
        entries = {d: dict(tree) for d, tree in self.trees.items()}
        for path, blob in changes.items():
            folder, _, name = path.rpartition("/")
            if blob is None:
                entries[folder].pop(name.encode(), None)
            else:
                entries[folder][name.encode()] = ("100644", blob)
        with git.mktree_batch() as mktree:
            for folder in sorted(entries, key=lambda d: d.count("/"), reverse=True):
                if not folder:
                    continue
                parent, _, name = folder.rpartition("/")
                if entries[folder] or folder == "protocols":
                    entries[parent][name.encode()] = ("040000", mktree(entries[folder]))
                else:
                    entries[parent].pop(name.encode(), None)
            return mktree(entries[""])


def write_blob(archive: Archive, content: bytes) -> str:
    """Store a file's content in the object database; its blob id. A large one (an
    attachment) goes through a temporary file under the git directory: piped to git,
    Python's subprocess writes it 4 kB at a time, a tenth of a second for 10 MB."""
    try:
        if len(content) > _PIPE_MAX:
            tmp = archive.state.path() / "tmp" / \
                f"blob-{os.getpid()}-{random.getrandbits(32):08x}"
            try:
                tmp.parent.mkdir(exist_ok=True)
                tmp.write_bytes(content)
            except OSError:
                pass  # (a read-only archive: git says so below)
            else:
                try:
                    return archive.git.text("hash-object", "-w", "--no-filters", "--",
                                            str(tmp)).strip()
                finally:
                    tmp.unlink(missing_ok=True)
        return archive.git.text("hash-object", "-w", "--stdin", input=content).strip()
    except GitError as exc:
        if any(s in exc.stderr for s in _NO_WRITE):
            raise BrotuiError(t("err_read_only", path=archive.name)) from None
        raise


def commit_change(archive: Archive, protocol_id: str, paths: list[str],
                  plan: Callable[[Snapshot], Write | None], author: Identity, *,
                  base: str | None = None, date: str | None = None,
                  watch: list[str] | None = None, merges: bool = False,
                  action: str | None = None) -> SaveResult:
    """Make one commit on the branch that changes files under protocols/: every write
    of brotui (save, delete, move, restore, attachments) goes through here.

    Under the archive's lock: finish a save that an earlier brotui was killed in
    the middle of; read the tip's trees on `paths` and the files there in one
    snapshot; refuse a path that goes through a file or link where a folder should
    be; if a `watch`ed file (default: the first path) changed since `base` (default:
    the tip when this began), raise Conflict and write nothing (with `merges`, `plan`
    sees it in the snapshot and merges or refuses); ask `plan` what to
    write (None, or files that are already so: nothing to do; it may refuse by
    raising); refuse, with the access file's sentence, a change the archive's
    `.brotui/access.yaml` at that tip does not let `author` make (access.write_refusal:
    `action` when the paths do not say it: "restore", or "sign", which the chair and the
    adjusters the protocol names at that tip may); store the new contents (only now, so a refused
    or empty change leaves no object behind), write the trees and the commit; move the branch with a
    compare-and-swap, trying again from a fresh snapshot if someone else moved it
    meanwhile; keep a checked-out copy of each file in step unless that copy holds
    changes of its own. Between moving the branch and the work tree a record under
    the git directory names the files, so a brotui killed there is finished by the
    next (see worktree.finish_interrupted)."""
    if not all(worktree.is_archive_path(p) for p in paths):
        raise BrotuiError(t("err_bad_id", id=", ".join(
            p for p in paths if not worktree.is_archive_path(p))))
    if not archive.on_branch:
        raise BrotuiError(t("err_detached", commit=(archive.detached or "?")[:10],
                            path=archive.name))
    git = archive.git
    base_commit = archive.resolve(base) if base else None
    committer = archive.committer or author
    sign = signing(git).commit_args()
    watch = paths[:1] if watch is None else watch
    stored: dict[bytes, str] = {}  # content -> blob id, written once over all attempts
    with archive.state.save_lock():
        worktree.finish_interrupted(archive)
        for _attempt in range(200):
            old = archive.tip()
            if base_commit is None:
                base_commit = old
            snap = Snapshot.read(git, old, paths, base_commit, watch)
            for path in paths:
                if path in snap.blocked:
                    part = snap.blocked[path]
                    raise BrotuiError(t("err_path_is_folder", path=path) if part == path
                                      else t("err_path_not_tree", path=path, part=part))
            for path in watch:
                if snap.blob(path) != snap.start[path] and not merges:
                    raise conflict(archive, path_to_id(path) or protocol_id,
                                   base or base_commit or "")
            change = plan(snap)
            files = {} if change is None else {
                path: content for path, content in change.files.items()
                if not snap.holds(path, content)}
            if snap.access is not None and change is not None:  # no file: everyone may
                _require_access(snap, protocol_id, files, author, action)
            if change is None or not files:
                return SaveResult(protocol_id, None, old)
            new: dict[str, tuple[str, bytes] | None] = {}
            for path, content in files.items():
                if content is not None and content not in stored:
                    stored[content] = write_blob(archive, content)
                new[path] = None if content is None else (stored[content], content)
            tree = snap.write(git, {path: blob[0] if blob else None
                                    for path, blob in new.items()})
            env = {**author.env("AUTHOR"), **committer.env("COMMITTER")}
            if date:
                env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = date
            parents = ["-p", old] if old else []
            try:
                commit = git.text("commit-tree", tree, *parents, *sign, "-F", "-",
                                  input=change.message.encode("utf-8"), env=env).strip()
            except GitError as exc:
                if sign:
                    raise BrotuiError(t("err_sign", reason=exc.reason)) from None
                raise
            pending = worktree.follows_branch(archive)
            if pending:
                archive.state.write_pending(commit, [
                    {"path": path, "old": snap.blob(path), "new": blob[0] if blob else None}
                    for path, blob in new.items()])
            try:
                git.run("-c", f"core.filesRefLockTimeout={REF_LOCK_WAIT_MS}",
                        "update-ref", "-m", f"brotui: {protocol_id}", archive.ref, commit,
                        old or ZERO)
            except GitError as exc:
                if pending:
                    archive.state.clear_pending()
                if archive.tip() == old and not _lock_released(exc):
                    raise ref_refused(archive, exc) from None
                # Someone else moved the branch (the compare-and-swap was lost), or a
                # git that held its lock has finished: again, from a fresh snapshot.
                time.sleep(random.uniform(0.005, 0.05))
                continue
            result = SaveResult(protocol_id, commit, old, change.message)
            if pending:
                for path, blob in new.items():
                    # Through the module, looked up now: the kill test replaces it.
                    worktree.sync_file(archive, path, snap.blob(path), blob, result.notes)
                archive.state.clear_pending()
            return result
    raise BrotuiError(t("err_busy"))


def _require_access(snap: Snapshot, protocol_id: str, files: dict[str, bytes | None],
                    author: Identity, action: str | None) -> None:
    from brotui.core.access import write_refusal

    assert snap.access is not None
    signs: Protocol | None = None
    if action == "sign":  # the chair and adjusters named at the tip may sign
        from brotui.core import codec

        signs = codec.load(snap.data(id_to_path(protocol_id)) or b"").protocol
    changes = [(path, snap.files.get(path) is not None, content is not None)
               for path, content in files.items()]
    if action is not None:  # asked even of a write that turns out to change nothing
        changes.append((id_to_path(protocol_id), True, True))
    reason = write_refusal(snap.access, author, changes, action, signs)
    if reason is not None:
        raise AccessRefused(reason)


def ref_refused(archive: Archive, exc: GitError) -> BrotuiError:
    """A refusal saying why git did not move the branch, when nobody else moved it: a
    lock file left behind (which, and what to do), or git's own reason (a hook that
    said no, a broken ref, a full disk)."""
    if exc.lock_file:
        return BrotuiError(t("err_ref_locked", branch=archive.branch,
                             lock=visible(exc.lock_file)))
    return BrotuiError(t("err_ref_refused", branch=archive.branch, reason=exc.reason))


def conflict(archive: Archive, protocol_id: str, base: str) -> Conflict:
    """The refusal of a change to a protocol that changed (or was deleted) since `base`,
    naming who changed it last; the caller raises it."""
    history = archive.history(protocol_id, limit=1)
    if not history or archive.tree_entry(history[0].oid, id_to_path(protocol_id)) is None:
        return Conflict(t("err_conflict_deleted", id=protocol_id, base=base[:10]))
    last = history[0]
    return Conflict(t("err_conflict", id=protocol_id, base=base[:10], current=last.short,
                      author=last.author))


def _lock_released(exc: GitError) -> bool:
    """Whether git failed on a lock file that is gone now: another git held it (longer
    than git waited) and has finished, so trying again can succeed."""
    return exc.lock_file is not None and not os.path.lexists(exc.lock_file)
