"""Sync with a central server: push after a save, outages, fast-forwards, merges, conflicts.

Real repositories only: a bare central repository over a file path (the plain case), and
in test_sync_http.py a real HTTP server. What a user notices: a save always lands here,
reaches the central server when it answers, others' saves come in without a word lost,
and what cannot be merged is recorded for the person who saved it.
"""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

import pytest

from brotui.core import codec, ops, sync
from brotui.core.archive import Archive
from brotui.core.identity import Identity
from brotui.core.model import Protocol
from tests.central import clone, commit_files, make_central, reflog_updates
from tests.conftest import ALICE, BOB, SEED_ID, git

OTHER_ID = "alvsjo/2020-03-05"
SETTINGS = b"remote: origin\nsync: on-save\n"


def seed_protocol(seed_bytes: bytes, council: str | None = None,
                  date: str | None = None) -> Protocol:
    p = codec.load(seed_bytes).protocol
    assert p is not None
    if council:
        p.council = council
    if date:
        import datetime as dt

        p.date = dt.date.fromisoformat(date)
    return p


def dump(p: Protocol) -> bytes:
    return codec.dump(p).encode("utf-8")


@pytest.fixture
def central(tmp_path: Path, seed_bytes: bytes) -> Path:
    """A central bare repository (with the check) holding the seed minutes, another
    council's minutes and the sync settings."""
    repo = make_central(tmp_path / "central.git")
    admin = tmp_path / "admin"
    subprocess.run(["git", "clone", "-q", str(repo), str(admin)], check=True,
                   capture_output=True)
    other = seed_protocol(seed_bytes, "Älvsjö lokala brå", "2020-03-05")
    commit_files(admin, {".brotui.yaml": SETTINGS, f"protocols/{SEED_ID}.yaml": seed_bytes,
                         f"protocols/{OTHER_ID}.yaml": dump(other)}, "The archive")
    git(admin, "push", "-q", "origin", "HEAD:main")
    return repo


def edit(archive: Archive, protocol_id: str, author: Identity, change) -> str:
    """Read the protocol at the tip, change it, save it from that revision; the commit."""
    tip = archive.tip()
    p = archive.load(protocol_id)
    change(p)
    result = ops.save(archive, protocol_id, p, author, base=tip)
    assert result.commit
    return result.commit


def tip(repo: Path) -> str:
    return git(repo, "rev-parse", "refs/heads/main").strip()


def role(repo: Path, protocol_id: str, index: int, rev: str = "main") -> str | None:
    data = git(repo, "show", f"{rev}:protocols/{protocol_id}.yaml").encode()
    p = codec.load(data).protocol
    assert p is not None
    return p.attendees[index].role


def set_role(index: int, value: str):
    def change(p: Protocol) -> None:
        p.attendees[index].role = value
    return change


def test_a_save_reaches_the_central_server(tmp_path: Path, central: Path) -> None:
    a = Archive(clone(str(central), tmp_path / "a"))
    commit = edit(a, SEED_ID, ALICE, set_role(0, "Roll Alice"))
    report = sync.after_save(a, ALICE)
    assert report.ok and report.pushed == 1 and report.pending == 0
    assert tip(central) == commit
    assert sync.status(a).pending == 0
    assert sync.status(a).title() is None


def test_an_unreachable_server_queues_the_saves_and_they_go_later(
        tmp_path: Path, central: Path) -> None:
    a = Archive(clone(str(central), tmp_path / "a"))
    before = tip(central)
    away = central.with_name("away.git")
    central.rename(away)  # the server is gone (a path that no longer answers)
    first = edit(a, SEED_ID, ALICE, set_role(0, "Roll Alice"))
    report = sync.after_save(a, ALICE)
    assert report.error is not None and report.error.kind == "unreachable"
    assert "could not be reached" in report.error.message
    second = edit(a, SEED_ID, BOB, set_role(1, "Roll Bob"))
    sync.after_save(a, BOB)
    status = sync.status(a)
    assert status.pending == 2
    assert status.title() == "not yet on the central server: 2 saves"
    assert status.last_error is not None and status.last_error.kind == "unreachable"
    assert any("could not be reached" in line for line in status.lines())
    away.rename(central)
    assert tip(central) == before  # nothing arrived while it was away
    report = sync.sync(a, ALICE)
    assert report.ok and report.pushed == 2 and report.pending == 0
    assert tip(central) == second
    assert git(central, "rev-list", "--count", f"{first}^..{second}").strip() == "2"
    status = sync.status(a)
    assert status.pending == 0 and status.last_error is None and status.last_contact


