"""The fields of a protocol and its parts, declared once.

codec (reading and writing), validate, merge, fielddiff, blame, the search texts, the
minutes and the form all walk these declarations; none lists fields of its own. A field
added to a model class and not declared here fails tests/test_schema.py, and so does a
declared field that a consumer does not handle.

Adding a field is one line in its `Part` below (and the attribute in brotui.core.model);
adding a part is a model class, a `Part` and a `Field(kind=PARTS or PART, part=...)` in
the part that holds it. The model's defaults stay the model's own (`dataclasses.fields`).
The layout of the minutes (render) and of the form (protocol_form.LAYOUT) stay written
out, as layouts; tests/test_schema.py checks that they show every shown field.

A new part, as the justering's signatures were added: a dataclass in model.py (every
field with a default, `extra` last), a `Part("signature", model.Signature,
msg_id("label_signatures"), (Field(...), ...), blame=Grain.ENTRY, search=Grain.ENTRY)`
here, and `Field("signatures", Kind.PARTS, msg_id("label_signatures"), part=SIGNATURE)`
at its place in PROTOCOL.fields (file order), with the part added to PARTS. Its entries
are then read, written, checked, merged (paired by value, then first field: see
matching.MATCHERS to pair them otherwise; `whole=True` on the list: both sides changing
it is one conflict), diffed, blamed and searched; `shown=False` on a field keeps it out
of the minutes' and the form's layouts until they show it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from enum import Enum
from typing import Any, NamedTuple

from brotui.core import model
from brotui.i18n import Msg, MsgId, msg_id, t

# ASCII digits only: `\d` takes every script's digits (a fullwidth ５ reads like 5).
TIME_RE = re.compile(r"([01][0-9]|2[0-3]):[0-5][0-9]")
DATE_RE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def is_time(text: str) -> bool:
    """A time of day as the file writes it: "HH:MM", 00:00 to 23:59."""
    return TIME_RE.fullmatch(text) is not None


CLOCK_RE = re.compile(r"([0-9]{2}):([0-9]{2})")


def clock_part_wrong(text: str) -> tuple[str, str] | None:
    """A time written HH:MM whose hour or minute is no time of day ("25:00"): which
    ("hour" or "minute") and the part as written; None if the shape is wrong or it is
    a time."""
    shape = CLOCK_RE.fullmatch(text)
    if shape is None or is_time(text):
        return None
    hour, minute = shape.groups()
    return ("hour", hour) if int(hour) > 23 else ("minute", minute)


def parse_date(text: str) -> dt.date | None:
    """An ISO date ("2020-02-20") as typed or written, None if it is not a real date."""
    if not DATE_RE.fullmatch(text):
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None


class Kind(Enum):
    """How a field's value is read, written, checked, diffed and edited."""

    LINE = "line"  # one line of text
    TEXT = "text"  # text of several lines (a literal block)
    INT = "int"
    DATE = "date"  # ISO date, a dt.date
    TIME = "time"  # "HH:MM", always quoted
    CHOICE = "choice"  # one of `choices`, read as LINE so an unknown value survives
    NAMES = "names"  # list of attendees' names (adjusters): one line each
    LINES = "lines"  # list of one-line texts (attachments)
    TEXTS = "texts"  # list of texts of several lines each (decisions)
    PARTS = "parts"  # list of a part (attendees, items, next meetings)
    PART = "part"  # one part (contact)


class Grain(Enum):
    """What blame and search take as one thing of a part."""

    FIELD = "field"  # each field on its own
    ENTRY = "entry"  # the entry as one thing


@dataclass(frozen=True)
class Choice:
    value: str
    label: MsgId  # "status_draft", "presence_excused" ...


