"""A person from a line or a table row: name, role, organisation, presence, note."""

from __future__ import annotations

import re
from dataclasses import dataclass

from brotui.core.importing import grammar as g
from brotui.core.importing.parse_base import _fold


@dataclass
class _Person:
    name: str
    role: str | None = None
    organisation: str | None = None
    presence: str | None = None
    note: str | None = None


def _person(cells: tuple[str, ...], header: dict[int, str] | None
            ) -> tuple[_Person | None, list[str]]:
    """A person from a line or a table row: name first, then role, organisation,
    presence and note. Also the words that said the presence (left out)."""
    used: list[str] = []
    if len(cells) > 1:
        values: dict[str, list[str]] = {}
        for i, cell in enumerate(cells):
            if not cell:
                continue
            key = header.get(i) if header else None
            if key is None:
                key = ("name", "role", "organisation", "note")[min(i, 3)]
                if key in ("role", "organisation") or i >= 2:
                    presence = g.presence_word(cell)
                    if presence is not None:
                        values.setdefault("presence", []).append(presence)
                        used.append(cell)
                        continue
                    if g.NOTE_RE.match(cell) and re.search(r"\d|§", cell):
                        key = "note"
                    elif key == "role" and g.org_like(cell) and not g.role_like(cell) and (
                            len(cells) == 2 or g.role_like(cells[2])):
                        key = "organisation"  # "Anna Berg | Polisen", "Ek | Polisen | kommunpolis"
                    elif key == "organisation" and "organisation" in values:
                        key = "role"
            if key == "presence":
                presence = g.presence_word(cell)
                if presence is None and _fold(cell) in ("ja", "yes", "x", "✓", "närvarande"):
                    presence = g.PRESENT
                elif presence is None and _fold(cell) in ("nej", "no", "–", "-"):
                    presence = g.ABSENT
                if presence is not None:
                    values.setdefault("presence", []).append(presence)
                    used.append(cell)
                    continue
                key = "note"
            values.setdefault(key, []).append(cell)
        name = " ".join(values.get("name", []))
        if not name:
            return None, []
        person, inner_used = _person_text(name)
        if person is None:
            return None, []
        used += inner_used
        if values.get("role"):
            person.role = ", ".join(x for x in [person.role, *values["role"]] if x)
        if values.get("organisation"):
            person.organisation = ", ".join(
                x for x in [person.organisation, *values["organisation"]] if x)
        if values.get("note"):
            person.note = ", ".join(x for x in [person.note, *values["note"]] if x)
        if values.get("presence"):
            person.presence = values["presence"][0]
        return person, used
    return _person_text(cells[0])


_PAREN_RE = re.compile(r"\s*\(([^()]*)\)")


def _person_text(text: str) -> tuple[_Person | None, list[str]]:
    """ "Per Holm (S), ordförande, t.o.m. § 5", "Anna Berg – rektor, Mälarhöjdens skola"."""
    used: list[str] = []
    notes: list[str] = []
    orgs: list[str] = []
    presence: str | None = None
    roles: list[str] = []

    def inner(m: re.Match[str]) -> str:
        nonlocal presence
        content = m[1].strip()
        if not content:
            return " "
        word = g.presence_word(content)
        if word is not None:
            presence = word
            used.append(content)
        elif g.NOTE_RE.match(content) or re.search(r"§|\bpunkt|\bitem", content, re.I):
            notes.append(content)
        elif g.PARTY_RE.fullmatch(m.group().strip()) or g.org_like(content):
            orgs.append(content)
        elif g.role_like(content):
            roles.append(content)
        else:
            orgs.append(content)
        return " "

    rest = _PAREN_RE.sub(inner, text)
    parts = [x.strip() for x in re.split(r"\t+|\s+[–—-]\s+|,\s*|;\s*|:\s+| {3,}", rest)
             if x.strip()]
    if not parts:
        return None, []
    name = parts[0]
    tail = parts[1:]
    if not g.is_name(name):
        tokens = name.split()
        found = None
        for n in range(min(5, len(tokens) - 1), 1, -1):
            if (g.is_name(" ".join(tokens[:n])) and tokens[n][:1].islower()) or (
                    g.is_name(" ".join(tokens[:n])) and g.NOTE_RE.match(" ".join(tokens[n:]))):
                found = n
                break
        if found is None:
            return None, []
        tail = [" ".join(tokens[found:]), *tail]
        name = " ".join(tokens[:found])
    for part in tail:
        word = g.presence_word(part)
        if word is not None:
            presence = word
            used.append(part)
        elif g.NOTE_RE.match(part) and (re.search(r"\d|§", part) or len(part.split()) <= 4) \
                and not g.role_like(part):
            notes.append(part)
        elif g.org_like(part) and not g.role_like(part):
            orgs.append(part)
        elif not roles or (g.role_like(part) and not orgs):
            roles.append(part)
        else:
            orgs.append(part)
    person = _Person(name, ", ".join(roles) or None, ", ".join(orgs) or None, presence,
                     ", ".join(notes) or None)
    return person, used
