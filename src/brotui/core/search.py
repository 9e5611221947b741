"""Finding words and phrases in the protocols: in the current archive, and through history.

A query is words and "quoted phrases"; a protocol matches when it holds every one
of them, in any letter case (Å and å are the same letter, a and å are not). Each
hit names the protocol, the part it is in, in the domain's words ("§4 text",
"Närvarande: Peter Bragner"), and a few words of context around it.

The searchable text of every protocol at the branch tip is kept in one index
file under the git directory, keyed by blob id (see `Index`), so a search reads
one file and runs one regular expression per term over it, whatever the number
of protocols. A search through history asks git's pickaxe (`git log -S`) for
the commits where the number of matches changed, then reads both versions of
each file to tell whether the phrase came or went.
"""

from __future__ import annotations

import bisect
import json
import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from brotui.core import codec
from brotui.core.errors import EXIT_USAGE, BrotuiError
from brotui.core.model import Protocol, parse_id
from brotui.core.render import NUMBER, TITLE, Line
from brotui.core.text import CONTROL_RE
from brotui.i18n import t

# ------------------------------------------------------------------ folding


def fold(text: str) -> str:
    """`text` in lower case, one character for each character of `text`, so that a
    position in the folded text is the same position in the original."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(low_c if len(low_c := c.lower()) == 1 else c for c in text)


def normal(text: str) -> str:
    """Unicode NFC: `å` typed as a + ring and `å` typed as one letter are the same text."""
    return unicodedata.normalize("NFC", text)


# ------------------------------------------------------------------ the parts of a protocol


@dataclass(frozen=True)
class Part:
    """Where in a protocol a text is: a header field, an attendee, an item's title, text,
    decision or attachments, a next meeting, or the contact."""

    kind: str  # "field" | "attendee" | "item" | "meeting" | "contact"
    key: str = ""  # field name, attendee name, item number, meeting date
    field: str = ""  # of an item: "title" | "text" | "decision" | "attachments"

    def label(self) -> str:
        """The part in the domain's words, in the current language."""
        if self.kind == "field":
            return t(_FIELD_LABELS.get(self.key, "label_other_fields"))
        if self.kind == "attendee":
            return t("search_part_named", label=t("label_attendees"), name=self.key)
        if self.kind == "item":
            return t("search_part_item", number=self.key or "?",
                     what=t(f"search_item_{self.field}"))
        if self.kind == "meeting":
            return t("search_part_named", label=t("label_next_meetings"), name=self.key)
        return t("label_contact")

    def as_json(self) -> dict[str, str]:
        return {"kind": self.kind, "key": self.key, "field": self.field}

    def encode(self) -> str:
        return "\x1f".join(_scrub(x) for x in (self.kind, self.key, self.field))

    @classmethod
    def decode(cls, text: str) -> Part:
        kind, key, field_ = [*text.split("\x1f"), "", ""][:3]
        return cls(kind, key, field_)


_FIELD_LABELS = {"council": "form_council", "date": "form_date", "location": "label_location",
                 "chair": "label_chair", "secretary": "label_secretary",
                 "adjusters": "label_adjusters"}


def _joined(*values: str | None) -> str:
    return ", ".join(v for v in values if v)


def parts(p: Protocol) -> list[tuple[Part, str]]:
    """Every searchable text of a protocol with the part it belongs to, in reading order."""
    out: list[tuple[Part, str]] = []

    def add(part: Part, text: str | None) -> None:
        if text:
            out.append((part, normal(text)))

    add(Part("field", "council"), p.council)
    add(Part("field", "date"), p.date.isoformat() if p.date else None)
    for key in ("location", "chair", "secretary"):
        add(Part("field", key), getattr(p, key))
    add(Part("field", "adjusters"), ", ".join(a for a in p.adjusters if a))
    for a in p.attendees:
        add(Part("attendee", normal(a.name or "")), _joined(a.name, a.role, a.organisation, a.note))
    for item in p.items:
        number = "" if item.number is None else str(item.number)
        add(Part("item", number, "title"), item.title)
        add(Part("item", number, "text"), item.text)
        for decision in item.decisions:
            add(Part("item", number, "decision"), decision)
        add(Part("item", number, "attachments"), ", ".join(a for a in item.attachments if a))
    for m in p.next_meetings:
        date = m.date.isoformat() if m.date else ""
        add(Part("meeting", date), _joined(date, m.location))
    if p.contact:
        c = p.contact
        add(Part("contact"), _joined(c.name, c.phone, c.email))
    return out


