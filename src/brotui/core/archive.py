"""The archive: a git repository whose `protocols/` folder holds the minutes.

Reading is always from the branch (so a bare repository works as well as a
checkout). A save writes blob, trees and commit with git's plumbing and moves
the branch with a compare-and-swap (`update-ref REF NEW OLD`); it never touches
the index or any other file, except to keep a checked-out copy of each file it
wrote or deleted in step. Saves by brotui processes on one archive are serialised by a
lock under the git directory, so eight people saving at once all land.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import fcntl
import functools
import json
import os
import random
import re
import shlex
import stat
import subprocess
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from brotui import __version__
from brotui.core.errors import BrotuiError, Conflict, InvalidProtocol, MergeConflict
from brotui.core.git import ZERO, Git, GitError, parse_tree
from brotui.core.identity import Identity, git_identity
from brotui.core.model import id_problem, id_to_path, parse_id, path_to_id, slug_problem
from brotui.core.problems import Problem
from brotui.core.signing import signing
from brotui.core.text import visible
from brotui.core.values import (
    Activity,
    Commit,
    Deletion,
    Entry,
    Revision,
    SaveResult,
    Touched,
    Write,
)
from brotui.i18n import language, t

if TYPE_CHECKING:
    from brotui.core.model import Protocol
    from brotui.core.query import Query
    from brotui.core.search import Hit, Trail
    from brotui.core.search_index import Index

# YAML, the codec, validation, the field-level diff and search are imported where they
# are needed, not here: reading a history (`brotui log ID`) needs none of them, and
# Python's start is most of its time.

SETTINGS_FILE = ".brotui.yaml"
_CACHE_VERSION = f"list-1 {__version__}"
_INDEX_VERSION = f"search-1 {__version__}"
_LOCK_TIMEOUT = 60.0
# git's words when it may not write an object (a read-only archive for this person).
_NO_WRITE = ("insufficient permission", "Permission denied", "Read-only file system")
# How long git waits for a lock on the branch held by another git (its default is 0.1 s),
# and how long a save tries to bring the index in step while another git holds it: a
# running git holds either for milliseconds; one that is held longer was left behind.
_REF_LOCK_WAIT_MS = 1000
_INDEX_LOCK_WAIT = 1.0
_LINK_MAX = 4096  # a link's target is read to name it, if it is no longer than this
_PIPE_MAX = 1 << 20  # a blob larger than this is written to git from a file (write_blob)
# One commit of a protocol's history, with brotui's `Renamed-from:` trailer (see history()).
_HISTORY_FORMAT = ("%H%x00%an%x00%ae%x00%at%x00%s"
                   "%x00%(trailers:key=Renamed-from,valueonly,separator=%x1f)")


def is_archive_path(path: str) -> bool:
    """A path inside protocols/ with no `.`, `..` or empty part: one that names a file of
    the archive's tree and can never lead out of it."""
    parts = path.split("/")
    return len(parts) >= 2 and parts[0] == "protocols" and all(
        p not in ("", ".", "..") for p in parts[1:])


def validate_id(protocol_id: str) -> str:
    """The id if it is well formed; a refusal naming it otherwise (no paths, no `..`)."""
    problem = id_problem(protocol_id)
    if problem is not None:
        raise BrotuiError(problem)
    return protocol_id


def _git_blob_id(data: bytes, length: int) -> str:
    import hashlib

    algo = hashlib.sha1 if length == 40 else hashlib.sha256
    return algo(b"blob %d\0" % len(data) + data).hexdigest()


