"""The parser's header fields: the meeting's date and times, its place, the council."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from brotui.core.importing import grammar as g
from brotui.core.importing.blocks import Block
from brotui.core.importing.parse_base import (
    _COUNCIL_WORD_RE,
    _DOC_WORDS_RE,
    _cut,
    _ParserBase,
)


class _HeaderPart(_ParserBase):
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
