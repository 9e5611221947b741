"""Every schema rule, reported with its YAML path, its line and a sentence people understand."""

from __future__ import annotations

import pytest

from brotui import i18n
from brotui.core.validate import check

GOOD = """\
schema: 1
council: Testrådet
date: 2021-03-04
start: "15:00"
end: "17:00"
chair: Anna
attendees:
- name: Anna
  role: Ordförande
- name: Bertil
items:
- number: 1
  title: Öppnande
"""


def problems(text: str, protocol_id: str | None = "test/2021-03-04") -> list[tuple[str, int]]:
    return [(p.path, p.line) for p in check(text, protocol_id).problems if p.is_error]


def only(text: str, protocol_id: str | None = "test/2021-03-04") -> tuple[str, int, str]:
    found = [p for p in check(text, protocol_id).problems if p.is_error]
    assert len(found) == 1, found
    return found[0].path, found[0].line, found[0].message  # type: ignore[return-value]


def test_a_good_protocol_has_no_problems() -> None:
    assert check(GOOD, "test/2021-03-04").problems == []


@pytest.mark.parametrize(("old", "new", "path", "line", "words"), [
    ("schema: 1\n", "schema: 2\n", "schema", 1, "schema version 2"),
    ("schema: 1\n", "", "schema", 1, "schema version (schema) is missing"),
    ("council: Testrådet\n", "council: ''\n", "council", 2, "council's name"),
    ("date: 2021-03-04\n", "date: tomorrow\n", "date", 3, "YYYY-MM-DD"),
    ("date: 2021-03-04\n", "date: 2021-02-30\n", "date", 3, "2021-02-30"),
    ("date: 2021-03-04\n", "date: 2021-03-05\n", "date", 3, "does not match the file name"),
    ('start: "15:00"\n', "start: 15:00\n", "start", 4, "number 900"),
    ('start: "15:00"\n', 'start: "3 pm"\n', "start", 4, "HH:MM"),
    ('end: "17:00"\n', 'end: "14:00"\n', "end", 5, "not after the start"),
    ("chair: Anna\n", "chair: Cecilia\n", "chair", 6, "Cecilia is not among the attendees"),
    ("chair: Anna\n", "chair: Anna\nstatus: final\n", "status", 7, "draft or approved"),
    ("- name: Bertil\n", "- name: Anna\n", "attendees[1].name", 10, "appears twice"),
    ("- name: Bertil\n", "- name: Bertil\n  presence: sick\n", "attendees[1].presence", 11,
     "present, excused, absent or adjunct"),
    ("- name: Bertil\n", "- role: Sekreterare\n", "attendees[1].name", 10, "name (name)"),
    ("  title: Öppnande\n", "  title: Öppnande\n- number: 1\n  title: Igen\n",
     "items[1].number", 14, "must increase"),
    ("  title: Öppnande\n", "  title: ''\n", "items[0]", 12, "neither a title nor a text"),
    ("items:\n- number: 1\n  title: Öppnande\n", "items: []\n", "items", 11, "at least one"),
    ("  title: Öppnande\n", "  title: Öppnande\n  decisions: Ja\n", "items[0].decisions", 14,
     "list"),
    ("  title: Öppnande\n", '  title: "Öpp\\nnande"\n', "items[0].title", 13, "single line"),
    ("council: Testrådet\n", 'council: "Test\\e[31mrådet"\n', "council", 2, "U+001B"),
    ("council: Testrådet\n", 'council: "x\\e]52;c;aGk=\\a"\n', "council", 2, "control"),
    ("chair: Anna\n", "chair: Anna\nadjusters: [Anna, Doris]\n", "adjusters[1]", 7, "Doris"),
    ("- number: 1\n", "- number: -5\n", "items[0].number", 12, "1 or more, not -5"),
    ("- number: 1\n", "- number: 0\n", "items[0].number", 12, "1 or more, not 0"),
    # Fullwidth digits read like 15:00 and 2021: only ASCII digits make a time or a date.
    ('start: "15:00"\n', 'start: "1\uff15:00"\n', "start", 4, "HH:MM"),
    ('end: "17:00"\n', 'end: "1\u0667:00"\n', "end", 5, "HH:MM"),  # ARABIC-INDIC SEVEN
])
def test_each_rule_names_the_path_the_line_and_the_problem(
        old: str, new: str, path: str, line: int, words: str) -> None:
    assert old in GOOD
    found_path, found_line, message = only(GOOD.replace(old, new, 1))
    assert (found_path, found_line) == (path, line)
    assert words in message


