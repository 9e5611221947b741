"""Saves and reads against repositories set up the ways git allows: a branch lock left
behind, a hook that refuses, a reader who may not write, a detached HEAD, CRLF line ends,
a held index lock, another owner's archive, signing required.

Real repositories in temporary folders, real git, the real command line. What a user
notices is judged: the sentence they read (in both languages where it is new), the
branch, the work tree and index as `git status` shows them, the signature as
`git verify-commit` checks it.
"""

from __future__ import annotations

import copy
import os
import shutil
import stat
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from brotui import i18n
from brotui.core import listing, ops
from brotui.core.archive import Archive
from brotui.core.commit import Snapshot, commit_change
from brotui.core.errors import BrotuiError
from brotui.core.model import Protocol
from brotui.core.values import Write
from tests.conftest import ALICE, BOB, SEED_ID, Result, git, without_write_access

PATH = f"protocols/{SEED_ID}.yaml"


def edited(archive: Archive, role: str) -> Protocol:
    protocol = copy.deepcopy(archive.load(SEED_ID))
    protocol.attendees[1].role = role
    return protocol


def head(repo: Path, ref: str = "HEAD") -> str:
    return git(repo, "rev-parse", ref).strip()


def brotui(*args: str, cwd: Path | None = None, env: dict[str, str] | None = None,
           read_only: bool = False, input: bytes | None = None) -> Result:
    """The real command line; `read_only`: as someone whom permissions stop from writing."""
    command = [sys.executable, "-m", "brotui.cli", *args]
    proc = subprocess.run(without_write_access(command) if read_only else command,
                          capture_output=True, cwd=cwd, input=input,
                          env={**os.environ, **(env or {})})
    return Result(proc.returncode, proc.stdout.decode("utf-8", "replace"),
                  proc.stderr.decode("utf-8", "replace"))


# ------------------------------------------- 4: the branch does not move, and why


def test_a_branch_lock_left_behind_is_named_at_once_with_what_to_do(repo: Path) -> None:
    archive = Archive(repo)
    before = head(repo)
    lock = repo / ".git/refs/heads/main.lock"
    lock.write_text("")  # a git killed while moving the branch
    with pytest.raises(BrotuiError) as info:
        ops.save(archive, SEED_ID, edited(archive, "Polisinspektör"), BOB)
    message = info.value.message
    assert str(lock) in message and "remove that file" in message
    assert "busy" not in message
    assert head(repo) == before and git(repo, "status", "--porcelain") == ""
    lock.unlink()
    assert ops.save(archive, SEED_ID, edited(archive, "Polisinspektör"), BOB).changed


def test_the_branch_lock_on_the_command_line_in_swedish(repo: Path) -> None:
    (repo / ".git/refs/heads/main.lock").write_text("")
    result = brotui("--lang", "sv", "--repo", str(repo), "--author", str(BOB), "put", SEED_ID,
                    input=(repo / PATH).read_bytes().replace(b"Kommunpolis", b"Polis"))
    assert result.code == 1
    assert f"Grenen main är låst av filen {repo}/.git/refs/heads/main.lock" in result.err
    assert "ta bort filen och spara igen. Inget sparades." in result.err


def test_a_lock_a_running_git_lets_go_of_is_waited_for(repo: Path) -> None:
    """Another git holding the branch's lock for a moment (a `git gc` packing refs)."""
    archive = Archive(repo)
    lock = repo / ".git/refs/heads/main.lock"
    lock.write_text("")
    release = threading.Timer(0.2, lock.unlink)
    release.start()
    result = ops.save(archive, SEED_ID, edited(archive, "Polisinspektör"), BOB)
    release.join()
    assert result.changed and head(repo) == result.commit


def test_a_refusing_hook_is_said_at_once_in_its_own_words(repo: Path) -> None:
    archive = Archive(repo)
    before = head(repo)
    calls = repo.parent / "hook-calls"
    hook = repo / ".git/hooks/reference-transaction"
    hook.write_text(f'#!/bin/sh\necho "$1" >> {calls}\n'
                    'echo "main is frozen until the meeting" >&2\nexit 1\n')
    hook.chmod(0o755)
    with pytest.raises(BrotuiError) as info:
        ops.save(archive, SEED_ID, edited(archive, "Polisinspektör"), BOB)
    assert info.value.message == ("git did not move the branch main: main is frozen until "
                                  "the meeting; ref updates aborted by hook. "
                                  "Nothing was saved.")
    # One attempt (git runs the hook as it prepares and as it aborts), not two hundred.
    assert calls.read_text().split() == ["prepared", "aborted"]
    assert head(repo) == before
    i18n.set_language("sv")
    with pytest.raises(BrotuiError, match=r"^git flyttade inte grenen main: main is frozen"):
        ops.save(archive, SEED_ID, edited(archive, "Polisinspektör"), BOB)


