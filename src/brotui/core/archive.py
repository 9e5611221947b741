"""The archive: a git repository whose `protocols/` folder holds the minutes, and reading
it: discovery and settings, the branch, revisions, a protocol's file at a revision, its
history (following its moves), the archive's activity, the files under protocols/.

Reading is always from the branch (so a bare repository works as well as a checkout).
What writes lives elsewhere: the one write path in brotui.core.commit, the use cases in
brotui.core.ops, the files under the git directory in brotui.core.state.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
import re
import shlex
import subprocess
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from brotui.core import gitlog, worktree
from brotui.core.attachments.paths import is_attachment_path
from brotui.core.errors import BrotuiError, InvalidProtocol
from brotui.core.git import Git, GitError, UnreadableObject, parse_tree, tree_size
from brotui.core.identity import Identity, git_identity
from brotui.core.model import id_problem, id_to_path, parse_id, path_to_id, slug_problem
from brotui.core.problems import Problem
from brotui.core.state import StateDir
from brotui.core.text import visible
from brotui.core.values import Activity, Commit, Revision
from brotui.core.worktree import is_archive_path
from brotui.i18n import Msg, t

if TYPE_CHECKING:
    from brotui.core.model import Protocol

__all__ = ["LINK_MAX", "SETTINGS_FILE", "Archive", "is_archive_path", "unread_problems",
           "validate_id"]

SETTINGS_FILE = ".brotui.yaml"
LINK_MAX = 4096  # a link's target is read to name it, if it is no longer than this


def validate_id(protocol_id: str) -> str:
    """The id if it is well formed; a refusal naming it otherwise (no paths, no `..`)."""
    problem = id_problem(protocol_id)
    if problem is not None:
        raise BrotuiError(problem)
    return protocol_id


class Archive:
    """A brotui archive at `path` (a work tree, a folder inside one, or a bare repository)."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path).absolute()
        git_dir, work_tree = _discover(self.path)
        self.git_dir = Path(git_dir)
        self.work_tree = Path(work_tree) if work_tree else None
        self.git = Git(git_dir=str(self.git_dir))
        self.state = StateDir(self.git_dir, self.name)
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
        worktree.recover(self)

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

    def tip(self) -> str | None:
        return self.git.try_text("rev-parse", "-q", "--verify", f"{self.ref}^{{commit}}")

    def resolve(self, rev: str) -> str:
        """A revision (commit id, branch, HEAD~2, ...) as a commit id, or a refusal."""
        self.resolve_check(rev)
        oid = self.git.try_text("rev-parse", "-q", "--verify", f"{rev}^{{commit}}")
        if oid is None:
            raise BrotuiError(t("err_bad_rev", rev=rev))
        return oid

    @staticmethod
    def resolve_check(rev: str) -> None:
        """Refuse what is no revision's name before git is asked (an option, a space)."""
        if not rev or rev.startswith("-") or any(c.isspace() for c in rev):
            raise BrotuiError(t("err_bad_rev", rev=rev))

    def commit_info(self, rev: str) -> Commit:
        """Who made a commit, when, and its summary line."""
        out = self.git.run("log", "-1", "-z", "--no-walk", f"--format={gitlog.HISTORY_FORMAT}",
                           self.resolve(rev))
        return next(gitlog.history_records(out))[0]

    def tree_entry(self, commit: str, path: str) -> tuple[str, str, str, int | None] | None:
        """(mode, type, oid, size) of a path at a commit, None if absent."""
        out = self.git.run("ls-tree", "-l", "-z", commit, "--", path)
        if not out:
            return None
        meta, _, _ = out.rstrip(b"\0").partition(b"\t")
        mode, kind, oid, size = meta.decode().split()
        return mode, kind, oid, tree_size(size, self.git.git_dir, oid, path)

    def read(self, protocol_id: str, rev: str | None = None) -> Revision:
        """The protocol's file at a revision (default: the branch tip)."""
        validate_id(protocol_id)
        return self.read_path(id_to_path(protocol_id), rev)

    def read_path(self, path: str, rev: str | None = None) -> Revision:
        """A file under protocols/ at a revision, also one whose name is no id (the list
        shows those as broken). A link, a file over codec.MAX_BYTES or anything but a
        file is refused (InvalidProtocol naming why) without reading its content."""
        from brotui.core import codec  # here, not above: a history (`brotui log ID`) needs no YAML

        if not is_archive_path(path):
            raise BrotuiError(t("err_bad_id", id=path))
        protocol_id = path_to_id(path) or path.removeprefix("protocols/")
        where = rev or self.branch
        if rev is not None:
            self.resolve_check(rev)
        # One git process for the whole read: the commit, the folder's tree (a file's
        # mode: a link is refused unread), the blob's size, then its content.
        with self.git.objects() as objects:
            found = objects.info(f"{rev or self.ref}^{{commit}}")
            if found is None:
                if rev is not None:
                    raise BrotuiError(t("err_bad_rev", rev=rev))
                raise BrotuiError(t("err_unknown_id", id=protocol_id, where=where))
            commit = found[0]
            folder, _, name = path.rpartition("/")
            tree = objects.contents(f"{commit}:{folder}")
            entry = parse_tree(tree[2], len(commit)).get(name.encode()) \
                if tree is not None and tree[1] == "tree" else None
            if entry is None:
                raise BrotuiError(t("err_unknown_id", id=protocol_id, where=where))
            mode, oid = entry
            kind = {"40000": "tree", "160000": "commit"}.get(mode, "blob")
            size: int | None = None
            if kind == "blob":
                info = objects.info(oid)
                if info is None:
                    raise UnreadableObject(self.git.git_dir, oid, path)
                size = info[2]
            if mode == "120000" or kind != "blob" or (size or 0) > codec.MAX_BYTES:
                target = objects.contents(oid) \
                    if mode == "120000" and (size or 0) <= LINK_MAX else None
                problems = unread_problems(path, mode, kind, size,
                                           target[2] if target else None)
                raise InvalidProtocol(t("err_not_read", where=path, count=len(problems)),
                                      problems, where=path)
            blob = objects.contents(oid)
            if blob is None:
                raise UnreadableObject(self.git.git_dir, oid, path)
        return Revision(protocol_id, commit, oid, blob[2], path)

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
            args = ["log", "--no-renames", "-z", f"--format={gitlog.HISTORY_FORMAT}"]
            if limit:
                args.append(f"-n{limit - len(commits)}")
            try:
                out = self.git.run(*args, start, "--", id_to_path(current))
            except GitError:
                if not commits and self.tip() is None:
                    return []  # nothing committed yet
                raise
            moved_from = None
            for commit, renamed_from in gitlog.history_records(out):
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
        args = ["log", "--no-renames", "--name-status", "-z", f"--format={gitlog.ACTIVITY_FORMAT}"]
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
            for item, paths in gitlog.stream_records(proc.stdout, gitlog.activity_record):
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

    def files(self, commit: str, sizes: bool = True) -> list[tuple[str, str, str, int | None, str]]:
        """Every file under protocols/ at a commit but the protocols' attachments (see
        brotui.core.attachments, whose check reports on those): (mode, type, oid, size,
        path); the size is None for a tree, and for every file unless `sizes` (it costs
        git a read)."""
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
            rows.append((mode, kind, oid,
                         tree_size(size[0], self.git.git_dir, oid, path) if size else None, path))
        return rows

    def is_ancestor(self, old: str, new: str) -> bool:
        """Whether commit `old` is `new` or one of its ancestors' (git merge-base)."""
        return self.git.try_text("merge-base", "--is-ancestor", old, new) is not None

    @functools.cached_property
    def committer(self) -> Identity | None:
        """The repository's configured identity: the committer of every save (else the author)."""
        return git_identity(self.git)


