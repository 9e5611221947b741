"""Keeping a checked-out copy in step with the branch, and finishing a save that was killed
half-way.

A save moves the branch first; then each file it wrote or deleted gets its work-tree copy
(and index entry) in step, as git's checkout would write it, unless that copy holds
changes of its own, and never through a symbolic link (`sync_file`). Between the two, a
record under the git directory names the files (`StateDir.write_pending`): a brotui
killed there is finished by the next one that opens the archive (`recover`), or by the
next save, under the lock (`finish_interrupted`).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import random
import stat
import time
from pathlib import Path
from typing import TYPE_CHECKING

from brotui.core.git import ZERO, Git, GitError
from brotui.core.state import write_durably
from brotui.core.text import visible
from brotui.i18n import Msg

if TYPE_CHECKING:
    from brotui.core.archive import Archive

# How long a save tries to bring the index in step while another git holds it: a running
# git holds it for milliseconds; one that is held longer was left behind.
_INDEX_LOCK_WAIT = 1.0


def is_archive_path(path: str) -> bool:
    """A path inside protocols/ with no `.`, `..` or empty part: one that names a file of
    the archive's tree and can never lead out of it (nor out of a work tree)."""
    parts = path.split("/")
    return len(parts) >= 2 and parts[0] == "protocols" and all(
        p not in ("", ".", "..") for p in parts[1:])


def follows_branch(archive: Archive) -> bool:
    """Whether a commit keeps a checked-out copy in step (a work tree on this branch)."""
    return archive.work_tree is not None and archive.head == archive.ref


def recover(archive: Archive) -> None:
    """Finish a save that was killed after it moved the branch (see commit.commit_change),
    unless a save is under way right now. Cheap when there is nothing to do: one stat."""
    if not archive.state.has_pending():
        return
    with archive.state.save_lock_if_free() as free:
        # Not free: the save that wrote it is still running and will finish its own work,
        # or this person may only read the archive and the next save finishes it.
        if free:
            finish_interrupted(archive)


def finish_interrupted(archive: Archive) -> None:
    """Under the save lock: if a commit's save died between moving the branch and
    updating the work tree, give the work tree's copy of each file it wrote or
    deleted (and the index) what the branch has, provided the commit is on the
    branch, the branch still has that file so, and the copy is still what it was
    before that save."""
    record = archive.state.read_pending()
    if record is not None:
        commit, files = record
        tip = archive.tip()
        if (follows_branch(archive) and tip and isinstance(commit, str)
                and (tip == commit or archive.is_ancestor(commit, tip))):
            notes: list[Msg] = []
            for path, old_blob, new_blob in files:
                if not isinstance(path, str) or not is_archive_path(path):
                    continue
                entry = archive.tree_entry(tip, path)
                if new_blob is None and entry is None:
                    sync_file(archive, path, old_blob, None, notes)
                elif entry is not None and entry[:3] == ("100644", "blob", new_blob):
                    content = archive.git.run("cat-file", "blob", new_blob)
                    sync_file(archive, path, old_blob, (new_blob, content), notes)
    archive.state.clear_pending()
    archive.state.clean_tmp()


def sync_file(archive: Archive, path: str, old_blob: str | None,
              new: tuple[str, bytes] | None, notes: list[Msg]) -> None:
    """Keep a checked-out copy of a committed file (and its index entry) in step:
    written as `new` (blob id, content) as git's checkout would write it (its filters:
    `core.autocrlf`, `eol` and `filter` attributes), or removed when `new` is None.
    Whether the copy was in step is asked as `git status` would: through the same
    filters. A copy holding changes of its own is never overwritten or removed.
    Nothing is written or removed through a symbolic link: a folder on the way that
    is a link keeps the copy as it is; the file itself, if it is the link the branch
    had, is replaced by the file or removed (the link, not what it points to). What a
    person should know (a copy kept, an index not updated) goes to `notes`.

    The index entry follows the branch when it held what the branch had (nothing
    staged), also beside a copy that was kept: otherwise the index would hold the
    old file, staged as a reversal of the save."""
    if not follows_branch(archive):
        return
    work_tree = archive.work_tree
    assert work_tree is not None
    new_blob = new[0] if new else None
    _bring_file(archive, work_tree, path, old_blob, new, notes, filtered=True, durably=True)
    _sync_index(archive, path, old_blob, new_blob, notes)


