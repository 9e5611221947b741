"""An extra item's letter ("17 a", issue 14) in the editor's form: a field beside the
item's number, saved as `letter:` in the file and shown in the minutes as "5 a"."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from brotui.tui.app import BrotuiApp
from tests.app.conftest import screen_text, settle
from tests.app.test_edit import field, open_editor, retype, tab_to, toast_text, until
from tests.conftest import git


async def test_the_form_sets_an_items_letter_and_the_save_keeps_it(
        make_app: Callable[..., BrotuiApp], demo: Path) -> None:
    app = make_app()
    async with app.run_test(size=(100, 40), notifications=True) as pilot:
        await settle(pilot)
        await open_editor(pilot, app)
        await tab_to(pilot, field("number", "6"))
        await retype(pilot, "5")
        await pilot.press("tab")
        assert field("letter", "")(app.screen.focused), screen_text(app)
        await retype(pilot, "a")
        await settle(pilot)
        await pilot.press("ctrl+s")
        await until(pilot, lambda: "Saved in" in toast_text(app), "the save")
    saved = git(demo, "show", "HEAD:protocols/hagersten-liljeholmen/2020-02-20.yaml")
    assert "- number: 5\n  letter: a\n" in saved
    assert "- number: 7\n" in saved and "- number: 6\n" not in saved
