"""The protocol as a form: a group of fields for each part, a row for each list entry.

Each group edits one model object in place (the meeting, an attendee, an item,
a next meeting, the contact), so keys the program does not know (`extra`)
survive a round trip, and a field nobody touched keeps its value exactly.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Button, Input, Select, Static, TextArea

from brotui.core.model import PRESENCES, STATUSES, Attendee, Contact, Item, Meeting, Protocol
from brotui.core.problems import Problem
from brotui.core.text import visible
from brotui.core.validate import is_control
from brotui.i18n import t
from brotui.tui.text import safe
from brotui.tui.widgets.fields import (
    DATE,
    INT,
    LINES,
    NAMES,
    PRESENCE,
    STATUS,
    TEXT,
    TIME,
    Field,
    editor_value,
)
from brotui.tui.widgets.form_group import FormGroup, ListSection, RowTools, Spot

HEADER = [
    [Field("council", "form_council")],
    [Field("date", "form_date", DATE), Field("start", "form_start", TIME),
     Field("end", "form_end", TIME)],
    [Field("location", "label_location")],
    [Field("status", "label_status", STATUS)],
    [Field("chair", "label_chair"), Field("secretary", "label_secretary")],
    [Field("adjusters", "label_adjusters", NAMES)],
]
ATTENDEE = [
    [Field("name", "form_name"), Field("presence", "form_presence", PRESENCE)],
    [Field("role", "form_role")],
    [Field("organisation", "form_organisation"), Field("note", "form_note")],
]
ITEM = [
    [Field("number", "form_number", INT)],
    [Field("title", "form_title")],
    [Field("text", "form_text", TEXT)],
    [Field("decisions", "label_decisions", LINES)],
    [Field("attachments", "label_attachments", LINES)],
]
MEETING = [
    [Field("date", "form_date", DATE), Field("start", "form_start", TIME),
     Field("end", "form_end", TIME)],
    [Field("location", "label_location")],
]
CONTACT = [
    [Field("name", "form_name")],
    [Field("phone", "form_phone"), Field("email", "form_email")],
]
_PATH_RE = re.compile(r"(?P<head>\w+)(?:\[(?P<index>[0-9]+)\])?(?:\.(?P<key>\w+))?")



@dataclass(frozen=True)
class FieldPlace:
    """A field of the form: its part (header, contact or a list), row, key and cursor."""

    part: str
    row: int | None
    key: str
    cursor: Any = None


def _new_item(items: list[Item], index: int) -> Item:
    before = [i.number for i in items[:index] if isinstance(i.number, int)]
    return Item(number=before[-1] + 1 if before else 1)


class ProtocolForm(VerticalScroll):
    """Every field of a protocol. `read()` gives the protocol as the form shows it."""

    @dataclass
    class Edited(Message):
        """Something in the form changed (a value, or rows added, removed or moved)."""

    def __init__(self, protocol: Protocol, **kwargs: Any) -> None:
        super().__init__(classes="protocol-form", **kwargs)
        self.protocol = protocol
        self.general = Static(classes="form-error")
        self._general = ""
        self.header = FormGroup(protocol, HEADER, classes="form-header")
        self.sections = {
            "attendees": ListSection("attendees", "label_attendees", "form_attendee",
                                     protocol.attendees, ATTENDEE, lambda _a, _i: Attendee(),
                                     buttons=1),
            "items": ListSection("items", "label_items", "form_item", protocol.items, ITEM,
                                 _new_item),
            "next_meetings": ListSection("next_meetings", "label_next_meetings",
                                         "form_meeting_row", protocol.next_meetings, MEETING,
                                         lambda _m, _i: Meeting()),
        }
        self.contact_was_none = protocol.contact is None
        self.contact = FormGroup(protocol.contact or Contact(), CONTACT, classes="form-contact")

    def compose(self) -> ComposeResult:
        yield self.general
        yield Static(safe(t("form_meeting"), "bold"), classes="form-heading")
        yield self.header
        yield from self.sections.values()
        yield Static(safe(t("label_contact"), "bold"), classes="form-heading")
        yield self.contact

    # ----------------------------------------------------------------- reading

    def read(self) -> tuple[Protocol, dict[str, str]]:
        """The loaded protocol with the form's values written into it, and the
        problem of each value that could not be read, by its YAML path."""
        problems = dict(self.header.sync())
        for key, section in self.sections.items():
            rows = section.rows()
            for i, row in enumerate(rows):
                problems.update({f"{key}[{i}].{k}": m for k, m in row.sync().items()})
            setattr(self.protocol, key, [row.obj for row in rows])
        problems.update({f"contact.{k}": m for k, m in self.contact.sync().items()})
        contact = self.contact.obj
        empty = not contact.extra and all(
            getattr(contact, k) is None for k in self.contact.fields)
        if empty and (self.contact_was_none or self.contact.changed):
            self.protocol.contact = None
        else:
            self.protocol.contact = contact
        return self.protocol, problems

    # ---------------------------------------------------------------- problems

    def show_problems(self, problems: list[Problem], unreadable: dict[str, str]) -> list[Spot]:
        """Show each error next to its field; the places with problems, top to bottom."""
        found: dict[Widget, dict[str | None, list[str]]] = {}
        general: list[str] = []
        messages = [(p.path, p.message) for p in problems
                    if p.is_error and p.path not in unreadable]
        for path, message in [*unreadable.items(), *messages]:
            target, key = self.locate(path)
            if target is None:
                general.append(f"{path}: {message}" if path else message)
            else:
                found.setdefault(target, {}).setdefault(key, []).append(message)
        text = "\n".join(general)
        if text != self._general:
            self._general = text
            self.general.update(safe(text))
            self.general.set_class(bool(text), "shown")
        spots = [Spot(self.header.editors["council"], m) for m in general]
        spots += self.header.show(found.get(self.header, {}))
        for section in self.sections.values():
            section_messages = found.get(section, {}).get(None, [])
            section.show(section_messages)
            spots += [Spot(section.first_widget(), m, section) for m in section_messages]
            for row in section.rows():
                spots += row.show(found.get(row, {}))
        spots += self.contact.show(found.get(self.contact, {}))
        return spots

    def locate(self, path: str) -> tuple[Widget | None, str | None]:
        """The group (or section) showing a YAML path, and the field key within it."""
        m = _PATH_RE.match(path)
        if not m:
            return None, None
        head, index, key = m["head"], m["index"], m["key"]
        if head in self.header.fields:
            return self.header, head
        if head == "contact":
            return self.contact, key if key in self.contact.fields else None
        section = self.sections.get(head)
        if section is None:
            return None, None
        rows = section.rows()
        if index is None or int(index) >= len(rows):
            return section, None
        row = rows[int(index)]
        if key is None and head == "items":
            key = "title"  # "neither a title nor a text" is shown where the title is typed
        return row, key if key in row.fields else None

    # ------------------------------------------------------------- structure

    def place_of(self, widget: Widget | None) -> tuple[ListSection | None, FormGroup | None]:
        """The list section and row a widget is in (either may be None)."""
        section = row = None
        for node in widget.ancestors_with_self if widget is not None else []:
            if isinstance(node, FormGroup) and row is None and "form-row" in node.classes:
                row = node
            if isinstance(node, ListSection):
                section = node
                break
        return section, row

    def field_place(self, widget: Widget | None) -> FieldPlace | None:
        """Where a field's widget stands in the form, to find its twin in another form
        of the same protocol (one rebuilt after a save merged others' changes)."""
        for group, where in self._groups():
            for key, editor in group.editors.items():
                if editor is widget:
                    cursor: Any = None
                    if isinstance(widget, Input):
                        cursor = widget.cursor_position
                    elif isinstance(widget, TextArea):
                        cursor = widget.cursor_location
                    return FieldPlace(*where, key, cursor)
        return None

    def field_at(self, place: FieldPlace) -> Widget | None:
        """The widget at a place (see field_place), its cursor where the place says."""
        for group, where in self._groups():
            if where == (place.part, place.row):
                widget = group.editors.get(place.key)
                if isinstance(widget, Input) and isinstance(place.cursor, int):
                    widget.cursor_position = place.cursor
                elif isinstance(widget, TextArea) and isinstance(place.cursor, tuple):
                    widget.cursor_location = place.cursor
                return widget
        return None

    def _groups(self) -> Iterator[tuple[FormGroup, tuple[str, int | None]]]:
        yield self.header, ("header", None)
        for key, section in self.sections.items():
            for i, row in enumerate(section.rows()):
                yield row, (key, i)
        yield self.contact, ("contact", None)

    async def add_row(self, widget: Widget | None) -> bool:
        section, row = self.place_of(widget)
        if section is None:
            return False
        self.read()  # the new entry's number follows the one typed above it
        await section.add(row)
        self.post_message(self.Edited())
        return True

    async def remove_row(self, widget: Widget | None) -> bool:
        """Remove the row holding `widget`, saying what was removed."""
        section, row = self.place_of(widget)
        if section is None or row is None:
            return False
        what = t(section.noun)
        first = editor_value(next(iter(row.editors.values())))
        if isinstance(first, str) and first.strip():
            what = f"{what} {first.strip()}"
        await section.drop(row)
        self.post_message(self.Edited())
        self.notify(visible(t("tui_removed", what=what)), timeout=3, markup=False)
        return True

    def move_row(self, widget: Widget | None, delta: int) -> bool:
        section, row = self.place_of(widget)
        if section is None or row is None or not section.move(row, delta):
            return False
        self.post_message(self.Edited())
        return True

    @on(Button.Pressed, ".add-button")
    async def _add_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        section, _ = self.place_of(event.button)
        if section is not None:
            self.read()
            await section.add(None)
            self.post_message(self.Edited())

    @on(RowTools.Pressed)
    async def _tool_pressed(self, event: RowTools.Pressed) -> None:
        event.stop()
        if event.action == "add":
            await self.add_row(event.tools)
        elif event.action == "remove":
            await self.remove_row(event.tools)
        else:
            self.move_row(event.tools, -1 if event.action == "up" else 1)

    @on(Input.Changed)
    @on(TextArea.Changed)
    @on(Select.Changed)
    def _changed(self, event: Message) -> None:
        event.stop()
        self.post_message(self.Edited())


def form_blockers(protocol: Protocol) -> list[str]:
    """Why the form cannot show a protocol faithfully (empty: it can).

    A status or presence outside the list, a line break in a one-line field or
    a control character would be lost or hidden by the form's widgets."""
    reasons = []
    if protocol.status not in STATUSES:
        reasons.append(t("bad_status", found=protocol.status))
    for attendee in protocol.attendees:
        if attendee.presence not in PRESENCES:
            reasons.append(t("bad_presence", found=attendee.presence))
    for path, value, kind in _values(protocol):
        if not isinstance(value, str):
            continue
        bad = next((c for c in value if is_control(c)), None)
        if bad is not None:
            reasons.append(f"{path}: {t('control_char', char=f'U+{ord(bad):04X}')}")
        elif "\n" in value and kind != TEXT:
            reasons.append(t("one_line", field=path))
    return reasons


def _values(protocol: Protocol) -> Iterator[tuple[str, Any, str]]:
    """(path, value, kind) of every string the form shows."""
    groups: list[tuple[str, Any, list[list[Field]]]] = [("", protocol, HEADER)]
    for key, layout in (("attendees", ATTENDEE), ("items", ITEM), ("next_meetings", MEETING)):
        groups += [(f"{key}[{i}].", obj, layout) for i, obj in enumerate(getattr(protocol, key))]
    if protocol.contact is not None:
        groups.append(("contact.", protocol.contact, CONTACT))
    for prefix, obj, layout in groups:
        for line in layout:
            for field in line:
                value = getattr(obj, field.key)
                kind = field.kind
                if isinstance(value, list):
                    for i, element in enumerate(value):
                        # a decision may run over several lines; other list entries may not
                        yield (f"{prefix}{field.key}[{i}]", element,
                               TEXT if field.key == "decisions" else kind)
                else:
                    yield f"{prefix}{field.key}", value, kind

