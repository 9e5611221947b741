"""Folding and queries: text compared in any letter case, and what a search asks for.

A query is words and "quoted phrases"; a protocol matches when it holds every one
of them, in any letter case (Å and å are the same letter, a and å are not).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from brotui.core.errors import EXIT_USAGE, BrotuiError
from brotui.core.text import CONTROL_RE
from brotui.i18n import t

# ------------------------------------------------------------------ folding


def fold(text: str) -> str:
    """`text` in lower case, one character for each character of `text`, so that a
    position in the folded text is the same position in the original."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(low_c if len(low_c := c.lower()) == 1 else c for c in text)


def normal(text: str) -> str:
    """Unicode NFC: `å` typed as a + ring and `å` typed as one letter are the same text."""
    return unicodedata.normalize("NFC", text)


def matches(text: str, query: str) -> bool:
    """Every word of the query occurs in the text (case-folded, as the browser's filter is)."""
    return all(word in text for word in normal(query).casefold().split())


# ------------------------------------------------------------------ queries


class EmptyQuery(BrotuiError):
    """A search for nothing: a usage error."""

    exit_code = EXIT_USAGE


# Between the words of a phrase: any run of spaces, tabs, line breaks or no-break spaces.
_GAP = "[ \t\n\r\f\v\u00a0]+"
_GAP_BYTES = rb"(?:[ \t\n\r\f\v]|\xc2\xa0)+"
_QUOTED = re.compile(r'"([^"]*)"?|(\S+)')


@dataclass(frozen=True)
class Query:
    """Words and phrases, each a tuple of folded words; a protocol must hold them all."""

    terms: tuple[tuple[str, ...], ...]

    @classmethod
    def parse(cls, text: str) -> Query:
        """`polisen "lokala brå"`: words, and phrases in double quotes."""
        terms = []
        for m in _QUOTED.finditer(_clean(text)):
            words = tuple((m.group(1) if m.group(1) is not None else m.group(2)).split())
            if words:
                terms.append(words)
        return cls(tuple(dict.fromkeys(terms)))

    @classmethod
    def from_args(cls, args: Sequence[str]) -> Query:
        """Command-line words: each argument is a word, or a phrase if it holds a space
        (the shell kept it together); quotes inside an argument work as in `parse`."""
        terms: list[tuple[str, ...]] = []
        for arg in args:
            if '"' in arg:
                terms += cls.parse(arg).terms
            elif words := tuple(_clean(arg).split()):
                terms.append(words)
        return cls(tuple(dict.fromkeys(terms)))

    def __bool__(self) -> bool:
        return bool(self.terms)

    def __str__(self) -> str:
        return " ".join(" ".join(w) if len(w) == 1 else f'"{" ".join(w)}"' for w in self.terms)

    def patterns(self) -> list[re.Pattern[str]]:
        """One regular expression per term, over folded text."""
        return [re.compile(_GAP.join(re.escape(w) for w in term)) for term in self.terms]

    def byte_patterns(self) -> list[re.Pattern[bytes]]:
        """The same, over folded text encoded as UTF-8."""
        return [re.compile(_GAP_BYTES.join(re.escape(w.encode()) for w in term))
                for term in self.terms]

    def raw_pattern(self) -> re.Pattern[bytes]:
        """One regular expression matching any term in any letter case in a file's bytes
        as they are (UTF-8, not folded), as git's pickaxe (`git log -S`) would count them:
        `Övrigt` becomes `(?:Ö|ö)[Vv][Rr][Ii][Gg][Tt]`; longer terms are tried first."""
        alternatives = []
        for term in sorted(self.terms, key=lambda words: -len(" ".join(words))):
            alternatives.append(rb"[ \t\n\r\f\v]+".join(
                b"".join(_any_case_bytes(c) for c in word) for word in term))
        return re.compile(b"|".join(alternatives))

    def raw_literals(self) -> list[bytes] | None:
        """For each term, a piece of plain ASCII that any match of `raw_pattern` holds in
        lower case (the longest such run in one of its words): a file whose bytes,
        lowered, hold none of them holds no match. None when a term has no such piece."""
        found = []
        for term in self.terms:
            runs = [run for word in term for run in re.findall(r"[\x00-\x7f]+", word)]
            if not runs:
                return None
            found.append(max(runs, key=len).lower().encode())
        return found

    def require(self) -> Query:
        """The query, or a refusal if it has no words."""
        if not self:
            raise EmptyQuery(t("search_empty"))
        return self


def _clean(text: str) -> str:
    """Query text folded and normalised, control characters dropped."""
    return fold(normal(CONTROL_RE.sub("", text)))


def _any_case_bytes(char: str) -> bytes:
    variants = sorted({char, char.lower(), char.upper()} - {""})
    variants = [v for v in variants if len(v) == 1] or [char]
    if len(variants) == 1:
        return re.escape(char.encode())
    if all(v.isascii() for v in variants):
        return b"[" + "".join(variants).encode() + b"]"
    return b"(?:" + b"|".join(re.escape(v.encode()) for v in variants) + b")"
