"""The footer of every brotui screen: Escape and help first, then as many of the screen's
keys as fit in the terminal's width, each whole (none cut mid-word); the help screen and
the command palette list every key."""

from __future__ import annotations

from rich.cells import cell_len
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Footer, Input, TextArea
from textual.widgets._footer import FooterKey

FIRST_KEYS = ("escape",)  # the way back (Back, Close, Cancel), always first
HELP_ACTIONS = ("help", "app.help")  # help: shown second, as F1 where `?` is typed


class KeysFooter(Footer):
    """Textual's footer, compact, its keys in brotui's order and cut to the width."""

    def __init__(self) -> None:
        super().__init__(compact=True)

    def on_resize(self, event: events.Resize) -> None:
        if self._bindings_ready:
            self.call_after_refresh(self.recompose)

    def _ordered(self) -> list[tuple[Binding, bool, str, str]]:
        """(binding, enabled, tooltip, key shown) of every key to show, in order: the way
        back, help, the screen's own keys, the command palette last."""
        active = self.screen.active_bindings
        first: list[tuple[Binding, bool, str, str]] = []
        rest: list[tuple[Binding, bool, str, str]] = []
        seen: set[str] = set()
        for key in FIRST_KEYS:
            found = active.get(key)
            if found is not None and found[1].description:
                _node, binding, enabled, tooltip = found
                first.append((binding, enabled, tooltip, self.app.get_key_display(binding)))
                seen.add(binding.action)
        helps = [(b, e, tip) for _n, b, e, tip in active.values() if b.action in HELP_ACTIONS]
        if helps:
            binding, enabled, tooltip = helps[0]
            typing = isinstance(self.screen.focused, (Input, TextArea))
            shown = "F1" if typing or "question_mark" not in active else "?"
            first.append((binding, enabled, tooltip, shown))
            seen.update(HELP_ACTIONS)
        palette = None
        for _node, binding, enabled, tooltip in active.values():
            if binding.key == self.app.COMMAND_PALETTE_BINDING:
                palette = (binding, enabled, tooltip, self.app.get_key_display(binding))
                continue
            if not binding.show or not binding.description or binding.action in seen:
                continue
            seen.add(binding.action)
            rest.append((binding, enabled, tooltip, self.app.get_key_display(binding)))
        if palette is not None and self.show_command_palette:
            rest.append(palette)
        return first + rest

    def compose(self) -> ComposeResult:
        if not self._bindings_ready:
            return
        room = self.size.width or self.app.size.width
        used = 0
        for binding, enabled, tooltip, shown in self._ordered():
            width = width_of(shown, binding.description)
            if used + width > room + 1:  # (the last key needs no space after it)
                break
            used += width
            key = "f1" if binding.action in HELP_ACTIONS else binding.key
            yield FooterKey(key, shown, binding.description, binding.action,
                            disabled=not enabled, tooltip=tooltip
                            ).data_bind(compact=Footer.compact)


def width_of(key: str, description: str) -> int:
    """The columns one compact key takes: the key, a space, its words and a space after."""
    return cell_len(key) + 1 + cell_len(description) + 1
