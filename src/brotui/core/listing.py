"""The archive's list: every protocol at the branch tip with its state and last change,
the protocols deleted from it, every file checked, a council's name, and the free id for
a council's next meeting.

The list's summaries and the deletions are cached under the git directory (see
brotui.core.state); a warm `brotui list` reads the cache and parses no protocol (nor
imports YAML: the codec and validation are imported only where a file is read).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from brotui import __version__
from brotui.core import gitlog, new
from brotui.core.archive import LINK_MAX, Archive, unread_problems
from brotui.core.model import parse_id, path_to_id
from brotui.core.problems import Problem
from brotui.core.values import Commit, Deletion, Entry
from brotui.i18n import Msg

if TYPE_CHECKING:
    from brotui.core.model import Protocol

# list-2: a summary's problem is Problem JSON (an id and its values), not a sentence, so
# one cache serves every language (list-1 kept one cache per language). list-3: each
# summary is an array, [id, council, date, status, errors, warnings, problem], not an
# object (no key names to read again for each of 20,000 protocols), and keeps the id.
LIST_CACHE_VERSION = f"list-3 {__version__}"
CACHE_VERSION = f"list-1 {__version__}"  # the deletions' cache, which holds no sentence
_LIST_CACHE = "list-cache.json"
_OLD_LIST_CACHES = ("list-cache.sv.json", "list-cache.en.json")  # list-1's, one a language
_DELETED_CACHE = "deleted-cache.json"
_SUMMARY_FIELDS = 7


def entries(archive: Archive) -> list[Entry]:
    """Every protocol at the branch tip with its state and last change, newest first.

    Summaries are cached under the git directory by blob id and path; the
    last change of each file by the tip it was computed for, brought up to
    date with `git log OLD..NEW` when others have committed since."""
    tip = archive.tip()
    if tip is None:
        return []
    # Without `-l`: sizes cost git a read of every object, and only the files the cache
    # does not know need theirs (whether they are small enough to read).
    rows = archive.files(tip, sizes=False)
    cache = _read_cache(archive)
    summaries: dict[str, list[Any]] = cache.get("summaries", {})
    fresh: dict[str, list[Any]] = {}
    todo = []
    problems: dict[str, Problem | None] = {}
    for mode, kind, oid, _size, path in rows:
        key = f"{oid} {mode} {path}"
        if key in summaries and _problem_of(summaries[key], problems, key):
            fresh[key] = summaries[key]
        else:
            todo.append((key, mode, kind, oid, path))
    sizes = archive.git.sizes({oid: path for _, _, kind, oid, path in todo if kind == "blob"})
    blobs = archive.git.cat_blobs(oid for _, mode, kind, oid, _ in todo
                                  if _readable(mode, kind, sizes.get(oid)))
    for key, mode, kind, oid, path in todo:
        fresh[key], problems[key] = _summary(path, mode, kind, sizes.get(oid), blobs.get(oid))
    last, last_tip = _last_changes(archive, tip, {p for *_, p in rows}, cache.get("last"))
    if todo or len(fresh) != len(summaries) \
            or last_tip != (cache.get("last") or {}).get("tip"):
        archive.state.write_json(_LIST_CACHE, {"version": LIST_CACHE_VERSION, "summaries": fresh,
                                               "last": {"tip": last_tip, "paths": last}})
        for old in _OLD_LIST_CACHES:  # before list-2
            (archive.state.path() / old).unlink(missing_ok=True)
    found = []
    for mode, _kind, oid, _size, path in rows:
        key = f"{oid} {mode} {path}"
        protocol_id, council, date, status, errors, warnings, _ = fresh[key]
        info = last.get(path)
        found.append(Entry(
            id=protocol_id, path=path, blob=oid, council=council, date=date, status=status,
            errors=errors, warnings=warnings, problem=problems[key],
            last=Commit(*info) if info else None,
        ))
    found.sort(key=lambda e: (e.date or "", e.id), reverse=True)
    return found


def deleted(archive: Archive) -> list[Deletion]:
    """Protocols that existed in the history but not at the branch tip, newest deletion
    first: each with the commit that deleted it and the revision to restore.

    Finding them reads the whole history once (seconds on 50,000 commits); the answer
    is cached under the git directory by tip and brought up to date with `OLD..NEW`."""
    tip = archive.tip()
    if tip is None:
        return []
    cached = archive.state.read_json(_DELETED_CACHE)
    found: dict[str, list[Any] | None] = {}
    since = None
    if cached.get("version") == CACHE_VERSION \
            and isinstance(cached.get("paths"), dict) and cached.get("tip") \
            and (cached["tip"] == tip or archive.is_ancestor(cached["tip"], tip)):
        found, since = dict(cached["paths"]), cached["tip"]
    if since != tip:
        out = archive.git.run("log", "--no-renames", "--diff-filter=D", "--name-only", "-z",
                              f"--format={gitlog.DELETION_FORMAT}",
                              f"{since}..{tip}" if since else tip, "--", "protocols/")
        newer: dict[str, list[Any] | None] = {}
        for file, info in gitlog.deletion_records(out):
            newer.setdefault(file, info)  # the newest deletion of each file
        found = {**newer, **{k: v for k, v in found.items() if k not in newer}}
        archive.state.write_json(_DELETED_CACHE,
                                 {"version": CACHE_VERSION, "tip": tip, "paths": found})
    present = set(archive.git.run("ls-tree", "-r", "--name-only", "-z", tip, "--",
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


def check_all(archive: Archive, rev: str | None = None) -> list[tuple[str, list[Problem]]]:
    """Every file under protocols/ at a revision (default: the tip) with all its problems."""
    commit = archive.resolve(rev) if rev else archive.tip()
    if commit is None:
        return []
    rows = archive.files(commit)
    blobs = archive.git.cat_blobs(oid for mode, kind, oid, size, _ in rows
                                  if _readable(mode, kind, size))
    return [(path, file_problems(path, mode, kind, size, blobs.get(oid))[1])
            for mode, kind, oid, size, path in rows]


def council_name(archive: Archive, slug: str) -> str | None:
    """A council's full name from the settings or its latest protocol."""
    councils = archive.settings.get("councils")
    if isinstance(councils, dict) and isinstance(councils.get(slug), str):
        name: str = councils[slug]
        return name
    latest = [e for e in entries(archive) if e.id.startswith(slug + "/") and e.council]
    return max(latest, key=lambda e: e.date or "").council if latest else None


