"""The editor's keys: what each one does where the focus is (the form's rows, its
sections, Tab past the fields rarely typed, the next problem), and which apply. The
save, the drafts and leaving are the editor screen's (screens/editor.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.binding import Binding

from brotui.tui.building import once_built
from brotui.tui.widgets.edit_panes import EditPanes, select_open
from brotui.tui.widgets.form_keys import FORM_BINDINGS, step_focus

if TYPE_CHECKING:
    from contextlib import AbstractAsyncContextManager

    from textual.widget import Widget

    from brotui.tui.widgets.protocol_form import ProtocolForm

EDITOR_BINDINGS: list[Binding | tuple[str, str] | tuple[str, str, str]] = [
    Binding("ctrl+s", "save", "key_save", priority=True),
    Binding("ctrl+t", "toggle_mode", "key_mode", priority=True),
    # Tab moves the focus before any key after it is handled, even when keys arrive
    # in one burst (a quick typist, an SSH link): otherwise the text lands in the field
    # the Tab left.
    Binding("tab", "focus_step(1)", show=False, priority=True),
    Binding("shift+tab", "focus_step(-1)", show=False, priority=True),
    Binding("escape", "leave", "key_close", priority=True),
    Binding("ctrl+w", "close", "key_close", show=False, priority=True),
    Binding("ctrl+a", "add_row", "key_add", priority=True),
    Binding("ctrl+d", "remove_row", "key_remove", priority=True),
    Binding("alt+up", "move_row(-1)", "key_move_up", show=False),
    Binding("alt+down", "move_row(1)", "key_move_down", show=False),
    Binding("f8", "next_problem", "key_next_problem"),
    *FORM_BINDINGS,
]


class EditorKeys:
    """Mixin of the editor screen (before its Screen base): its keys' actions."""

    if TYPE_CHECKING:
        panes: EditPanes
        _shown_keys: tuple[object, ...]
        focused: Widget | None
        active_bindings: Any

        @property
        def raw(self) -> bool: ...

        @property
        def form(self) -> ProtocolForm | None: ...

        def rebuilding(self) -> AbstractAsyncContextManager[None]: ...

    @once_built
    def action_next_problem(self) -> None:
        """Move to the next problem: its line in YAML, its field in the form."""
        self.panes.next_problem()

    @once_built
    async def action_add_row(self) -> None:
        async with self.rebuilding():
            await self.panes.add_row()

    @once_built
    async def action_remove_row(self) -> None:
        async with self.rebuilding():
            await self.panes.remove_row()

    @once_built
    def action_move_row(self, delta: int) -> None:
        self.panes.move_row(delta)

    def action_focus_step(self, delta: int) -> None:
        """Tab, Shift+Tab: past the fields rarely typed (widgets/form_keys.py)."""
        step_focus(self, delta)  # type: ignore[arg-type]

    @once_built
    def action_form(self, name: str, *args: object) -> None:
        """A key of the form's own (F2 to the attendees...: widgets/form_keys.py)."""
        if self.form is not None and not self.raw:
            getattr(self.form, f"action_{name}")(*args)

    def refresh_bindings(self) -> None:
        """Tell the footer only when the keys it shows change: redrawing it lays out the
        whole form, and the focus moves at every Tab."""
        shown = tuple((key, b.action, enabled) for key, (_, b, enabled, _) in
                      self.active_bindings.items() if b.show)
        if shown != self._shown_keys:
            self._shown_keys = shown
            super().refresh_bindings()  # type: ignore[misc]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "leave":
            return not select_open(self.focused)
        if action == "next_problem":
            return self.panes.has_problems()
        if action == "form":
            return not self.raw and self.form is not None and not select_open(self.focused)
        if action in ("add_row", "remove_row", "move_row"):
            return self.panes.can_change_rows(action, self.focused)
        return True

