"""Finding, reading and going back through a protocol's history in the TUI, as a user does."""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path

import pytest
from textual.widgets import DataTable

from brotui.core import ops
from brotui.core.archive import Archive
from brotui.core.identity import Identity
from brotui.tui.app import BrotuiApp
from brotui.tui.screens.browser import BrowserScreen
from brotui.tui.screens.diff import DiffScreen
from brotui.tui.screens.history import HistoryScreen
from brotui.tui.screens.view import ViewScreen
from tests.app.conftest import active_links, run_before, screen_text, settle
from tests.conftest import git

SEED = "hagersten-liljeholmen/2020-02-20"
MARKUP = ["[bold]x[/]", "[@click=app.quit]q[/]", "[link=http://x]y[/]", "[a[0]]"]


async def test_the_browser_lists_every_protocol_newest_first(make_app: Callable) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        table = app.screen.query_one(DataTable)
        rows = [[cell.plain for cell in table.get_row_at(i)] for i in range(table.row_count)]
        assert [r[0] for r in rows] == ["2020-05-14", "2020-02-20"]
        assert rows[1][2:4] == ["draft", "Abit Dundar"]
        assert "2 of 2 protocols" in screen_text(app)
        assert "Signe Sekreterare <signe@example.org>" in screen_text(app)


async def test_typing_a_word_of_the_minutes_finds_them_and_enter_opens(
        make_app: Callable) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press(*"skärmtaket")
        await settle(pilot, 0.3)
        assert "1 of 2 protocols" in screen_text(app)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ViewScreen) and app.screen.protocol_id == SEED
        text = screen_text(app)
        assert "Hägersten-Liljeholmens lokala brottsförebyggande råd" in text
        assert "Martin Hämmerli    Kommunpolis" in text
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, BrowserScreen)


async def test_the_view_reads_as_minutes_in_swedish_and_scrolls_to_the_end(
        make_app: Callable) -> None:
    app = make_app("sv")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.push_screen(ViewScreen(SEED))
        await settle(pilot)
        text = screen_text(app)
        assert "Tid: torsdag 20 februari 2020 15:00–17:00" in text
        assert "Närvarande" in text
        await pilot.press("end")
        await settle(pilot)
        text = screen_text(app)
        assert "Kommande möten" in text
        assert "Clas Cederlid, 08 508 23 326, clas.cederlid@stockholm.se" in text


async def test_y_shows_the_raw_yaml_and_back(make_app: Callable) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.push_screen(ViewScreen(SEED))
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert 'start: "15:00"' in screen_text(app)
        await pilot.press("y")
        await settle(pilot)
        assert 'start: "15:00"' not in screen_text(app)
        assert "Time: Thursday 20 February 2020 15:00–17:00" in screen_text(app)


async def test_history_lists_who_changed_what_and_diffs_a_revision(make_app: Callable) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.push_screen(ViewScreen(SEED))
        await settle(pilot)
        await pilot.press("h")
        await settle(pilot)
        assert isinstance(app.screen, HistoryScreen)
        table = app.screen.query_one(DataTable)
        authors = [table.get_row_at(i)[2].plain for i in range(table.row_count)]
        assert authors == ["Abit Dundar", "Clas Cederlid", "Martin Hämmerli", "Clas Cederlid"]
        await pilot.press("down", "down", "d")  # Martin's change against the first draft
        await settle(pilot)
        assert isinstance(app.screen, DiffScreen)
        text = screen_text(app)
        assert "Changes by field" in text
        assert "Attendees: Martin Hämmerli, role: Polis → Kommunpolis" in text
        assert "role: Polis\n" not in text
        await pilot.press("l")  # the file's lines instead
        await settle(pilot)
        text = screen_text(app)
        assert "Line diff of the file" in text
        assert "-  role: Polis" in text and "+  role: Kommunpolis" in text


async def test_two_marked_revisions_are_compared_oldest_first(make_app: Callable) -> None:
    app = make_app()
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot)
        app.push_screen(HistoryScreen(SEED))
        await settle(pilot)
        await pilot.press("space", "down", "down", "down", "space", "m")
        await settle(pilot)
        text = screen_text(app)
        assert "Attendees: Martin Hämmerli, role: Polis → Kommunpolis" in text
        assert "Attendees: + Micael Pettersson (Rektor Mälarhöjdens skola)" in text
        assert "Skärholmen den 28 marsfebruari" in text  # struck "mars", underlined "februari"
        await pilot.press("l")
        await settle(pilot)
        text = screen_text(app)
        assert "+  role: Kommunpolis" in text
        assert "+- name: Micael Pettersson" in text
        assert "den 28 mars" in text and "den 28 februari" in text


async def test_an_old_revision_opens_read_only(make_app: Callable) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.push_screen(HistoryScreen(SEED))
        await settle(pilot)
        await pilot.press("down", "down", "down", "enter")  # the first draft
        await settle(pilot)
        assert isinstance(app.screen, ViewScreen) and app.screen.rev is not None
        text = screen_text(app)
        assert "Read only" in text and "Polis" in text and "Micael" not in text
        await pilot.press("e")  # editing an old revision is not offered
        await settle(pilot)
        assert isinstance(app.screen, ViewScreen)


