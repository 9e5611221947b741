"""The language machinery: which language a person reads, and the one function that says
a sentence in it.

`t(id, **values)` gives the current language's text with `values` filled in. The
language is chosen once at start: `--lang`, else `BROTUI_LANG`, else
`LANG`/`LC_ALL`/`LC_MESSAGES` (Swedish if they say `sv`), else English. Inside
`with speaking(lang):` it is `lang` (a commit message in the archive's language).

The sentences themselves belong to the layer that says them: brotui.core.messages,
brotui.tui.messages, brotui.cli.messages. Each registers its catalogue here when its
package is imported; this module imports nothing of brotui.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import LiteralString, NewType

LANGUAGES = ("sv", "en")

_current = "en"
_speaking: ContextVar[str | None] = ContextVar("speaking", default=None)

MsgId = NewType("MsgId", str)
"""An id kept as data (in a table, a schema): `msg_id("label_status")`."""

Catalogue = Mapping[str, Mapping[str, str]]
"""id -> language -> text with {placeholders}."""

CATALOGUES: dict[str, Catalogue] = {}
"""Each layer's catalogue by its owner ("core", "tui", "cli"), as registered."""

MESSAGES: dict[str, Mapping[str, str]] = {}
"""Every registered id, whoever owns it: what `t` reads."""


def register(catalogue: Catalogue, owner: str) -> None:
    """Make a layer's sentences known to `t`. An id may be defined once, by one owner."""
    twice = sorted(catalogue.keys() & MESSAGES.keys())
    if twice or owner in CATALOGUES:
        raise ValueError(f"{owner}: ids already registered: {', '.join(twice) or owner}")
    CATALOGUES[owner] = catalogue
    MESSAGES.update(catalogue)


def joined(*parts: Catalogue) -> dict[str, Mapping[str, str]]:
    """One layer's catalogue from its files; an id defined in two of them is refused."""
    whole: dict[str, Mapping[str, str]] = {}
    for part in parts:
        twice = sorted(whole.keys() & part.keys())
        if twice:
            raise ValueError(f"defined twice in one catalogue: {', '.join(twice)}")
        whole.update(part)
    return whole


def msg_id(value: LiteralString) -> MsgId:
    """Mark a literal as a message id kept as data, for the type checker and for
    tests/test_messages.py, which finds every id by these literals."""
    return MsgId(value)


def _lang(lang: str | None = None) -> str:
    return lang or _speaking.get() or _current


@contextmanager
def speaking(lang: str) -> Iterator[None]:
    """Within it, `t` (and the dates and sizes) speak `lang` unless told otherwise: a
    commit message in the archive's language, whatever the person reads."""
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}")
    token = _speaking.set(lang)
    try:
        yield
    finally:
        _speaking.reset(token)


def t(key: LiteralString | MsgId, /, *, lang: str | None = None, **values: object) -> str:
    """The text for `key` in the current language (or `lang`), with `values` filled in;
    a value that is a Msg or a Size is said in the same language."""
    language_ = _lang(lang)
    text = MESSAGES[key][language_]
    if not values:
        return text
    return text.format(**{name: value.text(language_) if isinstance(value, Msg | Size)
                          else Count(value) if type(value) is int
                          else value for name, value in values.items()})


@dataclass(frozen=True)
class Count:
    """A whole number in a sentence, which `{n:error|errors}` says with the word that
    fits it: "1 error", "2 errors" (`{n}` alone is the number)."""

    n: int

    def __format__(self, spec: str) -> str:
        if "|" not in spec:
            return format(self.n, spec)
        one, many = spec.split("|", 1)
        return f"{self.n} {one if self.n == 1 else many}"


