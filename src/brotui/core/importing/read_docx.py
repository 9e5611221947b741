"""Word files (DOCX), read with python-docx: paragraphs and tables in document order.

A paragraph's style says whether it is a heading ("Heading 2", Swedish Word's
"Rubrik 2", or an outline level); its runs say what is bold (the run's own setting,
else its character style, else the paragraph style's). Word's automatic numbering
("1.", "§ 1" from a numbered list or numbered headings) is not in the paragraph's
text: it is rebuilt from the numbering definitions, so the parser sees "§ 3" as a
reader of the printed page does. The page header and footer are listed as left
out, not read as minutes. Nothing in the file is run: no macros, no fields updated.
"""

from __future__ import annotations

import io
import re
from typing import Any

from brotui.core.importing.blocks import Block, Dropped, Place, Read, Run, blocks_from_runs
from brotui.core.importing.errors import refuse
from brotui.core.importing.zipcheck import check_zip


def read_docx(data: bytes) -> Read:
    """Blocks of a Word file, or a refusal if it is damaged."""
    check_zip(data)
    import docx  # only when a Word file is read: it brings lxml
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError, SyntaxError) as exc:
        refuse("refused_damaged", kind="DOCX", detail=type(exc).__name__)
    except Exception as exc:  # lxml's and zipfile's errors: the file is damaged
        refuse("refused_damaged", kind="DOCX", detail=type(exc).__name__)
    reader = _DocxReader(document)
    reader.read_body()
    reader.read_furniture()
    return reader.read


_HEADING_STYLE_RE = re.compile(r"(?:heading|rubrik|überschrift|otsikko|overskrift)\s*(\d)", re.I)
_TITLE_STYLES = {"title", "rubrik", "titel", "subtitle", "underrubrik"}


