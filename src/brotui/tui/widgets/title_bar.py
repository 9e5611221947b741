"""The first line of every full screen: which archive, and who you are; when the archive
has a central server and saves wait for it, how many."""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual import events
from textual.widgets import Static

from brotui.tui.text import safe


class TitleBar(Static):
    """Which archive and who you are: the first line of every screen. It follows the
    app's `sync_title` ("not yet on the central server: N saves", or None)."""

    def __init__(self, archive: str, who: str) -> None:
        self.archive, self.who = archive, who
        self._sync: str | None = None
        super().__init__(self.line(None), id="title-bar")

    def line(self, sync: str | None, width: int = 0) -> Text:
        """The line; with `width`, a long path loses its start ("…/districts/demo") so
        that who you are (and "no identity") stays in sight."""
        line = safe("brotui", "bold")
        if sync:  # before the archive's path, which may be long: always in sight
            line.append_text(safe("  "))
            line.append_text(safe(sync, "bold reverse"))
        who = safe(self.who, "bold")
        path = safe(self.archive)
        room = width - line.cell_len - cell_len("    ·  ") - who.cell_len
        if width and path.cell_len > room:
            path = Text("…") + path[-max(room - 1, 0):] if room > 1 else Text("")
        line.append_text(Text("  ") + path + Text("  ·  "))
        line.append_text(who)
        return line

    def on_resize(self, event: events.Resize) -> None:
        self.update(self.line(self._sync, self.content_size.width))

    def on_mount(self) -> None:
        if hasattr(self.app, "sync_title"):  # the brotui app (a test may mount it alone)
            self.watch(self.app, "sync_title", self._sync_changed, init=True)

    def _sync_changed(self, sync: str | None) -> None:
        self._sync = sync
        self.update(self.line(sync, self.content_size.width))