def test_a_lost_compare_and_swap_is_still_tried_again(repo: Path) -> None:
    """Someone else's git moves the branch between the snapshot and the swap: the save
    plans again on the new tip and lands on top of it, losing neither commit."""
    archive = Archive(repo)
    other = repo.parent / "other.txt"
    seen: list[str | None] = []

    def plan(snap: Snapshot) -> Write:
        seen.append(snap.commit)
        if len(seen) == 1:  # another git commits to main right now
            other.write_text("x")
            blob = subprocess.run(["git", "-C", str(repo), "hash-object", "-w", str(other)],
                                  check=True, capture_output=True, text=True).stdout.strip()
            tree = subprocess.run(["git", "-C", str(repo), "mktree"], check=True, text=True,
                                  capture_output=True, input=git(repo, "ls-tree", "HEAD")
                                  + f"100644 blob {blob}\tother.txt\n").stdout.strip()
            commit = git(repo, "commit-tree", tree, "-p", "HEAD", "-m", "other",
                         env={"GIT_AUTHOR_NAME": "X", "GIT_AUTHOR_EMAIL": "x@x",
                              "GIT_COMMITTER_NAME": "X", "GIT_COMMITTER_EMAIL": "x@x"}).strip()
            git(repo, "update-ref", "refs/heads/main", commit)
        return Write({PATH: (repo / PATH).read_bytes().replace(b"Kommunpolis", b"Polis")},
                     "role\n")

    result = commit_change(archive, SEED_ID, [PATH], plan, BOB)
    assert len(seen) == 2 and seen[0] != seen[1]
    assert result.parent == seen[1] and head(repo) == result.commit
    assert git(repo, "log", "--format=%s", "-2").split() == ["role", "other"]


# ------------------------------------------------ 8: a reader who may not write


@pytest.fixture
def read_only_repo(repo: Path) -> Iterator[Path]:
    """The archive with its git directory (objects, refs, brotui's state) unwritable,
    as for a reader with read access only; writable again afterwards, to be cleaned up."""
    listing.entries(Archive(repo))  # the state folder exists, as on an archive in use
    shutil.rmtree(repo / ".git/brotui/")  # and a case where it cannot even be made:
    git_dir = repo / ".git"
    modes = {}
    for path in [git_dir, *git_dir.rglob("*")]:
        modes[path] = path.lstat().st_mode
        if not path.is_symlink():
            path.chmod(stat.S_IMODE(modes[path]) & ~0o222)
    probe = subprocess.run(without_write_access(["sh", "-c", f"touch {git_dir}/probe"]),
                           capture_output=True)
    assert probe.returncode != 0, "the test's reader could write: the test would prove nothing"
    yield repo
    for path, mode in modes.items():
        path.chmod(stat.S_IMODE(mode))


@pytest.mark.parametrize("state", ["missing", "unwritable"])
def test_a_read_only_archive_lists_searches_and_shows_its_deletions(
        read_only_repo: Path, state: str) -> None:
    repo = read_only_repo
    if state == "unwritable":  # made by its owner earlier, caches and all
        (repo / ".git").chmod(0o755)
        assert brotui("--repo", str(repo), "search", "samverkan").code == 0
        assert brotui("--repo", str(repo), "log", "--deleted").code == 0
        for path in [repo / ".git", *(repo / ".git/brotui").rglob("*"), repo / ".git/brotui"]:
            path.chmod(stat.S_IMODE(path.stat().st_mode) & ~0o222)
    listed = brotui("--repo", str(repo), "list", read_only=True)
    assert listed.code == 0 and listed.err == ""
    assert SEED_ID in listed.out
    found = brotui("--repo", str(repo), "search", "samverkan", read_only=True)
    assert found.code == 0 and f"{SEED_ID}  §2" in found.out
    deleted = brotui("--repo", str(repo), "log", "--deleted", read_only=True)
    assert deleted.code == 0 and "No deleted minutes." in deleted.err + deleted.out
    shown = brotui("--repo", str(repo), "show", SEED_ID, read_only=True)
    assert shown.code == 0 and "Hägersten-Liljeholmens" in shown.out


