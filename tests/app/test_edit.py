"""Editing minutes in the TUI as a secretary does: the form, the raw YAML, new minutes,
and what each save leaves in git."""

from __future__ import annotations

import asyncio
import copy
import datetime as dt
import random
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widget import Widget
from textual.widgets import Input

from brotui.core import codec, ops
from brotui.core.archive import Archive
from brotui.core.model import Attendee, Item, Protocol
from brotui.tui.app import BrotuiApp
from brotui.tui.screens.browser import BrowserScreen
from brotui.tui.screens.draft import DraftScreen
from brotui.tui.screens.editor import EditorScreen
from brotui.tui.screens.history import HistoryScreen
from brotui.tui.screens.leave import LeaveScreen
from brotui.tui.screens.view import ViewScreen
from tests.app.conftest import AUTHOR, active_links, run_before, screen_text, settle
from tests.conftest import BOB, git

SEED = "hagersten-liljeholmen/2020-02-20"
SEED_PATH = f"protocols/{SEED}.yaml"
NEW_ROLE = "Lokalpolisområdeschef"
MARKUP_ID = "hagersten-liljeholmen/2020-03-05"
MARKUP = ["[bold]x[/]", "[@click=app.quit]q[/]", "[link=http://x]y[/]"]


# ------------------------------------------------------------------ helpers


async def until(pilot: Pilot[None], condition: Callable[[], bool], what: str,
                timeout: float = 10.0) -> None:
    """Wait until `condition()` holds (the screen caught up), or fail saying what was awaited."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not condition():
        if loop.time() > deadline:
            raise AssertionError(f"timed out waiting for {what}; the screen shows:\n"
                                 f"{screen_text(pilot.app)}")  # type: ignore[arg-type]
        await pilot.pause(0.05)


def toast_text(app: BrotuiApp) -> str:
    """The text of the notifications on screen, read from the screen, spaces normalised."""
    lines = screen_text(app).splitlines()
    parts = []
    for toast in app.screen.query("Toast"):
        region = toast.content_region
        parts.extend(line[region.x:region.right] for line in lines[region.y:region.bottom])
    return " ".join(" ".join(parts).split())


def status_line(app: BrotuiApp) -> str:
    """The editor's second line: `Editing <id> · not saved · 1 error · form`."""
    return screen_text(app).splitlines()[1]


def attendees_on_screen(app: BrotuiApp) -> list[str]:
    """The names in the attendee rows the form shows, top to bottom."""
    return [line.split("Name", 1)[1].split("Presence")[0].strip()
            for line in screen_text(app).splitlines() if "▌ Name" in line]


def field(key: str, value: str | None = None) -> Callable[[Widget | None], bool]:
    """Matches the one-line form field `key` (holding `value`, if given)."""

    def match(widget: Widget | None) -> bool:
        return (isinstance(widget, Input) and widget.has_class(f"field-{key}")
                and (value is None or widget.value == value))

    return match


async def tab_to(pilot: Pilot[None], wanted: Callable[[Widget | None], bool],
                 limit: int = 120) -> Widget:
    """Press Tab until the focus is on the wanted field, as a user moves through the form."""
    for _ in range(limit):
        focused = pilot.app.screen.focused
        if wanted(focused):
            assert focused is not None
            return focused
        await pilot.press("tab")
    raise AssertionError(f"Tab never reached the field; the screen shows:\n"
                         f"{screen_text(pilot.app)}")  # type: ignore[arg-type]


async def retype(pilot: Pilot[None], text: str) -> None:
    """Replace what the focused one-line field (or the TextArea line) holds."""
    await pilot.press("end", "ctrl+u", *text)


async def open_editor(pilot: Pilot[None], app: BrotuiApp, protocol_id: str = SEED,
                      expect: type | tuple[type, ...] = EditorScreen) -> EditorScreen:
    """Read a protocol, then `e`: the editor as a user reaches it (or, with `expect`,
    what comes up over it: a draft to continue)."""
    await settle(pilot)
    app.push_screen(ViewScreen(protocol_id))
    await settle(pilot)
    await pilot.press("e")
    await settle(pilot)
    assert isinstance(app.screen, expect), screen_text(app)
    return app.screen  # type: ignore[return-value]


async def goto_line(pilot: Pilot[None], editor: EditorScreen, line: int) -> None:
    """Move the YAML cursor to a (1-based) line with the arrow keys."""
    area = editor.raw_area
    for _ in range(200):
        row = area.cursor_location[0]
        if row == line - 1:
            return
        await pilot.press("down" if row < line - 1 else "up")
    raise AssertionError(f"the cursor never reached line {line}")


def head(repo: Path) -> str:
    """The branch tip's commit id."""
    return git(repo, "rev-parse", "HEAD").strip()


def changed_lines(repo: Path, rev: str = "HEAD") -> list[str]:
    """The -/+ lines of one commit's diff."""
    return [line for line in git(repo, "show", "--format=", rev).splitlines()
            if line[:1] in "+-" and not line.startswith(("+++", "---"))]


