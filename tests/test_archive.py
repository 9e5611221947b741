"""The git-backed archive: reading any revision, saving as one commit, listing fast and right."""

from __future__ import annotations

import copy
import datetime as dt
import subprocess
from pathlib import Path

import pytest

from brotui.core import codec, listing, ops
from brotui.core.archive import Archive
from brotui.core.errors import BrotuiError, Conflict, InvalidProtocol
from brotui.core.model import Protocol
from tests.conftest import ALICE, BOB, SEED_ID, git, make_repo

PATH = f"protocols/{SEED_ID}.yaml"


def edited(archive: Archive, role: str, name: str = "Martin Hämmerli") -> Protocol:
    protocol = copy.deepcopy(archive.load(SEED_ID))
    for attendee in protocol.attendees:
        if attendee.name == name:
            attendee.role = role
    return protocol


def test_a_save_is_one_commit_by_the_author_touching_one_file(repo: Path) -> None:
    archive = Archive(repo)
    before = git(repo, "rev-parse", "HEAD").strip()
    tree_before = git(repo, "ls-tree", "-r", "HEAD")
    result = ops.save(archive, SEED_ID, edited(archive, "Polisinspektör"), BOB)
    assert git(repo, "rev-list", "--count", f"{before}..HEAD").strip() == "1"
    assert git(repo, "log", "-1", "--format=%an <%ae>|%P").strip() == \
        f"Bob Berg <bob@example.org>|{before}"
    assert git(repo, "show", "--format=", "--name-only", "HEAD").split() == [PATH]
    changed = [a for a, b in zip(tree_before.splitlines(),
                                 git(repo, "ls-tree", "-r", "HEAD").splitlines(), strict=True)
               if a != b]
    assert len(changed) == 1 and changed[0].endswith(PATH)
    message = git(repo, "log", "-1", "--format=%B")
    assert message.strip() == (f"{SEED_ID}: Närvarande: Martin Hämmerli, roll ändrad\n\n"
                               "- Närvarande: Martin Hämmerli, roll: Kommunpolis → "
                               f"Polisinspektör\n\nProtocol: {SEED_ID}")
    assert message.rstrip().endswith(f"Protocol: {SEED_ID}")
    assert result.commit == git(repo, "rev-parse", "HEAD").strip()
    git(repo, "fsck", "--strict")


def test_the_work_tree_and_index_follow_the_save(repo: Path) -> None:
    archive = Archive(repo)
    ops.save(archive, SEED_ID, edited(archive, "Polisinspektör"), BOB)
    assert "role: Polisinspektör" in (repo / PATH).read_text("utf-8")
    assert git(repo, "status", "--porcelain") == ""


def test_local_changes_in_the_work_tree_are_never_committed_or_overwritten(repo: Path) -> None:
    archive = Archive(repo)
    (repo / "README.txt").write_text("staged\n")
    git(repo, "add", "README.txt")
    (repo / "notes.txt").write_text("untracked\n")
    with (repo / PATH).open("a", encoding="utf-8") as f:
        f.write("# my local note\n")
    ops.save(archive, SEED_ID, edited(archive, "Polisinspektör"), BOB)
    assert git(repo, "show", "--format=", "--name-only", "HEAD").split() == [PATH]
    assert (repo / PATH).read_text("utf-8").endswith("# my local note\n")  # left alone
    status = git(repo, "status", "--porcelain").splitlines()
    assert "A  README.txt" in status and "?? notes.txt" in status


def test_saving_the_same_content_again_is_a_no_op(repo: Path) -> None:
    archive = Archive(repo)
    head = git(repo, "rev-parse", "HEAD")
    result = ops.save(archive, SEED_ID, archive.load(SEED_ID), BOB)
    assert not result.changed
    assert git(repo, "rev-parse", "HEAD") == head


def test_an_invalid_protocol_is_refused_and_nothing_is_written(repo: Path) -> None:
    archive = Archive(repo)
    head = git(repo, "rev-parse", "HEAD")
    bad = edited(archive, "x")
    bad.items[1].number = 1
    with pytest.raises(InvalidProtocol) as info:
        ops.save(archive, SEED_ID, bad, BOB)
    assert info.value.problems[0].path == "items[1].number"
    assert git(repo, "rev-parse", "HEAD") == head
    assert git(repo, "status", "--porcelain") == ""