def matches(text: str, query: str) -> bool:
    """Every word of the query occurs in the text (case-folded, as the browser's filter is)."""
    return all(word in text for word in normal(query).casefold().split())


# ------------------------------------------------------------------ queries


class EmptyQuery(BrotuiError):
    """A search for nothing: a usage error."""

    exit_code = EXIT_USAGE


# Between the words of a phrase: any run of spaces, tabs, line breaks or no-break spaces.
_GAP = "[ \t\n\r\f\v\u00a0]+"
_GAP_BYTES = rb"(?:[ \t\n\r\f\v]|\xc2\xa0)+"
_QUOTED = re.compile(r'"([^"]*)"?|(\S+)')


@dataclass(frozen=True)
class Query:
    """Words and phrases, each a tuple of folded words; a protocol must hold them all."""

    terms: tuple[tuple[str, ...], ...]

    @classmethod
    def parse(cls, text: str) -> Query:
        """`polisen "lokala brå"`: words, and phrases in double quotes."""
        terms = []
        for m in _QUOTED.finditer(_clean(text)):
            words = tuple((m.group(1) if m.group(1) is not None else m.group(2)).split())
            if words:
                terms.append(words)
        return cls(tuple(dict.fromkeys(terms)))

    @classmethod
    def from_args(cls, args: Sequence[str]) -> Query:
        """Command-line words: each argument is a word, or a phrase if it holds a space
        (the shell kept it together); quotes inside an argument work as in `parse`."""
        terms: list[tuple[str, ...]] = []
        for arg in args:
            if '"' in arg:
                terms += cls.parse(arg).terms
            elif words := tuple(_clean(arg).split()):
                terms.append(words)
        return cls(tuple(dict.fromkeys(terms)))

    def __bool__(self) -> bool:
        return bool(self.terms)

    def __str__(self) -> str:
        return " ".join(" ".join(w) if len(w) == 1 else f'"{" ".join(w)}"' for w in self.terms)

    def patterns(self) -> list[re.Pattern[str]]:
        """One regular expression per term, over folded text."""
        return [re.compile(_GAP.join(re.escape(w) for w in term)) for term in self.terms]

    def byte_patterns(self) -> list[re.Pattern[bytes]]:
        """The same, over folded text encoded as UTF-8."""
        return [re.compile(_GAP_BYTES.join(re.escape(w.encode()) for w in term))
                for term in self.terms]

    def pickaxe(self) -> str:
        """A POSIX extended regular expression for `git log -S --pickaxe-regex` matching
        any term in any letter case, byte by byte (git runs it in the C locale, where
        only ASCII letters have cases): `Övrigt` becomes `(ö|Ö)[vV][rR][iI][gG][tT]`."""
        alternatives = []
        for term in self.terms:
            alternatives.append("[[:space:]]+".join("".join(_any_case(c) for c in word)
                                                    for word in term))
        return "|".join(alternatives)

    def require(self) -> Query:
        """The query, or a refusal if it has no words."""
        if not self:
            raise EmptyQuery(t("search_empty"))
        return self


def _clean(text: str) -> str:
    """Query text folded and normalised, control characters dropped."""
    return fold(normal(CONTROL_RE.sub("", text)))


def _any_case(char: str) -> str:
    variants = sorted({char, char.lower(), char.upper()} - {""})
    variants = [v for v in variants if len(v) == 1] or [char]
    if len(variants) == 1:
        return re.sub(r"([.\[\]()*+?{}|^$\\])", r"\\\1", char)
    if all(v.isascii() for v in variants):
        return "[" + "".join(variants) + "]"
    return "(" + "|".join(variants) + ")"


# ------------------------------------------------------------------ hits

CONTEXT_WORDS = 6  # words shown before and after a match
CONTEXT_CHARS = 50  # at most this many characters on each side
CLUSTER_CHARS = 80  # matches this close together share one snippet


@dataclass(frozen=True)
class Hit:
    """One place a query matched: the protocol, the part, and a snippet of the text
    around it in which `spans` (start, end) are the matched characters."""

    id: str
    part: Part
    snippet: str
    spans: tuple[tuple[int, int], ...]
    offset: int = 0  # where the first match is in the part's whole text

    def pieces(self) -> list[tuple[str, bool]]:
        """The snippet cut into (text, is_a_match) pieces, for a renderer to mark."""
        out, pos = [], 0
        for start, end in self.spans:
            if start > pos:
                out.append((self.snippet[pos:start], False))
            out.append((self.snippet[start:end], True))
            pos = end
        if pos < len(self.snippet):
            out.append((self.snippet[pos:], False))
        return out

    def as_json(self) -> dict[str, Any]:
        return {"id": self.id, "part": self.part.label(), "where": self.part.as_json(),
                "snippet": self.snippet, "matches": [list(s) for s in self.spans]}


