"""A question before something is committed: yes with the action's own key, no with Escape."""

from __future__ import annotations

from collections.abc import Callable

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Static

from brotui.i18n import t
from brotui.tui.base import Modal
from brotui.tui.text import safe
from brotui.tui.widgets.footer import KeysFooter


class ConfirmScreen(Modal[bool]):
    """`title` and `text` (user text, shown as data); `key` confirms (the same key that
    asked, so pressing it twice does it), Escape cancels, and `v` shows what will change
    when `show` is given. Cancel has the focus: Enter alone never confirms."""

    BINDINGS = [
        Binding("escape", "answer(False)", "key_cancel"),
        Binding("v", "show", "key_show_change"),
    ]

    def __init__(self, title: str, text: str, label: str, key: str,
                 show: Callable[[], None] | None = None) -> None:
        super().__init__()
        self.title_text, self.text, self.label, self.key = title, text, label, key
        self.show = show
        self._bindings.bind(key, "answer(True)", label)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(safe(self.title_text, "bold"))
            yield Static(safe(self.text), classes="dialog-text")
            with Horizontal(classes="dialog-buttons"):
                yield Button(safe(f"{self.label} ({self.key})"), id="confirm", variant="error")
                if self.show is not None:
                    yield Button(safe(f"{t('key_show_change')} (v)"), id="show")
                yield Button(safe(f"{t('key_cancel')} (Esc)"), id="cancel")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.query_one("#cancel", Button).focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return self.show is not None if action == "show" else True

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "show":
            self.action_show()
        else:
            self.dismiss(event.button.id == "confirm")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)

    def action_show(self) -> None:
        if self.show is not None:
            self.show()
