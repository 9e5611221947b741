"""Blame is worked out once: a later blame steps over the new revisions only, and is the
same as a blame from the start, also when others commit with plain git or rewrite the
history in between."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

from brotui.core import ops
from brotui.core.archive import Archive
from brotui.core.blame import blame
from brotui.core.identity import Identity
from tests.conftest import BOB, SEED_ID, git

DORA = Identity("Dora Dahl", "dora@example.org")

PATH = f"protocols/{SEED_ID}.yaml"
CARL = ("-c", "user.name=Carl Ckarlsson", "-c", "user.email=carl@example.org")


def who(repo: Path) -> dict[str, tuple[str, str]]:
    """Each part's label -> (author, commit), from a blame of the tip."""
    return {b.label: (b.commit.author, b.commit.oid) for b in blame(Archive(repo), SEED_ID)}


def from_the_start(repo: Path) -> dict[str, tuple[str, str]]:
    """The same, with brotui's blame cache deleted first."""
    shutil.rmtree(repo / ".git" / "brotui" / "blame", ignore_errors=True)
    return who(repo)


def hand_edit(repo: Path, old: str, new: str, *, amend: bool = False) -> None:
    """Someone changes the file in the work tree and commits with plain git."""
    text = (repo / PATH).read_text("utf-8")
    assert old in text
    (repo / PATH).write_text(text.replace(old, new, 1), "utf-8")
    git(repo, *CARL, "commit", "-qa", *(["--amend", "--reset-author"] if amend else []),
        "-m", "by hand")


def set_role(repo: Path, role: str) -> str:
    archive = Archive(repo)
    protocol = archive.load(SEED_ID)
    protocol.attendees[0].role = role
    result = ops.save(archive, SEED_ID, protocol, BOB)
    assert result.commit
    return result.commit


def test_a_commit_made_with_plain_git_between_two_blames_is_blamed(repo: Path) -> None:
    set_role(repo, "Roll 1")
    first = who(repo)
    name = Archive(repo).load(SEED_ID).attendees[0].name
    assert first[f"Attendees: {name}"][0] == "Bob Berg"
    hand_edit(repo, "Roll 1", "Roll 2")
    second = who(repo)
    tip = git(repo, "rev-parse", "HEAD").strip()
    assert second[f"Attendees: {name}"] == ("Carl Ckarlsson", tip)
    assert second == from_the_start(repo)
    # And once more, with brotui's own save after the hand edit.
    set_role(repo, "Roll 3")
    assert who(repo)[f"Attendees: {name}"][0] == "Bob Berg"
    assert who(repo) == from_the_start(repo)


def test_the_second_blame_reads_no_revision_it_stepped_over(repo: Path) -> None:
    """Steps over new revisions only: a blob of an old revision, gone from the object
    store, changes nothing for a blame after one more commit (a blame from the start
    takes the missing revision for a deletion and blames every part anew)."""
    middle = git(repo, "rev-parse", f"HEAD:{PATH}").strip()
    set_role(repo, "Roll 1")
    set_role(repo, "Roll 2")
    before = who(repo)
    hand_edit(repo, "Roll 2", "Roll 3")
    (repo / ".git" / "objects" / middle[:2] / middle[2:]).unlink()  # the seed's blob
    after = who(repo)
    tip = git(repo, "rev-parse", "HEAD").strip()
    changed = {k for k in after if after[k] != before.get(k)}
    assert all(after[k] == ("Carl Ckarlsson", tip) for k in changed)
    assert len(changed) == 1, changed
    assert [v for v in after.values() if v[0] == "Alice Andersson"]  # the seed's parts


def test_a_rewritten_history_is_blamed_from_the_start(repo: Path) -> None:
    set_role(repo, "Roll 1")
    hand_edit(repo, "Roll 1", "Roll 2")
    name = Archive(repo).load(SEED_ID).attendees[0].name
    assert who(repo)[f"Attendees: {name}"][0] == "Carl Ckarlsson"
    # Someone else replaces the last commit (amended, another author) ...
    git(repo, "-c", "user.name=Dora Dahl", "-c", "user.email=dora@example.org",
        "commit", "-q", "--amend", "--reset-author", "-m", "by Dora")
    rewritten = who(repo)
    assert rewritten[f"Attendees: {name}"][0] == "Dora Dahl"
    assert rewritten == from_the_start(repo)
    # ... or drops the commits the blame stepped over, and commits others in their place.
    git(repo, "reset", "-q", "--hard", "HEAD~2")
    hand_edit(repo, "Kommunpolis", "Kommunpolis Syd")
    again = who(repo)
    assert all(author != "Dora Dahl" and author != "Bob Berg" for author, _ in again.values())
    assert again == from_the_start(repo)


def test_a_blame_of_an_older_revision_after_the_tips(repo: Path) -> None:
    old = set_role(repo, "Roll 1")
    set_role(repo, "Roll 2")
    name = Archive(repo).load(SEED_ID).attendees[0].name
    assert who(repo)[f"Attendees: {name}"][0] == "Bob Berg"
    parts = {b.label: b.commit.oid for b in blame(Archive(repo), SEED_ID, old)}
    assert parts[f"Attendees: {name}"] == old
    assert who(repo) == from_the_start(repo)


def test_another_protocol_moved_to_the_id_is_blamed_as_its_own(repo: Path) -> None:
    """A blame kept for an id, then the minutes deleted and others moved to that id: the
    blame is of the minutes now there, through their own history."""
    set_role(repo, "Roll 1")
    assert who(repo)  # kept for SEED_ID
    other = "hagersten-liljeholmen/2020-03-01"
    archive = Archive(repo)
    protocol = archive.load(SEED_ID)
    protocol.date = dt.date(2020, 3, 1)
    protocol.attendees[0].role = "Roll Dora"
    ops.create(archive, other, protocol, DORA)
    ops.remove(Archive(repo), SEED_ID, BOB)
    ops.move(Archive(repo), other, SEED_ID, BOB)
    name = Archive(repo).load(SEED_ID).attendees[0].name
    moved = who(repo)
    assert moved[f"Attendees: {name}"][0] == "Dora Dahl"
    assert moved == from_the_start(repo)


def test_a_merge_made_with_plain_git_between_two_blames(repo: Path) -> None:
    set_role(repo, "Roll 1")
    assert who(repo)
    git(repo, "checkout", "-q", "-b", "side")
    hand_edit(repo, "Roll 1", "Roll side")
    git(repo, "checkout", "-q", "main")
    hand_edit(repo, "Skärmtaket", "Cykelstället")
    git(repo, *CARL, "merge", "-q", "--no-edit", "side")
    merged = who(repo)
    name = Archive(repo).load(SEED_ID).attendees[0].name
    assert merged[f"Attendees: {name}"][0] == "Carl Ckarlsson"
    assert merged == from_the_start(repo)