def author_of(repo: Path, rev: str = "HEAD") -> str:
    """`Name <email>` of a commit's author."""
    return git(repo, "log", "-1", "--format=%an <%ae>", rev).strip()


# --------------------------------------------------------- the judged flow


async def test_a_corrected_role_is_one_commit_of_one_line_by_the_editor(
        make_app: Callable[..., BrotuiApp], demo: Path) -> None:
    """Filter, open, edit Martin's role in the form, ctrl+s: one commit by me, one line."""
    before = head(demo)
    app = make_app()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await settle(pilot)
        await pilot.press(*"skärmtaket")
        await until(pilot, lambda: "1 of 2 protocols" in screen_text(app), "the filter")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ViewScreen) and app.screen.protocol_id == SEED
        await pilot.press("e")
        await settle(pilot)
        assert isinstance(app.screen, EditorScreen)
        assert "Editing hagersten-liljeholmen/2020-02-20 · form" in status_line(app)
        role = await tab_to(pilot, field("role", "Kommunpolis"))
        await retype(pilot, NEW_ROLE)
        assert f"Role         {NEW_ROLE}" in screen_text(app)
        await until(pilot, lambda: "not saved" in status_line(app), "the unsaved mark")

        await pilot.press("ctrl+s")
        await until(pilot, lambda: "Saved in" in toast_text(app), "the save")
        assert head(demo) != before
        assert git(demo, "rev-parse", "HEAD~1").strip() == before
        assert author_of(demo) == AUTHOR
        assert changed_lines(demo) == ["-  role: Kommunpolis", f"+  role: {NEW_ROLE}"]
        assert git(demo, "status", "--porcelain") == ""
        short = git(demo, "log", "-1", "--format=%h").strip()
        assert short in toast_text(app)
        assert "not saved" not in status_line(app)
        assert isinstance(role, Input) and role.value == NEW_ROLE

        await pilot.press("escape")
        await until(pilot, lambda: f"Martin Hämmerli    {NEW_ROLE}" in screen_text(app),
                    "the view showing the new role")
        assert isinstance(app.screen, ViewScreen)
        assert "Kommunpolis" not in screen_text(app)
        assert "Last changed by Signe Sekreterare" in screen_text(app)
        assert short in screen_text(app)


# --------------------------------------------------------------- validation


async def test_an_impossible_time_is_shown_at_its_field_and_nothing_is_saved(
        make_app: Callable[..., BrotuiApp], demo: Path) -> None:
    """Start 25:00: the reason appears under the field; ctrl+s refuses and says why."""
    before = head(demo)
    app = make_app()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        editor = await open_editor(pilot, app)
        await tab_to(pilot, field("start", "15:00"))
        await retype(pilot, "25:00")
        message = "Start: There is no hour 25 in 25:00 (00:00 to 23:59)."
        await until(pilot, lambda: message in screen_text(app), "the field's problem")
        lines = screen_text(app).splitlines()
        at = next(i for i, line in enumerate(lines) if "Start 25:00" in line)
        assert message in lines[at + 1]  # right under the field
        assert "1 error" in status_line(app)

        await pilot.press("ctrl+s")
        await until(pilot, lambda: "Not saved" in toast_text(app), "the refusal")
        assert f"Not saved: 1 error. First: {message}" in toast_text(app)
        await settle(pilot)
        assert head(demo) == before
        assert git(demo, "status", "--porcelain") == ""
        assert app.screen is editor and field("start", "25:00")(editor.focused)


async def test_an_item_left_empty_is_named_where_it_is_typed_and_not_saved(
        make_app: Callable[..., BrotuiApp], demo: Path) -> None:
    """Clearing item 5's only line: the item's problem appears on screen next to it; F8
    goes back to it; ctrl+s refuses and names it."""
    before = head(demo)
    app = make_app()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        editor = await open_editor(pilot, app)
        title = await tab_to(pilot, field("title", "Beslutade insatser"))
        await retype(pilot, "")
        message = "Item 5 has neither a title nor a text."
        await until(pilot, lambda: "1 error" in status_line(app), "the error count")
        await settle(pilot)
        shown_while_typing = screen_text(app)

        await pilot.press("tab", "tab", "tab")  # on to other fields
        assert editor.focused is not title
        await pilot.press("f8")
        await settle(pilot)
        assert editor.focused is title
        assert message in screen_text(app)

        await pilot.press("ctrl+s")
        await until(pilot, lambda: "Not saved" in toast_text(app), "the refusal")
        assert message in toast_text(app)
        await settle(pilot)
        assert head(demo) == before
        assert message in shown_while_typing, (
            f"the empty item's problem is not on screen after clearing its title:\n"
            f"{shown_while_typing}")


# ----------------------------------------------------------------- raw YAML


