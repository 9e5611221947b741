"""The first line of every full screen: which archive, and who you are; when the archive
has a central server and saves wait for it, how many."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from brotui.tui.text import safe


class TitleBar(Static):
    """Which archive and who you are: the first line of every screen. It follows the
    app's `sync_title` ("not yet on the central server: N saves", or None)."""

    def __init__(self, archive: str, who: str) -> None:
        self.archive, self.who = archive, who
        super().__init__(self.line(None), id="title-bar")

    def line(self, sync: str | None) -> Text:
        line = safe("brotui", "bold")
        if sync:  # before the archive's path, which may be long: always in sight
            line.append_text(safe("  "))
            line.append_text(safe(sync, "bold reverse"))
        line.append_text(safe(f"  {self.archive}  ·  "))
        line.append_text(safe(self.who, "bold"))
        return line

    def on_mount(self) -> None:
        if hasattr(self.app, "sync_title"):  # the brotui app (a test may mount it alone)
            self.watch(self.app, "sync_title", self._sync_changed, init=True)

    def _sync_changed(self, sync: str | None) -> None:
        self.update(self.line(sync))
