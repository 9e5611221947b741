"""Paragraph numbers through the year, a council's setting in `.brotui.yaml`:

    numbering: per-year              # every council; or per council:
    numbering: {hagersten-liljeholmen: per-year, kista: per-meeting}

`per-meeting` (the default) numbers each meeting's items 1..n, as the seed does;
`per-year` numbers continuously through a calendar year per council: new minutes start
after the highest number of the last approved minutes of that year before them (an
extra item, "17 a", is then written `number: 17` with `letter: a`, see `label`).
"""

from __future__ import annotations

import copy
import datetime as dt
from dataclasses import replace
from typing import Any

from brotui.core.archive import Archive
from brotui.core.model import Item, Protocol

PER_MEETING, PER_YEAR = "per-meeting", "per-year"
SCHEMES = (PER_MEETING, PER_YEAR)


def scheme(settings: dict[str, Any], slug: str) -> str:
    value = settings.get("numbering")
    if isinstance(value, dict):
        value = value.get(slug)
    return value if value in SCHEMES else PER_MEETING


def letter(item: Item) -> str | None:
    """The letter of an extra item ("17 a"), None for an ordinary one."""
    return item.letter if item.letter and item.letter.strip() else None


def label(item: Item) -> str:
    """How people write an item's number: "17", "17 a" (model.Item.label)."""
    return item.label


def last_number(archive: Archive, slug: str, date: dt.date) -> int:
    """The highest item number of the council's last approved minutes of `date`'s year
    before `date` (0: none). Reads only that year's approved minutes."""
    from brotui.core import listing

    candidates = sorted(
        (e for e in listing.entries(archive)
         if e.id.startswith(slug + "/") and e.status == "approved" and e.date
         and e.date[:4] == str(date.year) and e.date < date.isoformat()),
        key=lambda e: (e.date or "", e.id))
    for entry in reversed(candidates):
        try:
            p = archive.load(entry.id)
        except Exception:
            continue
        numbers = [i.number for i in p.items if i.number is not None]
        if numbers:
            return max(numbers)
    return 0


def numbered(archive: Archive, slug: str, protocol: Protocol) -> Protocol:
    """New minutes with their items numbered as the council's setting says: unchanged
    per meeting; per year, from the number after the year's last approved minutes."""
    if protocol.date is None or scheme(archive.settings, slug) != PER_YEAR:
        return protocol
    first = last_number(archive, slug, protocol.date) + 1
    out = copy.copy(protocol)
    out.items = [replace(item, number=first + i) for i, item in enumerate(protocol.items)]
    return out
