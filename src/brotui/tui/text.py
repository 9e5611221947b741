"""User text on screen: always data, never markup, never raw control characters."""

from __future__ import annotations

from rich.text import Text

from brotui.core.render import Line
from brotui.core.search import Query, fold
from brotui.core.text import visible

MATCH = "bold reverse"  # a search hit: readable in 16 colours and without any

# How each span role of brotui.core.render looks.
STYLES = {
    "heading": "bold",
    "title": "bold",
    "status": "italic",
    "label": "bold",
    "number": "bold",
    "muted": "dim",
    "text": "",
}


def safe(text: str | None, style: str = "") -> Text:
    """A Rich Text of user text: not parsed as markup, control characters shown as \\xNN."""
    return Text(visible(text or ""), style=style, no_wrap=False)


def lines_to_text(lines: list[Line]) -> Text:
    """Rendered minutes (see brotui.core.render.minutes) as one styled Text."""
    out = Text()
    for line in lines:
        for role, span in line:
            out.append_text(safe(span, STYLES.get(role, "")))
        out.append("\n")
    return out


def highlight(text: Text, query: Query) -> Text:
    """`text` with every match of the query in it styled as a search hit."""
    folded = fold(text.plain)
    for rx in query.patterns():
        for m in rx.finditer(folded):
            text.stylize(MATCH, m.start(), m.end())
    return text
