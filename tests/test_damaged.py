"""An archive whose files git cannot read (objects removed or emptied, as a failing disk
or a copy cut short leaves them): every command says which object, which file, that the
archive may be damaged and how to check it; never a traceback."""

from __future__ import annotations

import errno
from collections.abc import Callable
from pathlib import Path

import pytest

from brotui import i18n
from brotui.core.errors import describe_failure
from tests.conftest import SEED_ID, Result, git

PATH = f"protocols/{SEED_ID}.yaml"


def damage(repo: Path, how: str) -> str:
    """Make the seed's blob unreadable under git: its object file removed, emptied or
    overwritten with garbage. The blob's id."""
    oid = git(repo, "rev-parse", f"HEAD:{PATH}").strip()
    obj = repo / ".git" / "objects" / oid[:2] / oid[2:]
    obj.chmod(0o644)
    if how == "removed":
        obj.unlink()
    elif how == "emptied":
        obj.write_bytes(b"")
    else:
        obj.write_bytes(b"not a zlib stream")
    return oid


def said_damaged(result: Result, oid: str, *, path: bool = True) -> None:
    assert result.code != 0, result
    assert "Traceback" not in result.err and "unexpected" not in result.err, result.err
    assert oid in result.err, result.err
    assert "the archive's files may be damaged" in result.err, result.err
    assert "git fsck" in result.err, result.err
    if path:
        assert PATH in result.err, result.err


@pytest.mark.parametrize("how", ["removed", "emptied", "garbage"])
def test_list_and_show_say_the_archive_may_be_damaged(
        repo: Path, cli: Callable[..., Result], how: str) -> None:
    oid = damage(repo, how)
    said_damaged(cli("--repo", str(repo), "--lang", "en", "list"), oid)
    said_damaged(cli("--repo", str(repo), "--lang", "en", "show", SEED_ID), oid)


def test_the_sentence_is_swedish_too(repo: Path, cli: Callable[..., Result]) -> None:
    oid = damage(repo, "emptied")
    result = cli("--repo", str(repo), "--lang", "sv", "show", SEED_ID)
    assert result.code != 0 and "Traceback" not in result.err, result
    assert oid in result.err and PATH in result.err
    assert "arkivets filer kan vara skadade" in result.err and "git fsck" in result.err


def test_a_blob_read_by_id_that_git_cannot_read_is_named(
        repo: Path, cli: Callable[..., Result]) -> None:
    """`check` reads the blobs by id (cat-file --batch), where git answers `<oid> missing`."""
    oid = damage(repo, "removed")
    result = cli("--repo", str(repo), "--lang", "en", "check")
    assert result.code != 0, result
    assert "Traceback" not in result.err and "unexpected" not in result.err, result.err
    assert oid in result.err and "git fsck" in result.err, result.err


def test_a_refused_file_operation_says_what_and_where() -> None:
    with i18n.speaking("en"):
        denied = describe_failure(PermissionError(errno.EACCES, "Permission denied",
                                                  "/srv/archive/.git/index"))
        gone = describe_failure(FileNotFoundError(errno.ENOENT, "No such file",
                                                  "/srv/archive/protocols"))
    assert denied is not None and denied.startswith("Permission denied")
    assert denied.endswith(": /srv/archive/.git/index")
    assert gone == "No such file or folder: /srv/archive/protocols"
    with i18n.speaking("sv"):
        nekad = describe_failure(PermissionError(errno.EACCES, "Permission denied", "/x"))
    assert nekad is not None and nekad.startswith("Åtkomst nekad") and nekad.endswith(": /x")


def test_a_git_command_that_dies_on_the_damage_is_named(
        repo: Path, cli: Callable[..., Result]) -> None:
    """`search --history` runs `git log -S`, which stops with `fatal: unable to read <oid>`."""
    oid = damage(repo, "emptied")
    result = cli("--repo", str(repo), "--lang", "en", "search", "--history", "Bromma")
    said_damaged(result, oid, path=False)