async def test_raw_yaml_is_the_file_checks_live_and_keeps_edits_across_modes(
        make_app: Callable[..., BrotuiApp], demo: Path) -> None:
    """ctrl+t: the file's text; a problem is listed with its line while typing; what is
    typed in either mode is there in the other; the save writes exactly those lines."""
    before = head(demo)
    app = make_app()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        editor = await open_editor(pilot, app)
        await pilot.press("ctrl+t")
        await until(pilot, lambda: '  4  start: "15:00"' in screen_text(app), "the YAML")
        area = editor.raw_area
        assert editor.raw and area.has_focus
        assert area.text == (demo / SEED_PATH).read_text(encoding="utf-8")
        assert "Editing hagersten-liljeholmen/2020-02-20 · YAML" in status_line(app)
        assert "No problems." in screen_text(app)

        await goto_line(pilot, editor, 4)
        await pilot.press("end", "backspace", *["left"] * 5, "backspace")  # start: 15:00
        assert "  4  start: 15:00" in screen_text(app)
        problem = 'line 4: start: The time 15:00 must be in quotes: "15:00".'
        await until(pilot, lambda: problem in screen_text(app), "the live problem")
        assert "1 error" in status_line(app)
        await pilot.press("ctrl+t")  # the form cannot show it yet
        await until(pilot, lambda: "The form cannot be shown" in toast_text(app), "refusal")
        assert editor.raw and "line 4" in toast_text(app)

        await pilot.press('"', "end", '"')
        await until(pilot, lambda: "No problems." in screen_text(app), "the fix noticed")
        assert '  4  start: "15:00"' in screen_text(app)

        await goto_line(pilot, editor, 13)
        assert area.document.get_line(12) == "  role: Kommunpolis"
        await retype(pilot, f"  role: {NEW_ROLE}")
        await pilot.press("ctrl+t")
        await until(pilot, lambda: f"Role         {NEW_ROLE}" in screen_text(app), "the form")
        assert not editor.raw
        assert "not saved" in status_line(app) and "form" in status_line(app)

        await tab_to(pilot, field("role", "Trygg- och säkerhetsstrateg"))
        await retype(pilot, "Säkerhetssamordnare")
        await pilot.press("ctrl+t")
        await until(pilot, lambda: " 15    role: Säkerhetssamordnare" in screen_text(app),
                    "the form's change in the YAML")
        assert editor.raw
        assert area.document.get_line(12) == f"  role: {NEW_ROLE}"
        assert area.document.get_line(14) == "  role: Säkerhetssamordnare"

        await pilot.press("ctrl+s")
        await until(pilot, lambda: "Saved in" in toast_text(app), "the save")
        assert git(demo, "rev-parse", "HEAD~1").strip() == before
        assert author_of(demo) == AUTHOR
        assert changed_lines(demo) == [
            "-  role: Kommunpolis", f"+  role: {NEW_ROLE}",
            "-  role: Trygg- och säkerhetsstrateg", "+  role: Säkerhetssamordnare"]
        assert area.text == (demo / SEED_PATH).read_text(encoding="utf-8")
        assert "not saved" not in status_line(app)


async def test_a_file_that_does_not_validate_opens_as_yaml_and_can_be_fixed(
        make_app: Callable[..., BrotuiApp], demo: Path) -> None:
    """A broken file (committed with plain git) opens as text with its problems and their
    lines; F8 goes from one to the next; fixed there, it saves."""
    path = demo / SEED_PATH
    path.write_text(path.read_text(encoding="utf-8").replace('start: "15:00"', "start: 15:00"),
                    encoding="utf-8")  # both times: line 4 and the next meeting's, line 63
    git(demo, "-c", "user.name=Xa", "-c", "user.email=x@example.org", "commit", "-qam", "oops")
    before = head(demo)
    app = make_app()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await settle(pilot)
        assert "BROKEN" in screen_text(app)
        editor = await open_editor(pilot, app)
        assert editor.raw
        problem = "start: The time 15:00 must be in quotes"
        await until(pilot, lambda: f"line 4: {problem}" in screen_text(app), "the problem")
        assert f"line 63: next_meetings[0].{problem}" in screen_text(app)
        assert "  4  start: 15:00" in screen_text(app)
        assert "2 errors · YAML" in status_line(app)

        await pilot.press("f8")  # to the first problem's line
        assert editor.raw_area.cursor_location == (3, 0)
        await pilot.press("end", '"', *["left"] * 6, '"')
        await until(pilot, lambda: "1 error" in status_line(app), "the first fix noticed")
        assert "line 4:" not in screen_text(app)
        await pilot.press("f8")  # on to the next
        assert editor.raw_area.cursor_location == (62, 0)
        await until(pilot, lambda: " 63    start: 15:00" in screen_text(app), "line 63")
        await pilot.press("end", '"', *["left"] * 6, '"')
        await until(pilot, lambda: "No problems." in screen_text(app), "the second fix noticed")

        await pilot.press("ctrl+s")
        await until(pilot, lambda: "Saved in" in toast_text(app), "the save")
        assert git(demo, "rev-parse", "HEAD~1").strip() == before
        assert author_of(demo) == AUTHOR
        assert changed_lines(demo) == ["-start: 15:00", '+start: "15:00"',
                                       "-  start: 15:00", '+  start: "15:00"']
        assert git(demo, "status", "--porcelain") == ""
        assert Archive(demo).load(SEED).start == "15:00"

        await pilot.press("ctrl+t")  # fixed, it can be a form again
        await until(pilot, lambda: "Start 15:00" in screen_text(app), "the form")
        assert not editor.raw


