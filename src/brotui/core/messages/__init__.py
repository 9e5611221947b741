"""The core's sentences, in three files by what they are about: problems (a file and its
fields), refusals (the archive's, and the commit messages it writes) and words (labels,
statuses, columns, diffs, merges, search: also what both faces say alike). Registered
with brotui.i18n when brotui.core is imported."""

from __future__ import annotations

from collections.abc import Mapping

from brotui.core.messages import problems, refusals, words
from brotui.i18n import Catalogue, register


def _joined(*parts: Catalogue) -> dict[str, Mapping[str, str]]:
    """The catalogues as one; an id defined in two of them is refused."""
    joined: dict[str, Mapping[str, str]] = {}
    for part in parts:
        twice = sorted(joined.keys() & part.keys())
        if twice:
            raise ValueError(f"defined twice in the core's catalogue: {', '.join(twice)}")
        joined.update(part)
    return joined


CORE = _joined(problems.MESSAGES, refusals.MESSAGES, words.MESSAGES)
register(CORE, "core")
