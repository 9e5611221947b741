"""Two people changed the same fields: per field, the start, theirs and mine side by side.

The person picks one of the three for each field (or edits a text field by hand),
then ctrl+s saves the result, as a new commit on top of theirs. Escape goes back
to the editor with nothing lost: the editor still holds what was typed.
"""

from __future__ import annotations

from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Static, TextArea

from brotui.core.merge import FieldConflict, Merged, resolve, shown
from brotui.core.model import Protocol
from brotui.i18n import t
from brotui.tui.base import Base
from brotui.tui.text import safe
from brotui.tui.widgets.footer import KeysFooter

SIDES = ("base", "theirs", "mine")


class ConflictRow(Vertical):
    """One conflicting field: its three versions, the buttons to pick one, and the result."""

    def __init__(self, n: int, conflict: FieldConflict, theirs_author: str) -> None:
        super().__init__(classes="conflict-row")
        self.n = n
        self.conflict = conflict
        self.theirs_author = theirs_author
        self.choice: Any = conflict.mine

    def compose(self) -> ComposeResult:
        c = self.conflict
        yield Static(safe(c.label, "bold"), classes="conflict-label")
        with Horizontal(classes="conflict-sides"):
            for side, title in (("base", t("conflict_base")),
                                ("theirs", t("conflict_theirs", author=self.theirs_author)),
                                ("mine", t("conflict_mine"))):
                with Vertical(classes=f"conflict-side {side}"):
                    yield Static(safe(title, "italic"))
                    yield Static(safe(shown(getattr(c, side))))
                    yield Button(safe(t(f"conflict_use_{side}")), id=f"use-{side}-{self.n}",
                                 classes="conflict-use")
        if c.is_text:
            yield TextArea(c.mine or "", id=f"result-{self.n}", classes="conflict-result",
                           soft_wrap=True)
        else:
            yield Static(id=f"chosen-{self.n}", classes="conflict-chosen")

    def on_mount(self) -> None:
        self.show_choice("mine")

    def show_choice(self, side: str) -> None:
        self.choice = getattr(self.conflict, side)
        if self.conflict.is_text:
            self.query_one(TextArea).load_text(self.choice or "")
        else:
            text = t("conflict_chosen", side=t(f"conflict_side_{side}"))
            self.query_one(".conflict-chosen", Static).update(safe(text))
        for name in SIDES:
            self.query_one(f"#use-{name}-{self.n}", Button).variant = (
                "primary" if name == side else "default")

    @on(Button.Pressed, ".conflict-use")
    def _use(self, event: Button.Pressed) -> None:
        event.stop()
        self.show_choice((event.button.id or "").split("-")[1])

    def value(self) -> Any:
        if self.conflict.is_text:
            text = self.query_one(TextArea).text
            return text if text.strip() else None
        return self.choice


class ConflictScreen(Base[Protocol | None]):
    """Resolve conflicts field by field; dismisses with the resolved protocol (None: back)."""

    BINDINGS = [
        Binding("ctrl+s", "save", "key_save", priority=True),
        Binding("escape", "back", "key_back", priority=True),
        Binding("ctrl+w", "back", "key_back", show=False, priority=True),
    ]

    def __init__(self, protocol_id: str, merged: Merged, theirs_author: str) -> None:
        super().__init__()
        self.protocol_id = protocol_id
        self.merged = merged
        self.theirs_author = theirs_author

    def compose(self) -> ComposeResult:
        yield self.compose_title()
        yield Static(safe(t("conflict_title", id=self.protocol_id,
                            count=len(self.merged.conflicts), author=self.theirs_author),
                          "bold"), id="status-line")
        with VerticalScroll(classes="scroll-body", id="conflicts"):
            yield Static(safe(t("conflict_help")), classes="conflict-help")
            for n, conflict in enumerate(self.merged.conflicts):
                yield ConflictRow(n, conflict, self.theirs_author)
        yield KeysFooter()

    def on_mount(self) -> None:
        self.query(Button).first().focus()

    def action_save(self) -> None:
        choices = {row.n: row.value() for row in self.query(ConflictRow)}
        self.dismiss(resolve(self.merged, choices))

    def action_back(self) -> None:
        self.dismiss(None)