def test_a_stale_base_is_a_conflict_and_nothing_is_written(repo: Path) -> None:
    archive = Archive(repo)
    base = archive.tip()
    ops.save(archive, SEED_ID, edited(archive, "Polisinspektör"), BOB)
    head = archive.tip()
    with pytest.raises(Conflict) as info:
        ops.save(archive, SEED_ID, edited(archive, "Kommissarie"), ALICE, base=base)
    assert info.value.exit_code == 3
    assert "Bob Berg" in info.value.message
    assert archive.tip() == head
    assert archive.load(SEED_ID).attendees[1].role == "Polisinspektör"


def test_a_base_from_before_an_unrelated_change_is_no_conflict(repo: Path) -> None:
    archive = Archive(repo)
    base = archive.tip()
    ops.save(archive, "hagersten-liljeholmen/2020-03-01",
             _dated(archive.load(SEED_ID), "2020-03-01"), BOB)
    result = ops.save(archive, SEED_ID, edited(archive, "Kommissarie"), ALICE, base=base)
    assert result.changed


def _dated(protocol: Protocol, iso: str) -> Protocol:
    protocol = copy.deepcopy(protocol)
    protocol.date = dt.date.fromisoformat(iso)
    return protocol


def test_any_revision_can_be_read(repo: Path) -> None:
    archive = Archive(repo)
    first = archive.tip()
    ops.save(archive, SEED_ID, edited(archive, "Polisinspektör"), BOB)
    assert archive.load(SEED_ID, first).attendees[1].role == "Kommunpolis"
    assert archive.load(SEED_ID, "HEAD~1") == archive.load(SEED_ID, first)
    assert archive.load(SEED_ID).attendees[1].role == "Polisinspektör"
    history = archive.history(SEED_ID)
    assert [c.author for c in history] == ["Bob Berg", "Alice Andersson"]
    with pytest.raises(BrotuiError):
        archive.read(SEED_ID, "--output=/tmp/x")
    with pytest.raises(BrotuiError):
        archive.read(SEED_ID, "no-such-rev")


@pytest.mark.parametrize("bad", ["../etc/passwd", "/etc/passwd", "a/../../b/2020-01-01",
                                 "hagersten-liljeholmen/2020-02-20/../x", "A/2020-01-01",
                                 "x/2020-13-01", "x/2020-01-01.yaml", ""])
def test_ids_that_are_not_ids_are_refused(repo: Path, bad: str) -> None:
    with pytest.raises(BrotuiError, match="not a protocol id"):
        Archive(repo).read(bad)


def test_a_bare_repository_is_an_archive_too(repo: Path, tmp_path: Path) -> None:
    bare = tmp_path / "bare.git"
    subprocess.run(["git", "clone", "-q", "--bare", str(repo), str(bare)], check=True)
    archive = Archive(bare)
    assert [e.id for e in listing.entries(archive)] == [SEED_ID]
    result = ops.save(archive, SEED_ID, edited(archive, "Polisinspektör"), BOB)
    assert result.changed
    assert archive.load(SEED_ID).attendees[1].role == "Polisinspektör"
    assert (bare / "brotui").is_dir() and not (bare / "protocols").exists()


def test_the_first_save_in_an_empty_archive_makes_the_first_commit(
        tmp_path: Path, seed_bytes: bytes) -> None:
    path = make_repo(tmp_path / "new")
    archive = Archive(path)
    assert listing.entries(archive) == []
    ops.save(archive, SEED_ID, codec.load(seed_bytes).protocol, ALICE)  # type: ignore[arg-type]
    assert git(path, "rev-list", "--count", "HEAD").strip() == "1"
    assert (path / PATH).read_bytes() == seed_bytes
    assert git(path, "status", "--porcelain") == ""


def test_a_folder_without_protocols_is_not_an_archive(tmp_path: Path) -> None:
    subprocess.run(["git", "init", "-q", str(tmp_path / "r")], check=True)
    (tmp_path / "r" / "x").write_text("x")
    subprocess.run(["git", "-C", str(tmp_path / "r"), "add", "x"], check=True)
    subprocess.run(["git", "-C", str(tmp_path / "r"), "-c", "user.name=a", "-c",
                    "user.email=a@b.c", "commit", "-qm", "x"], check=True)
    (tmp_path / "r" / "protocols").mkdir(exist_ok=True)
    (tmp_path / "r" / "protocols").rmdir()
    with pytest.raises(BrotuiError, match="no protocols/ folder"):
        Archive(tmp_path / "r")
    with pytest.raises(BrotuiError, match="not a git archive"):
        Archive(tmp_path / "nowhere")


