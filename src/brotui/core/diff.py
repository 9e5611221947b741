"""Differences between two revisions of a protocol file."""

from __future__ import annotations

import difflib


def unified(old: str, new: str, old_label: str, new_label: str, context: int = 3) -> list[str]:
    """A unified line diff, one string per line (without line ends)."""
    return list(difflib.unified_diff(old.splitlines(), new.splitlines(), old_label, new_label,
                                     n=context, lineterm=""))
