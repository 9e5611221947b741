"""The search screen as a user meets it: from the list, hits in context, into the minutes,
and back through history. The demo archive: the seed minutes written by Clas with
"den 28 mars" in §2, corrected over a week (Abit made it "den 28 februari")."""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path

import pytest
from rich.text import Text
from textual.widgets import DataTable, Input

from brotui.core import ops
from brotui.core.archive import Archive
from brotui.core.identity import Identity
from brotui.tui.app import BrotuiApp
from brotui.tui.screens.browser import BrowserScreen
from brotui.tui.screens.diff import DiffScreen
from brotui.tui.screens.help import HelpScreen
from brotui.tui.screens.search import SearchScreen
from brotui.tui.screens.view import ViewScreen
from brotui.tui.text import MATCH
from tests.app.conftest import active_links, run_before, screen_text, settle

SEED = "hagersten-liljeholmen/2020-02-20"
MARKUP = "[@click=app.quit]q[/] och [bold]fet[/]"


def cells(app: BrotuiApp) -> list[Text]:
    table = app.screen.query_one(DataTable)
    return [table.get_row_at(i)[0] for i in range(table.row_count)]


def marked(text: Text) -> list[str]:
    """The pieces of a cell drawn as search hits."""
    return [text.plain[span.start:span.end] for span in text.spans if span.style == MATCH]


def reversed_on_screen(app: BrotuiApp) -> list[str]:
    """Text drawn in reverse video anywhere on screen (how a hit is highlighted)."""
    return [segment.text for strip in app.screen._compositor.render_strips()
            for segment in strip if segment.style is not None and segment.style.reverse]


async def open_search(pilot: object, app: BrotuiApp, *keys: str) -> None:
    await settle(pilot)  # type: ignore[arg-type]
    await pilot.press("ctrl+g")  # type: ignore[attr-defined]
    await settle(pilot)  # type: ignore[arg-type]
    assert isinstance(app.screen, SearchScreen)
    if keys:
        await pilot.press(*keys)  # type: ignore[attr-defined]
        await settle(pilot, 0.3)  # type: ignore[arg-type]


async def test_ctrl_g_searches_every_protocol_and_shows_hits_in_context(
        make_app: Callable) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_search(pilot, app, *"kvarstår")
        rows = cells(app)
        assert [r.plain.splitlines()[0] for r in rows] == [
            f"{SEED}  §4 text", f"{SEED}  §6 text"]
        assert [marked(r) for r in rows] == [["kvarstår"], ["kvarstår"]]
        text = screen_text(app)
        assert "… och insatser utifrån lägesbild kvarstår fram tills den 28 februari då …" in text
        assert "2 hits in 1 protocol." in text
        assert reversed_on_screen(app).count("kvarstår") == 2


async def test_enter_opens_the_minutes_at_the_hit_with_the_match_highlighted(
        make_app: Callable) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_search(pilot, app, *"förvaltningen")
        assert [marked(r) for r in cells(app)] == [["Förvaltningen"]]
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ViewScreen) and app.screen.protocol_id == SEED
        text = screen_text(app)
        assert "Förvaltningen ser över vilka alternativ som finns." in text  # §6, far down
        assert "Närvarande" not in text and "Attendees" not in text  # the top is scrolled away
        assert "Förvaltningen" in reversed_on_screen(app)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, SearchScreen)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, BrowserScreen)


async def test_every_word_must_match_and_a_phrase_in_order(make_app: Callable) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_search(pilot, app, *"skärmtaket liljeholmen")
        assert {r.plain.split()[0] for r in cells(app)} == {SEED}  # not the May minutes
        assert ["Skärmtaket", "Liljeholmen"] in [marked(r) for r in cells(app)]
        app.screen.query_one(Input).value = '"taket i liljeholmen"'
        await settle(pilot, 0.3)
        assert [marked(r) for r in cells(app)] == [["taket i Liljeholmen"]]
        app.screen.query_one(Input).value = '"liljeholmen taket"'
        await settle(pilot, 0.3)
        assert cells(app) == []
        assert 'No hits for "liljeholmen taket".' in screen_text(app)


