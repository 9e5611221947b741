"""The minutes as a Word document (DOCX, python-docx), in Word's own styles so a registry
can restyle it: Title ("Protokoll"), Subtitle (the date), Heading 1 for each part and
each item, Heading 2 for an item's decisions, List Bullet for decisions and next
meetings, tables for the attendees, the signatures and the corrections; text marked not
for publication (in the full copy) carries the character style "Ej för publicering" /
"Not for publication". A4, the protocol's id, revision and the page in the footer."""

from __future__ import annotations

import io

from docx import Document as new_document
from docx.document import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_COLOR_INDEX, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from docx.text.paragraph import Paragraph

from brotui import __version__
from brotui.core.publish.catalogue import label
from brotui.core.publish.layout import BREAK, HIDDEN, Doc, ItemView, Table, Text, plain

_LANG_TAGS = {"sv": "sv-SE", "en": "en-GB"}


def _add_runs(paragraph: Paragraph, text: Text, hidden_style: str, bold: bool = False) -> None:
    for style, value in text:
        if style == BREAK:
            paragraph.add_run().add_break()
            continue
        run = paragraph.add_run(value)
        if style == HIDDEN:
            run.style = hidden_style
        if bold:
            run.bold = True


def _field(paragraph: Paragraph, instruction: str, shown: str) -> None:
    """A Word field (PAGE, NUMPAGES) with a result to show until Word updates it."""
    fld = OxmlElement("w:fldSimple")
    fld.set(qn("w:instr"), instruction)
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = shown
    run.append(text)
    fld.append(run)
    paragraph._p.append(fld)


def _setup(document: Document, doc: Doc) -> str:
    """A4 and margins, the document's language, its properties; the name of the
    character style for text not for publication."""
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.top_margin, section.bottom_margin = Cm(2.4), Cm(2.2)
    section.left_margin, section.right_margin = Cm(2.5), Cm(2.0)
    normal = document.styles["Normal"]
    normal.font.size = Pt(10.5)
    rpr = normal.element.get_or_add_rPr()
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), _LANG_TAGS.get(doc.lang, doc.lang))
    rpr.append(lang)
    hidden_name = label("pub_not_for_publication", doc.lang)
    hidden = document.styles.add_style(hidden_name, WD_STYLE_TYPE.CHARACTER)
    hidden.font.highlight_color = WD_COLOR_INDEX.GRAY_25
    props = document.core_properties
    props.title = doc.title
    props.subject = plain(doc.council)
    props.identifier = doc.protocol_id
    props.keywords = ", ".join(doc.keywords)
    props.language = _LANG_TAGS.get(doc.lang, doc.lang)
    props.author = props.last_modified_by = f"brotui {__version__}"
    props.comments = ""
    props.revision = 1
    footer = section.footer.paragraphs[0]
    footer.style = document.styles["Footer"]
    width = section.page_width - section.left_margin - section.right_margin
    footer.paragraph_format.tab_stops.add_tab_stop(width, WD_TAB_ALIGNMENT.RIGHT)
    footer.add_run(doc.footer + "\t")
    template = label("pub_page", doc.lang)
    before, _, rest = template.partition("{page}")
    middle, _, after = rest.partition("{pages}")
    footer.add_run(before)
    _field(footer, "PAGE", "1")
    footer.add_run(middle)
    _field(footer, "NUMPAGES", "1")
    footer.add_run(after)
    for run in footer.runs:
        run.font.size = Pt(8)
    return hidden_name


def _table(document: Document, rows: list[list[Text]], hidden: str,
           header: list[str] | None = None, widths: list[float] | None = None,
           bold_first: bool = False, style: str | None = None) -> None:
    cols = len(header) if header else max(len(r) for r in rows)
    table = document.add_table(rows=0, cols=cols)
    if style:
        table.style = document.styles[style]
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    if header:
        cells = table.add_row().cells
        for cell, name in zip(cells, header, strict=True):
            cell.paragraphs[0].add_run(name).bold = True
    for row in rows:
        cells = table.add_row().cells
        for i, (cell, value) in enumerate(zip(cells, row, strict=False)):
            _add_runs(cell.paragraphs[0], value, hidden, bold=bold_first and i == 0)
    if widths:
        for row in table.rows:
            for cell, width in zip(row.cells, widths, strict=False):
                cell.width = Cm(width)


def _item(document: Document, item: ItemView, hidden: str, lang: str) -> None:
    paras = list(item.paragraphs)
    if item.title is not None:
        heading = document.add_paragraph(style="Heading 1")
        if item.number:
            heading.add_run(item.number + " ")
        _add_runs(heading, item.title, hidden)
    else:
        lead = document.add_paragraph()
        lead.add_run(item.number + " ").bold = True
        if paras:
            _add_runs(lead, paras.pop(0), hidden)
    for para in paras:
        _add_runs(document.add_paragraph(), para, hidden)
    if item.decisions:
        document.add_paragraph(label("pub_decisions", lang), style="Heading 2")
        for decision in item.decisions:
            _add_runs(document.add_paragraph(style="List Bullet"), decision, hidden)
    if item.attachments:
        names = document.add_paragraph()
        names.add_run(label("pub_attachments", lang) + ": ").bold = True
        for i, attachment in enumerate(item.attachments):
            if i:
                names.add_run(", ")
            _add_runs(names, attachment, hidden)


def render_docx(doc: Doc) -> bytes:
    """The Doc as the bytes of a .docx file."""
    document = new_document()
    hidden = _setup(document, doc)
    lang = doc.lang
    if doc.status:
        document.add_paragraph(doc.status).runs[0].italic = True
    _add_runs(document.add_paragraph(), doc.council, hidden, bold=True)
    document.add_paragraph(doc.heading, style="Title")
    if doc.date:
        document.add_paragraph(doc.date, style="Subtitle")
    for note in doc.notes:
        document.add_paragraph().add_run(note).italic = True
    for group in doc.groups:
        document.add_paragraph(group.label, style="Heading 1")
        rows = [[r.name, r.role, r.note] if any(x.note for x in group.rows) else [r.name, r.role]
                for r in group.rows]
        _table(document, rows, hidden, widths=[5.5, 8.0, 3.0], bold_first=True)
    if doc.facts:
        document.add_paragraph()
        _table(document, [[[("text", name + ":")], value] for name, value in doc.facts],
               hidden, widths=[3.2, 13.3], bold_first=True)
    for item in doc.items:
        _item(document, item, hidden, lang)
    if doc.next_meetings:
        document.add_paragraph(label("pub_next_meetings", lang), style="Heading 1")
        for meeting in doc.next_meetings:
            _add_runs(document.add_paragraph(style="List Bullet"), meeting, hidden)
    if doc.contact:
        document.add_paragraph(label("pub_contact", lang), style="Heading 1")
        para = document.add_paragraph()
        for i, part in enumerate(doc.contact):
            if i:
                para.add_run().add_break()
            _add_runs(para, part, hidden)
    for table in (doc.signatures, doc.corrections):
        if table is not None:
            _record(document, table, hidden)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _record(document: Document, table: Table, hidden: str) -> None:
    document.add_paragraph(table.label, style="Heading 1")
    _table(document, table.rows, hidden, header=table.header, style="Table Grid")
