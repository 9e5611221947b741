"""A failed action as a sentence for the user; the traceback, if any, for the log."""

from __future__ import annotations

import logging

from brotui.core.errors import describe_failure
from brotui.i18n import t

log = logging.getLogger("brotui")


def explain(exc: Exception, doing: str) -> str:
    """What the user reads when `doing` failed with `exc`: a refusal's own message, git's
    words, or (for a bug) the kind of error, with the traceback logged."""
    sentence = describe_failure(exc)
    if sentence is not None:
        return sentence
    log.error("%s failed", doing, exc_info=exc)
    return t("tui_unexpected", kind=type(exc).__name__)
