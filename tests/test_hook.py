"""The central server's check (brotui.core.hook): real pushes into a bare repository whose
pre-receive hook runs it. Each refusal names the file, the line where there is one,
and the rule, and nothing of a refused push lands."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from brotui.core import codec, hook, sync
from brotui.core.archive import Archive
from tests.central import clone, commit_files, make_central
from tests.conftest import ALICE, BOB, SEED_ID, git
from tests.test_sync import OTHER_ID, dump, edit, seed_protocol, set_role, tip

ADMIN = ("Admin Adminsson", "admin@example.org")
ACCESS = b"""\
servers: [district-a]
councils:
  "*":
    administrators: [admin@example.org]
  hagersten-liljeholmen:
    editors: [alice@example.org]
    readers: [bob@example.org]
  alvsjo:
    editors: [bob@example.org]
"""
SEED_PATH = f"protocols/{SEED_ID}.yaml"
APPROVED_ID = "hagersten-liljeholmen/2020-01-16"
APPROVED_PATH = f"protocols/{APPROVED_ID}.yaml"


@pytest.fixture
def central(tmp_path: Path, seed_bytes: bytes) -> Path:
    repo = make_central(tmp_path / "central.git")
    admin = tmp_path / "admin"
    subprocess.run(["git", "clone", "-q", str(repo), str(admin)], check=True,
                   capture_output=True)
    approved = seed_protocol(seed_bytes, date="2020-01-16")
    approved.status = "approved"
    other = seed_protocol(seed_bytes, "Älvsjö lokala brå", "2020-03-05")
    commit_files(admin, {".brotui.yaml": b"remote: origin\nlanguage: en\n",
                         ".brotui/access.yaml": ACCESS,
                         SEED_PATH: seed_bytes, APPROVED_PATH: dump(approved),
                         f"protocols/{OTHER_ID}.yaml": dump(other)}, "The archive", ADMIN)
    git(admin, "push", "-q", "origin", "HEAD:main")
    return repo


def push(work: Path, *extra: str, env: dict[str, str] | None = None
         ) -> subprocess.CompletedProcess[str]:
    import os

    return subprocess.run(["git", "-C", str(work), "push", *extra, "origin", "HEAD:main"],
                          capture_output=True, text=True, env={**os.environ, **(env or {})})


def test_a_broken_protocol_is_refused_with_file_line_and_rule(
        tmp_path: Path, central: Path) -> None:
    work = clone(str(central), tmp_path / "w")
    before = tip(central)
    text = (work / SEED_PATH).read_text()
    broken = text.replace('end: "17:00"', 'end: "12:00"')
    assert broken != text
    commit_files(work, {SEED_PATH: broken.encode()}, "Broken", (ALICE.name, ALICE.email))
    done = push(work)
    assert done.returncode != 0
    line = next(n for n, x in enumerate(broken.splitlines(), 1) if x.startswith("end:"))
    assert f"{SEED_PATH}:{line}: end: " in done.stderr
    assert "rule invalid" in done.stderr
    assert tip(central) == before


def test_unreadable_yaml_is_refused_too(tmp_path: Path, central: Path) -> None:
    work = clone(str(central), tmp_path / "w")
    commit_files(work, {SEED_PATH: b"schema: 1\ncouncil: [unclosed\n"}, "Broken",
                 (ALICE.name, ALICE.email))
    done = push(work)
    assert done.returncode != 0 and SEED_PATH in done.stderr and "rule invalid" in done.stderr


def test_an_edit_of_approved_minutes_needs_a_correction(tmp_path: Path, central: Path) -> None:
    work = clone(str(central), tmp_path / "w")
    p = codec.load((work / APPROVED_PATH).read_bytes()).protocol
    p.location = "Någon annanstans"
    commit_files(work, {APPROVED_PATH: dump(p)}, "Edit", (ALICE.name, ALICE.email))
    done = push(work)
    assert done.returncode != 0
    assert APPROVED_PATH in done.stderr and "rule approved" in done.stderr
    assert "needs a new correction" in done.stderr
    # The same change with a correction record appended goes in.
    git(work, "reset", "-q", "--hard", "origin/main")
    p.extra["corrections"] = [{"date": "2020-02-01", "who": ALICE.name,
                               "reason": "Fel plats", "summary": "Plats rättad"}]
    commit_files(work, {APPROVED_PATH: dump(p)}, "Correction", (ALICE.name, ALICE.email))
    done = push(work)
    assert done.returncode == 0, done.stderr
    # Rewriting that correction afterwards is refused.
    p.extra["corrections"][0]["reason"] = "Annat skäl"
    commit_files(work, {APPROVED_PATH: dump(p)}, "Rewrite", (ALICE.name, ALICE.email))
    done = push(work)
    assert done.returncode != 0 and "earlier corrections may not be changed" in done.stderr


def test_deleting_approved_minutes_is_refused(tmp_path: Path, central: Path) -> None:
    work = clone(str(central), tmp_path / "w")
    commit_files(work, {APPROVED_PATH: None}, "Delete", (ALICE.name, ALICE.email))
    done = push(work)
    assert done.returncode != 0 and "cannot be deleted" in done.stderr


def git_edit(work: Path, protocol_id: str, who: tuple[str, str], role: str) -> None:
    """A change made with plain git, as brotui's own write would refuse it (the access
    file is asked by every brotui write): what the central server's check is for."""
    p = Archive(work).load(protocol_id)
    p.attendees[0].role = role
    commit_files(work, {f"protocols/{protocol_id}.yaml": dump(p)}, "By hand", author=who)


