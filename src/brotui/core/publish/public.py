"""The public copy: the same minutes with what is not for publication masked.

The mark. Text in any field of a protocol is marked as not for publication by
writing it between `[[dolt:` and `]]` ("dolt" is Swedish for hidden):

    text: |-
      Grannar på [[dolt: Storgatan 5, 3 tr]] har anmält skadegörelse.

`[[hidden: …]]` is the same mark, for archives kept in English; the keyword is
read in any letter case and spaces may stand around it (`[[ Dolt : …]]`). The
mark is plain text: YAML keeps it as it is (a value that starts with it is
quoted on save), `git diff` shows it as the words it is, and a merge treats it
as any other text. Two square brackets followed by the keyword and a colon do
not occur in minutes by accident. A mark may span lines and paragraphs; marks
do not nest (the first `]]` closes the mark). A mark that is opened and never
closed is not guessed at: the public copy is refused until it is closed.

An attendee is not to be named with `public: false` in their entry:

    attendees:
    - name: Anna Ek
      role: Boende
      public: false

In the public copy that attendee's name is masked, and so is every other
occurrence of the same full name in the minutes (as chair, adjuster, in an
item's text, as a signer), in any letter case. A first name alone, or a name
spelt another way, is not found: mark it.

`public_view()` makes the public copy as a new Protocol (the full one is never
changed): every marked span and every name not to be named becomes "[maskerat]"
("[redacted]" in English), and keys brotui does not know are left out, since
nothing shows them to a reader and they may hold anything. `find_leaks()` lists
what would still be published that should not be: each Swedish personal
identity number that is not masked (brotui.core.publish.idnumber) and each mark
never closed, with the part of the minutes ("§6 text") and the line.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace

from brotui.core.errors import BrotuiError
from brotui.core.model import Attendee, Protocol
from brotui.core.problems import Problem
from brotui.core.publish.catalogue import MESSAGES, label
from brotui.core.publish.idnumber import find_identity_numbers
from brotui.core.publish.record import Correction, Signature

MARK_RE = re.compile(r"\[\[[ \t]*(?:dolt|hidden)[ \t]*:[ \t]?(.*?)\]\]", re.IGNORECASE | re.DOTALL)
OPEN_RE = re.compile(r"\[\[[ \t]*(?:dolt|hidden)[ \t]*:", re.IGNORECASE)
_NOT_PUBLIC = {"false", "no", "nej", "0", "off"}
_INVISIBLE_RE = re.compile("[\u00ad\u200b-\u200d\u2060\ufeff]")


def split_marks(text: str) -> list[tuple[bool, str]]:
    """`text` as pieces (marked, text): the marks' contents without the brackets."""
    out: list[tuple[bool, str]] = []
    pos = 0
    for m in MARK_RE.finditer(text):
        if m.start() > pos:
            out.append((False, text[pos:m.start()]))
        out.append((True, m[1]))
        pos = m.end()
    if pos < len(text):
        out.append((False, text[pos:]))
    return out


def is_named(attendee: Attendee) -> bool:
    """False for an attendee whose entry says `public: false` (or no, nej, 0)."""
    value = attendee.extra.get("public", True)
    if isinstance(value, str):
        return value.strip().lower() not in _NOT_PUBLIC
    return value is not False and value != 0


# ------------------------------------------------------------------ every text of the minutes

Texts = Callable[[str, str], str]


def _walk_list(values: Sequence[str], path: str, fn: Texts) -> list[str]:
    return [fn(f"{path}[{i}]", v) for i, v in enumerate(values)]


def _opt(value: str | None, path: str, fn: Texts) -> str | None:
    return None if value is None else fn(path, value)


def walk(p: Protocol, fn: Texts) -> Protocol:
    """A copy of `p` with every text a reader sees replaced by `fn(path, text)`, the path
    being the field's YAML path (`items[5].text`). Keys brotui does not know are copied."""
    q = copy.copy(p)
    for key in ("council", "location", "chair", "secretary"):
        setattr(q, key, _opt(getattr(p, key), key, fn))
    q.adjusters = _walk_list(p.adjusters, "adjusters", fn)
    q.attendees = [replace(a, name=_opt(a.name, f"attendees[{i}].name", fn),
                           role=_opt(a.role, f"attendees[{i}].role", fn),
                           organisation=_opt(a.organisation, f"attendees[{i}].organisation", fn),
                           note=_opt(a.note, f"attendees[{i}].note", fn))
                   for i, a in enumerate(p.attendees)]
    q.items = [replace(x, title=_opt(x.title, f"items[{i}].title", fn),
                       text=_opt(x.text, f"items[{i}].text", fn),
                       decisions=_walk_list(x.decisions, f"items[{i}].decisions", fn),
                       attachments=_walk_list(x.attachments, f"items[{i}].attachments", fn))
               for i, x in enumerate(p.items)]
    q.next_meetings = [replace(m, location=_opt(m.location, f"next_meetings[{i}].location", fn))
                       for i, m in enumerate(p.next_meetings)]
    if p.contact:
        q.contact = replace(p.contact, name=_opt(p.contact.name, "contact.name", fn),
                            phone=_opt(p.contact.phone, "contact.phone", fn),
                            email=_opt(p.contact.email, "contact.email", fn))
    return q