def free_id(archive: Archive, slug: str, date: dt.date) -> str:
    """The id for a council's meeting on a date: `-2`, `-3`... if one is already listed
    (see new.free_id)."""
    return new.free_id((e.id for e in entries(archive)), slug, date)


def file_problems(path: str, mode: str, kind: str, size: int | None,
                  data: bytes | None) -> tuple[Protocol | None, list[Problem]]:
    """A file under protocols/ read and checked: the protocol (if readable) and its problems."""
    if mode == "120000" or kind != "blob" or data is None:
        return None, unread_problems(path, mode, kind, size, data)
    # Here, not above: a warm `brotui list` reads every summary from its cache and must
    # not pay for PyYAML (BENCHMARKS.md, "list, second start").
    from brotui.core.validate import check

    parsed = check(data, path_to_id(path))
    problems = parsed.problems
    if path_to_id(path) is None:
        problems.insert(0, Problem("", None, Msg.of("bad_filename")))
    return parsed.protocol, problems


def _readable(mode: str, kind: str, size: int | None) -> bool:
    """Whether a file's content is read: a text no larger than codec.MAX_BYTES, or the
    target of a link (to name it; a link is never followed)."""
    if kind != "blob":
        return False
    from brotui.core import codec  # only for a file to read (see file_problems)

    return (size or 0) <= (LINK_MAX if mode == "120000" else codec.MAX_BYTES)


def _problem_of(summary: Any, problems: dict[str, Problem | None], key: str) -> bool:
    """Whether a cached summary is whole and its problem could be read back (into
    `problems`)."""
    if not isinstance(summary, list) or len(summary) != _SUMMARY_FIELDS:
        return False
    data = summary[-1]
    problem = None if data is None else Problem.from_json(data)
    if data is not None and problem is None:
        return False  # an id this version does not know: read the file again
    problems[key] = problem
    return True


def _summary(path: str, mode: str, kind: str, size: int | None,
             data: bytes | None) -> tuple[list[Any], Problem | None]:
    """What the list shows of one file, and whether it is broken: the summary as cached
    ([id, council, date, status, errors, warnings, problem]), and its first problem."""
    protocol, problems = file_problems(path, mode, kind, size, data)
    errors = [p for p in problems if p.is_error]
    date = protocol.date.isoformat() if protocol and protocol.date else None
    if date is None and (parsed_id := parse_id(path_to_id(path) or "")):
        date = parsed_id[1].isoformat()
    first = (errors or problems)[0] if problems else None
    return [
        path_to_id(path) or path.removeprefix("protocols/"),
        protocol.council if protocol else None,
        date,
        protocol.status if protocol else None,
        len(errors),
        len(problems) - len(errors),
        first.to_json() if first else None,
    ], first


def _last_changes(archive: Archive, tip: str, paths: set[str],
                  cached: dict[str, Any] | None) -> tuple[dict[str, list[Any]], str]:
    """path -> [commit, author, email, time, subject] for each path's newest change."""
    known: dict[str, list[Any]] = {}
    since = None
    if cached and cached.get("tip") and isinstance(cached.get("paths"), dict):
        if cached["tip"] == tip:
            return cached["paths"], tip
        if archive.is_ancestor(cached["tip"], tip):
            known = dict(cached["paths"])
            since = cached["tip"]
    found: dict[str, list[Any]] = {}
    wanted = set(paths) if since is None else None
    proc = archive.git.popen("log", "--no-renames", "--name-only", "-z",
                             f"--format={gitlog.NAME_FORMAT}",
                             f"{since}..{tip}" if since else tip, "--", "protocols/")
    assert proc.stdout is not None
    try:
        for commit, changed in gitlog.stream_records(proc.stdout, gitlog.name_record):
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


_last_read: dict[str, tuple[tuple[int, int, int], dict[str, Any]]] = {}  # file -> stat, last


def cached_last_change(archive: Archive, tip: str, path: str) -> Commit | None:
    """The newest commit that changed a file, as the list's cache knows it when that was
    brought up to date at `tip` (None: not known there, ask git). The cache is read once
    while it stays the same file (a TUI opens one protocol after another)."""
    file = archive.state.path() / _LIST_CACHE
    try:
        st = file.stat()
    except OSError:
        return None
    stamp = (st.st_ino, st.st_mtime_ns, st.st_size)
    known = _last_read.get(str(file))
    if known is None or known[0] != stamp:
        known = (stamp, _read_cache(archive).get("last") or {})
        _last_read.clear()  # one archive at a time
        _last_read[str(file)] = known
    last = known[1]
    info = last.get("paths", {}).get(path) if last.get("tip") == tip else None
    try:
        return Commit(*info) if isinstance(info, list) and len(info) == 5 else None
    except TypeError:
        return None


def _read_cache(archive: Archive) -> dict[str, Any]:
    data = archive.state.read_json(_LIST_CACHE)
    return data if data.get("version") == LIST_CACHE_VERSION else {}