def test_manual_sync_does_not_push_after_a_save(tmp_path: Path, central: Path) -> None:
    path = clone(str(central), tmp_path / "a")
    commit_files(path, {".brotui.yaml": b"remote: origin\nsync: manual\n"}, "Manual")
    a = Archive(path)
    edit(a, SEED_ID, ALICE, set_role(0, "Roll Alice"))
    report = sync.after_save(a, ALICE)
    assert not report.ran
    assert sync.status(a).pending == 2
    assert sync.sync(a, ALICE).pushed == 2


def test_others_saves_come_in_as_a_fast_forward_with_the_work_tree(
        tmp_path: Path, central: Path) -> None:
    a = Archive(clone(str(central), tmp_path / "a"))
    b = Archive(clone(str(central), tmp_path / "b"))
    commit = edit(a, SEED_ID, ALICE, set_role(0, "Roll Alice"))
    sync.after_save(a, ALICE)
    report = sync.fetch(b, BOB)
    assert report.ok and [i.kind for i in report.integrations] == ["fast-forward"]
    assert tip(b.work_tree) == commit
    assert git(b.work_tree, "status", "--porcelain") == ""
    on_disk = (b.work_tree / f"protocols/{SEED_ID}.yaml").read_bytes()
    assert codec.load(on_disk).protocol.attendees[0].role == "Roll Alice"


def test_saves_on_both_sides_merge_and_nothing_is_rewritten(
        tmp_path: Path, central: Path) -> None:
    a = Archive(clone(str(central), tmp_path / "a"))
    b = Archive(clone(str(central), tmp_path / "b"))
    mine = edit(a, SEED_ID, ALICE, set_role(0, "Roll Alice"))
    sync.after_save(a, ALICE)
    theirs_other = edit(b, OTHER_ID, BOB, set_role(2, "Roll Rektor"))  # another protocol
    theirs_same = edit(b, SEED_ID, BOB, set_role(1, "Roll Bob"))  # another field
    report = sync.after_save(b, BOB)
    assert report.ok and report.pending == 0
    kinds = [i.kind for i in report.integrations]
    assert kinds == ["merge"]
    merge = report.integrations[0]
    assert merge.merged == [SEED_ID] and merge.conflicts == []
    head = tip(central)
    parents = git(central, "rev-list", "--parents", "-n1", head).split()[1:]
    assert parents == [theirs_same, mine]
    for commit in (mine, theirs_other, theirs_same):
        assert subprocess.run(["git", "-C", str(central), "merge-base", "--is-ancestor",
                               commit, head]).returncode == 0
    assert role(central, SEED_ID, 0) == "Roll Alice"
    assert role(central, SEED_ID, 1) == "Roll Bob"
    assert role(central, OTHER_ID, 2) == "Roll Rektor"
    assert git(b.work_tree, "status", "--porcelain") == ""
    sync.fetch(a, ALICE)
    assert tip(a.work_tree) == head
    for old, new in reflog_updates(central):
        assert set(old) == {"0"} or subprocess.run(
            ["git", "-C", str(central), "merge-base", "--is-ancestor", old, new]).returncode == 0


def test_the_same_field_on_both_sides_is_recorded_for_the_person(
        tmp_path: Path, central: Path) -> None:
    a = Archive(clone(str(central), tmp_path / "a"))
    b = Archive(clone(str(central), tmp_path / "b"))
    edit(a, SEED_ID, ALICE, set_role(0, "Roll Alice"))
    sync.after_save(a, ALICE)
    bobs = edit(b, SEED_ID, BOB, set_role(0, "Roll Bob 2"))
    report = sync.after_save(b, BOB)
    assert report.ok and report.pending == 0
    [conflict] = report.conflicts
    assert conflict.path == f"protocols/{SEED_ID}.yaml" and conflict.kind == "fields"
    assert conflict.people == [(BOB.name, BOB.email)]
    assert [c.oid for c in conflict.commits] == [bobs]
    assert any("Abit Dundar" in label for label in conflict.fields)
    assert role(central, SEED_ID, 0) == "Roll Alice"  # the central server's version stands
    # Bob's version is kept, whole, in the history and named by the record.
    kept = git(central, "cat-file", "blob", conflict.local_blob)
    assert codec.load(kept.encode()).protocol.attendees[0].role == "Roll Bob 2"
    assert [c.id for c in sync.conflicts(b, BOB)] == [conflict.id]
    assert sync.conflicts(b, ALICE) == []
    assert any(conflict.id in line and BOB.email in line for line in sync.status(b).lines())
    assert any("Conflict in" in line for line in report.lines())
    assert sync.dismiss(b, conflict.id, BOB)
    assert sync.conflicts(b) == []