def test_a_save_in_a_read_only_archive_says_so(read_only_repo: Path) -> None:
    repo = read_only_repo
    before = head(repo)
    content = (repo / PATH).read_bytes().replace(b"Kommunpolis", b"Polis")
    for lang, sentence in (
            ("en", f"The archive {repo} is read-only for you: you may read it but not save "
                   "in it (you may not write in its git directory). Nothing was saved."),
            ("sv", f"Arkivet {repo} är skrivskyddat för dig: du kan läsa det men inte spara "
                   "i det (du får inte skriva i dess git-katalog). Inget sparades.")):
        result = brotui("--lang", lang, "--repo", str(repo), "--author", str(BOB), "put",
                        SEED_ID, input=content, read_only=True)
        assert (result.code, result.err.strip()) == (1, sentence)
    assert head(repo) == before


def test_objects_that_cannot_be_written_say_read_only_too(repo: Path) -> None:
    """brotui's own folder writable, git's object database not (a group set up by hand)."""
    (repo / ".git/brotui").mkdir(exist_ok=True)
    objects = repo / ".git/objects"
    modes = {p: p.stat().st_mode for p in [objects, *objects.rglob("*")] if p.is_dir()}
    for path, mode in modes.items():
        path.chmod(stat.S_IMODE(mode) & ~0o222)
    try:
        result = brotui("--repo", str(repo), "--author", str(BOB), "put", SEED_ID,
                        input=(repo / PATH).read_bytes().replace(b"Kommunpolis", b"Polis"),
                        read_only=True)
    finally:
        for path, mode in modes.items():
            path.chmod(stat.S_IMODE(mode))
    assert result.code == 1 and "is read-only for you" in result.err


# ---------------------------------------------------------- 10: a detached HEAD


def _detached_clone(repo: Path, at: str = "HEAD", keep_main: bool = True) -> Path:
    clone = repo.parent / "clone"
    subprocess.run(["git", "clone", "-q", str(repo), str(clone)], check=True)
    git(clone, "checkout", "-q", "--detach", at)
    if not keep_main:
        git(clone, "branch", "-q", "-D", "main")
    return clone


def test_a_detached_head_without_main_is_read_and_not_saved_to(repo: Path) -> None:
    clone = _detached_clone(repo, keep_main=False)
    archive = Archive(clone)
    assert [e.id for e in listing.entries(archive)] == [SEED_ID]
    before = git(clone, "for-each-ref")
    with pytest.raises(BrotuiError) as info:
        ops.save(archive, SEED_ID, edited(archive, "Polisinspektör"), BOB)
    short = head(clone)[:10]
    assert info.value.message == (
        f"HEAD in {clone} is the commit {short}, not a branch (a detached HEAD): brotui "
        "shows what it holds but saves nothing there. Switch to a branch (git switch main), "
        "or name the branch to save to in .brotui.yaml (branch: main). Nothing was saved.")
    assert git(clone, "for-each-ref") == before  # no new main, no root commit
    assert git(clone, "status", "--porcelain") == ""


def test_a_detached_checkout_shows_what_it_holds_and_is_never_rewritten(repo: Path) -> None:
    archive = Archive(repo)
    ops.save(archive, SEED_ID, edited(archive, "Polisinspektör"), BOB)
    clone = _detached_clone(repo, at="HEAD~1")
    old = Archive(clone)
    assert old.load(SEED_ID).attendees[1].role == "Kommunpolis"  # what the checkout has
    listed = brotui("--repo", str(clone), "list", "--format", "json")
    assert listed.code == 0 and head(clone) in listed.out
    main, copy_before = head(clone, "main"), (clone / PATH).read_bytes()
    result = brotui("--lang", "sv", "--repo", str(clone), "--author", str(ALICE), "put",
                    SEED_ID, input=copy_before.replace(b"Kommunpolis", b"Polis"))
    assert result.code == 1
    assert result.err.startswith(f"HEAD i {clone} pekar på commit {head(clone)[:10]}, inte "
                                 "på en gren (detached HEAD)")
    assert (clone / PATH).read_bytes() == copy_before
    assert git(clone, "status", "--porcelain") == "" and head(clone, "main") == main


def test_a_detached_head_saves_to_the_branch_the_settings_name(repo: Path) -> None:
    (repo / ".brotui.yaml").write_text("branch: main\n")
    git(repo, "add", ".brotui.yaml")
    git(repo, "commit", "-q", "-m", "settings", env={
        "GIT_AUTHOR_NAME": "A", "GIT_AUTHOR_EMAIL": "a@a", "GIT_COMMITTER_NAME": "A",
        "GIT_COMMITTER_EMAIL": "a@a"})
    clone = _detached_clone(repo)
    copy_before = (clone / PATH).read_bytes()
    archive = Archive(clone)
    result = ops.save(archive, SEED_ID, edited(archive, "Polisinspektör"), BOB)
    assert head(clone, "main") == result.commit and head(clone) != result.commit
    assert (clone / PATH).read_bytes() == copy_before
    assert git(clone, "status", "--porcelain") == ""


