"""User text on screen: always data, never markup, never raw control characters."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from rich.style import Style
from rich.text import Text

from brotui.core.attachments.names import shown as shown_name
from brotui.core.query import Query, fold
from brotui.core.render import Line
from brotui.core.text import local_time, visible
from brotui.core.values import Commit
from brotui.i18n import size_text, size_texts, t

if TYPE_CHECKING:
    from brotui.core.attachments.listing import AttachmentChange

MATCH = "bold reverse"  # a search hit: readable in 16 colours and without any

# How each span role of brotui.core.render looks.
STYLES = {
    "heading": "bold",
    "title": "bold",
    "status": "italic",
    "label": "bold",
    "number": "bold",
    "muted": "dim",
    "note": "dim italic",
    "text": "",
}


def safe(text: str | None, style: str | Style = "") -> Text:
    """A Rich Text of user text: not parsed as markup, control characters shown as \\xNN."""
    return Text(visible(text or ""), style=style, no_wrap=False)


def line_to_text(line: Line, styles: Mapping[str, str | Style] | None = None) -> Text:
    """One line of spans (see brotui.core.render) as a styled Text."""
    styles = {**STYLES, **(styles or {})}
    out = Text()
    for role, span in line:
        out.append_text(safe(span, styles.get(role, "")))
    return out


def lines_to_text(lines: list[Line]) -> Text:
    """Rendered minutes (see brotui.core.render.minutes) as one styled Text."""
    out = Text()
    for line in lines:
        out.append_text(line_to_text(line))
        out.append("\n")
    return out


def highlight(text: Text, query: Query) -> Text:
    """`text` with every match of the query in it styled as a search hit."""
    folded = fold(text.plain)
    for rx in query.patterns():
        for m in rx.finditer(folded):
            text.stylize(MATCH, m.start(), m.end())
    return text


def when(commit: Commit) -> str:
    """When a commit was made, as the screens show it."""
    return local_time(commit.time)


def cell(value: str, style: str = "") -> Text:
    """User text for one table cell: one line, cut with an ellipsis where it is too long."""
    text = safe(value, style)
    text.no_wrap, text.overflow = True, "ellipsis"
    return text


def attachment_changes(changes: Sequence[AttachmentChange]) -> list[str]:
    """Attachments added, replaced or removed, one sentence each, with sizes (not bytes):
    for the history and the diff."""
    out = []
    for c in changes:
        name = shown_name(c.name)
        if c.change == "added":
            out.append(t("tui_attachment_added", name=name, size=size_text(c.new_size or 0)))
        elif c.change == "removed":
            out.append(t("tui_attachment_removed", name=name,
                         size=size_text(c.old_size or 0)))
        else:
            old, new = size_texts(c.old_size or 0, c.new_size or 0)
            out.append(t("tui_attachment_replaced", name=name, old=old, new=new))
    return out


def revision_line(protocol_id: str, last: Commit | None, old: bool,
                  state: str | None, drafted: bool = False) -> Text:
    """The view's line above the minutes: the id, the commit shown (an earlier revision
    or the current one: which, who and when), the justering state, when known, and
    whether the person has a draft of these minutes (not saved)."""
    line = safe(protocol_id, "bold")
    if drafted:  # first: the rest may not fit at 80 columns
        line.append_text(safe("  ·  " + t("tui_your_draft"), "bold yellow"))
    if last is not None:
        key = "tui_old_revision" if old else "tui_current"
        line.append_text(safe("  " + t(key, commit=last.short, author=last.author,
                                       when=when(last))))
    if state is not None:
        line.append_text(safe("  ·  " + state, "bold"))
    return line
