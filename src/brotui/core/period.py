"""A period as people type it into a filter: a year, a month, a day, or FROM..TO."""

from __future__ import annotations

import calendar
import datetime as dt
import re

from brotui.core.errors import BrotuiError
from brotui.i18n import t

# ASCII digits only: `\d` (and int()) take every script's digits.
_PART = re.compile(r"([0-9]{4})(?:-([0-9]{1,2})(?:-([0-9]{1,2}))?)?")


def _span(text: str) -> tuple[dt.date, dt.date]:
    """The first and last day of `2020`, `2020-02` or `2020-02-24`."""
    m = _PART.fullmatch(text.strip())
    if not m:
        raise ValueError(text)
    year = int(m[1])
    if m[2] is None:
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    month = int(m[2])
    if m[3] is None:
        return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])
    day = dt.date(year, month, int(m[3]))
    return day, day


def parse_period(text: str) -> tuple[dt.date | None, dt.date | None]:
    """(since, until), both inclusive, None where open: "" is everything; `2020`,
    `2020-02`, `2020-02-24` that year, month or day; `A..B`, `A..` and `..B` a range
    from the start of A to the end of B. Anything else is refused, naming it."""
    text = text.strip()
    if not text:
        return None, None
    try:
        if ".." not in text:
            return _span(text)
        start, _, end = text.partition("..")
        since = _span(start)[0] if start.strip() else None
        until = _span(end)[1] if end.strip() else None
    except ValueError:
        raise BrotuiError(t("err_bad_period", raw=text)) from None
    if since and until and since > until:
        raise BrotuiError(t("err_period", since=since, until=until))
    return since, until
