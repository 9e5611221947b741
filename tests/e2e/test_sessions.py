"""Two people in two terminals on the same minutes, and a session cut mid-edit: the real
`brotui` in tmux, with git as the judge of what was saved."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import git
from tests.e2e.test_tmux import TIMEOUT, Tmux, brotui_script, make_demo

ALICE = "Alice Andersson <alice@example.org>"
BOB = "Bob Berg <bob@example.org>"
SEED = "hagersten-liljeholmen/2020-02-20"
SEED_PATH = f"protocols/{SEED}.yaml"


@pytest.fixture
def two(tmp_path: Path) -> Iterator[tuple[Tmux, Tmux]]:
    """Two private tmux servers: two people's terminals."""
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    a, b = Tmux(tmp_path / "a"), Tmux(tmp_path / "b")
    try:
        yield a, b
    finally:
        a.kill()
        b.kill()


def open_editor(tmux: Tmux, archive: Path, author: str) -> None:
    """Start brotui as `author` at 100x30 in English, open the seed minutes, edit."""
    tmux.start(100, 30, [str(brotui_script()), "--repo", str(archive), "--author", author,
                         "--lang", "en"])
    tmux.wait_for("2 of 2 protocols")
    tmux.keys("Down", "Enter")
    tmux.wait_for("Martin Hämmerli    Kommunpolis", "History")
    tmux.type("e")
    tmux.wait_for(f"Editing {SEED} · form")
    tmux.wait_for_cursor_after("Council        Hägersten-Liljeholmens lokala")


def retype_place(tmux: Tmux, place: str) -> None:
    tmux.keys(*["Tab"] * 4)  # council, date, start, end: the fifth field is the place
    tmux.wait_for_cursor_after("Place          Hägersten-Liljeholmens SDF")
    tmux.keys("End", "C-u")
    tmux.wait_for("not saved")
    tmux.type(place)
    tmux.wait_for(f"Place          {place}")


def retype_secretary(tmux: Tmux, name: str) -> None:
    tmux.keys(*["Tab"] * 7)  # ... status, chair: the eighth field is the secretary
    tmux.wait_for_cursor_after("Secretary")
    tmux.type(name)
    tmux.wait_for(f"Secretary {name}", "not saved")


def file_at_tip(archive: Path) -> str:
    return git(archive, "show", f"HEAD:{SEED_PATH}")


def test_two_sessions_editing_different_fields_both_land(
        two: tuple[Tmux, Tmux], tmp_path: Path) -> None:
    archive = make_demo(tmp_path)
    before = git(archive, "rev-parse", "HEAD").strip()
    a, b = two
    open_editor(a, archive, ALICE)
    open_editor(b, archive, BOB)
    retype_place(a, "Besöksrum 2")
    retype_secretary(b, "Clas Cederlid")
    a.keys("C-s")
    a.wait_for("Saved in")
    b.keys("C-s")
    screen = b.wait_for("Merged with changes made since you started")
    assert "Place" in " ".join(screen.split())
    assert git(archive, "rev-list", "--count", f"{before}..HEAD").strip() == "2"
    assert git(archive, "log", "-2", "--format=%an").split("\n")[:2] == ["Bob Berg",
                                                                         "Alice Andersson"]
    text = file_at_tip(archive)
    assert "location: Besöksrum 2\n" in text and "secretary: Clas Cederlid\n" in text
    # Bob's editor now shows what is saved, Alice's place included.
    b.wait_for("Place          Besöksrum 2")
    git(archive, "fsck", "--strict")


def test_two_sessions_editing_the_same_field_get_the_conflict_screen(
        two: tuple[Tmux, Tmux], tmp_path: Path) -> None:
    archive = make_demo(tmp_path)
    a, b = two
    open_editor(a, archive, ALICE)
    open_editor(b, archive, BOB)
    retype_place(a, "Besöksrum 2")
    retype_place(b, "Stora salen")
    a.keys("C-s")
    a.wait_for("Saved in")
    alices = git(archive, "rev-parse", "HEAD").strip()
    b.keys("C-s")
    screen = b.wait_for("changed the same fields", "As it was", "Alice Andersson saved",
                        "You wrote")
    assert "Besöksrum 2" in screen and "Stora salen" in screen
    assert git(archive, "rev-parse", "HEAD").strip() == alices  # nothing written yet
    b.keys("C-s")  # keep mine
    b.wait_for("Saved in")
    assert "location: Stora salen\n" in file_at_tip(archive)
    assert git(archive, "rev-parse", "HEAD~1").strip() == alices  # Alice's commit stays
    assert "location: Besöksrum 2\n" in git(archive, "show", f"{alices}:{SEED_PATH}")
    git(archive, "fsck", "--strict")


def brotui_pid(tmux: Tmux) -> int:
    """The brotui process in the pane (a child of the pane's shell)."""
    shell = int(tmux.pane("#{pane_pid}"))
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline:
        children = subprocess.run(["pgrep", "-P", str(shell)], capture_output=True,
                                  text=True).stdout.split()
        if children:
            return int(children[0])
        time.sleep(0.05)
    raise AssertionError("no brotui process in the pane")


@pytest.mark.parametrize("sig", [signal.SIGHUP, signal.SIGKILL])
def test_a_session_cut_while_typing_finds_its_draft(tmux: Tmux, tmp_path: Path,
                                                    sig: signal.Signals) -> None:
    """The connection drops (SIGHUP) or the process is killed outright (SIGKILL, after the
    draft interval): opening the minutes again offers what was typed."""
    archive = make_demo(tmp_path)
    before = git(archive, "rev-parse", "HEAD").strip()
    open_editor(tmux, archive, ALICE)
    retype_place(tmux, "Besöksrum 2")
    if sig == signal.SIGKILL:
        time.sleep(3.5)  # a draft is kept every 3 seconds
    os.kill(brotui_pid(tmux), sig)
    tmux.wait_for_exit()
    assert git(archive, "rev-parse", "HEAD").strip() == before  # nothing saved
    assert git(archive, "status", "--porcelain") == ""  # nothing in the work tree

    tmux.kill()
    open_editor_expecting_draft(tmux, archive)
    screen = tmux.wait_for(f"A draft exists for {SEED}")
    assert "→ Besöksrum" in screen, screen
    tmux.type("r")
    tmux.wait_for("Place          Besöksrum 2", "not saved")
    tmux.keys("C-s")
    tmux.wait_for("Saved in")
    assert "location: Besöksrum 2\n" in file_at_tip(archive)


def open_editor_expecting_draft(tmux: Tmux, archive: Path) -> None:
    tmux.start(100, 30, [str(brotui_script()), "--repo", str(archive), "--author", ALICE,
                         "--lang", "en"])
    tmux.wait_for("2 of 2 protocols")
    tmux.keys("Down", "Enter")
    tmux.wait_for("Martin Hämmerli    Kommunpolis", "History")
    tmux.type("e")
