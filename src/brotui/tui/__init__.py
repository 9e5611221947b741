"""The Textual terminal UI. Nothing in brotui.core imports this package."""
