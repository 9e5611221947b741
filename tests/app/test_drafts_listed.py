"""Drafts where people look: the list and the view mark minutes that have one's own
draft, and a draft of minutes never saved is listed and opens in the editor."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from textual.widgets import DataTable

from brotui.core import codec
from brotui.core.drafts import Drafts
from brotui.core.model import Item, Protocol
from brotui.tui.app import BrotuiApp
from brotui.tui.screens.editor import EditorScreen
from brotui.tui.screens.view import ViewScreen
from tests.app.conftest import screen_text, settle

SEED = "hagersten-liljeholmen/2020-02-20"
NEW = "hagersten-liljeholmen/2020-09-10"


def row_of(app: BrotuiApp, date: str) -> str:
    return next(line for line in screen_text(app).splitlines() if date in line)


@pytest.mark.parametrize(("lang", "mark", "said"), [
    ("sv", "✎ ditt utkast", "✎ ditt utkast, ej sparat"),
    ("en", "✎ your draft", "✎ your draft, not saved")])
async def test_the_list_and_the_view_mark_ones_own_draft(
        make_app: Callable[..., BrotuiApp], lang: str, mark: str, said: str) -> None:
    app = make_app(lang)
    assert app.identity is not None
    text = (app.archive.path / f"protocols/{SEED}.yaml").read_text("utf-8")
    Drafts(app.archive).keep(app.identity, SEED, text.replace("Abit", "Abbe"), None)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        assert mark in row_of(app, "2020-02-20")
        assert mark not in row_of(app, "2020-05-14")
        app.open_protocol(SEED)
        await settle(pilot)
        assert isinstance(app.screen, ViewScreen)
        assert said in screen_text(app), screen_text(app).splitlines()[1]


async def test_a_never_saved_draft_is_listed_and_opens_in_the_editor(
        make_app: Callable[..., BrotuiApp]) -> None:
    """Ctrl+N, typed, left: the draft of minutes that were never saved is a row of the
    list (its council and date), and Enter on it opens the editor with the draft."""
    app = make_app("en")
    assert app.identity is not None
    typed = Protocol(council="Hägersten-Liljeholmens lokala brottsförebyggande råd",
                     date=dt.date(2020, 9, 10), items=[Item(number=1, title="Öppnande")])
    Drafts(app.archive).keep(app.identity, NEW, codec.dump(typed), None)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        line = row_of(app, "2020-09-10")
        assert "✎ new, not saved" in line and "Hägersten-Liljeholmens" in line
        table = app.screen.query_one(DataTable)
        table.focus()
        table.move_cursor(row=0)
        await pilot.press("enter")
        await settle(pilot, 0.5)
        editor = app.screen
        assert isinstance(editor, EditorScreen) and editor.protocol_id == NEW
        assert "Öppnande" in editor.current_text()
    assert Drafts(app.archive).get(app.identity, NEW) is not None  # still kept
