"""The one layout of the minutes as a standalone HTML page: CSS inline, no external
resources, every user text escaped. The PDF is this page printed (see pdf.py), so the
print rules (`@page`: A4, the running header, the footer with the protocol's id and
revision and the page number) live here too."""

from __future__ import annotations

import html
import re

from brotui import __version__
from brotui.core.publish.catalogue import label
from brotui.core.publish.layout import BREAK, HIDDEN, Doc, ItemView, Table, Text, plain

CSS = """
@page {
  size: A4;
  margin: 24mm 20mm 22mm 25mm;
  @top-left { content: @running@; font-size: 7.5pt; color: #555; vertical-align: bottom;
              padding-bottom: 3mm; }
  @bottom-left { content: @footer@; font-size: 7.5pt; color: #555; vertical-align: top;
                 padding-top: 3mm; }
  @bottom-right { content: @page-counter@; font-size: 7.5pt; color: #555; vertical-align: top;
                  padding-top: 3mm; }
}
@page :first { @top-left { content: none; } }
html { font-family: "DejaVu Sans", "Helvetica Neue", Arial, sans-serif; font-size: 9.5pt;
       line-height: 1.45; color: #111; background: #fff; }
body { margin: 0; }
@media screen {
  html { font-size: 11pt; background: #f3f3f0; }
  body { max-width: 46em; margin: 2em auto; padding: 2.5em 3em; background: #fff;
         box-shadow: 0 0 .4em rgba(0,0,0,.15); }
  .page-footer { display: block; }
}
.page-footer { display: none; margin-top: 3em; font-size: 8pt; color: #555; }
header.head { border-bottom: 1.2pt solid #222; padding-bottom: 8pt; margin-bottom: 12pt; }
.council { font-size: 10.5pt; font-weight: bold; margin: 0; }
.status { float: right; margin: 0 0 0 1em; padding: 1pt 5pt; border: .6pt solid #444;
          font-size: 8pt; }
h1 { font-size: 19pt; line-height: 1.15; margin: 12pt 0 0; }
.date { font-size: 11pt; margin: 2pt 0 0; }
.note { font-style: italic; margin: 6pt 0 0; font-size: 9pt; }
h2 { font-size: 10pt; color: #222; margin: 14pt 0 4pt; padding-bottom: 1pt;
     border-bottom: .4pt solid #bbb; break-after: avoid; }
h2.item-title { font-size: 10.5pt; color: #111; border: none; padding: 0; line-height: 1.3;
                margin: 0 0 3pt; }
table { border-collapse: collapse; }
table.people { width: 100%; margin: 0 0 2pt; }
table.people td { padding: 1.2pt 10pt 1.2pt 0; vertical-align: top; }
table.people td.name { width: 36%; font-weight: bold; }
table.people .note { color: #444; font-style: italic; white-space: nowrap; }
tr { break-inside: avoid; }
table.facts { margin: 12pt 0 4pt; }
table.facts th { text-align: left; font-weight: bold; padding: 1.2pt 12pt 1.2pt 0;
                 vertical-align: top; white-space: nowrap; }
table.facts td { padding: 1.2pt 0; vertical-align: top; }
section.items { margin-top: 14pt; border-top: .5pt solid #999; }
section.item { margin: 10pt 0 0; }
h2.item-title, p.item-lead { padding-left: 8mm; text-indent: -8mm; }
.num { display: inline-block; min-width: 8mm; box-sizing: border-box; padding-right: 1.5mm;
       text-indent: 0; font-weight: bold; }
.item-body { margin-left: 8mm; }
.item p { margin: 0 0 5pt; orphans: 2; widows: 2; }
h3 { font-size: 9.5pt; margin: 6pt 0 1pt; break-after: avoid; }
ul { margin: 0 0 5pt; padding-left: 1.3em; }
li { margin: 0 0 1pt; }
.attachments { margin: 4pt 0 5pt; }
.attachments .label { font-weight: bold; }
.dolt { background: #e6e6e6; border-bottom: .8pt dashed #555; }
section.tail { margin-top: 14pt; border-top: .5pt solid #999; }
table.record { width: 100%; margin: 2pt 0 4pt; }
table.record th { text-align: left; font-size: 8pt; color: #333; border-bottom: .5pt solid #777;
                  padding: 2pt 8pt 2pt 0; }
table.record td { padding: 2pt 8pt 2pt 0; vertical-align: top; border-bottom: .3pt solid #ccc; }
.contact p { margin: 0; }
"""


def esc(text: str) -> str:
    return html.escape(text, quote=True)


def css_string(text: str) -> str:
    """`text` as a CSS string literal: every character that is not a plain letter, digit
    or space written as a hex escape, so nothing in it can end the string or the style."""
    out = []
    for char in text:
        if (char.isalnum() and char.isascii()) or char == " ":
            out.append(char)
        else:
            out.append(f"\\{ord(char):x} ")  # the space ends the escape and is not shown
    return f'"{"".join(out)}"'


def _page_counter(lang: str) -> str:
    """'Sida {page} ({pages})' as CSS content: strings around counter(page), counter(pages)."""
    template = label("pub_page", lang)
    parts = []
    for piece in re.split(r"(\{page\}|\{pages\})", template):
        if piece == "{page}":
            parts.append("counter(page)")
        elif piece == "{pages}":
            parts.append("counter(pages)")
        elif piece:
            parts.append(css_string(piece))
    return " ".join(parts)


