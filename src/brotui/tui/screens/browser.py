"""The first screen: every protocol in one table, filtered as you type."""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass
from typing import overload

from rich.cells import cell_len
from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.timer import Timer
from textual.widgets import DataTable, Input, Static

from brotui.core import codec, listing, search_index
from brotui.core.archive import Archive
from brotui.core.drafts import Draft, Drafts
from brotui.core.justering import overview
from brotui.core.model import parse_id
from brotui.core.query import normal
from brotui.core.render import status_text
from brotui.core.text import local_time, visible
from brotui.core.values import Entry
from brotui.i18n import t
from brotui.tui import access_keys
from brotui.tui.base import Base
from brotui.tui.text import safe
from brotui.tui.widgets.filter_input import FilterInput, steer_table
from brotui.tui.widgets.footer import KeysFooter
from brotui.tui.widgets.lazy_table import LazyRow, LazyTable

FIRST_ROWS = 100  # rows shown at once; the rest follow in batches of MORE_ROWS
MORE_ROWS = 5000  # (rows are cheap to add: their cells are made when drawn)
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


STATE_FILTERS: tuple[str | None, ...] = (None, *overview.STATES)  # None: every state
STATE_WIDTH = 40  # the state column at most (who signed and who is missing can be long)


def row(entry: Entry, state: overview.Row | None = None, mark: str = "") -> list[Text]:
    """The cells of one protocol; its status as its justering says it (utkast; för
    justering, who signed and who is missing; justerat with the date), and `mark` (the
    person's own draft) before it."""
    if mark:
        status = safe(mark + ("  " if entry.last else ""), "bold yellow")
        if entry.last is None:  # a draft of minutes never saved: the mark says it all
            return [safe(entry.date or ""), cut(safe(entry.council or entry.id)), status,
                    safe(""), safe("")]
        status.append_text(row(entry, state)[2])
    elif entry.broken:
        status = safe(t("broken"), "bold red")
    elif state is not None:
        status = safe(state.label, "yellow" if state.late else "")
    else:
        status = safe(status_text(entry.status))
    return [safe(entry.date or ""), cut(safe(entry.council or entry.id)), status,
            safe(entry.last.author if entry.last else ""), safe(changed_when(entry))]


def cut(cell: Text) -> Text:
    """A cell wider than its column ends in "…" (a council's name is never cut unseen)."""
    cell.overflow, cell.no_wrap = "ellipsis", True
    return cell


def haystack(entry: Entry, text: str) -> str:
    """What the filter searches in a protocol: its id, council, last author and `text`
    (its words, from the search index), folded."""
    author = entry.last.author if entry.last else ""
    return f"{entry.id}\n{entry.council or ''}\n{author}\n{text}".casefold()


def _lazy_cells(cells: tuple[Entry, overview.Row | None, str]) -> list[Text]:
    return row(*cells)


def draft_mark(entry: Entry, drafts: dict[str, Draft]) -> str:
    """What the list says of the person's draft of `entry`: none, theirs, or new minutes
    that were never saved."""
    if entry.id not in drafts:
        return ""
    return t("tui_draft_mark") if entry.last is not None else t("tui_draft_new")


def unsaved_entry(draft: Draft) -> Entry:
    """A row for the draft of minutes never saved (Ctrl+N, typed, left): its council as
    the draft says it (else the id's), its date from the id."""
    parsed = parse_id(draft.id)
    try:
        council = codec.load(draft.text).protocol
    except Exception:  # a draft half typed may not read: the id says enough
        council = None
    return Entry(id=draft.id, path="", blob="", council=council.council if council else None,
                 date=parsed[1].isoformat() if parsed else None, status=None, errors=0,
                 warnings=0, problem=None)


