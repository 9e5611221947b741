"""Minutes written as documents for the import tests: the seed text as a secretary would
save it from Word (headings, a table of attendees, bold titles) and as a PDF of the same
layout, and a plain structure that can be written as text, DOCX, ODT or PDF alike."""

from __future__ import annotations

import html
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

SEED_TXT = Path(__file__).parent / "data" / "seed.txt"


@dataclass
class Para:
    """One paragraph of a document: its kind (title, heading, text, bold_item, table,
    lines, bullets, numbered), its text (`**bold**` marks bold runs in text paragraphs),
    and rows for a table (`header`: its first row is a header row) or a bullet list."""

    kind: str
    text: str = ""
    rows: list[list[str]] = field(default_factory=list)
    header: bool = False


def _runs(text: str) -> list[tuple[str, bool]]:
    parts = re.split(r"(\*\*.+?\*\*)", text)
    return [(x[2:-2], True) if x.startswith("**") else (x, False) for x in parts if x]


def seed_document() -> list[Para]:
    """The seed minutes as a document: the council as the title, the section labels as
    headings (without their colons, as Word headings are written), the attendees as a
    table, short item lines as headings and bold ones bold, the contact as one
    paragraph broken with Shift+Enter."""
    paras: list[Para] = []
    lines = [x.strip() for x in SEED_TXT.read_text("utf-8").splitlines()]
    lines = [part for x in lines for part in re.sub(r"\*\*(?=\d+\. )", "\n**", x).split("\n")]
    contact: list[str] = []
    for line in lines:
        if not line:
            continue
        if not paras:
            paras.append(Para("title", line))
        elif re.fullmatch(r"[^\W\d_]+:", line):
            paras.append(Para("heading", line[:-1]))
        elif "\t" in line:
            if paras[-1].kind != "table":
                paras.append(Para("table"))
            paras[-1].rows.append(line.split("\t"))
        elif line.startswith("Kontakt:") or contact:
            contact.append(line)
        elif line.startswith("**") or re.fullmatch(r"\d+\. .*\*\*", line):
            paras.append(Para("bold_item", line.replace("**", "")))
        elif re.match(r"\d+\. ", line) and not line.endswith("."):
            paras.append(Para("heading", line.replace("**", "")))
        else:
            paras.append(Para("text", line))
    paras.append(Para("lines", "\n".join(contact)))
    return paras


def to_docx(paras: list[Para]) -> bytes:
    import docx

    document = docx.Document()
    for p in paras:
        if p.kind == "title":
            document.add_heading(p.text, level=1)
        elif p.kind == "heading":
            document.add_heading(p.text, level=2)
        elif p.kind == "bold_item":
            number, _, title = p.text.partition(" ")
            paragraph = document.add_paragraph(number + " ")
            paragraph.add_run(title).bold = True
        elif p.kind == "table":
            table = document.add_table(rows=0, cols=max(len(r) for r in p.rows))
            table.style = "Table Grid"
            for r, row in enumerate(p.rows):
                cells = table.add_row().cells
                for cell, value in zip(cells, row, strict=False):
                    cell.text = ""
                    cell.paragraphs[0].add_run(value).bold = p.header and r == 0
        elif p.kind == "bullets":
            for row in p.rows:
                document.add_paragraph(row[0], style="List Bullet")
        elif p.kind == "numbered":  # Word's own numbering: the number is not in the text
            document.add_paragraph(style="List Number").add_run(p.text).bold = True
        elif p.kind == "lines":
            paragraph = document.add_paragraph()
            for i, line in enumerate(p.text.split("\n")):
                run = paragraph.add_run(line)
                if i < len(p.text.split("\n")) - 1:
                    run.add_break()
        else:
            paragraph = document.add_paragraph()
            for text, bold in _runs(p.text):
                paragraph.add_run(text).bold = bold
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def to_html(paras: list[Para]) -> str:
    body = []
    for p in paras:
        text = html.escape(p.text)
        if p.kind == "title":
            body.append(f"<h1>{text}</h1>")
        elif p.kind == "heading":
            body.append(f"<h2>{text}</h2>")
        elif p.kind == "bold_item":
            number, _, title = p.text.partition(" ")
            body.append(f"<p>{html.escape(number)} <b>{html.escape(title)}</b></p>")
        elif p.kind == "table":
            rows = "".join("<tr>" + "".join(
                (f"<th>{html.escape(c)}</th>" if p.header and i == 0 else
                 f"<td>{html.escape(c)}</td>") for c in r) + "</tr>" for i, r in enumerate(p.rows))
            body.append(f"<table>{rows}</table>")
        elif p.kind == "bullets":
            body.append("<ul>" + "".join(f"<li>{html.escape(r[0])}</li>" for r in p.rows)
                        + "</ul>")
        elif p.kind == "lines":
            body.append("<p>" + "<br>".join(html.escape(x) for x in p.text.split("\n")) + "</p>")
        else:
            body.append("<p>" + "".join(f"<b>{html.escape(t)}</b>" if b else html.escape(t)
                                        for t, b in _runs(p.text)) + "</p>")
    style = ("body { font-family: 'DejaVu Sans'; font-size: 11pt; }"
             " h1 { font-size: 16pt; } h2 { font-size: 13pt; }"
             " td, th { padding: 1pt 24pt 1pt 0; vertical-align: top; text-align: left; }")
    return f"<html><head><style>{style}</style></head><body>{''.join(body)}</body></html>"


