"""Every screen at 80x24, in Swedish and English: its footer shows the way back (Escape)
and help first, and every key it shows whole (none cut mid-word at the edge)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import pytest
from textual.pilot import Pilot

from brotui import i18n
from brotui.tui.app import BrotuiApp
from tests.app.conftest import screen_text, settle

SEED = "hagersten-liljeholmen/2020-02-20"
Steps = Callable[[BrotuiApp, Pilot[None]], Awaitable[None]]


async def keys(pilot: Pilot[None], *pressed: str) -> None:
    for key in pressed:
        await pilot.press(key)
        await settle(pilot)


async def on_list(app: BrotuiApp, pilot: Pilot[None]) -> None:
    pass


async def on_table(app: BrotuiApp, pilot: Pilot[None]) -> None:
    await keys(pilot, "tab")


async def on_view(app: BrotuiApp, pilot: Pilot[None]) -> None:
    app.open_protocol(SEED)
    await settle(pilot)


async def on_history(app: BrotuiApp, pilot: Pilot[None]) -> None:
    await on_view(app, pilot)
    await keys(pilot, "h")


async def on_diff(app: BrotuiApp, pilot: Pilot[None]) -> None:
    await on_history(app, pilot)
    await keys(pilot, "d")


async def on_restore(app: BrotuiApp, pilot: Pilot[None]) -> None:
    await on_history(app, pilot)
    await keys(pilot, "down", "r")


async def on_editor(app: BrotuiApp, pilot: Pilot[None]) -> None:
    await on_view(app, pilot)
    await keys(pilot, "e")
    await pilot.pause(0.5)
    await settle(pilot)


async def on_yaml(app: BrotuiApp, pilot: Pilot[None]) -> None:
    await on_editor(app, pilot)
    await keys(pilot, "ctrl+t")


async def on_leave(app: BrotuiApp, pilot: Pilot[None]) -> None:
    await on_yaml(app, pilot)
    await keys(pilot, "end", "x", "escape")


async def on_search(app: BrotuiApp, pilot: Pilot[None]) -> None:
    await keys(pilot, "ctrl+g")


async def on_activity(app: BrotuiApp, pilot: Pilot[None]) -> None:
    await keys(pilot, "ctrl+l")


async def on_import(app: BrotuiApp, pilot: Pilot[None]) -> None:
    await keys(pilot, "ctrl+b")


async def on_new(app: BrotuiApp, pilot: Pilot[None]) -> None:
    await keys(pilot, "ctrl+n")


async def on_export(app: BrotuiApp, pilot: Pilot[None]) -> None:
    await on_view(app, pilot)
    await keys(pilot, "x")


async def on_review(app: BrotuiApp, pilot: Pilot[None]) -> None:
    await on_view(app, pilot)
    await keys(pilot, "j")


SCREENS: dict[str, Steps] = {
    "list": on_list, "list-table": on_table, "view": on_view, "history": on_history,
    "diff": on_diff, "restore": on_restore, "editor": on_editor, "editor-yaml": on_yaml,
    "leave": on_leave, "search": on_search, "activity": on_activity, "import": on_import,
    "new": on_new, "export": on_export, "review": on_review,
}


def footer_line(app: BrotuiApp) -> str:
    return screen_text(app).splitlines()[-1]


@pytest.mark.parametrize("lang", ["sv", "en"])
@pytest.mark.parametrize("where", list(SCREENS))
async def test_footer_at_80x24_starts_with_back_and_help(
        make_app: Callable[..., BrotuiApp], where: str, lang: str) -> None:
    app = make_app(lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await SCREENS[where](app, pilot)
        footer = footer_line(app)
        i18n.set_language(lang)
        back = {"sv": ("Tillbaka", "Avbryt", "Stäng"), "en": ("Back", "Cancel", "Close")}
        words = footer.split()
        assert words[0] == "esc" and words[1] in back[lang], footer
        assert words[2] in ("?", "F1") and words[3] == i18n.t("key_help"), footer
        # Every key shown is whole: each is a key followed by its full description.
        shown = {key.key_display: key.description for key in app.screen.query("FooterKey")}
        for display, description in shown.items():
            assert f"{display} {description}" in footer, (display, description, footer)
        assert footer.rstrip() == footer.rstrip()[:80]
        if lang == "sv":
            assert "palette" not in footer and "Dismiss" not in footer, footer


@pytest.mark.parametrize("lang", ["sv", "en"])
async def test_the_list_footer_shows_imports_waiting(
        make_app: Callable[..., BrotuiApp], lang: str) -> None:
    """Ctrl+B (minutes from Word, PDF or text) is in the list's footer at 80x24."""
    app = make_app(lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert f"^b {i18n.t('key_import')}" in footer_line(app)


async def test_at_80_columns_the_council_and_the_editors_status_are_not_cut_unseen(
        make_app: Callable[..., BrotuiApp]) -> None:
    """The list's council column ends a name it cuts in "…"; the editor's status line of
    new minutes (a second meeting, Swedish, the longest words) ends with its mode."""
    app = make_app("sv")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert "Hägersten-Liljeholmens…" in screen_text(app)
        app.open_new("hagersten-liljeholmen/2020-02-20")
        await settle(pilot)
        await keys(pilot, "enter")  # the next meeting, 2020-05-14, which has minutes
        await keys(pilot, "enter")  # told: a second meeting that day; go ahead
        await pilot.pause(0.5)
        await settle(pilot)
        status = screen_text(app).splitlines()[1]
        assert "hagersten-liljeholmen/2020-05-14-2 · nytt, ej sparat" in status, status
        assert status.rstrip().endswith("· formulär"), status
