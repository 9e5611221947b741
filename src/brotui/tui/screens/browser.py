"""The first screen: every protocol in one table, filtered as you type."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import DataTable, Footer, Input, Static

from brotui.core import listing, search_index
from brotui.core.query import matches
from brotui.core.render import local_time, status_text
from brotui.core.values import Entry
from brotui.i18n import t
from brotui.tui.keys import translate_bindings
from brotui.tui.text import safe

FIRST_ROWS = 100  # rows shown at once; the rest follow in batches of MORE_ROWS
MORE_ROWS = 250
COLUMNS = ("col_date", "col_council", "col_status", "col_changed_by", "col_changed")
# (column message id, sort key); the first is the default, newest first.
SORTS = [
    ("col_date", lambda e: (e.date or "", e.id), True),
    ("col_date", lambda e: (e.date or "", e.id), False),
    ("col_council", lambda e: ((e.council or "").casefold(), e.date or ""), False),
    ("col_status", lambda e: (e.broken, e.status or "", e.date or ""), False),
    ("col_changed", lambda e: (e.last.time if e.last else 0, e.id), True),
]


def changed_when(entry: Entry) -> str:
    return local_time(entry.last.time if entry.last else None)


def row(entry: Entry) -> list[Text]:
    status = (safe(t("broken"), "bold red") if entry.broken
              else safe(status_text(entry.status)))
    return [safe(entry.date or ""), safe(entry.council or entry.id), status,
            safe(entry.last.author if entry.last else ""), safe(changed_when(entry))]


def steer_table(screen: Screen[None], event: events.Key) -> None:
    """Up, Down, Page Up and Page Down move the screen's table while its input has the
    focus: the user types and picks without leaving the input."""
    if screen.focused is not screen.query_one(Input):
        return
    table = screen.query_one(DataTable)
    moves = {"up": table.action_cursor_up, "down": table.action_cursor_down,
             "pageup": table.action_page_up, "pagedown": table.action_page_down}
    if event.key in moves:
        moves[event.key]()
        event.stop()


class FilterInput(Input):
    """The filter: `?` typed into it while it is empty opens the help (no filter starts so)."""

    async def _on_key(self, event: events.Key) -> None:
        if event.character == "?" and not self.value:
            event.stop()
            event.prevent_default()
            self.app.action_help()  # type: ignore[attr-defined]
            return
        await super()._on_key(event)


class BrowserScreen(Screen[None]):
    """Date, council, status and last change of every protocol; Enter opens one."""

    BINDINGS = [
        Binding("enter", "open", "key_open", show=True),
        Binding("ctrl+n", "new", "key_new"),
        Binding("ctrl+g", "search", "key_search"),
        Binding("ctrl+o", "sort", "key_sort"),
        Binding("ctrl+r", "reload", "key_reload"),
        Binding("ctrl+l", "activity", "key_activity"),
        Binding("ctrl+f", "focus_filter", "key_filter", show=False),
        Binding("q", "app.quit", "key_quit"),
        Binding("escape", "escape", "key_back", show=False),
    ]

    @dataclass
    class Loaded(Message):
        entries: list[Entry]

    @dataclass
    class TextsLoaded(Message):
        texts: dict[str, str]

    def __init__(self) -> None:
        super().__init__()
        translate_bindings(self)
        self.entries: list[Entry] = []
        self.texts: dict[str, str] = {}
        self.sort_index = 0
        self._ids: list[str] = []
        self._rows: dict[str, list[Text]] = {}
        self._haystacks: dict[str, str] = {}
        self._generation = 0
        self._filter_timer: Timer | None = None

    def compose(self) -> ComposeResult:
        yield self.app.title_bar()  # type: ignore[attr-defined]
        yield FilterInput(placeholder=t("tui_filter_placeholder"), id="filter")
        table: DataTable[Text] = DataTable(id="protocols", cursor_type="row", zebra_stripes=True)
        yield table
        yield Static(safe(t("tui_loading")), id="status-line")
        yield Footer()

    def on_mount(self) -> None:
        self.set_columns([])
        self.query_one(Input).focus()
        self.load()

    def set_columns(self, rows: list[list[Text]]) -> None:
        """(Re)make the columns, each as wide as its widest cell (the council at most 60)."""
        table = self.query_one(DataTable)
        table.clear(columns=True)
        widths = [max([len(t(key)), *(r[i].cell_len for r in rows)])
                  for i, key in enumerate(COLUMNS)]
        # The council takes what the screen has left (each cell is padded by 2, plus a scrollbar).
        rest = self.size.width - sum(widths) + widths[1] - 2 * len(COLUMNS) - 2
        widths[1] = max(12, min(widths[1], rest))
        for key, width in zip(COLUMNS, widths, strict=True):
            table.add_column(t(key), key=key, width=width)

    # ------------------------------------------------------------ loading

    @work(thread=True, exclusive=True, group="load")
    def load(self) -> None:
        archive = self.app.archive  # type: ignore[attr-defined]
        entries = listing.entries(archive)
        self.post_message(self.Loaded(entries))
        self.post_message(self.TextsLoaded(search_index.search_texts(archive, entries)))

    @on(Loaded)
    def _loaded(self, message: Loaded) -> None:
        if self.entries and message.entries == self.entries:
            return  # back from a protocol, and nothing changed: nothing to redraw
        self.entries = message.entries
        # Cells and search text are made once per load, not on every key press.
        self._rows = {e.id: row(e) for e in self.entries}
        self._haystacks = {e.id: self._haystack(e) for e in self.entries}
        self.set_columns(list(self._rows.values()))
        self.refill()

    @on(TextsLoaded)
    def _texts_loaded(self, message: TextsLoaded) -> None:
        if message.texts == self.texts:
            return
        self.texts = message.texts
        self._haystacks = {e.id: self._haystack(e) for e in self.entries}
        if self.query_one(Input).value.strip():
            self.refill()

    # ------------------------------------------------------------ filtering

    def visible_entries(self) -> list[Entry]:
        query = self.query_one(Input).value.strip()
        _, key, reverse = SORTS[self.sort_index]
        shown = self.entries
        if query:
            shown = [e for e in shown if matches(self._haystacks[e.id], query)]
        return sorted(shown, key=key, reverse=reverse)

    def _haystack(self, entry: Entry) -> str:
        extra = self.texts.get(entry.id, "")
        author = entry.last.author if entry.last else ""
        return f"{entry.id}\n{entry.council or ''}\n{author}\n{extra}".casefold()

    def refill(self) -> None:
        """Show the entries that match the filter: the first rows at once, the rest in
        small batches between key presses, so typing never waits for 5,000 rows."""
        table = self.query_one(DataTable)
        current = self.current_id()
        shown = self.visible_entries()
        self._generation += 1
        table.clear()
        rows = [self._rows[e.id] for e in shown]
        self._ids = [e.id for e in shown]
        self._add_rows(self._generation, rows, 0)
        if current in self._ids and self._ids.index(current) < FIRST_ROWS:
            table.move_cursor(row=self._ids.index(current), animate=False)
        column = t(SORTS[self.sort_index][0])
        arrow = "↓" if SORTS[self.sort_index][2] else "↑"
        self.query_one("#status-line", Static).update(safe(
            f"{t('tui_count', shown=len(shown), total=len(self.entries))}  ·  "
            f"{t('tui_sorted_by', column=column)} {arrow}"))

    def _add_rows(self, generation: int, rows: list[list[Text]], start: int) -> None:
        if generation != self._generation:
            return  # the filter changed since: a newer fill is under way
        size = FIRST_ROWS if start == 0 else MORE_ROWS
        self.query_one(DataTable).add_rows(rows[start:start + size])
        if start + size < len(rows):
            self.set_timer(0.01, lambda: self._add_rows(generation, rows, start + size))

    @on(Input.Changed, "#filter")
    def _filter_changed(self) -> None:
        if self._filter_timer is not None:
            self._filter_timer.stop()
        self._filter_timer = self.set_timer(0.12, self.refill)

    @on(Input.Submitted, "#filter")
    def _filter_submitted(self) -> None:
        self.action_open()

    def on_key(self, event: events.Key) -> None:
        """Up and Down move through the table while the filter keeps the focus."""
        steer_table(self, event)

    @on(DataTable.HeaderSelected)
    def _header_selected(self, event: DataTable.HeaderSelected) -> None:
        key = str(event.column_key.value)
        choices = [i for i, (col, _, _) in enumerate(SORTS) if col == key]
        if choices:
            following = [i for i in choices if i > self.sort_index]
            self.sort_index = following[0] if self.sort_index in choices and following \
                else choices[0]
            self.refill()

    @on(DataTable.RowSelected)
    def _row_selected(self) -> None:
        self.action_open()

    # ------------------------------------------------------------ actions

    def current_id(self) -> str | None:
        table = self.query_one(DataTable)
        ids = self._ids
        if not ids or table.cursor_row is None or not 0 <= table.cursor_row < len(ids):
            return None
        return ids[table.cursor_row]

    def action_open(self) -> None:
        protocol_id = self.current_id()
        if protocol_id is None:
            return
        from brotui.tui.screens.view import ViewScreen

        path = next((e.path for e in self.entries if e.id == protocol_id), None)
        self.app.push_screen(ViewScreen(protocol_id, path=path))

    def action_search(self) -> None:
        """Search every protocol, hits in context; starting from the filter's words."""
        from brotui.tui.screens.search import SearchScreen

        self.app.push_screen(SearchScreen(self.query_one(Input).value))

    def action_sort(self) -> None:
        self.sort_index = (self.sort_index + 1) % len(SORTS)
        self.refill()

    def action_reload(self) -> None:
        self.load()

    def action_focus_filter(self) -> None:
        self.query_one(Input).focus()

    def action_escape(self) -> None:
        filter_ = self.query_one(Input)
        if filter_.value:
            filter_.value = ""
        elif self.focused is filter_:
            self.query_one(DataTable).focus()
        else:
            filter_.focus()

    def action_new(self) -> None:
        try:
            from brotui.tui.screens.new import NewProtocolScreen
        except ImportError:
            return
        self.app.push_screen(NewProtocolScreen(self.current_id()))

    def action_activity(self) -> None:
        from brotui.tui.screens.activity import ActivityScreen

        self.app.push_screen(ActivityScreen())

    def on_resize(self) -> None:
        if self.entries:
            self.set_columns(list(self._rows.values()))
            self.refill()

    def on_screen_resume(self) -> None:
        if self.entries:
            self.load()
