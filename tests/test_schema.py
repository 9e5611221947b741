"""The schema declared once (brotui.core.schema), and every consumer walking it.

A field added to a model class and not declared fails the first test. A declared field
that a consumer does not handle (a hand-written field list left somewhere) fails the
second for that field: the cases are generated from the schema, so a new field is a new
case. The third adds a field and two parts the way issue 14 added the justering's
records, in a schema made for the test, and follows them through the file, the diff,
the merge, blame and search.
"""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import sys
from collections.abc import Iterator
from typing import Any

import pytest

from brotui.core import blame, codec, fielddiff, merge, model, render, schema, textparts, validate
from brotui.core.query import normal
from brotui.core.values import Commit
from brotui.i18n import long_date, msg_id, set_language

C1 = Commit("1" * 40, "Anna Ek", "anna@example.org", 1_600_000_000, "first")
C2 = Commit("2" * 40, "Bo Ek", "bo@example.org", 1_600_000_100, "second")


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    set_language("en")
    yield
    set_language("en")


# ------------------------------------------------------------ built from the schema


def _marker(part: schema.Part, f: schema.Field, n: int) -> Any:
    """A value for the field, distinct from every other field's and from its default."""
    text = f"m-{part.name}-{f.key}"
    return {
        schema.Kind.LINE: text,
        schema.Kind.TEXT: f"{text}\nline two",
        schema.Kind.INT: 100 + n,
        schema.Kind.DATE: dt.date(2021, 1, 1) + dt.timedelta(days=n),
        schema.Kind.TIME: f"{n % 24:02d}:{n % 60:02d}",
        schema.Kind.CHOICE: f.choices[1].value if len(f.choices) > 1 else text,
        schema.Kind.NAMES: [text],
        schema.Kind.LINES: [text],
        schema.Kind.TEXTS: [f"{text}\nline two"],
    }[f.kind]


def _other(f: schema.Field, value: Any) -> Any:
    """The field's value changed a little (so entries still match by what they are)."""
    if f.kind is schema.Kind.CHOICE:
        return next(c.value for c in f.choices if c.value != value)
    if isinstance(value, str):
        return value.replace("m-", "m-x-", 1) if f.kind is not schema.Kind.TIME else "23:59"
    if isinstance(value, int):
        return value + 1
    if isinstance(value, dt.date):
        return value + dt.timedelta(days=400)
    assert isinstance(value, list)
    return [value[0].replace("m-", "m-x-", 1)]


def _build(part: schema.Part, counter: list[int]) -> Any:
    values: dict[str, Any] = {}
    for f in part.fields:
        counter[0] += 1
        if f.kind is schema.Kind.PARTS:
            assert f.part is not None
            values[f.key] = [_build(f.part, counter)]
        elif f.kind is schema.Kind.PART:
            assert f.part is not None
            values[f.key] = _build(f.part, counter)
        else:
            values[f.key] = _marker(part, f, counter[0])
    return part.cls(**values)


def full() -> Any:
    """A protocol where every declared field holds its own marker, one entry a part."""
    return _build(schema.PROTOCOL, [0])


@dataclasses.dataclass(frozen=True)
class Leaf:
    """One declared scalar field, and where it lies in `full()`."""

    part: schema.Part
    field: schema.Field
    holder: schema.Field | None  # the protocol's field holding the entry (None: header)

    @property
    def path(self) -> str:
        if self.holder is None:
            return self.field.key
        key = self.holder.key
        at = key if self.holder.kind is schema.Kind.PART else f"{key}[0]"
        return f"{at}.{self.field.key}"

    def owner(self, p: Any) -> Any:
        if self.holder is None:
            return p
        value = getattr(p, self.holder.key)
        return value if self.holder.kind is schema.Kind.PART else value[0]

    def changed(self, p: Any) -> Any:
        out = copy.deepcopy(p)
        owner = self.owner(out)
        setattr(owner, self.field.key, _other(self.field, getattr(owner, self.field.key)))
        return out

    def blame_key(self) -> tuple[Any, ...]:
        if self.holder is None:
            return ("header", self.field.key)
        if self.holder.kind is schema.Kind.PART:
            return (self.part.name, self.field.key)
        if self.part.blame is schema.Grain.ENTRY:
            return (self.part.name, 0)
        return (self.part.name, 0, self.field.key)

    def __str__(self) -> str:
        return self.path