# --------------------------------------------------------------------- rows


async def test_rows_added_moved_and_removed_are_saved_exactly(
        make_app: Callable[..., BrotuiApp], demo: Path) -> None:
    """ctrl+a after Martin, fill in, alt+up twice and alt+down once, ctrl+d on Martin, and
    the row's + button on Clas: the file holds exactly those attendees, in that order."""
    expected = copy.deepcopy(Archive(demo).load(SEED))
    app = make_app()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        editor = await open_editor(pilot, app)
        await tab_to(pilot, field("name", "Martin Hämmerli"))
        await pilot.press("ctrl+a")
        await settle(pilot)
        assert field("name", "")(editor.focused)
        await pilot.press(*"Eva Ek", "tab")  # Tab passes over the presence (issue 12)
        assert field("role", "")(editor.focused)
        await pilot.press(*"Fältassistent")
        await pilot.press("alt+up", "alt+up")
        await settle(pilot)
        assert attendees_on_screen(app)[:2] == ["Eva Ek", "Abit Dundar"]
        await pilot.press("alt+down")
        await settle(pilot)
        assert field("role", "Fältassistent")(editor.focused)
        assert attendees_on_screen(app)[:3] == ["Abit Dundar", "Eva Ek", "Martin Hämmerli"]

        await tab_to(pilot, field("name", "Martin Hämmerli"))  # the row after Eva's
        await pilot.press("ctrl+d")
        await until(pilot, lambda: "Removed attendee Martin Hämmerli." in toast_text(app),
                    "the removal")
        assert field("name", "Clas Cederlid")(editor.focused)
        assert "Martin Hämmerli" not in attendees_on_screen(app)

        lines = screen_text(app).splitlines()  # the "+" on Clas's row adds one after it
        y = next(i for i, line in enumerate(lines) if "Role         Trygg-" in line)
        await pilot.click(offset=(lines[y].index(" + ") + 1, y))
        await settle(pilot)
        assert field("name", "")(editor.focused)
        await pilot.press(*"Lars Lund")
        await pilot.press("ctrl+s")
        await until(pilot, lambda: "Saved in" in toast_text(app), "the save")

    expected.attendees.insert(1, Attendee(name="Eva Ek", role="Fältassistent"))
    expected.attendees = [a for a in expected.attendees if a.name != "Martin Hämmerli"]
    expected.attendees.insert(3, Attendee(name="Lars Lund"))
    assert [a.name for a in expected.attendees][:5] == [
        "Abit Dundar", "Eva Ek", "Clas Cederlid", "Lars Lund", "Maria Ljuslin"]
    assert (demo / SEED_PATH).read_text(encoding="utf-8") == codec.dump(expected)
    assert git(demo, "show", f"HEAD:{SEED_PATH}") == codec.dump(expected)
    assert author_of(demo) == AUTHOR


# ------------------------------------------------------------------ leaving


async def test_leaving_with_unsaved_changes_asks_save_discard_or_stay(
        make_app: Callable[..., BrotuiApp], demo: Path) -> None:
    """Changes: Esc asks; Esc stays, s saves. No changes: Esc just closes. ctrl+w asks
    too, and d discards."""
    before = head(demo)
    app = make_app()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        editor = await open_editor(pilot, app)
        role = await tab_to(pilot, field("role", "Kommunpolis"))
        await retype(pilot, "Polis")
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, LeaveScreen)
        text = screen_text(app)
        assert "Unsaved changes in hagersten-liljeholmen/2020-02-20" in text
        assert "Save before closing?" in text
        assert "Save (s)" in text and "Discard changes (d)" in text and "Cancel (Esc)" in text

        await pilot.press("escape")  # stay
        await settle(pilot)
        assert app.screen is editor
        assert isinstance(role, Input) and role.value == "Polis"
        assert "not saved" in status_line(app)
        assert "Role         Polis" in screen_text(app)

        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, LeaveScreen)
        await pilot.press("s")
        await until(pilot, lambda: isinstance(app.screen, ViewScreen)
                    and "Martin Hämmerli    Polis" in screen_text(app), "save and close")
        assert git(demo, "rev-parse", "HEAD~1").strip() == before
        assert changed_lines(demo) == ["-  role: Kommunpolis", "+  role: Polis"]
        assert author_of(demo) == AUTHOR
        saved = head(demo)

        await pilot.press("e")
        await settle(pilot)
        assert isinstance(app.screen, EditorScreen)
        await pilot.press("escape")  # nothing changed: no question
        await settle(pilot)
        assert isinstance(app.screen, ViewScreen)

        await pilot.press("e")
        await settle(pilot)
        assert field("council")(app.screen.focused)
        await pilot.press("end", *" (utkast)")
        await pilot.press("ctrl+w")  # the same question
        await settle(pilot)
        assert isinstance(app.screen, LeaveScreen)
        await pilot.press("d")
        await settle(pilot)
        assert isinstance(app.screen, ViewScreen)
        assert "(utkast)" not in screen_text(app)
        assert head(demo) == saved
        assert git(demo, "status", "--porcelain") == ""


