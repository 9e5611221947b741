"""New minutes from an earlier meeting's (core.new.following)."""

from __future__ import annotations

import datetime as dt

from brotui.core.model import Attendee, Item, Meeting, Protocol
from brotui.core.new import following


def test_the_template_copies_the_secretary_and_not_the_next_meetings_item() -> None:
    """Issue 12: the next meetings have their own list; an item "Kommande möten" copied
    from the template said them a second time, to be removed by hand every time."""
    previous = Protocol(
        council="Rådet", date=dt.date(2020, 2, 20), chair="Abit Dundar",
        secretary="Clas Cederlid", attendees=[Attendee(name="Abit Dundar")],
        items=[Item(number=1, title="Öppnande"), Item(number=2, title="Övrigt"),
               Item(number=3, title="Kommande möten ")],
        next_meetings=[Meeting(date=dt.date(2020, 5, 14), start="15:00")])
    new = following(previous)
    assert new is not None
    assert new.secretary == "Clas Cederlid" and new.chair == "Abit Dundar"
    assert [(i.number, i.title) for i in new.items] == [(1, "Öppnande"), (2, "Övrigt")]
    assert new.date == dt.date(2020, 5, 14) and new.start == "15:00"
