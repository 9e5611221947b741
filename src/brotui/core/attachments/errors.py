"""The refusals of an attachment: what was wrong, in a sentence, and nothing written."""

from __future__ import annotations

from typing import NoReturn

from brotui.core.attachments.messages import msg
from brotui.core.errors import EXIT_USAGE, BrotuiError


class AttachmentRefused(BrotuiError):
    """An attachment that is not taken, read or removed (too large, an unsafe name, a type
    that is not kept, no such attachment...). `key` and `values` name the reason;
    `text(lang)` says it in a language; `str()` in brotui's current one."""

    def __init__(self, key: str, values: dict[str, object], where: str = "") -> None:
        self.key = key
        self.values = values
        super().__init__(msg(key, None, **values), where=where)

    def text(self, lang: str | None = None) -> str:
        return msg(self.key, lang, **self.values)


class ItemNeeded(AttachmentRefused):
    """Which item the attachment belongs to cannot be told: `candidates` are the numbers
    of the items to choose from (those whose entry is the name's stem, else every item).
    Ask the person and call again with `item=N` (the command line: `--item N`, exit 2)."""

    exit_code = EXIT_USAGE

    def __init__(self, key: str, values: dict[str, object], candidates: list[int]) -> None:
        super().__init__(key, values)
        self.candidates = candidates


class FolderChanged(BrotuiError):
    """Under the lock, a protocol's attachments folder is not what it was when the change
    was planned (someone attached or removed a file meanwhile): plan again."""

    def __init__(self) -> None:
        super().__init__(msg("busy"))


def refuse(key: str, **values: object) -> NoReturn:
    raise AttachmentRefused(key, values)