# ------------------------------------------- 11: what git would check out, compared


@pytest.mark.parametrize("setup", ["core.autocrlf", "eol attribute"])
def test_a_copy_checked_out_with_crlf_is_in_step_and_follows(repo: Path, setup: str) -> None:
    if setup == "core.autocrlf":
        git(repo, "config", "core.autocrlf", "true")
    else:
        (repo / ".git/info/attributes").write_text("*.yaml text eol=crlf\n")
    (repo / PATH).unlink()
    git(repo, "checkout", "-q", "--", PATH)  # as git checks it out here: CRLF
    assert b"\r\n" in (repo / PATH).read_bytes()
    archive = Archive(repo)
    result = ops.save(archive, SEED_ID, edited(archive, "Polisinspektör"), BOB)
    assert result.changed and result.notes == []
    assert git(repo, "status", "--porcelain") == ""
    assert git(repo, "diff", "--cached", "--stat") == ""
    copy_now = (repo / PATH).read_bytes()
    assert "role: Polisinspektör\r\n".encode() in copy_now  # as git checks it out
    assert copy_now.replace(b"\r\n", b"\n") == git(repo, "show", f"HEAD:{PATH}").encode()
    again = ops.save(archive, SEED_ID, edited(archive, "Polis"), BOB)
    assert again.notes == [] and git(repo, "status", "--porcelain") == ""


def test_a_kept_copy_leaves_no_reversal_staged(repo: Path) -> None:
    """A copy with changes of its own is left alone; the index, which held the branch's
    file, follows the branch, so `git commit` would not undo the save."""
    with (repo / PATH).open("a") as f:
        f.write("# my note\n")
    archive = Archive(repo)
    result = ops.save(archive, SEED_ID, edited(archive, "Polisinspektör"), BOB)
    assert any("left alone" in note for note in (n.text() for n in result.notes))
    assert (repo / PATH).read_text().endswith("# my note\n")
    assert git(repo, "status", "--porcelain") == f" M {PATH}\n"


# ---------------------------------------------------------- 12: index.lock held


def test_a_held_index_lock_is_said_in_the_notes_with_what_to_do(repo: Path) -> None:
    (repo / ".git/index.lock").write_text("")
    archive = Archive(repo)
    result = ops.save(archive, SEED_ID, edited(archive, "Polisinspektör"), BOB)
    assert result.changed
    lock = repo / ".git/index.lock"
    assert [n.text() for n in result.notes] == [
        f"Note: the index (what git commit would take) could not follow the saved {PATH}, "
        f"because {lock} exists: another git program is at work, or one left the file "
        "behind. Until it does, git status shows the file as changed. Once no git program "
        f"is running, remove that file if it is still there and run git reset -q -- {PATH}"]
    lock.unlink()
    assert git(repo, "status", "--porcelain") == f"MM {PATH}\n"
    git(repo, "reset", "-q", "--", PATH)  # what the note says to do
    assert git(repo, "status", "--porcelain") == ""


def test_the_index_lock_note_on_the_command_line_in_swedish(repo: Path) -> None:
    (repo / ".git/index.lock").write_text("")
    result = brotui("--lang", "sv", "--repo", str(repo), "--author", str(BOB), "put", SEED_ID,
                    input=(repo / PATH).read_bytes().replace(b"Kommunpolis", b"Polis"))
    assert result.code == 0
    assert (f"Obs: indexet (det git commit skulle ta med) kunde inte följa med den sparade "
            f"{PATH}, eftersom {repo}/.git/index.lock finns") in result.err


def test_an_index_lock_a_running_git_lets_go_of_is_waited_for(repo: Path) -> None:
    lock = repo / ".git/index.lock"
    lock.write_text("")
    release = threading.Timer(0.2, lock.unlink)
    release.start()
    archive = Archive(repo)
    result = ops.save(archive, SEED_ID, edited(archive, "Polisinspektör"), BOB)
    release.join()
    assert result.notes == []
    assert git(repo, "status", "--porcelain") == ""


# ---------------------------------------------------- 13: another owner's archive


