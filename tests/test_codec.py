"""Canonical YAML: what a file written by brotui looks like, and that nothing is lost."""

from __future__ import annotations

import copy
import datetime as dt
import difflib

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from brotui.core import codec
from brotui.core.model import Attendee, Contact, Item, Meeting, Protocol


def seed(seed_bytes: bytes) -> Protocol:
    parsed = codec.load(seed_bytes)
    assert parsed.problems == []
    assert parsed.protocol is not None
    return parsed.protocol


def test_seed_file_is_canonical_and_round_trips_byte_for_byte(seed_bytes: bytes) -> None:
    protocol = seed(seed_bytes)
    text = codec.dump(protocol)
    assert text.encode("utf-8") == seed_bytes
    assert codec.load(text).protocol == protocol
    assert codec.dump(codec.load(text).protocol) == text  # type: ignore[arg-type]


def test_swedish_letters_are_written_as_themselves(seed_bytes: bytes) -> None:
    text = codec.dump(seed(seed_bytes))
    assert "council: Hägersten-Liljeholmens lokala brottsförebyggande råd\n" in text
    assert "Älvsjö" in text and "Övrigt" in text
    assert "\\x" not in text and "\\u" not in text


def test_times_are_always_double_quoted() -> None:
    p = Protocol(council="Råd", date=dt.date(2021, 3, 4), start="08:30", end="15:00",
                 items=[Item(number=1, title="x")],
                 next_meetings=[Meeting(date=dt.date(2021, 5, 6), start="09:00")])
    text = codec.dump(p)
    assert 'start: "08:30"' in text and 'end: "15:00"' in text
    assert '  start: "09:00"' in text
    assert codec.load(text).protocol == p


def test_strings_that_yaml_would_read_as_something_else_are_quoted() -> None:
    tricky = ["070123456", "yes", "no", "on", "2020-02-20", "1.5", "~", "null", "", "12:30",
              "0x1F", "1e3", "+1"]
    p = Protocol(council="Råd", date=dt.date(2021, 3, 4), items=[Item(number=1, title="x")],
                 attendees=[Attendee(name="A", role=s) for s in ["A", *tricky]][:1],
                 extra={f"k{i}": s for i, s in enumerate(tricky)},
                 contact=Contact(name="K", phone="070123456"))
    text = codec.dump(p)
    assert 'phone: "070123456"' in text
    back = codec.load(text)
    assert back.protocol == p
    assert all(isinstance(v, str) for v in back.protocol.extra.values())  # type: ignore[union-attr]


def test_multi_line_text_is_a_literal_block(seed_bytes: bytes) -> None:
    text = codec.dump(seed(seed_bytes))
    assert "  text: |-\n    Se bifogat bildspel\n\n    Tidigare prioriteringar" in text


def test_editing_one_sentence_changes_one_line_in_the_diff(seed_bytes: bytes) -> None:
    before = seed(seed_bytes)
    after = copy.deepcopy(before)
    after.items[3].text = after.items[3].text.replace("kvarstår fram tills", "gäller fram till")
    old, new = codec.dump(before).splitlines(), codec.dump(after).splitlines()
    changed = [line for line in difflib.unified_diff(old, new, lineterm="", n=0)
               if line[:1] in "+-" and not line.startswith(("+++", "---"))]
    assert len(changed) == 2
    assert changed[0].startswith("-") and changed[1].startswith("+")
    assert "gäller fram till" in changed[1]


def test_unknown_keys_survive_and_are_reported_as_warnings(seed_bytes: bytes) -> None:
    text = seed_bytes.decode().replace(
        "chair: Abit Dundar\n", "chair: Abit Dundar\nprotokollförare: Clas Cederlid\n"
    ).replace("  role: Kommunpolis\n", "  role: Kommunpolis\n  telefon: 114 14\n")
    parsed = codec.load(text)
    warnings = [p for p in parsed.problems if not p.is_error]
    assert {(w.path, w.line) for w in warnings} == {
        ("protokollförare", 9), ("attendees[1].telefon", 15)}
    assert all("keeps it" in w.message for w in warnings)
    out = codec.dump(parsed.protocol)  # type: ignore[arg-type]
    assert "protokollförare: Clas Cederlid\n" in out
    assert "  telefon: 114 14\n" in out
    assert codec.load(out).protocol == parsed.protocol


