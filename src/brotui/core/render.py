"""A protocol as minutes people read, in the current language.

`minutes()` gives lines of (role, text) spans; the command line joins them as
plain text and the TUI gives each role a style. The text is the protocol's
own and may hold anything: callers show it as data, never as markup.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from brotui.core.justering.shown import lines as justering_lines
from brotui.core.model import Protocol
from brotui.core.schema import ATTENDEE, PROTOCOL
from brotui.i18n import long_date, t

# Span roles: what a piece of text is, for a renderer to style.
HEADING, STATUS, LABEL, TEXT, NUMBER, TITLE, MUTED, NOTE = (
    "heading", "status", "label", "text", "number", "title", "muted", "note")

# Parts of a protocol as brotui.core.blame names them, for notes beside the lines.
Key = tuple[Any, ...]
Notes = Callable[[list[Key]], str | None]

Span = tuple[str, str]
Line = list[Span]


def time_span(start: str | None, end: str | None) -> str:
    if start and end:
        return f"{start}–{end}"
    return start or end or ""


def meeting_when(date: dt.date | None, start: str | None, end: str | None) -> str:
    parts = [long_date(date) if date else "", time_span(start, end)]
    return " ".join(p for p in parts if p)


def status_text(status: str | None) -> str:
    return PROTOCOL.field("status").choice_label(status)


def minutes(p: Protocol, notes: Notes | None = None) -> list[Line]:
    """Heading, time and place, attendees, items, next meetings and contact, as lines.
    `notes` gives a note to put beside the line showing some parts (blame)."""

    def note(line: Line, *keys: Key) -> Line:
        text = notes(list(keys)) if notes else None
        return [*line, (NOTE, f"  {text}")] if text else line

    out: list[Line] = [note([(HEADING, p.council or "")], ("header", "council"))]
    heading = f"{t('label_protocol')} {p.date.isoformat() if p.date else ''}".strip()
    out.append(note([(TITLE, heading), (MUTED, " ("), (STATUS, status_text(p.status)),
                     (MUTED, ")")], ("header", "status")))
    out.append([])
    when = meeting_when(p.date, p.start, p.end)
    if when:
        out.append(note([(LABEL, f"{t('label_time')}: "), (TEXT, when)],
                        ("header", "date"), ("header", "start"), ("header", "end")))
    if p.location:
        out.append(note([(LABEL, f"{t('label_location')}: "), (TEXT, p.location)],
                        ("header", "location")))
    for key in ("chair", "secretary"):
        if getattr(p, key):
            out.append(note([(LABEL, f"{t(PROTOCOL.field(key).label)}: "),
                             (TEXT, getattr(p, key))], ("header", key)))
    if p.adjusters:
        out.append(note([(LABEL, f"{t('label_adjusters')}: "), (TEXT, ", ".join(p.adjusters))],
                        ("header", "adjusters")))
    if p.attendees:
        out += [[], [(TITLE, t("label_attendees"))]]
        width = max(len(a.name or "") for a in p.attendees)
        for i, a in enumerate(p.attendees):
            line: Line = [(TEXT, f"  {(a.name or '').ljust(width)}  ")]
            line.append((TEXT, ", ".join(x for x in (a.role, a.organisation) if x)))
            extra = []
            if a.presence != "present":
                extra.append(ATTENDEE.field("presence").choice_label(a.presence))
            if a.note:
                extra.append(a.note)
            if extra:
                line.append((MUTED, f" ({'; '.join(extra)})"))
            out.append(note(line, ("attendee", i)))
    for i, item in enumerate(p.items):
        out.append([])
        number = f"{item.label}." if item.number is not None else "-"
        text = (item.text or "").splitlines()
        if item.title:
            out.append(note([(NUMBER, number + " "), (TITLE, item.title)],
                            ("item", i, "number"), ("item", i, "title")))
            text_keys = [("item", i, "text")]
        else:  # an item that is only text starts on the number's line
            out.append([(NUMBER, number + " "), (TEXT, text.pop(0) if text else "")])
            text_keys = [("item", i, "number"), ("item", i, "text")]
        lines: list[Line] = [[(TEXT, f"   {line}")] if line else [] for line in text]
        if lines and item.title:
            lines[0] = note(lines[0], *text_keys)
        elif not item.title:
            out[-1] = note(out[-1], *text_keys)
        out += lines
        if item.decisions:
            out.append(note([(LABEL, f"   {t('label_decisions')}:")],
                            ("item", i, "decisions")))
            out += [[(TEXT, f"   - {d}")] for d in item.decisions]
        if item.attachments:
            out.append(note([(LABEL, f"   {t('label_attachments')}: "),
                             (TEXT, ", ".join(item.attachments))], ("item", i, "attachments")))
    if p.next_meetings:
        out += [[], [(TITLE, t("label_next_meetings"))]]
        for i, m in enumerate(p.next_meetings):
            parts = [meeting_when(m.date, m.start, m.end), m.location or ""]
            out.append(note([(TEXT, "  " + ", ".join(x for x in parts if x))], ("meeting", i)))
    if p.contact:
        out += [[], [(TITLE, t("label_contact"))]]
        out.append(note([(TEXT, "  " + ", ".join(
            x for x in (p.contact.name, p.contact.phone, p.contact.email) if x))],
            *[("contact", f) for f in ("name", "phone", "email")]))
    return out + justering_lines(p)


def render_text(p: Protocol) -> str:
    """The minutes as plain text. It may still hold control characters from the
    file: print it through `brotui.core.text.visible`."""
    return "".join("".join(text for _, text in line).rstrip() + "\n" for line in minutes(p))
