"""What a reader makes of a file: blocks of text in order, each with its place.

A block is one line of a text file, one paragraph (or one line of a paragraph
broken with Shift+Enter) of a Word or OpenDocument file, one table row, or one
paragraph of a PDF (its wrapped lines joined). It carries the little structure
the format tells: bold, a heading level, a list entry, table cells. The parser
reads only blocks, so every format is parsed by the same grammar.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TypedDict, Unpack

from brotui.core.importing.messages import msg


@dataclass(frozen=True)
class Place:
    """Where in the source a block stands: a line (text, Markdown; PDF with its page),
    a paragraph (DOCX, ODT), or a table's row (DOCX, ODT)."""

    line: int | None = None
    paragraph: int | None = None
    page: int | None = None
    table: int | None = None
    row: int | None = None

    def label(self, lang: str | None = None) -> str:
        """'line 12', 'paragraph 4', 'page 2, line 5', 'table 1, row 3' (or in Swedish)."""
        parts = []
        if self.page is not None:
            parts.append(msg("place_page", lang, n=self.page))
        if self.table is not None:
            parts.append(msg("place_table", lang, n=self.table))
            if self.row is not None:
                parts.append(msg("place_row", lang, n=self.row))
        if self.paragraph is not None:
            parts.append(msg("place_paragraph", lang, n=self.paragraph))
        if self.line is not None:
            parts.append(msg("place_line", lang, n=self.line))
        return ", ".join(parts) or msg("place_unknown", lang)

    def as_json(self) -> dict[str, int]:
        return {k: v for k, v in (("page", self.page), ("table", self.table),
                                  ("row", self.row), ("paragraph", self.paragraph),
                                  ("line", self.line)) if v is not None}

    def sort_key(self) -> tuple[int, int, int, int, int]:
        return (self.page or 0, self.paragraph or 0, self.table or 0, self.row or 0,
                self.line or 0)


@dataclass(frozen=True)
class Run:
    """A piece of a paragraph in one style: the text and whether it is bold."""

    text: str
    bold: bool = False


@dataclass
class Block:
    """One unit of the source, in order.

    `text` is the block as written (markers such as `**` removed, a table row's cells
    joined by tabs); `cells` is the row split into its columns (a DOCX table row, or a
    text line with tabs or wide gaps), else a tuple of one. `bold`: all of it bold;
    `bold_spans`: the (start, end) offsets in `text` of bold runs (a bold title, then text).
    `heading`: 1-9 for a heading, 0 otherwise. `gap_before`: a blank line (or a new
    paragraph) stands before it. `indent`: how far it is indented (list level)."""

    text: str
    place: Place
    cells: tuple[str, ...] = ()
    bold: bool = False
    bold_spans: tuple[tuple[int, int], ...] = ()
    heading: int = 0
    is_list: bool = False
    indent: int = 0
    gap_before: bool = True
    header_row: bool = False

    def __post_init__(self) -> None:
        if not self.cells:
            self.cells = split_cells(self.text)

    @property
    def emphasised(self) -> bool:
        """Marked as a heading or written all in bold."""
        return self.heading > 0 or self.bold

    @property
    def content(self) -> str:
        """The text without a list's bullet ("- ", "• "): what an attendee line says."""
        return _BULLET_RE.sub("", self.text) if self.is_list or _BULLET_RE.match(self.text) \
            else self.text

    def bold_from(self, offset: int) -> int:
        """How many characters from `offset` on are bold without a break (spaces at the
        start skipped): the length of a bold title that follows an item's number."""
        while offset < len(self.text) and self.text[offset] == " ":
            offset += 1
        for start, end in self.bold_spans:
            if start <= offset < end:
                return end - offset
        return 0


@dataclass(frozen=True)
class Dropped:
    """Source text a reader did not pass on as a block, and why: a page number, a page
    header repeated on every page, control characters."""

    place: Place
    text: str
    reason: str  # a message id of brotui.core.importing.messages


@dataclass
class Read:
    """A reader's result: the blocks, what it left out, and notes on how it read."""

    kind: str
    blocks: list[Block] = field(default_factory=list)
    dropped: list[Dropped] = field(default_factory=list)
    notes: list[tuple[Place | None, str, dict[str, object]]] = field(default_factory=list)

    def note(self, place: Place | None, key: str, **values: object) -> None:
        self.notes.append((place, key, values))


_BULLET_RE = re.compile(r"^[-*+•–·▪]\s+(?=\S)")

# Columns in a line of text: a tab, or three spaces or more (a table typed with spaces
# or copied from a layout). A single or double space is a word gap.
_CELL_SPLIT_RE = re.compile(r"\t+| {3,}")


def split_cells(text: str) -> tuple[str, ...]:
    """A row's columns: the text split at tabs and wide gaps, empty columns left out."""
    cells = tuple(c.strip() for c in _CELL_SPLIT_RE.split(text) if c.strip())
    return cells or (text.strip(),)


# An item number at the start of a bold run: "**6. Övrigt**" glued to the previous line.
GLUED_ITEM_RE = re.compile(r"(?:§\s*\d+|\d+\s*[.)]|(?:punkt|item|ärende)\s+\d+)\s", re.I)


class Style(TypedDict, total=False):
    """How a reader saw a paragraph: Block's fields of the same names."""

    heading: int
    is_list: bool
    indent: int
    gap_before: bool


def blocks_from_runs(runs: list[Run], place: Place, **style: Unpack[Style]) -> list[Block]:
    """A paragraph's runs as blocks: one, or more where a bold run that starts with an
    item number is glued to the text before it (the seed's "5. Beslutade
    insatser**6. Övrigt**", where a line break was lost)."""
    pieces: list[list[Run]] = [[]]
    for run in runs:
        if (run.bold and pieces[-1] and "".join(r.text for r in pieces[-1]).strip()
                and GLUED_ITEM_RE.match(run.text.lstrip())):
            pieces.append([])
        pieces[-1].append(run)
    out: list[Block] = []
    for i, piece in enumerate(pieces):
        text = "".join(r.text for r in piece)
        stripped = text.strip()
        if not stripped:
            continue
        lead = len(text) - len(text.lstrip())
        spans: list[tuple[int, int]] = []
        pos = -lead
        for r in piece:
            start, end = max(0, pos), min(len(stripped), pos + len(r.text))
            if r.bold and end > start:
                if spans and spans[-1][1] == start:
                    spans[-1] = (spans[-1][0], end)
                else:
                    spans.append((start, end))
            pos += len(r.text)
        visible = [r for r in piece if r.text.strip()]
        bold = bool(visible) and all(r.bold for r in visible)
        kwargs = Style(**style)
        if i > 0:
            kwargs["gap_before"] = False
        out.append(Block(stripped, place, bold=bold, bold_spans=tuple(spans), **kwargs))
    return out
