"""Deleting, moving and restoring protocols, their history, and the archive's activity.

Real git repositories in temporary folders: what a user notices is the commit made (one,
by them, touching exactly the files it should), the file as it is afterwards (valid,
byte for byte what it was), the work tree in step, and nothing written on a refusal.
"""

from __future__ import annotations

import copy
import datetime as dt
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from brotui.core import codec, listing, ops
from brotui.core.archive import Archive
from brotui.core.errors import BrotuiError, Conflict, Exists, InvalidProtocol
from brotui.core.identity import Identity
from brotui.core.model import Protocol
from brotui.core.ops import move, preview_restore, remove, restore
from brotui.core.validate import check
from tests.conftest import ALICE, BOB, SEED_ID, git, make_repo

CAROL = Identity("Carol Carlsson", "carol@kommun.example")
PATH = f"protocols/{SEED_ID}.yaml"
NEXT_ID = "hagersten-liljeholmen/2020-05-14"
OTHER_ID = "skarholmen/2020-03-01"
FIXED_ID = "hagersten-liljeholmen/2020-02-19"  # the seed's date "corrected"


def dated(protocol: Protocol, iso: str, council: str | None = None) -> Protocol:
    protocol = copy.deepcopy(protocol)
    protocol.date = dt.date.fromisoformat(iso)
    if council:
        protocol.council = council
    return protocol


def with_role(protocol: Protocol, role: str) -> Protocol:
    protocol = copy.deepcopy(protocol)
    protocol.attendees[1].role = role
    return protocol


@pytest.fixture
def archive(tmp_path: Path, seed_bytes: bytes) -> Archive:
    """Five commits by three people over three months, two councils, times in order."""
    archive = Archive(make_repo(tmp_path / "archive"))
    seed = codec.load(seed_bytes).protocol
    assert seed is not None
    ops.save(archive, SEED_ID, seed, ALICE, date="2020-02-21T09:00:00+01:00")
    ops.save(archive, SEED_ID, with_role(seed, "Polisinspektör"), BOB,
             date="2020-02-24T10:00:00+01:00")
    ops.save(archive, OTHER_ID, dated(seed, "2020-03-01", "Skärholmens lokala brå"), CAROL,
             date="2020-03-01T11:00:00+01:00")
    changed = with_role(seed, "Polisinspektör")
    changed.items[0].title = "Mötets öppnande"
    ops.save(archive, SEED_ID, changed, ALICE, date="2020-03-05T12:00:00+01:00")
    ops.save(archive, NEXT_ID, dated(seed, "2020-05-14"), BOB, date="2020-05-07T13:00:00+02:00")
    return archive


def repo_of(archive: Archive) -> Path:
    assert archive.work_tree is not None
    return archive.work_tree


def count(archive: Archive) -> int:
    return int(git(repo_of(archive), "rev-list", "--count", "HEAD"))


def changed_files(archive: Archive, rev: str = "HEAD") -> list[str]:
    return git(repo_of(archive), "show", "--no-renames", "--format=", "--name-status",
               rev).split("\n")[:-1]


def trailers(archive: Archive, rev: str = "HEAD") -> str:
    return git(repo_of(archive), "log", "-1", "--format=%(trailers)", rev)


# ------------------------------------------------------------------ delete


def test_delete_is_one_commit_by_the_author_and_the_work_tree_follows(archive: Archive) -> None:
    repo = repo_of(archive)
    before, n = archive.tip(), count(archive)
    result = remove(archive, OTHER_ID, BOB)
    assert count(archive) == n + 1 and result.parent == before
    assert changed_files(archive) == [f"D\tprotocols/{OTHER_ID}.yaml"]
    assert git(repo, "log", "-1", "--format=%an <%ae>").strip() == "Bob Berg <bob@example.org>"
    assert git(repo, "log", "-1", "--format=%s").strip() == f"{OTHER_ID}: borttaget"
    assert f"Protocol: {OTHER_ID}" in trailers(archive)
    assert not (repo / "protocols/skarholmen").exists()  # the council's last: no empty folder
    assert git(repo, "status", "--porcelain") == ""
    assert OTHER_ID not in [e.id for e in listing.entries(archive)]
    git(repo, "fsck", "--strict")