def to_pdf(paras: list[Para]) -> bytes:
    import weasyprint

    return weasyprint.HTML(string=to_html(paras)).write_pdf()


def to_odt(paras: list[Para]) -> bytes:
    from odf.opendocument import OpenDocumentText
    from odf.style import Style, TextProperties
    from odf.table import Table, TableCell, TableColumn, TableRow
    from odf.text import H, LineBreak, List, ListItem, P, Span

    document = OpenDocumentText()
    bold = Style(name="Bold", family="text")
    bold.addElement(TextProperties(fontweight="bold"))
    document.automaticstyles.addElement(bold)
    for p in paras:
        if p.kind in ("title", "heading"):
            document.text.addElement(H(outlinelevel=1 if p.kind == "title" else 2, text=p.text))
        elif p.kind == "bold_item":
            number, _, title = p.text.partition(" ")
            paragraph = P(text=number + " ")
            paragraph.addElement(Span(stylename=bold, text=title))
            document.text.addElement(paragraph)
        elif p.kind == "table":
            table = Table()
            table.addElement(TableColumn(numbercolumnsrepeated=max(len(r) for r in p.rows)))
            for r, row in enumerate(p.rows):
                tr = TableRow()
                for value in row:
                    cell = TableCell()
                    paragraph = P()
                    if p.header and r == 0:
                        paragraph.addElement(Span(stylename=bold, text=value))
                    else:
                        paragraph.addText(value)
                    cell.addElement(paragraph)
                    tr.addElement(cell)
                table.addElement(tr)
            document.text.addElement(table)
        elif p.kind == "bullets":
            items = List()
            for row in p.rows:
                item = ListItem()
                item.addElement(P(text=row[0]))
                items.addElement(item)
            document.text.addElement(items)
        elif p.kind == "lines":
            paragraph = P()
            for i, line in enumerate(p.text.split("\n")):
                if i:
                    paragraph.addElement(LineBreak())
                paragraph.addText(line)
            document.text.addElement(paragraph)
        else:
            paragraph = P()
            for text, is_bold in _runs(p.text):
                if is_bold:
                    paragraph.addElement(Span(stylename=bold, text=text))
                else:
                    paragraph.addText(text)
            document.text.addElement(paragraph)
    out = io.BytesIO()
    document.write(out)
    return out.getvalue()


# ---------------------------------------------------------------- other councils' layouts


