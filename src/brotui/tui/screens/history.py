"""Every version of one protocol: open one, or compare two."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.coordinate import Coordinate
from textual.message import Message
from textual.widgets import DataTable, Static

from brotui.core import attachments
from brotui.core.archive import Archive
from brotui.core.errors import BrotuiError
from brotui.core.git import GitError
from brotui.core.identity import Identity
from brotui.core.justering.history import replay
from brotui.core.ops import RestorePlan, preview_restore, restore
from brotui.core.values import Commit, SaveResult
from brotui.i18n import t
from brotui.tui import access_keys
from brotui.tui.base import Base
from brotui.tui.text import attachment_changes, cell, safe, when
from brotui.tui.widgets.footer import KeysFooter

MARK = "●"
FIRST_PAGE = 40  # commits read and shown first, before the rest (more than a screen holds)


class HistoryScreen(Base[None]):
    """The commits that changed a protocol, newest first."""

    BINDINGS = [
        Binding("enter", "open", "key_open", priority=True),
        Binding("d", "diff_previous", "key_diff_previous"),
        Binding("c", "diff_current", "key_diff_current"),
        Binding("space", "toggle_mark", "key_mark"),
        Binding("m", "diff_marked", "key_diff_marked"),
        Binding("r", "restore", "key_restore"),
        Binding("escape", "back", "key_back", show=False),  # the footer is full at 80 columns
        Binding("backspace", "back", "key_back", show=False),
    ]

    @dataclass
    class Loaded(Message):
        commits: list[Commit]
        present: list[bool]
        signatures: set[str]  # the commits that sign (justering)
        corrections: set[str]  # the commits that correct approved minutes
        first_page: bool = False  # only the newest commits: the rest is being read

    @dataclass
    class AttachmentsChanged(Message):
        """What the commit `oid` did to the attachments, as sentences."""

        oid: str
        lines: list[str]

    @dataclass
    class RestoreReady(Message):
        plan: RestorePlan
        commit: Commit
        identity: Identity

    @dataclass
    class Restored(Message):
        result: SaveResult
        commit: Commit

    def __init__(self, protocol_id: str, select: str | None = None) -> None:
        """The history of `protocol_id`, the cursor on the commit `select` if it is there."""
        super().__init__()
        self.protocol_id = protocol_id
        self.select = select
        self.commits: list[Commit] = []
        self.gone: set[str] = set()  # commits in which the protocol's file is not there
        self.marked: set[str] = set()
        self.attachment_lines: list[str] = []  # the highlighted commit's, below the table
        self.signatures: set[str] = set()
        self.corrections: set[str] = set()
        self.loaded = False

    def compose(self) -> ComposeResult:
        yield self.compose_title()
        yield Static(safe(self.protocol_id, "bold"), id="status-line")
        yield DataTable(id="history", cursor_type="row", zebra_stripes=True)
        yield Static(safe(t("tui_history_loading")), id="history-note")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.release_display = self.app.hold_display()
        self.query_one(DataTable).focus()
        self.load()

    def on_screen_resume(self) -> None:
        if self.loaded:
            self.load()  # someone may have saved a new version meanwhile

    def load(self) -> None:
        first_time = not self.loaded

        def read(archive: Archive) -> HistoryScreen.Loaded:
            if first_time:  # the newest commits shown at once, while the rest is read
                page = archive.history(self.protocol_id, limit=FIRST_PAGE)
                self.post_message(self.Loaded(page, archive.present(page), set(), set(),
                                              first_page=True))
            # with the commits that changed only an attachment
            commits = attachments.history(archive, self.protocol_id)
            signatures: set[str] = set()
            corrections: set[str] = set()
            try:
                done = replay(archive, self.protocol_id)
                signatures = {s.commit.oid for s in done.signatures}
                corrections = {c.commit.oid for c in done.corrections}
            except (BrotuiError, GitError):
                pass  # marks are a help: the history shows without them
            return self.Loaded(commits, archive.present(commits), signatures, corrections)

        self.run_archive_work(read, doing=f"reading the history of {self.protocol_id}")

    def work_failed(self, failure: Base.WorkFailed) -> None:
        self.note(t("tui_error", message=failure.sentence))
        super().work_failed(failure)
        self.release_display()

    @on(Loaded)
    def _loaded(self, message: Loaded) -> None:
        self.release_display()
        if message.first_page:
            if not self.loaded:  # (the whole history may have come first: then it stays)
                self.commits = message.commits
                self.gone = {c.oid for c, here in zip(message.commits, message.present,
                                                      strict=True) if not here}
                self.refill(next((c for c in self.commits if c.oid == self.select), None))
            return
        if self.loaded and message.commits == self.commits \
                and message.signatures == self.signatures:
            return  # back from a version or a diff, and nothing new: nothing to redraw
        current = self.current()
        self.commits, self.loaded = message.commits, True
        self.signatures, self.corrections = message.signatures, message.corrections
        self.gone = {c.oid for c, here in zip(message.commits, message.present, strict=True)
                     if not here}
        self.marked &= {c.oid for c in self.commits}
        if self.select is not None:
            current = next((c for c in self.commits if c.oid == self.select), current)
            self.select = None
        self.refill(current)
        self.show_count()

    # ------------------------------------------------------------ the table

    def subject(self, commit: Commit) -> str:
        """The commit's summary line without the protocol id it starts with."""
        return commit.subject.removeprefix(f"{commit.protocol or self.protocol_id}: ")

    def row(self, commit: Commit) -> list[Text]:
        subject = cell(self.subject(commit))
        if commit.oid in self.corrections:
            subject = cell(t("tui_mark_correction") + " ", "bold yellow") + subject
        elif commit.oid in self.signatures:
            subject = cell(t("tui_mark_signature") + " ", "bold green") + subject
        return [cell(MARK if commit.oid in self.marked else "", "bold"), cell(when(commit)),
                cell(commit.author), subject, cell(commit.short)]

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
        text = t("tui_history_marked", count=count, marked=len(self.marked)) if self.marked \
            else t("tui_history_count", count=count) if count else t("no_history")
        self.note("\n".join([text, *self.attachment_lines]))

    @on(DataTable.RowHighlighted)
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        """Below the table: what the highlighted commit did to the attachments."""
        row = event.cursor_row
        if not 0 <= row < len(self.commits):
            return
        commit = self.commits[row]
        older = self.commits[row + 1] if row + 1 < len(self.commits) else None
        protocol_id = commit.protocol or self.protocol_id
        if commit.oid in self.gone:
            self.attachment_lines = []
            self.show_count()
            return

        def read(archive: Archive) -> HistoryScreen.AttachmentsChanged:
            found = attachments.changes(
                archive, protocol_id, older.oid if older else None, commit.oid,
                old_id=(older.protocol or self.protocol_id) if older else None)
            return self.AttachmentsChanged(commit.oid, attachment_changes(found))

        self.run_archive_work(read, doing=f"reading what {commit.short} did to attachments",
                              group="attachment-changes")

    @on(AttachmentsChanged)
    def _attachments_changed(self, message: AttachmentsChanged) -> None:
        current = self.current()
        if current is not None and current.oid == message.oid:
            self.attachment_lines = message.lines
            self.show_count()

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
            if commit.oid in self.gone:
                self.notify(t("tui_gone_row"), markup=False)
                return
            self.app.open_protocol(commit.protocol or self.protocol_id, rev=commit.oid)

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
        """Compare two versions (rev_b None: the current one) under the id the protocol
        had in them; a version where it was deleted, or two ids (a move between the two),
        cannot be shown by the diff screen, and the user is told so."""
        by_oid = {c.oid: c for c in self.commits}
        if rev_a in self.gone or rev_b in self.gone:
            self.notify(t("tui_gone_row"), markup=False)
            return
        ids = {by_oid[rev].protocol if rev in by_oid else self.protocol_id
               for rev in (rev_a, rev_b) if rev is not None}
        if rev_b is None:
            ids.add(self.protocol_id)
        if len(ids) > 1:
            self.notify(t("tui_diff_moved", ids=", ".join(sorted(ids))), markup=False)
            return
        self.app.open_diff(ids.pop(), rev_a, rev_b)

    def action_back(self) -> None:
        self.app.pop_screen()

    # ------------------------------------------------------------ restore

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return not access_keys.hidden(self.app, action, self.protocol_id)  # a reader: no r

    def action_restore(self) -> None:
        """r: the protocol as in the highlighted version, as a new commit, after showing
        what will change and asking."""
        commit = self.current()
        if commit is None or self.refused("restore", self.protocol_id):
            return
        if commit.oid in self.gone:
            self.notify(t("tui_gone_row"), markup=False)
            return
        identity = self.identity_or_say()
        if identity is None:
            return
        self.prepare_restore(commit, identity)

    def prepare_restore(self, commit: Commit, identity: Identity) -> None:
        def prepare(archive: Archive) -> HistoryScreen.RestoreReady:
            plan = preview_restore(archive, self.protocol_id, commit.oid)
            return self.RestoreReady(plan, commit, identity)

        self.run_archive_work(prepare, doing=f"reading {commit.oid} to restore",
                              group="restore")

    @on(RestoreReady)
    def _restore_ready(self, message: RestoreReady) -> None:
        plan, commit = message.plan, message.commit
        if not plan.changed:
            self.notify(t("tui_restore_same", id=plan.id), markup=False)
            return
        text = t("tui_restore_question", id=plan.id, commit=commit.short, author=commit.author,
                 when=when(commit))
        if plan.current is None:
            text += "\n" + t("tui_restore_comes_back")
        if plan.moves_back:
            text += "\n" + t("restore_moves_back", current=plan.id, id=plan.source_id,
                             rev=commit.short)
        def answered(yes: bool | None) -> None:
            if yes:
                self.note(t("tui_working"))
                self.do_restore(plan, commit, message.identity)

        def go_ahead() -> None:  # the restore's key on its preview: the question is on top
            self.app.pop_screen()
            answered(True)

        show = partial(self.show_restore_change, plan, go_ahead)

        self.app.confirm(t("tui_restore_title", id=plan.id), text, t("key_restore"), "r",
                         answered, show=show)
        show()  # first what will change; Escape there comes back to the question

    def show_restore_change(self, plan: RestorePlan, go_ahead: Callable[[], None]) -> None:
        """The change a restore makes: a diff from now to then (its restore key goes
        ahead), or the minutes as they come back when there is nothing now to compare
        with (deleted, or moved since)."""
        if plan.current is not None and not plan.moves_back and plan.base is not None:
            # The newest change has what the tip has, and names who made it and when.
            latest = self.commits[0].oid if self.commits else plan.base
            now = latest if latest not in self.gone else plan.base
            self.app.open_diff(plan.id, now, plan.commit, restore=go_ahead)
        else:
            self.app.open_protocol(plan.source_id, rev=plan.commit)

    def do_restore(self, plan: RestorePlan, commit: Commit, identity: Identity) -> None:
        def do(archive: Archive) -> HistoryScreen.Restored:
            result = restore(archive, plan.id, plan.commit, identity, base=plan.base)
            return self.Restored(result, commit)

        self.run_archive_work(do, doing=f"restoring {plan.id}", group="restore")

    @on(Restored)
    def _restored(self, message: Restored) -> None:
        result = message.result
        if result.changed:
            self.notify(t("tui_restored", id=result.id, commit=message.commit.short,
                          new=(result.commit or "")[:10]), markup=False)
        else:
            self.notify(t("tui_restore_same", id=result.id), markup=False)
        if result.id != self.protocol_id:  # moved back to the id it had then
            self.protocol_id = result.id
            self.query_one("#status-line", Static).update(safe(self.protocol_id, "bold"))
        self.load()
