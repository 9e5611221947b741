"""Restricted mode, as a key's forced command runs brotui: the person is --author and no
one else, and none of Textual's own ways out of the archive does anything."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from textual.widgets import Input

from brotui import i18n
from brotui.core.archive import Archive
from brotui.core.errors import BrotuiError
from brotui.tui.app import BrotuiApp
from tests.app.conftest import AUTHOR, screen_text, settle


def restricted_app(demo: Path, author: str | None = AUTHOR, **kwargs: object) -> BrotuiApp:
    i18n.set_language("en")
    return BrotuiApp(Archive(demo), author, restricted=True, **kwargs)  # type: ignore[arg-type]


async def test_the_person_is_the_author_given_and_no_one_else(
        demo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BROTUI_AUTHOR", "Mallory Mask <mallory@evil.example>")
    subprocess.run(["git", "-C", str(demo), "config", "user.name", "Git Config"], check=True)
    subprocess.run(["git", "-C", str(demo), "config", "user.email", "git@example.org"],
                   check=True)
    app = restricted_app(demo)
    assert str(app.identity) == AUTHOR
    nobody = restricted_app(demo, author=None)
    assert nobody.identity is None  # neither BROTUI_AUTHOR nor git's identity
    assert "--author is missing" in (nobody.identity_problem or "")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        title = screen_text(app).splitlines()[0]
        assert title.split() == ["brotui", "demo", "·", *AUTHOR.split()]  # folder, not path


async def test_textuals_system_commands_do_nothing(demo: Path, tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    opened: list[str] = []
    monkeypatch.setattr("webbrowser.open", lambda url, *a, **k: opened.append(url))
    app = restricted_app(demo)
    free = BrotuiApp(Archive(demo), AUTHOR)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert list(app.get_system_commands(app.screen)) == []
        assert [c.title for c in free.get_system_commands(app.screen)]  # (unrestricted: some)
        out = tmp_path / "out"
        out.mkdir()
        app.action_screenshot("shot.svg", str(out))
        assert app.deliver_text(__import__("io").StringIO("x"), save_directory=out,
                                save_filename="x.txt") is None
        app.open_url("https://example.org/")
        app.action_suspend_process()  # would stop the process: the test would hang
        app.action_change_theme()
        await settle(pilot)
        assert list(out.iterdir()) == []
        assert opened == []
        assert app.theme != "textual-light" and len(app.screen_stack) == 2  # no picker
        # The palette lists brotui's own keys only: no Theme, Screenshot, Keys, Quit app.
        await pilot.press("ctrl+p")
        await settle(pilot)
        for word in ("scr", "them", "keys", "maxim"):
            palette_input = app.screen.query_one(Input)
            palette_input.value = word
            await settle(pilot, 0.3)
            shown = screen_text(app)
            assert "Screenshot" not in shown and "Change the current theme" not in shown
            assert "Show help for the focused widget" not in shown


async def test_the_ansi_theme_and_no_blinking_cursor(demo: Path) -> None:
    app = restricted_app(demo, theme="ansi")
    assert app.theme == "ansi" and app.current_theme.ansi
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        focused = app.focused
        assert isinstance(focused, Input) and focused.cursor_blink is False
    with pytest.raises(BrotuiError, match="no theme 'neon'"):
        BrotuiApp(Archive(demo), AUTHOR, theme="neon")
    assert BrotuiApp(Archive(demo), AUTHOR, theme="light").theme == "textual-light"