def test_deleting_an_unknown_id_is_refused_and_nothing_is_written(archive: Archive) -> None:
    head = archive.tip()
    with pytest.raises(BrotuiError, match="no protocol skarholmen/2020-03-02 in main"):
        remove(archive, "skarholmen/2020-03-02", BOB)
    with pytest.raises(BrotuiError, match="not a protocol id"):
        remove(archive, "../etc/passwd", BOB)
    assert archive.tip() == head


def test_delete_with_a_stale_base_is_a_conflict(archive: Archive) -> None:
    base = archive.tip()
    ops.save(archive, OTHER_ID, with_role(archive.load(OTHER_ID), "Kommissarie"), ALICE)
    head = archive.tip()
    with pytest.raises(Conflict) as info:
        remove(archive, OTHER_ID, BOB, base=base)
    assert info.value.exit_code == 3 and "Alice Andersson" in info.value.message
    remove(archive, OTHER_ID, BOB, base=head)
    with pytest.raises(Conflict, match="deleted since"):
        remove(archive, OTHER_ID, CAROL, base=head)


def test_a_locally_edited_copy_is_left_alone_by_a_delete(archive: Archive) -> None:
    repo = repo_of(archive)
    with (repo / f"protocols/{OTHER_ID}.yaml").open("a") as f:
        f.write("# my note\n")
    result = remove(archive, OTHER_ID, BOB)
    assert (repo / f"protocols/{OTHER_ID}.yaml").read_text().endswith("# my note\n")
    assert any("left alone" in note.text() for note in result.notes)
    assert changed_files(archive) == [f"D\tprotocols/{OTHER_ID}.yaml"]


def test_deleting_the_last_protocol_leaves_an_archive(tmp_path: Path, seed_bytes: bytes) -> None:
    bare = make_repo(tmp_path / "bare.git", bare=True)
    archive = Archive(bare)
    ops.save(archive, SEED_ID, codec.load(seed_bytes).protocol, ALICE)  # type: ignore[arg-type]
    remove(archive, SEED_ID, BOB)
    again = Archive(bare)  # still an archive: protocols/ is kept, empty
    assert listing.entries(again) == []
    git(bare, "fsck", "--strict")
    restore(again, SEED_ID, "main~1", ALICE)
    assert again.read(SEED_ID).data == seed_bytes


# ------------------------------------------------------------------ move


def test_move_corrects_the_date_in_one_commit_and_the_file_stays_valid(
        archive: Archive) -> None:
    repo = repo_of(archive)
    old = archive.read(SEED_ID).data
    n = count(archive)
    result = move(archive, SEED_ID, FIXED_ID, CAROL)
    assert result.changed and count(archive) == n + 1
    assert sorted(changed_files(archive)) == [f"A\tprotocols/{FIXED_ID}.yaml", f"D\t{PATH}"]
    moved = archive.read(FIXED_ID).data
    parsed = check(moved, FIXED_ID)
    assert parsed.ok and not parsed.problems
    assert parsed.protocol is not None and parsed.protocol.date == dt.date(2020, 2, 19)
    # Only the date line differs: the rest of the file is byte for byte what it was.
    assert moved == old.replace(b"\ndate: 2020-02-20\n", b"\ndate: 2020-02-19\n")
    assert git(repo, "log", "-1", "--format=%s").strip() == f"{SEED_ID} -> {FIXED_ID}: flyttat"
    assert f"Protocol: {FIXED_ID}\nRenamed-from: {SEED_ID}" in trailers(archive)
    assert (repo / f"protocols/{FIXED_ID}.yaml").read_bytes() == moved
    assert not (repo / PATH).exists()
    assert git(repo, "status", "--porcelain") == ""
    with pytest.raises(BrotuiError, match=f"no protocol {SEED_ID}"):
        archive.read(SEED_ID)