@dataclass(frozen=True)
class Field:
    """One field of a part: its key in the file and the model, and how it behaves."""

    key: str
    kind: Kind
    label: MsgId  # form, diff, blame, search, conflicts
    part: Part | None = None  # for PARTS and PART
    choices: tuple[Choice, ...] = ()
    refusal: MsgId | None = None  # a value outside `choices`: "bad_status"
    required: Msg | None = None  # "X is missing" names it so
    always_written: bool = False  # codec writes it at its default too
    shown: bool = True  # in the form, the minutes and blame (not `schema`)
    searched: bool = True  # in the search index
    whole: bool = False  # diffed old → new, never word by word; PARTS: merged as one value
    # Written after the keys brotui does not know (the justering records: `signatures:`
    # ends the file, as record.content_id needs).
    last: bool = False

    @functools.cached_property
    def values(self) -> frozenset[str]:
        """The values of its choices."""
        return frozenset(c.value for c in self.choices)

    @functools.cached_property
    def many_lines(self) -> bool:
        """Its text may hold line breaks."""
        return self.kind in (Kind.TEXT, Kind.TEXTS)

    @functools.cached_property
    def is_list(self) -> bool:
        """A list of texts (names, lines, texts)."""
        return self.kind in (Kind.NAMES, Kind.LINES, Kind.TEXTS)

    @functools.cached_property
    def is_text(self) -> bool:
        """Its value is text (or a list of texts) people write."""
        return self.kind in (Kind.LINE, Kind.TEXT, Kind.NAMES, Kind.LINES, Kind.TEXTS)

    @functools.cached_property
    def is_child(self) -> bool:
        return self.kind in (Kind.PARTS, Kind.PART)

    def word(self, lang: str | None = None) -> str:
        """The field's name inside a sentence: "roll", "§4 text"."""
        return t(self.label, lang=lang).lower()

    def choice_label(self, value: str | None, lang: str | None = None) -> str:
        """A choice as people read it (an unknown value as it is written)."""
        for choice in self.choices:
            if choice.value == value:
                return t(choice.label, lang=lang)
        return value or ""


