"""Issue 12, item 12: the next meeting's minutes written as a secretary writes them,
every key counted. From the list: Ctrl+N, the date, the secretary, an adjuster, one
attendee excused, three items each with a text and a decision, one next meeting, Ctrl+S.
The goal is <= 400 keys (about 750 before the form had keys to its sections), and the
commit holds exactly what was meant."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from brotui.core import codec
from brotui.core.archive import Archive
from brotui.core.model import Meeting
from brotui.core.new import following
from brotui.tui.app import BrotuiApp
from brotui.tui.screens.browser import BrowserScreen
from brotui.tui.screens.editor import EditorScreen
from tests.app.conftest import screen_text, settle
from tests.app.test_edit import field, toast_text, until
from tests.conftest import git

LATEST = "hagersten-liljeholmen/2020-05-14"  # the council's newest minutes: the template
NEW_ID = "hagersten-liljeholmen/2020-09-10"
SECRETARY = "Clas Cederlid"
ADJUSTER = "Maria Ljuslin"
ITEMS = [  # (text, decision) for items 1 to 3, as typed
    ("Ordföranden öppnade mötet och hälsade alla välkomna.",
     "Dagordningen godkändes."),
    ("Polisen redogjorde för läget i Liljeholmen under sommaren.",
     "Informationen noterades."),
    ("Förvaltningen föreslog en trygghetsvandring i oktober.",
     "Trygghetsvandring genomförs i oktober."),
]
NEXT = Meeting(date=dt.date(2020, 11, 12), start="15:00", end="17:00",
               location="Besöksrum 1, plan 9")


def intended(demo: Path) -> str:
    """The minutes the secretary means to save, as YAML."""
    protocol = following(Archive(demo).load(LATEST), dt.date(2020, 9, 10))
    assert protocol is not None
    protocol.secretary = SECRETARY
    protocol.adjusters = [ADJUSTER]
    protocol.attendees[1].presence = "excused"
    for item, (text, decision) in zip(protocol.items, ITEMS, strict=False):
        item.text, item.decisions = text, [decision]
    protocol.next_meetings = [NEXT]
    return codec.dump(protocol)


async def test_the_next_meeting_is_written_in_at_most_400_keys(
        make_app: Callable[..., BrotuiApp], demo: Path) -> None:
    app = make_app("sv")
    sent: list[str] = []
    async with app.run_test(size=(80, 24), notifications=True) as pilot:

        async def press(*keys: str) -> None:
            sent.extend(keys)
            for key in keys:
                await pilot.press(key)

        await settle(pilot)
        assert isinstance(app.screen, BrowserScreen)
        await press("ctrl+n")
        await settle(pilot)
        await press(*"2020-09-10", "enter")
        await until(pilot, lambda: isinstance(app.screen, EditorScreen), "the editor")
        await settle(pilot)
        editor = app.screen
        assert isinstance(editor, EditorScreen) and editor.protocol_id == NEW_ID

        # The header: from the council field to the secretary and the adjusters.
        while not field("secretary")(editor.focused):
            await press("tab")
            assert len(sent) < 1000, screen_text(app)
        await press(*SECRETARY, "tab", *ADJUSTER)

        # Attendees: the second one (Martin Hämmerli) sent his apologies.
        await press("f2")
        assert field("name", "Abit Dundar")(editor.focused), screen_text(app)
        while not field("name", "Martin Hämmerli")(editor.focused):
            await press("tab")
            assert len(sent) < 1000, screen_text(app)
        await press("f5")  # present -> excused

        # Items: the text and the decision of the first three.
        await press("f3")
        for text, decision in ITEMS:
            while not (editor.focused is not None and editor.focused.has_class("field-text")):
                await press("tab")
                assert len(sent) < 1000, screen_text(app)
            await press(*text, "tab", *decision)

        # The next meeting: a new row from the section's Add.
        await press("f4", "enter")
        await settle(pilot)
        assert field("date")(editor.focused), screen_text(app)
        await press(*NEXT.date.isoformat(), "tab", *str(NEXT.start), "tab", *str(NEXT.end),
                    "tab", *str(NEXT.location))
        await settle(pilot, 0.4)
        await press("ctrl+s")
        await until(pilot, lambda: "Sparat i" in toast_text(app), "the save")

    saved = git(demo, "show", f"HEAD:protocols/{NEW_ID}.yaml")
    assert saved == intended(demo)
    print(f"keys sent: {len(sent)}, of them Tab: {sent.count('tab')}")
    assert len(sent) <= 400, f"{len(sent)} keys, {sent.count('tab')} of them Tab"