def test_the_history_follows_a_move(archive: Archive) -> None:
    before = archive.history(SEED_ID)
    move(archive, SEED_ID, FIXED_ID, CAROL)
    after = archive.history(FIXED_ID)
    assert after[1:] == before  # every earlier commit, under the old id
    assert after[0].author == "Carol Carlsson" and after[0].protocol == FIXED_ID
    assert {c.protocol for c in after[1:]} == {SEED_ID}
    assert [c.author for c in after] == ["Carol Carlsson", "Alice Andersson", "Bob Berg",
                                         "Alice Andersson"]
    assert archive.history(FIXED_ID, limit=2) == after[:2]
    # Moved twice (another council's secretary misfiled it): still the whole history.
    move(archive, FIXED_ID, "skarholmen/2020-02-19", BOB)
    assert archive.history("skarholmen/2020-02-19")[1:] == after
    # Each earlier version can be read where the history says it was.
    for commit in archive.history("skarholmen/2020-02-19"):
        assert archive.read(commit.protocol, commit.oid).data


def test_an_older_protocol_at_the_same_path_is_not_part_of_a_moved_ones_history(
        archive: Archive) -> None:
    remove(archive, NEXT_ID, ALICE)  # NEXT_ID's first life ends
    move(archive, SEED_ID, NEXT_ID, CAROL)  # the seed moves to that id
    history = archive.history(NEXT_ID)
    assert [c.protocol for c in history] == [NEXT_ID] + [SEED_ID] * 3
    assert history[-2].author == "Bob Berg"


def test_move_refusals_write_nothing(archive: Archive) -> None:
    head = archive.tip()
    with pytest.raises(BrotuiError, match=f"already a protocol {NEXT_ID} in main"):
        move(archive, SEED_ID, NEXT_ID, BOB)
    with pytest.raises(BrotuiError, match="already has that id"):
        move(archive, SEED_ID, SEED_ID, BOB)
    with pytest.raises(BrotuiError, match="no protocol x/2020-01-01 in main"):
        move(archive, "x/2020-01-01", "x/2020-01-02", BOB)
    with pytest.raises(BrotuiError, match="not a protocol id"):
        move(archive, SEED_ID, "../x/2020-01-01", BOB)
    assert archive.tip() == head


def test_move_with_a_stale_base_is_a_conflict(archive: Archive) -> None:
    base = archive.tip()
    ops.save(archive, SEED_ID, with_role(archive.load(SEED_ID), "Kommissarie"), ALICE)
    with pytest.raises(Conflict):
        move(archive, SEED_ID, FIXED_ID, BOB, base=base)
    assert move(archive, SEED_ID, FIXED_ID, BOB, base=archive.tip()).changed


def test_move_fixes_a_file_whose_name_does_not_match_its_date(archive: Archive) -> None:
    """Filed under the wrong day by hand: the move to the right id changes nothing else."""
    repo = repo_of(archive)
    text = (repo / PATH).read_text("utf-8")
    hand = text.replace("date: 2020-02-20", "date: '2020-02-20'   # datum enligt kallelsen")
    (repo / "protocols/hagersten-liljeholmen/2020-02-22.yaml").write_text(hand, "utf-8")
    git(repo, "add", "protocols")
    git(repo, "-c", "user.name=D", "-c", "user.email=d@example.org", "commit", "-qm", "by hand")
    assert not archive.read("hagersten-liljeholmen/2020-02-22").parsed().ok
    move(archive, "hagersten-liljeholmen/2020-02-22", "hagersten-liljeholmen/2020-02-20-2", BOB)
    moved = archive.read("hagersten-liljeholmen/2020-02-20-2").data
    assert moved.decode("utf-8") == hand  # the date already fits: not a byte changed
    # A move to another day rewrites only the date, keeping the quotes and the comment.
    move(archive, "hagersten-liljeholmen/2020-02-20-2", "hagersten-liljeholmen/2020-02-23",
         BOB)
    assert archive.read("hagersten-liljeholmen/2020-02-23").data.decode("utf-8") == \
        hand.replace("'2020-02-20'", "'2020-02-23'")


def test_a_file_with_other_errors_is_not_moved(archive: Archive) -> None:
    repo = repo_of(archive)
    (repo / "protocols/x").mkdir()
    (repo / "protocols/x/2021-01-01.yaml").write_text("schema: 1\ncouncil: [\n")
    git(repo, "add", "protocols")
    git(repo, "-c", "user.name=D", "-c", "user.email=d@example.org", "commit", "-qm", "bad")
    head = archive.tip()
    with pytest.raises(InvalidProtocol) as info:
        move(archive, "x/2021-01-01", "x/2021-01-02", BOB)
    assert "not valid YAML" in info.value.problems[0].message
    assert info.value.where == "protocols/x/2021-01-02.yaml"
    assert archive.tip() == head