@pytest.fixture
def markup_archive(demo: Path) -> Path:
    """The demo archive plus a commit whose text and author are Textual/Rich markup."""
    archive = Archive(demo)
    protocol = copy.deepcopy(archive.load(SEED))
    protocol.council = f"{MARKUP[0]} råd"
    protocol.attendees[1].role = MARKUP[1]
    protocol.items[1].title = MARKUP[2]
    protocol.items[0].text = f"{MARKUP[3]} och {MARKUP[1]}"
    ops.save(archive, SEED, protocol, Identity("[bold]Mallory[/]", "m@example.org"))
    return demo


async def test_markup_in_a_protocol_is_shown_as_written_everywhere(
        make_app: Callable, markup_archive: Path) -> None:
    app: BrotuiApp = make_app()
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot)
        assert "[bold]x[/] råd" in screen_text(app)
        assert "[bold]Mallory[/]" in screen_text(app)
        app.push_screen(ViewScreen(SEED))
        await settle(pilot)
        text = screen_text(app)
        for written in MARKUP:
            assert written in text
        assert active_links(app) == []
        await pilot.click(offset=(30, 12))
        await pilot.click(offset=(30, 20))
        await pilot.press("h")
        await settle(pilot)
        assert "[bold]Mallory[/]" in screen_text(app)
        await pilot.press("d")
        await settle(pilot)
        text = screen_text(app)
        assert f"Attendees: Martin Hämmerli, role: Kommunpolis → {MARKUP[1]}" in text
        assert active_links(app) == []
        await pilot.press("l")
        await settle(pilot)
        text = screen_text(app)
        assert f"+  role: '{MARKUP[1]}'" in text
        assert active_links(app) == []
        for y in range(3, 40, 3):
            await pilot.click(offset=(20, y))
        await settle(pilot)
        assert app.is_running and isinstance(app.screen, DiffScreen)


async def test_control_characters_never_reach_the_terminal(make_app: Callable, demo: Path) -> None:
    archive = Archive(demo)
    raw = archive.read(SEED).data.decode().replace(
        "role: Kommunpolis", 'role: "Polis\\e]52;c;aGk=\\a\\e[31m"')
    (demo / f"protocols/{SEED}.yaml").write_text(raw)
    git(demo, "-c", "user.name=X", "-c", "user.email=x@example.org", "commit", "-qam", "esc")
    app: BrotuiApp = make_app(path=demo)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert "BROKEN" in screen_text(app)
        app.push_screen(ViewScreen(SEED))
        await settle(pilot)
        text = screen_text(app)
        assert "\x1b" not in text and "\x07" not in text
        assert "control character" in text  # the file is shown as broken, with its problem


def test_snapshot_browser(snap_compare: Callable, make_app: Callable) -> None:
    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=run_before())


def test_snapshot_view(snap_compare: Callable, make_app: Callable) -> None:
    assert snap_compare(make_app(), terminal_size=(80, 24),
                        run_before=run_before("down", "enter"))


def test_snapshot_history(snap_compare: Callable, make_app: Callable) -> None:
    assert snap_compare(make_app(), terminal_size=(80, 24),
                        run_before=run_before("down", "enter", "h"))


def test_snapshot_diff(snap_compare: Callable, make_app: Callable) -> None:
    assert snap_compare(make_app("sv"), terminal_size=(80, 24),
                        run_before=run_before("down", "enter", "h", "down", "down", "d"))


async def test_blame_shows_who_changed_each_part_beside_it(make_app: Callable) -> None:
    app = make_app("sv")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.push_screen(ViewScreen(SEED))
        await settle(pilot)
        assert "‹" not in screen_text(app)
        await pilot.press("b")
        await settle(pilot)
        lines = screen_text(app).splitlines()
        martin = next(line for line in lines if "Martin Hämmerli " in line)
        assert "Kommunpolis  ‹Martin Hämmerli, 2020-02-24," in martin
        micael = next(line for line in lines if "Micael Pettersson " in line)
        assert "‹Clas Cederlid, 2020-02-25," in micael
        abit = next(line for line in lines if line.startswith("   Abit Dundar"))
        assert "‹Clas Cederlid, 2020-02-21," in abit
        await pilot.press("b")
        await settle(pilot)
        assert "‹" not in screen_text(app)


async def test_removed_and_added_words_are_struck_and_underlined(make_app: Callable) -> None:
    app = make_app()
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot)
        app.push_screen(DiffScreen(SEED, "HEAD~4"))
        await settle(pilot)
        styles = {segment.text: segment.style for strip in
                  app.screen._compositor.render_strips() for segment in strip}
        assert styles["mars"] is not None and styles["mars"].strike
        assert styles["februari"] is not None and styles["februari"].underline


async def test_without_colour_the_diff_marks_words_in_brackets(
        make_app: Callable, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app()
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot)
        app.push_screen(DiffScreen(SEED, "HEAD~4"))
        await settle(pilot)
        assert "Skärholmen den 28 [-mars-]{+februari+}." in screen_text(app)