def widths(entries: list[Entry], states: dict[str, overview.Row],
           drafts: dict[str, Draft] | None = None) -> list[int]:
    """The widest cell of each column, measured on the text (no cell is made): each
    distinct value once."""
    dates = {e.date or "" for e in entries}
    councils = {e.council or e.id for e in entries}
    statuses = {t("broken") if e.broken else states[e.id].label if e.id in states
                else status_text(e.status) for e in entries}
    if drafts:  # (a marked status is the mark, two spaces and the status)
        longest = max(statuses, key=cell_len, default="")
        statuses |= {t("tui_draft_new"), f"{t('tui_draft_mark')}  {longest}"}
    authors = {e.last.author if e.last else "" for e in entries}
    # The time of the last change is "YYYY-MM-DD HH:MM" (or empty): one of each form.
    changed = {changed_when(e) for e in entries[:1]} | {changed_when(e) for e in entries
                                                        if e.last is None}
    return [max((cell_len(visible(v)) for v in values), default=0)
            for values in (dates, councils, statuses, authors, changed)]


def latest_of_council(entries: list[Entry], protocol_id: str | None) -> str | None:
    """The id of the latest readable minutes (by date) of `protocol_id`'s council."""
    if protocol_id is None:
        return None
    slug = protocol_id.split("/")[0] + "/"
    same = [e for e in entries if e.id.startswith(slug) and not e.broken]
    latest = max(same, key=lambda e: (e.date or "", e.id), default=None)
    return latest.id if latest is not None else protocol_id


class _Ids(Sequence[str]):
    """The ids of the entries shown, in order (read from them, not copied)."""

    def __init__(self, entries: list[Entry]) -> None:
        self.entries = entries

    def __len__(self) -> int:
        return len(self.entries)

    @overload
    def __getitem__(self, index: int) -> str: ...
    @overload
    def __getitem__(self, index: slice) -> list[str]: ...

    def __getitem__(self, index: int | slice) -> str | list[str]:
        if isinstance(index, slice):
            return [e.id for e in self.entries[index]]
        return self.entries[index].id


