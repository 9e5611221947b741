"""Leaving the editor with changes not saved: save, discard or stay."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Static

from brotui.i18n import t
from brotui.tui.base import Modal
from brotui.tui.text import safe
from brotui.tui.widgets.footer import KeysFooter


class LeaveScreen(Modal[str]):
    """Unsaved changes: save, discard or stay."""

    BINDINGS = [
        Binding("s", "choose('save')", "key_save"),
        Binding("d", "choose('discard')", "key_discard"),
        Binding("escape", "choose('cancel')", "key_cancel"),
        Binding("ctrl+w", "choose('cancel')", "key_cancel", show=False),  # Escape's twin
    ]

    def __init__(self, protocol_id: str) -> None:
        super().__init__()
        self.protocol_id = protocol_id

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(safe(t("tui_leave_title", id=self.protocol_id), "bold"))
            yield Static(safe(t("tui_leave_question")))
            with Horizontal(classes="dialog-buttons"):
                yield Button(safe(f"{t('key_save')} (s)"), id="save", variant="primary")
                yield Button(safe(f"{t('key_discard')} (d)"), id="discard", variant="error")
                yield Button(safe(f"{t('key_cancel')} (Esc)"), id="cancel")
        yield KeysFooter()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id or "cancel")

    def action_choose(self, answer: str) -> None:
        self.dismiss(answer)