def test_a_save_made_during_an_integration_is_not_lost(
        tmp_path: Path, central: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An integration computed against a tip that moved starts again from the new tip: a
    save lands (in another Archive, as another process would) just after the merge
    commit was made and before the branch is moved."""
    import importlib

    integ = importlib.import_module("brotui.core.sync.integrate")

    a = Archive(clone(str(central), tmp_path / "a"))
    b = Archive(clone(str(central), tmp_path / "b"))
    edit(a, OTHER_ID, ALICE, set_role(0, "Roll Alice"))
    sync.after_save(a, ALICE)
    edit(b, SEED_ID, BOB, set_role(1, "Roll Bob"))
    sync.fetch(b, BOB, wait=True)  # merges
    real = integ._merge
    late: list[str] = []

    def merge_then_save(*args, **kw):
        plan = real(*args, **kw)
        if not late:
            late.append(edit(Archive(b.work_tree), SEED_ID, BOB, set_role(2, "Roll Rektor")))
        return plan

    edit(a, OTHER_ID, ALICE, set_role(3, "Roll Polis"))
    sync.after_save(a, ALICE)
    monkeypatch.setattr(integ, "_merge", merge_then_save)
    report = sync.sync(b, BOB)
    assert report.ok and report.pending == 0
    assert subprocess.run(["git", "-C", str(central), "merge-base", "--is-ancestor", late[0],
                           tip(central)]).returncode == 0
    assert role(central, SEED_ID, 2) == "Roll Rektor" and role(central, OTHER_ID, 3) == "Roll Polis"


def test_a_rewritten_central_branch_is_reported_and_nothing_changes(
        tmp_path: Path, central: Path) -> None:
    a = Archive(clone(str(central), tmp_path / "a"))
    edit(a, SEED_ID, ALICE, set_role(0, "Roll Alice"))
    sync.after_save(a, ALICE)
    here = tip(a.work_tree)
    # An administrator rewrites the central branch by hand (hook out of the way).
    (central / "hooks" / "pre-receive").unlink()
    git(central, "update-ref", "refs/heads/main", f"{here}~1")
    edit(a, SEED_ID, BOB, set_role(1, "Roll Bob"))
    fresh = tmp_path / "fresh"
    subprocess.run(["git", "clone", "-q", str(central), str(fresh)], check=True)
    commit_files(fresh, {"README.md": b"# Rewritten\n"}, "Rewrite")
    git(fresh, "push", "-q", "origin", "HEAD:main")
    report = sync.sync(a, ALICE)
    assert report.error is not None and report.error.kind == "rewritten"
    assert "rewritten" in report.error.message
    assert git(a.work_tree, "rev-parse", "main~1").strip() == here


def test_settings_that_cannot_be_used_are_named(tmp_path: Path, central: Path) -> None:
    path = clone(str(central), tmp_path / "a")
    commit_files(path, {".brotui.yaml": b"remote: --upload-pack=touch /tmp/x\nsync: often\n"
                                        b"interval: -3\n"}, "Bad settings")
    a = Archive(path)
    status = sync.status(a)
    assert not status.enabled
    text = "\n".join(status.lines())
    assert "remote in .brotui.yaml cannot be used" in text
    assert "sync in .brotui.yaml must be on-save or manual" in text
    assert "interval in .brotui.yaml" in text
    assert not sync.sync(a, ALICE).ran


def test_a_remote_given_as_a_path_is_tracked_apart(tmp_path: Path, central: Path) -> None:
    path = clone(str(central), tmp_path / "a")
    commit_files(path, {".brotui.yaml": f"remote: {central}\n".encode()}, "By path")
    a = Archive(path)
    assert sync.status(a).pending == 2  # never fetched under that name: all of it, to be safe
    report = sync.sync(a, ALICE)
    assert report.ok and report.pending == 0
    assert git(path, "rev-parse", "refs/brotui/central/main").strip() == tip(central)


def test_integrating_into_a_bare_archive(tmp_path: Path, central: Path) -> None:
    bare = tmp_path / "b.git"
    subprocess.run(["git", "clone", "-q", "--bare", str(central), str(bare)], check=True)
    subprocess.run(["git", "-C", str(bare), "config", "remote.origin.fetch",
                    "+refs/heads/*:refs/remotes/origin/*"], check=True)
    git(bare, "fetch", "-q", "origin")
    a = Archive(clone(str(central), tmp_path / "a"))
    commit = edit(a, SEED_ID, ALICE, set_role(0, "Roll Alice"))
    sync.after_save(a, ALICE)
    b = Archive(bare)
    report = sync.fetch(b, BOB)
    assert report.ok and tip(bare) == commit



def test_an_edit_of_minutes_approved_meanwhile_is_held_back(
        tmp_path: Path, central: Path) -> None:
    """The central server's minutes were approved while this archive edited them: the
    merge would change approved minutes without a correction, so it keeps the approved
    version and records the edit for its author (the server would refuse it anyway)."""
    a = clone(str(central), tmp_path / "a")
    p = codec.load((a / f"protocols/{SEED_ID}.yaml").read_bytes()).protocol
    p.status = "approved"
    commit_files(a, {f"protocols/{SEED_ID}.yaml": dump(p)}, "Approved", (ALICE.name, ALICE.email))
    git(a, "push", "-q", "origin", "HEAD:main")
    b = Archive(clone(str(central), tmp_path / "b"))
    git(b.work_tree, "reset", "-q", "--hard", "HEAD~1")  # b had not fetched the approval
    git(b.work_tree, "update-ref", "refs/remotes/origin/main", "HEAD")
    bobs = edit(b, SEED_ID, BOB, set_role(3, "Roll Bob"))
    report = sync.sync(b, BOB)
    assert report.ok and report.pending == 0, report.lines()
    [conflict] = report.conflicts
    assert conflict.kind == "approved" and [c.oid for c in conflict.commits] == [bobs]
    kept = codec.load(git(central, "show", f"main:protocols/{SEED_ID}.yaml").encode()).protocol
    assert kept.status == "approved" and kept.attendees[3].role != "Roll Bob"


def test_an_integration_of_many_files_keeps_own_edits_and_writes_as_git_would(
        tmp_path: Path, central: Path) -> None:
    """The work tree after a fetch is brought in step all at once (worktree.sync_files):
    every changed file as git's checkout writes it (here CRLF line ends, the receiving
    server's core.autocrlf), a deleted one gone, a file with the person's own uncommitted
    edit kept as it is and said, and the index clean beside it."""
    a = Archive(clone(str(central), tmp_path / "a"))
    b_path = clone(str(central), tmp_path / "b")
    edit(a, SEED_ID, ALICE, set_role(0, "Roll Alice"))
    edit(a, OTHER_ID, ALICE, set_role(1, "Roll Alice"))
    third = "alvsjo/2020-04-02"
    p = a.load(OTHER_ID)
    p.date = dt.date(2020, 4, 2)
    assert ops.create(a, third, p, ALICE).commit
    sync.after_save(a, ALICE)
    git(b_path, "config", "core.autocrlf", "true")
    mine = b_path / f"protocols/{OTHER_ID}.yaml"
    mine.write_bytes(mine.read_bytes() + b"# my own note, not saved\n")
    b = Archive(b_path)
    report = sync.fetch(b, BOB)
    assert report.ok and [i.kind for i in report.integrations] == ["fast-forward"]
    assert tip(b_path) == tip(a.work_tree)
    seed_file = (b_path / f"protocols/{SEED_ID}.yaml").read_bytes()
    assert b"\r\n" in seed_file and b"Roll Alice" in seed_file
    assert b"\r\n" in (b_path / f"protocols/{third}.yaml").read_bytes()
    assert mine.read_bytes().endswith(b"# my own note, not saved\n")
    assert b"Roll Alice" not in mine.read_bytes()
    assert OTHER_ID in " ".join(n.text("en") for n in report.integrations[0].notes)
    assert git(b_path, "status", "--porcelain") == f" M protocols/{OTHER_ID}.yaml\n"
    assert git(b_path, "diff", "--cached", "--name-only") == ""
    ops.remove(a, third, ALICE)
    sync.after_save(a, ALICE)
    assert sync.fetch(b, BOB).ok
    assert not (b_path / f"protocols/{third}.yaml").exists()
    assert git(b_path, "status", "--porcelain") == f" M protocols/{OTHER_ID}.yaml\n"