async def test_the_filter_words_come_along_and_swedish_is_spoken(make_app: Callable) -> None:
    app = make_app("sv")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press(*"bragner")
        await settle(pilot, 0.3)
        await pilot.press("ctrl+g")
        await settle(pilot, 0.3)
        assert app.screen.query_one(Input).value == "bragner"
        assert [r.plain.splitlines()[0] for r in cells(app)] == [
            "hagersten-liljeholmen/2020-05-14  Närvarande: Peter Bragner",
            f"{SEED}  Närvarande: Peter Bragner"]
        assert "2 träffar i 2 protokoll." in screen_text(app)


async def test_help_and_palette_know_the_search_keys(make_app: Callable) -> None:
    app = make_app()
    async with app.run_test(size=(80, 30)) as pilot:
        await settle(pilot)
        await pilot.press("f1")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        assert "Search" in screen_text(app)
        await pilot.press("escape")
        await open_search(pilot, app)
        await pilot.press("?")  # in the empty input: the help, as in the list
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        text = screen_text(app)
        assert "Now/history" in text, text


@pytest.fixture
def markup_archive(demo: Path) -> Path:
    archive = Archive(demo)
    protocol = copy.deepcopy(archive.load(SEED))
    protocol.items[5].text = f"Skärmtaket {MARKUP} i Liljeholmen."
    protocol.attendees[1].role = "[link=http://x]Kommunpolis[/]"
    ops.save(archive, SEED, protocol, Identity("[bold]Mallory[/]", "m@example.org"))
    return demo


async def test_markup_in_a_protocol_is_shown_as_written_and_does_nothing(
        make_app: Callable, markup_archive: Path) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await open_search(pilot, app, *"skärmtaket kommunpolis")
        text = screen_text(app)
        assert f"Skärmtaket {MARKUP} i" in text
        assert "Martin Hämmerli, [link=http://x]Kommunpolis[/]" in text
        assert active_links(app) == []
        for y in range(4, 12):
            await pilot.click(offset=(30, y))
        await settle(pilot)
        assert app.is_running
        await pilot.press("ctrl+t")
        await pilot.press("enter")  # history: the text was there from the first draft on
        await settle(pilot, 0.3)
        assert "[bold]Mallory[/]" in screen_text(app)
        assert active_links(app) == []


async def test_history_says_who_added_a_phrase_and_who_removed_it(make_app: Callable) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_search(pilot, app, *'"28 mars"')
        assert cells(app) == []  # not in any protocol now
        await pilot.press("ctrl+t")
        await settle(pilot)
        assert "press Enter to search the history" in screen_text(app)
        await pilot.press("enter")
        await settle(pilot, 0.3)
        rows = [r.plain.splitlines() for r in cells(app)]
        assert [r[0] for r in rows] == [f"{SEED}  no longer there"] * 2
        assert rows[0][1].strip().startswith("added in ")
        assert rows[0][1].endswith("by Clas Cederlid, 2020-02-21 08:12")
        assert rows[1][1].strip().startswith("removed in ")
        assert rows[1][1].endswith("by Abit Dundar, 2020-02-27 07:45")
        assert "2 changes in 1 protocol." in screen_text(app)
        await pilot.press("down", "enter")  # Abit's commit: what it changed
        await settle(pilot)
        assert isinstance(app.screen, DiffScreen)
        text = screen_text(app)
        assert "Skärholmen den 28" in text and "marsfebruari." in text  # struck, added
        await pilot.press("escape", "up", "enter")  # Clas's first draft, as it was
        await settle(pilot)
        assert isinstance(app.screen, ViewScreen) and app.screen.rev is not None
        assert "28 mars" in screen_text(app)
        assert "28 mars" in " ".join(reversed_on_screen(app))
        await pilot.press("escape", "ctrl+t")  # back to now: searched as it is
        await settle(pilot, 0.3)
        assert cells(app) == [] and 'No hits for "28 mars".' in screen_text(app)


def test_snapshot_search(snap_compare: Callable, make_app: Callable) -> None:
    assert snap_compare(make_app(), terminal_size=(80, 24),
                        run_before=run_before("ctrl+g", *"kvarstår"))
