"""The rules of schema 1 (DESIGN.md, "The protocol file"), as a list of problems."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from typing import Any

from brotui.core.codec import PROTOCOL_FIELDS, Parsed, load
from brotui.core.model import PRESENCES, SCHEMA, STATUSES, Protocol, parse_id
from brotui.core.problems import Problem
from brotui.i18n import t

_EMAIL_RE = re.compile(r"[^@\s<>]+@[^@\s<>]+\.[^@\s<>]+")
_ALLOWED_CONTROLS = {"\n", "\t"}


def is_control(char: str) -> bool:
    """A character that a terminal would act on rather than show."""
    return unicodedata.category(char) == "Cc" and char not in _ALLOWED_CONTROLS


def _strings(value: Any, path: str) -> Iterator[tuple[str, str]]:
    """Every (path, string) inside a value, however deep."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _strings(v, f"{path}[{i}]")
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from _strings(v, f"{path}.{k}" if path else str(k))
    elif hasattr(value, "__dataclass_fields__"):
        for name in value.__dataclass_fields__:
            v = getattr(value, name)
            if name == "extra":
                yield from _strings(v, path)
            else:
                yield from _strings(v, f"{path}.{name}" if path else name)


def validate(protocol: Protocol, lines: dict[str, int] | None = None,
             protocol_id: str | None = None) -> list[Problem]:
    """Every broken rule of the schema, with the line of each where it is known."""
    lines = lines or {}
    problems: list[Problem] = []

    def add(path: str, message: str) -> None:
        problems.append(Problem(path, line_of(path, lines), message))

    p = protocol
    if p.schema is None:
        add("schema", t("required", field=t("field_schema")))
    elif p.schema != SCHEMA:
        add("schema", t("schema_unknown", found=p.schema))
    if not (p.council or "").strip():
        add("council", t("required", field=t("field_council")))
    if p.date is None:
        add("date", t("required", field=t("field_date")))
    if p.start and p.end and p.end <= p.start:
        add("end", t("end_before_start", start=p.start, end=p.end))
    if p.status not in STATUSES:
        add("status", t("bad_status", found=p.status))

    names: set[str] = set()
    for i, a in enumerate(p.attendees):
        if not a.name or not a.name.strip():
            add(f"attendees[{i}].name", t("required", field=t("field_name")))
            continue
        if a.name in names:
            add(f"attendees[{i}].name", t("duplicate_attendee", name=a.name))
        names.add(a.name)
        if a.presence not in PRESENCES:
            add(f"attendees[{i}].presence", t("bad_presence", found=a.presence))
    for key in ("chair", "secretary"):
        name = getattr(p, key)
        if name and name not in names:
            add(key, t("not_attendee", name=name))
    for i, name in enumerate(p.adjusters):
        if name not in names:
            add(f"adjusters[{i}]", t("not_attendee", name=name))

    if not p.items:
        add("items", t("no_items"))
    previous: int | None = None
    for i, item in enumerate(p.items):
        if item.number is None:
            add(f"items[{i}].number", t("required", field=t("field_generic", key="number")))
        elif previous is not None and item.number <= previous:
            add(f"items[{i}].number", t("item_order", number=item.number, previous=previous))
        if item.number is not None:
            previous = item.number
        if not (item.title or "").strip() and not (item.text or "").strip():
            add(f"items[{i}]", t("item_empty", number=item.number if item.number is not None
                                 else i + 1))

    for i, meeting in enumerate(p.next_meetings):
        if meeting.date is None:
            add(f"next_meetings[{i}].date", t("required", field=t("field_date")))
        if meeting.start and meeting.end and meeting.end <= meeting.start:
            add(f"next_meetings[{i}].end",
                t("end_before_start", start=meeting.start, end=meeting.end))

    if p.contact and p.contact.email and not _EMAIL_RE.fullmatch(p.contact.email):
        add("contact.email", t("bad_email", found=p.contact.email))

    for path, text in _strings(p, ""):
        bad = next((c for c in text if is_control(c)), None)
        if bad is not None:
            add(path, t("control_char", char=f"U+{ord(bad):04X}"))
        elif "\n" in text and not _multi_line(path):
            add(path, t("one_line", field=path))

    if protocol_id is not None:
        parsed = parse_id(protocol_id)
        if parsed and p.date and parsed[1] != p.date:
            add("date", t("date_mismatch", date=p.date.isoformat(),
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


def _multi_line(path: str) -> bool:
    """Fields where several lines are expected: item texts, decisions, unknown fields."""
    leaf = path.rsplit(".", 1)[-1]
    return leaf == "text" or leaf.startswith("decisions[") or not _is_known(path)


def _is_known(path: str) -> bool:
    spec: Any = PROTOCOL_FIELDS
    for part in re.sub(r"\[\d+\]", "", path).split("."):
        if not isinstance(spec, dict) or part not in spec:
            return False
        spec = spec[part]
        if isinstance(spec, tuple):
            spec = spec[2]
    return True


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
