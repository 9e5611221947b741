"""The list's filter narrows what it found as a word grows, and finds again as it shrinks."""

from __future__ import annotations

from collections.abc import Callable

from textual.widgets import DataTable, Input

from brotui.tui.app import BrotuiApp
from brotui.tui.screens.browser import BrowserScreen
from tests.app.conftest import screen_text, settle


def dates(app: BrotuiApp) -> list[str]:
    table = app.screen.query_one(DataTable)
    return [table.get_row_at(i)[0].plain for i in range(table.row_count)]


def searched_afresh(app: BrotuiApp) -> list[str]:
    """What the filter finds when it searches every protocol (nothing narrowed)."""
    screen = app.screen
    assert isinstance(screen, BrowserScreen)
    kept, screen._matched = screen._matched, None
    try:
        return [e.date or "" for e in screen.visible_entries()]
    finally:
        screen._matched = kept


async def test_the_filter_follows_each_key_typed_and_deleted(make_app: Callable) -> None:
    """Each key shows what the data holds: as a word grows, the list is what a search
    of every protocol finds (the narrowing from the last filter keeps nobody out); a key
    deleted finds again what the shorter word finds."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        for key in "skärmtaket":
            await pilot.press(key)
            await settle(pilot, 0.3)
            assert dates(app) == searched_afresh(app), key
        assert "1 of 2 protocols" in screen_text(app)
        for _ in "taket":
            await pilot.press("backspace")
            await settle(pilot, 0.3)
            assert dates(app) == searched_afresh(app)
        await pilot.press("backspace", "backspace", "backspace", "backspace", "backspace")
        await settle(pilot, 0.3)
        assert dates(app) == ["2020-05-14", "2020-02-20"]
        assert "2 of 2 protocols" in screen_text(app)


async def test_q_quits_from_the_empty_filter_and_is_typed_after_text(
        make_app: Callable) -> None:
    """On first start the filter has the focus: `q` there quits (as the README says)
    while it is empty, and is typed as a letter once the filter holds text."""
    app = make_app("sv")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        filter_ = app.screen.query_one("#filter", Input)
        await pilot.press("a", "q")
        await settle(pilot)
        assert filter_.value == "aq" and app.is_running
        await pilot.press("backspace", "backspace", "q")
        await settle(pilot)
        assert not app.is_running


async def test_down_from_the_filter_moves_into_the_table(make_app: Callable) -> None:
    """Down from the filter puts the focus in the table, on the next row; the table's
    keys then act (q quits there too), and Escape goes back to the filter."""
    app = make_app("en")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("down")
        await settle(pilot)
        table = app.screen.query_one(DataTable)
        assert app.screen.focused is table and table.cursor_row == 1
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen.focused is app.screen.query_one("#filter", Input)
