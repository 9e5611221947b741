"""What changed between two revisions of a protocol, field by field.

A line diff of YAML answers "what changed" badly: a renumbered item or a moved
block reads as noise. Here parts of the minutes are matched by what they are,
not where they stand (brotui.core.matching): attendees by name, items by number and
title, next meetings by date. What remains is a list of `Change`s, each naming its
part; brotui.core.diffrender says them in the domain's words ("§4 text",
"Närvarande: Peter Bragner, roll"), with changed text marked word by word.
"""

from __future__ import annotations

import bisect
import dataclasses
import datetime as dt
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from brotui.core import codec
from brotui.core.matching import (
    MATCH_SECONDS,
    item_label,
    match_items,
    match_meetings,
    matcher,
    name_of,
)
from brotui.core.model import Attendee, Item, Meeting, Protocol
from brotui.core.render import meeting_when
from brotui.core.schema import ATTENDEE, PARTS, PROTOCOL, Field, Kind, Part
from brotui.core.words import ends_kept, opcodes_within

ADDED, REMOVED, CHANGED, MOVED, SWAPPED, RENUMBERED = (
    "added", "removed", "changed", "moved", "swapped", "renumbered")

# The field names of the header, in file order (blame and the faces read them).
HEADER_FIELDS = tuple(f.key for f in PROTOCOL.scalars())
SECTION_ORDER = (*(p.name for p in PARTS), "other")


@dataclass(frozen=True)
class Change:
    """One change to one part of a protocol.

    `section` is header, attendee, item, meeting, contact or other; `subject` names
    the entry within it (an attendee's name, an item's number, a meeting's date);
    `field` the field of that entry (None: the entry as a whole). `old` and `new`
    are the values as text (None: absent), a choice (status, presence) as the file
    writes it: brotui.core.diffrender says it in the language it draws in. For moves,
    `old`/`new` are the numbers."""

    kind: str
    section: str
    field: str | None
    subject: str | None
    old: str | None
    new: str | None

    def as_json(self) -> dict[str, Any]:
        """The change for JSON output: a choice in the reader's words, as before."""
        f = choice_field(self.section, self.field)
        if f is None:
            return dataclasses.asdict(self)
        return {**dataclasses.asdict(self), "old": choice_said(f, self.old),
                "new": choice_said(f, self.new)}



# -------------------------------------------------------------------- the diff


def choice_field(section: str, field: str | None) -> Field | None:
    """The declared choice field a change is at (status, presence), else None."""
    if field is None:
        return None
    part = next((p for p in PARTS if p.name == section), None)
    f = part.get(field) if part is not None else None
    return f if f is not None and f.choices else None


def choice_said(f: Field, value: str | None, lang: str | None = None) -> str | None:
    return None if value is None else f.choice_label(value, lang)


def _text(value: Any) -> str | None:
    if value is None or value == "" or value == []:
        return None
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _extra(section: str, subject: str | None, old: dict[str, Any], new: dict[str, Any]
           ) -> list[Change]:
    out = []
    for key in dict.fromkeys([*old, *new]):
        a, b = old.get(key), new.get(key)
        if a != b:
            kind = ADDED if key not in old else REMOVED if key not in new else CHANGED
            out.append(Change(kind, section, key, subject, _plain(a), _plain(b)))
    return out


def _plain(value: Any) -> str | None:
    """An unknown field's value as one line of text, as the file says it."""
    if value is None:
        return None
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, default=str)


def attendee_text(a: Attendee) -> str:
    details = [x for x in (a.role, a.organisation) if x]
    if a.presence != "present":
        details.append(ATTENDEE.field("presence").choice_label(a.presence))
    if a.note:
        details.append(a.note)
    return f"{a.name or '?'} ({', '.join(details)})" if details else (a.name or "?")


def meeting_text(m: Meeting) -> str:
    return ", ".join(x for x in (meeting_when(m.date, m.start, m.end), m.location or "") if x)


def _list_changes(section: str, field: str, subject: str | None,
                  old: Sequence[str], new: Sequence[str]) -> list[Change]:
    """Entries of a list of strings (decisions, attachments, adjusters)."""
    out = []
    opcodes = opcodes_within(old, new, MATCH_SECONDS)
    for tag, i1, i2, j1, j2 in opcodes if opcodes is not None else ends_kept(old, new):
        if tag == "equal":
            continue
        a, b = list(old[i1:i2]), list(new[j1:j2])
        while a and b:
            out.append(Change(CHANGED, section, field, subject, a.pop(0), b.pop(0)))
        out += [Change(REMOVED, section, field, subject, x, None) for x in a]
        out += [Change(ADDED, section, field, subject, None, x) for x in b]
    return out


