"""A protocol as minutes people read: plain text lines, in the current language."""

from __future__ import annotations

import datetime as dt

from brotui.core.model import Protocol
from brotui.i18n import long_date, t


def time_span(start: str | None, end: str | None) -> str:
    if start and end:
        return f"{start}–{end}"
    return start or end or ""


def meeting_when(date: dt.date | None, start: str | None, end: str | None) -> str:
    parts = [long_date(date) if date else "", time_span(start, end)]
    return " ".join(p for p in parts if p)


def render_text(p: Protocol) -> str:
    """The minutes as text: heading, time and place, attendees, items, next meetings, contact.

    The result may still hold control characters from the file; print it
    through `brotui.core.text.visible`."""
    out: list[str] = []
    out.append(p.council or "")
    heading = f"{t('label_protocol')} {p.date.isoformat() if p.date else ''}".strip()
    status = t(f"status_{p.status}") if p.status in ("draft", "approved") else p.status
    out.append(f"{heading} ({status})")
    out.append("")
    when = meeting_when(p.date, p.start, p.end)
    if when:
        out.append(f"{t('label_time')}: {when}")
    if p.location:
        out.append(f"{t('label_location')}: {p.location}")
    for key in ("chair", "secretary"):
        if getattr(p, key):
            out.append(f"{t('label_' + key)}: {getattr(p, key)}")
    if p.adjusters:
        out.append(f"{t('label_adjusters')}: {', '.join(p.adjusters)}")
    if p.attendees:
        out += ["", t("label_attendees")]
        width = max(len(a.name or "") for a in p.attendees)
        for a in p.attendees:
            details = ", ".join(x for x in (a.role, a.organisation) if x)
            extra = []
            if a.presence != "present":
                extra.append(t(f"presence_{a.presence}") if a.presence in
                             ("excused", "absent", "adjunct") else a.presence)
            if a.note:
                extra.append(a.note)
            line = f"  {(a.name or '').ljust(width)}  {details}"
            if extra:
                line += f" ({'; '.join(extra)})"
            out.append(line.rstrip())
    for item in p.items:
        out.append("")
        number = f"{item.number}." if item.number is not None else "-"
        out.append(f"{number} {item.title or ''}".rstrip())
        if item.text:
            out += [f"   {line}".rstrip() for line in item.text.splitlines()]
        if item.decisions:
            out.append(f"   {t('label_decisions')}:")
            out += [f"   - {d}" for d in item.decisions]
        if item.attachments:
            out.append(f"   {t('label_attachments')}: {', '.join(item.attachments)}")
    if p.next_meetings:
        out += ["", t("label_next_meetings")]
        for m in p.next_meetings:
            parts = [meeting_when(m.date, m.start, m.end), m.location or ""]
            out.append("  " + ", ".join(x for x in parts if x))
    if p.contact:
        out += ["", t("label_contact")]
        out.append("  " + ", ".join(x for x in (p.contact.name, p.contact.phone,
                                                 p.contact.email) if x))
    return "\n".join(out) + "\n"