def test_the_list_marks_broken_files_and_still_lists_the_rest(repo: Path) -> None:
    (repo / "protocols/x").mkdir()
    (repo / "protocols/x/2021-01-01.yaml").write_text("schema: 1\ncouncil: [\n")
    (repo / "protocols/x/notes.yaml").write_text("schema: 1\n")
    (repo / "protocols/x/2021-02-02.yaml").symlink_to("/etc/passwd")
    git(repo, "add", "protocols")
    git(repo, "-c", "user.name=C", "-c", "user.email=c@example.org", "commit", "-qm", "bad")
    entries = {e.id: e for e in listing.entries(Archive(repo))}
    assert not entries[SEED_ID].broken
    assert entries["x/2021-01-01"].broken and "not valid YAML" in entries[
        "x/2021-01-01"].first_problem
    assert entries["x/2021-02-02"].broken and "symbolic link" in entries[
        "x/2021-02-02"].first_problem
    assert entries["x/notes.yaml"].broken
    assert "file name" in entries["x/notes.yaml"].first_problem
    assert entries["x/2021-01-01"].last.author == "C"


def test_the_list_caches_of_one_language_each_go_after_an_upgrade(repo: Path) -> None:
    """The caches an older brotui kept per language (list-1) are not left behind to
    take room: the first list removes them, and keeps one for every language."""
    state = repo / ".git/brotui"
    state.mkdir(exist_ok=True)
    for old in ("list-cache.sv.json", "list-cache.en.json"):
        (state / old).write_text('{"version": "list-1 0.1", "summaries": {}}', "utf-8")
    assert [e.id for e in listing.entries(Archive(repo))] == [SEED_ID]
    assert sorted(p.name for p in state.glob("list-cache*")) == ["list-cache.json"]


def test_the_list_cache_is_right_after_others_commit(repo: Path, seed_bytes: bytes) -> None:
    archive = Archive(repo)
    first = listing.entries(archive)
    assert (repo / ".git/brotui/list-cache.json").is_file()  # one for every language
    assert first[0].last.author == "Alice Andersson"
    # Someone else edits with plain git, between two starts of brotui.
    text = seed_bytes.decode().replace("role: Kommunpolis", "role: Polisinspektör")
    (repo / PATH).write_text(text, "utf-8")
    (repo / "protocols/hagersten-liljeholmen/2020-05-14.yaml").write_text(
        text.replace("date: 2020-02-20", "date: 2020-05-14"), "utf-8")
    git(repo, "add", "protocols")
    git(repo, "-c", "user.name=Doris Dahl", "-c", "user.email=d@example.org", "commit", "-qm", "x")
    again = listing.entries(Archive(repo))
    assert [(e.id, e.last.author) for e in again] == [
        ("hagersten-liljeholmen/2020-05-14", "Doris Dahl"), (SEED_ID, "Doris Dahl")]
    # History rewritten under us (a reset): the cache must not keep the lost commit.
    git(repo, "reset", "-q", "--hard", "HEAD~1")
    after_reset = listing.entries(Archive(repo))
    assert [(e.id, e.last.author) for e in after_reset] == [(SEED_ID, "Alice Andersson")]


def test_settings_choose_the_commit_language(repo: Path) -> None:
    (repo / ".brotui.yaml").write_text("language: en\n")
    git(repo, "add", ".brotui.yaml")
    git(repo, "-c", "user.name=C", "-c", "user.email=c@example.org", "commit", "-qm", "s")
    archive = Archive(repo)
    ops.save(archive, SEED_ID, edited(archive, "Polisinspektör"), BOB)
    assert git(repo, "log", "-1", "--format=%s").strip() == \
        f"{SEED_ID}: Attendees: Martin Hämmerli, role changed"


def test_a_file_listed_under_an_overlong_name_has_its_drafts_kept(repo: Path) -> None:
    """A protocol added by hand under a 300-character council name (which brotui no
    longer makes) is listed as a file to rename; what is typed in it is still drafted,
    under a file name any file system holds (it was "File name too long": a crash)."""
    from brotui.core.drafts import Drafts

    protocol_id = "a" * 300 + "/2021-01-01"
    drafts = Drafts(Archive(repo))
    drafts.keep(BOB, protocol_id, "text typed", None)
    draft = drafts.get(BOB, protocol_id)
    assert draft is not None and draft.text == "text typed"
    assert all(len(p.name) <= 255 for p in drafts.root.rglob("*"))
    drafts.discard(BOB, protocol_id)
    assert drafts.get(BOB, protocol_id) is None
