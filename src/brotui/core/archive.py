"""The archive: a git repository whose `protocols/` folder holds the minutes.

Reading is always from the branch (so a bare repository works as well as a
checkout). A save writes blob, trees and commit with git's plumbing and moves
the branch with a compare-and-swap (`update-ref REF NEW OLD`); it never touches
the index or any other file, except to keep a checked-out copy of the one file
it saved in step. Saves by brotui processes on one archive are serialised by a
lock under the git directory, so eight people saving at once all land.
"""

from __future__ import annotations

import contextlib
import fcntl
import functools
import hashlib
import json
import os
import random
import stat
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from brotui import __version__
from brotui.core import codec, fielddiff
from brotui.core.errors import BrotuiError, Conflict, InvalidProtocol
from brotui.core.git import ZERO, Git, GitError, parse_tree
from brotui.core.identity import Identity, git_identity
from brotui.core.model import Protocol, id_to_path, parse_id, path_to_id
from brotui.core.problems import Problem
from brotui.core.search import (
    INDEX_FILE,
    Change,
    Hit,
    Index,
    Query,
    Trail,
    classify,
    count_in_file,
    newest_first,
    parts,
    pickaxe_records,
    search,
)
from brotui.core.text import visible
from brotui.core.validate import check
from brotui.i18n import language, t

SETTINGS_FILE = ".brotui.yaml"
_CACHE_VERSION = f"list-1 {__version__}"
_INDEX_VERSION = f"search-1 {__version__}"
_LOCK_TIMEOUT = 60.0
_LINK_MAX = 4096  # a link's target is read to name it, if it is no longer than this


@dataclass(frozen=True)
class Commit:
    """One commit as people see it: who, when, what."""

    oid: str
    author: str
    email: str
    time: int  # seconds since the epoch
    subject: str = ""

    @property
    def short(self) -> str:
        return self.oid[:10]


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
    first_problem: str | None
    last: Commit | None = None

    @property
    def broken(self) -> bool:
        return self.errors > 0

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
        parsed = check(self.data, self.id)
        if self.path and path_to_id(self.path) is None:
            parsed.problems.insert(0, Problem("", None, t("bad_filename")))
        return parsed


@dataclass
class SaveResult:
    id: str
    commit: str | None  # None: nothing to save, the file was already so
    parent: str | None
    message: str = ""
    notes: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return self.commit is not None


def is_archive_path(path: str) -> bool:
    """A path inside protocols/ with no `.`, `..` or empty part: one that names a file of
    the archive's tree and can never lead out of it."""
    parts = path.split("/")
    return len(parts) >= 2 and parts[0] == "protocols" and all(
        p not in ("", ".", "..") for p in parts[1:])


def validate_id(protocol_id: str) -> str:
    """The id if it is well formed; a refusal naming it otherwise (no paths, no `..`)."""
    if not isinstance(protocol_id, str) or parse_id(protocol_id) is None:
        raise BrotuiError(t("err_bad_id", id=protocol_id))
    return protocol_id


def _git_blob_id(data: bytes, length: int) -> str:
    algo = hashlib.sha1 if length == 40 else hashlib.sha256
    return algo(b"blob %d\0" % len(data) + data).hexdigest()