def find_spans(folded: str, patterns: list[re.Pattern[str]]) -> list[tuple[int, int]]:
    """Every match of any pattern in a folded text, in order, overlapping ones merged."""
    found = sorted((m.start(), m.end()) for rx in patterns for m in rx.finditer(folded)
                   if m.end() > m.start())
    merged: list[tuple[int, int]] = []
    for start, end in found:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def part_hits(protocol_id: str, part: Part, text: str,
              spans: list[tuple[int, int]]) -> list[Hit]:
    """The hits of one part: matches close together share a snippet."""
    hits = []
    cluster: list[tuple[int, int]] = []
    for span in spans:
        if cluster and span[1] - cluster[0][0] > CLUSTER_CHARS:
            hits.append(_hit(protocol_id, part, text, cluster))
            cluster = []
        cluster.append(span)
    if cluster:
        hits.append(_hit(protocol_id, part, text, cluster))
    return hits


_WORD = re.compile(r"\S+")
_RUN = re.compile(r"\s{2,}|[^\S ]")  # what is not one plain space


def _hit(protocol_id: str, part: Part, text: str, spans: list[tuple[int, int]]) -> Hit:
    start, end = spans[0][0], spans[-1][1]
    low = max(0, start - CONTEXT_CHARS)
    starts = [m.start() for m in _WORD.finditer(text, low, start)]
    if low > 0 and starts and starts[0] == low and not text[low - 1].isspace():
        starts.pop(0)  # a word cut by the character limit
    a = starts[-CONTEXT_WORDS:][0] if starts else start
    high = min(len(text), end + CONTEXT_CHARS)
    ends = [m.end() for m in _WORD.finditer(text, end, high)]
    if high < len(text) and ends and ends[-1] == high and not text[high].isspace():
        ends.pop()
    b = ends[:CONTEXT_WORDS][-1] if ends else end
    prefix = "… " if text[:a].strip() else ""
    suffix = " …" if text[b:].strip() else ""
    # Runs of white space (line breaks in a long text) become one space.
    segment, snippet, removed = text[a:b], [prefix], [(0, 0)]
    pos = 0
    for m in _RUN.finditer(segment):
        snippet += [segment[pos:m.start()], " "]
        removed.append((m.end(), removed[-1][1] + m.end() - m.start() - 1))
        pos = m.end()
    snippet += [segment[pos:], suffix]

    def where(i: int) -> int:
        at = i - a
        return at + len(prefix) - removed[bisect.bisect_right(removed, (at, 1 << 62)) - 1][1]

    return Hit(protocol_id, part, "".join(snippet),
               tuple((where(s), where(e)) for s, e in spans), start)


def locate(lines: list[Line], part: Part, query: Query) -> int:
    """The line of rendered minutes (brotui.core.render.minutes) where a hit in `part`
    is: the first line from the part's start on that holds a match, else its start."""
    texts = ["".join(span for _, span in line) for line in lines]
    if part.kind == "item":
        start = (NUMBER, f"{part.key}. " if part.key else "- ")
        anchor = next((i for i, line in enumerate(lines) if line[:1] == [start]), 0)
    elif part.kind == "attendee":
        anchor = next((i for i, text in enumerate(texts)
                       if text.startswith(f"  {part.key} ")), 0)
    elif part.kind in ("meeting", "contact"):
        title = (TITLE, t("label_next_meetings" if part.kind == "meeting" else "label_contact"))
        anchor = next((i for i, line in enumerate(lines) if line[:1] == [title]), 0)
    else:
        anchor = 0
    patterns = query.patterns()
    for i in range(anchor, len(texts)):
        folded = fold(normal(texts[i]))
        if any(rx.search(folded) for rx in patterns):
            return i
    return anchor


# ------------------------------------------------------------------ the index

INDEX_FILE = "search-index"
# Separators in the index: between protocols, between keys and texts, between parts.
# No term can hold them (queries drop control characters) and a phrase's gap never
# matches them, so no match runs from one part or protocol into the next.
_END, _KEYS, _NEXT = "\x00", "\x01", "\x02"
_SEPARATORS = re.compile("[\x00-\x02\x1f]")


