"""A terminal that disappears without a hangup signal (a pseudo-terminal closed while it
was not brotui's controlling terminal): brotui must end, not spin on an endless end of
file. Found as a brotui left running at 90% CPU for an hour after its terminal closed."""

from __future__ import annotations

import os
import pty
import subprocess
import time
from pathlib import Path

from tests.e2e.test_tmux import brotui_script, make_demo


def test_brotui_ends_when_its_terminal_is_gone(tmp_path: Path) -> None:
    archive = make_demo(tmp_path)
    master, slave = pty.openpty()
    env = {**os.environ, "TERM": "xterm-256color", "LANG": "C.UTF-8"}
    proc = subprocess.Popen([str(brotui_script()), "--repo", str(archive), "--author",
                             "Alice Andersson <alice@example.org>", "--lang", "en"],
                            stdin=slave, stdout=slave, stderr=slave, env=env)
    try:
        seen = b""
        deadline = time.monotonic() + 20
        while b"protocols" not in seen and time.monotonic() < deadline:
            seen += os.read(master, 65536)
        assert b"protocols" in seen, "brotui never drew its list"
        os.close(master)
        os.close(slave)
        assert proc.wait(timeout=15) == 129  # gone as on SIGHUP
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
