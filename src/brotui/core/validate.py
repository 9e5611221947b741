"""The rules of schema 1 (docs/architecture.md, "The file format"), as a list of problems."""

from __future__ import annotations

import re
from typing import Any

from brotui.core.codec import Parsed, load
from brotui.core.justering.state import problems as justering_problems
from brotui.core.model import SCHEMA, Protocol, parse_id
from brotui.core.problems import Problem
from brotui.core.schema import Field, extras, objects
from brotui.core.text import CONTROL_RE
from brotui.i18n import Msg

_EMAIL_RE = re.compile(r"[^@\s<>]+@[^@\s<>]+\.[^@\s<>]+")

LETTER_RE = re.compile(r"[a-z]{1,2}")  # an extra item's letter: "17 a"


def is_control(char: str) -> bool:
    """A character that a terminal would act on rather than show."""
    return CONTROL_RE.fullmatch(char) is not None


def _extra_texts(value: Any, path: str) -> list[tuple[str, str]]:
    """Every (path, string) inside the values of keys brotui does not know."""
    if isinstance(value, str):
        return [(path, value)]
    if isinstance(value, list):
        return [x for i, v in enumerate(value) for x in _extra_texts(v, f"{path}[{i}]")]
    if isinstance(value, dict):
        return [x for k, v in value.items() for x in _extra_texts(v, f"{path}.{k}" if path
                                                                  else str(k))]
    return []


def _all_extras(p: Protocol) -> list[tuple[str, str]]:
    return [x for prefix, extra in extras(p) if extra for x in _extra_texts(extra, prefix)]


def _check_text(path: str, f: Field, text: str, out: list[tuple[str, Msg]]) -> None:
    """A control character anywhere, a line break where the field has one line."""
    if not text:
        return
    bad = CONTROL_RE.search(text)
    if bad:
        out.append((path, Msg.of("control_char", char=f"U+{ord(bad.group()):04X}")))
    elif "\n" in text and not f.many_lines:
        out.append((path, Msg.of("one_line", field=path)))


def validate(protocol: Protocol, lines: dict[str, int] | None = None,
             protocol_id: str | None = None) -> list[Problem]:
    """Every broken rule of the schema, with the line of each where it is known."""
    lines = lines or {}
    problems: list[Problem] = []

    def add(path: str, message: Msg) -> None:
        problems.append(Problem(path, line_of(path, lines), message))

    p = protocol
    # What the schema says of each field: required, one of its choices, its text.
    text_problems: list[tuple[str, Msg]] = []  # said after the rules across fields
    for at, part, obj in objects(p):  # schema.walk, without a Slot per field: every
        for f in part.scalars():      # file of `check` and `list` comes through here
            value = getattr(obj, f.key)
            if not value or isinstance(value, int):
                if f.required is not None and (value is None or value == ""):
                    add(f"{at}.{f.key}" if at else f.key, Msg.of("required", field=f.required))
                elif f.choices and value == "":
                    assert f.refusal is not None
                    add(f"{at}.{f.key}" if at else f.key, Msg.of(f.refusal, found=value))
                continue
            if isinstance(value, str):
                if f.required is not None and not value.strip():
                    add(f"{at}.{f.key}" if at else f.key, Msg.of("required", field=f.required))
                elif f.choices and value not in f.values:
                    assert f.refusal is not None
                    add(f"{at}.{f.key}" if at else f.key, Msg.of(f.refusal, found=value))
                if CONTROL_RE.search(value) or ("\n" in value and not f.many_lines):
                    _check_text(f"{at}.{f.key}" if at else f.key, f, value, text_problems)
            elif isinstance(value, list):
                for i, x in enumerate(value):
                    if isinstance(x, str) and (CONTROL_RE.search(x) or (
                            "\n" in x and not f.many_lines)):
                        path = f"{at}.{f.key}" if at else f.key
                        _check_text(f"{path}[{i}]", f, x, text_problems)
    # The rules across fields.
    if p.schema is not None and p.schema != SCHEMA:
        add("schema", Msg.of("schema_unknown", found=p.schema))
    if p.start and p.end and p.end <= p.start:
        add("end", Msg.of("end_before_start", start=p.start, end=p.end))

    names: set[str] = set()
    for i, a in enumerate(p.attendees):
        if not a.name or not a.name.strip():
            continue
        if a.name in names:
            add(f"attendees[{i}].name", Msg.of("duplicate_attendee", name=a.name))
        names.add(a.name)
    for key in ("chair", "secretary"):
        name = getattr(p, key)
        if name and name not in names:
            add(key, Msg.of("not_attendee", name=name))
    for i, name in enumerate(p.adjusters):
        if name not in names:
            add(f"adjusters[{i}]", Msg.of("not_attendee", name=name))

    if not p.items:
        add("items", Msg.of("no_items"))
    previous: tuple[int, str] | None = None
    previous_label = ""
    for i, item in enumerate(p.items):
        letter = item.letter or ""
        if letter and not LETTER_RE.fullmatch(letter):
            add(f"items[{i}].letter", Msg.of("item_letter", letter=letter))
            letter = ""
        if item.number is None:
            pass  # required: said above
        elif item.number < 1:
            add(f"items[{i}].number", Msg.of("item_number_positive", number=item.number))
        elif previous is not None and (item.number, letter) <= previous:
            add(f"items[{i}].number", Msg.of("item_order", number=item.label,
                                             previous=previous_label))
        if item.number is not None:
            previous, previous_label = (item.number, letter), item.label
        if not (item.title or "").strip() and not (item.text or "").strip():
            add(f"items[{i}]", Msg.of("item_empty", number=item.number if item.number is not None
                                 else i + 1))

    for i, meeting in enumerate(p.next_meetings):
        if meeting.start and meeting.end and meeting.end <= meeting.start:
            add(f"next_meetings[{i}].end",
                Msg.of("end_before_start", start=meeting.start, end=meeting.end))

    if p.contact and p.contact.email and not _EMAIL_RE.fullmatch(p.contact.email):
        add("contact.email", Msg.of("bad_email", found=p.contact.email))

    for path, message in text_problems:
        add(path, message)
    for path, text in _all_extras(p):
        bad = CONTROL_RE.search(text)
        if bad:
            add(path, Msg.of("control_char", char=f"U+{ord(bad.group()):04X}"))

    problems += justering_problems(p, lines)
    if protocol_id is not None:
        parsed = parse_id(protocol_id)
        if parsed and p.date and parsed[1] != p.date:
            add("date", Msg.of("date_mismatch", date=p.date.isoformat(),
                          name=protocol_id.rsplit("/", 1)[-1] + ".yaml"))
    return problems


def line_of(path: str, lines: dict[str, int]) -> int | None:
    """The line of a path, or of the nearest enclosing path that has one."""
    while path:
        if path in lines:
            return lines[path]
        cut = max(path.rfind("."), path.rfind("["))
        path = path[:cut] if cut > 0 else ""
    return lines.get("")


def check(data: bytes | str, protocol_id: str | None = None) -> Parsed:
    """Read and validate a file: the protocol and every problem, sorted by line."""
    parsed = load(data)
    if parsed.protocol is not None:
        # A value the reader already refused is not reported again as "missing".
        refused = {p.path for p in parsed.problems if p.is_error}
        parsed.problems.extend(
            p for p in validate(parsed.protocol, parsed.lines, protocol_id)
            if p.path not in refused
        )
    parsed.problems.sort(key=lambda p: (p.line is None, p.line or 0))
    return parsed
