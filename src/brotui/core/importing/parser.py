"""Blocks to a protocol: the grammar of minutes applied in one pass, in order.

The parser walks the blocks once. A label ("Närvarande:", "Plats:", "Vid
protokollet") opens a section, a numbered line ("1.", "§ 1", "Punkt 1") opens an
item, and each block is read by the section it stands in. What it takes into a
field is recorded as a `Finding` with its place; what it does not carry over as
written is a `LeftOut` with the reason; text it cannot place stays as text of
the item it stands in (before any item: an extra item at the end, "Övrigt från
källan"), never dropped.

The parser is split by job (issue 11): `_ParserBase` (parse_base.py) holds the
state, the recording and the patterns; the header fields, the people, the items, the
next meetings and contact, and the end are its parts (parse_header.py,
parse_attendees.py, parse_items.py, parse_next.py, parse_finish.py; persons from text
in parse_people.py). This module walks the blocks and hands each to its part.
"""

from __future__ import annotations

import re

from brotui.core.importing import grammar as g
from brotui.core.importing.blocks import Block
from brotui.core.importing.parse_attendees import _AttendeesPart
from brotui.core.importing.parse_base import (
    _DOC_WORDS_RE,
    _ELECTION_RE,
    _STYLE_ORDER,
    _WHEN_GLUE,
    ITEM_STYLES,
    Parsed,
    _cut,
    _is_sentence,
)
from brotui.core.importing.parse_finish import _FinishPart
from brotui.core.importing.parse_header import _HeaderPart
from brotui.core.importing.parse_items import _ItemsPart

__all__ = ["ITEM_STYLES", "Parsed", "parse"]


def parse(blocks: list[Block], council: str | None = None,
          ui_lang: str | None = None) -> Parsed:
    """Read minutes from blocks. `council` is the council's name to use (the text's own
    is then reported and replaced)."""
    return _Parser(blocks, council, ui_lang).run()


class _Parser(_HeaderPart, _AttendeesPart, _ItemsPart, _FinishPart):
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