# ------------------------------------------------------- identity, conflicts


async def test_without_an_identity_saving_is_refused_and_says_how_to_set_one(
        make_app: Callable[..., BrotuiApp], demo: Path) -> None:
    """No --author, no BROTUI_AUTHOR, no git identity: ctrl+s explains, commits nothing."""
    found = subprocess.run(["git", "-C", str(demo), "config", "user.email"], capture_output=True)
    assert found.returncode == 1  # the repository has no identity either
    before = head(demo)
    app = make_app(author=None)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await settle(pilot)
        assert "no identity: cannot save" in screen_text(app)
        editor = await open_editor(pilot, app)
        await tab_to(pilot, field("role", "Kommunpolis"))
        await retype(pilot, NEW_ROLE)
        await pilot.press("ctrl+s")
        await until(pilot, lambda: "Cannot save" in toast_text(app), "the refusal")
        said = toast_text(app)
        assert "No identity to save in your name." in said
        assert '--author "Name <email>"' in said and "BROTUI_AUTHOR" in said
        assert "git config user.name and user.email" in said
        await settle(pilot)
        assert head(demo) == before
        assert git(demo, "status", "--porcelain") == ""
        assert app.screen is editor and "not saved" in status_line(app)
        assert field("role", NEW_ROLE)(editor.focused)


async def test_a_save_by_someone_else_meanwhile_to_another_field_is_merged(
        make_app: Callable[..., BrotuiApp], demo: Path) -> None:
    """Bob saves another field while I edit; my ctrl+s keeps both, says what was merged,
    and the editor shows what is saved now."""
    app = make_app()
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        editor = await open_editor(pilot, app)
        await tab_to(pilot, field("role", "Kommunpolis"))
        await retype(pilot, NEW_ROLE)

        archive = Archive(demo)
        theirs = archive.load(SEED)
        theirs.items[5].title = "Övrigt och avslutning"
        ops.save(archive, SEED, theirs, BOB)
        bobs_commit = head(demo)

        await pilot.press("ctrl+s")
        await until(pilot, lambda: "Merged" in toast_text(app), "the merge")
        said = toast_text(app)
        assert "Merged with changes made since you started: §6 title: Övrigt → " \
            "Övrigt och avslutning" in said
        await settle(pilot)
        assert git(demo, "rev-parse", "HEAD~1").strip() == bobs_commit
        assert author_of(demo) == AUTHOR
        text = (demo / SEED_PATH).read_text(encoding="utf-8")
        assert f"role: {NEW_ROLE}" in text and "title: Övrigt och avslutning" in text
        assert app.screen is editor
        assert "not saved" not in status_line(app)
        assert any(isinstance(w, Input) and w.value == "Övrigt och avslutning"
                   for w in editor.query(Input))