class Archive:
    """A brotui archive at `path` (a work tree, a folder inside one, or a bare repository)."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path).absolute()
        git_dir, work_tree = _discover(self.path)
        self.git_dir = Path(git_dir)
        self.work_tree = Path(work_tree) if work_tree else None
        self.git = Git(git_dir=str(self.git_dir))
        # The branch checked out (an unborn one too); None when HEAD is detached (a commit
        # checked out, not a branch): then `detached` is that commit, and HEAD is what is
        # read unless the settings name a branch. Nothing is ever saved to a detached HEAD.
        self.head: str | None = _head_ref(self.git_dir) \
            or self.git.try_text("symbolic-ref", "-q", "HEAD")
        self.detached = None if self.head else \
            self.git.try_text("rev-parse", "-q", "--verify", "HEAD^{commit}")
        if self.head is None and self.detached is None:
            self.head = "refs/heads/main"
        read_from = self.head or "HEAD"
        settings_obj, protocols_obj = self.git.cat([f"{read_from}:{SETTINGS_FILE}",
                                                    f"{read_from}:protocols"])
        self.settings = _settings(settings_obj[2] if settings_obj else b"")
        branch = self.settings.get("branch")
        self.ref = f"refs/heads/{branch}" if isinstance(branch, str) and branch else read_from
        if self.ref != read_from:
            (protocols_obj,) = self.git.cat([f"{self.ref}:protocols"])
        has_tree = protocols_obj is not None and protocols_obj[1] == "tree"
        has_dir = self.work_tree is not None and (self.work_tree / "protocols").is_dir()
        if not (has_tree or has_dir or self.tip() is None):
            raise BrotuiError(t("err_no_protocols", path=str(self.work_tree or self.git_dir)))
        self.recover()

    # ------------------------------------------------------------------ basics

    @property
    def name(self) -> str:
        """How the archive is named to people: its folder."""
        return str(self.work_tree or self.git_dir)

    @property
    def branch(self) -> str:
        """The branch read and saved to, by name; "HEAD" for a detached one (read only)."""
        return self.ref.removeprefix("refs/heads/")

    @property
    def on_branch(self) -> bool:
        """Whether saves have a branch to go to (not a detached HEAD)."""
        return self.ref.startswith("refs/heads/")

    @property
    def language(self) -> str:
        """The language of commit messages: the archive's setting, else Swedish."""
        lang = self.settings.get("language")
        return lang if lang in ("sv", "en") else "sv"

    def state_dir(self) -> Path:
        """Where brotui keeps caches and locks: under the git directory, never in a commit.
        A reader who may not write there (a read-only archive) gets the path all the same:
        each cache then reads as empty and is not kept, which is only slower; a save says
        the archive is read-only (see _save_lock)."""
        path = self.git_dir / "brotui"
        with contextlib.suppress(OSError):
            path.mkdir(exist_ok=True)
        return path

    def tip(self) -> str | None:
        return self.git.try_text("rev-parse", "-q", "--verify", f"{self.ref}^{{commit}}")

    def resolve(self, rev: str) -> str:
        """A revision (commit id, branch, HEAD~2, ...) as a commit id, or a refusal."""
        if not rev or rev.startswith("-") or any(c.isspace() for c in rev):
            raise BrotuiError(t("err_bad_rev", rev=rev))
        oid = self.git.try_text("rev-parse", "-q", "--verify", f"{rev}^{{commit}}")
        if oid is None:
            raise BrotuiError(t("err_bad_rev", rev=rev))
        return oid

    def _council_name(self, slug: str) -> str | None:
        """A council's full name from the settings or its latest protocol."""
        councils = self.settings.get("councils")
        if isinstance(councils, dict) and isinstance(councils.get(slug), str):
            return councils[slug]
        latest = [e for e in self._entries() if e.id.startswith(slug + "/") and e.council]
        return max(latest, key=lambda e: e.date or "").council if latest else None

    # ----------------------------------------------------------------- reading

    def commit_info(self, rev: str) -> Commit:
        """Who made a commit, when, and its summary line."""
        out = self.git.run("log", "-1", "-z", "--no-walk", f"--format={_HISTORY_FORMAT}",
                           self.resolve(rev))
        return next(_history_records(out))[0]

    def tree_entry(self, commit: str, path: str) -> tuple[str, str, str, int | None] | None:
        """(mode, type, oid, size) of a path at a commit, None if absent."""
        out = self.git.run("ls-tree", "-l", "-z", commit, "--", path)
        if not out:
            return None
        meta, _, _ = out.rstrip(b"\0").partition(b"\t")
        mode, kind, oid, size = meta.decode().split()
        return mode, kind, oid, None if size == "-" else int(size)

    def read(self, protocol_id: str, rev: str | None = None) -> Revision:
        """The protocol's file at a revision (default: the branch tip)."""
        validate_id(protocol_id)
        return self.read_path(id_to_path(protocol_id), rev)

    def read_path(self, path: str, rev: str | None = None) -> Revision:
        """A file under protocols/ at a revision, also one whose name is no id (the list
        shows those as broken). A link, a file over codec.MAX_BYTES or anything but a
        file is refused (InvalidProtocol naming why) without reading its content."""
        from brotui.core import codec

        if not is_archive_path(path):
            raise BrotuiError(t("err_bad_id", id=path))
        protocol_id = path_to_id(path) or path.removeprefix("protocols/")
        commit = self.resolve(rev) if rev else self.tip()
        where = rev or self.branch
        entry = self.tree_entry(commit, path) if commit else None
        if entry is None:
            raise BrotuiError(t("err_unknown_id", id=protocol_id, where=where))
        mode, kind, oid, size = entry
        if mode == "120000" or kind != "blob" or (size or 0) > codec.MAX_BYTES:
            target = self.git.run("cat-file", "blob", oid) \
                if mode == "120000" and (size or 0) <= _LINK_MAX else None
            problems = file_problems(path, mode, kind, size, target)[1]
            raise InvalidProtocol(t("err_not_read", where=path, count=len(problems)), problems,
                                  where=path)
        return Revision(protocol_id, commit, oid, self.git.run("cat-file", "blob", oid), path)

    def load(self, protocol_id: str, rev: str | None = None) -> Protocol:
        """A valid protocol, or InvalidProtocol naming each problem."""
        revision = self.read(protocol_id, rev)
        parsed = revision.parsed()
        if not parsed.ok:
            raise InvalidProtocol(t("err_not_read", where=id_to_path(protocol_id),
                                    count=len(parsed.errors)),
                                  parsed.problems, where=id_to_path(protocol_id))
        return parsed.protocol  # type: ignore[return-value]

    def history(self, protocol_id: str, limit: int | None = None) -> list[Commit]:
        """The commits that changed a protocol, newest first, following its moves.

        One `git log -- path` per name the protocol has had: a commit that moved it here
        (`brotui mv`, restore) carries the trailer `Renamed-from: OLD`, and the history
        goes on with OLD's commits before it. Commits made at this path before such a
        move belong to another protocol that had the same id, and are not shown. Each
        commit's `protocol` is the id the protocol had then. (A commit that changed only
        an attachment is not here: see brotui.core.attachments.history.)"""
        validate_id(protocol_id)
        commits: list[Commit] = []
        start, current = self.ref, protocol_id
        while True:
            args = ["log", "--no-renames", "-z", f"--format={_HISTORY_FORMAT}"]
            if limit:
                args.append(f"-n{limit - len(commits)}")
            try:
                out = self.git.run(*args, start, "--", id_to_path(current))
            except GitError:
                if not commits and self.tip() is None:
                    return []  # nothing committed yet
                raise
            moved_from = None
            for commit, renamed_from in _history_records(out):
                commits.append(replace(commit, protocol=current))
                if renamed_from != current and parse_id(renamed_from):
                    moved_from = renamed_from
                    break
            if moved_from is None or (limit and len(commits) >= limit):
                return commits
            start, current = f"{commits[-1].oid}^", moved_from

    def present(self, commits: list[Commit]) -> list[bool]:
        """For each commit of a history: does it hold the protocol's file? (False where the
        protocol was deleted, or moved away.)"""
        return self.git.exists([f"{c.oid}:{id_to_path(c.protocol)}" for c in commits])

    def activity(self, limit: int = 50, *, skip: int = 0, author: str | None = None,
                 council: str | None = None, since: dt.date | None = None,
                 until: dt.date | None = None) -> list[Activity]:
        """The latest commits touching any protocol, newest first, with what each did.

        Filters: `author` a piece of the name or e-mail (any case), `council` a slug,
        `since`/`until` dates (inclusive, local time, by commit date). Paged with `limit`
        and `skip` (changes to leave out). git's own filters pick the commits and the
        reading stops once the page is full, so a first page is quick however long the
        history. Without a council there is no path to limit the walk by: every commit
        touches protocols/, and asking git to check that costs a tree comparison per
        commit (a second on 50,000 commits when a filter matches few); the commits that
        touch nothing under protocols/ (a settings change) are left out here instead."""
        if council is not None and (problem := slug_problem(council)) is not None:
            raise BrotuiError(problem)
        if limit <= 0 or self.tip() is None:
            return []
        args = ["log", "--no-renames", "--name-status", "-z", f"--format=%x01{_HISTORY_FORMAT}"]
        if author:
            args += ["--fixed-strings", "--regexp-ignore-case", f"--author={author}"]
        if since:
            args.append(f"--since={since.isoformat()} 00:00:00")
        if until:
            args.append(f"--until={until.isoformat()} 23:59:59")
        args.append(self.ref)
        if council:
            args += ["--", f"protocols/{council}/"]
        found: list[Activity] = []
        proc = self.git.popen(*args)
        assert proc.stdout is not None
        try:
            for item, paths in _log_records_stream(proc.stdout, _activity_record):
                if not any(p.startswith("protocols/") for p in paths):
                    continue
                if skip:
                    skip -= 1
                    continue
                found.append(item)
                if len(found) == limit:
                    break  # the page is full: git reads no further
        finally:
            proc.stdout.close()
            proc.kill()
            proc.wait()
        return found

    def _deleted(self) -> list[Deletion]:
        """Protocols that existed in the history but not at the branch tip, newest deletion
        first: each with the commit that deleted it and the revision to restore.

        Finding them reads the whole history once (seconds on 50,000 commits); the answer
        is cached under the git directory by tip and brought up to date with `OLD..NEW`."""
        tip = self.tip()
        if tip is None:
            return []
        path = self.state_dir() / "deleted-cache.json"
        try:
            cached = json.loads(path.read_text("utf-8"))
        except (OSError, ValueError):
            cached = {}
        found: dict[str, list[Any] | None] = {}
        since = None
        if isinstance(cached, dict) and cached.get("version") == _CACHE_VERSION \
                and isinstance(cached.get("paths"), dict) and cached.get("tip") \
                and (cached["tip"] == tip or self.is_ancestor(cached["tip"], tip)):
            found, since = dict(cached["paths"]), cached["tip"]
        if since != tip:
            out = self.git.run("log", "--no-renames", "--diff-filter=D", "--name-only", "-z",
                               f"--format=%x01{_HISTORY_FORMAT}%x00%P",
                               f"{since}..{tip}" if since else tip, "--", "protocols/")
            newer: dict[str, list[Any] | None] = {}
            for record in out.split(b"\x01"):
                if not record:
                    continue
                parts = record.split(b"\0")
                oid, name, email, when, subject, renamed, parents = (
                    x.decode("utf-8", "replace") for x in parts[:7])
                moved = {id_to_path(r.strip()) for r in renamed.split("\x1f") if r.strip()}
                for raw in parts[7:]:
                    file = raw.lstrip(b"\n").decode("utf-8", "surrogateescape")
                    if file and file not in newer:
                        # Moved away (brotui mv) is not deleted: it lives on under its new id.
                        newer[file] = None if file in moved else [
                            oid, name, email, int(when), subject, parents.split(" ")[0]]
            found = {**newer, **{k: v for k, v in found.items() if k not in newer}}
            _write_json(path, {"version": _CACHE_VERSION, "tip": tip, "paths": found})
        present = set(self.git.run("ls-tree", "-r", "--name-only", "-z", tip, "--",
                                   "protocols/").decode("utf-8", "surrogateescape").split("\0"))
        result = []
        for file, info in found.items():
            protocol_id = path_to_id(file)
            if info and protocol_id and file not in present:
                oid, name, email, when, subject, parent = info
                result.append(Deletion(protocol_id, Commit(oid, name, email, when, subject,
                                                           protocol_id), parent))
        result.sort(key=lambda d: d.commit.time, reverse=True)
        return result

    # ----------------------------------------------------------------- listing

    def files(self, commit: str, sizes: bool = True) -> list[tuple[str, str, str, int | None, str]]:
        """Every file under protocols/ at a commit but the protocols' attachments (see
        brotui.core.attachments, whose check reports on those): (mode, type, oid, size,
        path); the size is None for a tree, and for every file unless `sizes` (it costs
        git a read)."""
        from brotui.core.attachments.paths import is_attachment_path

        out = self.git.run("ls-tree", "-r", *(["-l"] if sizes else []), "-z", commit, "--",
                           "protocols/")
        rows = []
        for record in out.split(b"\0"):
            if not record:
                continue
            meta, _, raw_path = record.partition(b"\t")
            path = raw_path.decode("utf-8", "surrogateescape")
            if ".files/" in path and is_attachment_path(path):
                continue
            mode, kind, oid, *size = meta.decode().split()
            rows.append((mode, kind, oid, int(size[0]) if size and size[0] != "-" else None,
                         path))
        return rows

    def _entries(self) -> list[Entry]:
        """Every protocol at the branch tip with its state and last change, newest first.

        Summaries are cached under the git directory by blob id and path; the
        last change of each file by the tip it was computed for, brought up to
        date with `git log OLD..NEW` when others have committed since."""
        tip = self.tip()
        if tip is None:
            return []
        rows = self.files(tip)
        cache = self._read_cache()
        summaries: dict[str, dict[str, Any]] = cache.get("summaries", {})
        fresh: dict[str, dict[str, Any]] = {}
        todo = []
        for mode, kind, oid, size, path in rows:
            key = f"{oid} {mode} {path}"
            if key in summaries:
                fresh[key] = summaries[key]
            else:
                todo.append((key, mode, kind, oid, size, path))
        blobs = self.git.cat_blobs(oid for _, mode, kind, oid, size, _ in todo
                                   if _readable(mode, kind, size))
        for key, mode, kind, oid, size, path in todo:
            fresh[key] = _summary(path, mode, kind, size, blobs.get(oid))
        last, last_tip = self._last_changes(tip, {p for *_, p in rows}, cache.get("last"))
        if fresh != summaries or last_tip != (cache.get("last") or {}).get("tip"):
            self._write_cache({"version": _CACHE_VERSION, "summaries": fresh,
                               "last": {"tip": last_tip, "paths": last}})
        entries = []
        for mode, _kind, oid, _size, path in rows:
            s = fresh[f"{oid} {mode} {path}"]
            info = last.get(path)
            entries.append(Entry(
                id=path_to_id(path) or path.removeprefix("protocols/"), path=path, blob=oid,
                council=s["council"], date=s["date"], status=s["status"], errors=s["errors"],
                warnings=s["warnings"], first_problem=s["first_problem"],
                last=Commit(*info) if info else None,
            ))
        entries.sort(key=lambda e: (e.date or "", e.id), reverse=True)
        return entries

    def _search_texts(self, entries: list[Entry]) -> dict[str, str]:
        """id -> the folded words of each listed protocol, for filtering as you type
        (from the search index; the command line's list never pays for it)."""
        tip = self.tip()
        if tip is None:
            return {}
        index, _ = self._search_index(tip)
        return {e.id: index.haystack(e.blob) for e in entries}

    def _search_index(self, tip: str) -> tuple[Index, list[tuple[str, str]]]:
        """The search index under the git directory, brought up to date with `tip`, and
        (id, blob id) of every file under protocols/ there.

        The index holds exactly the blobs at the tip, keyed by blob id: a blob it
        lacks is read and parsed once (one `cat-file --batch` for all), and the file
        is rewritten only when the tip's blobs differ from those it holds."""
        from brotui.core import codec
        from brotui.core.search_index import INDEX_FILE, Index
        from brotui.core.textparts import parts

        rows = [r for r in self.files(tip, sizes=False) if r[1] == "blob" and r[0] != "120000"]
        files = [(path_to_id(path) or path.removeprefix("protocols/"), oid)
                 for _, _, oid, _, path in rows]
        path = self.state_dir() / INDEX_FILE
        index = Index.read(path, _INDEX_VERSION)
        wanted = {oid for _, oid in files}
        missing = wanted.difference(index.oids)
        if missing or len(wanted) != len(index.oids):
            sizes = {oid: size for _, _, oid, size, _ in self.files(tip)} if missing else {}
            blobs = self.git.cat_blobs(oid for oid in missing
                                       if (sizes.get(oid) or 0) <= codec.MAX_BYTES)
            texts = {}
            for oid, data in blobs.items():
                protocol = codec.load(data).protocol
                texts[oid] = parts(protocol) if protocol is not None else []
            index = index.rebuilt((oid for _, oid in files), texts)
            _write_file(path, index.to_bytes())
            with contextlib.suppress(OSError):
                (path.parent / "search-cache.json").unlink(missing_ok=True)  # before 0.2
        return index, files

    def _search(self, query: Query) -> list[Hit]:
        """Every place in the protocols at the branch tip where the query matches, the
        newest protocols first (see brotui.core.search)."""
        from brotui.core.search import _hits

        query.require()
        tip = self.tip()
        if tip is None:
            return []
        index, files = self._search_index(tip)
        return _hits(index, files, query)

    def _search_history(self, query: Query) -> list[Trail]:
        """For each protocol whose history holds the query: the commits that added it,
        removed it, or changed how often it occurs (oldest first), and whether it is
        there now. Git's pickaxe finds the commits where the number of matches in a
        file changed; both versions of each such file are then read (one `cat-file
        --batch`) to tell what the commit did to the protocol's text."""
        from brotui.core.search import (
            Change,
            Trail,
            classify,
            count_in_file,
            newest_first,
            pickaxe_records,
        )

        query.require()
        tip = self.tip()
        if tip is None:
            return []
        out = self.git.run("log", "--no-renames", "--raw", "--no-abbrev", "-z",
                           "--format=%x01%H%x00%an%x00%ae%x00%at%x00%s", "--pickaxe-regex",
                           f"-S{query.pickaxe()}", tip, "--", "protocols/")
        found: list[tuple[Commit, str, str, str]] = []
        for (oid, name, email, when, subject), files in pickaxe_records(out):
            commit = Commit(oid, name, email, int(when), subject)
            found += [(commit, old, new, path) for old, new, path in files if path_to_id(path)]
        oids = list(dict.fromkeys(o for _, old, new, _ in found for o in (old, new)
                                  if o.strip("0")))
        counts = {oid: count_in_file(data, query) for oid, data in self.git.cat_blobs(oids).items()}
        changes: dict[str, list[Change]] = {}
        for commit, old, new, path in reversed(found):  # oldest first
            before, after = counts.get(old, 0), counts.get(new, 0)
            kind = classify(before, after)
            if kind is not None:
                changes.setdefault(path, []).append(Change(
                    commit, kind, before, after, old if old.strip("0") else None,
                    new if new.strip("0") else None))
        index, files = self._search_index(tip)  # what the protocols hold now
        holding, now = index.candidates(query), dict(files)
        trails = []
        for path, found_changes in changes.items():
            protocol_id = path_to_id(path) or path
            trails.append(Trail(protocol_id, found_changes, now.get(protocol_id) in holding))
        return sorted(trails, key=lambda trail: newest_first(trail.id), reverse=True)

    def _check_all(self, rev: str | None = None) -> list[tuple[str, list[Problem]]]:
        """Every file under protocols/ at a revision with all its problems."""
        commit = self.resolve(rev) if rev else self.tip()
        if commit is None:
            return []
        rows = self.files(commit)
        blobs = self.git.cat_blobs(oid for mode, kind, oid, size, _ in rows
                                   if _readable(mode, kind, size))
        return [(path, file_problems(path, mode, kind, size, blobs.get(oid))[1])
                for mode, kind, oid, size, path in rows]

    def _last_changes(self, tip: str, paths: set[str],
                      cached: dict[str, Any] | None) -> tuple[dict[str, list[Any]], str]:
        """path -> [commit, author, email, time, subject] for each path's newest change."""
        known: dict[str, list[Any]] = {}
        since = None
        if cached and cached.get("tip") and isinstance(cached.get("paths"), dict):
            if cached["tip"] == tip:
                return cached["paths"], tip
            if self.is_ancestor(cached["tip"], tip):
                known = dict(cached["paths"])
                since = cached["tip"]
        found: dict[str, list[Any]] = {}
        wanted = set(paths) if since is None else None
        proc = self.git.popen("log", "--no-renames", "--name-only", "-z",
                              "--format=%x01%H%x00%an%x00%ae%x00%at%x00%s",
                              f"{since}..{tip}" if since else tip, "--", "protocols/")
        assert proc.stdout is not None
        try:
            for commit, changed in _log_records_stream(proc.stdout):
                for path in changed:
                    if path not in found:
                        found[path] = [commit.oid, commit.author, commit.email, commit.time,
                                       commit.subject]
                        if wanted is not None:
                            wanted.discard(path)
                if wanted is not None and not wanted:
                    break  # every current file has its last change: stop reading history
        finally:
            proc.stdout.close()
            proc.kill()
            proc.wait()
        known.update(found)
        return {p: v for p, v in known.items() if p in paths}, tip

    def is_ancestor(self, old: str, new: str) -> bool:
        """Whether commit `old` is `new` or one of its ancestors' (git merge-base)."""
        return self.git.try_text("merge-base", "--is-ancestor", old, new) is not None

    def _cache_path(self) -> Path:
        # Summaries hold sentences for people: one cache per language.
        return self.state_dir() / f"list-cache.{language()}.json"

    def _read_cache(self) -> dict[str, Any]:
        try:
            data = json.loads(self._cache_path().read_text("utf-8"))
        except (OSError, ValueError):
            return {}
        return data if isinstance(data, dict) and data.get("version") == _CACHE_VERSION else {}

    def _write_cache(self, data: dict[str, Any]) -> None:
        _write_json(self._cache_path(), data)

    # ------------------------------------------------------------------ saving

    @contextlib.contextmanager
    def _save_lock(self) -> Iterator[None]:
        """One brotui save at a time per archive; the kernel frees it if we die. Taking it
        is the first write of every save: where it cannot be made, the archive is read-only
        for this person, and the save says so before it writes anything."""
        folder = self.git_dir / "brotui"
        try:
            folder.mkdir(exist_ok=True)
            fd = os.open(folder / "save.lock", os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as exc:
            if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
                raise BrotuiError(t("err_read_only", path=self.name)) from None
            raise
        try:
            deadline = time.monotonic() + _LOCK_TIMEOUT
            while True:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() > deadline:
                        raise BrotuiError(t("err_busy")) from None
                    time.sleep(random.uniform(0.002, 0.02))
            yield
        finally:
            os.close(fd)

    def _save(self, protocol_id: str, protocol: Protocol, author: Identity,
             base: str | None = None, date: str | None = None) -> SaveResult:
        """Save a valid protocol as one commit on the branch.

        `base` is the revision the edit started from (default: the tip when the save
        begins). If the file changed since, the two edits are merged on the model
        (brotui.core.merge): changes to different fields make one commit holding both,
        and `SaveResult.merged` lists what the others changed; changes to the same
        field raise MergeConflict and write nothing. A protocol deleted meanwhile is a
        Conflict. `date` sets the author date (git's formats), for imports and the demo."""
        from brotui.core import codec, fielddiff
        from brotui.core.validate import check

        validate_id(protocol_id)
        path = id_to_path(protocol_id)
        content = codec.dump(protocol).encode("utf-8")
        problems = check(content, protocol_id).problems
        errors = [p for p in problems if p.is_error]
        if errors:
            raise InvalidProtocol(t("err_invalid", where=path, count=len(errors)), errors,
                                  where=path)
        outcome: dict[str, Any] = {}
        # The commit message is written from the diff, which on a long text takes its
        # time: write it before taking the lock, against the file at the tip now, so
        # others' saves do not wait for it. Under the lock it is written again only if
        # the file is no longer so (someone saved meanwhile).
        early_old = self._file_at_tip(path)
        early_message = self._message(protocol_id, early_old, protocol)

        def plan(snap: Snapshot) -> Write | None:
            mine, data = protocol, content
            outcome.clear()
            if snap.blob(path) != snap.start[path]:  # changed since the edit began
                mine = self._merge(protocol_id, snap, protocol, base)
                data = codec.dump(mine).encode("utf-8")
                outcome.update(merged=fielddiff.diff(protocol, mine), protocol=mine)
            if snap.holds(path, data):
                return None
            old_data = snap.data(path)
            if mine is protocol and old_data == early_old:
                return Write({path: data}, early_message)
            return Write({path: data}, self._message(protocol_id, old_data, mine))

        result = self.commit_change(protocol_id, [path], plan, author, base=base, date=date,
                                    merges=True)
        result.merged = outcome.get("merged", [])
        result.protocol = outcome.get("protocol")
        return result

    def _merge(self, protocol_id: str, snap: Snapshot, mine: Protocol,
               base: str | None) -> Protocol:
        """Mine merged with what was saved since the base; Conflict if that cannot be."""
        from brotui.core import codec
        from brotui.core.merge import merge
        from brotui.core.validate import check

        path = id_to_path(protocol_id)
        start, current = snap.start[path], snap.blob(path)
        where = base or ""
        if current is None or start is None:  # deleted, or created, meanwhile
            self._raise_conflict(protocol_id, where)
        base_data = self.git.cat_blobs([start]).get(start, b"")  # type: ignore[list-item]
        old, theirs = codec.load(base_data).protocol, codec.load(snap.data(path) or b"").protocol
        if old is None or theirs is None:  # one side does not read: no field to merge by
            self._raise_conflict(protocol_id, where)
        merged = merge(old, mine, theirs)  # type: ignore[arg-type]
        if merged.conflicts:
            last = self.history(protocol_id, limit=1)
            who = last[0] if last else None
            raise MergeConflict(
                t("err_merge_conflict", id=protocol_id, author=who.author if who else "?",
                  commit=who.short if who else "?", base=where[:10]),
                merged, snap.commit or "", who)
        if check(codec.dump(merged.protocol), protocol_id).errors:
            self._raise_conflict(protocol_id, where)  # e.g. two items given one number
        return merged.protocol

    def _file_at_tip(self, path: str) -> bytes | None:
        """The content of a file at the branch's tip, None if it has none there."""
        tip = self.tip()
        found = self.git.cat([f"{tip}:{path}"])[0] if tip else None
        return found[2] if found is not None and found[1] == "blob" else None

    def write_blob(self, content: bytes) -> str:
        """Store a file's content in the object database; its blob id. A large one (an
        attachment) goes through a temporary file under the git directory: piped to git,
        Python's subprocess writes it 4 kB at a time, a tenth of a second for 10 MB."""
        try:
            if len(content) > _PIPE_MAX:
                tmp = self.state_dir() / "tmp" / f"blob-{os.getpid()}-{random.getrandbits(32):08x}"
                try:
                    tmp.parent.mkdir(exist_ok=True)
                    tmp.write_bytes(content)
                except OSError:
                    pass  # (a read-only archive: git says so below)
                else:
                    try:
                        return self.git.text("hash-object", "-w", "--no-filters", "--",
                                             str(tmp)).strip()
                    finally:
                        tmp.unlink(missing_ok=True)
            return self.git.text("hash-object", "-w", "--stdin", input=content).strip()
        except GitError as exc:
            if any(s in exc.stderr for s in _NO_WRITE):
                raise BrotuiError(t("err_read_only", path=self.name)) from None
            raise

    def commit_change(self, protocol_id: str, paths: list[str],
                      plan: Callable[[Snapshot], Write | None], author: Identity, *,
                      base: str | None = None, date: str | None = None,
                      watch: list[str] | None = None, merges: bool = False) -> SaveResult:
        """Make one commit on the branch that changes files under protocols/: every write
        of brotui (save, delete, move, restore) goes through here.

        Under the archive's lock: finish a save that an earlier brotui was killed in
        the middle of; read the tip's trees on `paths` and the files there in one
        snapshot; refuse a path that goes through a file or link where a folder should
        be; if a `watch`ed file (default: the first path) changed since `base` (default:
        the tip when this began), raise Conflict and write nothing (with `merges`, `plan`
        sees it in the snapshot and merges or refuses); ask `plan` what to
        write (None, or files that are already so: nothing to do; it may refuse by
        raising); store the new contents (only now, so a refused or empty change leaves
        no object behind), write the trees and the commit; move the branch with a
        compare-and-swap, trying again from a fresh snapshot if someone else moved it
        meanwhile; keep a checked-out copy of each file in step unless that copy holds
        changes of its own. Between moving the branch and the work tree a record under
        the git directory names the files, so a brotui killed there is finished by the
        next (see _finish_interrupted_save)."""
        if not all(is_archive_path(p) for p in paths):
            raise BrotuiError(t("err_bad_id", id=", ".join(p for p in paths
                                                          if not is_archive_path(p))))
        if not self.on_branch:
            raise BrotuiError(t("err_detached", commit=(self.detached or "?")[:10],
                                path=self.name))
        base_commit = self.resolve(base) if base else None
        committer = self.committer or author
        sign = signing(self.git).commit_args()
        watch = paths[:1] if watch is None else watch
        stored: dict[bytes, str] = {}  # content -> blob id, written once over all attempts
        with self._save_lock():
            self._finish_interrupted_save()
            for _attempt in range(200):
                old = self.tip()
                if base_commit is None:
                    base_commit = old
                snap = Snapshot.read(self.git, old, paths, base_commit, watch)
                for path in paths:
                    if path in snap.blocked:
                        part = snap.blocked[path]
                        raise BrotuiError(t("err_path_is_folder", path=path) if part == path
                                          else t("err_path_not_tree", path=path, part=part))
                for path in watch:
                    if snap.blob(path) != snap.start[path] and not merges:
                        self._raise_conflict(path_to_id(path) or protocol_id,
                                             base or base_commit or "")
                change = plan(snap)
                files = {} if change is None else {
                    path: content for path, content in change.files.items()
                    if not snap.holds(path, content)}
                if change is None or not files:
                    return SaveResult(protocol_id, None, old)
                new: dict[str, tuple[str, bytes] | None] = {}
                for path, content in files.items():
                    if content is not None and content not in stored:
                        stored[content] = self.write_blob(content)
                    new[path] = None if content is None else (stored[content], content)
                tree = snap.write(self.git, {path: blob[0] if blob else None
                                             for path, blob in new.items()})
                env = {**author.env("AUTHOR"), **committer.env("COMMITTER")}
                if date:
                    env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = date
                parents = ["-p", old] if old else []
                try:
                    commit = self.git.text("commit-tree", tree, *parents, *sign, "-F", "-",
                                           input=change.message.encode("utf-8"),
                                           env=env).strip()
                except GitError as exc:
                    if sign:
                        raise BrotuiError(t("err_sign", reason=exc.reason)) from None
                    raise
                pending = self._follows_branch()
                if pending:
                    _write_json(self._pending_path(), {"commit": commit, "files": [
                        {"path": path, "old": snap.blob(path), "new": blob[0] if blob else None}
                        for path, blob in new.items()]})
                try:
                    self.git.run("-c", f"core.filesRefLockTimeout={_REF_LOCK_WAIT_MS}",
                                 "update-ref", "-m", f"brotui: {protocol_id}", self.ref, commit,
                                 old or ZERO)
                except GitError as exc:
                    if pending:
                        self._pending_path().unlink(missing_ok=True)
                    if self.tip() == old and not _lock_released(exc):
                        raise self._ref_refused(exc) from None
                    # Someone else moved the branch (the compare-and-swap was lost), or a
                    # git that held its lock has finished: again, from a fresh snapshot.
                    time.sleep(random.uniform(0.005, 0.05))
                    continue
                result = SaveResult(protocol_id, commit, old, change.message)
                if pending:
                    for path, blob in new.items():
                        self._sync_work_tree(path, snap.blob(path), blob, result)
                    self._pending_path().unlink(missing_ok=True)
                return result
        raise BrotuiError(t("err_busy"))

    def _ref_refused(self, exc: GitError) -> BrotuiError:
        """A refusal saying why git did not move the branch, when nobody else moved it: a
        lock file left behind (which, and what to do), or git's own reason (a hook that
        said no, a broken ref, a full disk)."""
        if exc.lock_file:
            return BrotuiError(t("err_ref_locked", branch=self.branch,
                                 lock=visible(exc.lock_file)))
        return BrotuiError(t("err_ref_refused", branch=self.branch, reason=exc.reason))

    def _follows_branch(self) -> bool:
        """Whether a commit keeps a checked-out copy in step (a work tree on this branch)."""
        return self.work_tree is not None and self.head == self.ref

    def _pending_path(self) -> Path:
        return self.git_dir / "brotui" / "save-pending.json"

    def recover(self) -> None:
        """Finish a save that was killed after it moved the branch (see commit_change),
        unless a save is under way right now. Cheap when there is nothing to do: one stat."""
        if not self._pending_path().exists():
            return
        try:
            fd = os.open(self.state_dir() / "save.lock", os.O_RDWR | os.O_CREAT, 0o644)
        except OSError:
            return  # an archive this person may only read: the next save finishes it
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return  # the save that wrote it is still running and will finish its own work
        else:
            self._finish_interrupted_save()
        finally:
            os.close(fd)

    def _finish_interrupted_save(self) -> None:
        """Under the save lock: if a commit's save died between moving the branch and
        updating the work tree, give the work tree's copy of each file it wrote or
        deleted (and the index) what the branch has, provided the commit is on the
        branch, the branch still has that file so, and the copy is still what it was
        before that save."""
        pending = self._pending_path()
        try:
            record = json.loads(pending.read_text("utf-8"))
            commit = record["commit"]
            files = [(f["path"], f["old"], f["new"]) for f in record["files"]]
        except FileNotFoundError:
            pass
        except (OSError, ValueError, KeyError, TypeError):
            pass  # written half (by a save killed while writing it): it was never acted on
        else:
            tip = self.tip()
            if (self._follows_branch() and tip and isinstance(commit, str)
                    and (tip == commit or self.is_ancestor(commit, tip))):
                result = SaveResult("", None, None)
                for path, old_blob, new_blob in files:
                    if not isinstance(path, str) or not is_archive_path(path):
                        continue
                    entry = self.tree_entry(tip, path)
                    if new_blob is None and entry is None:
                        self._sync_work_tree(path, old_blob, None, result)
                    elif entry is not None and entry[:3] == ("100644", "blob", new_blob):
                        content = self.git.run("cat-file", "blob", new_blob)
                        self._sync_work_tree(path, old_blob, (new_blob, content), result)
        with contextlib.suppress(OSError):
            pending.unlink()
        for stale in self._tmp_dir().glob("*"):  # left by a save killed while writing
            with contextlib.suppress(OSError):
                stale.unlink()

    def _tmp_dir(self) -> Path:
        path = self.state_dir() / "tmp"
        path.mkdir(exist_ok=True)
        return path

    def _raise_conflict(self, protocol_id: str, base: str) -> None:
        history = self.history(protocol_id, limit=1)
        if not history or self.tree_entry(history[0].oid, id_to_path(protocol_id)) is None:
            raise Conflict(t("err_conflict_deleted", id=protocol_id, base=base[:10]))
        last = history[0]
        raise Conflict(t("err_conflict", id=protocol_id, base=base[:10], current=last.short,
                         author=last.author))

    @functools.cached_property
    def committer(self) -> Identity | None:
        """The repository's configured identity: the committer of every save (else the author)."""
        return git_identity(self.git)

    def _message(self, protocol_id: str, old_data: bytes | None, new: Protocol) -> str:
        """Written from the field-level diff, in the archive's language: a summary line
        naming the protocol and the change, a body listing every change, the trailer."""
        from brotui.core import codec, diffrender, fielddiff

        lang = self.language
        if old_data is None:
            subject = t("commit_new", id=protocol_id, lang=lang)
            return f"{subject}\n\n{new.title}\n\nProtocol: {protocol_id}\n"
        old = codec.load(old_data).protocol
        if old is None:  # the file did not read as a protocol: now it does
            subject = t("commit_repaired", id=protocol_id, lang=lang)
            return f"{subject}\n\n{new.title}\n\nProtocol: {protocol_id}\n"
        return diffrender.message(protocol_id, fielddiff.diff(old, new), lang)

    def _sync_work_tree(self, path: str, old_blob: str | None,
                        new: tuple[str, bytes] | None, result: SaveResult) -> None:
        """Keep a checked-out copy of a committed file (and its index entry) in step:
        written as `new` (blob id, content) as git's checkout would write it (its filters:
        `core.autocrlf`, `eol` and `filter` attributes), or removed when `new` is None.
        Whether the copy was in step is asked as `git status` would: through the same
        filters. A copy holding changes of its own is never overwritten or removed.
        Nothing is written or removed through a symbolic link: a folder on the way that
        is a link keeps the copy as it is; the file itself, if it is the link the branch
        had, is replaced by the file or removed (the link, not what it points to).

        The index entry follows the branch when it held what the branch had (nothing
        staged), also beside a copy that was kept: otherwise the index would hold the
        old file, staged as a reversal of the save."""
        if not self._follows_branch():
            return
        assert self.work_tree is not None
        new_blob = new[0] if new else None
        target = _work_tree_file(self.work_tree, path)
        disk_blob = self._copy_blob(path, target, (old_blob, new_blob))
        if disk_blob not in (old_blob, new_blob):
            result.notes.append(t("worktree_kept", path=path))
        else:
            assert target is not None
            if new is None:
                if disk_blob is not None:
                    target.unlink()
                    if target.parent != self.work_tree / "protocols":
                        with contextlib.suppress(OSError):
                            target.parent.rmdir()  # the council's last protocol: no empty folder
            elif disk_blob != new_blob or target.is_symlink():
                self._replace_file(target, self._checkout_bytes(path, new[0], new[1]))
        self._sync_index(path, old_blob, new_blob, result)

    def _sync_index(self, path: str, old_blob: str | None, new_blob: str | None,
                    result: SaveResult) -> None:
        """Give the index entry of a committed path the branch's blob, if it held the
        branch's earlier one. Another git holding `index.lock` is waited for a moment;
        an index that stays locked, or that git will not update, is named in the notes
        with what to do, never left stale without a word."""
        staged = self.git.text("ls-files", "-s", "-z", "--", path).split("\t")[0].split()
        staged_mode, staged_blob = (staged[0], staged[1]) if len(staged) > 1 else (None, None)
        wanted = ("100644", new_blob) if new_blob else (None, None)
        if staged_blob not in (old_blob, new_blob) or (staged_mode, staged_blob) == wanted:
            return
        update = (["--force-remove", "--", path] if new_blob is None
                  else ["--add", "--cacheinfo", f"100644,{new_blob},{path}"])
        deadline = time.monotonic() + _INDEX_LOCK_WAIT
        while True:
            try:
                self.git.run("update-index", *update)
                return
            except GitError as exc:
                if exc.lock_file is None:
                    result.notes.append(t("index_refused", path=path, reason=exc.reason))
                    return
                if time.monotonic() > deadline:
                    result.notes.append(t("index_locked", path=path,
                                          lock=visible(exc.lock_file)))
                    return
                time.sleep(random.uniform(0.005, 0.03))  # index.lock held by a running git

    def _copy_blob(self, path: str, target: Path | None,
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
        filtered = self.work_git.try_text("hash-object", f"--path={path}", "--",
                                          str(target))
        return filtered if filtered else "?"

    def _checkout_bytes(self, path: str, blob: str, content: bytes) -> bytes:
        """A blob's content as git's checkout writes it at `path` (smudged by its filters:
        CRLF line ends under `core.autocrlf`, an `eol` attribute, a filter driver)."""
        try:
            return self.work_git.run("cat-file", "--filters", f"--path={path}", blob)
        except GitError:
            return content  # a filter that fails: the content as committed

    @functools.cached_property
    def work_git(self) -> Git:
        """git with the work tree named, for what reads its attributes (filters)."""
        return Git(git_dir=str(self.git_dir),
                   work_tree=str(self.work_tree) if self.work_tree else None)

    def _replace_file(self, target: Path, content: bytes) -> None:
        """Write a work-tree file so that it is always either the old or the new content."""
        target.parent.mkdir(parents=True, exist_ok=True)
        folder = self._tmp_dir()
        if folder.stat().st_dev != target.parent.stat().st_dev:
            folder = target.parent  # a rename is atomic only within one file system
        write_durably(target, content, folder)


def _lock_released(exc: GitError) -> bool:
    """Whether git failed on a lock file that is gone now: another git held it (longer
    than git waited) and has finished, so trying again can succeed."""
    return exc.lock_file is not None and not os.path.lexists(exc.lock_file)


def write_durably(target: Path, content: bytes, tmp_dir: Path) -> None:
    """Replace a file so that it is always either the old or the new content, even after
    a kill or a power cut: a temporary file in `tmp_dir` (on the target's file system),
    flushed to disk, renamed over the old one, and the rename flushed too."""
    tmp = tmp_dir / f".{target.name}.brotui-{os.getpid()}.tmp"
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o666)
        try:
            view = memoryview(content)
            while view:
                view = view[os.write(fd, view):]
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    with contextlib.suppress(OSError):
        dir_fd = os.open(target.parent, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)


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
        found = git.cat(specs)
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
                         if at_dir[d] is not None and at_dir[d][1] != "tree"), None)
            if part is None and at_path[path] is not None and at_path[path][1] != "blob":
                part = path
            if part is not None:
                blocked[path] = part
        start = {p: (files[p] or (None,))[0] for p in watch}
        if base != old and base is not None:
            at_base = found[len(dirs) + len(paths):]
            start = {p: obj[0] if obj and obj[1] == "blob" else None
                     for p, obj in zip(watch, at_base, strict=True)}
        return cls(old, trees, files, start, blocked)

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


