"""The view's export key (issue 15) and its attachments (issue 16), as a person uses them:
keys pressed, the screen read, the files and the archive checked afterwards."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Checkbox, OptionList, TextArea

from brotui import i18n
from brotui.core import codec, ops
from brotui.core.archive import Archive
from brotui.core.attachments import attach, detach
from brotui.core.publish.files import export_folder
from brotui.core.publish.idnumber import luhn_digit
from brotui.i18n import size_texts
from brotui.tui.app import BrotuiApp
from brotui.tui.screens.attachment import AttachmentScreen
from brotui.tui.screens.diff import DiffScreen
from brotui.tui.screens.export import ExportScreen
from brotui.tui.screens.history import HistoryScreen
from tests.app.conftest import AUTHOR, screen_text, settle
from tests.app.test_edit import toast_text
from tests.conftest import ALICE, BOB, SEED_ID


def app_on(repo: Path, lang: str = "en") -> BrotuiApp:
    i18n.set_language(lang)
    return BrotuiApp(Archive(repo), AUTHOR)


async def open_seed(pilot: object, app: BrotuiApp) -> None:
    await settle(pilot)  # type: ignore[arg-type]
    app.open_protocol(SEED_ID)
    await settle(pilot)  # type: ignore[arg-type]


def identity_number() -> str:
    """A Swedish personal identity number with a valid check digit (19800101-123N)."""
    return f"19800101-123{luhn_digit('800101123')}"


# ------------------------------------------------------------------ export (issue 15)

async def test_x_exports_the_minutes_into_the_export_folder_and_says_where(
        repo: Path) -> None:
    app = app_on(repo)
    async with app.run_test(size=(130, 24), notifications=True) as pilot:
        await open_seed(pilot, app)
        assert "x Export" in screen_text(app)  # the key in the footer (past 80 columns)
        await pilot.press("x")
        await settle(pilot)
        assert isinstance(app.screen, ExportScreen)
        assert "PDF (PDF/A" in screen_text(app) and "Public copy" in screen_text(app)
        await pilot.click("#fmt-md")
        await pilot.press("ctrl+s")
        await settle(pilot, 0.3)
        target = export_folder(Archive(repo)) / "hagersten-liljeholmen-2020-02-20.md"
        assert target.is_file()
        text = target.read_text("utf-8")
        assert "Protokoll" in text and "Närvarande" in text  # the archive's language
        assert "Exported hagersten-liljeholmen/2020-02-20" in toast_text(app)
        assert str(target.parent.name) in toast_text(app)


async def test_the_public_copy_is_refused_naming_the_item_and_nothing_is_written(
        repo: Path) -> None:
    archive = Archive(repo)
    protocol = codec.load(archive.read(SEED_ID).data).protocol
    assert protocol is not None
    protocol.items[5].text = f"Anmälan gäller {identity_number()}."
    ops.save(archive, SEED_ID, protocol, BOB)
    app = app_on(repo, "sv")
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await open_seed(pilot, app)
        await pilot.press("x")
        await settle(pilot)
        await pilot.click("#fmt-html")
        app.screen.query_one(Checkbox).value = True
        await pilot.press("ctrl+s")
        await settle(pilot, 0.3)
        said = toast_text(app)
        assert "Den offentliga versionen skrivs inte" in said
        assert "§6 text" in said and "19800101-****" in said  # what, and where:
        assert f"protocols/{SEED_ID}.yaml:51:" in said.replace(" ", "")  # wrapped in the toast
        folder = export_folder(Archive(repo))
        assert not folder.exists() or not list(folder.iterdir())
        # The full record can still be exported, and a public one once nothing leaks.
        await pilot.press("x")
        await settle(pilot)
        await pilot.click("#fmt-html")
        await pilot.press("ctrl+s")
        await settle(pilot, 0.3)
        assert (folder / "hagersten-liljeholmen-2020-02-20.html").is_file()


# -------------------------------------------------------------- attachments (issue 16)

@pytest.fixture(scope="module")
def slides() -> bytes:
    import weasyprint

    return weasyprint.HTML(string=(
        "<h1>Bildspel: trygghet och säkerhet</h1>"
        "<p>Anmälda inbrott minskade med 12 procent.</p>")).write_pdf()


async def test_the_view_lists_the_attachments_and_a_reads_a_pdfs_text(
        repo: Path, slides: bytes) -> None:
    archive = Archive(repo)
    attach(archive, SEED_ID, "Bildspel.pdf", slides, BOB, item=3)
    attach(archive, SEED_ID, "Anteckningar.txt", "Rad ett\n\u202e[bold]röd[/]\n".encode(), ALICE,
           item=4)
    app = app_on(repo)
    async with app.run_test(size=(130, 24), notifications=True) as pilot:
        await open_seed(pilot, app)
        app.screen.query_one("#minutes-scroll").scroll_end(animate=False)
        await settle(pilot)
        text = screen_text(app)
        assert "Attachments" in text
        notes = len("Rad ett\n\u202e[bold]röd[/]\n".encode())  # under a kB: in bytes
        assert f"Anteckningar.txt  {notes} bytes  text  added by Alice Andersson" in text
        assert f"Bildspel.pdf  {len(slides) / 1000:.1f} kB  PDF  added by Bob Berg" in text
        assert "Read attachment" in text  # the key in the footer
        await pilot.press("a")
        await settle(pilot)
        assert isinstance(app.screen, AttachmentScreen)
        options = app.screen.query_one(OptionList)
        assert options.option_count == 2
        await pilot.press("down", "enter")  # Bildspel.pdf, after Anteckningar.txt
        await settle(pilot, 0.3)
        area = app.screen.query_one("#attachment-text", TextArea)
        assert "Bildspel: trygghet och säkerhet" in area.text
        assert "minskade med 12 procent" in area.text
        assert "Attachment Bildspel.pdf of" in screen_text(app)
        await pilot.press("escape")  # back to the list
        await settle(pilot)
        await pilot.press("up", "enter")
        await settle(pilot, 0.3)
        # a text file's bidi override written out, its brackets shown as typed
        assert area.text == "Rad ett\n\\u202e[bold]röd[/]\n"
        assert "\\u202e[bold]röd[/]" in screen_text(app)


async def test_a_without_attachments_says_so(repo: Path) -> None:
    app = app_on(repo, "sv")
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await open_seed(pilot, app)
        await pilot.press("a")
        await settle(pilot)
        assert "Protokollet har inga bilagor." in toast_text(app)
        assert not isinstance(app.screen, AttachmentScreen)


async def test_history_and_diff_say_which_attachment_was_added_replaced_or_removed(
        repo: Path, slides: bytes) -> None:
    archive = Archive(repo)
    attach(archive, SEED_ID, "Bildspel.pdf", slides, BOB, item=3)
    newer = slides + b"\n" * 2000  # the same slides, 2 kB larger
    attach(archive, SEED_ID, "Bildspel.pdf", newer, ALICE)
    detach(archive, SEED_ID, "Bildspel.pdf", BOB)
    small, large = size_texts(len(slides), len(newer))
    app = app_on(repo)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await settle(pilot)
        app.open_history(SEED_ID)
        await settle(pilot)
        assert isinstance(app.screen, HistoryScreen)
        # the removal, the replacement (only the file changed) and the addition are listed
        assert len(app.screen.commits) == 4
        assert f"attachment removed: Bildspel.pdf ({large})" in screen_text(app)
        await pilot.press("down")
        await settle(pilot)
        assert f"attachment replaced: Bildspel.pdf ({small} → {large})" in screen_text(app)
        await pilot.press("d")  # compared with the version before: the file, not bytes
        await settle(pilot)
        assert isinstance(app.screen, DiffScreen)
        assert f"attachment replaced: Bildspel.pdf ({small} → {large})" in screen_text(app)
        assert "%PDF" not in screen_text(app)
        await pilot.press("escape", "down")
        await settle(pilot)
        assert f"attachment added: Bildspel.pdf ({small})" in screen_text(app)
        await pilot.press("down")  # the first version: no attachment yet
        await settle(pilot)
        assert "attachment" not in screen_text(app)


async def test_help_and_the_palette_name_the_export_and_attachment_keys(repo: Path) -> None:
    app = app_on(repo, "sv")
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await open_seed(pilot, app)
        await pilot.press("f1")
        await settle(pilot)
        text = screen_text(app)
        assert "x           Exportera" in text and "a           Läs bilaga" in text
        await pilot.press("escape", "ctrl+p")
        await settle(pilot)
        await pilot.press(*"Exportera")
        await settle(pilot, 0.3)
        assert "Exportera" in screen_text(app)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ExportScreen)