# ------------------------------------------------------------------ restore


def test_restore_is_one_new_commit_with_the_old_file_byte_for_byte(archive: Archive) -> None:
    repo = repo_of(archive)
    first = archive.history(SEED_ID)[-1]
    old = archive.read(SEED_ID, first.oid)
    before, n = archive.tip(), count(archive)
    history = git(repo, "rev-list", "HEAD")
    result = restore(archive, SEED_ID, first.oid, CAROL)
    assert count(archive) == n + 1 and result.parent == before
    assert git(repo, "rev-list", "HEAD~1") == history  # nothing rewritten
    now = archive.read(SEED_ID)
    assert now.blob == old.blob and now.data == old.data
    assert (repo / PATH).read_bytes() == old.data
    assert changed_files(archive) == [f"M\t{PATH}"]
    subject = git(repo, "log", "-1", "--format=%s").strip()
    assert subject == f"{SEED_ID}: återställt till {first.short}"
    assert f"Restored-from: {first.oid}" in trailers(archive)
    assert "Alice Andersson" in git(repo, "log", "-1", "--format=%b")
    assert git(repo, "status", "--porcelain") == ""
    # Again: already so, so no commit at all.
    assert not restore(archive, SEED_ID, first.oid, CAROL).changed
    assert count(archive) == n + 1


def test_restore_brings_back_a_deleted_protocol(archive: Archive) -> None:
    repo = repo_of(archive)
    old = archive.read(OTHER_ID)
    remove(archive, OTHER_ID, BOB)
    deletion = archive.history(OTHER_ID)[0]
    with pytest.raises(BrotuiError, match="did not exist in"):
        restore(archive, OTHER_ID, deletion.oid, ALICE)  # there, it is already deleted
    preview = preview_restore(archive, OTHER_ID, f"{deletion.oid}~1")
    assert preview.current is None and preview.data == old.data and preview.changed
    n = count(archive)
    restore(archive, OTHER_ID, f"{deletion.oid}~1", ALICE)
    assert count(archive) == n + 1
    assert archive.read(OTHER_ID).data == old.data
    assert (repo / f"protocols/{OTHER_ID}.yaml").read_bytes() == old.data
    assert changed_files(archive) == [f"A\tprotocols/{OTHER_ID}.yaml"]
    assert [c.author for c in archive.history(OTHER_ID)] == \
        ["Alice Andersson", "Bob Berg", "Carol Carlsson"]


def test_restore_to_before_a_move_moves_it_back(archive: Archive) -> None:
    old = archive.read(SEED_ID)
    move(archive, SEED_ID, FIXED_ID, CAROL)
    before_move = archive.history(FIXED_ID)[1]
    preview = preview_restore(archive, FIXED_ID, before_move.oid)
    assert preview.moves_back and preview.source_id == SEED_ID
    result = restore(archive, FIXED_ID, before_move.oid, BOB)
    assert result.id == SEED_ID
    assert archive.read(SEED_ID).data == old.data
    with pytest.raises(BrotuiError):
        archive.read(FIXED_ID)
    assert sorted(changed_files(archive)) == [f"A\t{PATH}", f"D\tprotocols/{FIXED_ID}.yaml"]
    # The history of the protocol goes on through both moves.
    assert [c.protocol for c in archive.history(SEED_ID)] == \
        [SEED_ID, FIXED_ID] + [SEED_ID] * 3


