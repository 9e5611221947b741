"""Finding protocols by their words."""

from __future__ import annotations

from brotui.core.model import Protocol


def haystack(p: Protocol) -> str:
    """The words a protocol can be found by, lower-cased: council, date, place,
    people, item titles and texts, decisions, attachments."""
    parts: list[str | None] = [p.council, p.date.isoformat() if p.date else None, p.location,
                               p.chair, p.secretary, *p.adjusters]
    for a in p.attendees:
        parts += [a.name, a.role, a.organisation, a.note]
    for item in p.items:
        parts += [item.title, item.text, *item.decisions, *item.attachments]
    for m in p.next_meetings:
        parts += [m.location]
    if p.contact:
        parts += [p.contact.name, p.contact.email]
    return "\n".join(x for x in parts if x).casefold()


def matches(text: str, query: str) -> bool:
    """Every word of the query occurs in the text (case-insensitive)."""
    return all(word in text for word in query.casefold().split())