def walk_record(signatures: Sequence[Signature], corrections: Sequence[Correction],
                fn: Texts) -> tuple[tuple[Signature, ...], tuple[Correction, ...]]:
    """The signatures and corrections with each text replaced by `fn(path, text)`."""
    sigs = tuple(replace(s, name=fn(f"signatures[{i}].name", s.name),
                         role=fn(f"signatures[{i}].role", s.role))
                 for i, s in enumerate(signatures))
    corrs = tuple(replace(c, who=fn(f"corrections[{i}].who", c.who),
                          reason=fn(f"corrections[{i}].reason", c.reason),
                          summary=fn(f"corrections[{i}].summary", c.summary))
                  for i, c in enumerate(corrections))
    return sigs, corrs


# ------------------------------------------------------------------ the public copy


def _masker(p: Protocol, lang: str | None) -> Texts:
    mask = label("pub_masked", lang)
    names = sorted({a.name.strip() for a in p.attendees if a.name and a.name.strip()
                    and not is_named(a)}, key=len, reverse=True)
    name_re = (re.compile("(?<!\\w)(?:" + "|".join(re.escape(n) for n in names) + ")(?!\\w)",
                          re.IGNORECASE) if names else None)

    def fn(_path: str, text: str) -> str:
        text = MARK_RE.sub(mask, text)
        return name_re.sub(mask, text) if name_re else text

    return fn


def public_view(p: Protocol, lang: str | None = None) -> Protocol:
    """The public copy of `p`: marked text and the names of attendees not to be named
    replaced by "[maskerat]" ("[redacted]"), unknown keys left out. `p` is not changed."""
    q = walk(p, _masker(p, lang))
    q.extra = {}
    q.justering, q.corrections, q.signatures = None, [], []  # shown masked: public_record
    q.attendees = [replace(a, extra={"public": False} if not is_named(a) else {})
                   for a in q.attendees]
    q.items = [replace(x, extra={}) for x in q.items]
    q.next_meetings = [replace(m, extra={}) for m in q.next_meetings]
    if q.contact:
        q.contact = replace(q.contact, extra={})
    return q


def public_record(p: Protocol, signatures: Sequence[Signature],
                  corrections: Sequence[Correction], lang: str | None = None
                  ) -> tuple[tuple[Signature, ...], tuple[Correction, ...]]:
    """The signatures and corrections as the public copy of `p` shows them."""
    return walk_record(signatures, corrections, _masker(p, lang))


# ------------------------------------------------------------------ what would leak

_PATH_RE = re.compile(r"(?P<list>[a-z_]+)(?:\[(?P<i>\d+)\])?(?:\.(?P<field>[a-z_]+))?"
                      r"(?:\[(?P<j>\d+)\])?")


def part_label(p: Protocol, path: str, lang: str | None = None) -> str:
    """A YAML path as people name the part: `items[5].text` is "§6 text",
    `attendees[2].role` "Närvarande 3: roll"."""
    m = _PATH_RE.fullmatch(path)
    if not m:
        return path
    kind, field, i, j = m["list"], m["field"], m["i"], m["j"]
    n = int(i) + 1 if i is not None else 0

    def what(key: str) -> str:
        return label(f"pub_field_{key}", lang) if f"pub_field_{key}" in MESSAGES else key

    if kind == "items" and i is not None:
        number = p.items[int(i)].number if int(i) < len(p.items) else None
        if field == "decisions":
            part = label("pub_part_decision", lang, n=int(j or 0) + 1)
        elif field == "attachments":
            part = label("pub_part_attachment", lang, n=int(j or 0) + 1)
        else:
            part = label(f"pub_part_{field}", lang) if field in ("title", "text") else str(field)
        return label("pub_part_item", lang, number="?" if number is None else number, what=part)
    if kind == "attendees":
        return label("pub_part_attendee", lang, n=n, what=what(field or "name"))
    if kind == "next_meetings":
        return label("pub_part_meeting", lang, n=n, what=what(field or "location"))
    if kind == "contact":
        return label("pub_part_contact", lang, what=what(field or "name"))
    if kind == "signatures":
        return label("pub_part_signature", lang, n=n, what=what(field or "name"))
    if kind == "corrections":
        return label("pub_part_correction", lang, n=n, what=what(field or "summary"))
    if kind == "location":
        return label("pub_field_place", lang)
    return what(kind)