def test_restore_refusals_write_nothing(archive: Archive) -> None:
    repo = repo_of(archive)
    head = archive.tip()
    with pytest.raises(BrotuiError, match="revision 'nope' does not exist"):
        restore(archive, SEED_ID, "nope", BOB)
    with pytest.raises(BrotuiError, match="revision '--all' does not exist"):
        restore(archive, SEED_ID, "--all", BOB)
    first = archive.history(SEED_ID)[-1].oid
    with pytest.raises(BrotuiError, match=f"{NEXT_ID} did not exist in {first[:7]}"):
        restore(archive, NEXT_ID, first[:7], BOB)
    # A version that was broken (committed by hand) is not brought back.
    (repo / PATH).write_text("schema: 1\ncouncil: [\n")
    git(repo, "commit", "-qam", "broken", env={"GIT_AUTHOR_NAME": "D", "GIT_AUTHOR_EMAIL": "d@e.f",
                                              "GIT_COMMITTER_NAME": "D",
                                              "GIT_COMMITTER_EMAIL": "d@e.f"})
    broken = archive.tip()
    ops.save(archive, SEED_ID, archive.load(SEED_ID, first), ALICE)
    head = archive.tip()
    with pytest.raises(InvalidProtocol, match="has 1 error"):
        restore(archive, SEED_ID, broken, BOB)
    assert archive.tip() == head


def test_restore_with_a_stale_base_is_a_conflict(archive: Archive) -> None:
    first = archive.history(SEED_ID)[-1].oid
    base = archive.tip()
    ops.save(archive, SEED_ID, with_role(archive.load(SEED_ID), "Kommissarie"), CAROL)
    head = archive.tip()
    with pytest.raises(Conflict, match="Carol Carlsson"):
        restore(archive, SEED_ID, first, BOB, base=base)
    assert archive.tip() == head


# ------------------------------------------------------------------ activity


def test_activity_names_who_when_which_and_what(archive: Archive) -> None:
    found = archive.activity()
    assert [(a.commit.author, a.ids) for a in found] == [
        ("Bob Berg", [NEXT_ID]), ("Alice Andersson", [SEED_ID]),
        ("Carol Carlsson", [OTHER_ID]), ("Bob Berg", [SEED_ID]), ("Alice Andersson", [SEED_ID])]
    assert found[0].commit.subject == f"{NEXT_ID}: nytt protokoll"
    assert found[0].touched[0].change == "added" and found[1].touched[0].change == "changed"
    assert found[0].commit.time == int(dt.datetime.fromisoformat(
        "2020-05-07T13:00:00+02:00").timestamp())


def test_activity_filters_by_author_council_and_period(archive: Archive) -> None:
    def who(**filters: object) -> list[str]:
        return [a.commit.author for a in archive.activity(**filters)]  # type: ignore[arg-type]

    assert who(author="bob") == ["Bob Berg", "Bob Berg"]
    assert who(author="KOMMUN.example") == ["Carol Carlsson"]  # e-mail, any case
    assert who(author="B.rg") == []  # a piece of text, not a pattern
    assert who(council="skarholmen") == ["Carol Carlsson"]
    assert who(council="hagersten-liljeholmen", author="alice") == ["Alice Andersson"] * 2
    assert who(since=dt.date(2020, 3, 1)) == ["Bob Berg", "Alice Andersson", "Carol Carlsson"]
    assert who(until=dt.date(2020, 3, 1)) == ["Carol Carlsson", "Bob Berg", "Alice Andersson"]
    assert who(since=dt.date(2020, 2, 24), until=dt.date(2020, 2, 24)) == ["Bob Berg"]
    with pytest.raises(BrotuiError, match="not a council name"):
        archive.activity(council="../x")


def test_activity_pages_do_not_overlap(archive: Archive) -> None:
    everything = [a.commit.oid for a in archive.activity(limit=100)]
    pages = [[a.commit.oid for a in archive.activity(limit=2, skip=skip)] for skip in (0, 2, 4)]
    assert [len(p) for p in pages] == [2, 2, 1]
    assert [oid for page in pages for oid in page] == everything


def test_commits_outside_protocols_are_not_activity(archive: Archive) -> None:
    repo = repo_of(archive)
    everything = [a.commit.oid for a in archive.activity()]
    (repo / ".brotui.yaml").write_text("language: sv\n")
    git(repo, "add", ".brotui.yaml")
    git(repo, "-c", "user.name=Bob Berg", "-c", "user.email=bob@example.org", "commit", "-qm",
        "settings")
    assert [a.commit.oid for a in archive.activity()] == everything
    assert [a.commit.oid for a in archive.activity(author="bob", limit=1, skip=1)] == \
        [everything[3]]