def _fields(part: Part, subject: str | None, old: Any, new: Any,
            skip: Sequence[str] = (), extra: bool = True) -> list[Change]:
    """Every field of two versions of an entry, as the schema declares them: a list of
    texts entry by entry, a choice in words, any other value whole; then unknown keys."""
    out = []
    for f in part.scalars():
        if f.key in skip:
            continue
        a, b = getattr(old, f.key), getattr(new, f.key)
        if a == b:
            continue
        if f.is_list:
            out += _list_changes(part.name, f.key, subject, a, b)
            continue
        kind = CHANGED if a not in (None, "") and b not in (None, "") else (
            ADDED if a in (None, "") else REMOVED)
        out.append(Change(kind, part.name, f.key, subject, _text(a), _text(b)))
    if extra:
        out += _extra(part.name, subject, old.extra, new.extra)
    return out


def diff(old: Protocol | None, new: Protocol | None) -> list[Change]:
    """Every change from `old` to `new`, in the order of the minutes. None: no protocol
    (created or deleted), which is one change of the whole."""
    if old is None or new is None:
        if old is new:
            return []
        p = new or old
        assert p is not None
        return [Change(ADDED if old is None else REMOVED, "protocol", None, None,
                       None if old is None else p.title, p.title if old is None else None)]
    out = _fields(PROTOCOL, None, old, new, extra=False)  # its unknown keys come last
    for f in PROTOCOL.children():
        part = f.part
        assert part is not None
        a, b = getattr(old, f.key), getattr(new, f.key)
        if f.kind is Kind.PART:
            if a != b:
                out += _fields(part, None, a or part.cls(), b or part.cls())
        else:
            differ: Differ = _DIFFERS.get(part.name, _entries)
            out += differ(part, a, b)
    out += _extra("other", None, old.extra, new.extra)
    return out


def diff_files(old: bytes, new: bytes) -> list[Change] | None:
    """The field-level diff of two versions of a file, or None when either does not read
    as a protocol (the reader refused something: bad YAML, a value of the wrong kind);
    for None, a face shows the line diff."""
    a, b = codec.load(old), codec.load(new)
    if a.protocol is None or b.protocol is None or a.errors or b.errors:
        return None
    return diff(a.protocol, b.protocol)


def entry_text(part: Part, entry: Any) -> str:
    """An entry named in one line, for one added or removed: an attendee with role and
    presence, a meeting's time and place, an item's number and title; an entry of a
    part without words of its own as its fields' values."""
    if part.name == "attendee":
        return attendee_text(entry)
    if part.name == "meeting":
        return meeting_text(entry)
    if part.name == "item":
        return _item_text(entry)
    values = [f.choice_label(v) if f.choices else _text(v)
              for f in part.scalars() if (v := getattr(entry, f.key)) not in (None, "", [])]
    return ", ".join(v for v in values if v)


def _entries(part: Part, old: list[Any], new: list[Any]) -> list[Change]:
    """Two versions of a list of entries, matched by what they are (brotui.core.matching):
    each entry added, removed, or changed field by field, named by `name_of`."""
    out = []
    name = name_of(part.name)
    for i, j in matcher(part.name)(old, new):
        if i is None:
            assert j is not None
            out.append(Change(ADDED, part.name, None, name(new[j]), None,
                              entry_text(part, new[j])))
        elif j is None:
            out.append(Change(REMOVED, part.name, None, name(old[i]),
                              entry_text(part, old[i]), None))
        elif old[i] != new[j]:
            out += _fields(part, name(new[j]), old[i], new[j])
    return out