def _bring_file(archive: Archive, work_tree: Path, path: str, old_blob: str | None,
                new: tuple[str, bytes] | None, notes: list[Msg], *, filtered: bool,
                durably: bool) -> None:
    """One work-tree file brought from `old_blob` to `new` (blob id, content; None: gone),
    unless the copy holds changes of its own (kept, and said in `notes`). `filtered`:
    git's checkout may change the bytes (smudge, line endings), so they go through it."""
    new_blob = new[0] if new else None
    target = _work_tree_file(work_tree, path)
    disk_blob = _copy_blob(archive, path, target, (old_blob, new_blob))
    if disk_blob not in (old_blob, new_blob):
        notes.append(Msg.of("worktree_kept", path=path))
        return
    assert target is not None
    if new is None:
        if disk_blob is not None:
            target.unlink()
            if target.parent != work_tree / "protocols":
                with contextlib.suppress(OSError):
                    target.parent.rmdir()  # the council's last protocol: no empty folder
    elif disk_blob != new[0] or target.is_symlink():
        data = _checkout_bytes(archive, path, new[0], new[1]) if filtered else new[1]
        _replace_file(archive, target, data, durably=durably)


def sync_files(archive: Archive, changes: list[tuple[str, str | None, tuple[str, bytes] | None]],
               notes: list[Msg]) -> None:
    """`sync_file` for many files at once (an integration of the central server's
    commits): (path, old blob, new (blob id, content) or None) each, with the same rules
    (a copy holding changes of its own is kept, nothing through a link, the index entry
    follows where it held the branch's) in a fixed number of git processes whatever the
    number of files: one `ls-files` for the index, one `check-attr` and one `config` to
    know whether git's checkout would change the bytes (only the paths where it would
    are smudged one by one), one `update-index --index-info`."""
    if not changes or not follows_branch(archive):
        return
    work_tree = archive.work_tree
    assert work_tree is not None
    paths = [path for path, _, _ in changes]
    filtered = _filtered_paths(archive, paths)
    staged = _staged(archive, paths)
    index_lines: list[bytes] = []
    for path, old_blob, new in changes:
        new_blob = new[0] if new else None
        _bring_file(archive, work_tree, path, old_blob, new, notes,
                    filtered=path in filtered, durably=False)
        staged_mode, staged_blob = staged.get(path, (None, None))
        wanted = ("100644", new_blob) if new_blob else (None, None)
        if staged_blob not in (old_blob, new_blob) or (staged_mode, staged_blob) == wanted:
            continue
        index_lines.append(f"100644 {new_blob}\t{path}".encode() if new_blob
                           else f"0 {'0' * len(old_blob or ZERO)}\t{path}".encode())
    if index_lines:
        _update_index(archive, b"\0".join(index_lines) + b"\0", paths, notes)


def _staged(archive: Archive, paths: list[str]) -> dict[str, tuple[str, str]]:
    """path -> (mode, blob) of what the index holds (stage 0), in one `ls-files`."""
    out = archive.git.run("ls-files", "-s", "-z", "--", *paths)
    found = {}
    for record in out.split(b"\0"):
        head, tab, path = record.partition(b"\t")
        fields = head.split()
        if tab and len(fields) == 3 and fields[2] == b"0":
            found[path.decode("utf-8", "surrogateescape")] = (fields[0].decode(),
                                                              fields[1].decode())
    return found


def _filtered_paths(archive: Archive, paths: list[str]) -> set[str]:
    """The paths whose checkout git would write otherwise than the blob (line ends by
    `core.autocrlf`/`core.eol` or an attribute, a filter driver, an encoding)."""
    config = archive.git.try_text("config", "--get-regexp", r"^core\.(autocrlf|eol)$") or ""
    if any(value.strip().lower() not in ("false", "lf", "")
           for _, _, value in (line.partition(" ") for line in config.splitlines())):
        return set(paths)
    out = _work_git(archive).run("check-attr", "-z", "--stdin", "text", "eol", "crlf",
                                 "filter", "ident", "working-tree-encoding",
                                 input=b"".join(p.encode() + b"\0" for p in paths))
    parts = out.split(b"\0")
    return {parts[i].decode("utf-8", "surrogateescape") for i in range(0, len(parts) - 2, 3)
            if parts[i + 2] not in (b"unspecified", b"unset")}


def _update_index(archive: Archive, lines: bytes, paths: list[str], notes: list[Msg]) -> None:
    """One `update-index -z --index-info`, waiting a moment for another git's lock."""
    deadline = time.monotonic() + _INDEX_LOCK_WAIT
    while True:
        try:
            archive.git.run("update-index", "-z", "--index-info", input=lines)
            return
        except GitError as exc:
            if exc.lock_file is None:
                notes.extend(Msg.of("index_refused", path=p, reason=exc.reason) for p in paths)
                return
            if time.monotonic() > deadline:
                notes.extend(Msg.of("index_locked", path=p, lock=visible(exc.lock_file))
                             for p in paths)
                return
            time.sleep(random.uniform(0.005, 0.03))


