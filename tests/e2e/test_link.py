"""What an SSH link carries: nothing while nobody types, the terminal's own colours with
the ansi theme, and a second key for whatever Escape does.

(benchmarks/terminal.py measures the bytes of each step; these tests hold the rules.)"""

from __future__ import annotations

import fcntl
import os
import re
import select
import struct
import subprocess
import termios
import time
from pathlib import Path

import pytest
from textual.binding import Binding

from tests.conftest import git
from tests.e2e.test_tmux import AUTHOR, TIMEOUT, Tmux, brotui_script, make_demo

ESCAPES = re.compile(rb"\x1b(\[[0-9;?<>=]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|.)")


class Pty:
    """The console script in a pseudo-terminal of 80x24: send keys, count what comes back."""

    def __init__(self, argv: list[str]) -> None:
        self.master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
        env = {k: v for k, v in os.environ.items() if not k.startswith(("TEXTUAL", "TMUX"))}
        env.update(TERM="xterm-256color", LANG="C.UTF-8")
        self.proc = subprocess.Popen(argv, stdin=slave, stdout=slave, stderr=slave, env=env,
                                     start_new_session=True)
        os.close(slave)

    def read_for(self, seconds: float) -> bytes:
        got, end = b"", time.monotonic() + seconds
        while (left := end - time.monotonic()) > 0:
            if select.select([self.master], [], [], left)[0]:
                try:
                    got += os.read(self.master, 65536)
                except OSError:
                    break
        return got

    def wait_for(self, text: str) -> None:
        """Read until `text` has been shown and the output has then been quiet for 0.5 s."""
        seen, deadline = b"", time.monotonic() + TIMEOUT
        while text.encode() not in ESCAPES.sub(b"", seen) or self.read_for(0.5):
            assert time.monotonic() < deadline, f"{text!r} never shown"
            seen += self.read_for(0.1)

    def send(self, keys: bytes) -> None:
        os.write(self.master, keys)

    def close(self) -> None:
        self.proc.terminate()
        while self.proc.poll() is None:
            self.read_for(0.1)
        os.close(self.master)


def test_nothing_is_sent_while_nobody_types(tmp_path: Path) -> None:
    """No blinking cursor, timer or animation: two quiet seconds are zero bytes, in the
    list, reading, in the form and in the YAML (each blink used to be a repaint)."""
    archive = make_demo(tmp_path)
    term = Pty([str(brotui_script()), "--repo", str(archive), "--author", AUTHOR,
                "--lang", "en"])
    try:
        term.wait_for("2 of 2 protocols")
        assert term.read_for(2) == b""
        term.send(b"\r")
        term.wait_for("Edit")
        assert term.read_for(2) == b""
        term.send(b"e")
        term.wait_for("Editing")
        assert term.read_for(2) == b""
        term.send(b"\x14")  # ctrl+t: the YAML
        term.wait_for("schema: 1")
        assert term.read_for(2) == b""
    finally:
        term.close()


@pytest.mark.parametrize("how", ["--theme", "BROTUI_THEME", ".brotui.yaml"])
def test_the_ansi_theme_uses_the_terminals_own_colours(tmux: Tmux, tmp_path: Path,
                                                       how: str) -> None:
    """Chosen on the command line, in the environment or in the archive's settings: every
    colour on screen is one of the terminal's 16 (no 256-colour or RGB codes)."""
    archive = make_demo(tmp_path)
    command = [str(brotui_script()), "--repo", str(archive), "--author", AUTHOR, "--lang", "en"]
    if how == "--theme":
        command += ["--theme", "ansi"]
    elif how == "BROTUI_THEME":
        command = ["env", "BROTUI_THEME=ansi", *command]
    else:
        (archive / ".brotui.yaml").write_text("theme: ansi\n", encoding="utf-8")
        git(archive, "add", ".brotui.yaml")
        git(archive, "-c", "user.name=A", "-c", "user.email=a@example.org", "commit", "-qm",
            "ansi")
    tmux.start(80, 24, command)
    tmux.wait_for("2 of 2 protocols")
    tmux.keys("Enter")
    tmux.wait_for("Martin Hämmerli")
    styled = tmux.styled()
    colours = re.findall(r"\x1b\[([0-9;]*)m", styled)
    extended = [c for c in colours if "38;" in c or "48;" in c]  # 256-colour or RGB
    assert colours and not extended, extended
    assert "\x1b[44m" in styled  # the title bar: the terminal's own blue


def test_whatever_escape_does_another_key_does_too() -> None:
    """Over a slow link (or in a terminal where Escape is taken) every screen can still be
    left: each Escape binding of brotui's screens has a twin with the same action. The
    list is the exception: there Escape only clears the filter or moves the focus, which
    the filter's own keys (Ctrl+U, Tab) do too."""
    from brotui.tui.screens import browser, diff, editor, help, history, leave, new, view

    screens = [view.ViewScreen, history.HistoryScreen, diff.DiffScreen, help.HelpScreen,
               editor.EditorScreen, leave.LeaveScreen, new.NewProtocolScreen]
    for screen in screens:
        bindings = [b for b in screen.BINDINGS if isinstance(b, Binding)]
        for escape in (b for b in bindings if b.key == "escape"):
            twins = [b.key for b in bindings if b.action in (escape.action, "close")
                     and b.key != "escape"]
            assert twins, f"{screen.__name__}: Escape ({escape.action}) has no other key"
    assert any(b.key == "escape" for b in browser.BrowserScreen.BINDINGS
               if isinstance(b, Binding))