class Archive:
    """A brotui archive at `path` (a work tree, a folder inside one, or a bare repository)."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path).absolute()
        found = _discover(self.path) if self.path.is_dir() else None
        if found is None:
            raise BrotuiError(t("err_not_repo", path=str(self.path)))
        git_dir, work_tree = found
        self.git_dir = Path(git_dir)
        self.work_tree = Path(work_tree) if work_tree else None
        self.git = Git(git_dir=str(self.git_dir))
        self.head = self.git.try_text("symbolic-ref", "-q", "HEAD") or "refs/heads/main"
        settings_obj, protocols_obj = self.git.cat([f"{self.head}:{SETTINGS_FILE}",
                                                    f"{self.head}:protocols"])
        self.settings = _settings(settings_obj[2] if settings_obj else b"")
        branch = self.settings.get("branch")
        self.ref = f"refs/heads/{branch}" if isinstance(branch, str) and branch else self.head
        if self.ref != self.head:
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
        return self.ref.removeprefix("refs/heads/")

    @property
    def language(self) -> str:
        """The language of commit messages: the archive's setting, else Swedish."""
        lang = self.settings.get("language")
        return lang if lang in ("sv", "en") else "sv"

    def state_dir(self) -> Path:
        """Where brotui keeps caches and locks: under the git directory, never in a commit."""
        path = self.git_dir / "brotui"
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

    def council_name(self, slug: str) -> str | None:
        """A council's full name from the settings or its latest protocol."""
        councils = self.settings.get("councils")
        if isinstance(councils, dict) and isinstance(councils.get(slug), str):
            return councils[slug]
        latest = [e for e in self.list() if e.id.startswith(slug + "/") and e.council]
        return max(latest, key=lambda e: e.date or "").council if latest else None

    # ----------------------------------------------------------------- reading

    def _tree_entry(self, commit: str, path: str) -> tuple[str, str, str, int | None] | None:
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
        if not is_archive_path(path):
            raise BrotuiError(t("err_bad_id", id=path))
        protocol_id = path_to_id(path) or path.removeprefix("protocols/")
        commit = self.resolve(rev) if rev else self.tip()
        where = rev or self.branch
        entry = self._tree_entry(commit, path) if commit else None
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
        """The commits that changed a protocol, newest first."""
        validate_id(protocol_id)
        tip = self.tip()
        if tip is None:
            return []
        args = ["log", "--no-renames", "-z", "--format=%H%x00%an%x00%ae%x00%at%x00%s"]
        if limit:
            args.append(f"-n{limit}")
        out = self.git.run(*args, tip, "--", id_to_path(protocol_id))
        return _commits(out)

    def activity(self, limit: int = 50) -> list[tuple[Commit, list[str]]]:
        """The latest commits touching any protocol, with the ids they changed."""
        tip = self.tip()
        if tip is None:
            return []
        out = self.git.run("log", "--no-renames", "--name-only", "-z", f"-n{limit}",
                           "--format=%x01%H%x00%an%x00%ae%x00%at%x00%s", tip, "--", "protocols/")
        result = []
        for commit, paths in _log_records(out):
            ids = [i for i in (path_to_id(p) for p in paths) if i]
            result.append((commit, ids))
        return result

    # ----------------------------------------------------------------- listing

    def files(self, commit: str, sizes: bool = True) -> list[tuple[str, str, str, int | None, str]]:
        """Every file under protocols/ at a commit: (mode, type, oid, size, path); the
        size is None for a tree, and for every file unless `sizes` (it costs git a read)."""
        out = self.git.run("ls-tree", "-r", *(["-l"] if sizes else []), "-z", commit, "--",
                           "protocols/")
        rows = []
        for record in out.split(b"\0"):
            if not record:
                continue
            meta, _, path = record.partition(b"\t")
            mode, kind, oid, *size = meta.decode().split()
            rows.append((mode, kind, oid, int(size[0]) if size and size[0] != "-" else None,
                         path.decode("utf-8", "surrogateescape")))
        return rows

    def list(self) -> list[Entry]:
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

    def search_texts(self, entries: list[Entry]) -> dict[str, str]:
        """id -> the folded words of each listed protocol, for filtering as you type
        (from the search index; the command line's list never pays for it)."""
        tip = self.tip()
        if tip is None:
            return {}
        index, _ = self.search_index(tip)
        return {e.id: index.haystack(e.blob) for e in entries}

    def search_index(self, tip: str) -> tuple[Index, list[tuple[str, str]]]:
        """The search index under the git directory, brought up to date with `tip`, and
        (id, blob id) of every file under protocols/ there.

        The index holds exactly the blobs at the tip, keyed by blob id: a blob it
        lacks is read and parsed once (one `cat-file --batch` for all), and the file
        is rewritten only when the tip's blobs differ from those it holds."""
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

    def search(self, query: Query) -> list[Hit]:
        """Every place in the protocols at the branch tip where the query matches, the
        newest protocols first (see brotui.core.search)."""
        query.require()
        tip = self.tip()
        if tip is None:
            return []
        index, files = self.search_index(tip)
        return search(index, files, query)

    def search_history(self, query: Query) -> list[Trail]:
        """For each protocol whose history holds the query: the commits that added it,
        removed it, or changed how often it occurs (oldest first), and whether it is
        there now. Git's pickaxe finds the commits where the number of matches in a
        file changed; both versions of each such file are then read (one `cat-file
        --batch`) to tell what the commit did to the protocol's text."""
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
        index, files = self.search_index(tip)  # what the protocols hold now
        holding, now = index.candidates(query), dict(files)
        trails = []
        for path, found_changes in changes.items():
            protocol_id = path_to_id(path) or path
            trails.append(Trail(protocol_id, found_changes, now.get(protocol_id) in holding))
        return sorted(trails, key=lambda trail: newest_first(trail.id), reverse=True)

    def check_all(self, rev: str | None = None) -> list[tuple[str, list[Problem]]]:
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
            if self._is_ancestor(cached["tip"], tip):
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

    def _is_ancestor(self, old: str, new: str) -> bool:
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
        """One brotui save at a time per archive; the kernel frees it if we die."""
        fd = os.open(self.state_dir() / "save.lock", os.O_RDWR | os.O_CREAT, 0o644)
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

    def save(self, protocol_id: str, protocol: Protocol, author: Identity,
             base: str | None = None, date: str | None = None) -> SaveResult:
        """Save a valid protocol as one commit on the branch.

        `base` is the revision the edit started from; if the file changed since,
        nothing is written and Conflict is raised. Without `base`, the branch tip
        at the start of the save is the base. `date` sets the author date (git's
        formats), for imports and the demo."""
        validate_id(protocol_id)
        path = id_to_path(protocol_id)
        problems = check(codec.dump(protocol), protocol_id).problems
        errors = [p for p in problems if p.is_error]
        if errors:
            raise InvalidProtocol(t("err_invalid", where=path, count=len(errors)), errors,
                                  where=path)
        content = codec.dump(protocol).encode("utf-8")
        base_commit = self.resolve(base) if base else None
        new_blob: str | None = None  # written once the save is known to make a commit
        committer = self.committer or author
        with self._save_lock():
            self._finish_interrupted_save()
            for _attempt in range(200):
                old = self.tip()
                if base_commit is None:
                    base_commit = old
                snap = _Snapshot.read(self.git, old, path, base_commit)
                if snap.blocked:
                    raise BrotuiError(t("err_path_not_tree", path=path, part=snap.blocked))
                if snap.current_blob != snap.start_blob:
                    self._raise_conflict(protocol_id, base or base_commit or "")
                current = snap.current_blob
                if current and current == _git_blob_id(content, len(current)):
                    return SaveResult(protocol_id, None, old)
                if new_blob is None:
                    new_blob = self.git.text("hash-object", "-w", "--stdin",
                                             input=content).strip()
                message = self._message(protocol_id, snap.current_data, protocol)
                tree = snap.write(self.git, new_blob)
                env = {**author.env("AUTHOR"), **committer.env("COMMITTER")}
                if date:
                    env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = date
                parents = ["-p", old] if old else []
                commit = self.git.text("commit-tree", tree, *parents, "-F", "-",
                                       input=message.encode("utf-8"), env=env).strip()
                # If brotui dies once the branch has moved, the next brotui on this archive
                # brings the work tree's copy in step (see _finish_interrupted_save).
                pending = self._follows_branch()
                if pending:
                    _write_json(self._pending_path(), {
                        "path": path, "old": snap.current_blob, "new": new_blob})
                try:
                    self.git.run("update-ref", "-m", f"brotui: {protocol_id}", self.ref, commit,
                                 old or ZERO)
                except GitError:
                    time.sleep(random.uniform(0.005, 0.05))  # someone else moved the branch
                    continue
                result = SaveResult(protocol_id, commit, old, message)
                if pending:
                    self._sync_work_tree(path, snap.current_blob, new_blob, content, result)
                    self._pending_path().unlink(missing_ok=True)
                return result
        raise BrotuiError(t("err_busy"))

    def _follows_branch(self) -> bool:
        """Whether a save keeps a checked-out copy in step (a work tree on this branch)."""
        return self.work_tree is not None and self.head == self.ref

    def _pending_path(self) -> Path:
        return self.git_dir / "brotui" / "save-pending.json"

    def recover(self) -> None:
        """Finish a save that was killed after it moved the branch (see save), unless a
        save is under way right now. Cheap when there is nothing to do: one stat."""
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
        """Under the save lock: if a save died between moving the branch and updating the
        work tree, give the work tree's copy (and the index) the content the branch has,
        provided the copy is still what it was before that save."""
        pending = self._pending_path()
        try:
            record = json.loads(pending.read_text("utf-8"))
            path, old_blob, new_blob = record["path"], record["old"], record["new"]
        except FileNotFoundError:
            pass
        except (OSError, ValueError, KeyError, TypeError):
            pass  # written half (by a save killed while writing it): it was never acted on
        else:
            tip = self.tip()
            entry = self._tree_entry(tip, path) if tip and is_archive_path(str(path)) else None
            if self._follows_branch() and entry is not None and entry[:3] == (
                    "100644", "blob", new_blob):
                content = self.git.run("cat-file", "blob", new_blob)
                self._sync_work_tree(path, old_blob, new_blob, content,
                                     SaveResult(path_to_id(path) or path, None, None))
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
        if not history or self._tree_entry(history[0].oid, id_to_path(protocol_id)) is None:
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
        lang = self.language
        if old_data is None:
            subject = t("commit_new", id=protocol_id, lang=lang)
            return f"{subject}\n\n{new.title}\n\nProtocol: {protocol_id}\n"
        old = codec.load(old_data).protocol
        if old is None:  # the file did not read as a protocol: now it does
            subject = t("commit_repaired", id=protocol_id, lang=lang)
            return f"{subject}\n\n{new.title}\n\nProtocol: {protocol_id}\n"
        return fielddiff.message(protocol_id, fielddiff.diff(old, new), lang)

    def _sync_work_tree(self, path: str, old_blob: str | None, new_blob: str, content: bytes,
                        result: SaveResult) -> None:
        """Keep a checked-out copy of the saved file (and its index entry) in step,
        unless the copy holds changes of its own: those are never overwritten. Nothing
        is written through a symbolic link: a folder on the way that is a link keeps
        the copy as it is; the file itself, if it is the link the branch had, is
        replaced by the file (the link, not what it points to)."""
        if not self._follows_branch():
            return
        assert self.work_tree is not None
        target = _work_tree_file(self.work_tree, path)
        disk_blob = _disk_blob(target, len(new_blob)) if target is not None else "?"
        if disk_blob not in (old_blob, new_blob):
            result.notes.append(t("worktree_kept", path=path))
            return
        assert target is not None
        if disk_blob != new_blob or target.is_symlink():
            self._replace_file(target, content)
        staged = self.git.text("ls-files", "-s", "-z", "--", path).split("\t")[0].split()
        staged_mode, staged_blob = (staged[0], staged[1]) if len(staged) > 1 else (None, None)
        if staged_blob in (old_blob, new_blob) and (staged_mode, staged_blob) != ("100644",
                                                                                  new_blob):
            for _ in range(100):
                try:
                    self.git.run("update-index", "--add", "--cacheinfo",
                                 f"100644,{new_blob},{path}")
                    break
                except GitError:
                    time.sleep(random.uniform(0.005, 0.03))  # index.lock held by git

    def _replace_file(self, target: Path, content: bytes) -> None:
        """Write a work-tree file so that it is always either the old or the new content:
        a temporary file, flushed to disk, renamed over the old one."""
        target.parent.mkdir(parents=True, exist_ok=True)
        folder = self._tmp_dir()
        if folder.stat().st_dev != target.parent.stat().st_dev:
            folder = target.parent  # a rename is atomic only within one file system
        tmp = folder / f".{target.name}.brotui-{os.getpid()}.tmp"
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
        with contextlib.suppress(OSError):  # the rename itself survives a power cut too
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
class _Snapshot:
    """What a save needs from the tip, read in one `cat-file --batch`: the three trees on
    the file's path (root, protocols/, protocols/<council>/) and the file itself, now and
    at the base revision."""

    names: list[bytes]
    trees: list[dict[bytes, tuple[str, str]]]  # name -> (mode, oid), per level
    current_blob: str | None
    current_data: bytes | None
    start_blob: str | None
    blocked: str | None = None  # a part of the path that is there but is no folder

    @classmethod
    def read(cls, git: Git, old: str | None, path: str, base: str | None) -> _Snapshot:
        parts = path.split("/")
        dirs = ["/".join(parts[:i]) for i in range(len(parts))]  # "", protocols, protocols/x
        if old is None:
            return cls([p.encode() for p in parts], [{} for _ in dirs], None, None, None)
        specs = [f"{old}^{{tree}}", *(f"{old}:{d}" for d in dirs[1:]), f"{old}:{path}"]
        if base != old and base is not None:
            specs.append(f"{base}:{path}")
        found = git.cat(specs)
        trees = [parse_tree(obj[2], len(obj[0])) if obj and obj[1] == "tree" else {}
                 for obj in found[:len(dirs)]]
        blocked = next((d for d, obj in zip(dirs, found, strict=False)
                        if obj is not None and obj[1] != "tree"), None)
        if blocked is None and found[len(dirs)] and found[len(dirs)][1] != "blob":
            blocked = path
        current = found[len(dirs)]
        current = current if current and current[1] == "blob" else None
        start = current
        if len(found) > len(dirs) + 1:
            start = found[-1] if found[-1] and found[-1][1] == "blob" else None
        return cls([p.encode() for p in parts], trees,
                   current[0] if current else None, current[2] if current else None,
                   start[0] if start else None, blocked)

    def write(self, git: Git, blob: str) -> str:
        """The new root tree with the file set to `blob`, via one `mktree --batch`."""
        with git.mktree_batch() as mktree:
            child, mode = blob, "100644"
            for name, entries in zip(reversed(self.names), reversed(self.trees), strict=True):
                entries = {**entries, name: (mode, child)}
                child, mode = mktree(entries), "040000"
        return child