def test_a_commit_by_a_reader_is_refused(tmp_path: Path, central: Path) -> None:
    work = clone(str(central), tmp_path / "w")
    git_edit(work, SEED_ID, (BOB.name, BOB.email), "Roll Bob")  # Bob only reads this council
    done = push(work)
    assert done.returncode != 0
    assert f"{SEED_PATH}: " in done.stderr and "rule access" in done.stderr
    assert "may only read the minutes of hagersten-liljeholmen" in done.stderr
    assert "Bob Berg <bob@example.org>" in done.stderr


def test_an_editor_of_one_council_cannot_change_another(tmp_path: Path, central: Path) -> None:
    work = clone(str(central), tmp_path / "w")
    git_edit(work, OTHER_ID, (ALICE.name, ALICE.email), "Roll Alice")  # edits Hägersten only
    done = push(work)
    assert done.returncode != 0
    assert f"protocols/{OTHER_ID}.yaml" in done.stderr and "rule access" in done.stderr
    assert "is not named in .brotui/access.yaml for alvsjo" in done.stderr
    # Her own council's minutes go in.
    work2 = clone(str(central), tmp_path / "w2")
    edit(Archive(work2), SEED_ID, ALICE, set_role(0, "Roll Alice"))
    assert push(work2).returncode == 0


def test_only_an_administrator_changes_the_access_file(tmp_path: Path, central: Path) -> None:
    work = clone(str(central), tmp_path / "w")
    grant = ACCESS.replace(b"readers: [bob@example.org]", b"editors: [bob@example.org]")
    commit_files(work, {".brotui/access.yaml": grant}, "Grant", (BOB.name, BOB.email))
    done = push(work)
    assert done.returncode != 0
    assert ".brotui/access.yaml: " in done.stderr and "Only an administrator" in done.stderr
    work2 = clone(str(central), tmp_path / "w2")
    commit_files(work2, {".brotui/access.yaml": grant}, "Grant", ADMIN)
    assert push(work2).returncode == 0


def test_a_broken_access_file_is_refused_with_its_line(tmp_path: Path, central: Path) -> None:
    work = clone(str(central), tmp_path / "w")
    commit_files(work, {".brotui/access.yaml": b"councils:\n  alvsjo:\n    writers: [x]\n"},
                 "Broken", ADMIN)
    done = push(work)
    assert done.returncode != 0
    assert ".brotui/access.yaml:3: " in done.stderr and "rule access-file" in done.stderr
    assert "writers is not a role" in done.stderr


