"""Justering in the TUI (issue 14) as people do it: the secretary sends minutes for
justering, the chair and an adjuster each sign as themselves, the list shows where each
protocol stands and filters by it, approved minutes refuse the editor, and the history
marks signatures and corrections. Real archives (the demo, built in a temporary folder)."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import DataTable, Select

from brotui import i18n
from brotui.core import codec, ops
from brotui.core.archive import Archive
from brotui.core.demo import NEXT_ID, SEED_ID, build_demo
from brotui.core.identity import Identity
from brotui.core.justering import correct, sign
from brotui.core.schema import PROTOCOL
from brotui.tui.app import BrotuiApp
from brotui.tui.screens.confirm import ConfirmScreen
from brotui.tui.screens.editor import EditorScreen
from brotui.tui.screens.help import HelpScreen
from brotui.tui.screens.history import HistoryScreen
from brotui.tui.screens.prompt import PromptScreen
from brotui.tui.screens.view import ViewScreen
from brotui.tui.widgets.fields import Field, make_editor
from tests.app.conftest import screen_text, settle
from tests.app.test_edit import field, retype, tab_to, toast_text, until
from tests.conftest import git

SECRETARY = Identity("Signe Sekreterare", "signe@example.org")
CHAIR = Identity("Abit Dundar", "abit@example.org")
ADJUSTER = Identity("Martin Hämmerli", "martin@example.org")


@pytest.fixture
def archive_path(tmp_path: Path) -> Path:
    """The demo archive, its first minutes with an adjuster (Martin Hämmerli) besides
    the chair (Abit Dundar)."""
    path = tmp_path / "archive"
    build_demo(path)
    archive = Archive(path)
    p = archive.read(SEED_ID).parsed().protocol
    assert p is not None
    p.adjusters = [ADJUSTER.name]
    ops.save(archive, SEED_ID, p, SECRETARY)
    return path


def app_as(path: Path, who: Identity, lang: str = "en") -> BrotuiApp:
    i18n.set_language(lang)
    return BrotuiApp(Archive(path), str(who))


def table_rows(app: BrotuiApp) -> list[list[str]]:
    table = app.screen.query_one(DataTable)
    return [[c.plain for c in table.get_row_at(i)] for i in range(table.row_count)]


def status_of(path: Path, protocol_id: str) -> str:
    p = Archive(path).read(protocol_id).parsed().protocol
    assert p is not None
    return p.status


async def open_seed(pilot: object, app: BrotuiApp) -> None:
    await settle(pilot)  # type: ignore[arg-type]
    app.open_protocol(SEED_ID)
    await settle(pilot)  # type: ignore[arg-type]
    assert isinstance(app.screen, ViewScreen)


async def test_the_list_shows_each_state_and_ctrl_t_filters_by_it(archive_path: Path
                                                                   ) -> None:
    sign.review(Archive(archive_path), SEED_ID, SECRETARY)
    app = app_as(archive_path, SECRETARY, "sv")
    async with app.run_test(size=(120, 30), notifications=True) as pilot:
        await settle(pilot)
        by_date = {r[0]: r[2] for r in table_rows(app)}
        assert by_date["2020-05-14"] == "utkast"
        assert by_date["2020-02-20"].startswith(
            "för justering (signerat: ingen; saknas: Abit Dundar, Martin Hämmerli)")
        assert "^t Tillstånd" in screen_text(app)
        shown = []
        for _ in range(4):
            await pilot.press("ctrl+t")
            await settle(pilot)
            shown.append(([r[0] for r in table_rows(app)], screen_text(app)))
        assert shown[0][0] == ["2020-05-14"] and "visar: utkast" in shown[0][1]
        assert shown[1][0] == ["2020-02-20"] and "visar: för justering" in shown[1][1]
        assert shown[2][0] == [] and "visar: justerat" in shown[2][1]
        assert shown[3][0] == ["2020-05-14", "2020-02-20"] and "visar:" not in shown[3][1]
        await pilot.press("f1")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        assert "Tillstånd" in screen_text(app)


async def test_review_then_chair_and_adjuster_sign_each_as_themselves(archive_path: Path
                                                                      ) -> None:
    app = app_as(archive_path, SECRETARY)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await open_seed(pilot, app)
        await pilot.press("j")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        assert "Abit Dundar (chair), Martin Hämmerli (adjuster)" in screen_text(app)
        await pilot.press("j")
        await settle(pilot)
        assert "is sent for approval" in toast_text(app)
        assert "for approval (signed: nobody" in screen_text(app)
        # In review the sign key is offered: in the footer, the help and the palette.
        assert "s Sign" in screen_text(app) and "j For approval" not in screen_text(app)
        await pilot.press("f1")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen) and "Sign" in screen_text(app)
        await pilot.press("escape")
        await pilot.press("ctrl+p")
        await settle(pilot)
        await pilot.press(*"Sign")
        await settle(pilot, 0.3)
        lines = [line.strip() for line in screen_text(app).splitlines()]
        assert lines[lines.index("Sign") + 1] == "s"  # the palette's hit, with its key
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, ViewScreen)
        # The secretary is not named: a sentence, no confirmation, nothing written.
        head = git(archive_path, "rev-parse", "HEAD")
        await pilot.press("s")
        await settle(pilot)
        assert not isinstance(app.screen, ConfirmScreen)
        assert "Signe Sekreterare" in toast_text(app) and "Abit Dundar" in toast_text(app)
        assert git(archive_path, "rev-parse", "HEAD") == head
    assert status_of(archive_path, SEED_ID) == "review"

    # The text changes after the review: the chair's confirmation names the change.
    archive = Archive(archive_path)
    p = archive.read(SEED_ID).parsed().protocol
    assert p is not None
    p.location = "Stadsdelsförvaltningen, rum 3"
    ops.save(archive, SEED_ID, p, SECRETARY)
    content = sign.to_sign(Archive(archive_path), SEED_ID, CHAIR.name).content

    app = app_as(archive_path, CHAIR)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await open_seed(pilot, app)
        await pilot.press("s")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        text = " ".join(screen_text(app).split())
        assert "You sign as Abit Dundar (chair)" in text
        assert content in text.replace(" ", "") or content[:20] in text
        assert "The text has changed since you last saw it" in text
        assert "rum 3" in text
        await pilot.press("s")
        await settle(pilot)
        assert "Signed " in toast_text(app) and "Missing: Martin Hämmerli" in toast_text(app)
        # Signing twice is refused with a sentence.
        await pilot.press("s")
        await settle(pilot)
        assert not isinstance(app.screen, ConfirmScreen)
        assert "Abit Dundar" in toast_text(app) and "already" in toast_text(app)

    app = app_as(archive_path, ADJUSTER)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await open_seed(pilot, app)
        await pilot.press("s")
        await settle(pilot)
        assert "You sign as Martin Hämmerli (adjuster)" in " ".join(screen_text(app).split())
        # He, too, last saw the text as it was sent: the change is named to him as well.
        assert "rum 3" in screen_text(app)
        await pilot.press("s")
        await settle(pilot)
        assert "The minutes are approved" in toast_text(app)
        assert "approved 20" in screen_text(app)

    assert status_of(archive_path, SEED_ID) == "approved"
    authors = git(archive_path, "log", "-2", "--format=%an").split("\n")[:2]
    assert authors == ["Martin Hämmerli", "Abit Dundar"]
    assert git(archive_path, "tag", "--list", "justerat/*").strip() == f"justerat/{SEED_ID}"


def approve(path: Path) -> None:
    archive = Archive(path)
    sign.review(archive, SEED_ID, SECRETARY)
    sign.sign(Archive(path), SEED_ID, CHAIR)
    sign.sign(Archive(path), SEED_ID, ADJUSTER)


async def test_approved_minutes_refuse_the_editor_and_say_how_to_correct(archive_path: Path
                                                                         ) -> None:
    approve(archive_path)
    app = app_as(archive_path, SECRETARY, "sv")
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await open_seed(pilot, app)
        await pilot.press("e")
        await settle(pilot)
        assert isinstance(app.screen, ViewScreen)  # no editable form opened
        said = toast_text(app)
        assert "är justerat" in said and "c (Rättelse)" in said


def test_the_status_selector_offers_no_review_or_approval() -> None:
    i18n.set_language("en")
    status = Field("status", PROTOCOL.field("status").label, "choice",
                   PROTOCOL.field("status").choices)
    draft = make_editor(status, "draft")
    assert isinstance(draft, Select)
    assert [value for _, value in draft._options] == ["draft"]
    review = make_editor(status, "review")  # what the file says is still shown
    assert isinstance(review, Select)
    assert [value for _, value in review._options] == ["draft", "review"]


async def test_the_history_marks_signatures_and_corrections(archive_path: Path) -> None:
    approve(archive_path)
    archive = Archive(archive_path)
    p = codec.load(archive.read(SEED_ID).data).protocol
    assert p is not None
    p.location = "Annan lokal"
    correct.correct(archive, SEED_ID, p, "Fel lokal angiven", SECRETARY)
    app = app_as(archive_path, SECRETARY)
    async with app.run_test(size=(100, 24), notifications=True) as pilot:
        await settle(pilot)
        app.open_history(SEED_ID)
        await settle(pilot)
        assert isinstance(app.screen, HistoryScreen)
        messages = [r[3] for r in table_rows(app)]
        assert messages[0].startswith("[correction]")
        assert messages[1].startswith("[signature]") and messages[2].startswith("[signature]")
        assert not any(m.startswith("[") for m in messages[3:])
    assert NEXT_ID  # the other minutes are untouched drafts


async def test_c_corrects_approved_minutes_with_a_reason_in_swedish(archive_path: Path
                                                                   ) -> None:
    """c on justerade minutes: the editor on the text; ctrl+s shows what changes and asks
    why; the correction is one commit by the person, recorded in the minutes, shown in
    the view; the chair is then to sign it again."""
    approve(archive_path)
    before = git(archive_path, "rev-parse", "HEAD").strip()
    app = app_as(archive_path, SECRETARY, "sv")
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await open_seed(pilot, app)
        assert "c Rättelse" in screen_text(app)
        await pilot.press("c")
        await until(pilot, lambda: isinstance(app.screen, EditorScreen), "the editor")
        await until(pilot, lambda: "Rättelse av" in toast_text(app), "what to do, said")
        await tab_to(pilot, field("location"))
        await retype(pilot, "Annan lokal")
        await pilot.press("ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, PromptScreen), "the reason")
        asked = " ".join(screen_text(app).replace("█", " ").split())
        assert "Rättelse av" in asked and "Annan lokal" in asked and "Skäl" in asked
        await pilot.press("enter")  # nothing typed: refused, still asked
        await settle(pilot)
        assert isinstance(app.screen, PromptScreen) and "Skriv något först" in screen_text(app)
        assert git(archive_path, "rev-parse", "HEAD").strip() == before
        await pilot.press(*"Fel lokal angiven", "enter")
        await until(pilot, lambda: isinstance(app.screen, ViewScreen), "the view again")
        await until(pilot, lambda: "Rättade" in toast_text(app), "the correction said")
        assert "Abit Dundar" in toast_text(app)  # the chair is to sign it again
        await until(pilot, lambda: "Plats: Annan lokal" in screen_text(app), "the view anew")
    p = Archive(archive_path).read(SEED_ID).parsed().protocol
    assert p is not None and p.status == "approved" and p.location == "Annan lokal"
    assert [(c.who, c.reason) for c in p.corrections] == [(SECRETARY.name, "Fel lokal angiven")]
    assert git(archive_path, "log", "-1", "--format=%an|%(trailers:key=Correction,valueonly)"
               ).strip() == f"{SECRETARY.name}|1"
    assert git(archive_path, "rev-parse", "HEAD~1").strip() == before


async def test_o_signs_one_item_at_once_after_showing_what_is_signed(archive_path: Path
                                                                     ) -> None:
    """o in a draft: which item, then a confirmation naming the item and its content id;
    the chair signs that item alone (omedelbar justering), as himself."""
    from brotui.core.justering.items import item_content_id

    p = Archive(archive_path).read(SEED_ID).parsed().protocol
    assert p is not None
    content = item_content_id(p.items[1])
    number = p.items[1].number
    app = app_as(archive_path, CHAIR)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await open_seed(pilot, app)
        await pilot.press("o")
        await until(pilot, lambda: isinstance(app.screen, PromptScreen), "the item's number")
        await pilot.press(*"99", "enter")
        await settle(pilot)
        assert isinstance(app.screen, PromptScreen)
        assert "99 is none of the items' numbers" in " ".join(screen_text(app).split())
        await pilot.press("ctrl+u", *str(number), "enter")
        await until(pilot, lambda: isinstance(app.screen, ConfirmScreen), "the confirmation")
        asked = " ".join(screen_text(app).replace("█", " ").split())
        assert f"Sign § {number} of" in asked and "as Abit Dundar (chair)" in asked
        assert content[:20] in asked.replace(" ", "")
        await pilot.press("s")
        await until(pilot, lambda: f"Signed § {number}" in toast_text(app), "the signature")
    p = Archive(archive_path).read(SEED_ID).parsed().protocol
    assert p is not None and p.status == "draft"
    assert [(s.name, s.item, s.content) for s in p.signatures] == [(CHAIR.name, number,
                                                                    content)]
    assert git(archive_path, "log", "-1", "--format=%an|%(trailers:key=Signed-item,valueonly)"
               ).strip() == f"{CHAIR.name}|{number}"
