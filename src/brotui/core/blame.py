"""Who last changed each part of a protocol, and in which commit.

The history is read oldest first (all revisions in one `cat-file --batch`), and
each revision is matched to the one before it as the field-level diff does:
attendees by name, items by number and title, next meetings by date. A part
keeps its commit while it stays the same, however it moves, and takes the
commit that changed it otherwise.

A part is named by a key in the coordinates of the newest revision:
("header", field), ("attendee", i), ("item", i, field), ("meeting", i),
("contact", field), ("other", key).

The work is done once: a blame of the branch tip is kept under the git directory
(`.git/brotui/blame/`, one file per protocol) with the tip it was made at, the commits
it stepped over (their count and a chained digest of their ids, oldest first) and the
blob it last compared with. When the branch went on from that tip in a line, the next
blame reads the protocol's commits since (`git log TIP..`) and steps over those only.
Otherwise (a merge, a history rewritten by someone, another protocol moved to the id)
it reads the whole history, and steps over the new revisions only if that history
starts with the commits the cache stepped over, from the start if not.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import sys
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any

from brotui import __version__
from brotui.core import codec, gitlog
from brotui.core.archive import Archive
from brotui.core.matching import matcher, name_of
from brotui.core.model import Protocol, id_to_path, parse_id
from brotui.core.schema import PROTOCOL, Grain, Kind, Place, child_of, part_named
from brotui.core.text import local_time
from brotui.core.values import Commit

Key = tuple[Any, ...]


@dataclass(frozen=True)
class Blamed:
    """One part of the protocol, named as people name it, and its last change."""

    key: Key
    place: Place
    commit: Commit

    @property
    def label(self) -> str:
        """The part in the words of the language read now."""
        return self.place.label()

    def as_json(self) -> dict[str, Any]:
        c = self.commit
        return {"part": self.label, "key": list(self.key), "commit": c.oid,
                "author": c.author, "email": c.email, "time": c.time, "subject": c.subject}


def blame(archive: Archive, protocol_id: str, rev: str | None = None) -> list[Blamed]:
    """Every part of the protocol at `rev` (default: the tip), in the order of the
    minutes, with the commit that last changed it."""
    revision = archive.read(protocol_id, rev)
    after = _after(archive, revision.commit)
    newer = None if after else _newer(archive, protocol_id, revision.commit)
    if newer is not None:  # the cached blame, and the commits since (oldest first)
        history, (count, digest, state, prev_blob) = newer
    else:
        history = [c for c in archive.history(protocol_id) if c.oid not in after]
        history.reverse()
        known = _cached(archive, protocol_id, history)
        count, digest, state, prev_blob = known if known is not None else (0, "", {}, None)
        history = history[count:]
    found = _step_over(archive, protocol_id, history, state, prev_blob)
    if found is None:  # the blob it last compared with is unreadable now: from the start
        history = list(reversed([c for c in archive.history(protocol_id)
                                 if c.oid not in after]))
        count, digest = 0, ""
        found = _step_over(archive, protocol_id, history, {}, None)
        assert found is not None
    state, prev, prev_blob = found
    if not after and (history or newer is None):  # a blame of the tip, with something new
        _keep(archive, protocol_id, revision.commit, count + len(history),
              _chain(digest, history), state, prev_blob)
    if prev is None:
        return []
    return [Blamed(key, place_of(prev, key), commit) for key, commit in state.items()]


def _step_over(archive: Archive, protocol_id: str, history: list[Commit],
               state: dict[Key, Commit], prev_blob: str | None
               ) -> tuple[dict[Key, Commit], Protocol | None, str | None] | None:
    """The blame after `history` (oldest first), from `state`, the blame of the blob
    `prev_blob`; None if that blob cannot be read. Each commit is read where the
    protocol was then (the history follows its moves), all in one `cat-file --batch`."""
    specs = [f"{c.oid}:{id_to_path(c.protocol or protocol_id)}" for c in history]
    found = archive.git.cat(([prev_blob] if prev_blob else []) + specs)
    prev: Protocol | None = None
    if prev_blob:
        first = found.pop(0)
        prev = codec.load(first[2]).protocol if first and first[1] == "blob" else None
        if prev is None:
            return None
    for commit, obj in zip(history, found, strict=True):
        protocol = codec.load(obj[2]).protocol if obj and obj[1] == "blob" else None
        if obj is None:
            state, prev, prev_blob = {}, None, None  # deleted here: what comes back is new
            continue
        if protocol is None:
            continue  # a broken revision: the next readable one is compared with the last
        state = step(prev, protocol, state, commit)
        prev, prev_blob = protocol, obj[0]
    return state, prev, prev_blob


# ------------------------------------------------------------------ the cache

CACHE_DIR = "blame"
CACHE_VERSION = f"blame-2 {__version__}"  # and the code that decides a blame (_version)
_FIELDS = ("oid", "author", "email", "time", "subject", "protocol")

Cached = tuple[int, str, dict[Key, Commit], str | None]  # count, digest, blame, blob


@functools.cache
def _version() -> str:
    """CACHE_VERSION and a digest of the modules whose rules a blame follows (the schema,
    the matching of entries, this one): a cache made by other rules is not read."""
    from brotui.core import matching, schema

    digest = hashlib.sha1()
    for module in (schema, matching, sys.modules[__name__]):
        with contextlib.suppress(OSError, TypeError):
            digest.update(Path(str(module.__file__)).read_bytes())
    return f"{CACHE_VERSION} {digest.hexdigest()[:16]}"


def _cache_name(protocol_id: str) -> str:
    return f"{CACHE_DIR}/{protocol_id.replace('/', '+')}.json"


def _chain(digest: str, commits: Sequence[Commit]) -> str:
    """The digest of a history (oldest first) that `digest` is the digest of the start of."""
    for c in commits:
        digest = hashlib.sha1(f"{digest}{c.oid}".encode()).hexdigest()
    return digest


def _read(archive: Archive, protocol_id: str) -> tuple[dict[str, Any], Cached] | None:
    data = archive.state.read_json(_cache_name(protocol_id))
    try:
        count, digest = data["count"], data["digest"]
        if data.get("version") != _version() or data.get("id") != protocol_id \
                or not isinstance(count, int) or not isinstance(digest, str) or count <= 0:
            return None
        commits = [Commit(**dict(zip(_FIELDS, c, strict=True))) for c in data["commits"]]
        state = {tuple(key): commits[i] for key, i in data["state"]}
        blob = data["blob"]
        return data, (count, digest, state, blob if isinstance(blob, str) else None)
    except (KeyError, TypeError, ValueError, IndexError):
        return None


def _cached(archive: Archive, protocol_id: str, history: list[Commit]) -> Cached | None:
    """The cached blame, if the history read now (oldest first) starts with the commits
    it stepped over."""
    found = _read(archive, protocol_id)
    if found is None:
        return None
    count, digest = found[1][0], found[1][1]
    if count > len(history) or _chain("", history[:count]) != digest:
        return None
    return found[1]


def _newer(archive: Archive, protocol_id: str, tip: str
           ) -> tuple[list[Commit], Cached] | None:
    """The commits since the cached blame's tip (oldest first) and that blame, when the
    branch went on from that tip in a line (no merge, which git's log would order by
    date among the older commits) and did not move another protocol to this id; else
    None, and the whole history is read and compared with the cache."""
    found = _read(archive, protocol_id)
    since = found[0].get("tip") if found is not None else None
    if found is None or not isinstance(since, str):
        return None
    if since == tip:
        return [], found[1]
    if not archive.is_ancestor(since, tip) or archive.git.try_text(
            "rev-list", "--min-parents=2", "-n1", f"{since}..{tip}") != "":
        return None
    out = archive.git.run("log", "--no-renames", "-z", f"--format={gitlog.HISTORY_FORMAT}",
                          f"{since}..{tip}", "--", id_to_path(protocol_id))
    commits = []
    for commit, renamed_from in gitlog.history_records(out):
        if renamed_from != protocol_id and parse_id(renamed_from):
            return None  # moved here since: what was kept is another protocol's
        commits.append(replace(commit, protocol=protocol_id))
    return list(reversed(commits)), found[1]


def _keep(archive: Archive, protocol_id: str, tip: str, count: int, digest: str,
          state: dict[Key, Commit], blob: str | None) -> None:
    """Remember the blame at `tip`, after `count` commits of the history whose digest is
    `digest` (a cache that cannot be written is only slower)."""
    with contextlib.suppress(OSError):
        (archive.state.path() / CACHE_DIR).mkdir(exist_ok=True)
    commits = list(dict.fromkeys(state.values()))
    number = {c: i for i, c in enumerate(commits)}
    archive.state.write_json(_cache_name(protocol_id), {
        "version": _version(), "id": protocol_id, "tip": tip, "count": count,
        "digest": digest, "blob": blob,
        "commits": [[asdict(c)[f] for f in _FIELDS] for c in commits],
        "state": [[list(key), number[c]] for key, c in state.items()]})


def _after(archive: Archive, commit: str) -> set[str]:
    """The commits on the branch after `commit` (none when it is the tip): one rev-list."""
    tip = archive.tip()
    if tip is None or tip == commit:
        return set()
    return set(archive.git.text("rev-list", f"{commit}..{tip}").split())


def step(old: Protocol | None, new: Protocol, state: dict[Key, Commit],
         commit: Commit) -> dict[Key, Commit]:
    """The blame of `new`'s parts, given `old`'s and the commit that made `new`."""
    out: dict[Key, Commit] = {}

    def keep(key: Key, old_key: Key | None, same: bool) -> None:
        out[key] = state.get(old_key, commit) if (same and old_key is not None) else commit

    for f in PROTOCOL.scalars():
        if f.shown and _present(getattr(new, f.key)):
            same = old is not None and getattr(old, f.key) == getattr(new, f.key)
            keep(("header", f.key), ("header", f.key), same)
    for child in PROTOCOL.children():
        part = child.part
        assert part is not None
        if child.kind is Kind.PART:
            entry = getattr(new, child.key)
            if entry is None:
                continue
            before = getattr(old, child.key) if old is not None else None
            for f in part.scalars():
                if _present(getattr(entry, f.key)):
                    same = before is not None and getattr(before, f.key) == getattr(entry, f.key)
                    keep((part.name, f.key), (part.name, f.key), same)
            continue
        olds = getattr(old, child.key) if old is not None else []
        news = getattr(new, child.key)
        for i, j in matcher(part.name)(olds, news):
            if j is None:
                continue
            if part.blame is Grain.ENTRY:
                same = i is not None and olds[i] == news[j]
                keep((part.name, j), (part.name, i), same)
                continue
            for f in part.scalars():  # each field of the entry on its own
                if not _present(getattr(news[j], f.key)):
                    continue
                same = i is not None and getattr(olds[i], f.key) == getattr(news[j], f.key)
                keep((part.name, j, f.key), (part.name, i, f.key), same)
            if news[j].extra:
                same = i is not None and olds[i].extra == news[j].extra
                keep((part.name, j, "extra"), (part.name, i, "extra"), same)
    for key, value in new.extra.items():
        same = old is not None and key in old.extra and old.extra[key] == value
        keep(("other", key), ("other", key), same)
    return out


def _present(value: Any) -> bool:
    return value not in (None, "", [])


def place_of(p: Protocol, key: Key) -> Place:
    """Where a part is, to be named as people say it: "Plats", "§4 text",
    "Närvarande: Anna Ek"."""
    section = key[0]
    if section in ("header", "other") or (len(key) == 2 and isinstance(key[1], str)):
        return Place(section, None, key[1])
    part = part_named(section)
    entry = getattr(p, child_of(part).key)[key[1]]
    subject = name_of(part.name)(entry) or "?"
    return Place(section, subject, key[2] if len(key) > 2 else None)


def label_of(p: Protocol, key: Key) -> str:
    """A part's name as people say it, in the language read now."""
    return place_of(p, key).label()


def by_key(blamed: Sequence[Blamed]) -> dict[Key, Blamed]:
    return {b.key: b for b in blamed}


def notes(blamed: Sequence[Blamed]) -> Callable[[list[Key]], str | None]:
    """For `render.minutes`: beside a line, who changed the parts it shows last, and when."""
    found = by_key(blamed)

    def note(keys: list[Key]) -> str | None:
        commits = [found[k].commit for k in keys if k in found]
        if not commits:
            return None
        c = max(commits, key=lambda c: c.time)
        return f"‹{c.author}, {local_time(c.time)[:10]}, {c.oid[:7]}›"

    return note
