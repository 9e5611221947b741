"""The bad-file corpus (tests/corpus) in the terminal UI.

Each case: the browser lists it, marked as broken, next to every other protocol; it
opens as text with its problems (file, line, problem); `e` opens the editor on the raw
text with those problems; nothing on screen is a control character, a link or a click
action; nothing is written. One more test walks the whole corpus archive the way a
person would, row by row.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from rich.text import Text
from textual.pilot import Pilot
from textual.widgets import DataTable, Static, TextArea

from brotui import i18n
from brotui.core import codec
from brotui.core.archive import Archive
from brotui.core.text import CONTROL_RE, visible
from brotui.tui.app import BrotuiApp
from brotui.tui.screens.browser import BrowserScreen
from brotui.tui.screens.editor import EditorScreen
from brotui.tui.screens.view import ViewScreen
from brotui.tui.widgets.protocol_form import form_blockers
from tests.app.conftest import AUTHOR, active_links, screen_text, settle
from tests.corpus import CASES, SECRET, Case, archive_state, build_archive
from tests.corpus import git as archive_git

SIZE = (160, 50)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    repo = build_archive(tmp_path_factory.mktemp("corpus-tui"))
    before = archive_state(repo)
    yield repo
    assert archive_state(repo) == before  # nothing the TUI did while reading wrote anything


def flat(text: str) -> str:
    """Screen text with every run of white space as one space (messages wrap)."""
    return " ".join(text.split())


def assert_harmless(app: BrotuiApp) -> None:
    """The screen shows only printable text: no control character, no link, no action."""
    text = screen_text(app)
    bad = CONTROL_RE.search(text)
    assert bad is None, f"{bad.group()!r} on screen:\n{text}"
    assert active_links(app) == [], text
    assert SECRET not in text


def problems_text(app: BrotuiApp, selector: str) -> str:
    widget = app.screen.query_one(selector, Static)
    content = widget.render()
    return flat(content.plain if isinstance(content, Text) else str(content))


async def open_row(pilot: Pilot[None], app: BrotuiApp, case: Case) -> ViewScreen:
    """Move the browser's cursor to the case's row, as with the arrow keys, and open it."""
    browser = app.screen
    assert isinstance(browser, BrowserScreen)
    table = browser.query_one(DataTable)
    table.move_cursor(row=browser._ids.index(case.id), animate=False)
    await settle(pilot, 0.02)
    row = table.get_row_at(table.cursor_row)
    assert (row[2].plain == "BROKEN") is case.broken, (case.name, row)
    await pilot.press("enter")
    await settle(pilot, 0.02)
    assert isinstance(app.screen, ViewScreen), screen_text(app)
    return app.screen


async def check_case(pilot: Pilot[None], app: BrotuiApp, case: Case) -> None:
    """From the browser: open the case, read its problems, open the editor, come back."""
    view = await open_row(pilot, app, case)
    assert_harmless(app)
    if not case.broken:
        assert not view.raw
        assert "[@click=app.quit]avsluta[/]" in screen_text(app)  # markup shown as written
        await pilot.press("escape")
        await settle(pilot, 0.02)
        return
    assert view.raw, screen_text(app)
    shown = problems_text(app, "#problems")
    assert "Press e to fix it" in shown or "Press e to write a protocol that replaces it" in shown
    assert visible(case.en) in shown, (case.name, shown)
    if case.line:
        assert f"line {case.line}:" in shown, shown

    await pilot.press("e")
    await settle(pilot, 0.02)
    editor = app.screen
    assert isinstance(editor, EditorScreen), screen_text(app)
    assert editor.raw and editor.form is None
    listed = problems_text(app, "#raw-problem-list")
    assert visible(case.en) in listed, (case.name, listed)
    if case.line:
        assert f"line {case.line}:" in listed, listed
    assert re.search(r"\b1 error · YAML|\b\d+ errors · YAML",
                     flat(screen_text(app).splitlines()[1]))
    text = editor.query_one("#raw-text", TextArea).text
    assert CONTROL_RE.search(text) is None
    assert SECRET not in text
    assert_harmless(app)
    await pilot.press("f8")  # to the problem's line, if it has one
    await settle(pilot, 0.02)
    if case.line:
        assert editor.raw_area.cursor_location[0] == case.line - 1
    # The form takes the text only if it reads as a protocol: the start offered for a link
    # or a huge file, the text without its BOM or with escapes as \xNN may; broken YAML
    # never does.
    await pilot.press("ctrl+t")
    await settle(pilot, 0.02)
    loaded = codec.load(text)
    fits = loaded.ok and loaded.protocol is not None and not form_blockers(loaded.protocol)
    assert editor.raw is not fits, (case.name, screen_text(app))
    assert_harmless(app)
    if not editor.raw:
        await pilot.press("ctrl+t")
        await settle(pilot, 0.02)
        assert editor.raw
    await pilot.press("escape")  # unchanged: leaves without asking
    await settle(pilot, 0.02)
    assert app.screen is view
    await pilot.press("escape")
    await settle(pilot, 0.02)
    assert isinstance(app.screen, BrowserScreen)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
async def test_each_bad_file_opens_as_text_with_its_problems(corpus: Path, case: Case) -> None:
    before = archive_state(corpus)
    i18n.set_language("en")
    app = BrotuiApp(Archive(corpus), AUTHOR)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, 0.02)
        browser = app.screen
        assert isinstance(browser, BrowserScreen)
        assert len(browser.entries) == len(CASES) + 2
        assert sum(e.broken for e in browser.entries) == sum(c.broken for c in CASES)
        assert_harmless(app)
        await check_case(pilot, app, case)
    assert app.return_code in (None, 0)
    assert archive_state(corpus) == before


async def test_the_whole_corpus_in_one_session_in_swedish(corpus: Path) -> None:
    """A person opens every file of the corpus in turn (in Swedish): no markup acts, no
    escape reaches the terminal, nothing breaks, nothing is written."""
    before = archive_state(corpus)
    i18n.set_language("sv")
    app = BrotuiApp(Archive(corpus), AUTHOR)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, 0.02)
        browser = app.screen
        assert isinstance(browser, BrowserScreen)
        assert len(browser._ids) == len(CASES) + 2
        assert "TRASIG" in screen_text(app)
        for index in range(len(browser._ids)):
            browser.query_one(DataTable).move_cursor(row=index, animate=False)
            await pilot.press("enter")
            await settle(pilot, 0.02)
            assert isinstance(app.screen, ViewScreen), screen_text(app)
            assert_harmless(app)
            await pilot.press("y", "e")  # the raw text, then the editor
            await settle(pilot, 0.02)
            assert isinstance(app.screen, EditorScreen), screen_text(app)
            assert_harmless(app)
            await pilot.press("escape", "escape")
            await settle(pilot, 0.02)
            assert app.screen is browser, screen_text(app)
        assert app.is_running
    assert app.return_code in (None, 0)
    assert archive_state(corpus) == before


async def test_a_link_is_replaced_by_the_protocol_written_in_its_place(tmp_path: Path) -> None:
    """Fixing a link: the editor offers a blank protocol for its id; saving replaces the
    link (in the branch and the work tree) by a file, and what it pointed to is untouched."""
    case = next(c for c in CASES if c.name == "symlink-outside")
    repo = build_archive(tmp_path, [case])
    outside = tmp_path / "outside" / "2021-03-11.yaml"
    secret = outside.read_bytes()
    i18n.set_language("en")
    app = BrotuiApp(Archive(repo), AUTHOR)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot, 0.02)
        await open_row(pilot, app, case)
        await pilot.press("e")
        await settle(pilot, 0.02)
        editor = app.screen
        assert isinstance(editor, EditorScreen)
        assert "title: \"\"" in editor.raw_area.text
        assert "What you write here replaces the file" in problems_text(app,
                                                                        "#raw-problem-list")
        editor.raw_area.move_cursor((6, 9))
        await pilot.press("end", "backspace", "backspace", *"Öppnande")
        await settle(pilot, 0.4)
        await pilot.press("ctrl+s")
        for _ in range(100):
            await settle(pilot, 0.05)
            if not editor.saving:
                break
        assert "Saved in" in flat(screen_text(app)), screen_text(app)
    tree = archive_git(repo, "ls-tree", "HEAD", "--", case.path)
    assert tree.startswith("100644 blob"), tree
    target = repo / case.path
    assert not target.is_symlink()
    assert target.read_bytes() == archive_git(repo, "show", f"HEAD:{case.path}").encode()
    assert b"title: \xc3\x96ppnande" in target.read_bytes()
    assert outside.read_bytes() == secret
    assert archive_git(repo, "status", "--porcelain") == ""