def file_problems(path: str, mode: str, kind: str, size: int | None,
                  data: bytes | None) -> tuple[Protocol | None, list[Problem]]:
    """A file under protocols/ read and checked: the protocol (if readable) and its problems."""
    from brotui.core import codec
    from brotui.core.validate import check

    protocol_id = path_to_id(path)
    problems: list[Problem] = []
    protocol = None
    if mode == "120000":
        target = visible(data.decode("utf-8", "replace")) if data is not None else None
        problems.append(Problem("", None, t("symlink_target", target=target) if target
                                else t("symlink")))
    elif kind != "blob":
        problems.append(Problem("", None, t("not_a_file")))
    elif data is None:
        problems.append(codec.too_large(size or 0))
    else:
        parsed = check(data, protocol_id)
        protocol, problems = parsed.protocol, parsed.problems
    if protocol_id is None:
        problems.insert(0, Problem("", None, t("bad_filename")))
    return protocol, problems


def _readable(mode: str, kind: str, size: int | None) -> bool:
    """Whether a file's content is read: a text no larger than codec.MAX_BYTES, or the
    target of a link (to name it; a link is never followed)."""
    from brotui.core import codec

    if kind != "blob":
        return False
    return (size or 0) <= (_LINK_MAX if mode == "120000" else codec.MAX_BYTES)


