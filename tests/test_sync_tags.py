"""The justering tags travel with sync (issue 14): the tag the last signature makes reaches
the central server after the branch, the server's come into every clone, and the server
takes a `justerat/<id>` tag only on a commit where those minutes are approved, never
moved or deleted. Real bare repositories with the real hook; signing keys made by
ssh-keygen; `git tag -v` and `brotui verify` on the other clone."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from brotui.core import codec, sync
from brotui.core.archive import Archive
from brotui.core.justering.sign import review, sign
from tests.central import clone, commit_files, make_central
from tests.conftest import ALICE, SEED_ID, Result, git
from tests.test_justering import ADJUSTER, CHAIR, as_

TAG = f"justerat/{SEED_ID}"
PATH = f"protocols/{SEED_ID}.yaml"


@pytest.fixture
def central(tmp_path: Path, seed_bytes: bytes) -> Path:
    """A central bare repository with the check, holding the seed minutes with an
    adjuster named and `sync: on-save` settings."""
    repo = make_central(tmp_path / "central.git")
    admin = tmp_path / "admin"
    subprocess.run(["git", "clone", "-q", str(repo), str(admin)], check=True,
                   capture_output=True)
    p = codec.load(seed_bytes).protocol
    assert p is not None
    p.adjusters = [ADJUSTER.name]
    commit_files(admin, {".brotui.yaml": b"remote: origin\nsync: on-save\nlanguage: en\n",
                         PATH: codec.dump(p).encode()}, "The archive")
    git(admin, "push", "-q", "origin", "HEAD:main")
    return repo


def signing_key(tmp_path: Path, repo: Path) -> Path:
    """Give `repo` an SSH signing key (as an archive's server has); the allowed-signers
    file that trusts it."""
    key = tmp_path / "archive_key"
    if not key.exists():
        subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "archive", "-f",
                        str(key)], check=True)
    allowed = tmp_path / "allowed_signers"
    allowed.write_text(f"brotui@example.org {(tmp_path / 'archive_key.pub').read_text()}")
    for name, value in (("gpg.format", "ssh"), ("user.signingkey", str(key)),
                        ("gpg.ssh.allowedSignersFile", str(allowed)),
                        ("user.name", "Arkivet"), ("user.email", "brotui@example.org")):
        git(repo, "config", name, value)
    return allowed


def central_tag(central: Path) -> str | None:
    done = subprocess.run(["git", "-C", str(central), "rev-parse", "-q", "--verify",
                           f"refs/tags/{TAG}"], capture_output=True, text=True)
    return done.stdout.strip() or None


def test_the_last_signature_pushes_its_tag_and_the_other_clone_verifies_it(
        tmp_path: Path, central: Path, cli: Callable[..., Result]) -> None:
    a = clone(str(central), tmp_path / "a")
    b = clone(str(central), tmp_path / "b")
    signing_key(tmp_path, a)
    allowed = signing_key(tmp_path, b)  # b trusts the same archive key (its own config)
    repo = str(a)
    assert cli("review", SEED_ID, "--repo", repo, "--author", as_(ALICE)).code == 0
    assert cli("sign", SEED_ID, "--repo", repo, "--author", as_(CHAIR)).code == 0
    assert central_tag(central) is None
    last = cli("sign", SEED_ID, "--repo", repo, "--author", as_(ADJUSTER))
    assert last.code == 0, last.err
    # The signature's push carried the branch and the tag, the very tag object made here.
    assert git(central, "rev-parse", "main").strip() == git(a, "rev-parse", "HEAD").strip()
    assert central_tag(central) == git(a, "rev-parse", f"refs/tags/{TAG}").strip()

    done = cli("sync", "--repo", str(b))
    assert done.code == 0, done.err
    assert f"Fetched the justering tag {TAG}" in done.out + done.err
    verified = subprocess.run(["git", "-C", str(b), "tag", "-v", TAG], capture_output=True,
                              text=True)
    assert verified.returncode == 0, verified.stderr
    assert 'Good "git" signature for brotui@example.org' in verified.stderr
    ok = cli("verify", "--repo", str(b))
    assert ok.code == 0 and f"the tag {TAG} verifies" in ok.out, ok.err
    assert allowed.exists()


def test_a_tag_made_during_an_outage_goes_with_the_next_sync(
        tmp_path: Path, central: Path, cli: Callable[..., Result]) -> None:
    a_path = clone(str(central), tmp_path / "a")
    away = central.with_name("away.git")
    archive = Archive(a_path)
    review(archive, SEED_ID, ALICE)
    sign(archive, SEED_ID, CHAIR)
    assert sync.push(archive).pending == 0
    central.rename(away)  # the server is gone
    done = sign(Archive(a_path), SEED_ID, ADJUSTER)
    assert done.approved and done.tag == TAG
    report = sync.after_save(Archive(a_path), ADJUSTER)
    assert report.error is not None and report.error.kind == "unreachable"
    away.rename(central)
    assert central_tag(central) is None
    # sync --status counts the tag beside the save (the signature's commit) that wait.
    waiting = cli("sync", "--status", "--repo", str(a_path))
    assert waiting.code == 0, waiting.err
    assert "Not yet on the central server: 1 save." in waiting.out
    assert f"One justering tag is not yet on the central server: {TAG}." in waiting.out
    as_json = cli("sync", "--status", "--format", "json", "--repo", str(a_path))
    assert json.loads(as_json.out)["tags_pending"] == [TAG]
    again = cli("sync", "--repo", str(a_path))
    assert again.code == 0, again.err
    assert f"Sent the justering tag {TAG}" in again.out + again.err
    assert central_tag(central) == git(a_path, "rev-parse", f"refs/tags/{TAG}").strip()
    # Nothing is pushed twice: the next sync has no tag to send.
    quiet = sync.sync(Archive(a_path))
    assert quiet.ok and quiet.tags_pushed == [] and quiet.tags_fetched == []
    after = cli("sync", "--status", "--repo", str(a_path)).out
    assert "justering tag" not in after and "Every save is on the central server." in after


def test_a_tag_on_unapproved_minutes_is_refused_and_none_is_moved_or_deleted(
        tmp_path: Path, central: Path) -> None:
    a_path = clone(str(central), tmp_path / "a")
    archive = Archive(a_path)
    review(archive, SEED_ID, ALICE)
    git(a_path, "tag", "-a", "-m", "too early", TAG, "HEAD")  # in review, not approved
    report = sync.sync(archive)
    assert report.error is not None and report.error.kind == "refused"
    assert git(central, "rev-parse", "main").strip() == git(a_path, "rev-parse", "HEAD").strip()
    said = " ".join(report.lines())
    assert f"did not accept the justering tags {TAG}" in said
    assert f"the minutes {SEED_ID} are not approved" in said
    assert central_tag(central) is None

    git(a_path, "tag", "-d", TAG)
    sign(archive, SEED_ID, CHAIR)
    git(a_path, "tag", TAG, "HEAD")  # a lightweight tag: refused too
    report = sync.sync(Archive(a_path))
    assert report.error is not None and "must be an annotated tag" in " ".join(report.lines())
    assert central_tag(central) is None

    git(a_path, "tag", "-d", TAG)
    signed = sign(Archive(a_path), SEED_ID, ADJUSTER)  # approves, tags; pushed by sync
    assert signed.tag == TAG
    assert sync.sync(Archive(a_path)).tags_pushed == [TAG]
    kept = central_tag(central)
    assert kept is not None
    for refspec, args in ((f"HEAD~1:refs/tags/{TAG}", ["-f"]), (f":refs/tags/{TAG}", [])):
        done = subprocess.run(["git", "-C", str(a_path), "push", *args, "origin", refspec],
                              capture_output=True, text=True)
        assert done.returncode != 0 and "never moved or deleted" in done.stderr
    assert central_tag(central) == kept


def test_a_tag_that_differs_from_the_servers_is_left_alone_and_said(
        tmp_path: Path, central: Path) -> None:
    """Two archives tagged the same approval differently (each made its own tag object):
    sync changes neither and says so."""
    a_path = clone(str(central), tmp_path / "a")
    archive = Archive(a_path)
    review(archive, SEED_ID, ALICE)
    sign(archive, SEED_ID, CHAIR)
    sign(archive, SEED_ID, ADJUSTER)
    assert sync.sync(Archive(a_path)).tags_pushed == [TAG]
    b = clone(str(central), tmp_path / "b")
    theirs = git(b, "rev-parse", f"refs/tags/{TAG}").strip()
    git(b, "tag", "-d", TAG)
    git(b, "tag", "-a", "-m", "another", TAG, "HEAD")
    mine = git(b, "rev-parse", f"refs/tags/{TAG}").strip()
    report = sync.sync(Archive(b))
    assert report.tag_clashes == [TAG] and report.tags_pushed == []
    assert f"The tag {TAG} is here and on" in " ".join(report.lines())
    assert git(b, "rev-parse", f"refs/tags/{TAG}").strip() == mine
    assert central_tag(central) == theirs
