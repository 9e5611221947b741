"""Ctrl+L: the latest changes across the archive, filtered by author, council and period;
Ctrl+D: the deleted minutes. Enter opens a protocol's history at that change."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.message import Message
from textual.timer import Timer
from textual.widgets import DataTable, Input, Static

from brotui.core import listing
from brotui.core.archive import Archive
from brotui.core.errors import BrotuiError
from brotui.core.period import parse_period
from brotui.core.text import local_time
from brotui.core.values import Activity, Deletion
from brotui.i18n import t
from brotui.tui.base import Base
from brotui.tui.text import cell, safe
from brotui.tui.widgets.footer import KeysFooter

PAGE = 50  # changes read at a time; the next page when the cursor reaches the last row


def mark(item: Activity) -> str:
    """One sign for what a change did: + new, − deleted, → moved, nothing for an edit."""
    if item.renamed_from:
        return "→"
    changes = {x.change for x in item.touched}
    return "−" if "deleted" in changes else "+" if changes == {"added"} else ""


@dataclass(frozen=True)
class Filters:
    author: str | None
    council: str | None
    since: dt.date | None
    until: dt.date | None


class ActivityScreen(Base[None]):
    """Who changed which minutes, when, newest first; or the minutes deleted."""

    BINDINGS = [
        Binding("enter", "open", "key_open", priority=True),
        Binding("ctrl+d", "toggle_deleted", "key_deleted", priority=True),
        Binding("ctrl+f", "focus_filter", "key_filter"),
        Binding("ctrl+r", "reload", "key_reload"),
        Binding("escape", "back", "key_back"),
    ]

    @dataclass
    class Loaded(Message):
        items: list[Activity]
        skip: int
        generation: int

    @dataclass
    class DeletedLoaded(Message):
        items: list[Deletion]
        generation: int

    def __init__(self) -> None:
        super().__init__()
        self.items: list[Activity] = []
        self.deletions: list[Deletion] = []
        self.show_deleted = False
        self.more = False
        self.fetching = False
        self.generation = 0
        self._timer: Timer | None = None

    def compose(self) -> ComposeResult:
        yield self.compose_title()
        yield Static(safe(t("tui_activity_heading"), "bold"), id="status-line")
        with Horizontal(id="activity-filters"):
            yield Input(id="act-author", placeholder=t("tui_activity_author"), compact=True)
            yield Input(id="act-council", placeholder=t("tui_activity_council"), compact=True)
            yield Input(id="act-period", placeholder=t("tui_activity_period"), compact=True)
        yield DataTable(id="activity", cursor_type="row", zebra_stripes=True)
        yield Static(id="activity-detail")
        yield Static(safe(t("tui_activity_loading")), id="activity-note")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.query_one(DataTable).focus()
        self.reload()

    def on_screen_resume(self) -> None:
        if self.items or self.deletions:
            self.reload()  # a restore or a delete in a history opened from here

    # ------------------------------------------------------------ loading

    def filters(self) -> Filters:
        """What the three boxes ask for; a refusal naming a period that is not one."""
        author = self.query_one("#act-author", Input).value.strip() or None
        council = self.query_one("#act-council", Input).value.strip() or None
        since, until = parse_period(self.query_one("#act-period", Input).value)
        return Filters(author, council, since, until)

    def reload(self) -> None:
        self.generation += 1
        if self.show_deleted:
            self.note(t("tui_deleted_loading"))
            self.load_deleted(self.generation)
            return
        try:
            filters = self.filters()
        except BrotuiError as exc:
            self.note(exc.message, error=True)
            return
        self.note(t("tui_activity_loading"))
        self.fetching = True
        self.load(filters, 0, self.generation)

    def load(self, filters: Filters, skip: int, generation: int) -> None:
        def read(archive: Archive) -> ActivityScreen.Loaded:
            items = archive.activity(PAGE, skip=skip, author=filters.author,
                                     council=filters.council, since=filters.since,
                                     until=filters.until)
            return self.Loaded(items, skip, generation)

        self.run_archive_work(read, doing=f"activity {generation}", group="activity")

    def load_deleted(self, generation: int) -> None:
        def read(archive: Archive) -> ActivityScreen.DeletedLoaded:
            return self.DeletedLoaded(listing.deleted(archive), generation)

        self.run_archive_work(read, doing=f"activity {generation}", group="activity")

    def work_failed(self, failure: Base.WorkFailed) -> None:
        if failure.doing == f"activity {self.generation}":  # else the filters changed since
            self.fetching = False
            self.note(failure.sentence, error=True)

    @on(Loaded)
    def _loaded(self, message: Loaded) -> None:
        if message.generation != self.generation:
            return  # the filters changed since
        self.fetching = False
        table: DataTable[Text] = self.query_one(DataTable)
        if message.skip == 0:
            keep = self.current_oid()
            self.items = message.items
            self.set_columns([self.row(i) for i in self.items])
            table.add_rows([self.row(i) for i in self.items])
            oids = [i.commit.oid for i in self.items]
            if keep in oids:
                table.move_cursor(row=oids.index(keep), animate=False)
        else:
            self.items += message.items
            table.add_rows([self.row(i) for i in message.items])
        self.more = len(message.items) == PAGE
        self.show_detail(table.cursor_row)
        count = len(self.items)
        self.note(t("tui_activity_more" if self.more else "tui_activity_count", count=count)
                  if count else t("no_activity"))

    @on(DeletedLoaded)
    def _deleted_loaded(self, message: DeletedLoaded) -> None:
        if message.generation != self.generation:
            return
        self.deletions = message.items
        rows = [self.deleted_row(d) for d in self.deletions]
        self.set_columns(rows)
        self.query_one(DataTable).add_rows(rows)
        self.show_detail(self.query_one(DataTable).cursor_row)
        self.note(t("tui_deleted_count", count=len(rows)) if rows else t("no_deleted"))

    # ------------------------------------------------------------ the table

    @staticmethod
    def row(item: Activity) -> list[Text]:
        c = item.commit
        return [cell(mark(item), "bold"), cell(local_time(c.time)), cell(c.author),
                cell(c.subject)]

    @staticmethod
    def deleted_row(deletion: Deletion) -> list[Text]:
        c = deletion.commit
        message = cell(deletion.id, "bold")
        message.append_text(safe(f"  {c.subject}", "dim"))
        return [cell("−", "bold"), cell(local_time(c.time)), cell(c.author), message]

    def set_columns(self, rows: list[list[Text]]) -> None:
        """Sign, time, author (at most 24 wide), and the summary line in what is left."""
        table: DataTable[Text] = self.query_one(DataTable)
        table.clear(columns=True)
        when, who = (("col_deleted", "col_deleted_by") if self.show_deleted
                     else ("col_changed", "col_author"))
        author = min(max([len(t(who)), *(r[2].cell_len for r in rows)]), 24)
        message = max(12, self.size.width - (1 + 16 + author) - 2 * 4 - 2)
        for title, width in (("", 1), (t(when), 16), (t(who), author),
                             (t("col_message"), message)):
            table.add_column(title, width=width)

    def note(self, text: str, error: bool = False) -> None:
        note = self.query_one("#activity-note", Static)
        note.update(safe(text))
        note.set_class(error, "error")

    def current_oid(self) -> str | None:
        row = self.query_one(DataTable).cursor_row
        return self.items[row].commit.oid if 0 <= row < len(self.items) else None

    def show_detail(self, row: int) -> None:
        """The highlighted change in full (the table cuts it at 80 columns): its summary
        line, who made it with their e-mail, when, and the commit."""
        commit = None
        if self.show_deleted and 0 <= row < len(self.deletions):
            commit = self.deletions[row].commit
        elif not self.show_deleted and 0 <= row < len(self.items):
            commit = self.items[row].commit
        text = Text()
        if commit is not None:
            text = safe(commit.subject, "bold")
            text.append_text(safe(f"\n{commit.author} <{commit.email}>  "
                                  f"{local_time(commit.time)}  {commit.short}", "dim"))
        self.query_one("#activity-detail", Static).update(text)

    @on(DataTable.RowHighlighted)
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        """The change in full; at the last row, the next page (git reads only as far as
        it needs to)."""
        self.show_detail(event.cursor_row)
        if (not self.show_deleted and self.more and not self.fetching
                and event.cursor_row >= len(self.items) - 1):
            try:
                filters = self.filters()
            except BrotuiError:
                return
            self.fetching = True
            self.load(filters, len(self.items), self.generation)

    # ------------------------------------------------------------ filtering

    @on(Input.Changed)
    def _filter_changed(self) -> None:
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(0.3, self.reload)

    @on(Input.Submitted)
    def _filter_submitted(self) -> None:
        if self._timer is not None:
            self._timer.stop()
        self.reload()
        self.query_one(DataTable).focus()

    # ------------------------------------------------------------ actions

    @on(DataTable.RowSelected)
    def _row_selected(self) -> None:
        self.action_open()

    def action_open(self) -> None:
        """Enter: in a filter box, apply it; on a change, open its protocol's history."""
        if isinstance(self.focused, Input):
            self._filter_submitted()
            return
        row = self.query_one(DataTable).cursor_row
        if self.show_deleted:
            if 0 <= row < len(self.deletions):
                deletion = self.deletions[row]
                self.app.open_history(deletion.id, select=deletion.commit.oid)
        elif 0 <= row < len(self.items) and (target := self.items[row].target):
            self.app.open_history(target, select=self.items[row].commit.oid)

    def action_toggle_deleted(self) -> None:
        self.show_deleted = not self.show_deleted
        self.query_one("#activity-filters").display = not self.show_deleted
        self.query_one("#status-line", Static).update(safe(
            t("tui_deleted_heading" if self.show_deleted else "tui_activity_heading"), "bold"))
        self.query_one(DataTable).clear(columns=True)
        self.query_one(DataTable).focus()
        self.reload()

    def action_focus_filter(self) -> None:
        if not self.show_deleted:
            self.query_one("#act-author", Input).focus()

    def action_reload(self) -> None:
        self.reload()

    def action_back(self) -> None:
        if isinstance(self.focused, Input):
            self.query_one(DataTable).focus()
        else:
            self.app.pop_screen()

    def on_resize(self) -> None:
        """Columns as wide as the screen allows, the cursor where it was."""
        rows = ([self.deleted_row(d) for d in self.deletions] if self.show_deleted
                else [self.row(i) for i in self.items])
        if rows:
            table = self.query_one(DataTable)
            row = table.cursor_row
            self.set_columns(rows)
            table.add_rows(rows)
            table.move_cursor(row=row, animate=False)
