"""The minutes out of the terminal: each format holds the seed minutes in order, the PDF is
PDF/A-3b carrying its YAML, extracts hold only their items, and user text stays text."""

from __future__ import annotations

import copy
import datetime as dt
import io
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pypdf
import pytest

from brotui.core import codec, ops
from brotui.core.archive import Archive
from brotui.core.errors import BrotuiError
from brotui.core.model import Protocol
from brotui.core.publish import (
    EMBEDDED_NAME,
    FORMATS,
    Correction,
    Minutes,
    Options,
    Signature,
    export,
    read_pdf,
    source_yaml,
    view,
)
from tests.conftest import ALICE, SEED_ID
from tests.publish_helpers import (
    assert_in_order,
    docx_blocks,
    docx_text,
    flat,
    html_tags,
    html_text,
    markdown_html,
    pdf_pages_png,
    pdf_text,
)

SIGNATURES = (Signature("Abit Dundar", "Ordförande", dt.date(2020, 2, 27), "a1b2c3d4e5f6a7b8"),
              Signature("Maria Ljuslin", "Justerare", dt.date(2020, 2, 28)))
CORRECTIONS = (Correction(dt.date(2020, 3, 2), "Clas Cederlid", "Fel datum i punkt 2",
                          "28 mars ändrat till 28 februari"),)


@pytest.fixture
def seed(repo: Path) -> tuple[Minutes, bytes]:
    """The seed minutes as the archive holds them: read at the tip with the real codec."""
    revision = Archive(repo).read(SEED_ID)
    parsed = revision.parsed()
    assert parsed.ok and parsed.protocol is not None
    return Minutes(SEED_ID, parsed.protocol, revision.commit), revision.data


def body(data: bytes, fmt: str) -> str:
    """What a reader of the file reads, as text: the PDF without its running header and
    footer (a paragraph across a page break reads whole), the DOCX's paragraphs and tables,
    the HTML page's text, the Markdown as a CommonMark renderer shows it."""
    if fmt == "pdf":
        lines = pdf_text(data).replace("\f", "\n").splitlines()
        running = re.compile(r"Sida \d+ \(\d+\)|Page \d+ of \d+|.*(version|revision) [0-9a-f]+"
                             r"|.* · (Protokoll|Minutes|Utdrag ur protokoll|Extract from).*")
        return "\n".join(x for x in lines if not running.fullmatch(x.strip()))
    if fmt == "docx":
        return docx_text(data)
    if fmt == "html":
        return html_text(data.decode("utf-8"))
    return html_text(markdown_html(data.decode("utf-8")))


def paragraphs(text: str | None) -> list[str]:
    return [p.strip() for p in re.split(r"\n\s*\n", text or "") if p.strip()]


def seed_in_order(p: Protocol, lang: str) -> list[str]:
    """Everything the seed document says, in its order."""
    sv = lang == "sv"
    parts = [p.council or "", "Protokoll" if sv else "Minutes",
             "torsdagen den 20 februari 2020" if sv else "Thursday 20 February 2020",
             "Närvarande" if sv else "Present"]
    for a in p.attendees:
        parts += [a.name or "", a.role or ""]
    parts += ["Tidpunkt" if sv else "Time",
              "Torsdagen den 20 februari 2020 kl. 15.00–17.00" if sv
              else "Thursday 20 February 2020, 15:00–17:00",
              "Plats" if sv else "Place", p.location or ""]
    for item in p.items:
        parts.append(f"{item.number}.")
        if item.title:
            parts.append(item.title)
        parts += paragraphs(item.text)
        if item.attachments:
            parts += ["Bilagor" if sv else "Attachments", *item.attachments]
    parts += ["Kommande möten" if sv else "Next meetings",
              "Torsdagen den 14 maj 2020 kl. 15.00–17.00" if sv
              else "Thursday 14 May 2020, 15:00–17:00",
              "Besöksrum 1, plan 9, Telefonvägen 30", "Kontakt" if sv else "Contact",
              "Clas Cederlid", "08 508 23 326", "clas.cederlid@stockholm.se"]
    return parts


@pytest.mark.parametrize("fmt", FORMATS)
def test_each_format_holds_the_seed_minutes_in_order(seed: tuple[Minutes, bytes],
                                                      fmt: str) -> None:
    minutes, _ = seed
    text = body(export(minutes, fmt, Options(lang="sv")), fmt)
    assert_in_order(text, seed_in_order(minutes.protocol, "sv"))
    for word in ("Hägersten-Liljeholmens", "Mälarhöjdens", "Älvsjö", "Övrigt", "Skärmtaket",
                 "närings", "Besöksrum"):
        assert word in text  # Swedish letters intact, as letters (not ä as a + ring)