async def test_the_same_field_saved_by_someone_else_opens_the_conflict_screen(
        make_app: Callable[..., BrotuiApp], demo: Path) -> None:
    """Bob changes the role I am changing: the conflict screen shows how it was, Bob's and
    mine; Escape writes nothing and keeps my text; choosing Bob's saves his."""
    from brotui.tui.screens.conflict import ConflictScreen

    app = make_app()
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        editor = await open_editor(pilot, app)
        await tab_to(pilot, field("role", "Kommunpolis"))
        await retype(pilot, NEW_ROLE)

        archive = Archive(demo)
        theirs = archive.load(SEED)
        next(a for a in theirs.attendees if a.name == "Martin Hämmerli").role = "Polischef"
        ops.save(archive, SEED, theirs, BOB)
        bobs_commit = head(demo)
        bobs_text = (demo / SEED_PATH).read_text(encoding="utf-8")

        await pilot.press("ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, ConflictScreen), "the conflict screen")
        await settle(pilot)
        text = screen_text(app)
        assert "Bob Berg changed the same fields (1) in hagersten-liljeholmen/2020-02-20" in text
        assert "Attendees: Martin Hämmerli, role" in text
        for shown in ("As it was", "Kommunpolis", "Bob Berg saved", "Polischef", "You wrote",
                      NEW_ROLE):
            assert shown in text
        assert head(demo) == bobs_commit  # nothing written while I decide
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is editor and f"Role         {NEW_ROLE}" in screen_text(app)
        assert (demo / SEED_PATH).read_text(encoding="utf-8") == bobs_text

        await pilot.press("ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, ConflictScreen), "the conflict screen")
        await settle(pilot)
        await pilot.click("#use-theirs-0")
        await pilot.press("ctrl+s")
        await until(pilot, lambda: app.screen is editor, "back in the editor")
        await settle(pilot)
    # Choosing Bob's role over mine leaves the file as Bob saved it: nothing to commit.
    assert head(demo) == bobs_commit
    assert (demo / SEED_PATH).read_text(encoding="utf-8") == bobs_text


# ------------------------------------------------------------- new minutes


async def test_new_minutes_from_the_previous_meeting_are_saved_as_a_new_file(
        make_app: Callable[..., BrotuiApp], demo: Path) -> None:
    """ctrl+n on 2020-02-20, accept: the next meeting's minutes (from 2020-02-20's next
    meeting) with the same attendees and place; give item 1 a title, ctrl+s: a new file.
    (Ctrl+N in the list starts from the council's latest minutes: see
    test_ctrl_n_starts_from_the_councils_latest_minutes.)"""
    before = head(demo)
    new_id = "hagersten-liljeholmen/2020-05-14-2"
    app = make_app()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, BrowserScreen)
        app.open_new(SEED)
        await settle(pilot)
        text = screen_text(app)
        assert "New minutes" in text and "Start from hagersten-liljeholmen/2020-02-20" in text
        await pilot.press("enter")  # no date: the next meeting of the earlier minutes
        await until(pilot, lambda: "second meeting" in screen_text(app), "the warning")
        await pilot.press("enter")  # (2020-05-14 is taken, so -2, as was said)
        await until(pilot, lambda: isinstance(app.screen, EditorScreen), "the editor")
        editor = app.screen
        assert isinstance(editor, EditorScreen) and editor.protocol_id == new_id
        await settle(pilot)
        text = screen_text(app)
        assert f"Editing {new_id} · new, not saved" in text
        assert "Date           2020-05-14" in text
        assert "Besöksrum 1, plan 9, Telefonvägen 30" in text
        assert "Abit Dundar" in text and "Martin Hämmerli" in text
        assert "1 error" in status_line(app)

        await pilot.press("f8")  # to what is missing
        await settle(pilot)
        assert field("title", "")(editor.focused)
        assert "Item 1 has neither a title nor a text." in screen_text(app)
        await pilot.press(*"Sammanträdets öppnande")
        await until(pilot, lambda: "error" not in status_line(app), "the problem gone")
        await pilot.press("ctrl+s")
        await until(pilot, lambda: "Saved in" in toast_text(app), "the save")

    assert git(demo, "rev-parse", "HEAD~1").strip() == before
    assert author_of(demo) == AUTHOR
    assert git(demo, "show", "--format=", "--name-status", "HEAD").split() == [
        "A", f"protocols/{new_id}.yaml"]
    saved = codec.load(git(demo, "show", f"HEAD:protocols/{new_id}.yaml")).protocol
    assert saved is not None
    previous = Archive(demo).load(SEED)
    assert saved.date == dt.date(2020, 5, 14)
    assert [a.name for a in saved.attendees] == [a.name for a in previous.attendees]
    assert len(saved.attendees) == 8
    assert saved.location == "Besöksrum 1, plan 9, Telefonvägen 30"
    assert (saved.start, saved.end) == ("15:00", "17:00")
    assert saved.items[0].title == "Sammanträdets öppnande"
    assert git(demo, "status", "--porcelain") == ""


@pytest.mark.parametrize(("lang", "second"), [
    ("en", "these become a second meeting that day, hagersten-liljeholmen/2020-05-14-2"),
    ("sv", "de nya blir ett andra möte samma dag, hagersten-liljeholmen/2020-05-14-2")])
async def test_ctrl_n_starts_from_the_councils_latest_minutes(
        make_app: Callable[..., BrotuiApp], demo: Path, lang: str, second: str) -> None:
    """Ctrl+N on an older meeting's row starts from the council's latest minutes
    (2020-05-14), not the row; a date that already has minutes is said to make a second
    meeting that day before anything opens, and a second Enter goes ahead."""
    before = head(demo)
    app = make_app(lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("down")  # 2020-02-20, the older meeting
        await settle(pilot)
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert "hagersten-liljeholmen/2020-05-14" in screen_text(app)
        assert "hagersten-liljeholmen/2020-02-20" not in screen_text(app)
        dialog = app.screen
        await pilot.press(*"2020-05-14", "enter")
        await until(pilot, lambda: second in " ".join(
            screen_text(app).replace("█", " ").split()), "the warning")
        assert app.screen is dialog
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, EditorScreen), "the editor")
        assert app.screen.protocol_id == "hagersten-liljeholmen/2020-05-14-2"
    assert head(demo) == before


@pytest.mark.parametrize(("lang", "said"), [
    ("en", "is 300 characters long; it may have at most 80"),
    ("sv", "är 300 tecken långt; det får vara högst 80")])
