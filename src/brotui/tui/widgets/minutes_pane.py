"""The view's reading pane: the minutes as read, and below them the files kept with them."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from brotui.core.attachments.listing import Attachment
from brotui.core.model import Protocol
from brotui.core.query import Query
from brotui.core.render import Line, Notes, minutes
from brotui.i18n import size_text, t
from brotui.tui.text import highlight, lines_to_text, safe


class MinutesPane(VerticalScroll):
    """The minutes (#minutes: blame beside each part when asked, a search's hits
    highlighted) and their attachments (#attachments: name, size, type, who added them;
    hidden when there are none), scrolled together."""

    def __init__(self) -> None:
        super().__init__(classes="scroll-body", id="minutes-scroll")

    def compose(self) -> ComposeResult:
        yield Static(id="minutes")
        listed = Static(id="attachments")
        listed.display = False
        yield listed

    def show(self, protocol: Protocol, notes: Notes | None, find: Query | None) -> list[Line]:
        """Draw the minutes; their lines, to find a search hit's place in."""
        lines = minutes(protocol, notes)
        text = lines_to_text(lines)
        self.query_one("#minutes", Static).update(highlight(text, find) if find else text)
        return lines

    def say(self, text: Text) -> None:
        """A sentence in place of the minutes (they could not be read)."""
        self.query_one("#minutes", Static).update(text)

    def show_attachments(self, found: list[Attachment]) -> None:
        widget = self.query_one("#attachments", Static)
        widget.display = bool(found)
        if not found:
            return
        text = safe("\n" + t("tui_attachments") + "\n", "bold")
        for a in found:
            who = a.added.author if a.added else t("tui_attachment_unknown_who")
            kind = a.kind.label if a.kind else t("tui_attachment_unknown_kind")
            text.append_text(safe("  " + t("tui_attachment_row", name=a.name,
                                           size=size_text(a.size), kind=kind, who=who) + "\n"))
        widget.update(text)

    def scroll_to_line(self, before: Text) -> None:
        """Scroll so that what follows `before` (the lines above the hit, as drawn at the
        width the minutes have) is near the top."""
        width = self.query_one("#minutes", Static).content_size.width
        y = len(before.wrap(self.app.console, width)) - 1 if before.plain else 0
        self.scroll_to(y=max(0, y - 2), animate=False)
