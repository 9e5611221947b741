"""The one refusal of an import: the file is not minutes we can read, and nothing was made."""

from __future__ import annotations

from typing import NoReturn

from brotui.core.errors import BrotuiError
from brotui.core.importing.messages import msg


class ImportRefused(BrotuiError):
    """The file cannot be imported (empty, too large, not a document we read, not
    minutes). `key` and `values` name the reason; `text(lang)` says it in a language."""

    def __init__(self, key: str, values: dict[str, object], where: str = "") -> None:
        self.key = key
        self.values = values
        super().__init__(msg(key, None, **values), where=where)

    def text(self, lang: str | None = None) -> str:
        return msg(self.key, lang, **self.values)


def refuse(key: str, **values: object) -> NoReturn:
    raise ImportRefused(key, values)