def _summary(path: str, mode: str, kind: str, size: int | None,
             data: bytes | None) -> dict[str, Any]:
    """What the list shows of one file, and whether it is broken."""
    protocol, problems = file_problems(path, mode, kind, size, data)
    errors = [p for p in problems if p.is_error]
    date = protocol.date.isoformat() if protocol and protocol.date else None
    if date is None and (parsed_id := parse_id(path_to_id(path) or "")):
        date = parsed_id[1].isoformat()
    return {
        "council": protocol.council if protocol else None,
        "date": date,
        "status": protocol.status if protocol else None,
        "errors": len(errors),
        "warnings": len(problems) - len(errors),
        "first_problem": (errors or problems)[0].format() if problems else None,
    }


def _history_records(out: bytes) -> Iterator[tuple[Commit, str]]:
    """(commit, its Renamed-from trailer or "") from `git log -z --format=_HISTORY_FORMAT`."""
    fields_ = out.split(b"\0")
    for i in range(0, len(fields_) - 5, 6):
        oid, name, email, when, subject, renamed = (
            f.decode("utf-8", "replace") for f in fields_[i:i + 6])
        yield Commit(oid.strip(), name, email, int(when), subject), \
            renamed.split("\x1f")[0].strip()


_CHANGES = {"A": "added", "D": "deleted"}


