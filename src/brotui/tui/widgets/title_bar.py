"""The first line of every full screen: which archive, and who you are."""

from __future__ import annotations

from textual.widgets import Static

from brotui.tui.text import safe


class TitleBar(Static):
    """Which archive and who you are: the first line of every screen."""

    def __init__(self, archive: str, who: str) -> None:
        line = safe("brotui", "bold")
        line.append_text(safe(f"  {archive}  ·  "))
        line.append_text(safe(who, "bold"))
        super().__init__(line, id="title-bar")
