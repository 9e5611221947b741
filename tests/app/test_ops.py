"""The archive's activity, restoring a version, deleting and changing a date, in the TUI as
a user does it: keys pressed, the screen read, the archive checked afterwards."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual.widgets import DataTable, Input

from brotui.core.archive import Archive
from brotui.core.demo import NEXT_ID, SEED_ID
from brotui.tui.screens.activity import ActivityScreen
from brotui.tui.screens.browser import BrowserScreen
from brotui.tui.screens.confirm import ConfirmScreen
from brotui.tui.screens.diff import DiffScreen
from brotui.tui.screens.history import HistoryScreen
from brotui.tui.screens.rename import RenameScreen
from brotui.tui.screens.view import ViewScreen
from tests.app.conftest import active_links, screen_text, settle
from tests.app.test_edit import toast_text
from tests.conftest import git

MARKUP_AUTHOR = "[@click=app.quit]Mallory[/] [bold]x[/]"


def rows(app: object) -> list[list[str]]:
    table = app.screen.query_one(DataTable)  # type: ignore[attr-defined]
    return [[cell.plain for cell in table.get_row_at(i)] for i in range(table.row_count)]


async def open_activity(pilot: object) -> None:
    await settle(pilot)  # type: ignore[arg-type]
    await pilot.press("ctrl+l")  # type: ignore[attr-defined]
    await settle(pilot)  # type: ignore[arg-type]


async def test_ctrl_l_lists_the_latest_changes_and_filters_them(make_app: Callable) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_activity(pilot)
        assert isinstance(app.screen, ActivityScreen)
        assert [r[2] for r in rows(app)] == ["Clas Cederlid", "Abit Dundar", "Clas Cederlid",
                                             "Martin Hämmerli", "Clas Cederlid"]
        assert rows(app)[0][0] == "+" and rows(app)[1][0] == ""
        text = screen_text(app)
        assert "Latest changes in the archive" in text
        assert "Changes: 5, newest first" in text
        # The highlighted change in full, with the e-mail the table has no room for.
        assert f"{NEXT_ID}: nytt protokoll" in text
        assert "Clas Cederlid <clas.cederlid@stockholm.se>" in text

        await pilot.press("ctrl+f", *"MARTIN")
        await settle(pilot, 0.5)
        assert [r[2] for r in rows(app)] == ["Martin Hämmerli"]
        await pilot.press("ctrl+u", "tab", *"skarholmen")
        await settle(pilot, 0.5)
        assert rows(app) == [] and "No changes to show." in screen_text(app)
        await pilot.press("ctrl+u", *"hagersten-liljeholmen", "tab", *"2020-02-24..2020-02-25")
        await settle(pilot, 0.5)
        assert [r[2] for r in rows(app)] == ["Clas Cederlid", "Martin Hämmerli"]
        await pilot.press("ctrl+u", *"2020-02-31")
        await settle(pilot, 0.5)
        assert "A period is written YYYY, YYYY-MM, YYYY-MM-DD or FROM..TO" in screen_text(app)
        assert "(this says 2020-02-31)" in screen_text(app)


async def test_enter_opens_the_history_at_that_change(make_app: Callable) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_activity(pilot)
        await pilot.press("down", "down", "down", "enter")  # Martin's change
        await settle(pilot)
        assert isinstance(app.screen, HistoryScreen) and app.screen.protocol_id == SEED_ID
        current = app.screen.current()
        assert current is not None and current.author == "Martin Hämmerli"
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, ActivityScreen)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, BrowserScreen)


async def test_activity_in_swedish(make_app: Callable) -> None:
    app = make_app("sv")
    async with app.run_test(size=(80, 24)) as pilot:
        await open_activity(pilot)
        text = screen_text(app)
        assert "Senaste ändringarna i arkivet" in text
        assert "Ändringar: 5, senaste först. Enter visar protokollets historik." in text
        assert "Författare" in text and "Meddelande" in text
        await pilot.press("ctrl+d")
        await settle(pilot)
        assert "Inga borttagna protokoll." in screen_text(app)


async def test_restore_shows_the_change_asks_and_makes_one_commit(
        make_app: Callable, demo: Path) -> None:
    first = git(demo, "rev-list", "--max-parents=0", "main").strip()
    old = git(demo, "show", f"{first}:protocols/{SEED_ID}.yaml")
    before = int(git(demo, "rev-list", "--count", "main"))
    app = make_app()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await settle(pilot)
        app.push_screen(HistoryScreen(SEED_ID))
        await settle(pilot)
        await pilot.press("ctrl+end", "r")  # the first version
        await settle(pilot)
        assert isinstance(app.screen, DiffScreen)  # what will change, first
        text = screen_text(app)
        assert "role: Kommunpolis → Polis" in text  # field by field, as every diff
        assert "Abit Dundar" in text  # from the current version, by its last author
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        assert f"Restore {SEED_ID}?" in screen_text(app)
        await pilot.press("enter")  # the focus is on Cancel: Enter alone never restores
        await settle(pilot)
        assert isinstance(app.screen, HistoryScreen)
        assert int(git(demo, "rev-list", "--count", "main")) == before
        await pilot.press("r")
        await settle(pilot)
        await pilot.press("escape")  # leave the diff
        await settle(pilot)
        await pilot.press("r")  # and confirm
        await settle(pilot, 0.3)
        assert isinstance(app.screen, HistoryScreen)
        assert int(git(demo, "rev-list", "--count", "main")) == before + 1
        assert git(demo, "show", f"main:protocols/{SEED_ID}.yaml") == old
        assert (demo / f"protocols/{SEED_ID}.yaml").read_text("utf-8") == old
        assert git(demo, "log", "-1", "--format=%an").strip() == "Signe Sekreterare"
        assert rows(app)[0][3] == f"återställt till {first[:10]}"
        assert f"Restored {SEED_ID} to {first[:10]}" in toast_text(app)


async def test_delete_from_the_view_then_find_and_restore_it(
        make_app: Callable, demo: Path) -> None:
    old = (demo / f"protocols/{NEXT_ID}.yaml").read_bytes()
    app = make_app()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("enter")  # the newest minutes: NEXT_ID
        await settle(pilot)
        assert isinstance(app.screen, ViewScreen) and app.screen.protocol_id == NEXT_ID
        await pilot.press("d")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        assert f"Delete {NEXT_ID}?" in screen_text(app)
        await pilot.press("escape")
        await settle(pilot)
        assert (demo / f"protocols/{NEXT_ID}.yaml").exists()
        await pilot.press("d", "d")
        await settle(pilot, 0.3)
        assert isinstance(app.screen, BrowserScreen)
        assert not (demo / f"protocols/{NEXT_ID}.yaml").exists()
        assert "1 of 1 protocols" in screen_text(app)
        assert git(demo, "log", "-1", "--format=%s").strip() == f"{NEXT_ID}: borttaget"

        await pilot.press("ctrl+l", "ctrl+d")
        await settle(pilot, 0.3)
        assert "Deleted minutes" in screen_text(app)
        assert rows(app)[0][2] == "Signe Sekreterare" and NEXT_ID in rows(app)[0][3]
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, HistoryScreen) and app.screen.protocol_id == NEXT_ID
        await pilot.press("r")  # on the deletion itself: nothing to bring back
        await settle(pilot)
        assert isinstance(app.screen, HistoryScreen)
        assert "In this version the minutes were deleted" in toast_text(app)
        await pilot.press("down", "r")
        await settle(pilot)
        assert isinstance(app.screen, ViewScreen)  # the minutes as they come back
        assert "Sammanträdets öppnande" in screen_text(app)
        await pilot.press("escape")
        await settle(pilot)
        assert "The minutes are deleted and come back as they were then." in screen_text(app)
        await pilot.press("r")
        await settle(pilot, 0.3)
        assert (demo / f"protocols/{NEXT_ID}.yaml").read_bytes() == old
        assert git(demo, "show", f"main:protocols/{NEXT_ID}.yaml").encode() == old


async def test_change_the_date_from_the_view(make_app: Callable, demo: Path) -> None:
    fixed = "hagersten-liljeholmen/2020-02-19"
    app = make_app("sv")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.push_screen(ViewScreen(SEED_ID))
        await settle(pilot)
        await pilot.press("r")
        await settle(pilot)
        assert isinstance(app.screen, RenameScreen)
        assert app.screen.query_one(Input).value == "2020-02-20"
        await pilot.press("enter")  # the same date: said, not done
        await settle(pilot)
        assert "Ange ett annat datum än det nuvarande." in screen_text(app)
        await pilot.press(*"2020-02-19")
        await settle(pilot)
        assert f"Nytt id: {fixed}" in screen_text(app)
        await pilot.press("enter")
        await settle(pilot, 0.3)
        assert isinstance(app.screen, ViewScreen) and app.screen.protocol_id == fixed
        assert "Tid: onsdag 19 februari 2020 15:00–17:00" in screen_text(app)
        archive = Archive(demo)
        assert archive.load(fixed).date.isoformat() == "2020-02-19"  # type: ignore[union-attr]
        assert not (demo / f"protocols/{SEED_ID}.yaml").exists()
        await pilot.press("h")
        await settle(pilot)
        assert [r[2] for r in rows(app)] == ["Signe Sekreterare", "Abit Dundar",
                                             "Clas Cederlid", "Martin Hämmerli", "Clas Cederlid"]
        await pilot.press("ctrl+end", "enter")  # the first version, under the id it had then
        await settle(pilot)
        assert isinstance(app.screen, ViewScreen) and app.screen.protocol_id == SEED_ID
        assert "Endast läsning" in screen_text(app)


async def test_rename_to_a_taken_date_gets_a_free_id(make_app: Callable, demo: Path) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.push_screen(ViewScreen(SEED_ID))
        await settle(pilot)
        await pilot.press("r", *"2020-05-14", "enter")
        await settle(pilot, 0.3)
        assert app.screen.protocol_id == f"{NEXT_ID}-2"  # type: ignore[attr-defined]
        assert (demo / f"protocols/{NEXT_ID}.yaml").exists()


async def test_without_an_identity_nothing_is_changed(make_app: Callable, demo: Path) -> None:
    app = make_app(author=None)
    head = git(demo, "rev-parse", "main")
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await settle(pilot)
        app.push_screen(ViewScreen(SEED_ID))
        await settle(pilot)
        await pilot.press("d")
        await settle(pilot)
        assert isinstance(app.screen, ViewScreen)
        assert "No identity to save in your name" in toast_text(app)
        await pilot.press("h", "ctrl+end", "r")
        await settle(pilot)
        assert isinstance(app.screen, HistoryScreen)
    assert git(demo, "rev-parse", "main") == head


async def test_old_versions_cannot_be_deleted_or_renamed(make_app: Callable) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.push_screen(HistoryScreen(SEED_ID))
        await settle(pilot)
        await pilot.press("ctrl+end", "enter", "d", "r")
        await settle(pilot)
        assert isinstance(app.screen, ViewScreen) and app.screen.rev is not None


async def test_user_text_in_the_activity_is_never_markup(make_app: Callable, demo: Path) -> None:
    text = (demo / f"protocols/{SEED_ID}.yaml").read_text("utf-8") + "# \x1b[31m\n"
    (demo / f"protocols/{SEED_ID}.yaml").write_text(text, "utf-8")
    git(demo, "commit", "-qam", "[link=http://x]y[/] \x1b]52;c;aGk=\x07",
        env={"GIT_AUTHOR_NAME": MARKUP_AUTHOR, "GIT_AUTHOR_EMAIL": "m@example.org",
             "GIT_COMMITTER_NAME": "M", "GIT_COMMITTER_EMAIL": "m@example.org"})
    app = make_app()
    async with app.run_test(size=(120, 30)) as pilot:
        await open_activity(pilot)
        shown = screen_text(app)
        assert MARKUP_AUTHOR in shown and "[link=http://x]y[/]" in shown
        assert "\\x1b]52;c;aGk=\\x07" in shown and "\x1b" not in shown
        assert active_links(app) == []
        assert isinstance(app.screen, ActivityScreen)  # no click action ran


async def test_the_new_keys_are_in_the_help(make_app: Callable) -> None:
    app = make_app("sv")
    async with app.run_test(size=(80, 40)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await settle(pilot)
        assert "^l          Aktivitet" in screen_text(app)
        await pilot.press("escape", "ctrl+l")
        await settle(pilot)
        await pilot.press("question_mark")
        await settle(pilot)
        text = screen_text(app)
        assert "Borttagna" in text and "Filtrera" in text and "Öppna" in text
        await pilot.press("escape")
        await settle(pilot)
        app.push_screen(HistoryScreen(SEED_ID))
        await settle(pilot)
        await pilot.press("question_mark")
        await settle(pilot)
        assert "Återställ" in screen_text(app)


async def test_diffs_in_the_history_of_a_moved_protocol(make_app: Callable, demo: Path) -> None:
    from brotui.core.identity import Identity
    from brotui.core.ops import move

    fixed = "hagersten-liljeholmen/2020-02-19"
    move(Archive(demo), SEED_ID, fixed, Identity("Bo Berg", "bo@example.org"))
    app = make_app()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await settle(pilot)
        app.push_screen(HistoryScreen(fixed))
        await settle(pilot)
        await pilot.press("d")  # the move against the version before it: two ids
        await settle(pilot)
        assert isinstance(app.screen, HistoryScreen)
        assert "The minutes moved between the two versions" in toast_text(app)
        await pilot.press("down", "down", "d")  # Clas's change, both under the old id
        await settle(pilot)
        assert isinstance(app.screen, DiffScreen)
        assert "Attendees: + Micael Pettersson" in screen_text(app)


async def test_a_file_brotui_does_not_read_can_be_deleted_from_the_view(
        make_app: Callable, demo: Path) -> None:
    """A committed link opens as its problems; d deletes the link itself (as one commit),
    never what it points to."""
    link_id = "hagersten-liljeholmen/2021-01-01"
    (demo / f"protocols/{link_id}.yaml").symlink_to("/etc/hostname")
    git(demo, "add", "protocols")
    git(demo, "-c", "user.name=X", "-c", "user.email=x@example.org", "commit", "-qm", "link")
    target = Path("/etc/hostname").read_bytes()
    app = make_app()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await settle(pilot)
        app.push_screen(ViewScreen(link_id))
        await settle(pilot)
        assert "brotui does not follow links" in screen_text(app)
        await pilot.press("d", "d")
        await settle(pilot, 0.3)
        assert isinstance(app.screen, BrowserScreen)
        assert f"Deleted {link_id}" in toast_text(app)
    assert not (demo / f"protocols/{link_id}.yaml").is_symlink()
    assert Path("/etc/hostname").read_bytes() == target
    assert git(demo, "log", "-1", "--format=%an %s").strip() == \
        f"Signe Sekreterare {link_id}: borttaget"
    assert git(demo, "status", "--porcelain") == ""