def test_anchors_aliases_and_an_alias_bomb_are_refused() -> None:
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, "
        f"*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
        for i in range(8))
    for text, line in ((bomb, 1), ("council: &c Råd\nlocation: *c\n", 1),
                       ("council: x\nlocation: &only Plats\n", 2)):
        parsed = codec.load(text)
        assert parsed.protocol is None
        assert [(p.line, p.is_error) for p in parsed.problems] == [(line, True)]
        assert "Anchors and aliases" in parsed.problems[0].message


def test_duplicate_keys_are_refused_with_both_lines() -> None:
    parsed = codec.load("schema: 1\ncouncil: A\ndate: 2020-01-01\ncouncil: B\n")
    (problem,) = [p for p in parsed.problems if p.is_error]
    assert (problem.path, problem.line) == ("council", 4)
    assert "twice" in problem.message and "line 2" in problem.message


def test_oversized_binary_and_non_utf8_files_are_refused() -> None:
    big = codec.load(b"council: " + b"x" * (codec.MAX_BYTES + 1))
    assert big.protocol is None and "at most" in big.problems[0].message
    binary = codec.load(b"schema: 1\ncouncil: a\x00b\n")
    assert binary.protocol is None and binary.problems[0].line == 2
    latin1 = codec.load("schema: 1\ncouncil: Hägersten\n".encode("latin-1"))
    assert latin1.protocol is None and latin1.problems[0].line == 2
    assert "UTF-8" in latin1.problems[0].message


def test_python_tags_are_refused_not_executed() -> None:
    parsed = codec.load("schema: 1\ncouncil: !!python/object/apply:os.system ['true']\n")
    assert any(p.is_error and p.line == 2 and "tag" in p.message for p in parsed.problems)


# ------------------------------------------------------------ property tests

_text = st.text(st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp")), max_size=40)
_multiline = st.lists(_text, min_size=1, max_size=4).map("\n".join)
_time = st.builds(lambda h, m: f"{h:02d}:{m:02d}", st.integers(0, 23), st.integers(0, 59))
_maybe = st.none() | _text


@st.composite
def protocols(draw: st.DrawFn) -> Protocol:
    return Protocol(
        council=draw(_text),
        date=draw(st.dates()),
        start=draw(st.none() | _time),
        end=draw(st.none() | _time),
        location=draw(_maybe),
        status=draw(st.sampled_from(["draft", "approved"])),
        chair=draw(_maybe),
        adjusters=draw(st.lists(_text, max_size=2)),
        attendees=draw(st.lists(st.builds(
            Attendee, name=_text, role=_maybe, organisation=_maybe,
            presence=st.sampled_from(["present", "excused", "absent", "adjunct"]), note=_maybe),
            max_size=3)),
        items=draw(st.lists(st.builds(
            Item, number=st.integers(0, 10**6), title=_maybe, text=st.none() | _multiline,
            decisions=st.lists(_multiline, max_size=2), attachments=st.lists(_text, max_size=2)),
            max_size=3)),
        next_meetings=draw(st.lists(st.builds(Meeting, date=st.dates(), start=_time,
                                              location=_maybe), max_size=2)),
        contact=draw(st.none() | st.builds(Contact, name=_maybe, phone=_maybe, email=_maybe)),
        extra=draw(st.dictionaries(st.text("abcxyzåäö_", min_size=1, max_size=8)
                                   .filter(lambda k: k not in codec.PROTOCOL_FIELDS),
                                   _text | st.integers() | st.lists(_text, max_size=2),
                                   max_size=2)),
    )


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(protocols())
def test_any_protocol_survives_dump_and_load_exactly(protocol: Protocol) -> None:
    text = codec.dump(protocol)
    parsed = codec.load(text)
    assert parsed.protocol == protocol, text
    assert codec.dump(parsed.protocol) == text  # type: ignore[arg-type]