def test_contact_and_next_meetings_are_checked() -> None:
    text = GOOD + ("next_meetings:\n- start: \"10:00\"\n  end: \"09:00\"\n"
                   "contact:\n  name: Anna\n  phone: 070123456\n  email: anna-at-example\n")
    assert problems(text) == [
        ("next_meetings[0].date", 15), ("next_meetings[0].end", 16),
        ("contact.phone", 19), ("contact.email", 20),
    ]


def test_wrong_shapes_are_named() -> None:
    path, line, message = only(GOOD.replace("attendees:\n", "attendees: Anna och Bertil\n")
                               .replace("- name: Anna\n  role: Ordförande\n- name: Bertil\n", "")
                               .replace("chair: Anna\n", ""))
    assert (path, line) == ("attendees", 6) and "list" in message
    assert problems("- a\n- b\n") == [("", 1)]


def test_messages_are_swedish_in_swedish() -> None:
    i18n.set_language("sv")
    _, _, message = only(GOOD.replace('start: "15:00"', "start: 15:00"))
    assert message == ('Tiden 15:00 måste stå inom citattecken: "15:00". '
                       "Utan dem läser YAML den som talet 900.")


def test_a_byte_order_mark_is_an_error_on_line_one_and_the_rest_is_read() -> None:
    """An invisible BOM is named (a save drops it), so the file is never silently different
    from what brotui would write; everything after it is read as usual."""
    parsed = check(b"\xef\xbb\xbf" + GOOD.encode(), "test/2021-03-04")
    assert not parsed.ok
    assert [(p.line, p.severity) for p in parsed.problems] == [(1, "error")]
    assert "byte-order mark" in parsed.problems[0].message
    assert parsed.protocol == check(GOOD, "test/2021-03-04").protocol


def test_a_file_just_over_the_limit_says_sizes_that_differ() -> None:
    """1,004,903 bytes against 1,000,000 read "1.0 MB, at most 1.0 MB": no reason at all."""
    (problem,) = check(b"council: " + b"x" * (1_004_903 - 9)).problems
    assert "1.005 MB; a protocol may be at most 1.000 MB" in problem.message
    (problem,) = check(b"x" * 1_000_001).problems
    assert "1,000,001 bytes; a protocol may be at most 1,000,000 bytes" in problem.message
    i18n.set_language("sv")
    (problem,) = check(b"x" * 1_000_001).problems
    assert "1\u00a0000\u00a0001 byte; ett protokoll får vara högst 1\u00a0000\u00a0000 byte" \
        in problem.message
    (problem,) = check(b"x" * 50_000_000).problems
    assert "50,0 MB; ett protokoll får vara högst 1,0 MB" in problem.message


def test_only_ascii_digits_make_a_period() -> None:
    from brotui.core.errors import BrotuiError
    from brotui.core.period import parse_period

    assert parse_period("2020-02")[0] is not None
    for look_alike in ("\u0662\u0660\u0662\u0660", "2020-0\uff12", "2020..2\uff10\uff12\uff11"):
        with pytest.raises(BrotuiError):
            parse_period(look_alike)


def test_ids_are_ascii_and_short_enough_for_every_file_system() -> None:
    from brotui.core.model import MAX_SLUG, id_problem, parse_id

    assert parse_id("a/2020-02-20-999") is not None
    assert parse_id("a/2020-02-20-1000") is None
    assert parse_id("a/2020-02-20-1\u0660") is None
    assert parse_id("a" * MAX_SLUG + "/2020-02-20") is not None
    assert parse_id("a" * (MAX_SLUG + 1) + "/2020-02-20") is None
    assert "at most 80" in (id_problem("a" * 300 + "/2020-02-20") or "")
    assert "not a protocol id" in (id_problem("a/2020-02-20-1\uff10") or "")


def test_a_999th_meeting_on_one_day_is_the_last() -> None:
    import datetime as dt

    from brotui.core.errors import BrotuiError
    from brotui.core.new import free_id

    day = dt.date(2020, 2, 20)
    taken = ["a/2020-02-20", *(f"a/2020-02-20-{n}" for n in range(2, 999))]
    assert free_id(taken, "a", day) == "a/2020-02-20-999"
    with pytest.raises(BrotuiError, match="999"):
        free_id([*taken, "a/2020-02-20-999"], "a", day)


def test_an_empty_status_or_presence_is_refused_not_passed() -> None:
    """An empty choice is not one of the choices (the schema's walk must not skip it)."""
    import datetime as dt

    from brotui.core.model import Attendee, Item, Protocol
    from brotui.core.validate import validate

    p = Protocol(council="Råd", date=dt.date(2020, 1, 1), status="",
                 attendees=[Attendee(name="A", presence="")], items=[Item(1, "x")])
    paths = {x.path for x in validate(p)}
    assert {"status", "attendees[0].presence"} <= paths