class _DocxReader:
    def __init__(self, document: Any) -> None:
        from docx.oxml.ns import qn

        self.qn = qn
        self.document = document
        self.read = Read("docx")
        self.paragraphs = 0
        self.tables = 0
        self._style_bold: dict[str, bool] = {}
        # python-docx finds a paragraph's style by scanning every style of the document,
        # and the default style by scanning them again (15 of the seed's 17 ms a paragraph):
        # the styles are looked up by id in one dict instead.
        self.styles: dict[str, Any] = {}
        self.default_style: Any = None
        for style in document.styles:
            if style.style_id:
                self.styles[style.style_id] = style
            if self.default_style is None and style.type == 1 and style.element.get(
                    qn("w:default")) in ("1", "true", "on"):
                self.default_style = style
        self.numbering = _Numbering(document, qn, self.style_of)

    def style_of(self, paragraph: Any) -> Any:
        """The paragraph's style, or the document's default paragraph style."""
        style_id = paragraph._p.style
        return self.styles.get(style_id, self.default_style) if style_id else self.default_style

    # ------------------------------------------------------------ body

    def read_body(self) -> None:
        self._children(self.document.element.body, self.document)

    def _children(self, element: Any, parent: Any, place: Place | None = None) -> None:
        from docx.table import Table
        from docx.text.paragraph import Paragraph

        qn = self.qn
        for child in element.iterchildren():
            if child.tag == qn("w:p"):
                self._paragraph(Paragraph(child, parent), place)
            elif child.tag == qn("w:tbl"):
                self._table(Table(child, parent))
            elif child.tag == qn("w:sdt"):  # a content control: its content is ordinary text
                content = child.find(qn("w:sdtContent"))
                if content is not None:
                    self._children(content, parent, place)

    def _paragraph(self, paragraph: Any, place: Place | None) -> None:
        runs = self._runs(paragraph)
        text = "".join(r.text for r in runs)
        if not text.strip():
            return
        if place is None:
            self.paragraphs += 1
            place = Place(paragraph=self.paragraphs)
        heading = self._heading(paragraph)
        label, is_list, level = self.numbering.label(paragraph)
        if label:
            runs.insert(0, Run(label + " ",
                               bold=bool(runs) and runs[0].bold))
            self.read.note(place, "note_word_numbering", label=label)
        own = self.style_of(paragraph)
        style = own.name if own is not None else ""
        is_list = is_list or "list" in style.casefold() or "lista" in style.casefold()
        indent = level
        # A line break (Shift+Enter) inside a paragraph makes lines of one paragraph.
        lines: list[list[Run]] = [[]]
        for run in runs:
            parts = run.text.split("\n")
            for i, part in enumerate(parts):
                if i:
                    lines.append([])
                if part:
                    lines[-1].append(Run(part, run.bold))
        first = True
        for line in lines:
            for block in blocks_from_runs(line, place, heading=heading, is_list=is_list,
                                          indent=indent, gap_before=first):
                self.read.blocks.append(block)
                first = False

    def _runs(self, paragraph: Any) -> list[Run]:
        style_bold = self._paragraph_style_bold(self.style_of(paragraph))
        runs: list[Run] = []
        for inner in paragraph.iter_inner_content():
            for run in getattr(inner, "runs", None) or [inner]:
                text = run.text
                if not text:
                    continue
                bold = run.bold
                char_style = self.styles.get(run._r.style) if run._r.style else None
                if bold is None and char_style is not None and char_style.font.bold is not None:
                    bold = char_style.font.bold
                if bold is None:
                    bold = style_bold
                runs.append(Run(text, bool(bold)))
        return runs

    def _paragraph_style_bold(self, style: Any) -> bool:
        if style is None:
            return False
        key = style.style_id or style.name or ""
        if key not in self._style_bold:
            bold = None
            current = style
            while current is not None and bold is None:
                bold = current.font.bold
                current = current.base_style
            self._style_bold[key] = bool(bold)
        return self._style_bold[key]

    def _heading(self, paragraph: Any) -> int:
        current = self.style_of(paragraph)
        while current is not None:
            name = current.name or ""
            m = _HEADING_STYLE_RE.match(name) or _HEADING_STYLE_RE.match(current.style_id or "")
            if m:
                return max(1, int(m[1]))
            if name.casefold() in _TITLE_STYLES:
                return 1
            level = _outline_level(current.element, self.qn)
            if level is not None:
                return level + 1
            current = current.base_style
        level = _outline_level(paragraph._p, self.qn)
        return level + 1 if level is not None else 0

    # ------------------------------------------------------------ tables

    def _table(self, table: Any) -> None:
        self.tables += 1
        qn = self.qn
        for r, row in enumerate(table.rows, start=1):
            place = Place(table=self.tables, row=r)
            cells: list[Any] = []
            seen: set[int] = set()
            for cell in row.cells:  # a merged cell is listed once per column it spans
                if id(cell._tc) not in seen:
                    seen.add(id(cell._tc))
                    cells.append(cell)
            texts: list[list[Any]] = [[p for p in c.paragraphs if p.text.strip()] for c in cells]
            nested = any(c._tc.find(qn("w:tbl")) is not None for c in cells)
            tr_pr = row._tr.trPr
            header = r == 1 and tr_pr is not None and tr_pr.find(qn("w:tblHeader")) is not None
            if not nested and all(len(t) <= 1 for t in texts):
                runs_per_cell = [self._runs(t[0]) if t else [] for t in texts]
                values = tuple("".join(x.text for x in rs).strip() for rs in runs_per_cell)
                if not any(values):
                    continue
                visible = [x for rs in runs_per_cell for x in rs if x.text.strip()]
                bold = bool(visible) and all(x.bold for x in visible)
                heading = max((self._heading(t[0]) for t in texts if t), default=0)
                self.read.blocks.append(Block(
                    "\t".join(v for v in values if v), place, cells=values, bold=bold,
                    heading=heading, header_row=header or (r == 1 and bold)))
                continue
            # A layout table (a cell of several paragraphs): its paragraphs in reading order.
            for cell in cells:
                self._children(cell._tc, cell, place)

    # ------------------------------------------------------------ header and footer

    def read_furniture(self) -> None:
        seen: set[str] = set()
        for section in self.document.sections:
            for part in (section.header, section.footer, section.first_page_header,
                         section.first_page_footer, section.even_page_header,
                         section.even_page_footer):
                try:
                    if part.is_linked_to_previous:
                        continue
                    texts = [p.text.strip() for p in part.paragraphs if p.text.strip()]
                    for table in part.tables:
                        texts += [c.text.strip() for row in table.rows for c in row.cells
                                  if c.text.strip()]
                except (KeyError, ValueError):
                    continue
                for text in texts:
                    if text not in seen:
                        seen.add(text)
                        self.read.dropped.append(Dropped(Place(), text, "left_header_footer"))


def _outline_level(element: Any, qn: Any) -> int | None:
    ppr = element.find(qn("w:pPr"))
    if ppr is None:
        return None
    level = ppr.find(qn("w:outlineLvl"))
    if level is None:
        return None
    try:
        value = int(level.get(qn("w:val")))
    except (TypeError, ValueError):
        return None
    return value if value < 9 else None