@pytest.mark.parametrize("fmt", FORMATS)
def test_in_english_the_labels_and_dates_are_english(seed: tuple[Minutes, bytes],
                                                      fmt: str) -> None:
    minutes, _ = seed
    text = body(export(minutes, fmt, Options(lang="en")), fmt)
    assert_in_order(text, seed_in_order(minutes.protocol, "en"))
    for swedish in ("Protokoll", "Närvarande", "Tidpunkt", "Kontakt", "torsdagen den 20"):
        assert swedish not in text


@pytest.mark.parametrize("fmt", FORMATS)
def test_signatures_and_corrections_render_when_present(seed: tuple[Minutes, bytes],
                                                         fmt: str) -> None:
    minutes, _ = seed
    plain = body(export(minutes, fmt, Options(lang="sv")), fmt)
    assert "Justering" not in plain and "Rättelser" not in plain
    signed = Minutes(SEED_ID, minutes.protocol, minutes.revision, SIGNATURES, CORRECTIONS)
    text = body(export(signed, fmt, Options(lang="sv")), fmt)
    assert_in_order(text, ["clas.cederlid@stockholm.se", "Justering",
                           "Abit Dundar", "Ordförande", "2020-02-27", "a1b2c3d4e5f6",
                           "Maria Ljuslin", "Justerare", "2020-02-28",
                           "Rättelser", "2020-03-02", "Clas Cederlid", "Fel datum i punkt 2",
                           "28 mars ändrat till 28 februari"])


# ------------------------------------------------------------------ PDF/A


def _fonts(reader: pypdf.PdfReader) -> list[dict[str, Any]]:
    """The font descriptor of every font the pages use."""
    out = []
    for page in reader.pages:
        fonts = page["/Resources"].get_object().get("/Font", {})
        for ref in fonts.values():
            font = ref.get_object()
            if font.get("/Subtype") == "/Type0":
                font = font["/DescendantFonts"][0].get_object()
            out.append(font["/FontDescriptor"].get_object())
    return out


def test_the_pdf_is_pdf_a_3b_with_fonts_embedded_and_its_yaml_inside(
        seed: tuple[Minutes, bytes]) -> None:
    minutes, file_bytes = seed
    data = export(minutes, "pdf", Options(lang="sv"))
    reader = pypdf.PdfReader(io.BytesIO(data))
    assert reader.pdf_header == "%PDF-1.7"
    # PDF/A identification in the XMP: part 3, conformance B
    xmp = reader.trailer["/Root"]["/Metadata"].get_object().get_data()
    rdf = ET.fromstring(xmp[xmp.index(b"<rdf:RDF"):xmp.index(b"</rdf:RDF>") + 10])
    pdfaid = "{http://www.aiim.org/pdfa/ns/id/}"
    ids = {k: v for d in rdf for k, v in d.attrib.items() if k.startswith(pdfaid)}
    assert ids == {f"{pdfaid}part": "3", f"{pdfaid}conformance": "B"}
    assert "/OutputIntents" in reader.trailer["/Root"]
    # every font embedded
    fonts = _fonts(reader)
    assert fonts and all(any(k in f for k in ("/FontFile", "/FontFile2", "/FontFile3"))
                         for f in fonts)
    # the YAML rides inside, byte for byte the canonical file, as the source
    embedded = reader.attachments[EMBEDDED_NAME]
    assert embedded == [codec.dump(minutes.protocol).encode("utf-8")]
    assert embedded[0] == file_bytes  # the file in git is canonical: the same bytes
    assert "/AF" in reader.trailer["/Root"]
    # id and revision in the metadata, as read_pdf reads them back
    source = read_pdf(data)
    assert (source.protocol_id, source.revision, source.view) == \
        (SEED_ID, minutes.revision, "full")
    assert source.protocol.protocol == minutes.protocol
    assert f"brotui-revision={minutes.revision}" in str(reader.metadata["/Keywords"])


def test_the_pdf_is_a4_with_the_id_revision_and_page_in_every_footer(
        seed: tuple[Minutes, bytes], tmp_path: Path) -> None:
    minutes, _ = seed
    data = export(minutes, "pdf", Options(lang="sv"))
    reader = pypdf.PdfReader(io.BytesIO(data))
    pages = pdf_text(data).split("\f")[:len(reader.pages)]
    assert len(pages) >= 2
    assert minutes.revision is not None
    for n, (page, text) in enumerate(zip(reader.pages, pages, strict=True), 1):
        box = page.mediabox
        assert (round(float(box.width)), round(float(box.height))) == (595, 842)  # A4
        assert f"Sida {n} ({len(pages)})" in text
        assert f"{SEED_ID}, version {minutes.revision[:12]}" in text
    assert len(pdf_pages_png(data, tmp_path)) == len(pages)  # pdftoppm draws every page


