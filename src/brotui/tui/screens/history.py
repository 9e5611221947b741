"""Every version of one protocol: open one, or compare two."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.coordinate import Coordinate
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

from brotui.core.archive import Commit
from brotui.core.errors import BrotuiError
from brotui.i18n import t
from brotui.tui.keys import translate_bindings
from brotui.tui.screens.diff import DiffScreen
from brotui.tui.screens.view import ViewScreen, when
from brotui.tui.text import safe

MARK = "●"


def cell(value: str, style: str = "") -> Text:
    """User text for one table cell: one line, cut with an ellipsis where it is too long."""
    text = safe(value, style)
    text.no_wrap, text.overflow = True, "ellipsis"
    return text


class HistoryScreen(Screen[None]):
    """The commits that changed a protocol, newest first."""

    BINDINGS = [
        Binding("enter", "open", "key_open", priority=True),
        Binding("d", "diff_previous", "key_diff_previous"),
        Binding("c", "diff_current", "key_diff_current"),
        Binding("space", "toggle_mark", "key_mark"),
        Binding("m", "diff_marked", "key_diff_marked"),
        Binding("escape", "back", "key_back", show=False),  # the footer is full at 80 columns
        Binding("backspace", "back", "key_back", show=False),
    ]

    @dataclass
    class Loaded(Message):
        commits: list[Commit]

    @dataclass
    class Failed(Message):
        message: str

    def __init__(self, protocol_id: str) -> None:
        super().__init__()
        translate_bindings(self)
        self.protocol_id = protocol_id
        self.commits: list[Commit] = []
        self.marked: set[str] = set()
        self.loaded = False

    def compose(self) -> ComposeResult:
        yield self.app.title_bar()  # type: ignore[attr-defined]
        yield Static(safe(self.protocol_id, "bold"), id="status-line")
        yield DataTable(id="history", cursor_type="row", zebra_stripes=True)
        yield Static(safe(t("tui_history_loading")), id="history-note")
        yield Footer()

    def on_mount(self) -> None:
        self.release_display = self.app.hold_display()  # type: ignore[attr-defined]
        self.query_one(DataTable).focus()
        self.load()

    def on_screen_resume(self) -> None:
        if self.loaded:
            self.load()  # someone may have saved a new version meanwhile

    @work(thread=True, exclusive=True)
    def load(self) -> None:
        try:
            commits = self.app.archive.history(self.protocol_id)  # type: ignore[attr-defined]
        except BrotuiError as exc:
            self.post_message(self.Failed(exc.message))
            return
        self.post_message(self.Loaded(commits))

    @on(Failed)
    def _failed(self, message: Failed) -> None:
        self.note(t("tui_error", message=message.message))
        self.release_display()

    @on(Loaded)
    def _loaded(self, message: Loaded) -> None:
        self.release_display()
        if self.loaded and message.commits == self.commits:
            return  # back from a version or a diff, and nothing new: nothing to redraw
        current = self.current()
        self.commits, self.loaded = message.commits, True
        self.marked &= {c.oid for c in self.commits}
        self.refill(current)
        self.show_count()

    # ------------------------------------------------------------ the table

    def subject(self, commit: Commit) -> str:
        """The commit's summary line without the protocol id it starts with."""
        return commit.subject.removeprefix(f"{self.protocol_id}: ")

    def row(self, commit: Commit) -> list[Text]:
        return [cell(MARK if commit.oid in self.marked else "", "bold"), cell(when(commit)),
                cell(commit.author), cell(self.subject(commit)), cell(commit.short)]

    def refill(self, keep: Commit | None = None) -> None:
        """Show every commit in one batch, the cursor staying on `keep`."""
        table: DataTable[Text] = self.query_one(DataTable)
        table.clear(columns=True)
        rows = [self.row(c) for c in self.commits]
        author = min(max([len(t("col_author")), *(r[2].cell_len for r in rows)]), 24)
        # Each cell is padded by 2, plus the scrollbar: the message takes what is left.
        message = max(12, self.size.width - (1 + 16 + author + 10) - 2 * 5 - 2)
        for title, width in (("", 1), (t("col_changed"), 16), (t("col_author"), author),
                             (t("col_message"), message), (t("col_commit"), 10)):
            table.add_column(title, width=width)
        table.add_rows(rows)
        if keep in self.commits:
            table.move_cursor(row=self.commits.index(keep), animate=False)

    def on_resize(self) -> None:
        if self.loaded:
            self.refill(self.current())

    def note(self, text: str) -> None:
        self.query_one("#history-note", Static).update(safe(text))

    def show_count(self) -> None:
        count = len(self.commits)
        self.note(t("tui_history_marked", count=count, marked=len(self.marked)) if self.marked
                  else t("tui_history_count", count=count) if count else t("no_history"))

    def cursor(self) -> int | None:
        """The row under the cursor, None while the table is empty."""
        row = self.query_one(DataTable).cursor_row
        return row if 0 <= row < len(self.commits) else None

    def current(self) -> Commit | None:
        row = self.cursor()
        return None if row is None else self.commits[row]

    # ------------------------------------------------------------ actions

    @on(DataTable.RowSelected)
    def _row_selected(self) -> None:
        self.action_open()  # a mouse click on the highlighted row

    def action_open(self) -> None:
        if commit := self.current():
            self.app.push_screen(ViewScreen(self.protocol_id, rev=commit.oid))

    def action_diff_previous(self) -> None:
        row = self.cursor()
        if row is None:
            return
        if row + 1 == len(self.commits):
            self.notify(t("tui_nothing_earlier"), markup=False)
            return
        self.show_diff(self.commits[row + 1].oid, self.commits[row].oid)

    def action_diff_current(self) -> None:
        if commit := self.current():
            self.show_diff(commit.oid, None)

    def action_toggle_mark(self) -> None:
        row = self.cursor()
        if row is None:
            return
        oid = self.commits[row].oid
        if oid in self.marked:
            self.marked.discard(oid)
        else:
            self.marked.add(oid)
        self.query_one(DataTable).update_cell_at(Coordinate(row, 0),
                                                 cell(MARK if oid in self.marked else "", "bold"))
        self.show_count()

    def action_diff_marked(self) -> None:
        marked = [c.oid for c in self.commits if c.oid in self.marked]  # newest first
        if len(marked) != 2:
            self.notify(t("tui_mark_two", count=len(marked)), markup=False)
            return
        self.show_diff(marked[1], marked[0])

    def show_diff(self, rev_a: str, rev_b: str | None) -> None:
        self.app.push_screen(DiffScreen(self.protocol_id, rev_a, rev_b))

    def action_back(self) -> None:
        self.app.pop_screen()
