"""An old version and a restore's preview show the keys that act there, and only those."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from brotui.tui.app import BrotuiApp
from brotui.tui.screens.diff import DiffScreen
from brotui.tui.screens.history import HistoryScreen
from brotui.tui.screens.view import ViewScreen
from tests.app.conftest import screen_text, settle
from tests.conftest import git

SEED_ID = "hagersten-liljeholmen/2020-02-20"


def footer(app: BrotuiApp) -> str:
    return screen_text(app).splitlines()[-1]


async def test_a_restores_preview_shows_its_key_and_escape_and_the_key_restores(
        make_app: Callable[..., BrotuiApp], demo: Path) -> None:
    first = git(demo, "rev-list", "--max-parents=0", "main").strip()
    old = git(demo, "show", f"{first}:protocols/{SEED_ID}.yaml")
    before = int(git(demo, "rev-list", "--count", "main"))
    app = make_app("sv")
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await settle(pilot)
        app.push_screen(HistoryScreen(SEED_ID))
        await settle(pilot)
        await pilot.press("ctrl+end", "r")  # the first version
        await settle(pilot)
        assert isinstance(app.screen, DiffScreen)
        keys = footer(app)
        assert "r Återställ" in keys and "esc Tillbaka" in keys, keys
        await pilot.press("r")  # from the preview: go ahead
        await settle(pilot, 0.3)
        assert isinstance(app.screen, HistoryScreen), screen_text(app)
        assert int(git(demo, "rev-list", "--count", "main")) == before + 1
        assert git(demo, "show", f"main:protocols/{SEED_ID}.yaml") == old


async def test_a_diff_that_is_no_restores_preview_offers_no_restore(
        make_app: Callable[..., BrotuiApp], demo: Path) -> None:
    before = int(git(demo, "rev-list", "--count", "main"))
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.push_screen(HistoryScreen(SEED_ID))
        await settle(pilot)
        await pilot.press("d")  # the change the newest version made
        await settle(pilot)
        assert isinstance(app.screen, DiffScreen)
        assert "Restore" not in footer(app)
        await pilot.press("r")
        await settle(pilot)
        assert isinstance(app.screen, DiffScreen)
        assert int(git(demo, "rev-list", "--count", "main")) == before


async def test_an_old_version_shows_no_edit_delete_or_rename(
        make_app: Callable[..., BrotuiApp], demo: Path) -> None:
    first = git(demo, "rev-list", "--max-parents=0", "main").strip()
    app = make_app()
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot)
        app.push_screen(ViewScreen(SEED_ID))
        await settle(pilot)
        current = footer(app)
        assert "e Edit" in current and "d Delete" in current and "r New date" in current
        app.push_screen(ViewScreen(SEED_ID, rev=first))
        await settle(pilot)
        keys = footer(app)
        for hidden in ("e Edit", "d Delete", "r New date", "j For approval"):
            assert hidden not in keys, keys
        assert "h History" in keys and "esc Back" in keys, keys