def test_activity_marks_deletions_and_moves(archive: Archive) -> None:
    remove(archive, OTHER_ID, BOB)
    move(archive, SEED_ID, FIXED_ID, CAROL)
    moved, deleted = archive.activity(limit=2)
    assert deleted.touched[0].change == "deleted" and deleted.target == OTHER_ID
    assert moved.renamed_from == SEED_ID and moved.target == FIXED_ID
    assert {(x.id, x.change) for x in moved.touched} == {(FIXED_ID, "added"),
                                                         (SEED_ID, "deleted")}


def test_an_empty_archive_has_no_activity_or_history(tmp_path: Path) -> None:
    archive = Archive(make_repo(tmp_path / "empty"))
    assert archive.activity() == [] and archive.history(SEED_ID) == []
    assert listing.deleted(archive) == []


# ------------------------------------------------------------------ deleted protocols


def test_deleted_protocols_are_found_with_what_to_restore(archive: Archive) -> None:
    repo = repo_of(archive)
    assert listing.deleted(archive) == []
    remove(archive, OTHER_ID, BOB)
    move(archive, SEED_ID, FIXED_ID, CAROL)  # moved away is not deleted
    found = listing.deleted(archive)
    assert [(d.id, d.commit.author) for d in found] == [(OTHER_ID, "Bob Berg")]
    assert archive.read(OTHER_ID, found[0].last_revision).data  # there to restore
    # Deleted with plain git: found too, and the cache follows the new tip.
    git(repo, "rm", "-q", f"protocols/{NEXT_ID}.yaml")
    git(repo, "-c", "user.name=Dora", "-c", "user.email=d@example.org", "commit", "-qm", "rm")
    assert [d.id for d in listing.deleted(archive)] == [NEXT_ID, OTHER_ID]
    restore(archive, OTHER_ID, found[0].last_revision, ALICE)
    assert [d.id for d in listing.deleted(Archive(repo))] == [NEXT_ID]


def test_deleted_survives_a_rewritten_branch(archive: Archive) -> None:
    repo = repo_of(archive)
    remove(archive, OTHER_ID, BOB)
    assert [d.id for d in listing.deleted(archive)] == [OTHER_ID]
    git(repo, "reset", "-q", "--hard", "HEAD~1")  # the deletion is gone from the branch
    assert listing.deleted(archive) == []


def test_history_of_an_unknown_id_is_empty_and_a_bad_one_refused(archive: Archive) -> None:
    assert archive.history("x/2020-01-01") == []
    with pytest.raises(BrotuiError, match="not a protocol id"):
        archive.history("x/../y")


def test_the_core_stays_free_of_yaml_for_a_history(tmp_path: Path) -> None:
    """`brotui log ID` is mostly Python's start: reading a history imports no YAML, no
    codec and no validation."""
    code = ("import sys; import brotui.cli; from brotui.core.archive import Archive; "
            f"Archive({str(tmp_path)!r}).history('x/2020-01-01'); "
            "print(sorted(m for m in ('yaml', 'brotui.core.codec', 'brotui.core.validate', "
            "'brotui.core.diff', 'textual') if m in sys.modules))")
    make_repo(tmp_path)
    out = subprocess.run([__import__("sys").executable, "-c", code], capture_output=True,
                         text=True, check=True).stdout
    assert out.strip() == "[]"



def test_a_warm_list_imports_no_yaml(tmp_path: Path) -> None:
    """`brotui list` a second time reads its summaries from the cache: the command, with
    the justering states it shows, imports no YAML, no codec and no validation."""
    make_repo(tmp_path)
    run = [__import__("sys").executable, "-m", "brotui.cli", "--repo", str(tmp_path), "list"]
    subprocess.run(run, capture_output=True, check=True)  # the first start fills the cache
    code = ("import sys, runpy; sys.argv = ['brotui', '--repo', " + repr(str(tmp_path)) +
            ", 'list']\ntry:\n    runpy.run_module('brotui.cli', run_name='__main__')\n"
            "except SystemExit:\n    pass\n"
            "print(sorted(m for m in ('yaml', 'brotui.core.codec', 'brotui.core.validate', "
            "'textual') if m in sys.modules), file=sys.stderr)")
    done = subprocess.run([__import__("sys").executable, "-c", code], capture_output=True,
                          text=True, check=True)
    assert done.stderr.strip().splitlines()[-1] == "[]"


