"""ctrl+n: start new minutes, blank or from an earlier meeting's, and open them in the editor.

Nothing is written here: the new protocol exists once it is saved in the editor."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.validation import Function
from textual.widgets import Button, Checkbox, Input, Static

from brotui.core import codec, ops
from brotui.core.archive import Archive
from brotui.core.errors import InvalidProtocol, NeedsDate
from brotui.core.model import slug_problem
from brotui.i18n import t
from brotui.tui.base import Base, Modal
from brotui.tui.text import safe
from brotui.tui.widgets.fields import is_date
from brotui.tui.widgets.footer import KeysFooter


class NewProtocolScreen(Modal[None]):
    """Council and date of the new minutes, and whether to start from `from_id` (the
    list offers its council's latest minutes); a second meeting on a day that has
    minutes is said, and made on a second Create."""

    BINDINGS = [
        Binding("escape", "cancel", "key_cancel"),
        Binding("ctrl+w", "cancel", "key_cancel", show=False, priority=True),  # Escape's twin
        Binding("ctrl+s", "create", "key_create", show=False),
    ]

    @dataclass
    class Ready(Message):
        protocol_id: str
        data: bytes
        taken: str | None  # the day's first minutes, when these would be a second meeting

    @dataclass
    class Failed(Message):
        message: str

    def __init__(self, from_id: str | None) -> None:
        super().__init__()
        self.from_id = from_id
        self.working = False
        self.second_said: str | None = None  # the `-2` id the person was told of

    def compose(self) -> ComposeResult:
        slug = self.from_id.split("/")[0] if self.from_id else ""
        with Vertical(classes="dialog"):
            yield Static(safe(t("new_title"), "bold"))
            yield Static(safe(t("new_slug")), classes="dialog-label")
            yield Input(slug, id="new-slug", compact=True, select_on_focus=False)
            yield Static(safe(t("new_date")), classes="dialog-label")
            yield Input(id="new-date", placeholder=t("form_date_hint"), compact=True,
                        validators=[Function(is_date)], valid_empty=True)
            if self.from_id:
                yield Checkbox(safe(t("new_from", id=self.from_id)), value=True, id="new-from",
                               compact=True)
            yield Static(id="new-error", classes="form-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button(safe(t("key_create")), id="create", variant="primary")
                yield Button(safe(t("key_cancel")), id="cancel")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.query_one("#new-date" if self.from_id else "#new-slug", Input).focus()

    def show_error(self, message: str) -> None:
        error = self.query_one("#new-error", Static)
        error.update(safe(message))
        error.display = bool(message)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        if not self.working:
            self.dismiss(None)

    @on(Button.Pressed, "#create")
    @on(Input.Submitted)
    def action_create(self) -> None:
        if self.working:
            return
        slug = self.query_one("#new-slug", Input).value.strip()
        date_text = self.query_one("#new-date", Input).value.strip()
        use_from = bool(self.from_id) and self.query_one("#new-from", Checkbox).value
        if (problem := slug_problem(slug)) is not None:
            self.show_error(problem)
            self.query_one("#new-slug", Input).focus()
            return
        if date_text and not is_date(date_text):
            self.show_error(t("bad_date", raw=date_text))
            self.query_one("#new-date", Input).focus()
            return
        date = dt.date.fromisoformat(date_text) if date_text else None
        if date is None and not use_from:
            self.show_error(t("new_need_date"))
            self.query_one("#new-date", Input).focus()
            return
        self.working = True
        self.show_error(t("new_working"))
        self.prepare(slug, date, self.from_id if use_from else None)

    def prepare(self, slug: str, date: dt.date | None, from_id: str | None) -> None:
        """Build the protocol and find its id (in a thread: it reads the archive)."""

        def start(archive: Archive) -> NewProtocolScreen.Ready | NewProtocolScreen.Failed:
            try:
                started = ops.start(archive, slug, date, from_id)
            except InvalidProtocol as exc:
                if from_id is None:
                    raise
                first = exc.problems[0].message if exc.problems else exc.message
                return self.Failed(t("new_from_broken", id=from_id, first=first))
            except NeedsDate as exc:
                return self.Failed(t("new_no_next", id=exc.id))
            assert started.protocol.date is not None
            first = f"{started.id.split('/')[0]}/{started.protocol.date.isoformat()}"
            return self.Ready(started.id, codec.dump(started.protocol).encode("utf-8"),
                              first if started.id != first else None)

        self.run_archive_work(start, doing="preparing new minutes")

    def work_failed(self, failure: Base.WorkFailed) -> None:
        self.working = False
        self.show_error(failure.sentence)

    @on(Failed)
    def _failed(self, message: Failed) -> None:
        self.working = False
        self.show_error(message.message)

    @on(Ready)
    def _ready(self, message: Ready) -> None:
        if message.taken is not None and self.second_said != message.protocol_id:
            # A second meeting on a day that has minutes: said before anything is made.
            self.working = False
            self.second_said = message.protocol_id
            self.show_error(t("new_second_meeting", date=message.taken.split("/")[-1],
                              taken=message.taken, id=message.protocol_id))
            return
        self.app.open_editor(message.protocol_id, message.data, None, new=True, instead=True)

