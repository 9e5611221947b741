"""The Textual terminal UI. Nothing in brotui.core imports this package."""

from brotui.tui import messages  # noqa: F401  (registers the TUI's sentences)
