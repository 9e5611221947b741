"""One language, said properly: counts with the word that fits them (no "error(s)"),
and a time whose hour or minute is no time of day named for what is wrong."""

from __future__ import annotations

import pytest

from brotui import i18n
from brotui.cli import messages as _cli_messages  # noqa: F401  (its catalogue registered)
from brotui.core import codec
from brotui.core.publish import catalogue as _publish_messages  # noqa: F401
from brotui.i18n import t
from brotui.tui.widgets.fields import TIME, parse


@pytest.mark.parametrize(("lang", "one", "two"), [
    ("en", "1 error", "2 errors"), ("sv", "1 fel", "2 fel")])
def test_an_error_count_is_said_in_the_singular_and_the_plural(
        lang: str, one: str, two: str) -> None:
    assert t("tui_error_count", count=1, lang=lang) == one
    assert t("tui_error_count", count=2, lang=lang) == two
    assert t("search_found", hits=1, protocols=1, lang="en") == "1 hit in 1 protocol."
    assert t("search_found", hits=1, protocols=3, lang="sv") == "1 träff i 3 protokoll."
    assert t("check_summary", count=1, errors=1, warnings=1, lang="sv") == \
        "1 protokoll kontrollerat: 1 fel, 1 varning."
    assert t("check_summary", count=2, errors=0, warnings=2, lang="en") == \
        "2 protocols checked: 0 errors, 2 warnings."


def test_no_catalogue_says_a_count_with_s_in_brackets() -> None:
    found = [msg_id for msg_id, texts in i18n.MESSAGES.items()
             for text in texts.values() if "(s)" in text or "(er)" in text]
    assert found == []


@pytest.mark.parametrize(("lang", "hour", "minute"), [
    ("en", "There is no hour 25 in 25:00", "There is no minute 61 in 15:61"),
    ("sv", "Timmen 25 finns inte i 25:00", "Minuten 61 finns inte i 15:61")])
def test_a_time_out_of_the_day_names_the_hour_or_minute(
        lang: str, hour: str, minute: str) -> None:
    """Typed in the form or written in the file, 25:00 is an hour that does not exist,
    not a time written the wrong way ("HH:MM in quotes")."""
    with i18n.speaking(lang):
        assert hour in (parse(TIME, "25:00")[1] or "")
        assert minute in (parse(TIME, "15:61")[1] or "")
        for raw, said in (("25:00", hour), ("15:61", minute)):
            loaded = codec.load("schema: 1\ncouncil: Rådet\ndate: 2020-02-20\n"
                                f'start: "{raw}"\n')
            messages = [e.message for e in loaded.errors]
            assert any(said in m for m in messages), messages
            assert not any("HH:MM" in m or "TT:MM" in m for m in messages), messages
