"""Who last changed each part of a protocol, and in which commit.

The history is read oldest first (all revisions in one `cat-file --batch`), and
each revision is matched to the one before it as the field-level diff does:
attendees by name, items by number and title, next meetings by date. A part
keeps its commit while it stays the same, however it moves, and takes the
commit that changed it otherwise.

A part is named by a key in the coordinates of the newest revision:
("header", field), ("attendee", i), ("item", i, field), ("meeting", i),
("contact", field), ("other", key).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from brotui.core import codec
from brotui.core.archive import Archive
from brotui.core.matching import matcher, name_of
from brotui.core.model import Protocol, id_to_path
from brotui.core.render import local_time
from brotui.core.schema import PROTOCOL, Grain, Kind, Place, child_of, part_named
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
    history = [c for c in archive.history(protocol_id) if c.oid not in after]
    history.reverse()
    # Each commit read where the protocol was then: the history follows its moves.
    found = archive.git.cat([f"{c.oid}:{id_to_path(c.protocol or protocol_id)}"
                             for c in history])
    state: dict[Key, Commit] = {}
    prev: Protocol | None = None
    for commit, obj in zip(history, found, strict=True):
        protocol = codec.load(obj[2]).protocol if obj and obj[1] == "blob" else None
        if obj is None:
            state, prev = {}, None  # deleted here: what comes back later is new
            continue
        if protocol is None:
            continue  # a broken revision: the next readable one is compared with the last
        state = step(prev, protocol, state, commit)
        prev = protocol
    if prev is None:
        return []
    return [Blamed(key, place_of(prev, key), commit) for key, commit in state.items()]


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
