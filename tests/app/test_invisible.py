"""Invisible and bidirectional characters in the TUI: an author, an attendee and a text
that hold them are shown with them written out (`\\u202e`), never raw; a person whose
--author holds one is told so and cannot save."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from brotui.core import ops
from brotui.core.archive import Archive
from brotui.core.identity import Identity
from brotui.core.text import INVISIBLE_RE
from brotui.tui.app import BrotuiApp
from brotui.tui.screens.history import HistoryScreen
from brotui.tui.screens.view import ViewScreen
from tests.app.conftest import screen_text, settle

SEED = "hagersten-liljeholmen/2020-02-20"
FORGED = Identity("Clas Ce\u202edilred\u202c", "clas.cederlid@stockholm.se")


def forge(demo: Path) -> None:
    archive = Archive(demo)
    protocol = archive.load(SEED)
    protocol.attendees[1].name = "Martin H\u00e4\u200bmmerli"
    protocol.location = "Telefonv\u00e4gen \u2067 30\u2069"
    ops.save(archive, SEED, protocol, FORGED)


def assert_none_raw(app: BrotuiApp) -> str:
    text = screen_text(app)
    found = INVISIBLE_RE.search(text)
    assert found is None, f"U+{ord(found.group()):04X} raw on screen:\n{text}"
    return text


async def test_the_history_and_the_minutes_write_them_out(
        make_app: Callable[..., BrotuiApp], demo: Path) -> None:
    forge(demo)
    app = make_app()
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        assert "Clas Ce\\u202edilred\\u202c" in assert_none_raw(app)  # last changed by
        app.push_screen(HistoryScreen(SEED))
        await settle(pilot)
        assert "Clas Ce\\u202edilred" in assert_none_raw(app)  # (the column cuts the rest)
        app.push_screen(ViewScreen(SEED))
        await settle(pilot)
        text = assert_none_raw(app)
        assert "Martin Hä\\u200bmmerli" in text
        assert "Telefonvägen \\u2067 30\\u2069" in text


async def test_an_author_holding_one_is_told_and_cannot_save(
        make_app: Callable[..., BrotuiApp], demo: Path) -> None:
    app = make_app(lang="sv", author="Clas Ceder\u200blid <clas.cederlid@stockholm.se>")
    async with app.run_test(size=(120, 30), notifications=True) as pilot:
        await settle(pilot)
        assert app.identity is None
        assert app.identity_problem is not None
        assert "osynligt tecken" in app.identity_problem and "\\u200b" in app.identity_problem
        assert "ingen identitet" in assert_none_raw(app)
