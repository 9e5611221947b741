"""Canonical YAML: what a file written by brotui looks like, and that nothing is lost."""

from __future__ import annotations

import copy
import datetime as dt
import difflib

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from brotui.core import codec, schema
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

# Strings YAML 1.1 would read as something else, or that mean something at the start of
# a line, or that Textual would read as markup: each must come back as the same text.
_TRICKY = ["070123456", "+46701234567", "08-123 45 67", "0812345", "15:00", "12:30:45", "1:2",
           "2020-02-20", "2020-02-30", "2020-02-20T10:00", "2020-02-20 10:00:00",
           "yes", "No", "ON", "off", "y", "n", "true", "False", "~", "null", "NULL", "",
           " ", "\t", "0x1F", "0o17", "0b101", "1e3", ".inf", "-.5", ".NaN", "1_000", "+1",
           "00", "09", "1.", "-0", "- x", "-", "# x", "x #y", "a: b", "a:b", "? x", "!x",
           "!!str x", "&a", "*a", "|", ">-", "%x", "@x", "`x", '"', "'", "\\", "{a}",
           "[a]", ",", "[bold]x[/]", "[@click=app.quit]q[/]", "---", "...", "<<", "=",
           "e\u0301", "\U0001F600", "a\u2028b", "\u00a0x", "x\u00a0", "\u200b", "a\u0085b",
           "\x1b[31m", "\x9b", "\r", "a\r\nb"]
_free = st.text(st.characters(blacklist_categories=("Cs",)), max_size=30)
_text = st.one_of(_free, st.sampled_from(_TRICKY),
                  st.builds(str.__add__, st.sampled_from(_TRICKY), _free),
                  st.builds(str.__add__, _free, st.sampled_from(_TRICKY)))
_ends = st.sampled_from(["", " ", "  ", "\t", " \t", "\t "])
# Multi-line text as people write it: lines with trailing spaces or tabs, blank lines,
# indented lines, leading and trailing line breaks.
_multiline = st.builds(
    lambda before, lines, after: before + "\n".join(lines) + after,
    st.sampled_from(["", "\n", "  ", "\t", "\n\n"]),
    st.lists(st.builds(str.__add__, _text, _ends), min_size=1, max_size=5),
    st.sampled_from(["", "\n", "\n\n", " ", "\n "]),
)
_any_text = _text | _multiline
_time = st.builds(lambda h, m: f"{h:02d}:{m:02d}", st.integers(0, 23), st.integers(0, 59))
_maybe = st.none() | _any_text
_key = st.one_of(st.text(st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp")),
                         min_size=1, max_size=10),
                 st.sampled_from([k for k in _TRICKY if k and not codec.CONTROL_RE.search(k)]))
# What a key brotui does not know may hold: any plain YAML value, nested.
_value = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.dates()
    | _any_text,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(_key, inner, max_size=3),
    max_leaves=8)


def _extra(part: schema.Part) -> st.SearchStrategy[dict[str, object]]:
    known = {f.key for f in part.fields}
    return st.dictionaries(_key.filter(lambda k: k not in known), _value, max_size=3)


@st.composite
def protocols(draw: st.DrawFn) -> Protocol:
    return Protocol(
        council=draw(_any_text),
        date=draw(st.dates()),
        start=draw(st.none() | _time),
        end=draw(st.none() | _time),
        location=draw(_maybe),
        status=draw(st.sampled_from(["draft", "approved"]) | _text),
        chair=draw(_maybe),
        secretary=draw(_maybe),
        adjusters=draw(st.lists(_any_text, max_size=2)),
        attendees=draw(st.lists(st.builds(
            Attendee, name=_any_text, role=_maybe, organisation=_maybe,
            presence=st.sampled_from(["present", "excused", "absent", "adjunct"]) | _text,
            note=_maybe, extra=_extra(schema.ATTENDEE)), max_size=3)),
        items=draw(st.lists(st.builds(
            Item, number=st.integers(-10, 10**12), title=_maybe, text=_maybe,
            decisions=st.lists(_any_text, max_size=2), attachments=st.lists(_any_text, max_size=2),
            extra=_extra(schema.ITEM)), max_size=3)),
        next_meetings=draw(st.lists(st.builds(
            Meeting, date=st.dates(), start=st.none() | _time, end=st.none() | _time,
            location=_maybe, extra=_extra(schema.MEETING)), max_size=2)),
        contact=draw(st.none() | st.builds(Contact, name=_maybe, phone=_maybe, email=_maybe,
                                           extra=_extra(schema.CONTACT))),
        extra=draw(_extra(schema.PROTOCOL)),
    )


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(protocols())
def test_any_protocol_survives_dump_and_load_exactly(protocol: Protocol) -> None:
    """Every field, extra keys at every level, any Unicode, text with trailing spaces
    and tabs, strings that look like numbers, dates, yes/no or times: what is dumped
    loads back as the same protocol, and dumps again to the same bytes."""
    text = codec.dump(protocol)
    parsed = codec.load(text)
    assert [p for p in parsed.problems if p.is_error] == [], text
    assert parsed.protocol == protocol, text
    assert codec.dump(parsed.protocol) == text  # type: ignore[arg-type]