def leaves() -> list[Leaf]:
    out = [Leaf(schema.PROTOCOL, f, None) for f in schema.PROTOCOL.scalars()]
    for child in schema.PROTOCOL.children():
        assert child.part is not None
        out += [Leaf(child.part, f, child) for f in child.part.scalars()]
    return out


# ----------------------------------------------------------------------- the tests


@pytest.mark.parametrize("part", schema.PARTS, ids=lambda p: p.name)
def test_the_schema_declares_every_model_field(part: schema.Part) -> None:
    in_model = {f.name for f in dataclasses.fields(part.cls)} - {"extra"}
    declared = [f.key for f in part.fields]
    assert len(declared) == len(set(declared)), f"{part.name}: a field declared twice"
    assert in_model - set(declared) == set(), f"{part.name}: in the model, not the schema"
    assert set(declared) - in_model == set(), f"{part.name}: in the schema, not the model"


def test_every_part_is_held_by_the_protocol_once() -> None:
    held = [f.part for f in schema.PROTOCOL.children()]
    assert set(map(id, held)) == {id(p) for p in schema.PARTS if p is not schema.PROTOCOL}
    assert len(held) == len(set(map(id, held)))


def test_choices_have_words_and_a_refusal() -> None:
    for leaf in leaves():
        f = leaf.field
        if f.kind is schema.Kind.CHOICE:
            assert f.choices and f.refusal, leaf
            default = leaf.part.defaults()[f.key]
            assert f.choices[0].value == default, f"{leaf}: the first choice is the default"


@pytest.mark.parametrize("leaf", leaves(), ids=str)
def test_every_consumer_sees_every_field(leaf: Leaf) -> None:
    p = full()
    changed = leaf.changed(p)
    f = leaf.field
    value = getattr(leaf.owner(p), f.key)
    assert changed != p

    # The file: written and read back, and the value is in it.
    text = codec.dump(p)
    assert codec.load(text).protocol == p
    assert codec.load(codec.dump(changed)).protocol == changed
    if isinstance(value, str | list):
        first = (value[0] if isinstance(value, list) else value).split("\n")[0]
        assert first in text

    # The diff names the change in its part (the field, or the entry as a whole).
    section = "header" if leaf.holder is None else leaf.part.name
    changes = fielddiff.diff(p, changed)
    assert changes, leaf
    assert all(c.section == section for c in changes), changes
    assert any(c.field in (f.key, None) for c in changes), changes

    # The merge keeps whoever changed it, on either side.
    assert merge.merge(p, changed, p).protocol == changed
    assert merge.merge(p, p, changed).protocol == changed
    assert merge.merge(p, changed, changed).clean

    # Blame gives the change to that field (or its entry) and to nothing else.
    if f.shown:
        before = blame.step(None, p, {}, C1)
        after = blame.step(p, changed, before, C2)
        assert after[leaf.blame_key()] is C2, leaf.blame_key()
        assert [k for k, c in after.items() if c is C2] == [leaf.blame_key()]

    # Search finds a searched text (and a date) where it is.
    searched = [t for _, t in textparts.parts(p)]
    if f.searched and (f.is_text or f.kind is schema.Kind.DATE):
        said = value.isoformat() if isinstance(value, dt.date) else first
        assert any(normal(said) in t for t in searched), (said, searched)
    elif isinstance(value, str) and f.kind is not schema.Kind.TIME:
        assert not any(value in t for t in searched)

    # The minutes show it.
    minutes = render.render_text(p)
    if f.shown:
        if isinstance(value, dt.date):
            shown = long_date(value)
        elif f.choices:
            shown = f.choice_label(value)
        elif isinstance(value, str | list):
            shown = first
        else:
            shown = str(value)
        assert shown in minutes, (shown, minutes)

    # A control character in a text is reported exactly where it is.
    if f.is_text:
        bad = copy.deepcopy(p)
        owner = leaf.owner(bad)
        if f.is_list:
            setattr(owner, f.key, ["a\x07b"])
            where = f"{leaf.path}[0]"
        else:
            setattr(owner, f.key, "a\x07b")
            where = leaf.path
        found = [x for x in validate.validate(bad) if "U+0007" in x.message]
        assert [x.path for x in found] == [where]


# ------------------------------------------- a schema grown as issue 14 grew it


@dataclasses.dataclass
class Venue:
    address: str | None = None
    opened: dt.date | None = None
    extra: dict[str, Any] = dataclasses.field(default_factory=dict)


