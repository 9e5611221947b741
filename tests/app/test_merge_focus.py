"""Issue 12, item 4: after a save that merges another's change the form is rebuilt with
it, and the focus stays where it was (it went to Council, and the next keys edited the
council's name)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual.widgets import Button, TextArea

from brotui.tui.app import BrotuiApp
from tests.app.conftest import screen_text, settle
from tests.app.test_edit import NEW_ROLE, field, open_editor, retype, toast_text, until
from tests.app.test_typing_while_saving import bob_retitles_item_6, saved_text


async def test_after_a_merged_save_the_focus_stays_on_the_sections_add_button(
        make_app: Callable[..., BrotuiApp], demo: Path) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        editor = await open_editor(pilot, app)
        await pilot.press("f2", "tab")
        await retype(pilot, NEW_ROLE)
        await pilot.press("f3", "shift+tab")  # the attendees' "+ Add attendee"
        assert isinstance(editor.focused, Button), editor.focused
        bob_retitles_item_6(demo)
        await pilot.press("ctrl+s")
        await until(pilot, lambda: "Merged" in toast_text(app), "the merge")
        await settle(pilot)
        assert "title: Övrigt och avslutning" in saved_text(demo)
        assert editor.form is not None
        assert editor.focused is editor.form.sections["attendees"].add_button, \
            (editor.focused, screen_text(app))
        await pilot.press("enter")  # and it is the button: a new attendee
        await settle(pilot)
        assert field("name", "")(editor.focused)
        assert "Hägersten-Liljeholmens lokala brottsförebyggande råd" in screen_text(app)


async def test_after_a_merged_save_the_focus_stays_in_the_text_at_its_cursor(
        make_app: Callable[..., BrotuiApp], demo: Path) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        editor = await open_editor(pilot, app)
        await pilot.press("f3", "tab", "tab", "tab")  # item 1: its number, letter, title, text
        text = editor.focused
        assert isinstance(text, TextArea) and text.has_class("field-text"), text
        await pilot.press("end", *" Tack.")
        typed, cursor = text.text, text.cursor_location
        assert " Tack." in typed
        bob_retitles_item_6(demo)
        await pilot.press("ctrl+s")
        await until(pilot, lambda: "Merged" in toast_text(app), "the merge")
        await settle(pilot)
        focused = editor.focused
        assert isinstance(focused, TextArea) and focused.has_class("field-text"), focused
        assert focused is not text  # the form was rebuilt with Bob's title in it
        assert focused.text == typed and focused.cursor_location == cursor
        await pilot.press(*"!")
        assert " Tack.!" in focused.text, focused.text