def _scrub(text: str) -> str:
    return _SEPARATORS.sub("\ufffd", text)


@dataclass
class Index:
    """The searchable text of many blobs, read from one file.

    The file is a JSON header line (version, blob ids, offsets) and two bodies: the
    folded texts (searched as bytes, all protocols at once) and the original texts
    with each part's key (read only for the protocols that matched)."""

    version: str
    oids: list[str] = field(default_factory=list)
    folded: bytes | memoryview = b""  # per blob: folded texts joined by _NEXT, then _END
    original: bytes | memoryview = b""  # per blob: keys joined by _NEXT, _KEYS, texts
    folded_at: list[int] = field(default_factory=lambda: [0])
    original_at: list[int] = field(default_factory=lambda: [0])

    def __post_init__(self) -> None:
        self.position = {oid: i for i, oid in enumerate(self.oids)}

    @classmethod
    def read(cls, path: Path, version: str) -> Index:
        """The index in a file, or an empty one if it is missing, unreadable or old."""
        try:
            data = path.read_bytes()
            head, _, body = data.partition(b"\n")
            header = json.loads(head)
            if header.get("version") != version:
                return cls(version)
            folded_at, original_at = header["folded"], header["original"]
            split = folded_at[-1]
            if len(body) != split + original_at[-1]:
                return cls(version)
            view = memoryview(body)
            return cls(version, header["oids"], view[:split], view[split:], folded_at,
                       original_at)
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return cls(version)

    def to_bytes(self) -> bytes:
        """The index as its file holds it."""
        header = json.dumps({"version": self.version, "oids": self.oids,
                             "folded": self.folded_at, "original": self.original_at})
        return b"".join([header.encode(), b"\n", self.folded, self.original])

    def has(self, oid: str) -> bool:
        return oid in self.position

    def rebuilt(self, oids: Iterable[str], texts: dict[str, list[tuple[Part, str]]]) -> Index:
        """A new index of exactly `oids`: their records kept from this one, or made from
        `texts` (blob id -> the parts of its protocol; missing: nothing to find)."""
        folded, original = bytearray(), bytearray()
        folded_at, original_at, kept = [0], [0], []
        for oid in dict.fromkeys(oids):
            if oid in self.position:
                i = self.position[oid]
                folded += self.folded[self.folded_at[i]:self.folded_at[i + 1]]
                original += self.original[self.original_at[i]:self.original_at[i + 1]]
            else:
                found = texts.get(oid, [])
                clean = [(part.encode(), _scrub(text)) for part, text in found]
                folded += (_NEXT.join(fold(text) for _, text in clean) + _END).encode()
                original += (_NEXT.join(key for key, _ in clean) + _KEYS
                             + _NEXT.join(text for _, text in clean)).encode()
            kept.append(oid)
            folded_at.append(len(folded))
            original_at.append(len(original))
        return Index(self.version, kept, bytes(folded), bytes(original), folded_at, original_at)

    def record(self, oid: str) -> tuple[list[str], str, str]:
        """A blob's part keys (see Part.encode), and its texts and their folded forms,
        each joined by _NEXT: the same length, a position in one is one in the other."""
        i = self.position[oid]
        folded = str(self.folded[self.folded_at[i]:self.folded_at[i + 1]], "utf-8")[:-1]
        record = str(self.original[self.original_at[i]:self.original_at[i + 1]], "utf-8")
        keys, _, texts = record.partition(_KEYS)
        return (keys.split(_NEXT) if keys else []), texts, folded

    def haystack(self, oid: str) -> str:
        """The folded words of a blob's protocol, one part a line (the browser's filter)."""
        i = self.position.get(oid)
        if i is None:
            return ""
        return self.record(oid)[2].replace(_NEXT, "\n")

    def candidates(self, query: Query) -> set[str]:
        """The blobs whose text holds every term of the query."""
        found: set[int] | None = None
        end = self.folded_at[-1]
        for rx in query.byte_patterns():
            hits = set()
            starts = self.folded_at
            pos = 0
            while True:
                m = rx.search(self.folded, pos, end)
                if m is None:
                    break
                i = bisect.bisect_right(starts, m.start()) - 1
                hits.add(i)
                pos = starts[i + 1]  # one match is enough: go on with the next protocol
            found = hits if found is None else found & hits
            if not found:
                return set()
        return {self.oids[i] for i in found or ()}