@dataclasses.dataclass
class Vote:
    motion: str | None = None
    result: str | None = None
    date: dt.date | None = None
    note: str | None = None
    extra: dict[str, Any] = dataclasses.field(default_factory=dict)


@dataclasses.dataclass
class AttendeeX(model.Attendee):
    pronoun: str | None = None


@dataclasses.dataclass
class ProtocolX(model.Protocol):
    venue: Venue | None = None
    votes: list[Vote] = dataclasses.field(default_factory=list)


L = msg_id("label_other_fields")  # a test schema's words: any registered id will do
VENUE = schema.Part("venue", Venue, L, (
    schema.Field("address", schema.Kind.LINE, msg_id("label_location")),
    schema.Field("opened", schema.Kind.DATE, msg_id("form_date"), whole=True),
), blame=schema.Grain.FIELD, search=schema.Grain.ENTRY)
VOTE = schema.Part("vote", Vote, L, (
    schema.Field("motion", schema.Kind.LINE, msg_id("form_name")),
    schema.Field("result", schema.Kind.LINE, msg_id("form_role")),
    schema.Field("date", schema.Kind.DATE, msg_id("form_date"), whole=True),
    schema.Field("note", schema.Kind.TEXT, msg_id("form_text"), searched=False),
), blame=schema.Grain.ENTRY, search=schema.Grain.ENTRY)
ATTENDEE_X = dataclasses.replace(schema.ATTENDEE, cls=AttendeeX, fields=(
    *schema.ATTENDEE.fields, schema.Field("pronoun", schema.Kind.LINE, msg_id("form_note"))))
PROTOCOL_X = dataclasses.replace(schema.PROTOCOL, cls=ProtocolX, fields=(
    *(dataclasses.replace(f, part=ATTENDEE_X) if f.part is schema.ATTENDEE else f
      for f in schema.PROTOCOL.fields),
    schema.Field("venue", schema.Kind.PART, L, part=VENUE),
    schema.Field("votes", schema.Kind.PARTS, L, part=VOTE),
))


@pytest.fixture
def grown(monkeypatch: pytest.MonkeyPatch) -> None:
    """The test schema in place of the real one, in every module that holds a part."""
    swap = {id(schema.PROTOCOL): PROTOCOL_X, id(schema.ATTENDEE): ATTENDEE_X,
            id(schema.PARTS): (PROTOCOL_X, ATTENDEE_X, *schema.PARTS[2:], VENUE, VOTE)}
    for name, module in list(sys.modules.items()):
        if not name.startswith("brotui.core") or module is None:
            continue
        for attr, value in list(vars(module).items()):
            if id(value) in swap:
                monkeypatch.setattr(module, attr, swap[id(value)])


GROWN = [Leaf(ATTENDEE_X, ATTENDEE_X.field("pronoun"), PROTOCOL_X.field("attendees")),
         *(Leaf(VENUE, f, PROTOCOL_X.field("venue")) for f in VENUE.fields),
         *(Leaf(VOTE, f, PROTOCOL_X.field("votes")) for f in VOTE.fields)]


@pytest.mark.parametrize("leaf", GROWN, ids=str)
def test_a_field_or_part_added_to_the_schema_alone_flows_through(grown: None, leaf: Leaf
                                                                  ) -> None:
    p = full()
    assert isinstance(p, ProtocolX) and isinstance(p.attendees[0], AttendeeX)
    changed = leaf.changed(p)
    value = getattr(leaf.owner(p), leaf.field.key)

    text = codec.dump(p)
    loaded = codec.load(text)
    assert loaded.protocol == p
    assert not [x for x in loaded.problems if "unknown" in x.message.lower()]
    assert codec.load(codec.dump(changed)).protocol == changed

    changes = fielddiff.diff(p, changed)
    assert changes and all(c.section == leaf.part.name for c in changes), changes

    assert merge.merge(p, changed, p).protocol == changed
    assert merge.merge(p, p, changed).protocol == changed

    before = blame.step(None, p, {}, C1)
    after = blame.step(p, changed, before, C2)
    assert [k for k, c in after.items() if c is C2] == [leaf.blame_key()]
    assert blame.label_of(changed, leaf.blame_key())

    said = value.isoformat() if isinstance(value, dt.date) else str(value)
    found = any(said in t for _, t in textparts.parts(p))
    assert found is leaf.field.searched
    assert all(part.label() for part, _ in textparts.parts(p))
