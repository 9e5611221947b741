"""Starting a new protocol: blank, or from an earlier meeting's minutes."""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Iterable

from brotui.core.errors import BrotuiError
from brotui.core.model import MEETINGS_A_DAY, Attendee, Item, Protocol
from brotui.i18n import t

# Items that only say when the next meetings are: the new minutes hold those in their
# own list (next_meetings), so the template does not copy such an item (issue 12).
NEXT_MEETINGS_TITLES = frozenset({"kommande möten", "kommande möte", "nästa möte",
                                  "nästa sammanträde", "next meetings", "next meeting"})


def blank(council: str, date: dt.date) -> Protocol:
    """An empty protocol for a council and date, with one item to fill in."""
    return Protocol(council=council, date=date, items=[Item(number=1, title="")])


def following(previous: Protocol, date: dt.date | None = None) -> Protocol | None:
    """The next meeting's protocol: same council, chair, secretary, attendees and
    contact; time and place from its entry in "next meetings" (else as before);
    the agenda's items kept by number and title, empty to fill in (not one that only
    lists the next meetings: see NEXT_MEETINGS_TITLES). `date` defaults
    to the first next meeting after the earlier protocol; None if there is none."""
    later = [m for m in previous.next_meetings
             if m.date and (previous.date is None or m.date > previous.date)]
    if date is None:
        if not later:
            return None
        date = later[0].date
    assert date is not None  # (every meeting in `later` has one)
    meeting = next((m for m in later if m.date == date), None)
    return Protocol(
        council=previous.council,
        date=date,
        start=meeting.start if meeting and meeting.start else previous.start,
        end=meeting.end if meeting and meeting.end else previous.end,
        location=meeting.location if meeting and meeting.location else previous.location,
        chair=previous.chair,
        secretary=previous.secretary,
        attendees=[Attendee(name=a.name, role=a.role, organisation=a.organisation,
                            extra=copy.deepcopy(a.extra)) for a in previous.attendees],
        items=[Item(number=i.number, title=i.title or "") for i in previous.items
               if (i.title or "").strip().casefold() not in NEXT_MEETINGS_TITLES],
        next_meetings=[copy.deepcopy(m) for m in later if m.date and m.date > date],
        contact=copy.deepcopy(previous.contact),
    )


def free_id(existing_ids: Iterable[str], slug: str, date: dt.date) -> str:
    """The id for a council's meeting on a date: `-2`, `-3`... if one is already there,
    up to `-999` (MEETINGS_A_DAY); beyond, a refusal."""
    taken = set(existing_ids)
    base = f"{slug}/{date.isoformat()}"
    candidate = base
    for n in range(2, MEETINGS_A_DAY + 2):
        if candidate not in taken:
            return candidate
        candidate = f"{base}-{n}"
    raise BrotuiError(t("err_day_full", slug=slug, count=MEETINGS_A_DAY,
                        date=date.isoformat()))
