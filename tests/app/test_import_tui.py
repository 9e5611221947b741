"""ctrl+b in the list (issue 17, item 4): minutes staff already have, shown beside what
the import found in them, fixed in the editor, and committed by their first save as the
import's commit. The files wait per person (sent with `brotui import FILE --edit`, over
SSH with `import NAME --edit < file`, or typed as a path here)."""

from __future__ import annotations

import subprocess
from pathlib import Path

from textual.widgets import Input, TextArea

from brotui import i18n
from brotui.core.archive import Archive
from brotui.core.identity import Identity
from brotui.core.importing.waiting import WaitingImports
from brotui.tui.app import BrotuiApp
from brotui.tui.screens.editor import EditorScreen
from brotui.tui.screens.import_preview import ImportScreen
from tests.app.conftest import AUTHOR, screen_text, settle
from tests.conftest import Result

SEED = Path(__file__).parent.parent / "data" / "seed.txt"
PERSON = Identity("Signe Sekreterare", "signe@example.org")


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True,
                          text=True).stdout


def march_minutes() -> bytes:
    """The seed minutes, held on another day (the archive has the seed's own)."""
    return SEED.read_bytes().replace(b"Torsdagen den 20 februari 2020",
                                     b"Torsdagen den 12 mars 2020").replace(
        b"2020-02-20", b"2020-03-12")


def app_on(repo: Path, lang: str = "en", restricted: bool = False) -> BrotuiApp:
    i18n.set_language(lang)
    return BrotuiApp(Archive(repo), AUTHOR, restricted=restricted)


async def test_a_file_sent_with_edit_is_shown_beside_its_source_fixed_and_saved(
        repo: Path, tmp_path: Path, cli: object) -> None:
    source = tmp_path / "Protokoll mars.txt"
    source.write_bytes(march_minutes())
    run = cli  # the real command line, as the person sending the file
    done: Result = run("--repo", str(repo), "--author", AUTHOR, "import",  # type: ignore[operator]
                       str(source), "--edit")
    assert done.code == 0, done.stderr
    assert "waiting in brotui (hagersten-liljeholmen/2020-03-12)" in done.out
    tip = git(repo, "rev-parse", "HEAD")  # nothing committed by --edit
    app = app_on(repo)
    async with app.run_test(size=(120, 36), notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+b")
        await settle(pilot, 0.5)
        assert isinstance(app.screen, ImportScreen)
        shown = screen_text(app)
        assert "Protokoll mars.txt" in shown
        assert "Becomes hagersten-liljeholmen/2020-03-12" in shown
        source_pane = app.screen.query_one("#import-source", TextArea).text
        report_pane = app.screen.query_one("#import-report", TextArea).text
        assert "line 24  1. Sammanträdet öppnades av mötesordförande Abit Dundar" in source_pane
        assert "chair: Abit Dundar  (line 24)" in report_pane
        assert "Not found: secretary, adjusters" in report_pane
        await pilot.press("e")
        await settle(pilot, 1.0)
        assert isinstance(app.screen, EditorScreen)
        await pilot.press("ctrl+s")
        await settle(pilot, 1.5)
    assert git(repo, "rev-parse", "HEAD^").strip() == tip.strip()
    log = git(repo, "log", "-1", "--format=%an <%ae>%n%B")
    assert log.startswith(AUTHOR)
    assert "Imported-from: Protokoll mars.txt (sha256:" in log
    assert "Protocol: hagersten-liljeholmen/2020-03-12" in log
    saved = git(repo, "show", "HEAD:protocols/hagersten-liljeholmen/2020-03-12.yaml")
    assert "chair: Abit Dundar" in saved and "date: 2020-03-12" in saved
    assert WaitingImports(Archive(repo), PERSON).all() == []  # no longer waiting


async def test_a_path_typed_on_the_server_is_kept_waiting_and_an_existing_id_is_refused(
        repo: Path, tmp_path: Path) -> None:
    """The seed's own minutes are in the archive already: shown, but `e` says the id
    exists (an import never writes over minutes) and nothing is written."""
    source = tmp_path / "seed.txt"
    source.write_bytes(SEED.read_bytes())
    tip = git(repo, "rev-parse", "HEAD")
    app = app_on(repo, "sv")
    async with app.run_test(size=(120, 36), notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+b")
        await settle(pilot, 0.5)
        assert "Inga filer väntar. Skriv sökvägen" in screen_text(app)
        path = app.screen.query_one("#import-path", Input)
        assert path.display and path.has_focus
        path.value = str(source)
        await pilot.press("enter")
        await settle(pilot, 0.8)
        assert "seed.txt (" in screen_text(app)
        assert "hagersten-liljeholmen/2020-02-20 finns redan" in screen_text(app)
        await pilot.press("e")
        await settle(pilot, 0.5)
        assert isinstance(app.screen, ImportScreen)  # no editor
        await pilot.press("d")
        await settle(pilot, 0.3)
        await pilot.press("d")  # the confirmation's key
        await settle(pilot, 0.5)
        assert "Inga filer väntar" in screen_text(app)
    assert git(repo, "rev-parse", "HEAD") == tip
    assert WaitingImports(Archive(repo), PERSON).all() == []


async def test_in_restricted_mode_no_path_on_the_server_is_offered(repo: Path) -> None:
    app = app_on(repo, restricted=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+b")
        await settle(pilot, 0.5)
        assert isinstance(app.screen, ImportScreen)
        assert not app.screen.query_one("#import-path", Input).display
        assert "ssh … import NAME --edit < file" in screen_text(app)
        await pilot.press(*"/etc/passwd", "enter")  # typed nowhere: nothing is read
        await settle(pilot, 0.3)
    assert WaitingImports(Archive(repo), PERSON).all() == []
