"""The access file in the TUI (issue 18, item 4): the TUI's own writes pass the same check
as the command line's (commit.commit_change asks `.brotui/access.yaml` at the tip), so a
person who may only read is refused with the access file's sentence and nothing is
written, while an editor of that council saves."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from brotui.tui.app import BrotuiApp
from tests.app.conftest import settle
from tests.app.test_edit import (
    NEW_ROLE,
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
ACCESS = """councils:
  "*":
    readers: ["*"]
  hagersten-liljeholmen:
    editors: [eva@example.org]
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
    before = with_access(demo)
    app = make_app(author=READER)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await settle(pilot)
        editor = await open_editor(pilot, app)
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
