"""Drafts: what was typed and not saved comes back when the protocol is opened again."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual.pilot import Pilot

from brotui.core import ops
from brotui.core.archive import Archive
from brotui.core.drafts import Drafts
from brotui.core.identity import parse_identity
from brotui.tui.app import BrotuiApp
from brotui.tui.screens.draft import DraftScreen
from brotui.tui.screens.editor import EditorScreen
from tests.app.conftest import AUTHOR, screen_text, settle
from tests.app.test_edit import (
    SEED,
    SEED_PATH,
    field,
    head,
    open_editor,
    retype,
    tab_to,
    until,
)
from tests.conftest import BOB, git

ME = parse_identity(AUTHOR)
PLACE = "Besöksrum 2, plan 9, Telefonvägen 30"


async def type_a_new_place(make_app: Callable[..., BrotuiApp]) -> None:
    """Open the editor, type a new place, keep the draft (as the timer does), and go
    without saving: the session is cut."""
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        editor = await open_editor(pilot, app)
        await tab_to(pilot, field("location"))
        await retype(pilot, PLACE)
        await settle(pilot)
        editor.keep_draft()


async def test_a_draft_comes_back_with_what_was_typed(make_app: Callable[..., BrotuiApp],
                                                      demo: Path) -> None:
    before = head(demo)
    await type_a_new_place(make_app)
    draft = Drafts(Archive(demo)).get(ME, SEED)
    assert draft is not None and PLACE in draft.text and draft.base == before
    # Kept under the git directory: nothing in the work tree, nothing committed.
    assert git(demo, "status", "--porcelain", "--ignored") == ""
    assert head(demo) == before
    assert list((demo / ".git" / "brotui" / "drafts").rglob("*.json"))

    app = make_app()
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await open_editor_with_draft(pilot, app)
        assert "A draft exists for hagersten-liljeholmen/2020-02-20" in screen_text(app)
        assert draft_diff(app) == [
            f"Place: Hägersten-Liljeholmens SDF Telefonvägen 30, plan 9 besöksrum 1 → {PLACE}"]
        await pilot.press("r")
        await settle(pilot)
        editor = app.screen
        assert isinstance(editor, EditorScreen)
        assert "not saved" in screen_text(app)
        assert any(PLACE in line for line in screen_text(app).splitlines())
        await pilot.press("ctrl+s")
        await until(pilot, lambda: head(demo) != before, "the save")
        await settle(pilot)
    assert f"location: {PLACE}" in (demo / SEED_PATH).read_text("utf-8")
    assert git(demo, "log", "-1", "--format=%an <%ae>").strip() == AUTHOR
    assert Drafts(Archive(demo)).get(ME, SEED) is None  # saved: the draft is gone


def draft_diff(app: BrotuiApp) -> list[str]:
    """The changes the draft dialog lists, one per line."""
    dialog = app.screen
    assert isinstance(dialog, DraftScreen)
    return [line.plain for line in dialog.lines]


async def open_editor_with_draft(pilot: Pilot[None], app: BrotuiApp) -> None:
    await open_editor(pilot, app, expect=DraftScreen)


async def test_a_draft_can_be_discarded(make_app: Callable[..., BrotuiApp], demo: Path) -> None:
    await type_a_new_place(make_app)
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await open_editor_with_draft(pilot, app)
        await pilot.press("d")
        await settle(pilot)
        assert isinstance(app.screen, EditorScreen)
        assert "not saved" not in screen_text(app)
        assert PLACE not in screen_text(app)
    assert Drafts(Archive(demo)).get(ME, SEED) is None


async def test_drafts_are_per_person(make_app: Callable[..., BrotuiApp], demo: Path) -> None:
    await type_a_new_place(make_app)
    app = make_app(author=str(BOB))
    async with app.run_test(size=(100, 30)) as pilot:
        await open_editor(pilot, app)  # Bob opens it: no draft of his
        assert PLACE not in screen_text(app)
    assert Drafts(Archive(demo)).get(ME, SEED) is not None


async def test_a_draft_on_a_protocol_changed_since_merges_on_save(
        make_app: Callable[..., BrotuiApp], demo: Path) -> None:
    """While the draft waited, Bob changed another field: continuing the draft and saving
    keeps both."""
    await type_a_new_place(make_app)
    archive = Archive(demo)
    theirs = archive.load(SEED)
    theirs.items[5].title = "Övrigt och avslutning"
    ops.save(archive, SEED, theirs, BOB)
    bobs = head(demo)
    app = make_app()
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await open_editor_with_draft(pilot, app)
        await pilot.press("r")
        await settle(pilot)
        await pilot.press("ctrl+s")
        await until(pilot, lambda: head(demo) != bobs, "the save")
        await settle(pilot)
    text = (demo / SEED_PATH).read_text("utf-8")
    assert f"location: {PLACE}" in text and "title: Övrigt och avslutning" in text
    assert git(demo, "rev-parse", "HEAD~1").strip() == bobs
