"""A failed action as a sentence for the user; the traceback, if any, for the log."""

from __future__ import annotations

import logging

from brotui.core.errors import BrotuiError
from brotui.core.git import GitError
from brotui.i18n import t

log = logging.getLogger("brotui")


def explain(exc: Exception, doing: str) -> str:
    """What the user reads when `doing` failed with `exc`: a refusal's own message, git's
    words, or (for a bug) the kind of error, with the traceback logged."""
    if isinstance(exc, BrotuiError):
        return exc.message
    if isinstance(exc, GitError):
        return t("err_git", detail=exc.stderr or str(exc))
    log.error("%s failed", doing, exc_info=exc)
    return t("tui_unexpected", kind=type(exc).__name__)
