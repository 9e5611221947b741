"""The history screen shows its first page at once and the rest once read: a long
history ends up whole, in order, the cursor where the user put it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual.widgets import DataTable

from brotui.tui.screens.history import FIRST_PAGE, HistoryScreen
from tests.app.conftest import screen_text, settle
from tests.conftest import SEED_ID, git

PATH = f"protocols/{SEED_ID}.yaml"


async def test_a_history_longer_than_the_first_page_is_shown_whole(
        repo: Path, make_app: Callable) -> None:
    text = (repo / PATH).read_text("utf-8")
    count = FIRST_PAGE + 5
    for n in range(count):  # others' commits, made with plain git
        (repo / PATH).write_text(text.replace("Skärmtaket", f"Skärmtak {n}", 1), "utf-8")
        git(repo, "-c", "user.name=Carl Ckarlsson", "-c", "user.email=carl@example.org",
            "commit", "-qam", f"{SEED_ID}: change {n}")
    app = make_app(path=repo)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.push_screen(HistoryScreen(SEED_ID))
        await settle(pilot)
        table = app.screen.query_one(DataTable)
        assert table.row_count == count + 1  # and the seed's commit
        subjects = [table.get_row_at(i)[3].plain for i in range(table.row_count)]
        assert subjects[:2] == [f"change {count - 1}", f"change {count - 2}"]
        assert subjects[count - 1] == "change 0"
        assert f"Versions: {count + 1}." in screen_text(app)