def _items(part: Part, old: list[Item], new: list[Item]) -> list[Change]:
    out: list[Change] = []
    pairs = match_items(old, new)
    moved = [(i, j) for i, j in pairs if i is not None and j is not None
             and old[i].number != new[j].number]
    swaps: set[tuple[int, int]] = set()
    by_numbers: dict[tuple[Any, Any], list[tuple[int, int]]] = {}
    for i, j in moved:
        by_numbers.setdefault((old[i].number, new[j].number), []).append((i, j))
    for i, j in moved:  # two items that took each other's numbers
        for k, m in by_numbers.get((new[j].number, old[i].number), []):
            if (i, j) < (k, m) and (k, m) not in swaps and (i, j) not in swaps:
                swaps |= {(i, j), (k, m)}
                out.append(Change(SWAPPED, "item", None, None,
                                  _text(old[i].number), _text(old[k].number)))
    shifted = sorted(((i, j) for i, j in moved if (i, j) not in swaps),
                     key=lambda p: (old[p[0]].number is None, old[p[0]].number or 0))
    # Items that kept their order but changed number are renumbered; the others moved.
    order_kept = _keeps_order([(old[i].number, new[j].number) for i, j in shifted])
    renumbered = [(i, j) for (i, j), kept in zip(shifted, order_kept, strict=True) if kept]
    if renumbered:
        first, last = renumbered[0], renumbered[-1]
        out.append(Change(RENUMBERED, "item", None, None,
                          _span(old[first[0]].number, old[last[0]].number),
                          _span(new[first[1]].number, new[last[1]].number)))
    for (i, j), kept in zip(shifted, order_kept, strict=True):
        if not kept:
            out.append(Change(MOVED, "item", None, new[j].title or item_label(new[j]),
                              _text(old[i].number), _text(new[j].number)))
    for at_old, at_new in pairs:
        if at_old is None:
            assert at_new is not None
            item = new[at_new]
            out.append(Change(ADDED, "item", None, item_label(item), None,
                              _item_text(item)))
        elif at_new is None:
            item = old[at_old]
            out.append(Change(REMOVED, "item", None, item_label(item),
                              _item_text(item), None))
        elif old[at_old] != new[at_new]:  # a new number is said above, as a move
            out += _fields(part, item_label(new[at_new]), old[at_old], new[at_new],
                           skip=("number",))
    return out


def _keeps_order(pairs: list[tuple[Any, Any]]) -> list[bool]:
    """Which (old, new) number pairs, in old order, lie on a longest run that keeps
    its order in the new numbering too: a longest increasing run of the new numbers,
    by patience sorting (n log n), the earliest such run where several are as long.
    A pair without a number is a run of its own."""
    n = len(pairs)
    if not n:
        return []
    tails: list[int] = []  # per run length: the least number ending such a run so far
    levels: list[tuple[list[int], list[int]]] = []  # per length: (-number, index) in order
    length = [1] * n
    prev = [-1] * n
    for k, (_old, number) in enumerate(pairs):
        if not isinstance(number, int):
            continue
        at = bisect.bisect_left(tails, number)
        if at:  # the earliest pair one run shorter with a smaller number
            negated, indices = levels[at - 1]
            prev[k] = indices[bisect.bisect_right(negated, -number)]
        if at == len(tails):
            tails.append(number)
            levels.append(([], []))
        tails[at] = number
        levels[at][0].append(-number)
        levels[at][1].append(k)
        length[k] = at + 1
    longest = max(length)
    k = length.index(longest)
    keep = [False] * n
    while k != -1:
        keep[k] = True
        k = prev[k]
    return keep


def _span(a: int | None, b: int | None) -> str:
    return f"§{a}" if a == b else f"§{a}–§{b}"


def _item_text(item: Item) -> str:
    """An item named in one line: its number and title (or its text's first line)."""
    text = item.title or (item.text or "").strip().split("\n")[0]
    return f"{item_label(item)} {text}".strip()


def _meetings(part: Part, old: list[Meeting], new: list[Meeting]) -> list[Change]:
    """As `_entries`, but a meeting added or removed is named by its text alone, and a
    changed one by its date only when the date stayed."""
    out = []
    for i, j in match_meetings(old, new):
        if i is None:
            out.append(Change(ADDED, "meeting", None, None, None,
                              meeting_text(new[j])))  # type: ignore[index]
        elif j is None:
            out.append(Change(REMOVED, "meeting", None, None, meeting_text(old[i]), None))
        elif old[i] != new[j]:
            a, b = old[i], new[j]
            subject = _text(a.date) if a.date == b.date else None
            out += _fields(part, subject, a, b)
    return out


# Parts whose entries are diffed with words of their own; the others by `_entries`.
Differ = Callable[[Part, list[Any], list[Any]], list[Change]]
_DIFFERS: dict[str, Differ] = {"item": _items, "meeting": _meetings}