def _activity_record(record: bytes) -> tuple[Activity, list[str]]:
    """One commit of `git log -z --name-status --format=%x01_HISTORY_FORMAT`, and the
    paths it changed."""
    parts = record.split(b"\0")
    oid, name, email, when, subject, renamed = (p.decode("utf-8", "replace") for p in parts[:6])
    rest = [p.lstrip(b"\n").decode("utf-8", "surrogateescape") for p in parts[6:]]
    from brotui.core.attachments.paths import owner_of

    paths = []
    by_id: dict[str, Touched] = {}
    for status, path in zip(rest[0::2], rest[1::2], strict=False):
        paths.append(path)
        protocol_id = path_to_id(path)
        if protocol_id:
            by_id[protocol_id] = Touched(protocol_id, _CHANGES.get(status[:1], "changed"))
        elif (owner := owner_of(path)) and owner not in by_id:
            by_id[owner] = Touched(owner, "changed")  # one of its attachments changed
    touched = list(by_id.values())
    renamed = renamed.split("\x1f")[0].strip()
    return Activity(Commit(oid, name, email, int(when), subject), tuple(touched),
                    renamed if parse_id(renamed) else ""), paths


def _parse_record(record: bytes) -> tuple[Commit, list[str]]:
    parts = record.split(b"\0")
    oid, name, email, when, subject = (p.decode("utf-8", "replace") for p in parts[:5])
    paths = [p.lstrip(b"\n").decode("utf-8", "surrogateescape") for p in parts[5:]]
    return Commit(oid, name, email, int(when), subject), [p for p in paths if p]


