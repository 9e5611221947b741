"""Keys that arrive together (one read from the terminal: a quick typist, tmux's
send-keys, an SSH packet) land exactly as typed, in every kind of field.

Textual looks up a widget's own key bindings (Backspace, End, the arrows) only once the
key has bubbled up to the app, so in a burst the characters after them overtook them:
End, five Backspaces and "16:30" on "15:00" gave "15:01" or "15:30" and saved that."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual.widgets import Input

from brotui.tui.app import BrotuiApp
from tests.app.conftest import burst, screen_text, settle
from tests.app.test_edit import SEED_PATH, field, open_editor, tab_to, until

TIMES = ["16:30", "08:05", "23:59", "00:00", "12:34", "09:41", "17:15", "10:20",
         "21:09", "06:50", "13:37", "19:02", "07:28", "11:11", "18:46", "14:53"]
DATES = [f"20{20 + i % 7}-{1 + i % 12:02d}-{10 + i:02d}" for i in range(16)]


async def test_a_time_field_takes_sixteen_bursts_exactly_and_saves_the_last(
        make_app: Callable[..., BrotuiApp], demo: Path) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        editor = await open_editor(pilot, app)
        start = await tab_to(pilot, field("start", "15:00"))
        assert isinstance(start, Input)
        got = []
        for wanted in TIMES:
            burst(app, "end", *["backspace"] * 5, *wanted)
            await settle(pilot, 0.05)
            got.append(start.value)
        assert got == TIMES, screen_text(app)
        await pilot.press("ctrl+s")
        await until(pilot, lambda: not editor.saving and not editor.dirty, "the save")
        assert f'start: "{TIMES[-1]}"' in (demo / SEED_PATH).read_text(encoding="utf-8")
        assert editor.focused is start


async def test_a_date_field_takes_sixteen_bursts_exactly(
        make_app: Callable[..., BrotuiApp]) -> None:
    app = make_app("sv")
    async with app.run_test(size=(80, 24)) as pilot:
        await open_editor(pilot, app)
        date = await tab_to(pilot, field("date", "2020-02-20"))
        assert isinstance(date, Input)
        got = []
        for wanted in DATES:
            burst(app, "end", *["backspace"] * 10, *wanted)
            await settle(pilot, 0.05)
            got.append(date.value)
        assert got == DATES, screen_text(app)


async def test_a_text_field_takes_bursts_with_arrows_and_deletes_exactly(
        make_app: Callable[..., BrotuiApp]) -> None:
    """Home, Delete, the arrows and Backspace among the characters, in a field and in
    the YAML."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        editor = await open_editor(pilot, app)
        role = await tab_to(pilot, field("role", "Kommunpolis"))
        assert isinstance(role, Input)
        burst(app, "home", "delete", *"K", "end", "backspace", "backspace", *"ls",
              "left", "left", "backspace", *"Xy")
        await settle(pilot)
        assert role.value == "KommunpoXyls"
        await pilot.press("ctrl+t")
        await settle(pilot)
        area = editor.raw_area
        assert editor.focused is area
        area.move_cursor((0, 0))
        burst(app, "down", "down", "end", "backspace", "backspace", *"21", "up", "end",
              *["backspace"] * 3, *"nämnd", "home", "delete", *"C", "right", "delete",
              *"O")
        await settle(pilot)
        assert area.text.splitlines()[1:3] == [
            "CoOncil: Hägersten-Liljeholmens lokala brottsförebyggande nämnd",
            "date: 2020-02-21"]
