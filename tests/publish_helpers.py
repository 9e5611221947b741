"""Reading exported minutes back as a reader would: the PDF's text (poppler's pdftotext),
the DOCX's paragraphs and tables in order (python-docx), an HTML page's text, Markdown
rendered by a CommonMark renderer."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import tempfile
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import docx
import pytest
from docx.table import Table
from docx.text.paragraph import Paragraph
from markdown_it import MarkdownIt


def tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.fail(f"{name} is missing: the export tests need poppler-utils "
                    "(.ci/run installs it)")
    return path


def pdf_text(data: bytes) -> str:
    with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
        f.write(data)
        f.flush()
        return subprocess.run([tool("pdftotext"), "-enc", "UTF-8", f.name, "-"], check=True,
                              capture_output=True).stdout.decode("utf-8")


def pdf_pages_png(data: bytes, folder: Path) -> list[Path]:
    pdf = folder / "minutes.pdf"
    pdf.write_bytes(data)
    subprocess.run([tool("pdftoppm"), "-png", "-r", "30", str(pdf), str(folder / "page")],
                   check=True)
    return sorted(folder.glob("page*.png"))


def docx_blocks(data: bytes) -> list[tuple[str, str]]:
    """(style, text) of every paragraph and, for tables, ("table", row text) in order."""
    document = docx.Document(io.BytesIO(data))
    out: list[tuple[str, str]] = []
    for child in document.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            para = Paragraph(child, document)
            out.append((para.style.name if para.style is not None else "", para.text))
        elif tag == "tbl":
            for row in Table(child, document).rows:
                out.append(("table", " | ".join(cell.text for cell in row.cells)))
    return out


def docx_text(data: bytes) -> str:
    return "\n".join(text for _, text in docx_blocks(data))


def docx_all_xml(data: bytes) -> str:
    """Every XML part of the .docx (body, footer, properties, styles) as one text."""
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return "\n".join(z.read(name).decode("utf-8", "replace") for name in z.namelist())


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        if tag in ("style", "script", "head"):
            self.skip += 1
        if tag in ("p", "br", "li", "tr", "h1", "h2", "h3", "td", "th"):
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("style", "script", "head"):
            self.skip -= 1

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.parts.append(data)


def html_text(page: str) -> str:
    parser = _Text()
    parser.feed(page)
    return "".join(parser.parts)


def html_tags(page: str) -> list[str]:
    parser = _Text()
    parser.feed(page)
    return parser.tags


def markdown_html(text: str) -> str:
    return MarkdownIt("commonmark").enable("table").render(text)


def flat(text: str) -> str:
    """Every run of white space as one space: lines wrapped differently read the same."""
    return re.sub(r"\s+", " ", text).strip()


def assert_in_order(text: str, parts: list[str]) -> None:
    """Each of `parts` occurs in `text`, each after the one before (white space flattened)."""
    hay = flat(text)
    pos = 0
    for part in parts:
        needle = flat(part)
        found = hay.find(needle, pos)
        assert found >= 0, (f"{needle!r} not found after position {pos}: "
                            f"...{hay[max(0, pos - 80):pos + 80]!r}...")
        pos = found + len(needle)
