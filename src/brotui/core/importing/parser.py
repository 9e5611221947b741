"""Blocks to a protocol: the grammar of minutes applied in one pass, in order.

The parser walks the blocks once. A label ("Närvarande:", "Plats:", "Vid
protokollet") opens a section, a numbered line ("1.", "§ 1", "Punkt 1") opens an
item, and each block is read by the section it stands in. What it takes into a
field is recorded as a `Finding` with its place; what it does not carry over as
written is a `LeftOut` with the reason; text it cannot place stays as text of
the item it stands in (before any item: an extra item at the end, "Övrigt från
källan"), never dropped.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from brotui.core.importing import grammar as g
from brotui.core.importing.blocks import Block, Place
from brotui.core.importing.messages import msg
from brotui.core.importing.report import Finding, LeftOut, Note, residue
from brotui.core.model import Attendee, Contact, Item, Meeting, Protocol

# ----------------------------------------------------------------- item numbers

_SEP = r"\s*(?:[.:)]|[-–—](?=\s))?\s*"
ITEM_STYLES: dict[str, re.Pattern[str]] = {
    "paragraph": re.compile(r"^§\s*(\d{1,4})(?![\d.,]\d)" + _SEP + r"(.*)$", re.S),
    "word": re.compile(r"^(?:punkt|ärende|item|agenda item|point)\s+(\d{1,4})(?!\d)" + _SEP +
                       r"(.*)$", re.S | re.I),
    "dot": re.compile(r"^(\d{1,3})\s*[.)](?![\d])\s*(.*)$", re.S),
    "bare": re.compile(r"^(\d{1,3})\s+(\S.*)$", re.S),
}
_STYLE_ORDER = ("paragraph", "word", "dot", "bare")

_DECISION_SENTENCE_RE = re.compile(
    r"^(?:(?:mötet|rådet|gruppen|styrgruppen|nämnden|styrelsen|det|man)\s+"
    r"(?:beslutade|beslutar|beslöt|beslutades|besluta)\b|beslutades\b|beslut(?:ades)?\s+att\b|"
    r"(?:it\s+was\s+|the\s+(?:council|meeting|group|board|committee)\s+)"
    r"(?:resolved|decided|agreed)\b|(?:resolved|agreed|decided)(?:\s+that)?\b)", re.I)
_ATTACHMENT_LINE_RE = re.compile(
    r"^(?:bilaga|appendix|attachment|annex|enclosure)\s+(?:\d+|[A-Z])\b(?:\s*[:.–-]\s*\S.*)?$",
    re.I)
_ATTACHED_RE = re.compile(
    r"\b(?:se\s+)?bifoga(?:de|d|t|ts)\s+([^\W\d_]{3,})|\bsee\s+(?:the\s+)?attached\s+([^\W\d_]{3,})",
    re.I)
_ATTACHMENT_REF_RE = re.compile(r"\b(bilaga|appendix|annex)\s+(\d+|[A-Z])\b", re.I)
_BULLET_RE = re.compile(r"^[-*+•–]\s+")
# Words that join a date and a time and say nothing else ("den", "kl", "held on").
_WHEN_GLUE = {"den", "kl", "klockan", "mellan", "från", "till", "och", "at", "on", "the", "from",
              "to", "held", "hållet", "of", "datum", "tid", "time", "date"}
_ELECTION_RE = re.compile(r"\b(?:val|välj|juster|ordförande|sekreterare|protokollförare|"
                          r"öppn|formalia|opening|election|appoint|chair)", re.I)
_SIGNATURE_LINE_RE = re.compile(r"^[\s._\-–—‐…]{3,}$")
_COUNCIL_WORD_RE = re.compile(
    r"(?:råd(?:et)?|brå|trygghetsråd|samverkansråd|council|partnership|forum|samverkansgrupp)\b",
    re.I)
_DOC_WORDS_RE = re.compile(
    r"^(?:(?:protokoll|mötesprotokoll|sammanträdesprotokoll|minnesanteckningar|anteckningar|"
    r"mötesanteckningar|minutes|notes)"
    r"(?:\s+(?:från|för|fört\s+vid|vid|över|of|from|for))?"
    r"(?:\s+(?:the\s+)?(?:möte|mötet|sammanträde|sammanträdet|meeting)"
    r"(?:\s+(?:med|i|för|of|with|in))?)?(?:\s+(?:the|det|med))?"
    r"(?:\s+(?:held|hållet|hållen)(?:\s+(?:on|at|in|den|i))?)?)\s*[,:–-]?\s*", re.I)
_SIGN_ROLE = {"ordförande": g.CHAIR, "mötesordförande": g.CHAIR, "chair": g.CHAIR,
              "chairman": g.CHAIR, "chairperson": g.CHAIR, "ordf": g.CHAIR,
              "justerare": g.ADJUSTERS, "justerande": g.ADJUSTERS, "adjuster": g.ADJUSTERS,
              "sekreterare": g.SECRETARY, "protokollförare": g.SECRETARY,
              "secretary": g.SECRETARY, "mötessekreterare": g.SECRETARY}
_HEADER_WORDS = {
    "namn": "name", "name": "name", "ledamot": "name", "deltagare": "name",
    "roll": "role", "role": "role", "titel": "role", "title": "role", "funktion": "role",
    "befattning": "role", "uppdrag": "role", "position": "role",
    "organisation": "organisation", "organization": "organisation", "förvaltning": "organisation",
    "verksamhet": "organisation", "parti": "organisation", "party": "organisation",
    "myndighet": "organisation", "företrädare för": "organisation", "representerar": "organisation",
    "närvaro": "presence", "närvarande": "presence", "presence": "presence",
    "attendance": "presence", "status": "presence",
    "anteckning": "note", "kommentar": "note", "notering": "note", "note": "note",
    "notes": "note", "comment": "note", "anmärkning": "note",
}
_CONTACT_LABEL_RE = re.compile(
    r"\b(?:tel(?:efon)?|tfn|mobil|mob|phone|e-?post|e-?mail|mejl|mail)\b\.?:?", re.I)
_CHAIR_ROLES = {"ordförande", "mötesordförande", "chair", "chairman", "chairperson",
                "chairwoman", "chair of the meeting"}
_SECRETARY_ROLES = {"sekreterare", "protokollförare", "mötessekreterare", "secretary",
                    "minute taker"}
_SV_WORDS = {"och", "att", "det", "som", "för", "med", "på", "av", "är", "till", "en", "om", "ska"}
_EN_WORDS = {"the", "and", "of", "to", "in", "was", "for", "with", "on", "is", "that", "will"}


@dataclass
class _ItemDraft:
    number: int
    place: Place
    title: str | None = None
    parts: list[tuple[str, Block]] = field(default_factory=list)
    decisions: list[tuple[str, Block]] = field(default_factory=list)
    attachments: list[tuple[str, Block]] = field(default_factory=list)
    mentions: list[tuple[str, Block]] = field(default_factory=list)  # named in kept text
    next_section: bool = False
    wants_title: bool = False
    deciding: bool = False
    listing_attachments: bool = False
    place_text: str | None = None
    meetings: list[tuple[Meeting, Block]] = field(default_factory=list)


@dataclass
class _Signature:
    name: str
    kind: str
    block: Block
    explicit: bool = False  # the role was written beside the name


@dataclass
class Parsed:
    """What the parser made: the protocol and what the report says of it."""

    protocol: Protocol
    found: list[Finding]
    left_out: list[LeftOut]
    notes: list[Note]
    language: str
    signals: dict[str, int]


def parse(blocks: list[Block], council: str | None = None,
          ui_lang: str | None = None) -> Parsed:
    """Read minutes from blocks. `council` is the council's name to use (the text's own
    is then reported and replaced)."""
    return _Parser(blocks, council, ui_lang).run()


class _Parser:
    def __init__(self, blocks: list[Block], council: str | None, ui_lang: str | None) -> None:
        self.blocks = blocks
        self.council_arg = council
        self.ui_lang = ui_lang
        self.p = Protocol()
        self.found: list[Finding] = []
        self.left: list[LeftOut] = []
        self.notes: list[Note] = []
        self.items: list[_ItemDraft] = []
        self.extra: list[tuple[str, Block]] = []  # unplaced text before the first item
        self.section: str | None = None
        self.presence = g.PRESENT
        self.header_map: dict[int, str] | None = None
        self.sign_columns: list[str] = []
        self.signatures: list[_Signature] = []
        self.last_sign_row: list[_Signature] = []
        self.time_found: Block | None = None
        self.heading_date: tuple[dt.date, Block] | None = None
        self.council_block: Block | None = None
        self.location_block: Block | None = None
        self.contact_block: Block | None = None
        self.agenda: set[int] = set()
        self.labels_seen = 0
        self.language = self._language()
        self.style = self._numbering_style()
        self.names_seen: dict[str, int] = {}
        self._next_meetings: list[tuple[Meeting, Block]] = []
        self.next_place: str | None = None
        self.places_said: list[tuple[str, Block]] = []  # "Plats:" in a next-meetings section
        self.next_place_block: Block | None = None
        self.places_used: set[int] = set()  # id() of the blocks whose place a meeting took

    # ------------------------------------------------------------ recording

    def find(self, path: str, value: object, block: Block | None) -> None:
        self.found.append(Finding(path, str(value), block.place if block else None,
                                  _short(block.text) if block else ""))

    def leave(self, block: Block | None, text: str, reason: str, **values: object) -> None:
        if text.strip():
            self.left.append(LeftOut(block.place if block else None, text.strip(), reason,
                                     tuple(values.items())))

    def consume(self, block: Block, carried: Sequence[str | None], reason: str,
                **values: object) -> None:
        """The block's words that are not in `carried` are left out, for `reason`."""
        self.leave(block, residue(block.text, carried), reason, **values)

    def note(self, block: Block | None, key: str, **values: object) -> None:
        self.notes.append(Note(block.place if block else None, key, tuple(values.items())))

    # ------------------------------------------------------------ setup

    def _language(self) -> str:
        counts: Counter[str] = Counter()
        for b in self.blocks[:400]:
            for w in g.words(b.text):
                if w in _SV_WORDS:
                    counts["sv"] += 1
                elif w in _EN_WORDS:
                    counts["en"] += 1
        return "en" if counts["en"] > counts["sv"] else "sv"

    def _numbering_style(self) -> str | None:
        counts: Counter[str] = Counter()
        for b in self.blocks:
            for style in _STYLE_ORDER:
                m = ITEM_STYLES[style].match(b.text)
                if m and (style != "bare" or b.emphasised):
                    counts[style] += 1
                    break
        for style in _STYLE_ORDER:
            if counts[style] >= 2 or (counts[style] == 1 and sum(counts.values()) == 1):
                return style
        return next((s for s in _STYLE_ORDER if counts[s]), None)

    def item_start(self, block: Block) -> tuple[int, str] | None:
        """(number, the text after it) if the block opens the next item."""
        if self.style is None:
            return None
        m = ITEM_STYLES[self.style].match(block.text)
        if not m or (self.style == "bare" and not block.emphasised):
            return None
        number = int(m[1])
        if self.items and number <= self.items[-1].number:
            return None
        if self.style == "dot" and (block.indent > 0 and self.items):
            return None
        rest = m[2].strip()
        if self.style in ("dot", "bare") and g.find_dates(block.text[:12]):
            return None  # "20. februari", "3 mars 2020": a date, not an item
        return number, rest

    # ------------------------------------------------------------ the walk

    def run(self) -> Parsed:
        i = 0
        blocks = self.blocks
        while i < len(blocks):
            block = blocks[i]
            i += 1
            if self.section == "agenda" and self._agenda_line(block):
                continue
            if self.section == "signing" and self._signing_block(block):
                continue  # names under "Justeras", their roles, lines to sign on
            start = self.item_start(block)
            if start is not None:
                self._open_item(block, *start)
                continue
            label = self._label(block)
            if label is not None and self._on_label(block, label):
                continue
            self._on_block(block)
        return self._finish()

    def _label(self, block: Block) -> g.Label | None:
        if len(block.cells) >= 2:
            kinds = self._label_row(block)
            if kinds:  # "Vid protokollet | Justeras": the heads of the signers' columns
                return g.Label(kinds[0], block.text, "", False)
        label = g.label_of(block.text)
        if label is None and len(block.cells) >= 2 and block.cells[0]:
            first = g.label_of(block.cells[0])
            if first is not None and not first.value:
                value = "\t".join(c for c in block.cells[1:] if c)
                label = g.Label(first.kind, first.word, value, first.colon)
        if label is not None and not label.value and not label.colon and not (
                block.emphasised or len(block.text) < 40):
            return None
        return label

    # ------------------------------------------------------------ labels

    def _on_label(self, block: Block, label: g.Label) -> bool:
        """Handle a label; False when it is ordinary text where it stands."""
        kind = label.kind
        item = self.items[-1] if self.items else None
        in_signing = self.section == "signing"
        if item is not None and self.section == "item":
            if kind == g.DECISION:
                return self._decision_label(item, block, label)
            if kind == g.ATTACHMENTS:
                if label.value:
                    item.attachments.append((label.value, block))
                    self.consume(block, [label.value], "left_label", label=label.word)
                else:
                    item.listing_attachments = True
                    self.leave(block, block.text, "left_label", label=label.word)
                return True
            if item.next_section and kind in (g.PLACE, g.TIME, g.PLACE_TIME, g.NEXT):
                return False  # read by the next-meetings item, and kept as its text
            if kind in (g.PLACE, g.TIME, g.PLACE_TIME, g.DOCUMENT, g.AGENDA, g.COUNCIL, g.DATE):
                return False
            if label.value and kind in (g.CHAIR, g.SECRETARY, g.ADJUSTERS) and \
                    _ELECTION_RE.search(item.title or ""):
                # "Justerare: Eva Nyström" under "§ 2 Val av justerare": the field, and the
                # item's text too
                self._people_value(block, kind, label.value, keep=True)
                return False
        if kind in g.ATTENDANCE:
            self._end_item_modes()
            self.section = "attendees"
            self.presence = kind
            self.header_map = None
            self.labels_seen += 1
            if label.value:
                self.consume(block, [label.value], "left_label", label=label.word)
                self._attendee_value(block, label.value)
            else:
                self.leave(block, block.text, "left_label", label=label.word)
            return True
        if kind in (g.TIME, g.DATE) and not self.items:
            self.labels_seen += 1
            if label.value:
                self._time(block, label.value, label)
            else:
                self.section = "time"
                self.leave(block, block.text, "left_label", label=label.word)
            return True
        if kind in (g.PLACE, g.PLACE_TIME) and not self.items:
            self.labels_seen += 1
            if label.value:
                self._place(block, label.value, label, kind == g.PLACE_TIME)
            else:
                self.section = "where_and_when" if kind == g.PLACE_TIME else "place"
                self.leave(block, block.text, "left_label", label=label.word)
            return True
        if kind in (g.CHAIR, g.SECRETARY, g.ADJUSTERS, g.SIGNING):
            self.labels_seen += 1
            self._end_item_modes()
            if label.value:
                self._people_value(block, kind, label.value, keep=False)
                self.section = "signing"
                self.sign_columns = [kind]
            else:
                kinds = self._label_row(block)
                self.section = "signing"
                self.sign_columns = kinds or [kind]
                self.last_sign_row = []
                self.leave(block, block.text, "left_label", label=label.word)
            return True
        if kind == g.NEXT and not (item is not None and self.section == "item"
                                   and item.next_section):
            self.labels_seen += 1
            self._end_item_modes()
            self.section = "next"
            self.next_place = None
            if label.value:
                if not self._meeting_line(block, label.value, keep=False, label=label):
                    self._unplaced(block)  # no date we can read: kept as it is written
            else:
                self.leave(block, block.text, "left_label", label=label.word)
            return True
        if kind == g.CONTACT:
            self.labels_seen += 1
            self._end_item_modes()
            self.section = "contact"
            self._contact(block, label.value, label)
            return True
        if kind == g.DOCUMENT and not self.items and not label.value:
            self.leave(block, block.text, "left_document_heading")
            return True
        if kind == g.AGENDA and not self.items:
            self.labels_seen += 1
            self.section = "agenda"
            self.leave(block, block.text, "left_label", label=label.word)
            if label.value:
                self._agenda_line(block, label.value)
            return True
        return bool(in_signing and kind in (g.CHAIR, g.SECRETARY, g.ADJUSTERS))

    def _end_item_modes(self) -> None:
        if self.items:
            item = self.items[-1]
            item.deciding = item.listing_attachments = item.wants_title = False

    def _label_row(self, block: Block) -> list[str]:
        """The signers' kinds of a row of labels ("Vid protokollet | Justeras"), one per column."""
        kinds = []
        for cell in block.cells:
            label = g.label_of(cell)
            role = _SIGN_ROLE.get(_fold(cell))
            if label is not None and not label.value and label.kind in (
                    g.CHAIR, g.SECRETARY, g.ADJUSTERS, g.SIGNING):
                kinds.append(label.kind)
            elif role:
                kinds.append(role)
            elif cell:
                return []
        return kinds

    # ------------------------------------------------------------ agenda

    def _agenda_line(self, block: Block, text: str | None = None) -> bool:
        """A numbered line of the agenda: left out when the items that follow repeat it."""
        body = text if text is not None else block.text
        for style in _STYLE_ORDER[:3]:
            m = ITEM_STYLES[style].match(body)
            if m:
                number = int(m[1])
                later = any(self._same_item_later(number, b) for b in self._after(block))
                if not later:
                    self.section = None
                    return False
                self.agenda.add(number)
                self.leave(block, block.text, "left_agenda")
                return True
        self.section = None
        return False

    def _after(self, block: Block) -> list[Block]:
        index = next(i for i, b in enumerate(self.blocks) if b is block)
        return self.blocks[index + 1:]

    def _same_item_later(self, number: int, block: Block) -> bool:
        if self.style is None:
            return False
        m = ITEM_STYLES[self.style].match(block.text)
        return m is not None and int(m[1]) == number and block.text != ""

    # ------------------------------------------------------------ header fields

    def _time(self, block: Block, text: str, label: g.Label | None) -> bool:
        """The meeting's date and times; False (and nothing taken) if there are none."""
        dates = g.find_dates(text)
        times = g.find_times(text, [(d.start, d.end) for d in dates])
        carried: list[str | None] = []
        self.section = None
        if not (dates or times):
            if label is not None:
                self.consume(block, [label.value], "left_label", label=label.word)
                self._unplaced_text(label.value, block)  # "Tid: enligt kallelsen"
                return True
            return False
        if dates:
            self._set_date(dates[0].date, block, dates[0].notes)
        if times:
            self._set_times(times, block)
        values = self._when_text(dates[0].date if dates else None, times)
        if self.location_block is block:
            carried.append(self.p.location)
        self.consume(block, carried, "left_when", when=values)
        self.time_found = block
        return True

    def _set_date(self, date: dt.date, block: Block,
                  notes: Sequence[tuple[str, dict[str, object]]] = ()) -> None:
        for key, values in notes:
            self.note(block, key, **values)
        if self.p.date is not None and self.p.date != date:
            self.note(block, "note_date_conflict", first=self.p.date.isoformat(),
                      second=date.isoformat())
            return
        if self.p.date is None:
            self.p.date = date
            self.find("date", date.isoformat(), block)

    def _set_times(self, times: g.FoundTimes, block: Block) -> None:
        if times.start and self.p.start is None:
            self.p.start = times.start
            self.find("start", times.start, block)
        if times.end and self.p.end is None:
            self.p.end = times.end
            self.find("end", times.end, block)

    def _when_text(self, date: dt.date | None, times: g.FoundTimes | None) -> str:
        parts = [date.isoformat()] if date else []
        if times and times.start:
            parts.append(times.start + (f"–{times.end}" if times.end else ""))
        return " ".join(parts) or "–"

    def _place(self, block: Block, text: str, label: g.Label | None, with_time: bool) -> None:
        value = text
        if with_time:
            dates = g.find_dates(text)
            times = g.find_times(text, [(d.start, d.end) for d in dates])
            spans = [(d.start, d.end) for d in dates] + (
                [(times.span_start, times.span_end)] if times else [])
            if dates:
                self._set_date(dates[0].date, block, dates[0].notes)
            if times:
                self._set_times(times, block)
            value = _cut(text, spans)
        value = value.strip(" ,.;–-\t")
        if value:
            if self.p.location is None:
                self.p.location = value.replace("\t", " ")
                self.location_block = block
                self.find("location", self.p.location, block)
            else:  # a second address line
                self.p.location = f"{self.p.location}, {value}"
        self.consume(block, [value], "left_label" if not with_time else "left_when",
                     label=label.word if label else "", when=self._when_text(self.p.date, None))
        self.section = None

    # ------------------------------------------------------------ attendees

    def _attendee_value(self, block: Block, value: str) -> None:
        """People written after the label on one line: "Närvarande: Per Holm, Eva Ek",
        "Närvarande: Lisa Ahl (ordförande), Nora Said – kommunpolis, Erik Falk". A part
        that begins with a name begins a person; the parts after it, until the next
        name, say who that person is."""
        parts = [x.strip() for x in re.split(r",\s*(?![^()]*\))|;\s*|\s+och\s+|\s+and\s+|\t+",
                                             value) if x.strip()]
        groups: list[list[str]] = []
        for part in parts:
            head = re.split(r"\s+[–—-]\s+|\s*\(", part, maxsplit=1)[0].strip()
            starts = (g.is_name(head) or _person_text(part)[0] is not None) and not (
                g.org_like(head) or g.role_like(head))
            if starts or not groups:
                groups.append([part])
            else:
                groups[-1].append(part)
        for group in groups:
            piece = ", ".join(group)
            if not self._attendee_line(block, piece, (piece,), consumed=True):
                self._unplaced_text(piece, block)  # not a person: kept as written

    def _attendee_line(self, block: Block, text: str, cells: tuple[str, ...],
                       consumed: bool = False) -> bool:
        if block.header_row or self._header(cells) is not None:
            header = self._header(cells)
            if header is not None:
                self.header_map = header
                if not consumed:
                    self.leave(block, block.text, "left_table_header")
                return True
        person, used = _person(cells if len(cells) > 1 else (text,), self.header_map)
        if person is None:
            # Several names in one line: "Per Holm, Eva Ek och Karl Ek".
            parts = [x.strip() for x in re.split(r",\s*|;\s*|\s+och\s+|\s+and\s+", text)
                     if x.strip()]
            if len(parts) >= 2 and all(g.is_name(x) for x in parts):
                for part in parts:
                    self._add_attendee(Attendee(name=part, presence=self.presence), block)
                return True
            return False
        if person.presence is None:
            person.presence = self.presence
        elif person.presence != self.presence:
            self.note(block, "note_presence_in_line", name=person.name,
                      presence=msg("presence_" + person.presence, self.ui_lang))
        attendee = Attendee(name=person.name, role=person.role,
                            organisation=person.organisation, presence=person.presence,
                            note=person.note)
        if used:
            self.leave(block, " ".join(used), "left_presence_word",
                       presence=msg("presence_" + attendee.presence, self.ui_lang))
        self._add_attendee(attendee, block)
        return True

    def _header(self, cells: tuple[str, ...]) -> dict[int, str] | None:
        if len(cells) < 2:
            return None
        mapping: dict[int, str] = {}
        for i, cell in enumerate(cells):
            key = _HEADER_WORDS.get(_fold(cell))
            if key is None:
                if cell:
                    return None
                continue
            mapping[i] = key
        return mapping if "name" in mapping.values() else None

    def _add_attendee(self, attendee: Attendee, block: Block) -> None:
        assert attendee.name
        key = attendee.name.casefold()
        if key in self.names_seen:
            self.note(block, "note_attendee_twice", name=attendee.name)
            self.leave(block, block.text, "left_attendee_twice", name=attendee.name)
            return
        self.names_seen[key] = len(self.p.attendees)
        index = len(self.p.attendees)
        self.p.attendees.append(attendee)
        described = ", ".join(x for x in (attendee.role, attendee.organisation) if x)
        value = attendee.name + (f" ({described})" if described else "") + \
            f", {msg('presence_' + attendee.presence, self.ui_lang)}" + \
            (f", {attendee.note}" if attendee.note else "")
        self.find(f"attendees[{index}]", value, block)

    # ------------------------------------------------------------ chair, secretary, adjusters

    def _people_value(self, block: Block, kind: str, value: str, keep: bool) -> None:
        """Names after a label: "Justerare: Eva Ek och Karl Ek", "Ordförande: Per Holm"."""
        parts = [x.strip() for x in re.split(r",\s*|;\s*|\s+och\s+|\s+and\s+|\s*&\s*|\t+", value)
                 if x.strip()]
        names: list[str] = []
        others: list[str] = []
        for part in parts:
            role = _SIGN_ROLE.get(_fold(part))
            if role and names:
                self.signatures[-1].kind = role
                self.signatures[-1].explicit = True
                others.append(part)
                continue
            person, _ = _person((part,), None)
            name = person.name if person else (part if g.is_name(part) else None)
            if name is None:
                others.append(part)
                continue
            if person is not None:
                others += [x for x in (person.role, person.organisation, person.note) if x]
            names.append(name)
            sign_kind = kind
            explicit = False
            if person and person.role and _fold(person.role) in _SIGN_ROLE:
                sign_kind = _SIGN_ROLE[_fold(person.role)]
                explicit = True
            self.signatures.append(_Signature(name, sign_kind, block, explicit))
        if not names:
            if not keep:
                self._unplaced(block)
            return
        if not keep:
            label = g.label_of(block.text)
            known = [x for x in others if _SIGN_ROLE.get(_fold(x))]
            rest = [x for x in others if x not in known]
            if rest:  # "Justerare: Eva Ek, mötet": what is no name stays as text
                self._unplaced_text(", ".join(rest), block)
            self.consume(block, names + rest, "left_label", label=label.word if label else "")

    def _signing_block(self, block: Block) -> bool:
        """A block under "Vid protokollet" / "Justeras": names, their roles, lines to sign
        on, the place and date of signing. False when it is none of these."""
        if _SIGNATURE_LINE_RE.match(block.text):
            self.leave(block, block.text, "left_signature_line")
            return True
        cells = [c for c in block.cells if c] or [block.text]
        roles = [_SIGN_ROLE.get(_fold(c)) for c in cells]
        if all(roles):
            last = self.last_sign_row
            for i, role in enumerate(roles):
                if i < len(last):
                    last[i].kind = role or last[i].kind
                    last[i].explicit = True
            self.leave(block, block.text, "left_signer_role")
            return True
        kinds = self._label_row(block)
        if kinds:
            self.sign_columns = kinds
            self.last_sign_row = []
            self.leave(block, block.text, "left_label", label=block.text)
            return True
        dates = g.find_dates(block.text)
        if dates and len(g.words(_cut(block.text, [(d.start, d.end) for d in dates]))) <= 3:
            self.leave(block, block.text, "left_signing_date")
            return True
        row: list[_Signature] = []
        for i, cell in enumerate(cells):
            person, _ = _person((cell,), None)
            if person is None or person.note:
                return False  # not a row of signers: read as any other text
            kind = self.sign_columns[min(i, len(self.sign_columns) - 1)] if self.sign_columns \
                else g.ADJUSTERS
            explicit = False
            if person.role and _fold(person.role) in _SIGN_ROLE:
                kind = _SIGN_ROLE[_fold(person.role)]
                explicit = True
            signature = _Signature(person.name, kind, block, explicit)
            row.append(signature)
        self.signatures += row
        self.last_sign_row = row
        self.consume(block, [s.name for s in row], "left_signer_role")
        return True

    # ------------------------------------------------------------ items

    def _open_item(self, block: Block, number: int, rest: str) -> None:
        self._end_item_modes()
        self.section = "item"
        item = _ItemDraft(number, block.place)
        self.items.append(item)
        self.find(f"items[{len(self.items) - 1}].number", number, block)
        head = block.text[:len(block.text) - len(rest)] if rest else block.text
        if not rest:
            item.wants_title = True
        elif block.emphasised or block.bold_from(len(head)) >= len(rest):
            item.title = rest.rstrip(":").strip()
        elif block.bold_from(len(head)) > 0:
            # "**Budget** Förvaltningen redogjorde …": the bold words are the title.
            cut = len(block.text) - len(rest) + block.bold_from(len(head))
            item.title = block.text[len(head):cut].strip().rstrip(":").strip() or None
            remainder = block.text[cut:].strip()
            if remainder:
                item.parts.append((remainder, block))
        elif _is_sentence(rest):
            item.parts.append((rest, block))
            self.note(block, "note_item_sentence", number=number)
        else:
            item.title = rest.rstrip(":").strip() if rest.rstrip(":").strip() else rest
        if item.title:
            self.find(f"items[{len(self.items) - 1}].title", item.title, block)
            heading = g.label_of(item.title)
            if heading is not None and heading.kind == g.NEXT:
                item.next_section = True
                self.next_place = None
        self.leave(block, residue(head, [str(number)]), "left_item_number", number=number)

    def _decision_label(self, item: _ItemDraft, block: Block, label: g.Label) -> bool:
        if label.value:
            item.decisions.append((label.value, block))
            self.consume(block, [label.value], "left_label", label=label.word)
        else:
            self.leave(block, block.text, "left_label", label=label.word)
        item.deciding = True
        item.listing_attachments = False
        return True

    def _item_block(self, item: _ItemDraft, block: Block) -> None:
        text = block.text
        if item.wants_title:
            item.wants_title = False
            if block.emphasised or (not _is_sentence(text) and len(g.words(text)) <= 12
                                    and g.label_of(text) is None):
                item.title = text.rstrip(":").strip()
                self.find(f"items[{len(self.items) - 1}].title", item.title, block)
                label = g.label_of(item.title)
                if label is not None and label.kind == g.NEXT:
                    item.next_section = True
                    self.next_place = None
                return
        if item.deciding:
            if block.gap_before and item.decisions and not block.is_list:
                item.deciding = False
            else:
                bullet = _BULLET_RE.match(text)
                if bullet or not item.decisions or block.gap_before:
                    item.decisions.append((text, block))
                else:
                    previous, first = item.decisions[-1]
                    item.decisions[-1] = (f"{previous}\n{text}", first)
                return
        if item.listing_attachments:
            if block.gap_before and item.attachments:
                item.listing_attachments = False
            else:
                name = _BULLET_RE.sub("", text)
                item.attachments.append((name, block))
                return
        if _ATTACHMENT_LINE_RE.match(text):
            item.attachments.append((text, block))
            return
        if _DECISION_SENTENCE_RE.match(text):
            item.decisions.append((text, block))
            self.note(block, "note_decision_sentence", number=item.number)
            return
        item.parts.append((text, block))
        for m in _ATTACHED_RE.finditer(text):
            noun = m[1] or m[2]
            item.mentions.append((noun[:1].upper() + noun[1:].casefold(), block))
        for m in _ATTACHMENT_REF_RE.finditer(text):
            item.mentions.append((f"{m[1][:1].upper()}{m[1][1:].casefold()} {m[2]}", block))
        if item.next_section:
            label = g.label_of(text)
            if label is not None and label.kind == g.PLACE:
                self._next_place(label.value, block)
            else:
                self._meeting_line(block, label.value if label else text, keep=True, label=label)

    # ------------------------------------------------------------ next meetings

    def _next_place(self, value: str, block: Block) -> None:
        value = value.strip(" .")
        self.next_place = value
        self.next_place_block = block
        for meeting, _ in self._open_meetings():
            if meeting.location is None:
                meeting.location = value
                self.places_used.add(id(block))

    def _open_meetings(self) -> list[tuple[Meeting, Block]]:
        if self.section == "item" and self.items:
            return self.items[-1].meetings
        return self._next_meetings

    def _meeting_line(self, block: Block, text: str, keep: bool,
                      label: g.Label | None = None) -> bool:
        """Meetings in one line: "Tid: Torsdagen 14 maj 2020 kl. 15.00 – 17.00",
        "12 maj kl. 13.30–15.30 i Stadshuset, 8 september ...". False if it has no date."""
        if label is not None and label.kind == g.PLACE:
            self._next_place(label.value, block)
            if not keep:
                self.consume(block, [label.value], "left_label", label=label.word)
                self.places_said.append((label.value.strip(" ."), block))
            return True
        dates = g.find_dates(text, after=self.p.date)
        if not dates:
            return False
        meetings = self._open_meetings()
        carried: list[str | None] = []
        for n, found in enumerate(dates):
            end = dates[n + 1].start if n + 1 < len(dates) else len(text)
            segment = text[found.end:end]
            times = g.find_times(segment)
            rest = segment[times.span_end:] if times else segment
            place = re.sub(r"^[\s,.;:–-]*(?:(?:i|på|in|at|plats|lokal)\b[\s:]*)?", "", rest)
            place = place.strip(" ,.;–-\t")
            location: str | None = re.sub(r"\s*(?:,|och|and)$", "", place).strip() or None
            if location and len(dates) > 1 and not re.search(r"[^\W\d_]{3,}", location):
                location = None
            meeting = Meeting(date=found.date, start=times.start if times else None,
                              end=times.end if times else None,
                              location=location or self.next_place)
            if not location and self.next_place and self.next_place_block is not None:
                self.places_used.add(id(self.next_place_block))
            for key, values in found.notes:
                self.note(block, key, **values)
            meetings.append((meeting, block))
            carried.append(location)
        if not keep:
            self.consume(block, carried, "left_next_when")
        return True

    # ------------------------------------------------------------ contact

    def _contact(self, block: Block, text: str, label: g.Label | None) -> None:
        contact = self.p.contact or Contact()
        self.p.contact = contact
        self.contact_block = self.contact_block or block
        carried: list[str | None] = []
        email = g.EMAIL_RE.search(text)
        if email and contact.email is None:
            contact.email = email[0]
            carried.append(email[0])
            self.find("contact.email", email[0], block)
            text = text[:email.start()] + " " + text[email.end():]
        phone = g.find_phone(text)
        if phone and contact.phone is None:
            contact.phone = phone[0].strip()
            carried.append(contact.phone)
            self.find("contact.phone", contact.phone, block)
            text = text[:phone.start()] + " " + text[phone.end():]
        rest = _CONTACT_LABEL_RE.sub(" ", text)
        rest_parts = [x.strip() for x in re.split(r",|\t|;|\s[–-]\s", rest) if x.strip(" .:")]
        if rest_parts and contact.name is None:
            person, _ = _person((rest_parts[0],), None)
            if person is not None:
                contact.name = person.name
                carried.append(person.name)
                self.find("contact.name", person.name, block)
                rest_parts = ([x for x in (person.role, person.organisation) if x]
                              + rest_parts[1:])
            elif g.is_name(rest_parts[0]):
                contact.name = rest_parts[0]
                carried.append(contact.name)
                self.find("contact.name", contact.name, block)
                rest_parts = rest_parts[1:]
        for part in rest_parts:
            if self._known_as_attendee(contact.name, part):
                carried.append(part)
                self.leave(block, part, "left_contact_role", name=contact.name)
            elif g.words(part):
                self._unplaced_text(part, block)
                carried.append(part)
        self.consume(block, carried, "left_label", label=label.word if label else "")

    def _known_as_attendee(self, name: str | None, text: str) -> bool:
        if not name:
            return False
        for a in self.p.attendees:
            if a.name == name:
                said = " ".join(x for x in (a.role, a.organisation) if x).casefold()
                return bool(said) and text.strip(" .").casefold() in said
        return False

    # ------------------------------------------------------------ any other block

    def _on_block(self, block: Block) -> None:
        section = self.section
        if section == "item":
            self._item_block(self.items[-1], block)
            return
        if section == "attendees":
            cells = block.cells if len(block.cells) > 1 else (block.content,)
            if self._attendee_line(block, block.content, cells):
                return
            self.section = None
        elif section == "time":
            if self._time(block, block.text, None):
                return
        elif section in ("place", "where_and_when"):
            self._place(block, block.text, None, section == "where_and_when")
            return
        elif section == "signing":
            self.section = None  # _signing_block said it is none of the signers' lines
        elif section == "next":
            label = g.label_of(block.text)
            if self._meeting_line(block, label.value if label else block.text, keep=False,
                                  label=label):
                return
            self.section = None
        elif section == "contact":
            if g.EMAIL_RE.search(block.text) or g.find_phone(block.text):
                self._contact(block, block.text, None)  # the e-mail on the line below
                return
            self.section = None
        self._free_block(block)

    def _free_block(self, block: Block) -> None:
        """A block in no section: the council's heading, the meeting's date, else text."""
        if not self.items:
            if self.council_block is None and self._council(block):
                return
            if self.time_found is None and self.p.date is None:
                dates = g.find_dates(block.text)
                spans = [(d.start, d.end) for d in dates]
                times = g.find_times(block.text, spans)
                if times:
                    spans.append((times.span_start, times.span_end))
                rest = _DOC_WORDS_RE.sub("", _cut(block.text, spans), count=1)
                if dates and all(w in _WHEN_GLUE for w in g.words(rest)):
                    # "Minutes of the meeting, Thursday 18 November 2021, 10:00–12:00"
                    self._time(block, block.text, None)
                    return
                place = re.sub(r"^(?:i|på|in|at|vid)\s+", "", rest.strip(" ,.;:–-\t"), flags=re.I)
                if dates and self.p.location is None and len(g.words(place)) <= 14 and \
                        re.match(r"[^\W\d_]", place) and not _is_sentence(place):
                    # "Måndag 7 oktober 2019, kl 9.00-11.00, Spånga-Tensta SDF, Fagerstagatan 21"
                    self.p.location = place
                    self.location_block = block
                    self.find("location", place, block)
                    self.note(block, "note_place_after_date", place=place)
                    self._time(block, block.text, None)
                    return
        self._unplaced(block)

    def _council(self, block: Block) -> bool:
        text = block.text
        if not (_COUNCIL_WORD_RE.search(text) or (block.emphasised and not self.found)):
            return False
        if len(g.words(text)) > 16:
            return False
        stripped = _DOC_WORDS_RE.sub("", text, count=1)
        dates = g.find_dates(stripped)
        name = _cut(stripped, [(d.start, d.end) for d in dates]).strip(" ,.:;–-\t")
        name = re.sub(r"\s+", " ", name)
        if not name or not re.search(r"[^\W\d_]", name):
            return False
        self.council_block = block
        if dates and self.p.date is None:
            self.heading_date = (dates[0].date, block)
        if self.council_arg:
            self.note(block, "note_council_replaced", found=name, given=self.council_arg)
            self.leave(block, text, "left_council_replaced", given=self.council_arg)
        else:
            self.p.council = name
            self.find("council", name, block)
            if not _COUNCIL_WORD_RE.search(name):
                self.note(block, "note_council_from_heading", name=name)
            if dates:
                self.consume(block, [name], "left_heading_rest", date=dates[0].date.isoformat())
            else:
                self.consume(block, [name], "left_document_heading")
        if dates:
            self._set_date(dates[0].date, block, dates[0].notes)
        return True

    def _unplaced(self, block: Block) -> None:
        self._unplaced_text(block.text, block)

    def _unplaced_text(self, text: str, block: Block) -> None:
        if self.items:
            item = self.items[-1]
            item.parts.append((text, block))
            if self.section != "item":
                self.note(block, "note_kept_in_item", number=item.number)
        else:
            self.extra.append((text, block))

    # ------------------------------------------------------------ the end

    def _finish(self) -> Parsed:
        p = self.p
        for value, block in self.places_said:
            if value and id(block) not in self.places_used:
                self._unplaced_text(value, block)  # a place no meeting took: kept as text
        if self.council_arg:
            p.council = self.council_arg
            self.find("council", self.council_arg, None)
        self._signers()
        self._build_items()
        self._mentions()
        self._roles_as_signers()
        if self.p.chair in self.p.adjusters:  # the chair signs, and is not an adjuster
            self.p.adjusters.remove(self.p.chair)
            self.found = [f for f in self.found if not (f.field.startswith("adjusters[")
                                                        and f.value == self.p.chair)]
            self.note(None, "note_chair_not_adjuster", name=self.p.chair)
        meetings = [m for item in self.items for m, _ in item.meetings] + [
            m for m, _ in getattr(self, "_next_meetings", [])]
        places = {id(m): b for item in self.items for m, b in item.meetings}
        places.update({id(m): b for m, b in self._next_meetings})
        consumed = {id(m) for m, _ in self._next_meetings}  # not kept as an item's text
        seen: set[tuple[object, ...]] = set()
        for m in meetings:
            key = (m.date, m.start, m.end, m.location)
            if key in seen:
                if id(m) in consumed and m.location:
                    self.leave(places.get(id(m)), m.location, "left_meeting_again")
                continue
            seen.add(key)
            p.next_meetings.append(m)
            self.find(f"next_meetings[{len(p.next_meetings) - 1}]", _meeting_text(m),
                      places.get(id(m)))
        if p.contact is not None and not (p.contact.name or p.contact.phone or p.contact.email):
            p.contact = None
        signals = {
            "date": int(p.date is not None), "council": int(self.council_block is not None),
            "attendees": len(p.attendees), "items": len(p.items), "labels": self.labels_seen,
        }
        return Parsed(p, self.found, self.left, self.notes, self.language, signals)

    def _signers(self) -> None:
        """The signers found under their labels, as fields. A name that fills no field
        (written twice, or the chair among those who sign "Justeras") is left out with
        the field it already is, so its words are accounted for."""
        p = self.p
        for s in self.signatures:
            if s.kind == g.SECRETARY:
                self._set_person("secretary", s.name, s.block)
            elif s.kind == g.CHAIR:
                self._set_person("chair", s.name, s.block)
        adjusters: set[str] = set()
        for s in self.signatures:
            if s.kind not in (g.ADJUSTERS, g.SIGNING):
                continue
            if s.name in (p.chair, p.secretary) or s.name in adjusters:
                key = "chair" if s.name == p.chair else (
                    "secretary" if s.name == p.secretary else "adjusters")
                self.leave(s.block, s.name, "left_signer_again", field=key)
                continue
            adjusters.add(s.name)
            p.adjusters.append(s.name)
            self.find(f"adjusters[{len(p.adjusters) - 1}]", s.name, s.block)

    def _set_person(self, key: str, name: str, block: Block) -> None:
        current = getattr(self.p, key)
        if current is None:
            setattr(self.p, key, name)
            self.find(key, name, block)
            return
        if current != name:
            self.note(block, "note_person_conflict", field=key, first=current, second=name)
        self.leave(block, name, "left_signer_again", field=key)

    def _build_items(self) -> None:
        p = self.p
        if self.extra:
            number = (self.items[-1].number + 1) if self.items else 1
            title = msg("extra_item_title", self.language) if self.items else None
            draft = _ItemDraft(number, self.extra[0][1].place, title=title, parts=self.extra)
            self.items.append(draft)
            if title:
                self.note(self.extra[0][1], "note_extra_item", number=number, title=title)
                self.find(f"items[{len(self.items) - 1}].number", number, self.extra[0][1])
            else:
                self.note(self.extra[0][1], "note_no_items")
        for index, draft in enumerate(self.items):
            item = Item(number=draft.number, title=draft.title)
            text = ""
            for n, (part, block) in enumerate(draft.parts):
                if n == 0:
                    text = part
                else:
                    text += ("\n\n" if block.gap_before else "\n") + part
            item.text = text or None
            if item.text:
                self.find(f"items[{index}].text", _short(item.text), draft.parts[0][1])
            for j, (decision, block) in enumerate(draft.decisions):
                item.decisions.append(decision)
                self.find(f"items[{index}].decisions[{j}]", _short(decision), block)
            # A line "Bilaga 1: Budget" is the attachment; "enligt bilaga 1" or "se bifogad
            # budget" in the text beside it names the same one. The text is kept either way;
            # a line written twice is left out the second time.
            names: list[tuple[str, Block]] = []
            for name, block in draft.attachments:
                if any(_fold(name) == _fold(x) for x, _ in names):
                    self.leave(block, name, "left_attachment_again")
                    continue
                names.append((name, block))
            for name, block in draft.mentions:
                if any(_fold(name) == _fold(x) or _fold(x).startswith(_fold(name) + ":")
                       or _fold(x).startswith(_fold(name) + " ")
                       or (len(name.split()) == 1 and _fold(name) in g.words(x))
                       for x, _ in names):
                    continue
                names.append((name, block))
            for name, block in names:
                item.attachments.append(name)
                self.find(f"items[{index}].attachments[{len(item.attachments) - 1}]", name,
                          block)
            p.items.append(item)

    def _mentions(self) -> None:
        """Chair, secretary and adjusters named in the items' text ("öppnades av
        mötesordförande Abit Dundar", "Till justerare utsågs Eva Ek"), for the fields the
        labels left empty, and only names of attendees."""
        p = self.p
        names = [a.name for a in p.attendees if a.name]
        if not names:
            return
        alt = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
        patterns = [
            ("chair", re.compile(rf"(?<!vice )\b(?:mötes)?ordförande(?:n)?\s+({alt})\b", re.I)),
            ("chair", re.compile(rf"\b({alt})\s+(?:valdes|utsågs)\s+(?:till\s+)?"
                                 r"(?:mötes)?ordförande", re.I)),
            ("chair", re.compile(rf"\b(?:chaired\s+by|chair,?)\s+({alt})\b", re.I)),
            ("chair", re.compile(rf"\b({alt})\s+(?:was\s+elected\s+chair|chaired\s+the\s+meeting)",
                                 re.I)),
            ("secretary", re.compile(rf"\b({alt})\s+(?:valdes|utsågs)\s+(?:till\s+)?"
                                     r"(?:mötes)?(?:sekreterare|protokollförare)", re.I)),
            ("secretary", re.compile(rf"\b(?:till\s+)?(?:mötes)?(?:sekreterare|protokollförare)\s+"
                                     rf"(?:valdes|utsågs)\s+({alt})\b", re.I)),
            ("secretary", re.compile(rf"\b({alt})\s+took\s+the\s+minutes", re.I)),
            ("adjusters", re.compile(rf"\b(?:till\s+)?(?:att\s+)?(?:justerare|justera)\s+"
                                     rf"(?:protokollet\s+)?(?:valdes|utsågs)\s+((?:{alt})"
                                     rf"(?:(?:,\s*|\s+och\s+)(?:{alt}))*)", re.I)),
            ("adjusters", re.compile(rf"\b((?:{alt})(?:(?:,\s*|\s+och\s+)(?:{alt}))*)\s+"
                                     r"(?:valdes|utsågs)\s+(?:till\s+)?(?:att\s+)?"
                                     r"(?:justerare|justera)", re.I)),
            ("adjusters", re.compile(rf"\b((?:{alt})(?:(?:,\s*|\s+and\s+)(?:{alt}))*)\s+"
                                     r"(?:was|were)\s+(?:appointed|elected|chosen)\s+to\s+"
                                     r"(?:check|sign|approve)", re.I)),
        ]
        for draft, item in zip(self.items, p.items, strict=True):
            for part, block in draft.parts + draft.decisions:
                for key, pattern in patterns:
                    for m in pattern.finditer(part):
                        found = [n for n in names if re.search(rf"\b{re.escape(n)}\b", m[1])]
                        if key == "adjusters":
                            if p.adjusters and self._adjusters_from_labels:
                                continue
                            for name in found:
                                if name not in p.adjusters and name != p.chair:
                                    p.adjusters.append(name)
                                    self.find(f"adjusters[{len(p.adjusters) - 1}]", name, block)
                                    self.note(block, "note_from_text", field="adjusters",
                                              name=name, number=item.number)
                        elif getattr(p, key) is None and found:
                            setattr(p, key, found[0])
                            self.find(key, found[0], block)
                            self.note(block, "note_from_text", field=key, name=found[0],
                                      number=item.number)

    @property
    def _adjusters_from_labels(self) -> bool:
        return any(s.kind in (g.ADJUSTERS, g.SIGNING) for s in self.signatures)

    def _roles_as_signers(self) -> None:
        """An attendee whose role is exactly "ordförande" (or "sekreterare") is the chair
        (secretary) when nothing else said who was."""
        p = self.p
        for index, a in enumerate(p.attendees):
            role = _fold(a.role or "")
            if p.chair is None and role in _CHAIR_ROLES and a.name:
                p.chair = a.name
                self.find("chair", a.name, None)
                self.note(None, "note_role_as_field", field="chair", name=a.name,
                          path=f"attendees[{index}]")
            if p.secretary is None and role in _SECRETARY_ROLES and a.name:
                p.secretary = a.name
                self.find("secretary", a.name, None)
                self.note(None, "note_role_as_field", field="secretary", name=a.name,
                          path=f"attendees[{index}]")


