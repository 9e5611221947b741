"""Justering through the real `brotui` in tmux at 80x24, in Swedish: the chair finds the
minutes for justering with Ctrl+T, reads what he signs, and signs as himself."""

from __future__ import annotations

from pathlib import Path

from brotui.core import ops
from brotui.core.archive import Archive
from brotui.core.demo import SEED_ID
from brotui.core.identity import Identity
from brotui.core.justering import sign
from tests.conftest import git
from tests.e2e.test_tmux import Tmux, brotui_script, make_demo, quit_from_the_list

SECRETARY = Identity("Signe Sekreterare", "signe@example.org")


def test_the_chair_signs_in_swedish_at_80x24(tmux: Tmux, tmp_path: Path) -> None:
    archive_path = make_demo(tmp_path)
    archive = Archive(archive_path)
    p = archive.read(SEED_ID).parsed().protocol
    assert p is not None
    p.adjusters = ["Martin Hämmerli"]
    ops.save(archive, SEED_ID, p, SECRETARY)
    sign.review(Archive(archive_path), SEED_ID, SECRETARY)
    before = git(archive_path, "rev-parse", "HEAD").strip()

    tmux.start(80, 24, [str(brotui_script()), "--repo", str(archive_path),
                        "--author", "Abit Dundar <abit@example.org>", "--lang", "sv"])
    tmux.wait_for("2 av 2 protokoll", "för justering (signerat: ingen", "^t Tillstånd")
    tmux.keys("C-t")
    tmux.wait_for("1 av 2 protokoll", "visar: utkast")
    tmux.keys("C-t")
    screen = tmux.wait_for("1 av 2 protokoll", "visar: för justering")
    assert "2020-02-20" in screen and "2020-05-14" not in screen
    tmux.keys("Enter")
    tmux.wait_for("för justering (signerat: ingen; saknas:", "s Signera")
    tmux.type("s")
    screen = tmux.wait_for("Signera hagersten-liljeholmen/2020-02-20?",
                           "Du signerar som Abit Dundar (ordförande)")
    assert git(archive_path, "rev-parse", "HEAD").strip() == before  # nothing yet
    tmux.type("s")
    # The toast says it (beside the minutes), and the state line shows the signature.
    tmux.wait_for("Signerade", "signerat: Abit Dundar; saknas: Martin")
    assert git(archive_path, "log", "-1", "--format=%an").strip() == "Abit Dundar"
    tmux.keys("Escape")
    tmux.wait_for("visar: för justering")
    quit_from_the_list(tmux)
    assert tmux.wait_for_exit() == 0