def search(index: Index, files: list[tuple[str, str]], query: Query) -> list[Hit]:
    """Every hit of a query in the protocols `files` lists as (id, blob id), newest first."""
    wanted = index.candidates(query)
    if not wanted:
        return []
    patterns = query.patterns()
    chosen = sorted(((pid, oid) for pid, oid in files if oid in wanted),
                    key=lambda file: newest_first(file[0]), reverse=True)
    hits = []
    for protocol_id, oid in chosen:
        keys, texts, folded = index.record(oid)
        spans = find_spans(folded, patterns)
        if not spans:
            continue
        starts = [0]
        for _ in keys[1:]:
            starts.append(folded.index(_NEXT, starts[-1]) + 1)
        by_part: dict[int, list[tuple[int, int]]] = {}
        for start, end in spans:
            i = bisect.bisect_right(starts, start) - 1
            by_part.setdefault(i, []).append((start - starts[i], end - starts[i]))
        for i, local in by_part.items():
            end = starts[i + 1] - 1 if i + 1 < len(starts) else len(texts)
            hits += part_hits(protocol_id, Part.decode(keys[i]), texts[starts[i]:end], local)
    return hits


def newest_first(protocol_id: str) -> tuple[str, str]:
    """A sort key that puts protocols in the list's order when sorted in reverse."""
    parsed = parse_id(protocol_id)
    return (parsed[1].isoformat() if parsed else "", protocol_id)


def contains(texts: list[str], query: Query) -> int:
    """How many matches some texts hold together, 0 unless they hold every term."""
    folded = [fold(text) for text in texts]
    counts = [sum(len(rx.findall(text)) for text in folded) for rx in query.patterns()]
    return sum(counts) if all(counts) else 0


def count_in_file(data: bytes, query: Query) -> int:
    """How many matches a protocol file holds, in its parts (or, if it cannot be read
    as a protocol, in its raw text); 0 unless it holds every term."""
    raw = normal(data.decode("utf-8", "replace"))
    if not contains([raw], query):
        return 0  # what the file does not say anywhere, no part of it says
    protocol = codec.load(data).protocol
    if protocol is None:
        return contains([raw], query)
    return contains([text for _, text in parts(protocol)], query)


# ------------------------------------------------------------------ through history


@dataclass(frozen=True)
class Change:
    """One commit that made a protocol hold the query (added), stop holding it
    (removed), or hold it more or fewer times."""

    commit: Any  # brotui.core.archive.Commit
    kind: str  # "added" | "removed" | "more" | "fewer"
    before: int  # matches in the version before the commit
    after: int  # and in the commit's own
    old_blob: str | None = None  # the file before the commit (None: it did not exist)
    new_blob: str | None = None  # and at the commit (None: the commit deleted it)

    def label(self) -> str:
        return t(f"search_change_{self.kind}")


@dataclass
class Trail:
    """What history says of a query in one protocol: its changes, oldest first, and
    whether the protocol holds it now."""

    id: str
    changes: list[Change]
    present: bool

    def as_json(self) -> dict[str, Any]:
        return {"id": self.id, "present": self.present, "changes": [
            {"change": c.kind, "commit": c.commit.oid, "author": c.commit.author,
             "email": c.commit.email, "time": c.commit.time, "subject": c.commit.subject,
             "before": c.before, "after": c.after, "old_blob": c.old_blob,
             "new_blob": c.new_blob} for c in self.changes]}


def classify(before: int, after: int) -> str | None:
    """What a commit did to a protocol's matches (counts from `contains`)."""
    if before == after:
        return None
    if not before:
        return "added"
    if not after:
        return "removed"
    return "more" if after > before else "fewer"


def pickaxe_records(out: bytes) -> Iterator[tuple[list[str], list[tuple[str, str, str]]]]:
    """The commits of `git log --raw --no-abbrev -z --format=%x01...`: the format's
    fields, and (old blob, new blob, path) of each file the pickaxe kept."""
    for record in out.split(b"\x01"):
        if not record:
            continue
        fields_ = record.split(b"\0")
        head = [f.decode("utf-8", "replace") for f in fields_[:5]]
        files = []
        rest = fields_[5:]
        for meta, path in zip(rest[0::2], rest[1::2], strict=False):
            meta_ = meta.strip().decode()
            if not meta_.startswith(":"):
                continue
            _, _, old, new, _ = meta_[1:].split(" ", 4)
            files.append((old, new, path.decode("utf-8", "surrogateescape")))
        yield head, files