IDENTITY_NUMBER, UNCLOSED_MARK = "identity_number", "unclosed_mark"


@dataclass(frozen=True)
class Leak:
    """One thing a public copy would publish that it must not: an identity number not
    masked, or a mark never closed. `path` is the YAML path (`items[5].text`), `where`
    the part as people name it ("§6 text"), `line` and `column` count within that
    field's text (from 1), `file_line` the line in the protocol's file where known."""

    kind: str
    path: str
    where: str
    line: int
    column: int
    shown: str
    file_line: int | None = None

    def message(self, lang: str | None = None) -> str:
        line = label("pub_line", lang, line=self.line)
        if self.kind == IDENTITY_NUMBER:
            return label("pub_leak_number", lang, where=self.where, line=line, number=self.shown)
        return label("pub_leak_unclosed", lang, where=self.where, line=line)

    def problem(self, lang: str | None = None) -> Problem:
        """As a Problem (path, line in the file, sentence), as `brotui check` lists them."""
        return Problem.sentence(self.path, self.file_line, self.message(lang))


class PublicCopyRefused(BrotuiError):
    """A public copy was asked for while something in it would leak: `leaks` lists each."""

    def __init__(self, leaks: list[Leak], lang: str | None = None) -> None:
        lines = [label("pub_refused", lang, count=len(leaks))]
        lines += [f"  {leak.message(lang)}" for leak in leaks]
        super().__init__("\n".join(lines), [leak.problem(lang) for leak in leaks])
        self.leaks = leaks


def _file_line(lines: dict[str, int] | None, path: str, text: str, line: int) -> int | None:
    """The line in a canonical file: a multi-line text is a literal block below its key."""
    if not lines or path not in lines:
        return None
    return lines[path] + (line if "\n" in text else 0)


def _scan(view: Protocol, texts: Iterator[tuple[str, str]], lines: dict[str, int] | None,
          lang: str | None) -> list[Leak]:
    leaks: list[Leak] = []
    for path, raw in texts:
        # Invisible characters (a zero-width space, a soft hyphen) inside a number do not
        # hide it from a reader, so they do not hide it from the scan either.
        text = _INVISIBLE_RE.sub("", raw)
        found = [(IDENTITY_NUMBER, n.start, n.hidden) for n in find_identity_numbers(text)]
        found += [(UNCLOSED_MARK, m.start(), m.group()) for m in OPEN_RE.finditer(text)]
        for kind, start, shown in sorted(found, key=lambda f: f[1]):
            line = text.count("\n", 0, start) + 1
            column = start - (text.rfind("\n", 0, start) + 1) + 1
            leaks.append(Leak(kind, path, part_label(view, path, lang), line, column, shown,
                              _file_line(lines, path, text, line)))
    return leaks


def find_leaks(p: Protocol, signatures: Sequence[Signature] = (),
               corrections: Sequence[Correction] = (), lines: dict[str, int] | None = None,
               lang: str | None = None) -> list[Leak]:
    """What the public copy of `p` would still publish that it must not, in reading order.
    `lines` (codec.Parsed.lines) gives each leak its line in the file."""
    view = public_view(p, lang)
    sigs, corrs = public_record(p, signatures, corrections, lang)
    seen: list[tuple[str, str]] = []

    def collect(path: str, text: str) -> str:
        seen.append((path, text))
        return text

    walk(view, collect)
    walk_record(sigs, corrs, collect)
    return _scan(view, iter(seen), lines, lang)


def check_public(p: Protocol, signatures: Sequence[Signature] = (),
                 corrections: Sequence[Correction] = (), lines: dict[str, int] | None = None,
                 lang: str | None = None) -> None:
    """Raise PublicCopyRefused, listing every leak, unless the public copy is clean."""
    leaks = find_leaks(p, signatures, corrections, lines, lang)
    if leaks:
        raise PublicCopyRefused(leaks, lang)
