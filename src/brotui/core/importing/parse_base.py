"""The parser's common ground: its patterns and words, the drafts it fills, `Parsed`,
the state and recording every part of the parser shares (`_ParserBase`), and small
text helpers. Split out of parser.py (issue 11); the parts are mixins of `_ParserBase`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from brotui.core.importing import grammar as g
from brotui.core.importing.blocks import Block, Place
from brotui.core.importing.report import Finding, LeftOut, Note, residue
from brotui.core.model import Meeting, Protocol

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



class _ParserBase:
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

    # ------------------------------------------------------------ text no section takes

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
