"""A protocol as searchable texts: each text with the part of the minutes it is in,
named in the domain's words ("§4 text", "Närvarande: Peter Bragner")."""

from __future__ import annotations

import re
from dataclasses import dataclass

from brotui.core.model import Protocol
from brotui.core.query import Query, fold, normal
from brotui.core.render import NUMBER, TITLE, Line
from brotui.core.schema import PARTS, PROTOCOL, Field, Grain, Kind, child_of
from brotui.core.schema import Part as SchemaPart
from brotui.i18n import msg_id, t


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
            f = PROTOCOL.get(self.key)
            label = f.label if f is not None else msg_id("label_other_fields")
            return t(label)
        part = next((x for x in PARTS if x.name == self.kind), None)
        if part is None:
            return t("label_other_fields")
        if part.search is Grain.FIELD:
            f = part.get(self.field)
            element = _ELEMENT_LABELS.get(self.field, msg_id("label_other_fields"))
            what = f.word() if f is not None else t(element).lower()
            if part.name == "item":
                return t("search_part_item", number=self.key or "?", what=what)
            name = ", ".join(x for x in (self.key, what) if x)
            return t("search_part_named", label=t(part.label), name=name)
        if self.key or child_of(part).kind is Kind.PARTS:
            return t("search_part_named", label=t(part.label), name=self.key)
        return t(part.label)

    def as_json(self) -> dict[str, str]:
        return {"kind": self.kind, "key": self.key, "field": self.field}

    def encode(self) -> str:
        return "\x1f".join(scrub(x) for x in (self.kind, self.key, self.field))

    @classmethod
    def decode(cls, text: str) -> Part:
        kind, key, field_ = [*text.split("\x1f"), "", ""][:3]
        return cls(kind, key, field_)


def _joined(*values: str | None) -> str:
    return ", ".join(v for v in values if v)


# Plain names for the kinds: an Enum member looked up on its class is slow in 3.11.
_PART, _TEXTS, _ENTRY = Kind.PART, Kind.TEXTS, Grain.ENTRY


def _said(f: Field, value: object) -> str | None:
    """A field's value as searched text: a date as ISO, a list joined with commas."""
    if value is None:
        return None
    if isinstance(value, list):
        return ", ".join(str(x) for x in value if x)
    if hasattr(value, "isoformat"):
        return str(value.isoformat())
    return str(value)


def _entry_key(part: SchemaPart, entry: object) -> str:
    """How a search hit names the entry of a list it is in: an attendee's name, an
    item's number, a meeting's date (its part's first field)."""
    value = getattr(entry, part.fields[0].key)
    if isinstance(value, str):
        return normal(value)
    return _said(part.fields[0], value) or ""


def parts(p: Protocol) -> list[tuple[Part, str]]:
    """Every searchable text of a protocol with the part it belongs to, in reading order:
    the header's searched fields one by one; a part searched by entry (attendees,
    meetings, the contact) as one text of its searched fields; a part searched by field
    (items) one text per field, each entry of a list of texts on its own."""
    out: list[tuple[Part, str]] = []

    def add(part: Part, text: str | None) -> None:
        if text:
            out.append((part, normal(text)))

    for f in PROTOCOL.scalars():
        if f.searched:
            add(Part("field", f.key), _said(f, getattr(p, f.key)))
    for child in PROTOCOL.children():
        sub = child.part
        assert sub is not None
        value = getattr(p, child.key)
        single = child.kind is _PART  # the contact: no key
        entries = [] if value is None else [value] if single else value
        searched = [f for f in sub.scalars() if f.searched]
        for entry in entries:
            key = "" if single else _entry_key(sub, entry)
            if sub.search is _ENTRY:
                add(Part(sub.name, key),
                    _joined(*(_said(f, getattr(entry, f.key)) for f in searched)))
                continue
            for f in searched:
                field_value = getattr(entry, f.key)
                if f.kind is _TEXTS:
                    for x in field_value:
                        add(Part(sub.name, key, _ELEMENT.get(f.key, f.key)), x)
                else:
                    add(Part(sub.name, key, f.key), _said(f, field_value))
    return out


# The part of one entry of a list of texts: an item's decisions, one by one.
_ELEMENT = {"decisions": "decision"}
_ELEMENT_LABELS = {"decision": msg_id("search_item_decision")}


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
