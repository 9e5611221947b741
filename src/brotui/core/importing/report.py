"""What an import found, where, and what it left out: the report beside the protocol.

Nothing is guessed silently. Each field the import filled is a `Finding` with the
place in the source it came from; each piece of the source that is not in the
protocol as written (a heading such as "Närvarande:", a date written out in words
that became `2020-02-20`) is a `LeftOut` with its reason; each choice a reader
could question (a year taken from the meeting's date, a line read as text and not
as a title) is a `Note`. `account` checks the whole: every word of the source is
in the protocol or in a `LeftOut`; a word that is in neither is `unaccounted`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from brotui.core.importing.blocks import Block, Place
from brotui.core.importing.grammar import WORD_RE, words
from brotui.core.importing.messages import msg
from brotui.core.model import Protocol
from brotui.core.problems import Problem


@dataclass(frozen=True)
class Finding:
    """A field the import filled: its path as the validator names it (`council`,
    `attendees[2]`, `items[3].decisions[0]`), the value as text, where it stood and
    the source text it was read from."""

    field: str
    value: str
    place: Place | None
    source: str

    def as_json(self, lang: str | None = None) -> dict[str, Any]:
        return {"field": self.field, "value": self.value,
                "where": self.place.as_json() if self.place else None,
                "where_text": self.place.label(lang) if self.place else None,
                "source": self.source}


@dataclass(frozen=True)
class LeftOut:
    """Source text that is not in the protocol as written, and why (a message id and
    its values: "used as structure", "read as the date 2020-02-20")."""

    place: Place | None
    text: str
    reason: str
    values: tuple[tuple[str, object], ...] = ()

    def reason_text(self, lang: str | None = None) -> str:
        return msg(self.reason, lang, **dict(self.values))

    def as_json(self, lang: str | None = None) -> dict[str, Any]:
        return {"text": self.text, "where": self.place.as_json() if self.place else None,
                "where_text": self.place.label(lang) if self.place else None,
                "reason": self.reason, "reason_text": self.reason_text(lang)}


@dataclass(frozen=True)
class Note:
    """A choice the import made that a person should be able to check."""

    place: Place | None
    key: str
    values: tuple[tuple[str, object], ...] = ()

    def text(self, lang: str | None = None) -> str:
        return msg(self.key, lang, **dict(self.values))

    def as_json(self, lang: str | None = None) -> dict[str, Any]:
        return {"where": self.place.as_json() if self.place else None,
                "where_text": self.place.label(lang) if self.place else None,
                "key": self.key, "message": self.text(lang)}


@dataclass(frozen=True)
class Unaccounted:
    """A word of the source found neither in the protocol nor among the left-out text."""

    place: Place
    word: str


@dataclass
class Report:
    """Everything said about one import. `kind` is text, markdown, docx, odt or pdf;
    `problems` are the validator's findings on the imported protocol (its YAML paths,
    no lines: the YAML is not written yet)."""

    source: str
    kind: str
    size: int
    sha256: str
    found: list[Finding] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    left_out: list[LeftOut] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    unaccounted: list[Unaccounted] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    protocol_id: str | None = None

    @property
    def ok(self) -> bool:
        """Nothing unaccounted and no error from the validator: ready to save."""
        return not self.unaccounted and not any(p.is_error for p in self.problems)

    def finding(self, field_path: str) -> Finding | None:
        return next((f for f in self.found if f.field == field_path), None)

    def as_json(self, lang: str | None = None) -> dict[str, Any]:
        return {
            "source": self.source, "kind": self.kind, "size": self.size,
            "sha256": self.sha256, "id": self.protocol_id,
            "found": [f.as_json(lang) for f in self.found],
            "missing": list(self.missing),
            "left_out": [x.as_json(lang) for x in self.left_out],
            "notes": [n.as_json(lang) for n in self.notes],
            "unaccounted": [{"word": u.word, "where": u.place.as_json(),
                             "where_text": u.place.label(lang)} for u in self.unaccounted],
            "problems": [p.as_json() for p in self.problems],
        }

    def lines(self, lang: str | None = None) -> list[str]:
        """The report as lines for people: found, notes, left out, problems."""
        out = [msg("report_head", lang, source=self.source, kind=self.kind)]
        for f in self.found:
            where = f.place.label(lang) if f.place else "–"
            out.append(f"  {f.field}: {f.value}  ({where})")
        if self.missing:
            out.append(msg("report_missing", lang, fields=", ".join(self.missing)))
        for n in self.notes:
            where = f"{n.place.label(lang)}: " if n.place else ""
            out.append(f"  {msg('report_note', lang)}: {where}{n.text(lang)}")
        for x in self.left_out:
            where = f"{x.place.label(lang)}: " if x.place else ""
            out.append(f"  {msg('report_left_out', lang)}: {where}{x.text!r} – "
                       f"{x.reason_text(lang)}")
        for u in self.unaccounted:
            where = u.place.label(lang)
            out.append(f"  {msg('report_unaccounted', lang, word=u.word, where=where)}")
        for p in self.problems:
            out.append(f"  {p.format()}")
        return out


def protocol_words(protocol: Protocol) -> Counter[str]:
    """Every word the protocol holds in its text fields (and the items' numbers)."""
    texts: list[str | None] = [protocol.council, protocol.location, protocol.chair,
                               protocol.secretary, *protocol.adjusters]
    for a in protocol.attendees:
        texts += [a.name, a.role, a.organisation, a.note]
    for item in protocol.items:
        texts += [str(item.number) if item.number is not None else None, item.title, item.text,
                  *item.decisions, *item.attachments]
    for m in protocol.next_meetings:
        texts.append(m.location)
    if protocol.contact:
        texts += [protocol.contact.name, protocol.contact.phone, protocol.contact.email]
    pool: Counter[str] = Counter()
    for text in texts:
        if text:
            pool.update(words(text))
    return pool


def account(blocks: list[Block], protocol: Protocol,
            left_out: list[LeftOut]) -> list[Unaccounted]:
    """The words of the source that are neither in the protocol nor left out with a
    reason. Counted as multisets: a word written twice in the source must be there twice
    (in the protocol, or once there and once left out)."""
    pool = protocol_words(protocol)
    for x in left_out:
        pool.update(words(x.text))
    missing: list[Unaccounted] = []
    for block in blocks:
        for word in words(block.text):
            if pool[word] > 0:
                pool[word] -= 1
            else:
                missing.append(Unaccounted(block.place, word))
    return missing


def residue(text: str, carried: Sequence[str | None]) -> str:
    """The parts of `text` whose words are not among `carried` (the values taken from
    it), as written, runs of them joined by " … ": what a block leaves out."""
    supply: Counter[str] = Counter()
    for value in carried:
        if value:
            supply.update(words(value))
    spans: list[tuple[int, int]] = []
    for m in WORD_RE.finditer(text):
        w = words(m.group())
        key = w[0] if w else ""
        if supply[key] > 0:
            supply[key] -= 1
            continue
        if spans and _only_punctuation(text[spans[-1][1]:m.start()]):
            spans[-1] = (spans[-1][0], m.end())
        else:
            spans.append((m.start(), m.end()))
    return " … ".join(text[s:e] for s, e in spans)


def _only_punctuation(text: str) -> bool:
    return not WORD_RE.search(text)
