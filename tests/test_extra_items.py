"""Extra items with continuous numbering ("17 a", issue 14): `number: 17` stays an int and
`letter: a` says the extra item, so files without letters read as before; the minutes,
the diff and the exports name the item "17 a"; the order is by number, then letter."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from brotui.core import codec, fielddiff, render
from brotui.core.diffrender import change_line, plain
from brotui.core.justering import numbering
from brotui.core.validate import check
from tests.conftest import SEED_ID, Result, git
from tests.test_justering import archive_path  # noqa: F401  (the fixture)


def with_extra_item(seed_bytes: bytes, letter: str = "a") -> bytes:
    """The seed minutes with an extra item after § 4 ("4 a")."""
    p = codec.load(seed_bytes).protocol
    assert p is not None
    at = next(i for i, item in enumerate(p.items) if item.number == 4)
    extra = codec.load(seed_bytes).protocol.items[at]  # type: ignore[union-attr]
    extra.letter, extra.title, extra.text = letter, "Extra ärende", "Lades till på mötet."
    p.items.insert(at + 1, extra)
    return codec.dump(p).encode("utf-8")


def test_an_extra_item_is_number_and_letter_and_reads_as_4_a(seed_bytes: bytes) -> None:
    data = with_extra_item(seed_bytes)
    assert b"- number: 4\n  letter: a\n  title: Extra \xc3\xa4rende\n" in data
    parsed = check(data, SEED_ID)
    assert parsed.ok and not parsed.problems, parsed.problems
    p = parsed.protocol
    assert p is not None
    assert codec.dump(p).encode("utf-8") == data
    extra = next(i for i in p.items if i.letter)
    assert numbering.label(extra) == "4 a"
    assert "4 a. Extra ärende" in render.render_text(p)
    # The field diff names the item so.
    q = codec.load(data).protocol
    assert q is not None
    next(i for i in q.items if i.letter).title = "Extra ärende, ändrat"
    lines = [plain(change_line(c)) for c in fielddiff.diff(p, q)]
    assert any(line.startswith("§4 a title") for line in lines), lines


def test_a_letter_must_be_small_letters_and_follow_its_number(seed_bytes: bytes) -> None:
    bad = check(with_extra_item(seed_bytes, "A1"), SEED_ID)
    (problem,) = [x for x in bad.problems if x.path.endswith(".letter")]
    assert problem.is_error and "A1" in problem.message and problem.line
    p = codec.load(with_extra_item(seed_bytes, "b")).protocol
    assert p is not None
    at = next(i for i, item in enumerate(p.items) if item.letter)
    second = codec.load(codec.dump(p)).protocol.items[at]  # type: ignore[union-attr]
    second.letter = "a"
    p.items.insert(at + 1, second)  # 4, 4 b, 4 a: out of order
    (order,) = [x for x in check(codec.dump(p), SEED_ID).errors if "increase" in x.message]
    assert "4 a comes after 4 b" in order.message


def test_the_extra_item_is_signed_at_once_by_number_and_letter(
        archive_path: Path, cli: Callable[..., Result]) -> None:  # noqa: F811
    """`sign ID --item 4a` (or "4 a") signs the extra item "4 a", not § 4: the record
    names the letter, the trailer says "Signed-item: 4 a", § 4 a is locked and § 4 is not."""
    from brotui.core import ops
    from brotui.core.archive import Archive
    from brotui.core.justering import lock, state
    from tests.test_justering import ADJUSTER, ALICE, CHAIR, as_, commit_file, file_at

    commit_file(archive_path, with_extra_item(file_at(archive_path)), ALICE, "4 a")
    repo = str(archive_path)
    for who, asked in ((CHAIR, "4a"), (ADJUSTER, "4 a")):
        done = cli("sign", SEED_ID, "--item", asked, "--repo", repo, "--author", as_(who))
        assert done.code == 0, done.err
        assert "§ 4 a" in done.out
    assert git(archive_path, "log", "-1", "--format=%(trailers:key=Signed-item,valueonly)"
               ).strip() == "4 a"
    archive = Archive(archive_path)
    p = archive.load(SEED_ID)
    assert [(s.item, s.letter) for s in p.signatures] == [(4, "a"), (4, "a")]
    extra = next(i for i in p.items if i.letter == "a")
    plain = next(i for i in p.items if i.number == 4 and not i.letter)
    assert state.item_locked(p, extra) and not state.item_locked(p, plain)
    assert "§ 4 a" in render.render_text(p)  # the signatures name the item
    plain.text = (plain.text or "") + "\nEn rad till."
    assert ops.save(archive, SEED_ID, p, ALICE).changed  # § 4 is free
    p = archive.load(SEED_ID)
    next(i for i in p.items if i.letter == "a").text = "Ändrat."
    with pytest.raises(lock.Locked, match="§ 4 a"):
        ops.save(archive, SEED_ID, p, ALICE)
    again = cli("sign", SEED_ID, "--item", "4a", "--repo", repo, "--author", as_(CHAIR))
    assert again.code == 1 and "Traceback" not in again.err  # nobody signs twice
    missing = cli("sign", SEED_ID, "--item", "4b", "--repo", repo, "--author", as_(CHAIR))
    assert missing.code == 1 and "4 b" in missing.err
