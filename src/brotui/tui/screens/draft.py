"""A draft left from an edit that was not saved (a dropped connection): continue or discard.

Shown when the editor opens a protocol for which this person has a draft that
differs from what is saved now. The difference is shown field by field (as
the diff screen does), so the person sees what they would get back.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Static

from brotui.core.drafts import Draft
from brotui.core.text import local_time
from brotui.i18n import t
from brotui.tui.base import Modal
from brotui.tui.text import safe
from brotui.tui.widgets.diff_lines import Palette, Wrapped, field_lines, unified_lines
from brotui.tui.widgets.footer import KeysFooter


class DraftScreen(Modal[str]):
    """Dismisses with "restore", "discard" or "later" (leave the draft, close the editor)."""

    BINDINGS = [
        Binding("r", "choose('restore')", "draft_restore"),
        Binding("d", "choose('discard')", "draft_discard"),
        Binding("escape", "choose('later')", "key_back"),
        Binding("ctrl+w", "choose('later')", "key_back", show=False),
    ]

    def __init__(self, draft: Draft, saved: str) -> None:
        super().__init__()
        self.draft = draft
        self.saved = saved

    def compose(self) -> ComposeResult:
        palette = Palette.from_theme(self.app.theme_variables)
        lines = field_lines(self.saved, self.draft.text, palette)
        if lines is None:
            lines = unified_lines(self.saved, self.draft.text, palette)
        self.lines = lines
        when = local_time(int(self.draft.time))
        with Vertical(classes="dialog draft-dialog"):
            yield Static(safe(t("draft_found_title", id=self.draft.id), "bold"))
            yield Static(safe(t("draft_found_text", id=self.draft.id, when=when)))
            with VerticalScroll(classes="draft-diff"):
                yield Static(Wrapped(lines) if lines else safe(t("draft_same")))
            with Horizontal(classes="dialog-buttons"):
                yield Button(safe(f"{t('draft_restore')} (r)"), id="restore", variant="primary")
                yield Button(safe(f"{t('draft_discard')} (d)"), id="discard", variant="error")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.query_one("#restore", Button).focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id or "later")

    def action_choose(self, answer: str) -> None:
        self.dismiss(answer)
