"""The real console script in tmux, keys sent as one `send-keys` (one write to the
terminal, as an SSH packet brings several keys): they land as typed. And Ctrl+Q in the
editor asks before unsaved changes are lost, like Escape and Ctrl+W."""

from __future__ import annotations

import re
import time
from pathlib import Path

from tests.conftest import git
from tests.e2e.test_tmux import AUTHOR, Tmux, brotui_script, make_demo

TIMES = ["16:30", "08:05", "23:59", "00:00", "12:34", "09:41", "17:15", "10:20",
         "21:09", "06:50", "13:37", "19:02", "07:28", "11:11", "18:46", "14:53"]
START = re.compile(r"Start (\S*)")
SEED_PATH = "protocols/hagersten-liljeholmen/2020-02-20.yaml"


def open_editor(tmux: Tmux, demo: Path) -> None:
    """The seed minutes in the editor, in English at 80x24, the focus on the council."""
    tmux.start(80, 24, [str(brotui_script()), "--repo", str(demo), "--author", AUTHOR,
                        "--lang", "en"])
    tmux.wait_for("2 of 2 protocols")
    tmux.type("skärmtaket")
    tmux.wait_for("1 of 2 protocols")
    tmux.keys("Enter")
    tmux.wait_for("Martin Hämmerli    Kommunpolis", "Edit")
    tmux.type("e")
    tmux.wait_for("Editing hagersten-liljeholmen/2020-02-20 · form")
    tmux.wait_for_cursor_after("Council        Hägersten-Liljeholmens lokala")


def start_shown(tmux: Tmux, wanted: str, timeout: float = 3.0) -> str:
    """The Start field as the screen shows it, once it shows `wanted` and stays so (or
    what it shows after `timeout`)."""
    deadline = time.monotonic() + timeout
    while True:
        found = START.findall(tmux.screen())
        shown = found[0] if found else ""
        if shown == wanted:
            time.sleep(0.15)  # still so once every key is handled
            found = START.findall(tmux.screen())
            return found[0] if found else ""
        if time.monotonic() > deadline:
            return shown
        time.sleep(0.05)


def test_sixteen_bursts_in_a_time_field_each_give_exactly_the_typed_time(
        tmux: Tmux, tmp_path: Path) -> None:
    demo = make_demo(tmp_path)
    open_editor(tmux, demo)
    tmux.keys("Tab", "Tab")
    tmux.wait_for_cursor_after("Start 15:00")
    got = []
    for wanted in TIMES:
        tmux.keys("End", *["BSpace"] * 5, wanted)  # one send-keys: one write
        got.append(start_shown(tmux, wanted))
    assert got == TIMES, tmux.screen()
    tmux.keys("C-s")
    tmux.wait_for("Saved in")
    assert f'start: "{TIMES[-1]}"' in (demo / SEED_PATH).read_text(encoding="utf-8")


def test_ctrl_q_in_the_editor_asks_before_unsaved_changes_are_lost(
        tmux: Tmux, tmp_path: Path) -> None:
    """Ctrl+Q asks (Cancel goes back to the text); over the command palette too; Discard
    then quits, nothing saved."""
    demo = make_demo(tmp_path)
    before = git(demo, "rev-parse", "HEAD").strip()
    open_editor(tmux, demo)
    tmux.type("x")
    tmux.wait_for("not saved")
    tmux.keys("C-q")
    tmux.wait_for("Unsaved changes in hagersten-liljeholmen/2020-02-20", "Discard")
    tmux.keys("Escape")
    screen = tmux.wait_for("Editing hagersten-liljeholmen/2020-02-20 · not saved")
    assert "Unsaved changes" not in screen
    tmux.keys("C-p")
    tmux.wait_for("Search for commands")
    tmux.keys("C-q")
    tmux.wait_for("Unsaved changes in hagersten-liljeholmen/2020-02-20", "Discard")
    tmux.type("d")
    assert tmux.wait_for_exit() == 0
    assert git(demo, "rev-parse", "HEAD").strip() == before
    assert git(demo, "status", "--porcelain") == ""