@dataclass(frozen=True)
class Msg:
    """A sentence not said yet: its id and its values (which may be Msgs), said in the
    language of whoever reads it (a cache holds these, not sentences)."""

    id: MsgId
    args: Mapping[str, object] = field(default_factory=dict)

    @classmethod
    def of(cls, key: LiteralString | MsgId, /, **args: object) -> Msg:
        return cls(MsgId(key), args)

    def text(self, lang: str | None = None) -> str:
        return t(self.id, lang=lang, **self.args)

    def to_json(self) -> dict[str, object]:
        """{"id": ..., "args": {...}}; a value that is a Msg is such a map itself, a
        Size {"size": n, "among": [...]}."""
        return {"id": self.id, "args": {name: value.to_json() if isinstance(value, Msg | Size)
                                        else value for name, value in self.args.items()}}

    @classmethod
    def from_json(cls, data: object) -> Msg | None:
        """The Msg of `to_json`; None for anything else (an id no catalogue has, values
        that are not text, numbers or Msgs)."""
        if not isinstance(data, dict) or not isinstance(data.get("id"), str) \
                or data["id"] not in MESSAGES or not isinstance(data.get("args", {}), dict):
            return None
        args: dict[str, object] = {}
        for name, value in data.get("args", {}).items():
            if isinstance(value, dict) and "size" in value:
                size = Size.from_json(value)
                if size is None:
                    return None
                args[name] = size
            elif isinstance(value, dict):
                inner = cls.from_json(value)
                if inner is None:
                    return None
                args[name] = inner
            elif value is None or isinstance(value, str | int | float):
                args[name] = value
            else:
                return None
        return cls(MsgId(data["id"]), args)


@dataclass(frozen=True)
class Size:
    """A size in a sentence, written in the sentence's language when it is said ("1,2 MB"
    in Swedish), with as many decimals as tell it apart from the sizes `among` it."""

    n: int
    among: tuple[int, ...] = ()

    def text(self, lang: str | None = None) -> str:
        return size_texts(self.n, *self.among, lang=lang)[0]

    def to_json(self) -> dict[str, object]:
        return {"size": self.n, "among": list(self.among)}

    @classmethod
    def from_json(cls, data: dict[str, object]) -> Size | None:
        n, among = data.get("size"), data.get("among", [])
        if not isinstance(n, int) or not isinstance(among, list) \
                or not all(isinstance(x, int) for x in among):
            return None
        return cls(n, tuple(among))


SV_MONTHS = (
    "januari", "februari", "mars", "april", "maj", "juni",
    "juli", "augusti", "september", "oktober", "november", "december",
)
SV_DAYS = ("måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag", "söndag")
EN_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)
EN_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def choose_language(explicit: str | None = None, environ: dict[str, str] | None = None) -> str:
    """The language to use: explicit choice, BROTUI_LANG, then the locale, then English."""
    env = os.environ if environ is None else environ
    for candidate in (explicit, env.get("BROTUI_LANG")):
        if candidate:
            code = candidate.strip().lower()[:2]
            if code in LANGUAGES:
                return code
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(var)
        if value:
            return "sv" if value.lower().startswith("sv") else "en"
    return "en"


def set_language(lang: str) -> None:
    global _current
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}")
    _current = lang


def language() -> str:
    return _current


def long_date(date: dt.date) -> str:
    """'torsdag 20 februari 2020' or 'Thursday 20 February 2020'."""
    if _lang() == "sv":
        return f"{SV_DAYS[date.weekday()]} {date.day} {SV_MONTHS[date.month - 1]} {date.year}"
    return f"{EN_DAYS[date.weekday()]} {date.day} {EN_MONTHS[date.month - 1]} {date.year}"


def size_text(size: int, decimals: int = 1, *, lang: str | None = None) -> str:
    """A file size for people, the one way brotui writes sizes (the CLI, the TUI, the
    exports, the sentences of the core): '50.0 MB', '840.0 kB', under a kilobyte in bytes
    ('23 bytes', never '0.0 kB'); in Swedish '50,0 MB', '23 byte'."""
    if size < 1000:
        return _bytes(size, lang)
    text = (f"{size / 1_000_000:.{decimals}f} MB" if size >= 100_000
            else f"{size / 1000:.{decimals}f} kB")
    return text.replace(".", ",") if _lang(lang) == "sv" else text


def _bytes(size: int, lang: str | None) -> str:
    sv = _lang(lang) == "sv"
    unit = "byte" if sv or size == 1 else "bytes"
    return f"{size:,} {unit}".replace(",", "\u00a0" if sv else ",")


def size_texts(*sizes: int, lang: str | None = None) -> list[str]:
    """Sizes to be read side by side ("1.0 MB; at most 1.0 MB" tells nothing): with as
    many decimals as tell them apart (up to three), else in bytes."""
    for decimals in (1, 2, 3):
        texts = [size_text(size, decimals, lang=lang) for size in sizes]
        if len(set(texts)) == len(set(sizes)):
            return texts
    return [_bytes(size, lang) for size in sizes]