class BrowserScreen(Base[None]):
    """Date, council, status and last change of every protocol; Enter opens one."""

    BINDINGS = [
        Binding("enter", "open", "key_open", show=True),
        # In the footer's order (after Escape and help), as many as fit the width: the
        # rest are in the help and the palette.
        Binding("ctrl+n", "new", "key_new"),
        Binding("ctrl+g", "search", "key_search"),
        Binding("ctrl+b", "import", "key_import"),
        Binding("ctrl+l", "activity", "key_activity"),
        Binding("ctrl+t", "state_filter", "key_state_filter"),
        Binding("ctrl+o", "sort", "key_sort"),
        Binding("ctrl+r", "reload", "key_reload"),
        Binding("ctrl+f", "focus_filter", "key_filter", show=False),
        Binding("q", "app.quit", "key_quit"),
        Binding("escape", "escape", "key_back", show=False),
    ]

    @dataclass
    class Loaded(Message):
        entries: list[Entry]
        states: dict[str, overview.Row]
        drawn: threading.Event  # set once the list is on the screen
        drafts: dict[str, Draft]  # the person's drafts, by id (of saved minutes or not)

    @dataclass
    class TextsLoaded(Message):
        haystacks: dict[str, str]  # what the filter searches, by id (see haystack)

    def __init__(self) -> None:
        super().__init__()
        self.entries: list[Entry] = []
        self.sort_index = 0
        self.states: dict[str, overview.Row] = {}
        self.drafts: dict[str, Draft] = {}
        self.state_filter = 0  # index in STATE_FILTERS
        self._ids: Sequence[str] = []
        self._rows: dict[str, LazyRow] = {}
        self._widths: list[int] = [0] * len(COLUMNS)
        self._haystacks: dict[str, str] = {}
        self._haystacks_of: list[Entry] | None = None  # the entries they were made for
        self._generation = 0
        self._filter_timer: Timer | None = None
        # The last filter: (state, query as compared, the entries it found, unsorted).
        self._matched: tuple[str | None, str, list[Entry]] | None = None

    def compose(self) -> ComposeResult:
        yield self.compose_title()
        yield FilterInput(placeholder=t("tui_filter_placeholder"), id="filter",
                          when_empty={"q": "app.quit"})
        yield LazyTable(id="protocols", cursor_type="row", zebra_stripes=True)
        yield Static(safe(t("tui_loading")), id="status-line")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.set_columns()
        self.query_one(Input).focus()
        self.load()

    def set_columns(self) -> None:
        """(Re)make the columns, each as wide as its widest cell (the council at most 60)."""
        table = self.query_one(LazyTable)
        table.clear(columns=True)
        widths = [max(len(t(key)), width) for key, width in zip(COLUMNS, self._widths,
                                                                strict=True)]
        # The council takes what the screen has left (each cell is padded by 2, plus a scrollbar).
        rest = self.size.width - sum(widths) + widths[1] - 2 * len(COLUMNS) - 2
        widths[2] = min(widths[2], STATE_WIDTH)
        rest = self.size.width - sum(widths) + widths[1] - 2 * len(COLUMNS) - 2
        widths[1] = max(12, min(widths[1], rest))
        for key, width in zip(COLUMNS, widths, strict=True):
            table.add_column(t(key), key=key, width=width)

    # ------------------------------------------------------------ loading

    def load(self) -> None:
        drawn = threading.Event()
        who = self.app.identity

        def read(archive: Archive) -> BrowserScreen.TextsLoaded:
            entries = listing.entries(archive)
            drafts = {d.id: d for d in Drafts(archive).mine(who)} if who is not None else {}
            listed = {e.id for e in entries}
            states = overview.rows(archive, entries)
            # Drafts of minutes never saved first: they are what the person was writing.
            unsaved = [unsaved_entry(d) for d in drafts.values() if d.id not in listed]
            self.post_message(self.Loaded(unsaved + entries, states, drawn, drafts))
            # The texts (a second of Python at 20,000 protocols) once the list is drawn:
            # this thread and the screen's share one interpreter lock.
            drawn.wait(timeout=5)
            # The filter's text made here, in the worker, not between two keys: at 20,000
            # protocols it is 40 MB to fold.
            texts = search_index.search_texts(archive, entries)
            # (each text dropped as its folded copy is made: one of them in memory, not two)
            return self.TextsLoaded({e.id: haystack(e, texts.pop(e.id, "")) for e in entries})

        self.run_archive_work(read, doing="listing the protocols", group="load")

    def work_failed(self, failure: Base.WorkFailed) -> None:
        self.query_one("#status-line", Static).update(
            safe(t("tui_error", message=failure.sentence)))
        super().work_failed(failure)

    @on(Loaded)
    def _loaded(self, message: Loaded) -> None:
        self.call_after_refresh(message.drawn.set)
        if self.entries and message.entries == self.entries and message.states == self.states \
                and message.drafts == self.drafts:
            return  # back from a protocol, and nothing changed: nothing to redraw
        self.entries, self.states = message.entries, message.states
        self.drafts = message.drafts
        # Rows are made once per load, when first shown, not on every key press; a row's
        # cells only when it is drawn (see widgets.lazy_table). The filter's haystacks
        # when it is first used (or when the texts come).
        self._rows = {}
        self._haystacks_of = None
        self._matched = None
        self._widths = widths(self.entries, self.states, self.drafts)
        self.set_columns()
        self.refill()

    @on(TextsLoaded)
    def _texts_loaded(self, message: TextsLoaded) -> None:
        if message.haystacks == self._haystacks:
            self._haystacks_of = self.entries
            return
        self._haystacks = {e.id: message.haystacks.get(e.id) or haystack(e, "")
                           for e in self.entries}
        self._haystacks_of = self.entries
        self._matched = None
        if self.query_one(Input).value.strip():
            self.refill()

    # ------------------------------------------------------------ filtering

    def visible_entries(self) -> list[Entry]:
        query = normal(self.query_one(Input).value.strip()).casefold()
        _, key, reverse = SORTS[self.sort_index]
        wanted = STATE_FILTERS[self.state_filter]
        # A key typed at the end narrows what the last filter found: every protocol that
        # holds the longer words holds the shorter ones (the query compared normalised
        # and folded, as the haystacks are), so only those are searched again.
        last = self._matched
        if last is not None and last[0] == wanted and query.startswith(last[1]):
            shown = last[2]
        else:
            shown = overview.with_state(self.entries, wanted)
        words = query.split()
        haystacks = self._haystacks
        if words and self._haystacks_of is not self.entries:
            # Until the texts come (TextsLoaded), what the last load found, else the id,
            # the council and the last author.
            haystacks = {e.id: haystacks.get(e.id) or haystack(e, "") for e in self.entries}
            self._haystacks, self._haystacks_of = haystacks, self.entries
        if len(words) == 1:  # (the common case, without all()'s cost on 20,000 rows)
            word = words[0]
            shown = [e for e in shown if word in haystacks[e.id]]
        elif words:
            shown = [e for e in shown if all(w in haystacks[e.id] for w in words)]
        self._matched = (wanted, query, shown)
        if self.sort_index == 0:
            return list(shown)  # the list's own order (listing.entries): newest first
        return sorted(shown, key=key, reverse=reverse)

    def refill(self) -> None:
        """Show the entries that match the filter: the first rows at once, the rest in
        batches between key presses, so typing never waits for 20,000 rows."""
        table = self.query_one(LazyTable)
        current = self.current_id()
        shown = self.visible_entries()
        self._generation += 1
        table.clear()
        self._ids = _Ids(shown)
        self._add_rows(self._generation, shown, 0)
        first = [e.id for e in shown[:FIRST_ROWS]]
        if current in first:
            table.move_cursor(row=first.index(current), animate=False)
        column = t(SORTS[self.sort_index][0])
        arrow = "↓" if SORTS[self.sort_index][2] else "↑"
        wanted = STATE_FILTERS[self.state_filter]
        showing = ""
        if wanted is not None:
            showing = "  ·  " + t("tui_showing_state", state=status_text(wanted))
        self.query_one("#status-line", Static).update(safe(
            f"{t('tui_count', shown=len(shown), total=len(self.entries))}  ·  "
            f"{t('tui_sorted_by', column=column)} {arrow}{showing}"))

    def _add_rows(self, generation: int, rows: list[Entry], start: int) -> None:
        if generation != self._generation:
            return  # the filter changed since: a newer fill is under way
        size = FIRST_ROWS if start == 0 else MORE_ROWS
        lazy = self._rows
        batch = []
        for e in rows[start:start + size]:
            made = lazy.get(e.id)
            if made is None:
                made = lazy[e.id] = LazyRow(
                    e.id, (e, self.states.get(e.id), draft_mark(e, self.drafts)), _lazy_cells)
            batch.append(made)
        self.query_one(LazyTable).set_rows(batch)
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
        """Up moves through the table while the filter keeps the focus; Down moves into
        the table (Escape goes back to the filter)."""
        steer_table(self, event, enter=True)

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
        path = next((e.path for e in self.entries if e.id == protocol_id), None)
        draft = self.drafts.get(protocol_id)
        if draft is not None and not path:  # minutes never saved: their draft, to go on
            self.app.open_editor(protocol_id, draft.text.encode("utf-8"), None, new=True)
            return
        self.app.open_protocol(protocol_id, path=path)

    def action_search(self) -> None:
        """Search every protocol, hits in context; starting from the filter's words."""
        self.app.open_search(self.query_one(Input).value)

    def action_sort(self) -> None:
        self.sort_index = (self.sort_index + 1) % len(SORTS)
        self.refill()

    def action_state_filter(self) -> None:
        """Ctrl+T: only drafts, only minutes for justering, only approved ones, all."""
        self.state_filter = (self.state_filter + 1) % len(STATE_FILTERS)
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

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return not access_keys.hidden(self.app, action)  # a reader: no Ctrl+N, no Ctrl+B

    def action_import(self) -> None:
        """ctrl+b: minutes from Word, PDF or text, beside what was found, to fix and save."""
        if not self.refused("import"):
            self.app.open_import()

    def action_new(self) -> None:
        """Ctrl+N: new minutes from the latest (by date) of the highlighted row's council,
        not from the row itself (an older meeting's next meeting is often taken)."""
        if not self.refused("new"):
            self.app.open_new(latest_of_council(self.entries, self.current_id()))

    def action_activity(self) -> None:
        self.app.open_activity()

    def on_resize(self) -> None:
        if self.entries:
            self.set_columns()
            self.refill()

    def on_screen_resume(self) -> None:
        if self.entries:
            self.load()
