"""Moving around the protocol form by keys: a key to each section (F2 attendees, F3
items, F4 next meetings), PageDown/PageUp taking the focus along with the view, F5 to
step an attendee's presence, F6 to an attendee's note, and Tab passing over the fields
that are rarely typed (an attendee's presence, an empty note: issue 12).

The keys are priority bindings: they move the focus before a key typed after them in
the same burst reaches a field (as the editor's Tab does), and the focus is set at once
(`Screen.set_focus`), never later (`Widget.focus` waits for the app's queue)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Input, Select

if TYPE_CHECKING:
    from brotui.tui.widgets.form_group import FormGroup, ListSection

SKIPPED = "tab-skipped"  # a field Tab passes over (reached by click or its key)


def skipped(widget: Widget) -> bool:
    """Whether Tab passes over this field: the presence, or a note still empty."""
    if not widget.has_class(SKIPPED):
        return False
    return not (isinstance(widget, Input) and widget.value)


def step_focus(screen: Screen[Any], delta: int) -> None:
    """Tab (1) or Shift+Tab (-1): the next field in that direction Tab stops at."""
    for _ in range(max(len(screen.focus_chain), 1)):
        widget = screen.focus_next() if delta > 0 else screen.focus_previous()
        if widget is None or not skipped(widget):
            return


# The editor screen's bindings for them (the help and the palette list a screen's keys):
# each runs `form(<action>, <argument>)`, which calls the form's action_<action>.
FORM_BINDINGS = [
    Binding("f2", "form('to_section', 'attendees')", "key_to_attendees", show=False,
            priority=True),
    Binding("f3", "form('to_section', 'items')", "key_to_items", show=False, priority=True),
    Binding("f4", "form('to_section', 'next_meetings')", "key_to_next_meetings",
            show=False, priority=True),
    Binding("f5", "form('presence')", "key_presence", show=False, priority=True),
    Binding("f6", "form('note')", "key_note", show=False, priority=True),
    Binding("pagedown", "form('page', 1)", "key_page_down", show=False, priority=True),
    Binding("pageup", "form('page', -1)", "key_page_up", show=False, priority=True),
]


class FormKeys(VerticalScroll):
    """The protocol form's moves (the form itself is protocol_form.ProtocolForm)."""

    sections: dict[str, ListSection]

    def place_of(self, widget: Widget | None) -> tuple[ListSection | None, FormGroup | None]:
        raise NotImplementedError  # ProtocolForm's

    def _set_focus(self, widget: Widget) -> None:
        self.screen.set_focus(widget, scroll_visible=False)

    def action_to_section(self, key: str) -> None:
        """The section's first row's first field (its Add button if it has none), with
        the section's heading in view."""
        section = self.sections[key]
        self._set_focus(section.first_widget())
        self.scroll_to_widget(section, animate=False, top=True)
        self.call_after_refresh(self._show_focused)

    def _show_focused(self) -> None:
        focused = self.screen.focused
        if focused is not None and self in focused.ancestors:
            focused.scroll_visible(animate=False)

    def _row_editor(self, key: str) -> Widget | None:
        section, row = self.place_of(self.screen.focused)
        if section is None or row is None or section.list_key != "attendees":
            return None
        return row.editors.get(key)

    def action_presence(self) -> None:
        """The attendee's presence, one step on: present, excused, absent, adjunct."""
        select = self._row_editor("presence")
        if not isinstance(select, Select):
            return
        values = [value for _label, value in select._options]
        if values:
            at = values.index(select.value) if select.value in values else -1
            select.value = values[(at + 1) % len(values)]

    def action_note(self) -> None:
        """To the attendee's note (Tab passes over it while it is empty), and back."""
        note = self._row_editor("note")
        if note is None:
            return
        if self.screen.focused is note:
            _, row = self.place_of(note)
            if row is not None:
                self._set_focus(next(iter(row.editors.values())))
            return
        self._set_focus(note)
        note.scroll_visible(animate=False)

    def _top(self, widget: Widget) -> int:
        """A widget's line in the form's content (its containers do not scroll)."""
        y, node = 0, widget
        while node is not self and isinstance(node, Widget):
            y += node.virtual_region.y
            node = node.parent  # type: ignore[assignment]
        return y

    def action_page(self, delta: int) -> None:
        """A page down (1) or up (-1): the view moves a page and the focus with it, to
        the field a page below (above) the one it was on."""
        chain = [w for w in self.screen.focus_chain
                 if self in w.ancestors and not skipped(w)]
        if not chain:
            return
        height = max(self.scrollable_content_region.height - 1, 1)
        focused = self.screen.focused
        here = self._top(focused) if focused in chain else int(self.scroll_y)
        target = here + delta * height
        tops = [(self._top(w), w) for w in chain]
        if delta > 0:
            found = next((w for y, w in tops if y >= target), chain[-1])
        else:
            found = next((w for y, w in reversed(tops) if y <= target), chain[0])
        self._set_focus(found)
        self.scroll_to(y=self.scroll_y + delta * height, animate=False)
        self.call_after_refresh(self._show_focused)
