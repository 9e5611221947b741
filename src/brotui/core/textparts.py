"""A protocol as searchable texts: each text with the part of the minutes it is in,
named in the domain's words ("§4 text", "Närvarande: Peter Bragner")."""

from __future__ import annotations

import re
from dataclasses import dataclass

from brotui.core.model import Protocol
from brotui.core.query import Query, fold, normal
from brotui.core.render import NUMBER, TITLE, Line
from brotui.i18n import t


@dataclass(frozen=True)
class Part:
    """Where in a protocol a text is: a header field, an attendee, an item's title, text,
    decision or attachments, a next meeting, or the contact."""

    kind: str  # "field" | "attendee" | "item" | "meeting" | "contact"
    key: str = ""  # field name, attendee name, item number, meeting date
    field: str = ""  # of an item: "title" | "text" | "decision" | "attachments"

    def label(self) -> str:
        """The part in the domain's words, in the current language."""
        if self.kind == "field":
            return t(_FIELD_LABELS.get(self.key, "label_other_fields"))
        if self.kind == "attendee":
            return t("search_part_named", label=t("label_attendees"), name=self.key)
        if self.kind == "item":
            return t("search_part_item", number=self.key or "?",
                     what=t(f"search_item_{self.field}"))
        if self.kind == "meeting":
            return t("search_part_named", label=t("label_next_meetings"), name=self.key)
        return t("label_contact")

    def as_json(self) -> dict[str, str]:
        return {"kind": self.kind, "key": self.key, "field": self.field}

    def encode(self) -> str:
        return "\x1f".join(scrub(x) for x in (self.kind, self.key, self.field))

    @classmethod
    def decode(cls, text: str) -> Part:
        kind, key, field_ = [*text.split("\x1f"), "", ""][:3]
        return cls(kind, key, field_)


_FIELD_LABELS = {"council": "form_council", "date": "form_date", "location": "label_location",
                 "chair": "label_chair", "secretary": "label_secretary",
                 "adjusters": "label_adjusters"}


def _joined(*values: str | None) -> str:
    return ", ".join(v for v in values if v)


def parts(p: Protocol) -> list[tuple[Part, str]]:
    """Every searchable text of a protocol with the part it belongs to, in reading order."""
    out: list[tuple[Part, str]] = []

    def add(part: Part, text: str | None) -> None:
        if text:
            out.append((part, normal(text)))

    add(Part("field", "council"), p.council)
    add(Part("field", "date"), p.date.isoformat() if p.date else None)
    for key in ("location", "chair", "secretary"):
        add(Part("field", key), getattr(p, key))
    add(Part("field", "adjusters"), ", ".join(a for a in p.adjusters if a))
    for a in p.attendees:
        add(Part("attendee", normal(a.name or "")), _joined(a.name, a.role, a.organisation, a.note))
    for item in p.items:
        number = "" if item.number is None else str(item.number)
        add(Part("item", number, "title"), item.title)
        add(Part("item", number, "text"), item.text)
        for decision in item.decisions:
            add(Part("item", number, "decision"), decision)
        add(Part("item", number, "attachments"), ", ".join(a for a in item.attachments if a))
    for m in p.next_meetings:
        date = m.date.isoformat() if m.date else ""
        add(Part("meeting", date), _joined(date, m.location))
    if p.contact:
        c = p.contact
        add(Part("contact"), _joined(c.name, c.phone, c.email))
    return out


def locate(lines: list[Line], part: Part, query: Query) -> int:
    """The line of rendered minutes (brotui.core.render.minutes) where a hit in `part`
    is: the first line from the part's start on that holds a match, else its start."""
    texts = ["".join(span for _, span in line) for line in lines]
    if part.kind == "item":
        start = (NUMBER, f"{part.key}. " if part.key else "- ")
        anchor = next((i for i, line in enumerate(lines) if line[:1] == [start]), 0)
    elif part.kind == "attendee":
        anchor = next((i for i, text in enumerate(texts)
                       if text.startswith(f"  {part.key} ")), 0)
    elif part.kind in ("meeting", "contact"):
        title = (TITLE, t("label_next_meetings" if part.kind == "meeting" else "label_contact"))
        anchor = next((i for i, line in enumerate(lines) if line[:1] == [title]), 0)
    else:
        anchor = 0
    patterns = query.patterns()
    for i in range(anchor, len(texts)):
        folded = fold(normal(texts[i]))
        if any(rx.search(folded) for rx in patterns):
            return i
    return anchor


# What a part's key and a text may not hold: the search index's separators (see
# brotui.core.search_index) and the one between the fields of an encoded part.
_SEPARATORS = re.compile("[\x00-\x02\x1f]")


def scrub(text: str) -> str:
    return _SEPARATORS.sub("\ufffd", text)