def unread_problems(path: str, mode: str, kind: str, size: int | None,
                   target: bytes | None) -> list[Problem]:
    """The problems of a file under protocols/ whose content is not read as a protocol: a
    link (named by its `target`, if that was read), anything but a file, a file over
    codec.MAX_BYTES; and a name that is no id."""
    problems: list[Problem] = []
    if mode == "120000":
        shown = visible(target.decode("utf-8", "replace")) if target is not None else None
        problems.append(Problem("", None, Msg.of("symlink_target", target=shown) if shown
                                else Msg.of("symlink")))
    elif kind != "blob":
        problems.append(Problem("", None, Msg.of("not_a_file")))
    else:
        from brotui.core import codec  # only for a file too large: opening reads no YAML

        problems.append(codec.too_large(size or 0))
    if path_to_id(path) is None:
        problems.insert(0, Problem("", None, Msg.of("bad_filename")))
    return problems


def _settings(data: bytes) -> dict[str, Any]:
    """The archive's `.brotui.yaml` (language, branch, councils); anything unreadable is none."""
    if not data:
        return {}
    import yaml  # only for an archive that has settings: opening one without reads no YAML

    try:
        settings = yaml.load(data, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError:
        return {}
    return settings if isinstance(settings, dict) else {}



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
        import pwd  # (not on every platform: then the number)

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
