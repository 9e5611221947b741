"""An input that filters a table below it, and the keys that move that table."""

from __future__ import annotations

from typing import Any

from textual import events
from textual.screen import Screen
from textual.widgets import DataTable, Input


def steer_table(screen: Screen[Any], event: events.Key) -> None:
    """Up, Down, Page Up and Page Down move the screen's table while its input has the
    focus: the user types and picks without leaving the input."""
    if screen.focused is not screen.query_one(Input):
        return
    table = screen.query_one(DataTable)
    moves = {"up": table.action_cursor_up, "down": table.action_cursor_down,
             "pageup": table.action_page_up, "pagedown": table.action_page_down}
    if event.key in moves:
        moves[event.key]()
        event.stop()


class FilterInput(Input):
    """The filter: `?` typed into it while it is empty opens the help (no filter starts so)."""

    async def _on_key(self, event: events.Key) -> None:
        if event.character == "?" and not self.value:
            event.stop()
            event.prevent_default()
            await self.run_action("app.help")
            return
        await super()._on_key(event)