def test_read_pdf_refuses_a_pdf_brotui_did_not_write(tmp_path: Path) -> None:
    from weasyprint import HTML

    other = HTML(string="<p>Ett annat dokument</p>").write_pdf()
    with pytest.raises(BrotuiError, match="brotui-id"):
        read_pdf(other, "annat.pdf")
    with pytest.raises(BrotuiError, match=r"annat\.pdf"):
        read_pdf(b"%PDF-1.7 trasig", "annat.pdf")


# ------------------------------------------------------------------ Word


def test_the_docx_uses_word_styles_and_a_table_of_attendees(
        seed: tuple[Minutes, bytes]) -> None:
    minutes, _ = seed
    p = copy.deepcopy(minutes.protocol)
    p.items[4].decisions = ["att uppdra åt förvaltningen att ta fram en plan"]
    blocks = docx_blocks(export(Minutes(SEED_ID, p, minutes.revision), "docx",
                                Options(lang="sv")))
    styles = dict((text, style) for style, text in blocks)
    assert styles["Protokoll"] == "Title"
    assert styles["torsdagen den 20 februari 2020"] == "Subtitle"
    assert styles["Närvarande"] == "Heading 1"
    assert styles["6. Övrigt"] == "Heading 1"
    assert styles["Beslut"] == "Heading 2"
    assert styles["att uppdra åt förvaltningen att ta fram en plan"] == "List Bullet"
    rows = [text for style, text in blocks if style == "table"]
    attendees = [f"{a.name} | {a.role}" for a in p.attendees]
    assert rows[:len(attendees)] == attendees


# ------------------------------------------------------------------ extracts


@pytest.mark.parametrize("fmt", FORMATS)
def test_an_extract_holds_its_items_and_no_other_paragraph(seed: tuple[Minutes, bytes],
                                                          fmt: str) -> None:
    minutes, _ = seed
    p = minutes.protocol
    signed = Minutes(SEED_ID, p, minutes.revision, SIGNATURES)
    text = body(export(signed, fmt, Options(lang="sv", items=(4, 6))), fmt)
    kept = [x for x in p.items if x.number in (4, 6)]
    kept_texts = {t for x in kept for t in [x.title, *paragraphs(x.text)]}
    assert_in_order(text, [p.council or "", "Utdrag ur protokoll",
                           "torsdagen den 20 februari 2020", "Närvarande", "Abit Dundar",
                           "Tidpunkt", "Plats",
                           *[t for x in kept for t in [f"{x.number}.", x.title or "",
                                                       *paragraphs(x.text)]],
                           "Justering", "Abit Dundar", "Maria Ljuslin"])
    others = [t for x in p.items if x.number not in (4, 6)
              for t in [x.title, *paragraphs(x.text)] if t and t not in kept_texts]
    assert others  # §1, §2, §5, §7 have text of their own
    for other in others:
        assert flat(other) not in flat(text)
    assert "Kommande möten" not in text  # neither item 7 nor the next meetings


def test_an_extract_of_an_item_that_is_not_there_is_refused(
        seed: tuple[Minutes, bytes]) -> None:
    minutes, _ = seed
    with pytest.raises(BrotuiError, match="ingen punkt 9"):
        export(minutes, "md", Options(lang="sv", items=(4, 9)))


def test_the_pdf_of_an_extract_embeds_only_what_it_shows(seed: tuple[Minutes, bytes]) -> None:
    minutes, _ = seed
    data = export(minutes, "pdf", Options(lang="sv", items=(4, 6)))
    source = read_pdf(data)
    assert source.view == "extract:4+6"
    shown = source.protocol.protocol
    assert shown is not None and [x.number for x in shown.items] == [4, 6]
    assert b"Sammantr\xc3\xa4det" not in source.source  # §1's text


# ------------------------------------------------------------------ user text is text

HOSTILE = ("<script>alert(1)</script> **fet** [länk](http://x.example) </style> &amp; "
           "`kod` <b>b</b> \x1b[31mröd\x07 \u202eabc")