@dataclass(frozen=True)
class Part:
    """One kind of object in a protocol: the model class and its fields in file order."""

    name: str  # "header", "attendee", "item", "meeting", "contact"
    cls: type
    label: MsgId  # "label_attendees" ...
    fields: tuple[Field, ...]
    blame: Grain = Grain.FIELD
    search: Grain = Grain.FIELD

    # Worked out once per part (a part is frozen): every file read walks them.
    @functools.cached_property
    def by_key(self) -> Mapping[str, Field]:
        """Its fields by key (read it, never change it)."""
        return {f.key: f for f in self.fields}

    def field(self, key: str) -> Field:
        return self.by_key[key]

    def get(self, key: str) -> Field | None:
        return self.by_key.get(key)

    @functools.cached_property
    def _scalars(self) -> tuple[Field, ...]:
        return tuple(f for f in self.fields if not f.is_child)

    @functools.cached_property
    def _children(self) -> tuple[Field, ...]:
        return tuple(f for f in self.fields if f.is_child)

    def scalars(self) -> tuple[Field, ...]:
        """Every field but the parts it holds."""
        return self._scalars

    def children(self) -> tuple[Field, ...]:
        """The PARTS and PART fields."""
        return self._children

    def defaults(self) -> Mapping[str, Any]:
        """The model's default of each field (the model says them, not the schema).
        Shared: read it, never change it."""
        return self._defaults

    @functools.cached_property
    def _defaults(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for f in dataclasses.fields(self.cls):
            if f.default is not dataclasses.MISSING:
                out[f.name] = f.default
            elif f.default_factory is not dataclasses.MISSING:
                out[f.name] = f.default_factory()
        return out


STATUS = (Choice("draft", msg_id("status_draft")),
          Choice("review", msg_id("status_review")),
          Choice("approved", msg_id("status_approved")))
PRESENCE = (Choice("present", msg_id("presence_present")),
            Choice("excused", msg_id("presence_excused")),
            Choice("absent", msg_id("presence_absent")),
            Choice("adjunct", msg_id("presence_adjunct")))

ATTENDEE = Part("attendee", model.Attendee, msg_id("label_attendees"), (
    Field("name", Kind.LINE, msg_id("form_name"), required=Msg.of("field_name")),
    Field("role", Kind.LINE, msg_id("form_role")),
    Field("organisation", Kind.LINE, msg_id("form_organisation")),
    Field("presence", Kind.CHOICE, msg_id("form_presence"), choices=PRESENCE,
          refusal=msg_id("bad_presence"), searched=False, whole=True),
    Field("note", Kind.LINE, msg_id("form_note")),
), blame=Grain.ENTRY, search=Grain.ENTRY)

ITEM = Part("item", model.Item, msg_id("label_items"), (
    Field("number", Kind.INT, msg_id("form_number"),
          required=Msg.of("field_generic", key="number"), searched=False, whole=True),
    # "17 a": an extra item's letter, beside its number in the form and its label.
    Field("letter", Kind.LINE, msg_id("form_letter"), searched=False, whole=True),
    Field("title", Kind.LINE, msg_id("form_title")),
    Field("text", Kind.TEXT, msg_id("form_text")),
    Field("decisions", Kind.TEXTS, msg_id("label_decisions")),
    Field("attachments", Kind.LINES, msg_id("label_attachments")),
))

MEETING = Part("meeting", model.Meeting, msg_id("label_next_meetings"), (
    Field("date", Kind.DATE, msg_id("form_date"), required=Msg.of("field_date"), whole=True),
    Field("start", Kind.TIME, msg_id("form_start"), searched=False, whole=True),
    Field("end", Kind.TIME, msg_id("form_end"), searched=False, whole=True),
    Field("location", Kind.LINE, msg_id("label_location")),
), blame=Grain.ENTRY, search=Grain.ENTRY)

CONTACT = Part("contact", model.Contact, msg_id("label_contact"), (
    Field("name", Kind.LINE, msg_id("form_name")),
    Field("phone", Kind.LINE, msg_id("form_phone"), whole=True),
    Field("email", Kind.LINE, msg_id("form_email"), whole=True),
), search=Grain.ENTRY)

# The justering's records (issue 14), written only by review/sign/correct
# (brotui.core.justering), never offered by the form; the minutes show them in their own
# layout (justering/shown.py), hence shown=False.
JUSTERING_PLAN = Part("justering", model.JusteringPlan, msg_id("label_justering_plan"), (
    Field("date", Kind.DATE, msg_id("form_date"), shown=False, whole=True),
    Field("place", Kind.LINE, msg_id("label_location"), shown=False),
), search=Grain.ENTRY)

CORRECTION = Part("correction", model.Correction, msg_id("label_corrections"), (
    Field("date", Kind.DATE, msg_id("form_date"), shown=False, whole=True),
    Field("who", Kind.LINE, msg_id("form_who"), shown=False),
    Field("reason", Kind.LINE, msg_id("form_reason"), shown=False),
    Field("changes", Kind.TEXTS, msg_id("label_changes"), shown=False),
), blame=Grain.ENTRY, search=Grain.ENTRY)

SIGNATURE = Part("signature", model.Signature, msg_id("label_signatures"), (
    Field("name", Kind.LINE, msg_id("form_name"), shown=False),
    Field("role", Kind.LINE, msg_id("form_role"), shown=False, searched=False, whole=True),
    Field("date", Kind.DATE, msg_id("form_date"), shown=False, whole=True),
    Field("content", Kind.LINE, msg_id("form_signed_content"), shown=False, searched=False,
          whole=True),
    Field("item", Kind.INT, msg_id("form_signed_item"), shown=False, searched=False,
          whole=True),
    Field("letter", Kind.LINE, msg_id("form_letter"), shown=False, searched=False,
          whole=True),
), blame=Grain.ENTRY, search=Grain.ENTRY)

PROTOCOL = Part("header", model.Protocol, msg_id("label_protocol"), (
    Field("schema", Kind.INT, msg_id("diff_schema"), always_written=True,
          required=Msg.of("field_schema"), shown=False, searched=False, whole=True),
    Field("council", Kind.LINE, msg_id("form_council"), always_written=True,
          required=Msg.of("field_council")),
    Field("date", Kind.DATE, msg_id("form_date"), always_written=True,
          required=Msg.of("field_date"), whole=True),
    Field("start", Kind.TIME, msg_id("form_start"), searched=False, whole=True),
    Field("end", Kind.TIME, msg_id("form_end"), searched=False, whole=True),
    Field("location", Kind.LINE, msg_id("label_location")),
    Field("status", Kind.CHOICE, msg_id("label_status"), choices=STATUS,
          refusal=msg_id("bad_status"), always_written=True, searched=False, whole=True),
    Field("chair", Kind.LINE, msg_id("label_chair")),
    Field("secretary", Kind.LINE, msg_id("label_secretary")),
    Field("adjusters", Kind.NAMES, msg_id("label_adjusters")),
    Field("attendees", Kind.PARTS, msg_id("label_attendees"), part=ATTENDEE),
    Field("items", Kind.PARTS, msg_id("label_items"), part=ITEM),
    Field("next_meetings", Kind.PARTS, msg_id("label_next_meetings"), part=MEETING),
    Field("contact", Kind.PART, msg_id("label_contact"), part=CONTACT),
    Field("justering", Kind.PART, msg_id("label_justering_plan"), part=JUSTERING_PLAN,
          shown=False, last=True),
    Field("corrections", Kind.PARTS, msg_id("label_corrections"), part=CORRECTION,
          shown=False, whole=True, last=True),
    Field("signatures", Kind.PARTS, msg_id("label_signatures"), part=SIGNATURE,
          shown=False, whole=True, last=True),  # the file's last key (record.content_id)
))

PARTS = (PROTOCOL, ATTENDEE, ITEM, MEETING, CONTACT, JUSTERING_PLAN, CORRECTION, SIGNATURE)
# Parts that are not fields of the protocol but appear where its parts are named.
_OTHER_LABELS = {"protocol": msg_id("label_protocol"), "other": msg_id("label_other_fields")}


def part_named(name: str) -> Part:
    return next(p for p in PARTS if p.name == name)


def child_of(part: Part) -> Field:
    """The protocol's field that holds `part` (attendees for ATTENDEE ...)."""
    return next(f for f in PROTOCOL.children() if f.part is part)


# ---------------------------------------------------------------------- walking


class Slot(NamedTuple):
    """One field of one object in a protocol: where it is and what it holds (a tuple:
    every file read makes one per field)."""

    at: str  # the object's path: "attendees[2]" ("" for the protocol)
    part: Part
    owner: Any  # the model object holding it
    field: Field
    value: Any

    @property
    def path(self) -> str:
        """"attendees[2].role", as Problem paths are written."""
        return _join(self.at, self.field.key)


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def objects(p: model.Protocol) -> Iterator[tuple[str, Part, Any]]:
    """(path, part, object) of the protocol and of every part in it, in file order."""
    yield "", PROTOCOL, p
    for f in PROTOCOL.children():
        assert f.part is not None
        value = getattr(p, f.key)
        if f.kind is Kind.PART:
            if value is not None:
                yield f.key, f.part, value
        else:
            for i, entry in enumerate(value):
                yield f"{f.key}[{i}]", f.part, entry


def walk(p: model.Protocol) -> Iterator[Slot]:
    """Every scalar field (not PARTS/PART) of every object, the protocol's first."""
    for path, part, obj in objects(p):
        for f in part.scalars():
            yield Slot(path, part, obj, f, getattr(obj, f.key))


def texts(p: model.Protocol) -> Iterator[tuple[str, Field, str]]:
    """Every string a known field holds, with its path (a list's entries as path[i])."""
    for slot in walk(p):
        value = slot.value
        if isinstance(value, str):
            yield slot.path, slot.field, value
        elif isinstance(value, list):
            for i, x in enumerate(value):
                if isinstance(x, str):
                    yield f"{slot.path}[{i}]", slot.field, x


def extras(p: model.Protocol) -> Iterator[tuple[str, dict[str, Any]]]:
    """Every object's `extra` map (keys brotui does not know), with its path."""
    for path, _part, obj in objects(p):
        yield path, obj.extra


# ---------------------------------------------------------------- naming places


@dataclass(frozen=True)
class Place:
    """A part of the minutes as people name it; the words are chosen when it is shown.

    `section` is a Part's name, "protocol" (the whole) or "other" (an unknown key of
    the protocol); `subject` names the entry ("Anna Ek", "§4", a meeting's date);
    `field` a field's key (or an unknown key)."""

    section: str
    subject: str | None = None
    field: str | None = None

    def field_word(self, lang: str | None = None) -> str:
        """The field as a word in a sentence: "roll", or an unknown key as written."""
        if self.field is None:
            return ""
        if self.field == "extra":
            return t("label_other_fields", lang=lang).lower()
        f = _field_of(self.section, self.field)
        return f.word(lang) if f is not None else self.field

    def label(self, lang: str | None = None) -> str:
        """"Plats", "§4 text", "§4", "Närvarande: Anna Ek, roll", "Kontakt"."""
        name = self.field_word(lang)
        if self.section == "protocol":
            return t("label_protocol", lang=lang)
        if self.section == "header":
            return name[:1].upper() + name[1:]
        if self.section == "item":
            return f"{self.subject or ''} {name}".strip()
        section = section_label(self.section)
        head = t(section, lang=lang)
        parts = [x for x in (self.subject, name) if x]
        return f"{head}: {', '.join(parts)}" if parts else head


def section_label(section: str) -> MsgId:
    """The label of a section: a part's list, the protocol, or its other fields."""
    if section in _OTHER_LABELS:
        return _OTHER_LABELS[section]
    return part_named(section).label


def _field_of(section: str, key: str) -> Field | None:
    """The declared field `key` of a section's part; for "other", any part's field of
    that name (an unknown key that happens to share a name is labelled so today)."""
    part = next((p for p in PARTS if p.name == section), None)
    if part is not None and part.get(key) is not None:
        return part.get(key)
    for p in PARTS:  # a key of another part (keeps the labels the one map gave)
        found = p.get(key)
        if found is not None and not found.is_child:
            return found
    return None