# ------------------------------------------------------------------ create


def _waiting_for_the_lock(thread: threading.Thread) -> bool:
    """Whether the thread is inside StateDir.save_lock, waiting for it (its stack)."""
    frame = sys._current_frames().get(thread.ident or 0)
    while frame is not None:
        if frame.f_code.co_name == "save_lock":
            return True
        frame = frame.f_back
    return False


def test_create_refuses_an_id_someone_created_while_it_waited_for_the_lock(
        archive: Archive) -> None:
    """Two people start minutes for the same meeting: the one whose save waited for the
    lock while the other's landed is told the id is taken, and nothing of theirs is
    written (not a conflict to resolve: there was nothing to start from)."""
    repo = repo_of(archive)
    new_id = "skarholmen/2020-04-01"
    mine = dated(archive.load(OTHER_ID), "2020-04-01")
    outcome: list[BaseException | None] = []

    def create() -> None:
        try:
            ops.create(Archive(repo), new_id, mine, CAROL)
            outcome.append(None)
        except BaseException as exc:  # what the save said, for the assert below
            outcome.append(exc)

    with archive.state.save_lock():  # another save under way
        thread = threading.Thread(target=create)
        thread.start()
        while not _waiting_for_the_lock(thread):
            assert thread.is_alive(), outcome
            time.sleep(0.01)
        theirs = repo / f"protocols/{new_id}.yaml"
        theirs.write_bytes(codec.dump(dated(mine, "2020-04-01")).encode("utf-8"))
        git(repo, "add", "--", str(theirs))
        git(repo, "-c", "user.name=Bob Berg", "-c", "user.email=bob@example.org", "commit", "-q",
            "-m", "theirs")
        their_commit = archive.tip()
    thread.join()
    assert len(outcome) == 1 and isinstance(outcome[0], Exists), outcome
    assert archive.tip() == their_commit  # nothing written
    assert git(repo, "status", "--porcelain") == ""


# ------------------------------------------------------- the save's safeguards, for every change

# A brotui that dies (as with SIGKILL: no clean-up of any kind) at the worst moment of a
# change: the branch has moved, the work tree has not been touched yet. Git is real; only
# the moment of death is chosen, by making the work-tree step end the process.
DIE_AFTER_THE_BRANCH_MOVED = """
import os, sys
from brotui.core import ops
from brotui.core import worktree
from brotui.core.archive import Archive
from brotui.core.identity import Identity

worktree.sync_file = lambda *args, **kwargs: os._exit(9)
archive = Archive(sys.argv[1])
who = Identity("Bob Berg", "bob@example.org")
what, *ids = sys.argv[2:]
if what == "rm":
    ops.remove(archive, ids[0], who)
elif what == "mv":
    ops.move(archive, ids[0], ids[1], who)
else:
    ops.restore(archive, ids[0], ids[1], who)
"""


def die_after_the_branch_moved(archive: Archive, *args: str) -> None:
    proc = subprocess.run([sys.executable, "-c", DIE_AFTER_THE_BRANCH_MOVED,
                           str(repo_of(archive)), *args], capture_output=True, text=True)
    assert proc.returncode == 9, proc.stderr


@pytest.mark.parametrize("what", ["rm", "mv", "restore moving back"])
def test_a_change_killed_after_the_branch_moved_is_finished_by_the_next_brotui(
        archive: Archive, what: str) -> None:
    """Every file a delete, move or restore writes or deletes gets its work-tree copy (and
    index entry) in step when the next brotui opens the archive."""
    repo = repo_of(archive)
    if what == "rm":
        args, gone, there = ["rm", OTHER_ID], [f"protocols/{OTHER_ID}.yaml"], []
    elif what == "mv":
        args, gone, there = ["mv", SEED_ID, FIXED_ID], [PATH], [f"protocols/{FIXED_ID}.yaml"]
    else:
        before_move = archive.tip()
        move(archive, SEED_ID, FIXED_ID, CAROL)
        args = ["restore", FIXED_ID, before_move or ""]
        gone, there = [f"protocols/{FIXED_ID}.yaml"], [PATH]
    head = archive.tip()
    die_after_the_branch_moved(archive, *args)
    assert git(repo, "rev-parse", "main^").strip() == head  # the commit landed...
    assert git(repo, "status", "--porcelain") != ""  # ...the work tree did not follow
    assert (repo / ".git/brotui/save-pending.json").exists()

    Archive(repo)  # the next brotui on this archive, for whatever it does
    assert git(repo, "status", "--porcelain", "--ignored") == ""
    for path in gone:
        assert not (repo / path).exists(), path
    for path in there:
        assert (repo / path).read_bytes() == git_bytes(repo, f"main:{path}"), path
    if what == "rm":
        assert not (repo / "protocols/skarholmen").exists()  # no empty council folder
    assert not (repo / ".git/brotui/save-pending.json").exists()


