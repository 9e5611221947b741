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
from brotui.core.diffrender import part_label
from brotui.core.fielddiff import HEADER_FIELDS, item_label
from brotui.core.matching import match_attendees, match_items, match_meetings
from brotui.core.model import Protocol, id_to_path
from brotui.core.render import local_time
from brotui.core.values import Commit

Key = tuple[Any, ...]
ITEM_FIELDS = ("number", "title", "text", "decisions", "attachments")
CONTACT_FIELDS = ("name", "phone", "email")


@dataclass(frozen=True)
class Blamed:
    """One part of the protocol, named as people name it, and its last change."""

    key: Key
    label: str
    commit: Commit

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
    return [Blamed(key, label_of(prev, key), commit) for key, commit in state.items()]


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

    for name in HEADER_FIELDS:
        if name != "schema" and _present(getattr(new, name)):
            same = old is not None and getattr(old, name) == getattr(new, name)
            keep(("header", name), ("header", name), same)
    for i, j in match_attendees(old.attendees if old else [], new.attendees):
        if j is not None:
            same = i is not None and old is not None and old.attendees[i] == new.attendees[j]
            keep(("attendee", j), ("attendee", i), same)
    for i, j in match_items(old.items if old else [], new.items):
        if j is None:
            continue
        for name in ITEM_FIELDS:
            if not _present(getattr(new.items[j], name)):
                continue
            same = (i is not None and old is not None
                    and getattr(old.items[i], name) == getattr(new.items[j], name))
            keep(("item", j, name), ("item", i, name), same)
        if new.items[j].extra:
            same = i is not None and old is not None and old.items[i].extra == new.items[j].extra
            keep(("item", j, "extra"), ("item", i, "extra"), same)
    for i, j in match_meetings(old.next_meetings if old else [], new.next_meetings):
        if j is not None:
            same = (i is not None and old is not None
                    and old.next_meetings[i] == new.next_meetings[j])
            keep(("meeting", j), ("meeting", i), same)
    if new.contact is not None:
        old_contact = old.contact if old else None
        for name in CONTACT_FIELDS:
            if _present(getattr(new.contact, name)):
                same = old_contact is not None and (
                    getattr(old_contact, name) == getattr(new.contact, name))
                keep(("contact", name), ("contact", name), same)
    for key, value in new.extra.items():
        same = old is not None and key in old.extra and old.extra[key] == value
        keep(("other", key), ("other", key), same)
    return out


def _present(value: Any) -> bool:
    return value not in (None, "", [])


def label_of(p: Protocol, key: Key) -> str:
    """A part's name as people say it: "Plats", "§4 text", "Närvarande: Anna Ek"."""
    section = key[0]
    if section == "attendee":
        return part_label("attendee", p.attendees[key[1]].name, None)
    if section == "item":
        return part_label("item", item_label(p.items[key[1]]), key[2])
    if section == "meeting":
        m = p.next_meetings[key[1]]
        return part_label("meeting", m.date.isoformat() if m.date else "?", None)
    if section == "header":
        return part_label("header", None, key[1])
    return part_label(section, None, key[1])


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
