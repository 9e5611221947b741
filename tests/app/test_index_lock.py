"""A save from the TUI while another git holds the index: the commit is made, and the
editor says the index stayed behind and what to do (the save's notes, on screen)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from brotui.tui.app import BrotuiApp
from tests.app.test_edit import SEED, field, open_editor, retype, tab_to, toast_text, until
from tests.conftest import git


async def test_a_held_index_lock_is_named_after_a_save_in_the_editor(
        make_app: Callable[..., BrotuiApp], demo: Path) -> None:
    before = git(demo, "rev-parse", "HEAD").strip()
    app = make_app()
    # (wide enough for both toasts whatever the temporary folder's path: at 80x24 a long
    # path makes the note tall enough to push "Saved in" off the top)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await open_editor(pilot, app)
        await tab_to(pilot, field("role", "Kommunpolis"))
        await retype(pilot, "Polisinspektör")
        (demo / ".git/index.lock").write_text("")  # a git program at work, or one killed
        await pilot.press("ctrl+s")
        await until(pilot, lambda: "could not follow" in toast_text(app), "the index note")
        text = toast_text(app)
        assert "Saved in" in text
        compact = text.replace(" ", "")  # a long path is wrapped where the toast ends
        assert f"couldnotfollowthesavedprotocols/{SEED}.yaml" in compact
        assert f"because{demo}/.git/index.lockexists" in compact
        assert f"rungitreset-q--protocols/{SEED}.yaml" in compact
    assert git(demo, "rev-parse", "HEAD~1").strip() == before
