"""The TUI on an archive its user may only read: it starts, lists, opens and edits, and a
save says the archive is read-only. The real console script in tmux, as a reader whom
file permissions stop from writing (see tests.conftest.without_write_access)."""

from __future__ import annotations

import shutil
import stat
from pathlib import Path

from tests.conftest import git, without_write_access
from tests.e2e.test_tmux import AUTHOR, Tmux, brotui_script, make_demo


def test_a_reader_without_write_access_browses_and_is_told_a_save_cannot_be(
        tmux: Tmux, tmp_path: Path) -> None:
    archive = make_demo(tmp_path)
    shutil.rmtree(archive / ".git/brotui", ignore_errors=True)  # never opened by its owner
    before = git(archive, "rev-parse", "HEAD").strip()
    paths = [archive / ".git", *(archive / ".git").rglob("*")]
    modes = {p: stat.S_IMODE(p.lstat().st_mode) for p in paths if not p.is_symlink()}
    for path, mode in modes.items():
        path.chmod(mode & ~0o222)
    try:
        tmux.start(80, 24, without_write_access(
            [str(brotui_script()), "--repo", str(archive), "--author", AUTHOR, "--lang", "en"]))
        tmux.wait_for("2 of 2 protocols")
        tmux.keys("Down", "Enter")
        tmux.wait_for("Martin Hämmerli    Kommunpolis")
        tmux.type("e")
        tmux.wait_for("Editing hagersten-liljeholmen/2020-02-20 · form")
        tmux.wait_for_cursor_after("Council        Hägersten-Liljeholmens lokala")
        tmux.keys("End")
        tmux.type("s")
        tmux.wait_for("not saved")
        tmux.keys("C-s")
        screen = tmux.wait_for("read-only for you", "Nothing", "was saved.")
        assert "not saved" in screen  # the text typed is still there, unsaved
    finally:
        for path, mode in modes.items():
            path.chmod(mode)
    assert git(archive, "rev-parse", "HEAD").strip() == before
