"""a in the view: a protocol's attachments, and the text of the one chosen (a PDF's text
layer, a Word or OpenDocument text's paragraphs, a text file), read in the terminal.

The text is data: shown in a read-only text area (never markup), every control and
invisible character written out (brotui.core.text.visible)."""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.widgets import OptionList, Static, TextArea
from textual.widgets.option_list import Option

from brotui.core import attachments
from brotui.core.archive import Archive
from brotui.core.text import visible
from brotui.i18n import t
from brotui.tui.base import Base
from brotui.tui.text import safe
from brotui.tui.widgets.footer import KeysFooter
from brotui.tui.widgets.text_area import QuietTextArea


class AttachmentScreen(Base[None]):
    """The attachments of `protocol_id` at `rev` (the tip when None); Enter reads one."""

    BINDINGS = [
        Binding("enter", "read", "key_read", show=False),
        Binding("escape", "back", "key_back"),
    ]

    @dataclass
    class Read(Message):
        name: str
        text: str

    def __init__(self, protocol_id: str, rev: str | None,
                 names: list[tuple[str, bool]]) -> None:
        """`names`: each attachment's name and whether its kind has a text to read."""
        super().__init__()
        self.protocol_id, self.rev, self.names = protocol_id, rev, names

    def compose(self) -> ComposeResult:
        yield self.compose_title()
        yield Static(safe(t("tui_attachment_pick")), id="attachment-heading")
        yield OptionList(*[Option(safe(name, "" if readable else "dim"), id=str(n))
                           for n, (name, readable) in enumerate(self.names)],
                         id="attachment-list")
        yield QuietTextArea("", read_only=True, soft_wrap=True, id="attachment-text")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.query_one("#attachment-text").display = False
        self.query_one(OptionList).focus()
        if len(self.names) == 1:
            self.read(self.names[0][0])

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.read(self.names[int(event.option.id or 0)][0])

    def action_read(self) -> None:
        highlighted = self.query_one(OptionList).highlighted
        if highlighted is not None:
            self.read(self.names[highlighted][0])

    def read(self, name: str) -> None:
        protocol_id, rev = self.protocol_id, self.rev
        heading = self.query_one("#attachment-heading", Static)
        heading.update(safe(t("tui_attachment_reading", name=visible(name))))

        def work(archive: Archive) -> AttachmentScreen.Read:
            return self.Read(name, attachments.text(archive, protocol_id, name, rev))

        self.run_archive_work(work, doing=f"reading the attachment {name}", group="read")

    @on(Read)
    def _read(self, message: Read) -> None:
        self.query_one("#attachment-heading", Static).update(safe(
            t("tui_attachment_title", name=visible(message.name), id=self.protocol_id),
            "bold"))
        area = self.query_one("#attachment-text", TextArea)
        area.load_text(visible(message.text))
        area.display = True
        area.focus()

    def work_failed(self, failure: Base.WorkFailed) -> None:
        self.query_one("#attachment-heading", Static).update(safe(t("tui_attachment_pick")))
        super().work_failed(failure)

    def action_back(self) -> None:
        area = self.query_one("#attachment-text")
        if area.display and len(self.names) > 1:  # back to the list first
            area.display = False
            self.query_one("#attachment-heading", Static).update(
                safe(t("tui_attachment_pick")))
            self.query_one(OptionList).focus()
            return
        self.app.pop_screen()