def file_problems(path: str, mode: str, kind: str, size: int | None,
                  data: bytes | None) -> tuple[Protocol | None, list[Problem]]:
    """A file under protocols/ read and checked: the protocol (if readable) and its problems."""
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


def _commits(out: bytes) -> list[Commit]:
    fields_ = out.split(b"\0")
    commits = []
    for i in range(0, len(fields_) - 4, 5):
        oid, name, email, when, subject = (f.decode("utf-8", "replace") for f in fields_[i:i + 5])
        commits.append(Commit(oid.strip(), name, email, int(when), subject))
    return commits


def _parse_record(record: bytes) -> tuple[Commit, list[str]]:
    parts = record.split(b"\0")
    oid, name, email, when, subject = (p.decode("utf-8", "replace") for p in parts[:5])
    paths = [p.lstrip(b"\n").decode("utf-8", "surrogateescape") for p in parts[5:]]
    return Commit(oid, name, email, int(when), subject), [p for p in paths if p]


def _log_records(out: bytes) -> Iterator[tuple[Commit, list[str]]]:
    for record in out.split(b"\x01"):
        if record:
            yield _parse_record(record)


def _log_records_stream(stream: Any) -> Iterator[tuple[Commit, list[str]]]:
    """Records of `git log --format=%x01... --name-only -z`, read as they come."""
    buffer = b""
    while True:
        chunk = stream.read1(1 << 16) if hasattr(stream, "read1") else stream.read(1 << 16)
        if not chunk:
            break
        buffer += chunk
        *records, buffer = buffer.split(b"\x01")
        for record in records:
            if record:
                yield _parse_record(record)
    if buffer:
        yield _parse_record(buffer)


def _settings(data: bytes) -> dict[str, Any]:
    """The archive's `.brotui.yaml` (language, branch, councils); anything unreadable is none."""
    if not data:
        return {}
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


def _discover(path: Path) -> tuple[str, str | None] | None:
    """(git dir, work tree or None) of the repository at or around `path`."""
    proc = subprocess.run(
        ["git", "-C", str(path), "rev-parse", "--absolute-git-dir", "--is-bare-repository",
         "--show-toplevel"],
        capture_output=True, env={**os.environ, "LC_ALL": "C"}, stdin=subprocess.DEVNULL,
    )
    lines = proc.stdout.decode("utf-8", "surrogateescape").splitlines()
    if proc.returncode != 0 and len(lines) < 2:
        return None
    git_dir = lines[0]
    bare = len(lines) > 1 and lines[1] == "true"
    work_tree = lines[2] if not bare and len(lines) > 2 else None
    return git_dir, work_tree
