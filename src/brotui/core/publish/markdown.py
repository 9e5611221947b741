"""The minutes as Markdown (CommonMark, with a GFM table for signatures and corrections).

Every character of the protocol's text that Markdown would read as markup is escaped
with a backslash, so `**fet**`, `<script>` or `[länk](x)` in the minutes show as those
characters; text marked not for publication (in the full copy) is written with its
mark, `[[dolt: …]]`, as the protocol's file says it."""

from __future__ import annotations

import re

from brotui.core.publish.catalogue import label
from brotui.core.publish.layout import BREAK, HIDDEN, Doc, ItemView, Table, Text

_INLINE_RE = re.compile(r"([\\`*_\[\]<>|~&])")
# What starts a block at the beginning of a line: a heading, quote, list item, rule,
# setext underline; `1.` and `1)` start an ordered list.
_LINE_START_RE = re.compile(r"^([#>+=-])|^(\d+)([.)])")


def esc(text: str) -> str:
    text = _INLINE_RE.sub(r"\\\1", text)
    return _LINE_START_RE.sub(lambda m: f"\\{m[1]}" if m[1] else f"{m[2]}\\{m[3]}", text)


def md(text: Text, indent: str = "", table: bool = False) -> str:
    """Runs as Markdown inline text; a break is a hard line break (a space in a table)."""
    out = []
    at_start = True
    for style, value in text:
        if style == BREAK:
            out.append(" " if table else "\\\n" + indent)
            at_start = True
            continue
        piece = f"[[dolt: {value}]]" if style == HIDDEN else value
        piece = esc(piece) if at_start else _INLINE_RE.sub(r"\\\1", piece)
        out.append(piece)
        at_start = False
    return "".join(out)


def _item(item: ItemView, lang: str) -> list[str]:
    out: list[str] = []
    paras = list(item.paragraphs)
    number = item.number
    if item.title is not None:
        out.append(f"## {number} {md(item.title)}".replace("##  ", "## "))
    elif paras:
        out.append(f"**{number}** {md(paras.pop(0))}" if number else md(paras.pop(0)))
    else:
        out.append(f"## {number}")
    out += [md(p) for p in paras]
    if item.decisions:
        out.append(f"### {label('pub_decisions', lang)}")
        out.append("\n".join(f"- {md(d, '  ')}" for d in item.decisions))
    if item.attachments:
        names = ", ".join(md(a) for a in item.attachments)
        out.append(f"**{label('pub_attachments', lang)}:** {names}")
    return out


def _table(table: Table) -> list[str]:
    rows = ["| " + " | ".join(esc(h) for h in table.header) + " |",
            "|" + "---|" * len(table.header)]
    rows += ["| " + " | ".join(md(cell, table=True) for cell in row) + " |"
             for row in table.rows]
    return [f"## {esc(table.label)}", "\n".join(rows)]


def render_markdown(doc: Doc) -> str:
    """The Doc as Markdown text."""
    lang = doc.lang
    out: list[str] = []
    if doc.status:
        out.append(f"*{esc(doc.status)}*")
    out.append(f"**{md(doc.council)}**")
    out.append(f"# {esc(doc.heading)}")
    if doc.date:
        out.append(esc(doc.date))
    out += [f"*{esc(n)}*" for n in doc.notes]
    for group in doc.groups:
        out.append(f"## {esc(group.label)}")
        lines = []
        for row in group.rows:
            text = md(row.name, "  ")
            if row.role:
                text += ", " + md(row.role, "  ")
            if row.note:
                text += f" ({md(row.note, '  ')})"
            lines.append(f"- {text}")
        out.append("\n".join(lines))
    if doc.facts:
        out.append("\\\n".join(f"**{esc(name)}:** {md(value)}" for name, value in doc.facts))
    for item in doc.items:
        out += _item(item, lang)
    if doc.next_meetings:
        out.append(f"## {esc(label('pub_next_meetings', lang))}")
        out.append("\n".join(f"- {md(m, '  ')}" for m in doc.next_meetings))
    if doc.contact:
        out.append(f"## {esc(label('pub_contact', lang))}")
        out.append("\\\n".join(md(c) for c in doc.contact))
    for table in (doc.signatures, doc.corrections):
        if table is not None:
            out += _table(table)
    out.append(f"*{esc(doc.footer)}*")
    return "\n\n".join(out) + "\n"
