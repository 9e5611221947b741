"""Keys handled in the order they were typed, however many arrive at once.

Textual hands a key to the focused widget's own queue. A printable key is typed there at
once, but a key the widget binds (Backspace, End, the arrows, Delete) is looked up only
when the unhandled key has bubbled through every parent's queue back to the app, which
then runs the binding (App._on_key, Textual 8.2.8). When several keys arrive in one
read (a quick typist, a paste of keys in tmux, an SSH packet), the characters after a
Backspace overtake it: End, five Backspaces and "16:30" on "15:00" left "15:01" or
"15:30", and the wrong value is saved without a word.

`BindingsInOrder` runs the widget's own bindings for a key in its own queue, in the
order the keys came, exactly as the app would have run them (the same binding, the same
`check_action`, a `SkipAction` still passes the key on). Priority bindings are not
touched: the app runs them before the key reaches any widget (the editor's Tab).
"""

from __future__ import annotations

from typing import cast

from textual import events
from textual.widget import Widget


class BindingsInOrder:
    """Mixin (first among the bases) for a widget that edits text: its own key bindings
    run in typing order. Not a Widget itself: Textual merges a widget's component classes
    and CSS along its bases, and a second Widget base would hide the real widget's."""

    async def _on_key(self, event: events.Key) -> None:
        widget = cast(Widget, self)
        for binding in widget._bindings.key_to_bindings.get(event.key, ()):
            if not binding.priority and await widget.app.run_action(binding.action, widget):
                event.stop()
                event.prevent_default()  # nor typed by the widget's own key handler
                return
