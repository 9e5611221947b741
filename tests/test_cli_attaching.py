"""`brotui attach`, `detach` and `attachments` through the real command line: one commit by
the person each, the item asked for when it cannot be told, every refusal a sentence
with nothing written."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import SEED_ID, Result, git
from tests.corpus import archive_state

ENV = {"BROTUI_AUTHOR": "Bo Bifogare <bo@example.org>"}
FOLDER = "protocols/hagersten-liljeholmen/2020-02-20.files"


@pytest.fixture
def notes(tmp_path: Path) -> Path:
    path = tmp_path / "Anteckningar.txt"
    path.write_text("Anteckningar från mötet: trygghetsvandring i maj.\n", "utf-8")
    return path


def test_attach_list_read_and_detach(repo: Path, notes: Path, cli: Callable[..., Result]) -> None:
    done = cli("--repo", str(repo), "attach", SEED_ID, str(notes), "--item", "6", env=ENV)
    assert done.code == 0, done.err
    assert "Attached Anteckningar.txt" in done.out and "§6" in done.out
    assert git(repo, "log", "-1", "--format=%an").strip() == "Bo Bifogare"
    assert git(repo, "show", f"HEAD:{FOLDER}/Anteckningar.txt") == notes.read_text("utf-8")
    listed = cli("--repo", str(repo), "attachments", SEED_ID)
    assert "Anteckningar.txt" in listed.out and "Bo Bifogare" in listed.out
    text = cli("--repo", str(repo), "attachments", SEED_ID, "--text", "Anteckningar.txt")
    assert "trygghetsvandring" in text.out
    as_json = cli("--repo", str(repo), "attachments", SEED_ID, "--format", "json")
    assert '"items": [6]' in as_json.out.replace("[\n", "[")

    gone = cli("--repo", str(repo), "detach", SEED_ID, "Anteckningar.txt", env=ENV)
    assert gone.code == 0, gone.err
    assert "Removed Anteckningar.txt" in gone.out
    assert git(repo, "ls-tree", "-r", "--name-only", "HEAD").split() == \
        [f"protocols/{SEED_ID}.yaml"]
    none = cli("--repo", str(repo), "attachments", SEED_ID)
    assert "has no attachments" in none.out


def test_which_item_is_asked_for_when_two_name_the_slides(
        repo: Path, tmp_path: Path, cli: Callable[..., Result]) -> None:
    slides = tmp_path / "Bildspel.txt"
    slides.write_text("Bildspel\n", "utf-8")
    before = archive_state(repo)
    done = cli("--repo", str(repo), "attach", SEED_ID, str(slides), "--name", "Bildspel.txt",
               env=ENV)
    assert done.code == 2 and "--item N" in done.err
    assert archive_state(repo) == before
    chosen = cli("--repo", str(repo), "attach", SEED_ID, str(slides), "--item", "3", env=ENV)
    assert chosen.code == 0, chosen.err


def test_from_standard_input_with_a_name(repo: Path, cli: Callable[..., Result]) -> None:
    done = cli("--repo", str(repo), "attach", SEED_ID, "-", "--name", "Lista.txt",
               "--item", "5", input="Lista över insatser\n", env=ENV)
    assert done.code == 0, done.err
    unnamed = cli("--repo", str(repo), "attach", SEED_ID, "-", input="x\n", env=ENV)
    assert unnamed.code == 1 and "--name" in unnamed.err


@pytest.mark.parametrize(("args", "said"), [
    (("attach", "hagersten-liljeholmen/1999-01-01", "NOTES"), "1999-01-01"),
    (("attach", SEED_ID, "NOTES", "--name", "../x.txt"), "/"),
    (("attach", SEED_ID, "/nonexistent/file.txt"), "/nonexistent/file.txt"),
    (("detach", SEED_ID, "Finns-inte.pdf"), "Finns-inte.pdf"),
])
def test_refusals_write_nothing(repo: Path, notes: Path, cli: Callable[..., Result],
                                args: tuple[str, ...], said: str) -> None:
    before = archive_state(repo)
    done = cli("--repo", str(repo), *[str(notes) if a == "NOTES" else a for a in args],
               env=ENV)
    assert done.code in (1, 2) and said in done.err and "Traceback" not in done.err
    assert archive_state(repo) == before


def test_in_swedish(repo: Path, notes: Path, cli: Callable[..., Result]) -> None:
    done = cli("--repo", str(repo), "--lang", "sv", "attach", SEED_ID, str(notes), "--item",
               "6", env=ENV)
    assert done.code == 0 and done.out.startswith("Bifogade Anteckningar.txt")
