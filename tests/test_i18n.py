"""The language machinery: a sentence said in the reader's language, or for a while in
another (a commit message in the archive's), and sentences kept unsaid (in a cache) to be
said later in whichever language reads them."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

import brotui.core  # noqa: F401  (registers the core's sentences)
from brotui import i18n
from brotui.i18n import Msg, speaking, t
from tests.conftest import SEED_ID, Result


@pytest.fixture(autouse=True)
def english() -> None:
    i18n.set_language("en")


def test_speaking_says_a_sentence_in_another_language_for_a_while() -> None:
    assert t("label_location") == "Place"
    with speaking("sv"):
        assert t("label_location") == "Plats"
        assert t("label_location", lang="en") == "Place"  # asked for by name: that one
        assert i18n.size_text(1500) == "1,5 kB"
    assert t("label_location") == "Place"
    assert i18n.size_text(1500) == "1.5 kB"
    with pytest.raises(ValueError), speaking("de"):
        pass


def test_a_size_under_a_kilobyte_is_said_in_bytes_everywhere(
        repo: Path, tmp_path: Path, cli: Callable[..., Result]) -> None:
    assert [i18n.size_text(n) for n in (0, 1, 23, 999, 1000, 1500, 250_000)] == \
        ["0 bytes", "1 byte", "23 bytes", "999 bytes", "1.0 kB", "1.5 kB", "0.2 MB"]
    assert i18n.size_text(23, lang="sv") == "23 byte"
    assert i18n.size_texts(999, 1000) == ["999 bytes", "1.0 kB"]
    note = tmp_path / "Anteckning.txt"
    note.write_text("Kort.\n", "utf-8")  # 6 bytes
    env = {"BROTUI_AUTHOR": "Bo Bifogare <bo@example.org>"}
    done = cli("--repo", str(repo), "attach", SEED_ID, str(note), "--item", "6", env=env)
    assert "6 bytes" in done.out and "0.0 kB" not in done.out
    listed = cli("--repo", str(repo), "attachments", SEED_ID)
    assert "6 bytes" in listed.out
    sv = cli("--repo", str(repo), "--lang", "sv", "detach", SEED_ID, "Anteckning.txt", env=env)
    assert "6 byte" in sv.out and "0,0 kB" not in sv.out


def test_a_kept_sentence_is_said_in_the_language_that_reads_it() -> None:
    kept = Msg.of("err_invalid", where="protocols/x/2020-02-20.yaml", count=2)
    cached = json.loads(json.dumps(kept.to_json()))
    again = Msg.from_json(cached)
    assert again == kept
    assert again.text() == "protocols/x/2020-02-20.yaml was not saved: 2 errors."
    assert again.text("sv") == "protocols/x/2020-02-20.yaml sparades inte: 2 fel."


def test_a_sentence_inside_a_sentence_is_said_in_the_same_language() -> None:
    kept = Msg.of("required", field=Msg.of("field_council"))
    assert t("required", field=Msg.of("field_council"), lang="sv") == kept.text("sv")
    assert "Rådets namn (council)" in kept.text("sv")
    assert "The council's name (council)" in kept.text("en")
    assert Msg.from_json(json.loads(json.dumps(kept.to_json()))) == kept


@pytest.mark.parametrize("cached", [
    None, "err_invalid", [], {"id": 3}, {"id": "no_such_id"},
    {"id": "err_invalid", "args": []}, {"id": "err_invalid", "args": {"where": [1]}},
    {"id": "required", "args": {"field": {"id": "no_such_id"}}},
])
def test_a_cache_that_does_not_hold_a_known_sentence_is_none(cached: object) -> None:
    assert Msg.from_json(cached) is None


def test_an_id_is_registered_once() -> None:
    with pytest.raises(ValueError, match="label_location"):
        i18n.register({"label_location": {"sv": "x", "en": "x"}}, "elsewhere")
    assert "elsewhere" not in i18n.CATALOGUES