# ---------------------------------------------------------------- people


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


# ---------------------------------------------------------------- helpers


def _fold(text: str) -> str:
    return " ".join(text.casefold().strip(" .:;,\t").split())


def _short(text: str, limit: int = 80) -> str:
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1] + "…"


def _cut(text: str, spans: list[tuple[int, int]]) -> str:
    """`text` without the spans (found dates and times)."""
    out = []
    pos = 0
    for s, e in sorted(spans):
        out.append(text[pos:s])
        pos = max(pos, e)
    out.append(text[pos:])
    joined = " ".join(" ".join(out).split())
    return re.sub(r"\s+([,.;:])", r"\1", joined).strip(" ,.;:")


def _is_sentence(text: str) -> bool:
    """Text after an item's number that is a sentence of its own, not a title: it ends
    like a sentence and is long ("Sammanträdet öppnades av …, … godkändes.")."""
    n = len(g.words(text))
    return (text.rstrip().endswith((".", "!", "?")) and n >= 8) or n > 25


def _meeting_text(m: Meeting) -> str:
    parts = [m.date.isoformat() if m.date else "?"]
    if m.start:
        parts.append(m.start + (f"–{m.end}" if m.end else ""))
    if m.location:
        parts.append(m.location)
    return ", ".join(parts)
