"""Key bindings whose descriptions are message ids, shown in the user's language.

One keymap drives the footer, the help screen and the command palette."""

from __future__ import annotations

from dataclasses import replace

from textual.dom import DOMNode

from brotui.i18n import MESSAGES, t


def translate_bindings(node: DOMNode) -> None:
    """Replace each binding's description (a message id) with its text, for this node."""
    table = node._bindings.key_to_bindings
    for key, bindings in table.items():
        table[key] = [replace(b, description=t(b.description))
                      if b.description in MESSAGES else b for b in bindings]
