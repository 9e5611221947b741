"""OpenDocument text (ODT, LibreOffice's own format), read with odfpy.

Headings are `text:h` (with their outline level) or paragraphs in a heading style;
bold comes from the automatic or named style of a paragraph or span
(`fo:font-weight`). Tables give rows of cells like a Word table. The XML is parsed
by defusedxml first: odfpy prints a document it cannot parse to standard output,
which would corrupt `--format json`, so a damaged file is refused before it gets there.
"""

from __future__ import annotations

import io
import re
from typing import Any

from brotui.core.importing.blocks import Block, Place, Read, Run, blocks_from_runs
from brotui.core.importing.errors import refuse
from brotui.core.importing.zipcheck import open_zip

ODT_MIME = "application/vnd.oasis.opendocument.text"
_HEADING_NAME_RE = re.compile(r"(?:heading|rubrik)[ _]*(?:_20_)?(\d)", re.I)


def read_odt(data: bytes) -> Read:
    """Blocks of an ODT file, or a refusal if it is damaged."""
    archive = open_zip(data)
    try:
        import defusedxml.ElementTree as safe_xml

        for name in ("content.xml", "styles.xml"):
            if name in archive.namelist():
                safe_xml.fromstring(archive.read(name))
    except Exception as exc:  # defusedxml's refusals and expat's errors alike
        refuse("refused_damaged", kind="ODT", detail=type(exc).__name__)
    finally:
        archive.close()
    from odf.opendocument import load

    try:
        document = load(io.BytesIO(data))
    except Exception as exc:
        refuse("refused_damaged", kind="ODT", detail=type(exc).__name__)
    reader = _OdtReader(document)
    reader.walk(document.text)
    return reader.read


