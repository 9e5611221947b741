"""Swedish personal identity numbers (personnummer, samordningsnummer) in free text.

What counts: six or eight digits of a birth date (ÅÅMMDD or ÅÅÅÅMMDD), then `-`,
`+` (a person of 100 or more), an en dash, a non-breaking hyphen, a space or
nothing, then four digits whose last is the Luhn check digit of the ten digits
ÅÅMMDDNNNN; the date must exist (29 February only in a leap year of some
century the number could be from), and a samordningsnummer's day is the day
plus 60. The digits must stand alone: a longer run of digits is not a number.

Some ten-digit runs that are no one's number pass these tests too (about one in
ten of the telephone numbers written without spaces whose first six digits
happen to be a date): those must be marked like a real one before a public copy
is made, which errs on the side of the person.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass

_RE = re.compile(
    r"(?<!\d)(?P<century>\d{2})?(?P<yy>\d{2})(?P<mm>\d{2})(?P<dd>\d{2})"
    r"(?P<sep>[-+\u2013\u2011 \u00a0]?)(?P<serial>\d{3})(?P<check>\d)(?!\d)"
)
_CENTURIES = (18, 19, 20)


@dataclass(frozen=True)
class IdentityNumber:
    """One number found: where it is in the text (`start`, `end`) and as written."""

    start: int
    end: int
    text: str

    @property
    def hidden(self) -> str:
        """The number with its last four digits hidden, for a message that names it."""
        return self.text[:-4] + "****"


def luhn_digit(nine: str) -> int:
    """The check digit of the nine digits ÅÅMMDDNNN."""
    total = 0
    for i, char in enumerate(nine):
        d = int(char) * (2 if i % 2 == 0 else 1)
        total += d - 9 if d > 9 else d
    return (10 - total % 10) % 10


def _date_exists(centuries: tuple[int, ...], yy: int, mm: int, dd: int) -> bool:
    if dd > 60:  # samordningsnummer
        dd -= 60
    if not (1 <= mm <= 12 and dd >= 1):
        return False
    return any(dd <= calendar.monthrange(c * 100 + yy, mm)[1] for c in centuries)


def find_identity_numbers(text: str) -> list[IdentityNumber]:
    """Every personal identity number in `text`, in order."""
    if not any(c.isdigit() for c in text):
        return []
    found = []
    for m in _RE.finditer(text):
        century = m["century"]
        if century is not None and int(century) not in _CENTURIES:
            continue
        centuries = (int(century),) if century is not None else _CENTURIES
        if not _date_exists(centuries, int(m["yy"]), int(m["mm"]), int(m["dd"])):
            continue
        if luhn_digit(m["yy"] + m["mm"] + m["dd"] + m["serial"]) != int(m["check"]):
            continue
        found.append(IdentityNumber(m.start(), m.end(), m.group()))
    return found
