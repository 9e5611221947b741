"""The editor's text areas repaint only the rows a key changes (to keep an SSH link quiet);
what they send must still leave the terminal showing exactly what a full repaint shows.

The test keeps a screen the way a terminal does: every update the app sends is applied to
it, cell by cell, and after each key it is compared with what the same terminal shows once
the text area has repainted all of itself, text and colours. A row left out of a repaint
shows up as a difference."""

from __future__ import annotations

import pytest
from rich.segment import Segment
from rich.style import Style
from textual._compositor import CompositorUpdate
from textual.app import App, ComposeResult
from textual.pilot import Pilot
from textual.screen import Screen

from brotui.core.demo import SEED_ID, example_protocols
from brotui.tui.widgets.text_area import QuietTextArea

Cell = tuple[str, Style | None]


class Terminal:
    """The cells of a screen, as a terminal keeps them from what it is sent."""

    def __init__(self) -> None:
        self.cells: dict[tuple[int, int], Cell] = {}
        self.x = self.y = 0
        self.sent = 0

    def apply(self, update: CompositorUpdate, app: App[None]) -> None:
        for segment in update.__rich_console__(app.console, app.console.options):
            assert isinstance(segment, Segment)
            if segment.control:
                for code in segment.control:
                    if len(code) == 3:  # CURSOR_MOVE_TO x y
                        self.x, self.y = code[1], code[2]
                continue
            if segment.text == "\n":
                continue
            for char in segment.text:
                self.cells[self.x, self.y] = (char, segment.style)
                self.x += 1
                self.sent += 1


class Editing(App[None]):
    """One QuietTextArea holding the seed minutes' YAML, and a terminal watching it."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text
        self.terminal = Terminal()

    def compose(self) -> ComposeResult:
        yield QuietTextArea.code_editor(self.text, language="yaml", soft_wrap=True)

    def _display(self, screen: Screen[object], renderable: object) -> None:
        if isinstance(renderable, CompositorUpdate):
            self.terminal.apply(renderable, self)
        super()._display(screen, renderable)  # type: ignore[arg-type]

    async def full_repaint(self, pilot: Pilot[None]) -> dict[tuple[int, int], Cell]:
        """The screen after the text area has drawn all of itself anew."""
        self.query_one(QuietTextArea).refresh()
        await pilot.pause(0.05)
        return dict(self.terminal.cells)


KEYS: list[tuple[str, ...]] = [
    ("down",) * 5, ("end",), tuple("abc"),                           # type at a line's end
    ("up",) * 3, ("home",), ("shift+right",) * 4, tuple("plats"),    # a selection typed over
    ("down",) * 33, ("end",), ("backspace",) * 2, ("ctrl+z",),       # `text: |-` loses `|-`
    ("up",) * 29, ("home",), ("number_sign",), ("ctrl+z",),          # a comment: rows below change
    ("down",) * 3, ("quotation_mark",), ("backspace",),              # a quote, and away again
    ("pagedown",), tuple("xyz"), ("up",), ("up",), ("down",),        # scrolled, then moved
    ("enter",), tuple("ny rad"), ("backspace",) * 7,                 # a line added and joined again
    ("ctrl+z",), ("ctrl+y",), ("ctrl+a",), ("right",),               # undo, redo, select all
]


@pytest.mark.parametrize("width", [80, 40])
async def test_every_key_leaves_the_terminal_as_a_full_repaint_would(width: int) -> None:
    text = (example_protocols() / f"{SEED_ID}.yaml").read_text(encoding="utf-8")
    app = Editing(text)
    async with app.run_test(size=(width, 24)) as pilot:
        area = app.query_one(QuietTextArea)
        area.cursor_blink = False
        area.focus()
        await pilot.pause(0.1)
        for keys in KEYS:
            await pilot.press(*keys)
            await pilot.pause(0.05)
            shown = dict(app.terminal.cells)
            full = await app.full_repaint(pilot)
            stale = sorted({y for pos, cell in full.items() if shown.get(pos) != cell
                            for y in [pos[1]]})
            assert not stale, f"rows {stale} are stale after {keys}"


async def test_moving_the_cursor_repaints_two_rows_not_the_whole_text() -> None:
    """Over SSH: a cursor move sends two rows, not the whole text area."""
    text = (example_protocols() / f"{SEED_ID}.yaml").read_text(encoding="utf-8")
    app = Editing(text)
    async with app.run_test(size=(80, 24)) as pilot:
        area = app.query_one(QuietTextArea)
        area.cursor_blink = False
        area.focus()
        await pilot.press("down")
        await pilot.pause(0.1)
        before = app.terminal.sent
        await pilot.press("down")
        await pilot.pause(0.1)
        assert app.terminal.sent - before <= 2 * 80
        before = app.terminal.sent
        await pilot.press("x")
        await pilot.pause(0.1)
        assert app.terminal.sent - before <= 2 * 80
