"""`?`: what brotui is and the keys that work on the screen below."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from brotui.i18n import t
from brotui.tui.base import Modal
from brotui.tui.keys import own_bindings
from brotui.tui.text import safe
from brotui.tui.widgets.footer import KeysFooter


class HelpScreen(Modal[None]):
    BINDINGS = [
        Binding("escape", "dismiss", "key_back"),
        Binding("q", "dismiss", "key_back", show=False),
        Binding("question_mark", "dismiss", "key_back", show=False),
        Binding("f1", "dismiss", "key_back", show=False),  # (not the dialogs' F1 Help)
    ]

    def __init__(self, under: Screen[object]) -> None:
        super().__init__()
        self.under = under

    def compose(self) -> ComposeResult:
        text = safe(t("tui_help_title") + "\n\n", "bold")
        text.append_text(safe(t("tui_help_intro") + "\n\n"))
        for _node, binding, enabled in own_bindings(self.under):
            key = binding.key_display or self.app.get_key_display(binding)
            text.append_text(safe(f"  {key:<12}", "bold"))
            text.append_text(safe(binding.description + "\n", "" if enabled else "dim"))
        text.append_text(safe("\n" + t("tui_help_general") + "\n"))
        with VerticalScroll(id="help-body"):
            yield Static(text)
        yield KeysFooter()
