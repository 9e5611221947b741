"""PDF with a text layer, read with pypdfium2 (PDFium, the PDF engine of Chrome).

PDFium gives each character with its position, size and font; lines, cells and
paragraphs are rebuilt from that geometry:
- characters on one baseline make a line, in order from left to right; a gap
  wider than about an em between two of them is a column break (a table's cells,
  written as a tab like a text file's attendee lines);
- a line continues the one before (a paragraph wrapped by the layout) when the
  first word of it would not have fitted at the end of the line before; the two
  are joined with a space, as they were one line in the writer's text;
- more space than a line's between two lines is a paragraph break;
- text larger than the body text is a heading; a font named bold is bold;
- page numbers ("3", "Sida 2 av 4") and a line repeated at the top or bottom of
  every page are listed as left out, not read as minutes.
A PDF with no text layer (a scan) is refused with a sentence. Forms and
JavaScript are never loaded.
"""

from __future__ import annotations

import ctypes
import re
import statistics
import threading
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from brotui.core.importing.blocks import Dropped, Place, Read, Run, blocks_from_runs
from brotui.core.importing.errors import refuse

# PDFium is not safe to call from two threads at once.
_PDFIUM_LOCK = threading.Lock()
_PAGE_NUMBER_RE = re.compile(
    r"^(?:[-–]\s*)?(?:(?:sida|page|s\.|p\.)\s*)?\d{1,4}(?:\s*(?:av|of|/)\s*\d{1,4}|\s*\(\d{1,4}\))?"
    r"(?:\s*[-–])?$", re.I)
_BOLD_FONT_RE = re.compile(r"bold|black|heavy|semibold|demi|,b\b|-b\b", re.I)


@dataclass
class _Char:
    char: str
    x0: float
    x1: float
    y: float  # the bottom of the font's box: a baseline for grouping lines
    size: float
    bold: bool


@dataclass
class _Line:
    page: int
    number: int
    chars: list[_Char]
    text: str = ""
    runs: list[Run] = field(default_factory=list)
    cells: int = 1
    x0: float = 0.0
    x1: float = 0.0
    y: float = 0.0  # the baseline (the median of the characters')
    size: float = 0.0  # the largest character's

    def __post_init__(self) -> None:
        self.x0, self.x1 = self.chars[0].x0, self.chars[-1].x1
        self.y = statistics.median(c.y for c in self.chars)
        self.size = max(c.size for c in self.chars)


def read_pdf(data: bytes) -> Read:
    """Blocks of a PDF's text layer, or a refusal (encrypted, damaged, no text)."""
    import pypdfium2 as pdfium

    with _PDFIUM_LOCK:
        try:
            document = pdfium.PdfDocument(data)
        except pdfium.PdfiumError as exc:
            if "password" in str(exc).casefold():
                refuse("refused_encrypted", kind="PDF")
            refuse("refused_damaged", kind="PDF", detail=str(exc))
        try:
            pages = [_page_chars(document, i) for i in range(len(document))]
        finally:
            document.close()
    return _layout(pages)


def _page_chars(document: Any, index: int) -> list[_Char]:  # a pypdfium2 PdfDocument (untyped)
    import pypdfium2.raw as raw

    page = document[index]
    textpage = page.get_textpage()
    try:
        chars: list[_Char] = []
        buffer = ctypes.create_string_buffer(128)
        flags = ctypes.c_int()
        rect = raw.FS_RECTF()
        prect, pflags = ctypes.byref(rect), ctypes.byref(flags)
        handle = textpage.raw
        # The font of the text object a character belongs to, asked once per object.
        styles: dict[int | None, tuple[bool, float]] = {}
        text = textpage.get_text_range()  # one call for the characters' code points
        count = raw.FPDFText_CountChars(handle)
        for i in range(count):
            char = text[i] if i < len(text) and len(text) == count else chr(
                raw.FPDFText_GetUnicode(handle, i))
            # PDFium's generated characters are the spaces and line breaks it infers.
            if char.isspace() or not char.isprintable() or char in "\ufffe\uffff":
                continue
            # The loose box spans the font's height: its bottom is the same for every
            # character of a line in one font and size, so it serves as the baseline.
            if not raw.FPDFText_GetLooseCharBox(handle, i, prect):
                continue
            obj = raw.FPDFText_GetTextObject(handle, i)
            key = ctypes.addressof(obj.contents) if obj else None
            style = styles.get(key)
            if style is None:
                raw.FPDFText_GetFontInfo(handle, i, buffer, len(buffer), pflags)
                bold = bool(_BOLD_FONT_RE.search(buffer.value.decode("latin-1"))) or \
                    raw.FPDFText_GetFontWeight(handle, i) >= 600
                size = raw.FPDFText_GetFontSize(handle, i) or (rect.top - rect.bottom)
                style = (bold, size)
                if key is not None:
                    styles[key] = style
            chars.append(_Char(char, min(rect.left, rect.right), max(rect.left, rect.right),
                               min(rect.bottom, rect.top), style[1], style[0]))
        return chars
    finally:
        textpage.close()
        page.close()