def test_another_owners_archive_says_gits_reason_and_the_fix(repo: Path) -> None:
    if os.geteuid() != 0:
        pytest.fail("this test gives the archive to another owner: run it as root (CI does)")
    for path in [repo, *repo.rglob("*")]:
        os.lchown(path, 65534, 65534)
    owner = _user(65534)
    fix = f"git config --global --add safe.directory {repo}"
    result = brotui("--repo", str(repo), "list")
    assert result.code == 1
    assert result.err.strip() == (
        f"git will not open {repo}: the archive belongs to {owner}, not to you (git says "
        f"\"detected dubious ownership\"; see git help config, safe.directory). If you trust "
        f"its owner, allow it: {fix}")
    sv = brotui("--lang", "sv", "list", cwd=repo / "protocols")
    assert sv.code == 1 and sv.err.startswith(f"git öppnar inte {repo}: arkivet ägs av {owner}")
    assert sv.err.strip().endswith(f"Litar du på ägaren, tillåt det: {fix}")
    subprocess.run(fix.split(), check=True)  # and the fix is the fix
    listed = brotui("--repo", str(repo), "list")
    assert listed.code == 0 and SEED_ID in listed.out


def _user(uid: int) -> str:
    import pwd

    try:
        return pwd.getpwuid(uid).pw_name
    except KeyError:
        return f"uid {uid}"


# ------------------------------------------------------------ 14: signed commits


def _ssh_signing(repo: Path, key: Path) -> Path:
    """An SSH signing key for the repository, and the allowed-signers file that
    `git verify-commit` checks it against."""
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "archive",
                    "-f", str(key)], check=True)
    allowed = key.parent / "allowed_signers"
    allowed.write_text(f"archive@example.org {key.with_suffix('.pub').read_text()}")
    for name, value in (("gpg.format", "ssh"), ("user.signingkey", f"{key}.pub"),
                        ("commit.gpgsign", "true"), ("gpg.ssh.allowedSignersFile", str(allowed)),
                        ("user.name", "Arkivet"), ("user.email", "archive@example.org")):
        git(repo, "config", name, value)
    return allowed


def test_a_save_is_signed_as_the_repository_says_and_verifies(repo: Path) -> None:
    _ssh_signing(repo, repo.parent / "signing_key")
    archive = Archive(repo)
    result = ops.save(archive, SEED_ID, edited(archive, "Polisinspektör"), BOB)
    verified = subprocess.run(["git", "-C", str(repo), "verify-commit", result.commit or ""],
                              capture_output=True, text=True)
    assert verified.returncode == 0, verified.stderr
    assert 'Good "git" signature for archive@example.org' in verified.stderr
    assert git(repo, "log", "-1", "--format=%G? %an", result.commit or "").strip() == \
        "G Bob Berg"
    from brotui.core.ops import remove

    removed = remove(archive, SEED_ID, ALICE)  # every write, not only put
    assert git(repo, "log", "-1", "--format=%G?", removed.commit or "").strip() == "G"


def test_a_signature_that_cannot_be_made_refuses_the_save(repo: Path) -> None:
    key = repo.parent / "signing_key"
    _ssh_signing(repo, key)
    key.unlink()
    key.with_suffix(".pub").unlink()  # the key is gone
    before = head(repo)
    for lang, start in (("en", "The archive signs every commit (commit.gpgsign), and the "
                               "signature could not be made: "),
                        ("sv", "Arkivet signerar varje commit (commit.gpgsign), och "
                               "signaturen kunde inte göras: ")):
        result = brotui("--lang", lang, "--repo", str(repo), "--author", str(BOB), "put",
                        SEED_ID, input=(repo / PATH).read_bytes().replace(b"Kommunpolis", b"P"))
        assert result.code == 1 and result.err.startswith(start)
        assert "signing_key.pub" in result.err and result.err.rstrip().endswith(".")
    assert head(repo) == before and git(repo, "status", "--porcelain") == ""


def test_the_same_settings_decide_how_a_tag_is_signed(repo: Path) -> None:
    """Wave 2 marks approved minutes with a tag, signed where the archive has a key: the
    one decision in brotui.core.signing gives `git tag` what makes it verify."""
    from brotui.core.signing import signing

    archive = Archive(repo)
    assert signing(archive.git).tag_args() == ["-a"]  # no key: annotated, unsigned
    _ssh_signing(repo, repo.parent / "signing_key")
    settings = signing(archive.git)
    assert settings.commits and settings.format == "ssh" and settings.tag_args() == ["-s"]
    git(repo, "tag", *settings.tag_args(), "-m", "justerat", "approved-1", "HEAD")
    verified = subprocess.run(["git", "-C", str(repo), "verify-tag", "approved-1"],
                              capture_output=True, text=True)
    assert verified.returncode == 0, verified.stderr
