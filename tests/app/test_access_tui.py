"""The access file in the TUI (issue 18, item 4): the TUI's own writes pass the same check
as the command line's (commit.commit_change asks `.brotui/access.yaml` at the tip), so a
person who may only read is refused with the access file's sentence and nothing is
written, while an editor of that council saves."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from brotui.tui.app import BrotuiApp
from brotui.tui.screens.history import HistoryScreen
from brotui.tui.screens.view import ViewScreen
from tests.app.conftest import screen_text, settle
from tests.app.test_edit import (
    NEW_ROLE,
    SEED,
    field,
    head,
    open_editor,
    retype,
    status_line,
    tab_to,
    toast_text,
    until,
)
from tests.conftest import git

READER = "Rut Läsare <rut@example.org>"
EDITOR = "Eva Ek <eva@example.org>"
OTHER = "Olle Annan <olle@example.org>"  # edits another council's minutes only
ACCESS = """councils:
  "*":
    readers: ["*"]
  hagersten-liljeholmen:
    editors: [eva@example.org]
  alvsjo:
    editors: [olle@example.org]
"""



def with_access(demo: Path) -> str:
    (demo / ".brotui").mkdir(exist_ok=True)
    (demo / ".brotui" / "access.yaml").write_text(ACCESS, "utf-8")
    git(demo, "add", ".brotui/access.yaml")
    git(demo, "commit", "-qm", "Who may do what",
        env={"GIT_AUTHOR_NAME": "Anna Admin", "GIT_AUTHOR_EMAIL": "anna@example.org",
             "GIT_COMMITTER_NAME": "Anna Admin", "GIT_COMMITTER_EMAIL": "anna@example.org"})
    return head(demo)


async def test_a_reader_saving_in_the_tui_is_refused_with_a_sentence_and_nothing_written(
        make_app: Callable[..., BrotuiApp], demo: Path) -> None:
    """The write path's own check: the access file came (an administrator committed it)
    after the editor was opened, so the editor was offered; the save is refused."""
    app = make_app(author=READER)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await settle(pilot)
        editor = await open_editor(pilot, app)
        before = with_access(demo)
        await tab_to(pilot, field("role", "Kommunpolis"))
        await retype(pilot, NEW_ROLE)
        await pilot.press("ctrl+s")
        await until(pilot, lambda: "may only read" in toast_text(app), "the refusal")
        said = toast_text(app)
        assert "rut@example.org" in said and "hagersten-liljeholmen" in said
        assert "Traceback" not in said
        await settle(pilot)
        assert head(demo) == before
        assert git(demo, "status", "--porcelain") == ""
        assert app.screen is editor and "not saved" in status_line(app)


async def test_an_editor_of_the_council_saves_in_the_tui(
        make_app: Callable[..., BrotuiApp], demo: Path) -> None:
    before = with_access(demo)
    app = make_app(author=EDITOR)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await settle(pilot)
        await open_editor(pilot, app)
        await tab_to(pilot, field("role", "Kommunpolis"))
        await retype(pilot, NEW_ROLE)
        await pilot.press("ctrl+s")
        await until(pilot, lambda: "Saved in" in toast_text(app), "the save")
        assert git(demo, "rev-parse", "HEAD~1").strip() == before


def footer(app: BrotuiApp) -> str:
    """The footer's line: the keys offered, each as "key Name"."""
    return screen_text(app).splitlines()[-1]


def offered(app: BrotuiApp) -> set[str]:
    """The actions the current screen offers (footer, help and palette ask the same)."""
    return {binding.action for _node, binding, enabled, _tip
            in app.screen.active_bindings.values() if enabled}


async def read_only_view(pilot: object, app: BrotuiApp, demo: Path, before: str) -> None:
    """The minutes as a person who may not change them sees them: no key that writes in
    the footer or the palette, `e` (and the actions reached by name) open nothing and
    write nothing, and the history offers no restore."""
    app.push_screen(ViewScreen(SEED))
    await settle(pilot)  # type: ignore[arg-type]
    line = footer(app)
    assert "History" in line and "Export" in line, line  # reading keys stay
    for name in ("Edit", "Delete", "New date", "For approval"):
        assert name not in line, (name, line)
    assert not offered(app) & {"edit", "delete", "rename", "review", "sign", "sign_item",
                                "correct"}
    view = app.screen
    await pilot.press("e")  # type: ignore[attr-defined]
    await settle(pilot)  # type: ignore[arg-type]
    assert app.screen is view  # no editor
    await view.run_action("delete")  # by name, as the palette runs a key
    view.action_edit()  # reached anyway: the access file's sentence, and no editor
    await until(pilot, lambda: "may only read" in toast_text(app), "the refusal")  # type: ignore[arg-type]
    assert str(app.identity.email) in toast_text(app)  # type: ignore[union-attr]
    await settle(pilot)  # type: ignore[arg-type]
    assert app.screen is view
    assert head(demo) == before and git(demo, "status", "--porcelain") == ""
    await pilot.press("h")  # type: ignore[attr-defined]
    await settle(pilot)  # type: ignore[arg-type]
    assert isinstance(app.screen, HistoryScreen)
    assert "restore" not in offered(app) and "Restore" not in footer(app)
    await pilot.press("r")  # type: ignore[attr-defined]
    await settle(pilot)  # type: ignore[arg-type]
    assert isinstance(app.screen, HistoryScreen)  # no restore question
    assert head(demo) == before


async def test_a_reader_is_offered_no_key_that_writes(
        make_app: Callable[..., BrotuiApp], demo: Path) -> None:
    before = with_access(demo)
    app = make_app(author=READER)
    async with app.run_test(size=(160, 30), notifications=True) as pilot:
        await settle(pilot)
        assert "new" not in offered(app) and "import" not in offered(app)
        assert "New" not in footer(app), footer(app)
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert type(app.screen).__name__ == "BrowserScreen"  # no new minutes
        await read_only_view(pilot, app, demo, before)


async def test_an_editor_of_another_council_is_offered_no_key_that_writes_here(
        make_app: Callable[..., BrotuiApp], demo: Path) -> None:
    before = with_access(demo)
    app = make_app(author=OTHER)
    async with app.run_test(size=(160, 30), notifications=True) as pilot:
        await settle(pilot)
        assert "new" in offered(app)  # Olle may write minutes of his own council
        await read_only_view(pilot, app, demo, before)


async def test_an_editor_of_the_council_is_offered_the_keys_that_write(
        make_app: Callable[..., BrotuiApp], demo: Path) -> None:
    with_access(demo)
    app = make_app(author=EDITOR)
    async with app.run_test(size=(160, 30), notifications=True) as pilot:
        await settle(pilot)
        app.push_screen(ViewScreen(SEED))
        await settle(pilot)
        assert {"edit", "delete", "rename"} <= offered(app)
        assert "Edit" in footer(app) and "Delete" in footer(app), footer(app)
        await pilot.press("e")
        await settle(pilot)
        assert type(app.screen).__name__ == "EditorScreen"
