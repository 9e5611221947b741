"""The search index is updated for what changed, not rewritten: a commit made by someone
else with plain git (a change, a removal, a move) is searched at once, the main index
file stays as it was, and the updates are merged into it once they grow."""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

from brotui.core import search as core_search
from brotui.core.archive import Archive
from brotui.core.query import Query
from brotui.core.search_index import INDEX_FILE, SEGMENTS, Index
from tests.conftest import SEED_ID, git

SLUG = SEED_ID.split("/")[0]
COUNT = 80  # protocols beside the seed: a few changes are less than a sixteenth of them
CARL = ("-c", "user.name=Carl Ckarlsson", "-c", "user.email=carl@example.org")


def ids(repo: Path, text: str) -> list[str]:
    return sorted({hit.id for hit in core_search.search(Archive(repo), Query.parse(text))})


def many(repo: Path) -> list[str]:
    """COUNT more protocols, copies of the seed at other dates, committed with plain git."""
    seed = (repo / "protocols" / f"{SEED_ID}.yaml").read_text("utf-8")
    made = []
    for n in range(COUNT):
        date = dt.date(2019, 1, 1) + dt.timedelta(days=7 * n)
        path = repo / "protocols" / SLUG / f"{date}.yaml"
        path.write_text(seed.replace("date: 2020-02-20", f"date: {date}", 1), "utf-8")
        made.append(f"{SLUG}/{date}")
    git(repo, "add", "protocols")
    git(repo, *CARL, "commit", "-qm", "many")
    return made


def by_hand(repo: Path, protocol_id: str, old: str, new: str) -> None:
    path = repo / "protocols" / f"{protocol_id}.yaml"
    path.write_text(path.read_text("utf-8").replace(old, new, 1), "utf-8")
    git(repo, *CARL, "commit", "-qam", "by hand")


def main_file(repo: Path) -> Path:
    return repo / ".git" / "brotui" / INDEX_FILE


def stamp(path: Path) -> tuple[int, int, int]:
    st = os.stat(path)
    return st.st_ino, st.st_mtime_ns, st.st_size


def indexed(repo: Path) -> set[str]:
    """The blobs the main index file holds."""
    head = main_file(repo).read_bytes().split(b"\n")[0]
    return set(Index.read(main_file(repo), json.loads(head)["version"]).oids)


def tip_blobs(repo: Path) -> set[str]:
    out = git(repo, "ls-tree", "-r", "main", "--", "protocols/")
    return {line.split()[2] for line in out.splitlines()}


def test_a_commit_made_with_plain_git_is_added_beside_the_index_not_rewritten(
        repo: Path) -> None:
    made = many(repo)
    assert len(ids(repo, "skärmtaket")) == COUNT + 1  # the index is built
    before = stamp(main_file(repo))
    changed, removed, moved = made[3], made[5], made[7]
    by_hand(repo, changed, "Skärmtaket", "Cykelstället")
    assert ids(repo, "cykelstället") == [changed]
    assert changed not in ids(repo, "skärmtaket")
    git(repo, "rm", "-q", f"protocols/{removed}.yaml")
    moved_to = f"{SLUG}/2021-06-01"
    git(repo, "mv", f"protocols/{moved}.yaml", f"protocols/{moved_to}.yaml")
    git(repo, *CARL, "commit", "-qm", "removed one, moved one")
    found = ids(repo, "skärmtaket")
    assert removed not in found and moved not in found and moved_to in found
    assert len(found) == COUNT - 1  # the seed and the copies, less the changed and removed
    assert ids(repo, "cykelstället") == [changed]
    assert stamp(main_file(repo)) == before  # written once, read since


def test_the_updates_are_merged_into_the_main_file_once_they_grow(repo: Path) -> None:
    made = many(repo)
    ids(repo, "skärmtaket")
    segments = main_file(repo).parent / SEGMENTS
    # Each change adds a blob (in a segment) and leaves one behind (in the main file):
    # with 81 protocols, more than 81 // 16 = 5 of those merge them at the third change.
    for n, protocol_id in enumerate(made[:3]):
        assert len(list(segments.iterdir()) if segments.exists() else []) == n
        by_hand(repo, protocol_id, "Skärmtaket", f"Cykelstället{n}")
        assert ids(repo, f"cykelstället{n}") == [protocol_id]
    assert not list(segments.iterdir())
    assert indexed(repo) == tip_blobs(repo)  # the blobs left behind are gone from it
    assert len(ids(repo, "skärmtaket")) == COUNT + 1 - 3


def test_a_damaged_update_is_made_again(repo: Path) -> None:
    made = many(repo)
    ids(repo, "skärmtaket")
    by_hand(repo, made[0], "Skärmtaket", "Cykelstället")
    assert ids(repo, "cykelstället") == [made[0]]
    (segment,) = (main_file(repo).parent / SEGMENTS).iterdir()
    segment.write_bytes(segment.read_bytes()[:100])
    assert ids(repo, "cykelstället") == [made[0]]


def test_a_file_too_large_to_read_is_not_parsed_and_the_rest_is_searched(repo: Path) -> None:
    made = many(repo)
    ids(repo, "skärmtaket")
    path = repo / "protocols" / f"{made[2]}.yaml"
    path.write_text(path.read_text("utf-8") + "# " + "jättestor " * 110_000 + "\n", "utf-8")
    git(repo, *CARL, "commit", "-qam", "too large")
    assert made[2] not in ids(repo, "skärmtaket")  # too large to read: nothing to find
    assert ids(repo, "jättestor") == []
    assert len(ids(repo, "skärmtaket")) == COUNT