def _log_records_stream(stream: Any, parse: Callable[[bytes], Any] = _parse_record
                        ) -> Iterator[Any]:
    """Records of `git log --format=%x01... -z` (with --name-only, or --name-status when
    `parse` reads that), read as they come."""
    buffer = b""
    while True:
        chunk = stream.read1(1 << 16) if hasattr(stream, "read1") else stream.read(1 << 16)
        if not chunk:
            break
        buffer += chunk
        *records, buffer = buffer.split(b"\x01")
        for record in records:
            if record:
                yield parse(record)
    if buffer:
        yield parse(buffer)


def _settings(data: bytes) -> dict[str, Any]:
    """The archive's `.brotui.yaml` (language, branch, councils); anything unreadable is none."""
    if not data:
        return {}
    import yaml

    try:
        settings = yaml.load(data, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError:
        return {}
    return settings if isinstance(settings, dict) else {}


def _write_json(path: Path, data: dict[str, Any]) -> None:
    """Replace a cache file atomically; a cache that cannot be written is only slower."""
    _write_file(path, json.dumps(data, ensure_ascii=False).encode("utf-8"))


def _write_file(path: Path, data: bytes) -> None:
    """Replace a file under the git directory atomically, if it can be written at all."""
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    try:
        tmp.write_bytes(data)
        os.replace(tmp, path)
    except OSError:
        with contextlib.suppress(OSError):
            tmp.unlink()


def _head_ref(git_dir: Path) -> str | None:
    """The branch HEAD names, read from the file (one git process fewer at every start)."""
    try:
        head = (git_dir / "HEAD").read_text("utf-8").strip()
    except (OSError, UnicodeDecodeError):
        return None
    ref = head.removeprefix("ref: ")
    return ref if head.startswith("ref: refs/heads/") and ref.count("..") == 0 else None


_DUBIOUS_RE = re.compile(r"detected dubious ownership in repository at '(?P<path>[^'\n]*)'")


def _owner(path: str) -> str:
    """Who owns a folder, by user name where there is one (else the number)."""
    try:
        uid = os.stat(path).st_uid
    except OSError:
        return "?"
    try:
        import pwd

        return pwd.getpwuid(uid).pw_name
    except (KeyError, ImportError):
        return f"uid {uid}"


def _discover(path: Path) -> tuple[str, str | None]:
    """(git dir, work tree or None) of the repository at or around `path`, or a refusal
    that says why there is none: no repository, or git's own reason for not opening one
    (a repository another person owns: git's `safe.directory` check)."""
    if not path.is_dir():
        raise BrotuiError(t("err_not_repo", path=str(path)))
    proc = subprocess.run(
        ["git", "-C", str(path), "rev-parse", "--absolute-git-dir", "--is-bare-repository",
         "--show-toplevel"],
        capture_output=True, env={**os.environ, "LC_ALL": "C"}, stdin=subprocess.DEVNULL,
    )
    lines = proc.stdout.decode("utf-8", "surrogateescape").splitlines()
    if proc.returncode != 0 and len(lines) < 2:
        error = GitError(["rev-parse"], proc.returncode,
                         proc.stderr.decode("utf-8", "replace"))
        dubious = _DUBIOUS_RE.search(error.stderr)
        if dubious:
            where = dubious["path"]
            fix = f"git config --global --add safe.directory {shlex.quote(where)}"
            raise BrotuiError(t("err_dubious_owner", path=visible(where), owner=_owner(where),
                                fix=visible(fix)))
        if "not a git repository" in error.stderr:
            raise BrotuiError(t("err_not_repo", path=str(path)))
        raise BrotuiError(t("err_open_repo", path=str(path), reason=error.reason))
    git_dir = lines[0]
    bare = len(lines) > 1 and lines[1] == "true"
    work_tree = lines[2] if not bare and len(lines) > 2 else None
    return git_dir, work_tree