def test_files_outside_the_layout_are_refused(tmp_path: Path, central: Path) -> None:
    work = clone(str(central), tmp_path / "w")
    commit_files(work, {"notes/secret.txt": b"x\n"}, "Outside", ADMIN)
    done = push(work)
    assert done.returncode != 0
    assert "notes/secret.txt: " in done.stderr and "rule layout" in done.stderr
    work2 = clone(str(central), tmp_path / "w2")
    (work2 / "protocols" / "link.yaml").symlink_to("/etc/passwd")
    git(work2, "add", "protocols/link.yaml")
    git(work2, "-c", "user.name=A", "-c", "user.email=admin@example.org", "commit", "-qm", "L")
    done = push(work2)
    assert done.returncode != 0 and "rule layout" in done.stderr


def test_attachments_and_readme_are_within_the_layout(tmp_path: Path, central: Path) -> None:
    work = clone(str(central), tmp_path / "w")
    commit_files(work, {f"protocols/{SEED_ID}.files/Bildspel.pdf": b"%PDF-1.4\n",
                        "README.md": b"# Arkivet\n"}, "Files", ADMIN)
    done = push(work)
    assert done.returncode == 0, done.stderr
    commit_files(work, {f"protocols/{SEED_ID}.files/.hidden": b"x"}, "Hidden", ADMIN)
    done = push(work)
    assert done.returncode != 0 and "is not safe" in done.stderr


def test_a_rewrite_and_a_deletion_of_the_branch_are_refused(
        tmp_path: Path, central: Path) -> None:
    work = clone(str(central), tmp_path / "w")
    edit(Archive(work), SEED_ID, ALICE, set_role(0, "Roll Alice"))
    assert push(work).returncode == 0
    before = tip(central)
    git(work, "reset", "-q", "--hard", "HEAD~1")
    edit(Archive(work), SEED_ID, ALICE, set_role(0, "Roll Alice 2"))
    done = push(work, "--force")
    assert done.returncode != 0 and "rule rewrite" in done.stderr
    assert "not a fast-forward" in done.stderr
    done = subprocess.run(["git", "-C", str(work), "push", "origin", ":main"],
                          capture_output=True, text=True)
    assert done.returncode != 0 and "rule delete" in done.stderr
    assert tip(central) == before


def test_other_branches_are_refused_and_tags_only_made(tmp_path: Path, central: Path) -> None:
    work = clone(str(central), tmp_path / "w")
    done = subprocess.run(["git", "-C", str(work), "push", "origin", "HEAD:refs/heads/other"],
                          capture_output=True, text=True)
    assert done.returncode != 0 and "rule ref" in done.stderr
    git(work, "tag", "v1")
    assert subprocess.run(["git", "-C", str(work), "push", "origin", "v1"],
                          capture_output=True).returncode == 0
    done = subprocess.run(["git", "-C", str(work), "push", "origin", ":refs/tags/v1"],
                          capture_output=True, text=True)
    assert done.returncode != 0 and "never moved or deleted" in done.stderr


def test_the_pusher_must_be_allowed_unless_it_is_a_server(
        tmp_path: Path, central: Path) -> None:
    """Bob (who may only read Hägersten's minutes) pushes Alice's edit: refused as the
    pusher; the same push by a district server account goes in."""
    work = clone(str(central), tmp_path / "w")
    commit = edit(Archive(work), SEED_ID, ALICE, set_role(0, "Roll Alice"))
    old = tip(central)
    lines = [f"{old} {commit} refs/heads/main"]
    git(central, "fetch", "-q", str(work), "main")  # the objects, as a push brings them
    refused = hook.pre_receive(central, lines, {"REMOTE_USER": "bob@example.org"})
    assert [r.rule for r in refused] == ["access-pusher"]
    assert refused[0].path == SEED_PATH
    assert hook.pre_receive(central, lines, {"REMOTE_USER": "district-a"}) == []
    assert hook.pre_receive(central, lines, {"GITEA_PUSHER_EMAIL": "alice@example.org"}) == []
    assert hook.pre_receive(central, lines, {}) == []