def _sync_index(archive: Archive, path: str, old_blob: str | None, new_blob: str | None,
                notes: list[Msg]) -> None:
    """Give the index entry of a committed path the branch's blob, if it held the
    branch's earlier one. Another git holding `index.lock` is waited for a moment;
    an index that stays locked, or that git will not update, is named in the notes
    with what to do, never left stale without a word."""
    staged = archive.git.text("ls-files", "-s", "-z", "--", path).split("\t")[0].split()
    staged_mode, staged_blob = (staged[0], staged[1]) if len(staged) > 1 else (None, None)
    wanted = ("100644", new_blob) if new_blob else (None, None)
    if staged_blob not in (old_blob, new_blob) or (staged_mode, staged_blob) == wanted:
        return
    update = (["--force-remove", "--", path] if new_blob is None
              else ["--add", "--cacheinfo", f"100644,{new_blob},{path}"])
    deadline = time.monotonic() + _INDEX_LOCK_WAIT
    while True:
        try:
            archive.git.run("update-index", *update)
            return
        except GitError as exc:
            if exc.lock_file is None:
                notes.append(Msg.of("index_refused", path=path, reason=exc.reason))
                return
            if time.monotonic() > deadline:
                notes.append(Msg.of("index_locked", path=path, lock=visible(exc.lock_file)))
                return
            time.sleep(random.uniform(0.005, 0.03))  # index.lock held by a running git


def _work_git(archive: Archive) -> Git:
    """git with the work tree named, for what reads its attributes (filters)."""
    return Git(git_dir=str(archive.git_dir),
               work_tree=str(archive.work_tree) if archive.work_tree else None)


def _copy_blob(archive: Archive, path: str, target: Path | None,
               known: tuple[str | None, str | None]) -> str | None:
    """The blob id git would store for the work-tree copy of `path` (see _disk_blob):
    a copy that is not byte for byte one of the `known` blobs is read through git's
    filters (`git hash-object --path`), so a copy checked out with CRLF line ends
    under `core.autocrlf` is the blob it was checked out from."""
    if target is None:
        return "?"
    length = len(next((b for b in known if b), None) or ZERO)
    found = _disk_blob(target, length)
    if found in known or found in (None, "?") or target.is_symlink():
        return found
    filtered = _work_git(archive).try_text("hash-object", f"--path={path}", "--", str(target))
    return filtered if filtered else "?"


def _checkout_bytes(archive: Archive, path: str, blob: str, content: bytes) -> bytes:
    """A blob's content as git's checkout writes it at `path` (smudged by its filters:
    CRLF line ends under `core.autocrlf`, an `eol` attribute, a filter driver)."""
    try:
        return _work_git(archive).run("cat-file", "--filters", f"--path={path}", blob)
    except GitError:
        return content  # a filter that fails: the content as committed


def _replace_file(archive: Archive, target: Path, content: bytes, durably: bool = True) -> None:
    """Write a work-tree file so that it is always either the old or the new content
    (renamed over it). `durably`: flushed to disk too, as a save's own file is (two
    fsyncs, some milliseconds each); an integration's many files are not, as git's own
    checkout and merge do not flush them: what they hold is in the branch, whatever
    becomes of the copy, and `git status` would show a copy a power cut damaged."""
    target.parent.mkdir(parents=True, exist_ok=True)
    folder = archive.state.tmp_dir()
    if folder.stat().st_dev != target.parent.stat().st_dev:
        folder = target.parent  # a rename is atomic only within one file system
    if durably:
        write_durably(target, content, folder)
        return
    tmp = folder / f".{target.name}.brotui-{os.getpid()}.tmp"
    try:
        tmp.write_bytes(content)
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise


def _git_blob_id(data: bytes, length: int) -> str:
    algo = hashlib.sha1 if length == 40 else hashlib.sha256
    return algo(b"blob %d\0" % len(data) + data).hexdigest()


def _disk_blob(target: Path, length: int) -> str | None:
    """The blob id of a work-tree file as git would store it (a link: its target), None
    if there is no file, "?" if it cannot be read or is something else (a folder)."""
    try:
        info = target.lstat()
        if stat.S_ISLNK(info.st_mode):
            return _git_blob_id(os.readlink(os.fsencode(target)), length)
        if stat.S_ISREG(info.st_mode):
            return _git_blob_id(target.read_bytes(), length)
    except FileNotFoundError:
        return None
    except OSError:
        pass
    return "?"


def _work_tree_file(work_tree: Path, path: str) -> Path | None:
    """The work-tree file of an archive path, or None if a folder on the way is a link
    (or not a folder): brotui never writes through one."""
    current = work_tree
    for part in path.split("/")[:-1]:
        current = current / part
        try:
            info = current.lstat()
        except FileNotFoundError:
            break  # made when the file is written
        except OSError:
            return None
        if not stat.S_ISDIR(info.st_mode):
            return None
    return work_tree / path