def _lines(page: int, chars: list[_Char]) -> list[_Line]:
    """Characters grouped by baseline, top to bottom, each line left to right."""
    ordered = sorted(chars, key=lambda c: -c.y)
    groups: list[list[_Char]] = []
    for c in ordered:
        if groups and abs(groups[-1][0].y - c.y) <= 0.3 * max(c.size, groups[-1][0].size):
            groups[-1].append(c)
        else:
            groups.append([c])
    lines = []
    for number, group in enumerate(groups, start=1):
        group.sort(key=lambda c: c.x0)
        line = _Line(page, number, group)
        runs: list[Run] = []
        text: list[str] = []
        previous: _Char | None = None
        for c in group:
            piece = c.char
            if previous is not None:
                gap = c.x0 - previous.x1
                em = max(c.size, previous.size)
                if gap > 1.0 * em:
                    piece = "\t" + piece
                    line.cells += 1
                elif gap > 0.15 * em:
                    piece = " " + piece
            if runs and runs[-1].bold == c.bold:
                runs[-1] = Run(runs[-1].text + piece, c.bold)
            else:
                runs.append(Run(piece, c.bold))
            text.append(piece)
            previous = c
        line.text = "".join(text)
        line.runs = runs
        lines.append(line)
    return lines


def _layout(pages: list[list[_Char]]) -> Read:
    read = Read("pdf")
    page_lines = [_lines(i + 1, chars) for i, chars in enumerate(pages)]
    every = [line for lines in page_lines for line in lines]
    if not every:
        refuse("refused_pdf_no_text", pages=len(pages))
    sizes: Counter[float] = Counter()
    for line in every:  # the body text's size: the size most characters are set in
        sizes[round(line.size, 1)] += len(line.chars)
    body = sizes.most_common(1)[0][0]
    heading_sizes = sorted({round(line.size, 1) for line in every if line.size > body * 1.15},
                           reverse=True)
    furniture = _furniture(page_lines)
    right = max(line.x1 for line in every)
    paragraphs: list[tuple[list[Run], _Line, int, bool]] = []  # runs, first line, level, gap
    previous: _Line | None = None
    for lines in page_lines:
        for line in lines:
            key = (line.page, line.number)
            if key in furniture:
                read.dropped.append(Dropped(Place(page=line.page, line=line.number), line.text,
                                            furniture[key]))
                continue
            if previous is not None and paragraphs and _continues(previous, line, right):
                runs = paragraphs[-1][0]
                joiner = "" if previous.text.endswith("-") and line.text[:1].isupper() else " "
                if joiner:
                    runs.append(Run(joiner, runs[-1].bold and line.runs[0].bold))
                runs += line.runs
                previous = line
                continue
            gap = previous is None or previous.page != line.page or (
                previous.y - line.y > 1.55 * max(previous.size, line.size))
            level = 0
            if round(line.size, 1) in heading_sizes:
                level = heading_sizes.index(round(line.size, 1)) + 1
            paragraphs.append((list(line.runs), line, level, gap))
            previous = line
    for runs, first, level, gap in paragraphs:
        blocks = blocks_from_runs(runs, Place(page=first.page, line=first.number),
                                  heading=level, gap_before=gap)
        if first.cells == 1:
            for block in blocks:
                block.cells = (block.text,)
        read.blocks += blocks
    if not read.blocks:
        refuse("refused_pdf_no_text", pages=len(pages))
    return read


def _continues(previous: _Line, line: _Line, right: float) -> bool:
    """The line is the rest of a paragraph the layout wrapped: same size and style, no
    extra space between, and its first word would not have fitted after the line before."""
    if previous.page != line.page:
        same_page = False
    else:
        same_page = True
        if previous.y - line.y > 1.55 * max(previous.size, line.size):
            return False
    if previous.cells > 1 or line.cells > 1 or abs(previous.size - line.size) > 0.5:
        return False
    if not same_page and line.page != previous.page + 1:
        return False
    first_word = line.text.split(" ", 1)[0]
    chars = line.chars[:len(first_word)]
    width = (chars[-1].x1 - chars[0].x0) if chars else 0.0
    space = 0.3 * line.size
    return right - previous.x1 < width + space + 0.5 * line.size


def _furniture(page_lines: list[list[_Line]]) -> dict[tuple[int, int], str]:
    """Page numbers, and the same line at the top or bottom of two pages or more."""
    out: dict[tuple[int, int], str] = {}
    edges: Counter[str] = Counter()
    for lines in page_lines:
        for line in {id(x): x for x in (lines[:1] + lines[-1:])}.values():
            edges[line.text] += 1
    for lines in page_lines:
        for line in lines[:1] + lines[-1:]:
            if _PAGE_NUMBER_RE.match(line.text.strip()):
                out[(line.page, line.number)] = "left_page_number"
            elif len(page_lines) > 1 and edges[line.text] > 1:
                out[(line.page, line.number)] = "left_header_footer"
    return out
