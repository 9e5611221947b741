"""The protocol (minutes of one meeting) and its parts, as plain data.

The classes hold what the file says, nothing more; `brotui.core.validate`
decides whether it is acceptable and `brotui.core.codec` reads and writes it.
Keys the program does not know are kept in `extra`, in file order, so that a
save never drops them.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from brotui.i18n import t

SCHEMA = 1
# The choices of `status` and `presence`, like every field's kind and label, are
# declared in brotui.core.schema (STATUS, PRESENCE).

# A protocol id: "<council-slug>/<YYYY-MM-DD>" or, for a second meeting on the
# same day, "<council-slug>/<YYYY-MM-DD>-2" (up to -999). ASCII only: `\d` would take
# any script's digits, and an Arabic-Indic or fullwidth zero reads like 0.
SLUG_RE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*", re.ASCII)
ID_RE = re.compile(
    r"(?P<council>[a-z0-9]+(?:-[a-z0-9]+)*)/(?P<date>[0-9]{4}-[0-9]{2}-[0-9]{2})"
    r"(?:-(?P<n>[2-9]|[1-9][0-9]{1,2}))?", re.ASCII)
MEETINGS_A_DAY = 999
# A council's short name is a folder's name, and part of a draft's file name: at most
# this many characters keeps every name within the 255 bytes file systems allow (a
# draft's is the slug and 21 more) and a checkout's paths within Windows' 260.
MAX_SLUG = 80


@dataclass
class Attendee:
    name: str | None = None
    role: str | None = None
    organisation: str | None = None
    presence: str = "present"
    note: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class Item:
    number: int | None = None
    title: str | None = None
    text: str | None = None
    decisions: list[str] = field(default_factory=list)
    attachments: list[str] = field(default_factory=list)
    # An extra item between two numbers ("17 a", where numbering runs through the year):
    # `number: 17` and `letter: a` in the file, so `number` stays an int and old files
    # are read as they were. Last here (keyword-free constructions stay valid); written
    # right after `number` (the schema's order).
    letter: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def label(self) -> str:
        """The item's number as people write it: "17", "17 a" ("" without a number)."""
        number = "" if self.number is None else str(self.number)
        return f"{number} {self.letter}" if self.letter and number else number

    @property
    def key(self) -> int | str | None:
        """The item as a command names it: 17, or "17a" for "17 a" (see item_key)."""
        if self.number is None:
            return None
        return f"{self.number}{self.letter}" if self.letter else self.number


_ITEM_KEY_RE = re.compile(r"§?\s*([0-9]{1,6})\s*([a-z]{0,2})")


def split_key(key: int | str) -> tuple[int, str | None]:
    """An Item.key as its number and letter: 17 -> (17, None), "17a" -> (17, "a")."""
    text = str(key)
    digits = text.rstrip("abcdefghijklmnopqrstuvwxyz")
    return int(digits), text[len(digits):] or None


def item_label(number: int | None, letter: str | None) -> str:
    """An item's number as people write it ("17", "17 a"), as Item.label."""
    return Item(number=number, letter=letter).label


def item_key(text: str) -> int | str | None:
    """An item as typed on a command line ("17", "§ 17", "17a", "17 a") as Item.key has
    it (17, "17a"), or None when it names no item."""
    found = _ITEM_KEY_RE.fullmatch(text.strip())
    if found is None or int(found[1]) < 1:
        return None
    number, letter = int(found[1]), found[2]
    return f"{number}{letter}" if letter else number


@dataclass
class Meeting:
    date: dt.date | None = None
    start: str | None = None
    end: str | None = None
    location: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class Contact:
    name: str | None = None
    phone: str | None = None
    email: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class JusteringPlan:
    """When and where approval (justering) is planned, as decided at the meeting."""

    date: dt.date | None = None
    place: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class Correction:
    """One correction (rättelse) of approved minutes, written only by `brotui correct`:
    when, by whom, why, and what changed (one line each)."""

    date: dt.date | None = None
    who: str | None = None
    reason: str | None = None
    changes: list[str] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class Signature:
    """One signature, written only by `brotui sign`: who, as what (chair, adjuster),
    when, the content signed (brotui.core.justering.record.content_id) and, for
    "omedelbar justering", the item."""

    name: str | None = None
    role: str | None = None
    date: dt.date | None = None
    content: str | None = None
    item: int | None = None
    letter: str | None = None  # the item's letter, for an extra item ("17 a")
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class Protocol:
    schema: int | None = SCHEMA
    council: str | None = None
    date: dt.date | None = None
    start: str | None = None
    end: str | None = None
    location: str | None = None
    status: str = "draft"
    chair: str | None = None
    secretary: str | None = None
    adjusters: list[str] = field(default_factory=list)
    attendees: list[Attendee] = field(default_factory=list)
    items: list[Item] = field(default_factory=list)
    next_meetings: list[Meeting] = field(default_factory=list)
    contact: Contact | None = None
    justering: JusteringPlan | None = None
    corrections: list[Correction] = field(default_factory=list)
    signatures: list[Signature] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def title(self) -> str:
        """A one-line name for lists and commit messages."""
        date = self.date.isoformat() if self.date else "?"
        return f"{self.council or '?'} {date}"


def slug_problem(slug: str) -> str | None:
    """What is wrong with a council's short name (it names a folder), None if nothing:
    the one rule for the command line, the TUI, drafts and ids."""
    if len(slug) > MAX_SLUG:
        return t("err_slug_too_long", length=len(slug), limit=MAX_SLUG,
                 start=slug[:24] + "…")
    if not SLUG_RE.fullmatch(slug):
        return t("err_bad_slug", slug=slug)
    return None


def id_problem(protocol_id: str) -> str | None:
    """What is wrong with a protocol id, None if nothing."""
    if not isinstance(protocol_id, str):
        return t("err_bad_id", id=protocol_id)
    slug, slash, _rest = protocol_id.partition("/")
    if slash and SLUG_RE.fullmatch(slug) and len(slug) > MAX_SLUG:
        return slug_problem(slug)
    if parse_id(protocol_id) is None:
        return t("err_bad_id", id=protocol_id)
    return None


def parse_id(protocol_id: str) -> tuple[str, dt.date] | None:
    """Council slug and date of a well-formed id, else None."""
    m = ID_RE.fullmatch(protocol_id)
    if not m or len(m["council"]) > MAX_SLUG:
        return None
    try:
        date = dt.date.fromisoformat(m["date"])
    except ValueError:
        return None
    return m["council"], date


def id_to_path(protocol_id: str) -> str:
    """The file of a (well-formed) id, relative to the repository root."""
    return f"protocols/{protocol_id}.yaml"


def path_to_id(path: str) -> str | None:
    """The id of a path under protocols/, or None if it is not a protocol's name."""
    if not (path.startswith("protocols/") and path.endswith(".yaml")):
        return None
    candidate = path[len("protocols/") : -len(".yaml")]
    return candidate if parse_id(candidate) else None
