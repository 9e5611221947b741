"""What the code makes of the seed minutes and the corpus, asserted against what it made
before the schema refactor (issue 11): the canonical dump byte for byte (a file saved
again must not change), the search texts (the index's format: same texts, keys and order,
or `search_index.INDEX_VERSION` bumped), the problems `check` reports, the minutes and
the field diff, in English and Swedish. The golden file is tests/golden/golden.json,
recorded by tests/golden/record.py on the code before the change."""

from __future__ import annotations

import json

import pytest

from tests.golden import HERE, outputs

GOLDEN = json.loads((HERE / "golden.json").read_text(encoding="utf-8"))
NOW = outputs()


@pytest.mark.parametrize("name", sorted(GOLDEN["dumps"]))
def test_the_canonical_dump_is_byte_for_byte_as_before(name: str) -> None:
    assert NOW["dumps"][name].encode("utf-8") == GOLDEN["dumps"][name].encode("utf-8")


def test_every_readable_file_is_still_read() -> None:
    assert sorted(NOW["dumps"]) == sorted(GOLDEN["dumps"])


@pytest.mark.parametrize("name", sorted(GOLDEN["parts"]))
def test_the_search_texts_are_as_before(name: str) -> None:
    assert NOW["parts"][name] == GOLDEN["parts"][name]


@pytest.mark.parametrize("kind", ["problems", "minutes", "diff"])
def test_problems_minutes_and_diffs_read_as_before(kind: str) -> None:
    assert NOW[kind] == GOLDEN[kind]
