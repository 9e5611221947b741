"""The parser's next meetings and contact person."""

from __future__ import annotations

import re

from brotui.core.importing import grammar as g
from brotui.core.importing.blocks import Block
from brotui.core.importing.parse_base import (
    _CONTACT_LABEL_RE,
    _ParserBase,
)
from brotui.core.importing.parse_people import _person
from brotui.core.model import Contact, Meeting


class _NextPart(_ParserBase):
    # ------------------------------------------------------------ next meetings

    def _next_place(self, value: str, block: Block) -> None:
        value = value.strip(" .")
        self.next_place = value
        self.next_place_block = block
        for meeting, _ in self._open_meetings():
            if meeting.location is None:
                meeting.location = value
                self.places_used.add(id(block))

    def _open_meetings(self) -> list[tuple[Meeting, Block]]:
        if self.section == "item" and self.items:
            return self.items[-1].meetings
        return self._next_meetings

    def _meeting_line(self, block: Block, text: str, keep: bool,
                      label: g.Label | None = None) -> bool:
        """Meetings in one line: "Tid: Torsdagen 14 maj 2020 kl. 15.00 – 17.00",
        "12 maj kl. 13.30–15.30 i Stadshuset, 8 september ...". False if it has no date."""
        if label is not None and label.kind == g.PLACE:
            self._next_place(label.value, block)
            if not keep:
                self.consume(block, [label.value], "left_label", label=label.word)
                self.places_said.append((label.value.strip(" ."), block))
            return True
        dates = g.find_dates(text, after=self.p.date)
        if not dates:
            return False
        meetings = self._open_meetings()
        carried: list[str | None] = []
        for n, found in enumerate(dates):
            end = dates[n + 1].start if n + 1 < len(dates) else len(text)
            segment = text[found.end:end]
            times = g.find_times(segment)
            rest = segment[times.span_end:] if times else segment
            place = re.sub(r"^[\s,.;:–-]*(?:(?:i|på|in|at|plats|lokal)\b[\s:]*)?", "", rest)
            place = place.strip(" ,.;–-\t")
            location: str | None = re.sub(r"\s*(?:,|och|and)$", "", place).strip() or None
            if location and len(dates) > 1 and not re.search(r"[^\W\d_]{3,}", location):
                location = None
            meeting = Meeting(date=found.date, start=times.start if times else None,
                              end=times.end if times else None,
                              location=location or self.next_place)
            if not location and self.next_place and self.next_place_block is not None:
                self.places_used.add(id(self.next_place_block))
            for key, values in found.notes:
                self.note(block, key, **values)
            meetings.append((meeting, block))
            carried.append(location)
        if not keep:
            self.consume(block, carried, "left_next_when")
        return True

    # ------------------------------------------------------------ contact

    def _contact(self, block: Block, text: str, label: g.Label | None) -> None:
        contact = self.p.contact or Contact()
        self.p.contact = contact
        self.contact_block = self.contact_block or block
        carried: list[str | None] = []
        email = g.EMAIL_RE.search(text)
        if email and contact.email is None:
            contact.email = email[0]
            carried.append(email[0])
            self.find("contact.email", email[0], block)
            text = text[:email.start()] + " " + text[email.end():]
        phone = g.find_phone(text)
        if phone and contact.phone is None:
            contact.phone = phone[0].strip()
            carried.append(contact.phone)
            self.find("contact.phone", contact.phone, block)
            text = text[:phone.start()] + " " + text[phone.end():]
        rest = _CONTACT_LABEL_RE.sub(" ", text)
        rest_parts = [x.strip() for x in re.split(r",|\t|;|\s[–-]\s", rest) if x.strip(" .:")]
        if rest_parts and contact.name is None:
            person, _ = _person((rest_parts[0],), None)
            if person is not None:
                contact.name = person.name
                carried.append(person.name)
                self.find("contact.name", person.name, block)
                rest_parts = ([x for x in (person.role, person.organisation) if x]
                              + rest_parts[1:])
            elif g.is_name(rest_parts[0]):
                contact.name = rest_parts[0]
                carried.append(contact.name)
                self.find("contact.name", contact.name, block)
                rest_parts = rest_parts[1:]
        for part in rest_parts:
            if self._known_as_attendee(contact.name, part):
                carried.append(part)
                self.leave(block, part, "left_contact_role", name=contact.name)
            elif g.words(part):
                self._unplaced_text(part, block)
                carried.append(part)
        self.consume(block, carried, "left_label", label=label.word if label else "")

    def _known_as_attendee(self, name: str | None, text: str) -> bool:
        if not name:
            return False
        for a in self.p.attendees:
            if a.name == name:
                said = " ".join(x for x in (a.role, a.organisation) if x).casefold()
                return bool(said) and text.strip(" .").casefold() in said
        return False