def runs(text: Text, lang: str) -> str:
    """Runs as HTML: escaped text, marked text in a span, breaks as <br>."""
    out = []
    for style, value in text:
        if style == BREAK:
            out.append("<br>")
        elif style == HIDDEN:
            title = esc(label("pub_not_for_publication", lang))
            out.append(f'<span class="dolt" title="{title}">{esc(value)}</span>')
        else:
            out.append(esc(value))
    return "".join(out)


def _people(doc: Doc) -> list[str]:
    out = []
    for group in doc.groups:
        out.append(f"<h2>{esc(group.label)}</h2>")
        out.append('<table class="people">')
        for row in group.rows:
            note = f' <span class="note">({runs(row.note, doc.lang)})</span>' if row.note else ""
            out.append(f'<tr><td class="name">{runs(row.name, doc.lang)}</td>'
                       f'<td class="role">{runs(row.role, doc.lang)}{note}</td></tr>')
        out.append("</table>")
    return out


def _item(item: ItemView, doc: Doc) -> list[str]:
    lang = doc.lang
    num = f'<span class="num">{esc(item.number)}</span>'
    out = ['<section class="item">']
    paras = list(item.paragraphs)
    if item.title is not None:
        out.append(f'<h2 class="item-title">{num}{runs(item.title, lang)}</h2>')
    elif paras:
        out.append(f'<p class="item-lead">{num}{runs(paras.pop(0), lang)}</p>')
    else:
        out.append(f'<h2 class="item-title">{num}</h2>')
    out.append('<div class="item-body">')
    out += [f"<p>{runs(p, lang)}</p>" for p in paras]
    if item.decisions:
        out.append(f"<h3>{esc(label('pub_decisions', lang))}</h3><ul>")
        out += [f"<li>{runs(d, lang)}</li>" for d in item.decisions]
        out.append("</ul>")
    if item.attachments:
        joined = ", ".join(runs(a, lang) for a in item.attachments)
        out.append(f'<p class="attachments"><span class="label">'
                   f"{esc(label('pub_attachments', lang))}:</span> {joined}</p>")
    out.append("</div></section>")
    return out


def _table(table: Table, lang: str) -> list[str]:
    out = [f"<h2>{esc(table.label)}</h2>", '<table class="record"><thead><tr>']
    out += [f"<th>{esc(h)}</th>" for h in table.header]
    out.append("</tr></thead><tbody>")
    for row in table.rows:
        out.append("<tr>" + "".join(f"<td>{runs(cell, lang)}</td>" for cell in row) + "</tr>")
    out.append("</tbody></table>")
    return out


def render_html(doc: Doc) -> str:
    """The Doc as a standalone HTML page (UTF-8)."""
    lang = doc.lang
    running = " · ".join(x for x in (plain(doc.council), doc.heading + " " + doc.date) if x)
    css = (CSS.replace("@running@", css_string(running))
           .replace("@footer@", css_string(doc.footer))
           .replace("@page-counter@", _page_counter(lang)))
    head = [
        "<!DOCTYPE html>", f'<html lang="{esc(lang)}">', "<head>", '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{esc(doc.title)}</title>",
        f'<meta name="generator" content="brotui {esc(__version__)}">',
        f'<meta name="keywords" content="{esc(", ".join(doc.keywords))}">',
        f"<style>{css}</style>", "</head>", "<body>",
    ]
    body = ['<header class="head">']
    if doc.status:
        body.append(f'<p class="status">{esc(doc.status)}</p>')
    body.append(f'<p class="council">{runs(doc.council, lang)}</p>')
    body.append(f"<h1>{esc(doc.heading)}</h1>")
    if doc.date:
        body.append(f'<p class="date">{esc(doc.date)}</p>')
    body += [f'<p class="note">{esc(n)}</p>' for n in doc.notes]
    body.append("</header>")
    body += _people(doc)
    if doc.facts:
        body.append('<table class="facts">')
        body += [f"<tr><th>{esc(name)}:</th><td>{runs(value, lang)}</td></tr>"
                 for name, value in doc.facts]
        body.append("</table>")
    if doc.items:
        body.append('<section class="items">')
        for item in doc.items:
            body += _item(item, doc)
        body.append("</section>")
    tail: list[str] = []
    if doc.next_meetings:
        tail.append(f"<h2>{esc(label('pub_next_meetings', lang))}</h2><ul>")
        tail += [f"<li>{runs(m, lang)}</li>" for m in doc.next_meetings]
        tail.append("</ul>")
    if doc.contact:
        tail.append(f"<h2>{esc(label('pub_contact', lang))}</h2>"
                    f'<div class="contact">')
        tail += [f"<p>{runs(c, lang)}</p>" for c in doc.contact]
        tail.append("</div>")
    if doc.signatures:
        tail += _table(doc.signatures, lang)
    if doc.corrections:
        tail += _table(doc.corrections, lang)
    if tail:
        body += ['<section class="tail">', *tail, "</section>"]
    body.append(f'<p class="page-footer">{esc(doc.footer)}</p>')
    body += ["</body>", "</html>", ""]
    return "\n".join(head + body)