def git_bytes(repo: Path, spec: str) -> bytes:
    return subprocess.run(["git", "-C", str(repo), "cat-file", "blob", spec],
                          capture_output=True, check=True).stdout


def test_a_delete_never_removes_anything_through_a_linked_folder(archive: Archive,
                                                                  tmp_path: Path) -> None:
    """The council's folder in the work tree is a link to a folder elsewhere holding the
    same file: the commit is made, the file elsewhere stays, and the user is told."""
    repo = repo_of(archive)
    elsewhere = tmp_path / "elsewhere"
    (repo / "protocols/skarholmen").rename(elsewhere)
    (repo / "protocols/skarholmen").symlink_to(elsewhere)
    copy_there = (elsewhere / "2020-03-01.yaml").read_bytes()
    result = remove(archive, OTHER_ID, BOB)
    assert result.changed and changed_files(archive) == [f"D\tprotocols/{OTHER_ID}.yaml"]
    assert (elsewhere / "2020-03-01.yaml").read_bytes() == copy_there
    assert (repo / "protocols/skarholmen").is_symlink()
    assert any("left alone" in note.text() for note in result.notes)


def test_a_move_never_writes_through_a_linked_folder(archive: Archive, tmp_path: Path) -> None:
    repo = repo_of(archive)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (repo / "protocols/malmo").symlink_to(elsewhere)
    result = move(archive, OTHER_ID, "malmo/2020-03-01", BOB)
    assert result.changed
    assert list(elsewhere.iterdir()) == []
    assert any("left alone" in note.text() for note in result.notes)


def test_a_change_through_a_file_where_a_folder_should_be_is_refused(archive: Archive) -> None:
    """In the branch, protocols/lank is a link (or a file): a move or restore there would
    replace it with a folder, a delete there names no file. All are refused, and nothing
    is written, not even an object."""
    repo = repo_of(archive)
    (repo / "protocols/lank").symlink_to("/tmp")
    git(repo, "add", "protocols/lank")
    git(repo, "-c", "user.name=C", "-c", "user.email=c@example.org", "commit", "-qm", "link")
    head = archive.tip()
    objects = git(repo, "count-objects", "-v")
    with pytest.raises(BrotuiError, match="protocols/lank in the archive is not a folder"):
        move(archive, SEED_ID, "lank/2020-02-20", BOB)
    with pytest.raises(BrotuiError, match="protocols/lank in the archive is not a folder"):
        remove(archive, "lank/2020-02-20", BOB)
    assert archive.tip() == head and git(repo, "count-objects", "-v") == objects


def test_a_restore_of_what_is_already_there_makes_no_commit(archive: Archive) -> None:
    head = archive.tip()
    result = restore(archive, SEED_ID, "main", BOB)
    assert not result.changed and archive.tip() == head


def test_blame_follows_a_move(archive: Archive) -> None:
    """Parts nobody touched in the move keep the author who wrote them; the date is the
    mover's."""
    from brotui.core.blame import blame

    before = {b.label: b.commit.author for b in blame(archive, SEED_ID)}
    move(archive, SEED_ID, FIXED_ID, CAROL)
    after = {b.label: b.commit.author for b in blame(archive, FIXED_ID)}
    changed = {label for label in after if after[label] != before.get(label)}
    assert changed and all(after[label] == "Carol Carlsson" for label in changed)
    assert len(changed) == 1, changed  # the date alone
    assert "Bob Berg" in after.values() and "Alice Andersson" in after.values()
