"""The core's sentences, in three files by what they are about: problems (a file and its
fields), refusals (the archive's, and the commit messages it writes) and words (labels,
statuses, columns, diffs, merges, search: also what both faces say alike). Registered
with brotui.i18n when brotui.core is imported."""

from __future__ import annotations

from brotui.core.messages import problems, refusals, words
from brotui.i18n import joined, register

CORE = joined(problems.MESSAGES, refusals.MESSAGES, words.MESSAGES)
register(CORE, "core")
