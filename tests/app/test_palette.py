"""The command palette: keys that come before it is laid out end nothing, and it speaks
the user's language (its placeholder; the key of an open choice list in the editor)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from textual.widgets import Select

from brotui.tui.app import BrotuiApp
from tests.app.conftest import burst, screen_text, settle
from tests.app.test_edit import open_editor

BURSTS = [
    ["ctrl+p", "pagedown"],
    ["ctrl+p", "pageup"],
    ["ctrl+p", "pagedown", "pageup", "pagedown"],
    ["ctrl+p", "a", "escape"],
    ["ctrl+p", "s", "backspace", "escape", "ctrl+p", "pagedown"],
]


@pytest.mark.parametrize("keys", BURSTS, ids=["+".join(b) for b in BURSTS])
async def test_keys_right_after_ctrl_p_never_end_the_app(
        make_app: Callable[..., BrotuiApp], keys: list[str]) -> None:
    """Ctrl+P and Page Down in one burst ended the app (KeyError: 0 in Textual's
    OptionList); a key and Escape, with the palette's worker (NoMatches: CommandList)."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        burst(app, *keys)
        await settle(pilot, 0.3)
        assert app.is_running and app.return_code is None, "the app ended"
        assert app._exception is None, app._exception
        await pilot.press("escape", "escape")
        await settle(pilot)
        assert "2 of 2 protocols" in screen_text(app)


async def test_the_palette_and_an_open_choice_list_speak_swedish(
        make_app: Callable[..., BrotuiApp]) -> None:
    app = make_app("sv")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await settle(pilot)
        text = screen_text(app)
        assert "Sök bland kommandona…" in text and "Search for commands" not in text
        await pilot.press("escape")
        editor = await open_editor(pilot, app)
        status = editor.query_one(".field-status", Select)
        status.focus()
        await pilot.press("enter")
        await settle(pilot)
        assert status.expanded
        footer = screen_text(app).splitlines()[-1]
        assert "Stäng listan" in footer and "Dismiss" not in footer, footer
