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
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Button, Input, Select, Static, TextArea

from brotui.core import schema
from brotui.core.model import Attendee, Contact, Item, Meeting, Protocol
from brotui.core.problems import Problem
from brotui.core.text import visible
from brotui.core.validate import is_control
from brotui.i18n import msg_id, t
from brotui.tui.text import safe
from brotui.tui.widgets.fields import INT, Field, editor_value, field_of, parse
from brotui.tui.widgets.form_group import FormGroup, ListSection, RowTools, Spot
from brotui.tui.widgets.form_keys import FormKeys

# Which fields share a line of the form, by part (keys only: the labels and kinds are
# the schema's). tests/app/test_form_layout.py checks that every shown field is here.
LAYOUT: dict[str, list[list[str]]] = {
    "header": [["council"], ["date", "start", "end"], ["location"], ["status"],
               ["chair", "secretary"], ["adjusters"]],
    "attendee": [["name", "presence"], ["role"], ["organisation", "note"]],
    "item": [["number", "letter"], ["title"], ["text"], ["decisions"], ["attachments"]],
    "meeting": [["date", "start", "end"], ["location"]],
    "contact": [["name"], ["phone", "email"]],
}
# Parts of the schema the form does not edit: kept as they are (the form edits the
# loaded protocol in place), shown in the minutes: the justering records (issue 14),
# written only by review, sign and correct.
NOT_IN_FORM: frozenset[str] = frozenset({"justering", "correction", "signature"})


def layout(part: schema.Part) -> list[list[Field]]:
    """The form's lines of fields for a part of the schema."""
    return [[field_of(part.field(key)) for key in line] for line in LAYOUT[part.name]]


HEADER = layout(schema.PROTOCOL)
ATTENDEE = layout(schema.ATTENDEE)
ITEM = layout(schema.ITEM)
MEETING = layout(schema.MEETING)
CONTACT = layout(schema.CONTACT)
ADD_BUTTON = "+add"  # a FieldPlace's key for a section's Add button (no field has it)
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


class ProtocolForm(FormKeys):
    """Every field of a protocol. `read()` gives the protocol as the form shows it."""

    @dataclass
    class Edited(Message):
        """Something in the form changed (a value, or rows added, removed or moved)."""

    def __init__(self, protocol: Protocol, first: int | None = None, **kwargs: Any) -> None:
        """`first`: rows of each list built at once (all if None); `fill()` builds the
        rest (issue 13: the editor opens with a screenful)."""
        super().__init__(classes="protocol-form", **kwargs)
        self.protocol = protocol
        self.general = Static(classes="form-error")
        self._general = ""
        self.header = FormGroup(protocol, HEADER, classes="form-header")
        self.sections = {
            "attendees": ListSection("attendees", msg_id("label_attendees"),
                                     msg_id("form_attendee"),
                                     protocol.attendees, ATTENDEE, lambda _a, _i: Attendee(),
                                     buttons=1, skip=("presence", "note"), first=first),
            "items": ListSection("items", msg_id("label_items"), msg_id("form_item"),
                                 protocol.items, ITEM, _new_item, first=first),
            "next_meetings": ListSection("next_meetings", msg_id("label_next_meetings"),
                                         msg_id("form_meeting_row"), protocol.next_meetings,
                                         MEETING,
                                         lambda _m, _i: Meeting(), first=first),
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
            for i, row in enumerate(section.rows()):
                problems.update({f"{key}[{i}].{k}": m for k, m in row.sync().items()})
            setattr(self.protocol, key, section.objects())  # rows still to come as loaded
        problems.update({f"contact.{k}": m for k, m in self.contact.sync().items()})
        contact = self.contact.obj
        empty = not contact.extra and all(
            getattr(contact, k) is None for k in self.contact.fields)
        if empty and (self.contact_was_none or self.contact.changed):
            self.protocol.contact = None
        else:
            self.protocol.contact = contact
        return self.protocol, problems

    @property
    def complete(self) -> bool:
        return not any(section.pending for section in self.sections.values())

    async def fill(self) -> None:
        """Build every row still to come (see `first`), the attendees' first."""
        for section in self.sections.values():
            await section.fill()

    # ---------------------------------------------------------------- problems

    def show_problems(self, problems: list[Problem], unreadable: dict[str, str],
                      live: bool = False) -> list[Spot]:
        """Show each error next to its field; the places with problems, top to bottom.
        A row just added and not typed in yet is not blamed for being empty, unless
        `live` (a save judges it)."""
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
                untouched = row.fresh and not row.changed and not live
                spots += row.show({} if untouched else found.get(row, {}))
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
        for key, section in self.sections.items():  # a section's Add button
            if widget is section.add_button:
                return FieldPlace(key, None, ADD_BUTTON)
        return None

    def field_at(self, place: FieldPlace) -> Widget | None:
        """The widget at a place (see field_place), its cursor where the place says."""
        if place.key == ADD_BUTTON and place.part in self.sections:
            return self.sections[place.part].add_button
        for group, where in self._groups():
            if where == (place.part, place.row):
                # A row's line with no field of the form (its `- ` line): its first field.
                widget = group.editors.get(place.key) or next(iter(group.editors.values()))
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
        self._renumber(section, await section.add(row))
        self.post_message(self.Edited())
        return True

    def _renumber(self, section: ListSection, added: FormGroup) -> None:
        """An item inserted in the middle: those after it that its number now reaches
        move one on (3, 4, 5 after a new 3 become 4, 5, 6); a gap ends the run."""
        if section.list_key != "items":
            return
        rows = section.rows()
        before = added.obj.number
        for row in rows[rows.index(added) + 1:]:
            editor = row.editors["number"]
            number, problem = parse(INT, editor_value(editor))
            if problem or not isinstance(number, int) or not isinstance(before, int) \
                    or number > before:
                return
            before = number = before + 1
            if isinstance(editor, Input):
                editor.value = str(number)

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
            self._renumber(section, await section.add(None))
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

    A choice outside its list (status, presence), a line break in a one-line field or
    a control character would be lost or hidden by the form's widgets."""
    reasons = []
    for slot in schema.walk(protocol):
        f = slot.field
        if f.choices and f.refusal and slot.value not in {c.value for c in f.choices}:
            reasons.append(t(f.refusal, found=slot.value))
    for path, f, value in schema.texts(protocol):
        bad = next((c for c in value if is_control(c)), None)
        if bad is not None:
            reasons.append(f"{path}: {t('control_char', char=f'U+{ord(bad):04X}')}")
        elif "\n" in value and not f.many_lines:
            reasons.append(t("one_line", field=path))
    return reasons
