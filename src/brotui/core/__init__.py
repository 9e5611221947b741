"""The domain: protocols, their files, the git archive and everything done to it. Nothing
below this package imports Textual, Rich or brotui's faces (brotui.tui, brotui.cli)."""

from brotui.core import messages  # noqa: F401  (registers the core's sentences)
