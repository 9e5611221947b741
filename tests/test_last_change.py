"""Opening a protocol reads its last change from the list's cache when that knows it (the
list was just shown), and from git when someone committed since."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from brotui.core import listing, ops
from brotui.core.archive import Archive
from tests.conftest import BOB, SEED_ID, git

PATH = f"protocols/{SEED_ID}.yaml"


@pytest.fixture
def git_calls(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every git command run from now on is written to the file returned (git on PATH
    is a script that notes its arguments and runs the real git)."""
    real = shutil.which("git")
    assert real is not None
    folder = tmp_path / "bin"
    folder.mkdir()
    log = tmp_path / "git-calls.txt"
    script = folder / "git"
    script.write_text(f'#!/bin/sh\nprintf "%s\\n" "$*" >> "{log}"\nexec "{real}" "$@"\n')
    script.chmod(0o755)
    monkeypatch.setenv("PATH", f"{folder}:{Path(real).parent}")
    return log


def logs(calls: Path) -> list[str]:
    if not calls.exists():
        return []
    return [line for line in calls.read_text().splitlines() if " log " in f" {line} "]


def test_the_last_change_comes_from_the_list_cache(repo: Path, git_calls: Path) -> None:
    archive = Archive(repo)
    protocol = archive.load(SEED_ID)
    protocol.location = "Stadshuset"
    saved = ops.save(archive, SEED_ID, protocol, BOB)
    listing.entries(archive)  # the list shown
    git_calls.unlink(missing_ok=True)
    last = ops.last_change(archive, SEED_ID, archive.tip())
    assert logs(git_calls) == []
    assert last == archive.history(SEED_ID, limit=1)[0]
    assert last is not None and (last.oid, last.author) == (saved.commit, "Bob Berg")


def test_a_commit_made_with_plain_git_since_the_list_is_asked_of_git(
        repo: Path, git_calls: Path) -> None:
    archive = Archive(repo)
    listing.entries(archive)
    text = (repo / PATH).read_text("utf-8")
    (repo / PATH).write_text(text.replace("Skärmtaket", "Cykelstället", 1), "utf-8")
    git(repo, "-c", "user.name=Carl Ckarlsson", "-c", "user.email=carl@example.org",
        "commit", "-qam", "by hand")
    last = ops.last_change(archive, SEED_ID, archive.tip())
    assert last is not None
    assert (last.oid, last.author) == (git(repo, "rev-parse", "HEAD").strip(), "Carl Ckarlsson")
    assert last == archive.history(SEED_ID, limit=1)[0]


def test_the_next_protocol_opened_after_a_save_reads_the_cache_anew(repo: Path) -> None:
    archive = Archive(repo)
    listing.entries(archive)
    first = ops.last_change(archive, SEED_ID, archive.tip())
    protocol = archive.load(SEED_ID)
    protocol.location = "Stadshuset"
    saved = ops.save(archive, SEED_ID, protocol, BOB)
    listing.entries(archive)  # the list shown again, its cache brought up to date
    last = ops.last_change(archive, SEED_ID, archive.tip())
    assert first is not None and last is not None and last != first
    assert (last.oid, last.author) == (saved.commit, "Bob Berg")
