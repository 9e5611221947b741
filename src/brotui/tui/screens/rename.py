"""Change a protocol's date (its id follows) as one commit: the date was written wrong."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.validation import Function
from textual.widgets import Button, Input, Static

from brotui.core import listing
from brotui.core.archive import Archive
from brotui.core.identity import Identity
from brotui.core.model import parse_id
from brotui.core.ops import move
from brotui.core.values import SaveResult
from brotui.i18n import t
from brotui.tui.base import Base, Modal
from brotui.tui.text import safe
from brotui.tui.widgets.fields import is_date
from brotui.tui.widgets.footer import KeysFooter


class RenameScreen(Modal[SaveResult | None]):
    """The right date for `protocol_id`; Enter moves it (dismissed with the result)."""

    BINDINGS = [
        Binding("escape", "cancel", "key_cancel"),
        Binding("ctrl+s", "rename", "key_rename", show=False),
    ]

    @dataclass
    class Done(Message):
        result: SaveResult

    def __init__(self, protocol_id: str, base: str | None) -> None:
        super().__init__()
        self.protocol_id = protocol_id
        self.base = base
        parsed = parse_id(protocol_id)
        assert parsed is not None
        self.slug, self.date = parsed
        self.working = False

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(safe(t("tui_rename_title", id=self.protocol_id), "bold"))
            yield Static(safe(t("tui_rename_date")), classes="dialog-label")
            yield Input(self.date.isoformat(), id="rename-date", compact=True,
                        placeholder=t("form_date_hint"), validators=[Function(is_date)])
            yield Static(id="rename-id", classes="dialog-label")
            yield Static(id="rename-error", classes="form-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button(safe(f"{t('key_rename')} (Enter)"), id="rename", variant="primary")
                yield Button(safe(f"{t('key_cancel')} (Esc)"), id="cancel")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.query_one(Input).focus()
        self._changed()

    def new_date(self) -> dt.date | None:
        text = self.query_one(Input).value.strip()
        return dt.date.fromisoformat(text) if text and is_date(text) else None

    @on(Input.Changed)
    def _changed(self) -> None:
        date = self.new_date()
        label = t("tui_rename_new_id", id=f"{self.slug}/{date.isoformat()}") if date else ""
        self.query_one("#rename-id", Static).update(safe(label))

    def show_error(self, message: str) -> None:
        error = self.query_one("#rename-error", Static)
        error.update(safe(message))
        error.set_class(bool(message), "shown")

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        if not self.working:
            self.dismiss(None)

    @on(Button.Pressed, "#rename")
    @on(Input.Submitted)
    def action_rename(self) -> None:
        if self.working:
            return
        text = self.query_one(Input).value.strip()
        date = self.new_date()
        if date is None:
            self.show_error(t("bad_date", raw=text))
            return
        if date == self.date:
            self.show_error(t("tui_rename_same"))
            return
        identity = self.identity_or_say()
        if identity is None:
            return
        self.working = True
        self.show_error(t("tui_working"))
        self.rename(date, identity)

    def rename(self, date: dt.date, identity: Identity) -> None:
        """Move the protocol to the first free id on that date (in a thread: it commits)."""

        def move_to(archive: Archive) -> RenameScreen.Done:
            new_id = listing.free_id(archive, self.slug, date)
            return self.Done(move(archive, self.protocol_id, new_id, identity, base=self.base))

        self.run_archive_work(move_to, doing=f"a new date for {self.protocol_id}")

    def work_failed(self, failure: Base.WorkFailed) -> None:
        self.working = False
        self.show_error(failure.sentence)

    @on(Done)
    def _done(self, message: Done) -> None:
        self.dismiss(message.result)