def test_the_sync_merge_of_another_council_is_accepted(tmp_path: Path, central: Path) -> None:
    """A merge commit made by sync holds a protocol merged field by field: nobody wrote
    anything new, so its author (whoever's save triggered the sync) needs no right there."""
    a = Archive(clone(str(central), tmp_path / "a"))
    b = Archive(clone(str(central), tmp_path / "b"))
    edit(a, OTHER_ID, BOB, set_role(0, "Roll Bob"))  # Bob edits Älvsjö
    assert sync.after_save(a, BOB).ok
    edit(b, OTHER_ID, BOB, set_role(1, "Roll Bob 2"))
    edit(b, SEED_ID, ALICE, set_role(2, "Roll Alice"))
    report = sync.after_save(b, ALICE)  # Alice's save triggers the merge of Älvsjö's minutes
    assert report.ok, report.lines()
    assert report.integrations[0].merged == [OTHER_ID]
    assert git(central, "log", "-1", "--format=%ae").strip() == ALICE.email


def test_a_hand_made_merge_is_its_authors_work(tmp_path: Path, central: Path) -> None:
    a = clone(str(central), tmp_path / "a")
    b = clone(str(central), tmp_path / "b")
    edit(Archive(a), OTHER_ID, BOB, set_role(0, "Roll Bob"))
    assert push(a).returncode == 0
    edit(Archive(b), OTHER_ID, BOB, set_role(1, "Roll Bob 2"))
    git(b, "fetch", "-q", "origin")
    git(b, "-c", "user.name=Alice", "-c", f"user.email={ALICE.email}", "merge", "-q",
        "--no-ff", "-s", "ours", "-m", "merge", "origin/main")
    p = codec.load((b / f"protocols/{OTHER_ID}.yaml").read_bytes()).protocol
    p.attendees[3].role = "Roll Alice"
    commit_files(b, {f"protocols/{OTHER_ID}.yaml": dump(p)}, "x", (ALICE.name, ALICE.email))
    git(b, "reset", "-q", "--soft", "HEAD~1")
    git(b, "-c", "user.name=Alice", "-c", f"user.email={ALICE.email}", "commit", "-q",
        "--amend", "--no-edit")
    done = push(b)
    assert done.returncode != 0 and "rule access" in done.stderr


def test_the_hook_speaks_swedish_unless_the_archive_says_otherwise(
        tmp_path: Path, central: Path) -> None:
    import io

    work = clone(str(central), tmp_path / "w")
    commit_files(work, {".brotui.yaml": b"remote: origin\n"}, "Svenska", ADMIN)
    assert push(work).returncode == 0
    commit_files(work, {"anteckningar.txt": b"x\n"}, "Utanför", ADMIN)
    git(central, "fetch", "-q", str(work), "main")
    old, new = tip(central), git(work, "rev-parse", "HEAD").strip()
    err = io.StringIO()
    code = hook.run_pre_receive(io.BytesIO(f"{old} {new} refs/heads/main\n".encode()), err,
                                {}, central)
    assert code == 1
    assert err.getvalue().splitlines() == [
        "brotui: centralservern tar inte emot detta:",
        "anteckningar.txt: anteckningar.txt hör inte till arkivet: protokoll ligger i "
        "protocols/<råd>/<datum>.yaml, bilagor i protocols/<råd>/<datum>.files/. "
        f"(regel layout; commit {new[:10]} av Admin Adminsson <admin@example.org>)"]


def test_the_hook_fails_closed(tmp_path: Path, central: Path) -> None:
    import io

    err = io.StringIO()
    code = hook.run_pre_receive(io.BytesIO(b"0 1 refs/heads/main\n"), err, {}, central)
    assert code == 1
    [line] = err.getvalue().splitlines()  # one sentence, in the archive's language
    assert line.startswith("brotui: the check could not be made (")
    assert line.endswith("; the push was not accepted.")
    assert "Traceback" not in err.getvalue()
