"""Three-way merge on the model: two people's edits of the same version."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from brotui.core import codec
from brotui.core.merge import merge, resolve
from brotui.core.model import Attendee, Item, Protocol
from tests.test_codec import protocols
from tests.test_fielddiff import edit, seed


def person(p: Protocol, name: str) -> Attendee:
    return next(a for a in p.attendees if a.name == name)


def test_different_fields_merge_into_both(seed_bytes: bytes) -> None:
    base = seed(seed_bytes)
    mine = edit(base, lambda p: setattr(person(p, "Martin Hämmerli"), "role", "Polis"))
    theirs = edit(base, lambda p: setattr(p.items[1], "text", "Ny text."))
    for a, b in ((mine, theirs), (theirs, mine)):
        merged = merge(base, a, b)
        assert merged.clean
        assert person(merged.protocol, "Martin Hämmerli").role == "Polis"
        assert merged.protocol.items[1].text == "Ny text."
        assert codec.dump(merged.protocol) == codec.dump(merge(base, b, a).protocol)


def test_the_same_field_changed_differently_is_a_conflict(seed_bytes: bytes) -> None:
    base = seed(seed_bytes)
    mine = edit(base, lambda p: setattr(person(p, "Martin Hämmerli"), "role", "Polis"))
    theirs = edit(base, lambda p: setattr(person(p, "Martin Hämmerli"), "role", "Kommissarie"))
    merged = merge(base, mine, theirs)
    [conflict] = merged.conflicts
    assert (conflict.base, conflict.mine, conflict.theirs) == ("Kommunpolis", "Polis",
                                                               "Kommissarie")
    assert conflict.label == "Attendees: Martin Hämmerli, role"
    assert conflict.is_text
    assert person(merged.protocol, "Martin Hämmerli").role == "Polis"  # mine until chosen
    chosen = resolve(merged, {0: "Kommissarie"})
    assert person(chosen, "Martin Hämmerli").role == "Kommissarie"
    edited = resolve(merged, {0: "Polis och kommissarie"})
    assert person(edited, "Martin Hämmerli").role == "Polis och kommissarie"


def test_the_same_change_on_both_sides_is_no_conflict(seed_bytes: bytes) -> None:
    base = seed(seed_bytes)
    change = lambda p: setattr(p, "location", "Älvsjö")  # noqa: E731
    merged = merge(base, edit(base, change), edit(base, change))
    assert merged.clean and merged.protocol.location == "Älvsjö"


def test_additions_on_both_sides_keep_their_places(seed_bytes: bytes) -> None:
    base = seed(seed_bytes)
    mine = edit(base, lambda p: p.attendees.insert(1, Attendee(name="Anna Ek")))
    theirs = edit(base, lambda p: p.attendees.append(Attendee(name="Bo Berg")))
    merged = merge(base, mine, theirs)
    assert merged.clean
    names = [a.name for a in merged.protocol.attendees]
    assert names[:3] == ["Abit Dundar", "Anna Ek", "Martin Hämmerli"]
    assert names[-1] == "Bo Berg" and len(names) == len(base.attendees) + 2


def test_items_added_by_both_with_the_same_number_conflict(seed_bytes: bytes) -> None:
    base = seed(seed_bytes)
    mine = edit(base, lambda p: p.items.append(Item(number=8, title="Mitt")))
    theirs = edit(base, lambda p: p.items.append(Item(number=8, title="Ditt")))
    merged = merge(base, mine, theirs)
    assert [(c.label, c.base, c.mine, c.theirs) for c in merged.conflicts] == [
        ("§8 title", None, "Mitt", "Ditt")]


def test_removed_on_one_side_changed_on_the_other_is_a_conflict(seed_bytes: bytes) -> None:
    base = seed(seed_bytes)
    removed = edit(base, lambda p: p.attendees.remove(person(p, "Toni Mellblom")))
    changed = edit(base, lambda p: setattr(person(p, "Toni Mellblom"), "role", "Chef"))
    merged = merge(base, removed, changed)
    [conflict] = merged.conflicts
    assert conflict.mine is None and conflict.theirs.role == "Chef"
    assert "Toni Mellblom" not in [a.name for a in merged.protocol.attendees]
    back = resolve(merged, {0: conflict.theirs})
    assert person(back, "Toni Mellblom").role == "Chef"
    merged = merge(base, changed, removed)
    [conflict] = merged.conflicts
    assert person(merged.protocol, "Toni Mellblom").role == "Chef"
    gone = resolve(merged, {0: None})
    assert "Toni Mellblom" not in [a.name for a in gone.attendees]
    # Removed on one side and untouched on the other: simply removed.
    assert merge(base, removed, base).protocol.attendees == removed.attendees


def test_their_reordering_survives_my_field_edit(seed_bytes: bytes) -> None:
    base = seed(seed_bytes)
    theirs = edit(base, lambda p: p.attendees.reverse())
    mine = edit(base, lambda p: setattr(person(p, "Abit Dundar"), "note", "t.o.m. punkt 5"))
    merged = merge(base, mine, theirs)
    assert merged.clean
    assert [a.name for a in merged.protocol.attendees] == [a.name for a in theirs.attendees]
    assert person(merged.protocol, "Abit Dundar").note == "t.o.m. punkt 5"


# ------------------------------------------------------------------ properties


def valid(p: Protocol) -> Protocol:
    """Items numbered in order and attendees with distinct names, as validation demands."""
    p.items.sort(key=lambda i: i.number or 0)
    for n, item in enumerate(p.items, 1):
        item.number = n
    seen: set[str | None] = set()
    p.attendees = [a for a in p.attendees if not (a.name in seen or seen.add(a.name))]
    return p


@settings(max_examples=150, deadline=None)
@given(protocols().map(valid), protocols().map(valid))
def test_merging_without_a_concurrent_change_is_the_identity(base: Protocol,
                                                            other: Protocol) -> None:
    assert merge(base, other, base).protocol == other
    assert merge(base, base, other).protocol == other
    assert merge(base, other, base).clean and merge(base, base, other).clean


FIELDS = ["location", "chair", "secretary", "start", "end", "status"]


@settings(max_examples=150, deadline=None)
@given(protocols().map(valid), st.sampled_from(FIELDS), st.sampled_from(FIELDS),
       st.text(min_size=1, max_size=10), st.text(min_size=1, max_size=10))
def test_two_edits_to_different_fields_both_land_in_either_order(
        base: Protocol, f1: str, f2: str, v1: str, v2: str) -> None:
    if f1 == f2:
        return
    mine = edit(base, lambda p: setattr(p, f1, v1))
    theirs = edit(base, lambda p: setattr(p, f2, v2))
    for a, b in ((mine, theirs), (theirs, mine)):
        merged = merge(base, a, b)
        assert merged.clean
        assert getattr(merged.protocol, f1) == v1 and getattr(merged.protocol, f2) == v2
    assert merge(base, mine, theirs).protocol == merge(base, theirs, mine).protocol


@settings(max_examples=100, deadline=None)
@given(protocols().map(valid), st.data())
def test_two_attendees_edited_apart_both_land(base: Protocol, data: st.DataObject) -> None:
    if len(base.attendees) < 2:
        return
    x, y = data.draw(st.lists(st.integers(0, len(base.attendees) - 1), min_size=2,
                              max_size=2, unique=True))
    mine = edit(base, lambda p: setattr(p.attendees[x], "role", "Ny roll X"))
    theirs = edit(base, lambda p: setattr(p.attendees[y], "role", "Ny roll Y"))
    for a, b in ((mine, theirs), (theirs, mine)):
        merged = merge(base, a, b)
        assert merged.clean
        roles = {at.name: at.role for at in merged.protocol.attendees}
        assert roles[base.attendees[x].name] == "Ny roll X"
        assert roles[base.attendees[y].name] == "Ny roll Y"


def test_a_conflict_is_named_in_the_language_it_is_shown_in(seed_bytes: bytes) -> None:
    """A merge made while one language is read (a sync in the background, say) names
    its conflicts in the language of whoever looks at them: the conflict keeps where it
    is, not a sentence."""
    from brotui.i18n import set_language

    base = seed(seed_bytes)
    mine = edit(base, lambda p: setattr(person(p, "Martin Hämmerli"), "role", "Polis"))
    theirs = edit(base, lambda p: setattr(person(p, "Martin Hämmerli"), "role", "Kommissarie"))
    set_language("en")
    try:
        [conflict] = merge(base, mine, theirs).conflicts
        set_language("sv")
        assert conflict.label == "Närvarande: Martin Hämmerli, roll"
    finally:
        set_language("en")
    assert conflict.label == "Attendees: Martin Hämmerli, role"