def farsta() -> list[Para]:
    """A Word file: the date, time and place in a table of two columns, the attendees in a
    table with a header row, apologies and adjuncts as bullet lists, the items numbered by
    Word's own list numbering (the numbers are not in the text), "Beslutades att" and a
    "Beslut:" followed by bullets, the next meeting under a heading of its own."""
    return [
        Para("title", "Minnesanteckningar Lokala Brå Farsta"),
        Para("table", rows=[
            ["Datum", "2021-09-08"], ["Tid", "09.00–11.00"],
            ["Plats", "Farsta stadsdelsförvaltning, Lingvägen 123, rum Magelungen"]]),
        Para("heading", "Deltagare"),
        Para("table", header=True, rows=[
            ["Namn", "Funktion", "Organisation"],
            ["Ulla Berg", "Ordförande", "Farsta stadsdelsnämnd"],
            ["Johanna Ek", "Trygghetssamordnare", "Farsta stadsdelsförvaltning"],
            ["Omar Ali", "Kommunpolis", "Lokalpolisområde Farsta"],
            ["Petra Sjö", "Rektor", "Farstaskolan"],
            ["Nils Hed", "Fältassistent", "Farsta stadsdelsförvaltning"]]),
        Para("heading", "Förhinder"),
        Para("bullets", rows=[["Kalle Persson, Stockholmshem"],
                              ["Maja Lind, Räddningstjänsten Storstockholm"]]),
        Para("heading", "Adjungerad"),
        Para("bullets", rows=[["Eva Strand, samordnare, Farsta centrum AB (t.o.m. punkt 2)"]]),
        Para("text", "Mötesordförande: Ulla Berg"),
        Para("text", "Antecknat av: Johanna Ek"),
        Para("text", "Justerare: Omar Ali"),
        Para("numbered", "Inledning"),
        Para("text", "Ulla Berg hälsade alla välkomna. Minnesanteckningarna från förra mötet "
                     "lades till handlingarna."),
        Para("numbered", "Lägesbild"),
        Para("text", "Omar Ali redogjorde för lägesbilden. Inbrotten i källarförråd i Hökarängen "
                     "har ökat, och polisen uppmanar fastighetsägarna att se över låsen."),
        Para("text", "Beslutades att förvaltningen skickar ut information om källarinbrott till "
                     "bostadsrättsföreningarna i Hökarängen."),
        Para("numbered", "Trygghet i Farsta centrum"),
        Para("text", "Eva Strand berättade om centrumets nya ordningsvakter och den nya "
                     "belysningen vid bussterminalen."),
        Para("text", "Beslut:"),
        Para("bullets", rows=[["Rådet ställer sig bakom att centrumet förlänger "
                               "ordningsvakternas tider till kl. 22."],
                              ["Förvaltningen följer upp effekten till nästa möte."]]),
        Para("numbered", "Övriga frågor"),
        Para("text", "Petra Sjö tog upp oron bland föräldrar efter en skottlossning i Fagersjö. "
                     "Skolan har haft samtalsgrupper med eleverna."),
        Para("heading", "Nästa möte"),
        Para("text", "Onsdag 10 november 2021 kl. 9–11, Farsta stadsdelsförvaltning"),
        Para("text", "Kontaktperson: Johanna Ek, 08-508 18 000, johanna.ek@stockholm.se"),
    ]