class _Numbering:
    """Word's automatic numbering, rebuilt: "1.", "1.2", "§ 3" and bullets, counted in
    document order per list, as Word draws them (decimal, letters and roman numerals)."""

    def __init__(self, document: Any, qn: Any, style_of: Any) -> None:
        self.qn = qn
        self.style_of = style_of
        self.nums: dict[str, str] = {}  # numId -> abstractNumId
        self.starts: dict[tuple[str, int], int] = {}  # (numId, level) -> start override
        self.levels: dict[str, dict[int, tuple[str, str, int]]] = {}
        self.counters: dict[str, list[int]] = {}
        self.style_num: dict[str, tuple[str, int]] = {}
        try:
            part = document.part.numbering_part
        except (KeyError, NotImplementedError, AttributeError):
            return
        root = part.element
        for abstract in root.findall(qn("w:abstractNum")):
            aid = abstract.get(qn("w:abstractNumId"))
            levels: dict[int, tuple[str, str, int]] = {}
            for lvl in abstract.findall(qn("w:lvl")):
                ilvl = int(lvl.get(qn("w:ilvl"), "0"))
                fmt = _val(lvl.find(qn("w:numFmt")), qn) or "decimal"
                text = _val(lvl.find(qn("w:lvlText")), qn) or ""
                start = int(_val(lvl.find(qn("w:start")), qn) or "1")
                levels[ilvl] = (fmt, text, start)
            self.levels[aid] = levels
        for num in root.findall(qn("w:num")):
            nid = num.get(qn("w:numId"))
            aid = _val(num.find(qn("w:abstractNumId")), qn)
            if aid is not None:
                self.nums[nid] = aid
            for override in num.findall(qn("w:lvlOverride")):
                start = override.find(qn("w:startOverride"))
                if start is not None:
                    self.starts[(nid, int(override.get(qn("w:ilvl"), "0")))] = int(
                        _val(start, qn) or "1")

    def _num_pr(self, paragraph: Any) -> tuple[str, int] | None:
        qn = self.qn
        ppr = paragraph._p.pPr
        candidates = [ppr] if ppr is not None else []
        style = self.style_of(paragraph)
        while style is not None:
            candidates.append(style.element.find(qn("w:pPr")))
            style = style.base_style
        for p in candidates:
            if p is None:
                continue
            num_pr = p.find(qn("w:numPr"))
            if num_pr is None:
                continue
            nid = _val(num_pr.find(qn("w:numId")), qn)
            ilvl = int(_val(num_pr.find(qn("w:ilvl")), qn) or "0")
            if nid is None or nid == "0":
                return None
            return nid, ilvl
        return None

    def label(self, paragraph: Any) -> tuple[str | None, bool, int]:
        """The number Word draws before this paragraph (None for none or a bullet),
        whether it is a list entry, and its level."""
        found = self._num_pr(paragraph)
        if found is None:
            return None, False, 0
        nid, ilvl = found
        aid = self.nums.get(nid)
        levels = self.levels.get(aid or "", {})
        if ilvl not in levels:
            return None, True, ilvl
        counters = self.counters.setdefault(aid or nid, [0] * 9)
        fmt, text, start = levels[ilvl]
        if counters[ilvl] == 0:
            counters[ilvl] = self.starts.get((nid, ilvl), start)
        else:
            counters[ilvl] += 1
        for deeper in range(ilvl + 1, 9):
            counters[deeper] = 0
        if fmt in ("bullet", "none"):
            return None, True, ilvl

        def render(m: re.Match[str]) -> str:
            level = int(m[1]) - 1
            lfmt = levels.get(level, ("decimal", "", 1))[0]
            value = counters[level] or levels.get(level, ("", "", 1))[2]
            return _format_number(value, lfmt)

        return re.sub(r"%(\d)", render, text).strip() or None, True, ilvl


def _val(element: Any, qn: Any) -> str | None:
    return None if element is None else element.get(qn("w:val"))


def _format_number(value: int, fmt: str) -> str:
    if fmt in ("lowerLetter", "upperLetter"):
        letter = chr(ord("a") + (value - 1) % 26)
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt in ("lowerRoman", "upperRoman"):
        roman = _roman(value)
        return roman if fmt == "upperRoman" else roman.lower()
    return str(value)


def _roman(value: int) -> str:
    out = ""
    for n, s in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                 (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while value >= n:
            out += s
            value -= n
    return out