@pytest.mark.parametrize("fmt", FORMATS)
def test_markup_and_control_characters_in_the_minutes_are_shown_as_text(
        seed: tuple[Minutes, bytes], fmt: str) -> None:
    minutes, _ = seed
    p = copy.deepcopy(minutes.protocol)
    p.items[5].text = HOSTILE + "\n# inte en rubrik\n- inte en lista\n1. inte numrerad"
    p.attendees[0].role = "<i>Ordförande</i>"
    data = export(Minutes(SEED_ID, p, minutes.revision), fmt, Options(lang="sv"))
    text = body(data, fmt)
    expected = ("<script>alert(1)</script> **fet** [länk](http://x.example) </style> &amp; "
                "`kod` <b>b</b> \\x1b[31mröd\\x07 \\u202eabc")
    assert flat(expected) in flat(text)
    for line in ("# inte en rubrik", "- inte en lista", "1. inte numrerad", "<i>Ordförande</i>"):
        assert line in text
    if fmt == "html":
        tags = html_tags(data.decode("utf-8"))
        assert "script" not in tags and "b" not in tags and "i" not in tags
    if fmt == "md":
        rendered = markdown_html(data.decode("utf-8"))
        assert "<script>" not in rendered and "<a " not in rendered
        assert "<strong>fet</strong>" not in rendered and "<h1>inte" not in rendered
        assert "<ul>\n<li>inte" not in rendered and "<ol>" not in rendered
    assert "\x1b" not in text and "\u202e" not in text
    if fmt in ("html", "md"):
        assert "\x1b" not in data.decode("utf-8") and "\u202e" not in data.decode("utf-8")


def test_importing_the_package_does_not_load_weasyprint_or_word() -> None:
    code = ("import sys, brotui.core.publish\n"
            "print(sorted(m for m in ('weasyprint', 'docx', 'pypdf') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert out.strip() == "[]"


def test_an_unknown_format_is_refused_with_the_formats(seed: tuple[Minutes, bytes]) -> None:
    minutes, _ = seed
    with pytest.raises(BrotuiError, match="pdf, docx, md, html"):
        export(minutes, "odt", Options(lang="sv"))


def test_a_protocol_saved_again_exports_the_new_text(repo: Path) -> None:
    archive = Archive(repo)
    p = archive.load(SEED_ID)
    p.items[5].text = "Helt ny text om skärmtaket."
    commit = ops.save(archive, SEED_ID, p, ALICE).commit
    revision = archive.read(SEED_ID)
    assert revision.commit == commit
    protocol = revision.parsed().protocol
    assert protocol is not None
    text = body(export(Minutes(SEED_ID, protocol, commit), "html", Options(lang="sv")), "html")
    assert "Helt ny text om skärmtaket." in text and "Frågan om hur vi" not in text


def test_a_pdf_says_how_to_make_its_view_again_from_the_archive(repo: Path) -> None:
    """What `brotui verify FILE.pdf` does: the revision and view the PDF names, made again
    from the archive, give back the YAML it carries, byte for byte."""
    archive = Archive(repo)
    p = archive.load(SEED_ID)
    p.items[5].text = "Klotter vid [[dolt: Storgatan 5]] anmäldes."
    commit = ops.save(archive, SEED_ID, p, ALICE).commit
    assert commit is not None
    data = export(Minutes(SEED_ID, p, commit), "pdf", Options(lang="sv", items=(4, 6),
                                                             public=True))
    source = read_pdf(data)
    assert source.options() == Options(lang="sv", items=(4, 6), public=True)
    again = view(Minutes(source.protocol_id, archive.load(SEED_ID, source.revision),
                         source.revision), source.options())
    assert source_yaml(again) == source.source
    p.items[5].text = "Klotter anmäldes."  # a later revision does not match
    other = view(Minutes(SEED_ID, p), source.options())
    assert source_yaml(other) != source.source


def test_the_html_page_stands_alone(seed: tuple[Minutes, bytes]) -> None:
    minutes, _ = seed
    p = copy.deepcopy(minutes.protocol)
    p.items[5].text = 'Se <img src="http://x.example/a.png"> och url(http://x.example/b)'
    page = export(Minutes(SEED_ID, p, minutes.revision), "html", Options(lang="sv")).decode()
    tags = html_tags(page)
    assert not {"link", "img", "script", "iframe", "object", "base"} & set(tags)
    names: set[str] = set()

    class Attributes(HTMLParser):
        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            names.update(name for name, _ in attrs)

    Attributes().feed(page)
    assert names <= {"lang", "charset", "name", "content", "class", "title"}
    style = page[page.index("<style>"):page.index("</style>")]
    assert "url(" not in style and "@import" not in style
    assert '&lt;img src=&quot;http://x.example/a.png&quot;&gt;' in page
