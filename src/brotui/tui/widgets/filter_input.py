"""An input that filters a table below it, and the keys that move that table."""

from __future__ import annotations

from typing import Any

from textual import events
from textual.screen import Screen
from textual.widgets import DataTable, Input


def steer_table(screen: Screen[Any], event: events.Key, *, enter: bool = False) -> None:
    """Up, Down, Page Up and Page Down move the screen's table while its input has the
    focus: the user types and picks without leaving the input. `enter`: Down and Page
    Down also move the focus into the table (where its keys, q among them, act)."""
    if screen.focused is not screen.query_one(Input):
        return
    table = screen.query_one(DataTable)
    moves = {"up": table.action_cursor_up, "down": table.action_cursor_down,
             "pageup": table.action_page_up, "pagedown": table.action_page_down}
    if event.key in moves:
        moves[event.key]()
        event.stop()
        if enter and event.key in ("down", "pagedown"):
            table.focus()


class FilterInput(Input):
    """The filter: keys that start no filter act while it is empty: `?` opens the help,
    and those given as `when_empty` (a character and the action it runs, such as the
    list's `q` to quit); with text in the filter they are typed as any other."""

    def __init__(self, value: str | None = None, *,
                 when_empty: dict[str, str] | None = None, **kwargs: Any) -> None:
        super().__init__(value, **kwargs)
        self.when_empty = {"?": "app.help", **(when_empty or {})}

    async def _on_key(self, event: events.Key) -> None:
        action = self.when_empty.get(event.character or "")
        if action is not None and not self.value:
            event.stop()
            event.prevent_default()
            await self.run_action(action)
            return
        await super()._on_key(event)