class _OdtReader:
    def __init__(self, document: Any) -> None:
        from odf.namespaces import FONS, STYLENS, TABLENS, TEXTNS

        self.TEXT, self.TABLE, self.STYLE, self.FO = TEXTNS, TABLENS, STYLENS, FONS
        self.read = Read("odt")
        self.paragraphs = 0
        self.tables = 0
        self.styles: dict[str, tuple[str | None, bool | None, int]] = {}
        for container in (document.styles, document.automaticstyles):
            for style in container.childNodes:
                if style.qname != (STYLENS, "style"):
                    continue
                name = style.attributes.get((STYLENS, "name"))
                parent = style.attributes.get((STYLENS, "parent-style-name"))
                bold: bool | None = None
                for prop in style.childNodes:
                    if prop.qname == (STYLENS, "text-properties"):
                        weight = prop.attributes.get((FONS, "font-weight"))
                        if weight is not None:
                            bold = weight in ("bold", "600", "700", "800", "900")
                level = int(style.attributes.get((STYLENS, "default-outline-level")) or 0)
                if not level and name:
                    m = _HEADING_NAME_RE.match(name)
                    level = int(m[1]) if m else 0
                if name:
                    self.styles[name] = (parent, bold, level)

    def _style(self, name: str | None) -> tuple[bool | None, int]:
        """(bold, heading level) of a style, following its parents."""
        bold: bool | None = None
        level = 0
        seen: set[str] = set()
        while name and name not in seen:
            seen.add(name)
            parent, b, lv = self.styles.get(name, (None, None, 0))
            if bold is None:
                bold = b
            level = level or lv
            name = parent
        return bold, level

    def walk(self, element: Any, place: Place | None = None, in_list: int = 0) -> None:
        T, TB = self.TEXT, self.TABLE
        for node in element.childNodes:
            q = getattr(node, "qname", None)
            if q in ((T, "p"), (T, "h")):
                self._paragraph(node, place, in_list)
            elif q == (T, "list"):
                for item in node.childNodes:
                    self.walk(item, place, in_list + 1)
            elif q in ((T, "section"), (T, "list-item"), (T, "list-header"),
                       (TB, "table-header-rows"), (TB, "table-rows")):
                self.walk(node, place, in_list)
            elif q == (TB, "table"):
                self._table(node)

    def _runs(self, element: Any, bold: bool) -> list[Run]:
        T = self.TEXT
        runs: list[Run] = []
        for node in element.childNodes:
            if node.nodeType == node.TEXT_NODE:
                runs.append(Run(node.data, bold))
                continue
            q = getattr(node, "qname", None)
            if q == (T, "s"):
                runs.append(Run(" " * int(node.attributes.get((T, "c")) or 1), bold))
            elif q == (T, "tab"):
                runs.append(Run("\t", bold))
            elif q == (T, "line-break"):
                runs.append(Run("\n", bold))
            elif q in ((T, "span"), (T, "a"), (T, "note-body"), (T, "ruby-base")) or (
                    q == (T, "note")):
                own, _ = self._style(node.attributes.get((T, "style-name")))
                runs += self._runs(node, bold if own is None else own)
            elif q == (T, "p"):  # a note's paragraphs
                runs.append(Run(" ", bold))
                runs += self._runs(node, bold)
        return runs

    def _paragraph(self, node: Any, place: Place | None, in_list: int) -> None:
        T = self.TEXT
        bold, level = self._style(node.attributes.get((T, "style-name")))
        if node.qname == (T, "h"):
            level = int(node.attributes.get((T, "outline-level")) or 1)
        runs = self._runs(node, bool(bold))
        if not "".join(r.text for r in runs).strip():
            return
        if place is None:
            self.paragraphs += 1
            place = Place(paragraph=self.paragraphs)
        lines: list[list[Run]] = [[]]
        for run in runs:
            for i, part in enumerate(run.text.split("\n")):
                if i:
                    lines.append([])
                if part:
                    lines[-1].append(Run(part, run.bold))
        first = True
        for line in lines:
            for block in blocks_from_runs(line, place, heading=level, is_list=in_list > 0,
                                          indent=max(0, in_list - 1), gap_before=first):
                self.read.blocks.append(block)
                first = False

    def _table(self, table: Any) -> None:
        self.tables += 1
        TB = self.TABLE
        rows: list[tuple[Any, bool]] = []
        for child in table.childNodes:
            q = getattr(child, "qname", None)
            if q == (TB, "table-row"):
                rows.append((child, False))
            elif q in ((TB, "table-header-rows"), (TB, "table-rows")):
                rows += [(r, q == (TB, "table-header-rows")) for r in child.childNodes
                         if getattr(r, "qname", None) == (TB, "table-row")]
        for r, (row, header) in enumerate(rows, start=1):
            place = Place(table=self.tables, row=r)
            cells = [c for c in row.childNodes
                     if getattr(c, "qname", None) == (TB, "table-cell")]
            paragraphs = [[p for p in c.childNodes if getattr(p, "qname", None) in
                           ((self.TEXT, "p"), (self.TEXT, "h"))] for c in cells]
            texts = [[p for p in ps if "".join(x.text for x in self._runs(p, False)).strip()]
                     for ps in paragraphs]
            nested = any(getattr(x, "qname", None) == (TB, "table")
                         for c in cells for x in c.childNodes)
            if all(len(t) <= 1 for t in texts) and not nested:
                runs = [self._runs(t[0], bool(self._style(t[0].attributes.get(
                    (self.TEXT, "style-name")))[0])) if t else [] for t in texts]
                values = tuple("".join(x.text for x in rs).strip() for rs in runs)
                if not any(values):
                    continue
                visible = [x for rs in runs for x in rs if x.text.strip()]
                bold = bool(visible) and all(x.bold for x in visible)
                self.read.blocks.append(Block("\t".join(v for v in values if v), place,
                                              cells=values, bold=bold,
                                              header_row=header or (r == 1 and bold)))
                continue
            for cell in cells:
                self.walk(cell, place)