async def test_new_minutes_refuse_an_overlong_council_name(
        make_app: Callable[..., BrotuiApp], demo: Path, lang: str, said: str) -> None:
    """300 characters were taken, and every save of those minutes then crashed the TUI
    (the draft's file name was too long): the dialog says the limit and stays open."""
    before = head(demo)
    app = make_app(lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+n")
        await settle(pilot)
        dialog = app.screen
        dialog.query_one("#new-slug", Input).value = "a" * 300
        date = dialog.query_one("#new-date", Input)
        date.value = "2021-01-01"
        date.focus()
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is dialog and not isinstance(app.screen, EditorScreen)
        assert said in " ".join(screen_text(app).replace("█", " ").split())  # the box's edge
    assert head(demo) == before


def test_a_number_field_takes_ascii_digits_only() -> None:
    from brotui.tui.widgets.fields import INT, parse

    assert parse(INT, "12") == (12, None)
    assert parse(INT, "-5") == (-5, None)  # read, and named by validation (1 or more)
    for look_alike in ("\uff11\uff12", "1\u0662", "1_2"):
        value, problem = parse(INT, look_alike)
        assert value == look_alike and problem is not None


# ------------------------------------------------------------------- markup


@pytest.fixture
def markup_archive(demo: Path) -> Path:
    """The demo plus minutes whose role, item title and item text are markup."""
    protocol = Protocol(
        council="Rådet", date=dt.date(2020, 3, 5),
        attendees=[Attendee(name="Eva Ek", role=MARKUP[0])],
        items=[Item(number=1, title=MARKUP[1], text=MARKUP[2])])
    ops.save(Archive(demo), MARKUP_ID, protocol, BOB)
    return demo


async def test_markup_in_fields_is_shown_as_typed_and_never_acts(
        make_app: Callable[..., BrotuiApp], markup_archive: Path) -> None:
    """`[bold]x[/]`, `[@click=app.quit]q[/]`, `[link=http://x]y[/]`: the same characters
    in the form and in YAML, no links, and clicking anywhere does not quit."""
    app = make_app()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        editor = await open_editor(pilot, app, MARKUP_ID)
        assert not editor.raw
        text = screen_text(app)
        assert f"Role         {MARKUP[0]}" in text
        assert f"Title        {MARKUP[1]}" in text
        assert MARKUP[2] in text
        assert active_links(app) == []

        await pilot.press("ctrl+t")
        await until(pilot, lambda: all(w in screen_text(app) for w in MARKUP), "the YAML")
        assert editor.raw
        assert active_links(app) == []
        for y in range(2, 23, 4):
            await pilot.click(offset=(30, y))
        await settle(pilot)
        assert app.is_running and app.screen is editor

        await pilot.press("ctrl+t")
        await until(pilot, lambda: f"Role         {MARKUP[0]}" in screen_text(app), "the form")
        assert not editor.raw
        for y in range(2, 23, 2):
            for x in (20, 58):
                await pilot.click(offset=(x, y))
                if isinstance(app.screen, LeaveScreen):
                    await pilot.press("escape")
        await settle(pilot)
        assert app.is_running
        assert active_links(app) == []
    assert app.return_code in (None, 0)


# ------------------------------------------------------------------ Swedish


async def test_the_editor_speaks_swedish(make_app: Callable[..., BrotuiApp], demo: Path) -> None:
    """With --lang sv the labels, status, problems, refusals and the dialog are Swedish."""
    before = head(demo)
    app = make_app("sv")
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        editor = await open_editor(pilot, app)
        text = screen_text(app)
        assert "Redigerar hagersten-liljeholmen/2020-02-20 · formulär" in text
        for label in ("Mötet", "Råd ", "Datum", "Slut", "Plats", "Ordförande", "Sekreterare",
                      "Justerare", "Närvarande", "Namn", "Närvaro", "Roll", "Organisation",
                      "Notering", "utkast", "närvarande", "Spara",
                      "Formulär/YAML", "Stäng"):
            assert label in text, label
        assert "Meeting" not in text and "Save" not in text

        await tab_to(pilot, field("start", "15:00"))
        await retype(pilot, "25:00")
        message = "Start: Timmen 25 finns inte i 25:00 (00:00 till 23:59)."
        await until(pilot, lambda: message in screen_text(app), "the problem")
        assert "ej sparat · 1 fel · formulär" in status_line(app)
        await pilot.press("ctrl+s")
        await until(pilot, lambda: "Inte sparat" in toast_text(app), "the refusal")
        assert f"Inte sparat: 1 fel. Första: {message}" in toast_text(app)

        await pilot.press("ctrl+t")
        await until(pilot, lambda: "rad 4: start: Timmen 25 finns inte" in screen_text(app),
                    "the problem in YAML")
        assert "· YAML" in status_line(app)

        await pilot.press("escape")
        await settle(pilot)
        text = screen_text(app)
        assert "Osparade ändringar i hagersten-liljeholmen/2020-02-20" in text
        assert "Vill du spara innan du stänger?" in text
        assert "Spara (s)" in text and "Kasta ändringarna (d)" in text and "Avbryt (Esc)" in text
        await pilot.press("d")
        await settle(pilot)
        assert isinstance(app.screen, ViewScreen) and app.screen is not editor
        assert head(demo) == before


# ----------------------------------------------------------------- key mash

MASH_KEYS = [*"abcdefghijklmnopqrstuvwxyzåäö0123456789", "space", "tab", "shift+tab", "enter",
             "escape", "ctrl+t", "ctrl+a", "ctrl+d", "alt+up", "alt+down", "f8", "up", "down",
             "left", "right", "home", "end", "backspace", "ctrl+s"]
MASH_WEIGHTS = [1] * 39 + [3, 6, 2, 5, 5, 2, 2, 2, 2, 2, 2, 4, 4, 2, 2, 1, 1, 3, 3]


async def _start_at(pilot: Pilot[None], app: BrotuiApp, where: str) -> None:
    """Bring the app to where a round of key mashing starts."""
    await settle(pilot)
    if where == "browser":
        return
    if where == "history":
        app.push_screen(HistoryScreen(SEED))
        await settle(pilot)
        return
    if where.startswith("editor"):
        # The round before may have left a draft (keys typed and not saved when its app
        # ended, kept by the draft timer or not, as the timing falls): a person discards it.
        await open_editor(pilot, app, expect=(EditorScreen, DraftScreen))
        if isinstance(app.screen, DraftScreen):
            await pilot.press("d")
            await settle(pilot)
        assert isinstance(app.screen, EditorScreen), screen_text(app)
    if where == "view":
        app.push_screen(ViewScreen(SEED))
    elif where == "editor-raw":
        await pilot.press("ctrl+t")
    await settle(pilot)


async def test_mashing_keys_never_crashes_and_every_commit_is_valid(
        make_app: Callable[..., BrotuiApp], demo: Path, tmp_path: Path, cli: Callable) -> None:
    """Hundreds of seeded random keys in the browser, a view, the editor (both modes) and
    the history: the app never fails, and whatever it saved passes `brotui check`."""
    before = head(demo)
    rng = random.Random(5)
    seen: set[str] = set()
    for where in ("browser", "view", "editor", "editor-raw", "history"):
        keys = rng.choices(MASH_KEYS, MASH_WEIGHTS, k=50)
        app = make_app()
        try:
            async with app.run_test(size=(80, 24)) as pilot:
                await _start_at(pilot, app, where)
                for n, key in enumerate(keys):
                    if not app.is_running:  # q in the list quits: a clean end
                        break
                    seen.add(type(app.screen).__name__)
                    await pilot.press(key)
                    if n % 10 == 9:
                        await pilot.pause()
                if app.is_running:
                    await settle(pilot)
        except Exception as exc:
            raise AssertionError(f"the app failed starting at {where} with keys {keys}") from exc
        assert app.return_code in (None, 0), f"the app failed starting at {where}: {keys}"
    assert {"BrowserScreen", "ViewScreen", "EditorScreen", "HistoryScreen"} <= seen

    made = git(demo, "rev-list", "--reverse", f"{before}..HEAD").split()
    clone = tmp_path / "check.git"
    git(tmp_path, "clone", "-q", "--bare", str(demo), str(clone))
    for commit in made:
        assert author_of(demo, commit) == AUTHOR
        git(clone, "update-ref", "refs/heads/main", commit)
        result = cli("--repo", str(clone), "check")
        assert result.code == 0, (commit, result.err)
    print(f"key mash: {len(made)} commit(s) checked; screens seen: {sorted(seen)}")


# --------------------------------------------------------------- snapshots


def test_snapshot_editor_form(snap_compare: Callable, make_app: Callable) -> None:
    """The form at 80x24 as it opens: the meeting, then the first attendees."""
    assert snap_compare(make_app(), terminal_size=(80, 24),
                        run_before=run_before("down", "enter", "e"))


def test_snapshot_editor_raw(snap_compare: Callable, make_app: Callable) -> None:
    """The same minutes as YAML at 80x24, with line numbers and "No problems."."""
    assert snap_compare(make_app(), terminal_size=(80, 24),
                        run_before=run_before("down", "enter", "e", "ctrl+t"))


# ------------------------------------------------------------------ one language


@pytest.mark.parametrize(("lang", "said", "doubled"), [
    ("sv", "Namn (name) saknas.", "Namn: Namn (name)"),
    ("en", "The name (name) is missing.", "Name: The name (name)")])
async def test_an_attendees_missing_name_is_said_once(
        make_app: Callable[..., BrotuiApp], lang: str, said: str, doubled: str) -> None:
    """An attendee row whose name is emptied: the problem under it names the field once
    (not "Namn: Namn (name) saknas.")."""
    app = make_app(lang)
    async with app.run_test(size=(100, 40)) as pilot:
        await open_editor(pilot, app)
        await tab_to(pilot, field("name", "Abit Dundar"))
        await retype(pilot, "")
        await until(pilot, lambda: said in screen_text(app), "the problem")
        assert doubled not in screen_text(app)


async def test_the_merge_toast_shows_the_text_as_merged_without_diff_marks(
        make_app: Callable[..., BrotuiApp], demo: Path) -> None:
    """Bob changes one word of §2 while I edit a role: my save merges it, and the toast
    says the text as it now reads, with none of plain text's `[-…-]` `{+…+}` marks."""
    app = make_app()
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await open_editor(pilot, app)
        await tab_to(pilot, field("role", "Kommunpolis"))
        await retype(pilot, NEW_ROLE)
        archive = Archive(demo)
        theirs = archive.load(SEED)
        theirs.items[1].text = theirs.items[1].text.replace("den 28 februari", "den 29 februari")
        ops.save(archive, SEED, theirs, BOB)
        await pilot.press("ctrl+s")
        await until(pilot, lambda: "Merged" in toast_text(app), "the merge")
        said = toast_text(app)
        assert "§2 text:" in said and "den 29 februari" in said, said
        assert "{+" not in said and "[-" not in said and "-]" not in said, said
