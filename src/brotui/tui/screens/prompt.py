"""One line asked for before something is committed: a correction's reason, the number of
an item to sign at once. Enter answers (never with nothing typed), Escape cancels."""

from __future__ import annotations

from collections.abc import Callable

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Static

from brotui.i18n import t
from brotui.tui.base import Modal
from brotui.tui.text import safe
from brotui.tui.widgets.footer import KeysFooter


class PromptScreen(Modal[str | None]):
    """`title`, `text` (user text, shown as data) and a line to type in under `label`;
    dismissed with what was typed (spaces trimmed) or None. `check(answer)` is a
    sentence saying what is wrong with it, None when it may go."""

    BINDINGS = [Binding("escape", "cancel", "key_cancel")]

    def __init__(self, title: str, text: str, label: str, answer: str,
                 check: Callable[[str], str | None] | None = None) -> None:
        super().__init__()
        self.title_text, self.text, self.label, self.answer = title, text, label, answer
        self.check = check

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(safe(self.title_text, "bold"))
            if self.text:
                yield Static(safe(self.text), classes="dialog-text")
            yield Static(safe(self.label), classes="dialog-label")
            yield Input(id="prompt-line", compact=True)
            yield Static(id="prompt-error", classes="form-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button(safe(f"{self.answer} (Enter)"), id="answer", variant="primary")
                yield Button(safe(f"{t('key_cancel')} (Esc)"), id="cancel")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    def _error(self, message: str) -> None:
        error = self.query_one("#prompt-error", Static)
        error.update(safe(message))
        error.set_class(bool(message), "shown")

    @on(Input.Submitted)
    def _submitted(self) -> None:
        self.submit()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "answer":
            self.submit()
        else:
            self.dismiss(None)

    def submit(self) -> None:
        answer = " ".join(self.query_one(Input).value.split())
        wrong = t("tui_prompt_empty") if not answer else (
            self.check(answer) if self.check is not None else None)
        if wrong:
            self._error(wrong)
            return
        self.dismiss(answer)

    def action_cancel(self) -> None:
        self.dismiss(None)
