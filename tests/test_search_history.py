"""Search through history, on what the walk of the history must get right by itself: a
word of letters beyond ASCII in another case, a phrase broken over lines, commits
made with plain git (also a move), two terms at once."""

from __future__ import annotations

from pathlib import Path

from brotui.core import search as core_search
from brotui.core.archive import Archive
from brotui.core.query import Query
from tests.conftest import SEED_ID, git

PATH = f"protocols/{SEED_ID}.yaml"
CARL = ("-c", "user.name=Carl Ckarlsson", "-c", "user.email=carl@example.org")


def by_hand(repo: Path, old: str, new: str) -> str:
    text = (repo / PATH).read_text("utf-8")
    assert old in text
    (repo / PATH).write_text(text.replace(old, new, 1), "utf-8")
    git(repo, *CARL, "commit", "-qam", "by hand")
    return git(repo, "rev-parse", "HEAD").strip()


def changes(repo: Path, text: str) -> dict[str, list[tuple[str, str, int, int]]]:
    trails = core_search.history(Archive(repo), Query.parse(text))
    return {trail.id: [(c.kind, c.commit.oid, c.before, c.after) for c in trail.changes]
            for trail in trails}


def test_a_word_of_letters_beyond_ascii_in_another_case(repo: Path) -> None:
    first = git(repo, "rev-list", "--max-parents=0", "main").strip()
    added = by_hand(repo, "Skärmtaket i Liljeholmen", "Skärmtaket i Liljeholmen, ÅÄÖ")
    removed = by_hand(repo, ", ÅÄÖ", "")
    assert changes(repo, "åäö") == {SEED_ID: [("added", added, 0, 1),
                                              ("removed", removed, 1, 0)]}
    assert changes(repo, "SKÄRMTAKET")[SEED_ID] == [("added", first, 0, 1)]


def test_a_phrase_broken_over_lines_and_a_move_made_with_plain_git(repo: Path) -> None:
    added = by_hand(repo, "Skärmtaket i Liljeholmen kan",
                    "Skärmtaket i Liljeholmen kan (en trygghets-\n    vandring i parken)")
    git(repo, "mv", PATH, "protocols/hagersten-liljeholmen/2020-02-21.yaml")
    git(repo, *CARL, "commit", "-qm", "moved")
    move = git(repo, "rev-parse", "HEAD").strip()
    found = changes(repo, '"trygghets- vandring i parken" skärmtaket')
    assert found[SEED_ID] == [("added", added, 0, 2), ("removed", move, 2, 0)]
    moved = "hagersten-liljeholmen/2020-02-21"
    assert [kind for kind, *_ in found[moved]] == ["added"]  # git sees a new file there
