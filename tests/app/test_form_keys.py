"""The form's keys (issue 12): a key to each section, Tab past the fields rarely typed,
PageDown moving the focus with the view, a new item renumbering those after it, a new
empty row not blamed before it is typed in, Ctrl+Z in a one-line field."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual.widgets import Input, Select

from brotui.tui.app import BrotuiApp
from brotui.tui.screens.editor import EditorScreen
from tests.app.conftest import burst, screen_text, settle
from tests.app.test_edit import SEED_PATH, field, open_editor, status_line, toast_text, until
from tests.conftest import git


def on_screen(app: BrotuiApp, widget: object) -> bool:
    """Whether a widget is within the part of the form that shows."""
    form = app.screen.query_one(".protocol-form")
    assert isinstance(widget, Input | Select) or hasattr(widget, "region")
    region = widget.region  # type: ignore[attr-defined]
    return bool(region) and form.region.contains_region(region)


def numbers(editor: EditorScreen) -> list[str]:
    assert editor.form is not None
    return [row.editors["number"].value  # type: ignore[attr-defined]
            for row in editor.form.sections["items"].rows()]


async def test_f2_f3_f4_go_to_the_sections_and_tab_passes_presence_and_an_empty_note(
        make_app: Callable[..., BrotuiApp]) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        editor = await open_editor(pilot, app)
        await pilot.press("f3")
        assert field("number", "1")(editor.focused), screen_text(app)
        assert on_screen(app, editor.focused)
        await pilot.press("f4")
        assert field("date", "2020-05-14")(editor.focused), screen_text(app)
        await pilot.press("f2")
        assert field("name", "Abit Dundar")(editor.focused), screen_text(app)
        assert on_screen(app, editor.focused)
        # One row: name, role, organisation; the presence and the empty note are passed.
        await pilot.press("tab")
        assert field("role")(editor.focused), editor.focused
        await pilot.press("tab")
        assert field("organisation")(editor.focused), editor.focused
        await pilot.press("tab")
        assert field("name", "Martin Hämmerli")(editor.focused), editor.focused
        await pilot.press("shift+tab")
        assert field("organisation")(editor.focused), editor.focused
        # F5 steps the row's presence on; F6 goes to the row's note, and back.
        await pilot.press("f5")
        presence = editor.query(".field-presence").first(Select)
        assert presence.value == "excused"
        assert "excused" in screen_text(app)
        await pilot.press("f6", *"sjuk")
        assert field("note", "sjuk")(editor.focused)
        await pilot.press("f6")
        assert field("name", "Abit Dundar")(editor.focused)


async def test_pagedown_takes_the_focus_along_with_the_view_and_pageup_back(
        make_app: Callable[..., BrotuiApp]) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        editor = await open_editor(pilot, app)
        first = editor.focused
        assert field("council")(first)
        seen = [first]
        for _ in range(3):
            await pilot.press("pagedown")
            await settle(pilot)
            assert editor.focused not in seen, screen_text(app)
            assert on_screen(app, editor.focused), screen_text(app)
            seen.append(editor.focused)
        for _ in range(3):
            await pilot.press("pageup")
            await settle(pilot)
            assert on_screen(app, editor.focused), screen_text(app)
        assert editor.focused is first


async def test_an_item_inserted_in_the_middle_renumbers_those_after_it(
        make_app: Callable[..., BrotuiApp], demo: Path) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        editor = await open_editor(pilot, app)
        assert numbers(editor) == [str(n) for n in range(1, 8)]
        await pilot.press("f3")
        while not field("number", "2")(editor.focused):
            await pilot.press("tab")
        await pilot.press("ctrl+a")  # a new item after item 2
        await settle(pilot)
        assert numbers(editor) == [str(n) for n in range(1, 9)]
        assert field("number", "3")(editor.focused)
        # Not blamed for being empty before anything is typed in it.
        await settle(pilot, 0.5)
        assert "error" not in status_line(app), status_line(app)
        assert "neither a title nor a text" not in screen_text(app)
        await pilot.press("tab", "tab", *"Ny punkt")  # past the letter ("17 a"), to the title
        await settle(pilot, 0.5)
        await pilot.press("ctrl+s")
        await until(pilot, lambda: "Saved in" in toast_text(app), "the save")
    saved = git(demo, "show", f"HEAD:{SEED_PATH}")
    assert "- number: 3\n  title: Ny punkt\n" in saved
    assert "- number: 8\n  title: Kommande möten\n" in saved


async def test_a_new_empty_row_is_blamed_once_a_save_judges_it(
        make_app: Callable[..., BrotuiApp]) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        editor = await open_editor(pilot, app)
        await pilot.press("f2", "ctrl+a")  # a new attendee after the first
        await settle(pilot, 0.5)
        assert field("name", "")(editor.focused)
        assert "error" not in status_line(app), status_line(app)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "1 error" in status_line(app), status_line(app)
        assert field("name", "")(editor.focused)


async def test_ctrl_z_undoes_in_a_one_line_field_a_word_at_a_time(
        make_app: Callable[..., BrotuiApp]) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        editor = await open_editor(pilot, app)
        await pilot.press("f2", "tab")
        role = editor.focused
        assert field("role", "Ordförande stadsdelsnämnden")(role)
        await pilot.press("end", *" och ledamot", "ctrl+u")
        assert field("role", "")(role)
        await pilot.press("ctrl+z")
        assert field("role", "Ordförande stadsdelsnämnden och ledamot")(role)
        await pilot.press("ctrl+z")
        assert field("role", "Ordförande stadsdelsnämnden och ")(role)
        await pilot.press("ctrl+z", "ctrl+z", "ctrl+z")
        assert field("role", "Ordförande stadsdelsnämnden")(role)


async def test_ctrl_z_undoes_words_that_arrived_in_one_burst(
        make_app: Callable[..., BrotuiApp]) -> None:
    """As tmux's send-keys or an SSH packet brings them: all keys at once, the field's
    Changed messages arriving only after the last (each then shows the last value)."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        editor = await open_editor(pilot, app)
        await pilot.press("f2", "tab")
        role = editor.focused
        burst(app, "end", *" och ledamot")
        await settle(pilot)
        assert field("role", "Ordförande stadsdelsnämnden och ledamot")(role)
        burst(app, "ctrl+z")
        await settle(pilot)
        assert field("role", "Ordförande stadsdelsnämnden och ")(role)
        burst(app, "ctrl+z", "ctrl+z", "ctrl+z")
        await settle(pilot)
        assert field("role", "Ordförande stadsdelsnämnden")(role)


async def test_ctrl_t_keeps_the_place_between_the_form_and_the_yaml(
        make_app: Callable[..., BrotuiApp]) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        editor = await open_editor(pilot, app)
        await pilot.press("f2")
        while not field("role", "Kommunpolis")(editor.focused):
            await pilot.press("tab")
        await pilot.press("ctrl+t")
        await settle(pilot)
        area = editor.raw_area
        row, column = area.cursor_location
        assert area.document.get_line(row) == "  role: Kommunpolis", screen_text(app)
        assert column == len("  role: ")
        assert "role: Kommunpolis" in screen_text(app)
        # Down to the third attendee's role, back to the form: that field.
        await pilot.press("down", "down")
        assert area.document.get_line(area.cursor_location[0]).strip() == \
            "role: Trygg- och säkerhetsstrateg"
        await pilot.press("ctrl+t")
        await settle(pilot)
        assert field("role", "Trygg- och säkerhetsstrateg")(editor.focused), screen_text(app)
        assert "Trygg- och säkerhetsstrateg" in screen_text(app)
