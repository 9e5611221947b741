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
from collections.abc import Iterator
from pathlib import Path

import pytest

from brotui.core.archive import Archive
from brotui.core.model import Protocol
from tests.conftest import BOB, SEED_ID, Result, git, without_write_access

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


# ------------------------------------------------ 8: a reader who may not write


@pytest.fixture
def read_only_repo(repo: Path) -> Iterator[Path]:
    """The archive with its git directory (objects, refs, brotui's state) unwritable,
    as for a reader with read access only; writable again afterwards, to be cleaned up."""
    Archive(repo).list()  # the state folder exists, as on an archive in use
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