def bromma() -> list[Para]:
    """A PDF: "Punkt 1" headings, the attendees in tables of three columns under
    "Närvarande ledamöter", "Övriga närvarande" and "Frånvarande", a place under "Lokal:",
    the meetings to come as an item, and the signatures in a table: "Vid protokollet" and
    "Justeras" over the names, the roles under them."""
    return [
        Para("title", "Bromma lokala brottsförebyggande råd"),
        Para("text", "Protokoll från sammanträde tisdagen den 15 oktober 2019 kl. 16.00–18.00"),
        Para("text", "Lokal: Bromma stadsdelsförvaltning, Brommaplan 4, sal Ängby"),
        Para("heading", "Närvarande ledamöter"),
        Para("table", rows=[["Anders Vik", "ordförande", "Bromma stadsdelsnämnd"],
                            ["Cecilia Ros", "ledamot", "Bromma stadsdelsnämnd"],
                            ["Göran Mark", "kommunpolis", "Lokalpolisområde Västerort"]]),
        Para("heading", "Övriga närvarande"),
        Para("table", rows=[["Linda Åberg", "trygghetsstrateg", "Bromma stadsdelsförvaltning"],
                            ["Emil Sund", "nattvandrare", "Föreningen Nattvandrarna i Bromma"]]),
        Para("heading", "Frånvarande"),
        Para("table", rows=[["Rebecka Tall", "rektor", "Brommagymnasiet"]]),
        Para("heading", "Punkt 1 Val av justerare"),
        Para("text", "Cecilia Ros utsågs att jämte ordföranden justera protokollet."),
        Para("heading", "Punkt 2 Skadegörelse vid Brommaplan"),
        Para("text", "Göran Mark redogjorde för skadegörelsen vid Brommaplans "
                     "tunnelbanestation, där glasrutor i väntkuren krossats vid flera tillfällen "
                     "under september."),
        Para("text", "Beslut: Rådet uppdrar åt förvaltningen att tillsammans med SL se över "
                     "kameraövervakningen vid Brommaplan."),
        Para("heading", "Punkt 3 Nattvandring"),
        Para("text", "Emil Sund berättade att föreningen söker fler vuxna nattvandrare inför "
                     "vintern. Se bifogad broschyr."),
        Para("text", "Rådet beslutade att sprida broschyren via skolorna i Bromma."),
        Para("heading", "Punkt 4 Kommande möten"),
        Para("text", "12 november 2019 kl. 16.00–18.00"),
        Para("text", "10 december 2019 kl. 16.00–18.00"),
        Para("text", "Plats: Brommaplan 4, sal Ängby"),
        Para("table", rows=[["Vid protokollet", "Justeras", ""],
                            ["Linda Åberg", "Anders Vik", "Cecilia Ros"],
                            ["sekreterare", "ordförande", "justerare"]]),
    ]


def norrmalm() -> list[Para]:
    """An OpenDocument file: "§1" without a space, "Ej närvarande", two adjusters after
    one label ("Justerare: … och …"), "Mötet beslutade", the secretary at the end."""
    return [
        Para("title", "Norrmalms råd för trygghet och brottsförebyggande arbete"),
        Para("text", "Protokoll"),
        Para("text", "Datum och tid: 2023-01-26 kl 15:00-16:30"),
        Para("text", "Plats: Norrmalms stadsdelsförvaltning, Fleminggatan 4, rum Kungsholmen"),
        Para("heading", "Närvarande"),
        Para("text", "Karl Berglund (S), ordförande"),
        Para("text", "Sofia Wall (M)"),
        Para("text", "Ahmed Nasser, kommunpolis, Lokalpolisområde Norrmalm"),
        Para("text", "Ingrid Hall, trygghetsstrateg, sekreterare"),
        Para("text", "Björn Ek, samordnare, Citysamverkan"),
        Para("heading", "Ej närvarande"),
        Para("text", "Tove Sand (V)"),
        Para("heading", "Adjungerade"),
        Para("text", "Peter Lo, Räddningstjänsten Storstockholm, fr.o.m. §3"),
        Para("text", "Justerare: Sofia Wall och Ahmed Nasser"),
        Para("heading", "§1 Öppnande"),
        Para("text", "Ordförande Karl Berglund öppnade sammanträdet."),
        Para("heading", "§2 Lägesbild City"),
        Para("text", "Ahmed Nasser redogjorde för lägesbilden. Fickstölderna på Drottninggatan "
                     "har ökat under julhandeln."),
        Para("text", "Mötet beslutade att Citysamverkan och polisen gemensamt informerar "
                     "butikerna."),
        Para("heading", "§3 Brandsäkerhet i tunnelbanan"),
        Para("text", "Peter Lo informerade om räddningstjänstens övning vid T-Centralen i mars. "
                     "Se bifogad presentation."),
        Para("heading", "§4 Övrigt"),
        Para("text", "Inga övriga frågor."),
        Para("heading", "Nästa sammanträde"),
        Para("text", "Torsdag 23 mars 2023 kl. 15.00–16.30 i Fleminggatan 4."),
        Para("text", "Vid protokollet: Ingrid Hall"),
    ]
