"""What is typed while "Saving…" is shown: kept whatever the save does.

A save runs in a worker and the editor stays editable. To type during a save the tests
hold the archive's own save lock (an flock on `.git/brotui/save.lock`, as a second
brotui saving at the same moment holds it): the save waits, the person types, the lock
is let go and the save goes on."""

from __future__ import annotations

import contextlib
import fcntl
import os
from collections.abc import Callable, Iterator
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Input

from brotui.core import codec, ops
from brotui.core.archive import Archive
from brotui.tui.app import BrotuiApp
from brotui.tui.screens.conflict import ConflictScreen
from brotui.tui.screens.leave import LeaveScreen
from brotui.tui.screens.view import ViewScreen
from tests.app.conftest import AUTHOR, screen_text, settle
from tests.app.test_edit import (
    NEW_ROLE,
    SEED,
    SEED_PATH,
    author_of,
    field,
    goto_line,
    head,
    open_editor,
    retype,
    status_line,
    tab_to,
    toast_text,
    until,
)
from tests.conftest import BOB, git

LATER = " och närpolis"  # typed after ctrl+s, while the save waits


@contextlib.contextmanager
def save_lock_held(repo: Path) -> Iterator[None]:
    """Hold the archive's save lock, as another brotui in the middle of a save does."""
    state = repo / ".git" / "brotui"
    state.mkdir(parents=True, exist_ok=True)
    fd = os.open(state / "save.lock", os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


def bob_retitles_item_6(repo: Path, title: str = "Övrigt och avslutning") -> str:
    """Bob saves another field (item 6's title) meanwhile; his commit."""
    archive = Archive(repo)
    theirs = archive.load(SEED)
    theirs.items[5].title = title
    ops.save(archive, SEED, theirs, BOB)
    return head(repo)


def saved_text(repo: Path) -> str:
    return git(repo, "show", f"HEAD:{SEED_PATH}")


async def start_saving(pilot: Pilot[None], app: BrotuiApp) -> None:
    await pilot.press("ctrl+s")
    await until(pilot, lambda: "Saving…" in status_line(app), "Saving…")


# ------------------------------------------------------------- a merged save


async def test_typing_during_a_save_that_merges_stays_in_the_editor_and_is_saved_next(
        make_app: Callable[..., BrotuiApp], demo: Path) -> None:
    """I change a role, ctrl+s, and go on typing in that field while the save waits; the
    save merges Bob's new title. My later words stay where I typed them (the focus too),
    Bob's title shows, the editor says "not saved"; the next ctrl+s saves my words on top
    of the merge, with no conflict."""
    app = make_app()
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        editor = await open_editor(pilot, app)
        role = await tab_to(pilot, field("role", "Kommunpolis"))
        await retype(pilot, NEW_ROLE)
        bobs = bob_retitles_item_6(demo)
        with save_lock_held(demo):
            await start_saving(pilot, app)
            await pilot.press(*LATER)
        await until(pilot, lambda: "Merged" in toast_text(app), "the merge")
        await settle(pilot)
        merged = head(demo)
        assert git(demo, "rev-parse", "HEAD~1").strip() == bobs
        assert f"role: {NEW_ROLE}\n" in saved_text(demo)  # what was saved: without LATER
        assert "title: Övrigt och avslutning" in saved_text(demo)

        assert app.screen is editor
        focused = editor.focused
        assert field("role", NEW_ROLE + LATER)(focused), screen_text(app)
        assert focused is not role  # the form was rebuilt with Bob's title in it ...
        assert any(isinstance(w, Input) and w.value == "Övrigt och avslutning"
                   for w in editor.query(Input))
        assert "not saved" in status_line(app)
        await pilot.press(*"!")  # ... and the keys still go where I was typing
        assert field("role", NEW_ROLE + LATER + "!")(editor.focused)

        await pilot.press("ctrl+s")
        await until(pilot, lambda: head(demo) != merged and "not saved" not in status_line(app),
                    "the second save")
        await settle(pilot)
        assert not isinstance(app.screen, ConflictScreen)
        assert git(demo, "rev-parse", "HEAD~1").strip() == merged
        assert git(demo, "show", "--format=", "--stat", "HEAD").count("|") == 1
        text = saved_text(demo)
        assert f"role: {NEW_ROLE}{LATER}!\n" in text
        assert "title: Övrigt och avslutning" in text
        assert author_of(demo) == AUTHOR


async def test_typing_in_yaml_during_a_merged_save_is_kept_with_their_change_in_it(
        make_app: Callable[..., BrotuiApp], demo: Path) -> None:
    """The same in the raw YAML: my later line survives the merge, Bob's title is in the
    text beside it, and the editor says "not saved"."""
    app = make_app()
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        editor = await open_editor(pilot, app)
        await pilot.press("ctrl+t")
        await settle(pilot)
        area = editor.raw_area
        row = area.text.splitlines().index("  role: Kommunpolis")
        await goto_line(pilot, editor, row + 1)
        await pilot.press("end", *"x")
        bob_retitles_item_6(demo)
        with save_lock_held(demo):
            await start_saving(pilot, app)
            await pilot.press("end", *LATER)
        await until(pilot, lambda: "Merged" in toast_text(app), "the merge")
        await settle(pilot)
        assert "  role: Kommunpolisx\n" in saved_text(demo)
        assert app.screen is editor and editor.raw
        lines = area.text.splitlines()
        assert f"  role: Kommunpolisx{LATER}" in lines
        assert "  title: Övrigt och avslutning" in lines
        assert "not saved" in status_line(app)
        assert area.cursor_location[0] == row


async def test_yaml_that_does_not_read_when_the_merge_comes_is_kept_as_typed(
        make_app: Callable[..., BrotuiApp], demo: Path) -> None:
    """Half-typed YAML (it does not load) cannot take Bob's change in: it stays exactly as
    typed, the editor says "not saved" and why; once it reads again Bob's change goes in,
    and ctrl+s saves my words on top of the merge, with no conflict."""
    app = make_app()
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        editor = await open_editor(pilot, app)
        await pilot.press("ctrl+t")
        await settle(pilot)
        area = editor.raw_area
        row = area.text.splitlines().index("  role: Kommunpolis")
        await goto_line(pilot, editor, row + 1)
        await pilot.press("end", *"x")
        bob_retitles_item_6(demo)
        with save_lock_held(demo):
            await start_saving(pilot, app)
            await pilot.press("end", *": [halv")
        await until(pilot, lambda: "Merged" in toast_text(app), "the merge")
        await settle(pilot)
        assert app.screen is editor
        typed = area.text
        assert "  role: Kommunpolisx: [halv" in typed.splitlines()
        assert "Övrigt och avslutning" not in typed
        assert "not saved" in status_line(app)
        assert "does not read as YAML" in toast_text(app)

        await pilot.press(*["backspace"] * 7, *" igen")
        await until(pilot, lambda: "  title: Övrigt och avslutning" in area.text.splitlines(),
                    "Bob's title put in once the YAML reads")
        assert "  role: Kommunpolisx igen" in area.text.splitlines()
        assert "not saved" in status_line(app)
        before = head(demo)
        await pilot.press("ctrl+s")
        await until(pilot, lambda: head(demo) != before, "the second save")
        await settle(pilot)
        assert not isinstance(app.screen, ConflictScreen), screen_text(app)
        text = saved_text(demo)
        assert "  role: Kommunpolisx igen\n" in text
        assert "title: Övrigt och avslutning" in text


async def test_typing_during_a_save_into_the_field_they_changed_asks_which_to_keep(
        make_app: Callable[..., BrotuiApp], demo: Path) -> None:
    """While my save waits I retype item 6's title, which Bob changed: the merge cannot
    take both, so the conflict screen shows his and mine; choosing mine and ctrl+s saves
    it over his, as I chose, and the editor shows it, saved."""
    app = make_app()
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        editor = await open_editor(pilot, app)
        await tab_to(pilot, field("role", "Kommunpolis"))
        await retype(pilot, NEW_ROLE)
        bob_retitles_item_6(demo)
        with save_lock_held(demo):
            await start_saving(pilot, app)
            await tab_to(pilot, field("title", "Övrigt"))
            await retype(pilot, "Övriga frågor")
        await until(pilot, lambda: isinstance(app.screen, ConflictScreen), "the conflict")
        await settle(pilot)
        text = screen_text(app)
        assert "Bob Berg saved" in text and "Övrigt och avslutning" in text
        assert "Övriga frågor" in text
        assert f"role: {NEW_ROLE}\n" in saved_text(demo)
        merged = head(demo)
        await pilot.click("#use-mine-0")
        await pilot.press("ctrl+s")
        await until(pilot, lambda: app.screen is editor and head(demo) != merged,
                    "the chosen title saved")
        await settle(pilot)
        assert git(demo, "rev-parse", "HEAD~1").strip() == merged
        text = saved_text(demo)
        assert "title: Övriga frågor" in text and f"role: {NEW_ROLE}\n" in text
        assert any(isinstance(w, Input) and w.value == "Övriga frågor"
                   for w in editor.query(Input))
        assert "not saved" not in status_line(app)


async def test_typing_during_a_save_without_a_merge_stays_unsaved(
        make_app: Callable[..., BrotuiApp], demo: Path) -> None:
    """No one else saved: the commit holds what was there at ctrl+s, the editor keeps the
    words typed since and says "not saved"."""
    app = make_app()
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        editor = await open_editor(pilot, app)
        await tab_to(pilot, field("role", "Kommunpolis"))
        await retype(pilot, NEW_ROLE)
        before = head(demo)
        with save_lock_held(demo):
            await start_saving(pilot, app)
            await pilot.press(*LATER)
        await until(pilot, lambda: head(demo) != before and "Saving" not in status_line(app),
                    "the save")
        await settle(pilot)
        assert f"role: {NEW_ROLE}\n" in saved_text(demo)
        assert field("role", NEW_ROLE + LATER)(editor.focused)
        assert "not saved" in status_line(app)


# ---------------------------------------------------------- leaving meanwhile


async def test_escape_while_saving_asks_after_the_save_if_something_was_typed_since(
        make_app: Callable[..., BrotuiApp], demo: Path) -> None:
    """Escape during "Saving…" with words typed after ctrl+s: when the save is done the
    editor asks, as for any unsaved change, and "Cancel" keeps the words; ctrl+w the same.
    Escape during a save with nothing typed since just closes once it is saved."""
    app = make_app()
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        editor = await open_editor(pilot, app)
        await tab_to(pilot, field("role", "Kommunpolis"))
        await retype(pilot, NEW_ROLE)
        bob_retitles_item_6(demo)
        for key in ("escape", "ctrl+w"):
            with save_lock_held(demo):
                await start_saving(pilot, app)
                await pilot.press(*LATER, key)
                await pilot.pause(0.2)
                assert app.screen is editor  # still saving: nothing to ask yet
            await until(pilot, lambda: isinstance(app.screen, LeaveScreen), "the question")
            await settle(pilot)
            assert "Unsaved changes" in screen_text(app)
            await pilot.press("escape")  # Cancel: stay
            await settle(pilot)
            assert app.screen is editor
            assert field("role")(editor.focused) and \
                editor.focused.value.endswith(LATER), screen_text(app)  # type: ignore[union-attr]
            assert "not saved" in status_line(app)

        with save_lock_held(demo):
            await start_saving(pilot, app)
            await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, ViewScreen), "closed after the save")
        assert f"role: {NEW_ROLE}{LATER}{LATER}\n" in saved_text(demo)


async def test_ctrl_q_while_saving_asks_and_discard_quits(
        make_app: Callable[..., BrotuiApp], demo: Path) -> None:
    """Ctrl+Q during "Saving…" with words typed since: after the save the editor asks
    first; "d" quits. Ctrl+Q in an editor with unsaved changes asks too."""
    app = make_app()
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        editor = await open_editor(pilot, app)
        await tab_to(pilot, field("role", "Kommunpolis"))
        await retype(pilot, NEW_ROLE)
        await pilot.press("ctrl+q")
        await settle(pilot)
        assert isinstance(app.screen, LeaveScreen) and app.is_running
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is editor
        with save_lock_held(demo):
            await start_saving(pilot, app)
            await pilot.press(*LATER, "ctrl+q")
            await pilot.pause(0.2)
            assert app.is_running and app.screen is editor
        await until(pilot, lambda: isinstance(app.screen, LeaveScreen), "the question")
        assert app.is_running
        assert f"role: {NEW_ROLE}\n" in saved_text(demo)
        await pilot.press("d")
        await settle(pilot)
        assert not app.is_running
    assert codec.load(saved_text(demo)).ok
