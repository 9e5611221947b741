"""Key bindings whose descriptions are message ids, shown in the user's language.

One keymap drives the footer, the help screen and the command palette."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from textual.app import App
from textual.binding import Binding
from textual.dom import DOMNode
from textual.screen import Screen

from brotui.i18n import MESSAGES, msg_id, t

# Textual's own words for keys it shows in the footer, by the message id that says them.
TEXTUAL_WORDS = {
    "Dismiss menu": msg_id("key_dismiss_menu"),  # an open Select's list: Escape
    "palette": msg_id("key_palette"),  # Ctrl+P, the command palette (and its tooltip:)
    "Open the command palette": msg_id("key_palette"),
}


def translate_bindings(node: DOMNode) -> None:
    """Replace each binding's description (a message id, or Textual's own English words)
    with its text in the user's language, for this node."""
    table = node._bindings.key_to_bindings
    for key, bindings in table.items():
        table[key] = [replace(b, description=_said(b.description),
                              tooltip=_said(b.tooltip) if b.tooltip else b.tooltip)
                      for b in bindings]


def _said(description: str) -> str:
    if description in MESSAGES:
        return t(description)
    textual = TEXTUAL_WORDS.get(description)
    return t(textual) if textual is not None else description


def own_bindings(screen: Screen[Any]) -> list[tuple[Screen[Any] | App[Any], Binding,
                                                    bool]]:
    """The keys brotui itself defines (the screen's and the app's), once per action:
    what the help and the command palette list. Widgets' and Textual's built-in keys
    are not ours to explain."""
    seen: set[str] = set()
    out: list[tuple[Screen[Any] | App[Any], Binding, bool]] = []
    for node, binding, enabled, _tooltip in screen.active_bindings.values():
        ours = {b.action for b in getattr(type(node), "BINDINGS", [])
                if isinstance(b, Binding)}
        if node not in (screen, screen.app) or binding.action not in ours \
                or not binding.description or binding.action in seen:
            continue
        seen.add(binding.action)
        out.append((node, binding, enabled))
    return out
