"""Refusals a user can act on. Each carries its exit status (docs/architecture.md, "The CLI
contract")."""

from __future__ import annotations

import errno
import os

from brotui.core.git import GitError, UnreadableObject
from brotui.core.problems import Problem
from brotui.core.text import visible
from brotui.i18n import MsgId, msg_id, t

EXIT_REFUSED = 1
EXIT_USAGE = 2
EXIT_CONFLICT = 3


class BrotuiError(Exception):
    """Something the user asked for was refused; the message says what and where."""

    exit_code = EXIT_REFUSED

    def __init__(self, message: str, problems: list[Problem] | None = None,
                 where: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.problems = problems or []
        self.where = where


class AccessRefused(BrotuiError):
    """The archive's access file does not let this person make this change; nothing was
    written. The message is the access file's sentence (who, what, which council)."""


class InvalidProtocol(BrotuiError):
    """The protocol breaks the schema: `problems` lists each broken rule."""


class Exists(BrotuiError):
    """New minutes were to be made under an id that is taken (someone made them meanwhile)."""

    def __init__(self, protocol_id: str) -> None:
        super().__init__(t("err_created_meanwhile", id=protocol_id))
        self.id = protocol_id


class NeedsDate(BrotuiError):
    """New minutes need a date: none was given, and the earlier minutes they start from
    name no next meeting. `id` is what they were to start from (or the council). Each
    face may say what to do in its own words (an option, a field)."""

    def __init__(self, id: str) -> None:
        super().__init__(t("new_no_next", id=id))
        self.id = id


class Conflict(BrotuiError):
    """The protocol changed since the revision the edit started from; nothing was written."""

    exit_code = EXIT_CONFLICT


class MergeConflict(Conflict):
    """Both changed the same fields: `merged` (brotui.core.merge.Merged) holds the merge with
    mine in each conflicting place and the conflicts; `tip` is the commit to save the
    resolution on; `theirs` the commit (values.Commit) that last changed the protocol."""

    def __init__(self, message: str, merged: object, tip: str, theirs: object) -> None:
        super().__init__(message)
        self.merged = merged
        self.tip = tip
        self.theirs = theirs


def describe_failure(exc: BaseException) -> str | None:
    """The sentence a person reads when `exc` stopped what they asked for, the same from
    both faces: a refusal's own message, or git's words; None for anything else (a bug:
    the face says so and logs the traceback)."""
    if isinstance(exc, BrotuiError):
        return exc.message
    if isinstance(exc, UnreadableObject):
        where = t("err_damaged_path", path=visible(exc.path)) if exc.path else ""
        return t("err_damaged", oid=exc.oid, path=where, file=visible(exc.object_file))
    if isinstance(exc, OSError):
        return _os_sentence(exc)
    if isinstance(exc, GitError):
        return t("err_git", detail=exc.stderr or str(exc))
    return None


_OS_WORDS: dict[int, MsgId] = {
    errno.EACCES: msg_id("err_os_denied"), errno.EPERM: msg_id("err_os_denied"),
    errno.ENOENT: msg_id("err_os_missing"), errno.ENOSPC: msg_id("err_os_full"),
    errno.EROFS: msg_id("err_os_read_only"),
}


def _os_sentence(exc: OSError) -> str:
    """What the system refused and where: `Permission denied: /srv/archive/.git/index`,
    in the user's language for the usual kinds."""
    what = _OS_WORDS.get(exc.errno or 0)
    said = t(what) if what is not None else (exc.strerror or type(exc).__name__)
    if exc.filename is None:
        return t("err_os_no_path", what=said)
    path = os.fsdecode(exc.filename)
    if exc.filename2 is not None:
        path += " -> " + os.fsdecode(exc.filename2)
    return t("err_os", what=said, path=visible(path))
