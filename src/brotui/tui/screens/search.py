"""Searching every protocol for words or phrases, with the hits in context; or searching
the history for who added and removed them."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.timer import Timer
from textual.widgets import DataTable, Input, Static

from brotui.core import search
from brotui.core.archive import Archive
from brotui.core.query import Query
from brotui.core.search import Change, Hit, Trail
from brotui.core.text import local_time
from brotui.i18n import t
from brotui.tui.base import Base
from brotui.tui.text import MATCH, safe
from brotui.tui.widgets.filter_input import FilterInput, steer_table
from brotui.tui.widgets.footer import KeysFooter

SHOWN = 500  # hits listed at most: a person refines the search long before
CHANGE_STYLES = {"added": "bold green", "removed": "bold red"}


def hit_cell(hit: Hit) -> Text:
    """Two lines: the protocol and the part; the snippet with each match highlighted."""
    text = safe(hit.id, "bold")
    text.append_text(safe(f"  {hit.part.label()}", "italic"))
    text.append("\n  ")
    for piece, is_match in hit.pieces():
        text.append_text(safe(piece, MATCH if is_match else ""))
    text.no_wrap, text.overflow = True, "ellipsis"
    return text


def change_cell(trail: Trail, change: Change) -> Text:
    """Two lines: the protocol and whether it holds the text now; what the commit did,
    by whom and when."""
    text = safe(trail.id, "bold")
    text.append_text(safe(f"  {t('search_present' if trail.present else 'search_absent')}",
                          "italic"))
    text.append("\n  ")
    text.append_text(safe(change.label(), CHANGE_STYLES.get(change.kind, "bold")))
    text.append_text(safe(" " + t("tui_search_change", commit=change.commit.short,
                                  author=change.commit.author,
                                  when=local_time(change.commit.time))))
    text.no_wrap, text.overflow = True, "ellipsis"
    return text


class SearchScreen(Base[None]):
    """An input and the hits below it; Enter opens the highlighted one."""

    BINDINGS = [
        Binding("enter", "open", "key_open"),
        Binding("ctrl+t", "toggle_history", "key_search_history"),
        Binding("escape", "back", "key_back"),
    ]

    @dataclass
    class Found(Message):
        generation: int
        query: Query
        hits: list[Hit]

    @dataclass
    class Traced(Message):
        generation: int
        query: Query
        trails: list[Trail]

    def __init__(self, text: str = "") -> None:
        super().__init__()
        self.initial = text
        self.history = False
        self.query_: Query = Query(())
        self.hits: list[Hit] = []
        self.rows: list[tuple[Trail, Change]] = []
        self._generation = 0
        self._timer: Timer | None = None

    def compose(self) -> ComposeResult:
        yield self.compose_title()
        yield FilterInput(self.initial, placeholder=t("tui_search_placeholder"),
                          id="search-input")
        table: DataTable[Text] = DataTable(id="search-results", cursor_type="row",
                                           show_header=False, zebra_stripes=True)
        yield table
        yield Static(safe(t("tui_search_hint")), id="status-line")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.query_one(DataTable).add_column("", key="hit", width=max(20, self.size.width - 4))
        self.query_one(Input).focus()
        if self.initial.strip():
            self.start()

    def on_resize(self) -> None:
        self.fill()

    # ------------------------------------------------------------ searching

    @on(Input.Changed, "#search-input")
    def _changed(self) -> None:
        if self.history:
            return  # a search through history takes seconds: it waits for Enter
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(0.15, self.start)

    @on(Input.Submitted, "#search-input")
    def _submitted(self) -> None:
        query = Query.parse(self.query_one(Input).value)
        if query != self.query_ or (self.history and not self.rows) or not self.cursor_ok():
            self.start()
        else:
            self.action_open()

    def start(self) -> None:
        """Search for what the input says (now, or through history)."""
        self._generation += 1
        query = Query.parse(self.query_one(Input).value)
        self.query_ = query
        if not query:
            self.hits, self.rows = [], []
            self.fill()
            self.status(t("tui_search_history_hint" if self.history else "tui_search_hint"))
            return
        self.status(t("tui_search_history_working" if self.history else "tui_search_working"))
        self.run_search(self._generation, query, self.history)

    def run_search(self, generation: int, query: Query, history: bool) -> None:
        def find(archive: Archive) -> SearchScreen.Found | SearchScreen.Traced:
            if history:
                return self.Traced(generation, query, search.history(archive, query))
            return self.Found(generation, query, search.search(archive, query))

        self.run_archive_work(find, doing=f"search {generation}", group="search")

    @on(Found)
    def _found(self, message: Found) -> None:
        if message.generation != self._generation:
            return  # the input changed since
        self.hits, self.rows = message.hits, []
        self.fill()
        if not self.hits:
            self.status(t("search_nothing", query=str(message.query)))
            return
        found = t("search_found", hits=len(self.hits),
                  protocols=len({h.id for h in self.hits}))
        if len(self.hits) > SHOWN:
            found += "  " + t("tui_search_first", shown=SHOWN)
        self.status(found)

    @on(Traced)
    def _traced(self, message: Traced) -> None:
        if message.generation != self._generation:
            return
        self.hits = []
        self.rows = [(trail, change) for trail in message.trails for change in trail.changes]
        self.fill()
        if not self.rows:
            self.status(t("search_nothing_history", query=str(message.query)))
            return
        self.status(t("search_found_history", changes=len(self.rows),
                      protocols=len(message.trails)))

    def work_failed(self, failure: Base.WorkFailed) -> None:
        if failure.doing == f"search {self._generation}":  # else the input changed since
            self.status(t("tui_error", message=failure.sentence))

    # ------------------------------------------------------------ the list

    def fill(self) -> None:
        table = self.query_one(DataTable)
        table.clear(columns=True)
        table.add_column("", key="hit", width=max(20, self.size.width - 4))
        if self.history:
            cells = [change_cell(trail, change) for trail, change in self.rows]
        else:
            cells = [hit_cell(hit) for hit in self.hits[:SHOWN]]
        for cell in cells:
            table.add_row(cell, height=2)

    def status(self, text: str) -> None:
        self.query_one("#status-line", Static).update(safe(text))

    def cursor_ok(self) -> bool:
        row = self.query_one(DataTable).cursor_row
        return 0 <= row < (len(self.rows) if self.history else min(len(self.hits), SHOWN))

    def on_key(self, event: events.Key) -> None:
        """Up and Down move through the hits while the input keeps the focus."""
        steer_table(self, event)

    @on(DataTable.RowSelected)
    def _row_selected(self) -> None:
        self.action_open()

    # ------------------------------------------------------------ actions

    def action_open(self) -> None:
        if not self.cursor_ok():
            return
        row = self.query_one(DataTable).cursor_row
        if not self.history:
            hit = self.hits[row]
            self.app.open_protocol(hit.id, find=(self.query_, hit.part))
            return
        trail, change = self.rows[row]
        if change.old_blob and change.new_blob:
            self.app.open_diff(trail.id, f"{change.commit.oid}^", change.commit.oid)
        else:  # the commit made or deleted the file: show the version that holds the text
            rev = change.commit.oid if change.new_blob else f"{change.commit.oid}^"
            self.app.open_protocol(trail.id, rev=rev, find=(self.query_, None))

    def action_toggle_history(self) -> None:
        self.history = not self.history
        self.query_one(Input).placeholder = t(
            "tui_search_history_placeholder" if self.history else "tui_search_placeholder")
        self.hits, self.rows = [], []
        self.fill()
        if self.history:
            self._generation += 1  # a search under way now is of no use
            self.status(t("tui_search_history_hint"))
        else:
            self.start()

    def action_back(self) -> None:
        if self._timer is not None:
            self._timer.stop()
        self.app.pop_screen()
