"""brotui in a browser (issue 15, item 1): under Textual's web driver, the one textual-serve
and `textual serve` run an app with, the view's `x` export writes the file into the
export folder and delivers it to the browser too, and says so. In a terminal it only
writes the file and says where (tests/app/test_export_attachments.py).

The app runs as textual-serve runs it: a process with TEXTUAL_DRIVER naming the web
driver, speaking its packets on standard input and output (`D` + length + bytes for the
screen and the keys, `M` + length + JSON for the rest, `P` for a file's chunks). The
test is the server's side: it presses the keys and, when the app starts a delivery,
asks for the file as the browser's download would and checks it is the PDF."""

from __future__ import annotations

import json
import os
import queue
import re
import subprocess
import sys
import threading
import time
from pathlib import Path

from textual._binary_encode import load as binary_load

from tests.conftest import SEED_ID

ANSI_RE = re.compile(r"\x1b\[[0-9;?<>=]*[ -/]*[@-~]|\x1b[()][0-9A-Za-z]|\x1b[=>]")


class WebSession:
    """The app under the web driver, with the server's end of its packets."""

    def __init__(self, repo: Path, lang: str = "en") -> None:
        env = {**os.environ, "TEXTUAL_DRIVER": "textual.drivers.web_driver:WebDriver",
               "COLUMNS": "100", "ROWS": "30", "TEXTUAL_ANIMATIONS": "none",
               "BROTUI_AUTHOR": "Signe Sekreterare <signe@example.org>"}
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "brotui.cli", "--repo", str(repo), "--lang", lang],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
        self.screen = ""
        self.meta: queue.Queue[dict[str, object]] = queue.Queue()
        self.chunks: queue.Queue[tuple[str, bytes]] = queue.Queue()
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self) -> None:
        out = self.proc.stdout
        assert out is not None
        first = out.readline()
        assert first == b"__GANGLION__\n", first
        while True:
            head = out.read(5)
            if len(head) < 5:
                return
            kind, size = head[:1], int.from_bytes(head[1:], "big")
            payload = out.read(size)
            if kind == b"D":
                self.screen += payload.decode("utf-8", "replace")
            elif kind == b"M":
                self.meta.put(json.loads(payload))
            elif kind == b"P":
                packet = binary_load(payload)
                assert isinstance(packet, list | tuple)
                if packet[0] == "deliver_chunk":
                    self.chunks.put((str(packet[1]), bytes(packet[2])))

    def send(self, data: bytes, kind: bytes = b"D") -> None:
        stdin = self.proc.stdin
        assert stdin is not None
        stdin.write(kind + len(data).to_bytes(4, "big") + data)
        stdin.flush()

    def send_meta(self, meta: dict[str, object]) -> None:
        self.send(json.dumps(meta).encode(), b"M")

    def text(self) -> str:
        return ANSI_RE.sub("", self.screen)

    def wait_for(self, words: str, timeout: float = 30) -> None:
        deadline = time.monotonic() + timeout
        while words not in self.text():
            if time.monotonic() > deadline or self.proc.poll() is not None:
                raise AssertionError(f"waited for {words!r}; the app said:\n"
                                     f"{self.text()[-3000:]}")
            time.sleep(0.1)

    def delivery(self, timeout: float = 60) -> dict[str, object]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                meta = self.meta.get(timeout=0.5)
            except queue.Empty:
                continue
            if meta.get("type") == "deliver_file_start":
                return meta
        raise AssertionError(f"no delivery; the app said:\n{self.text()[-3000:]}")

    def close(self) -> None:
        if self.proc.poll() is None:
            self.send_meta({"type": "quit"})
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


def test_in_a_browser_the_export_is_delivered_to_it_and_said(repo: Path) -> None:
    session = WebSession(repo)
    try:
        session.wait_for("1 protocol")
        session.send(b"\r")  # open the seed minutes
        session.wait_for("x Expor")  # the view, its keys in the footer
        time.sleep(1)
        session.send(b"x")  # the export dialog; PDF is the first format
        session.wait_for("(Ctrl+S)")
        session.send(b"\x13")  # ctrl+s: export
        meta = session.delivery()
        # ("path" is where a terminal's delivery would save it: unused in a browser)
        assert Path(str(meta["path"])).name == "hagersten-liljeholmen-2020-02-20.pdf"
        assert meta["mime_type"] == "application/pdf"
        assert meta["open_method"] == "download"
        written = repo / ".git" / "brotui" / "export" / "hagersten-liljeholmen-2020-02-20.pdf"
        assert written.is_file()  # kept in the export folder on the server too
        # the browser's download asks for the bytes: they are the PDF written
        session.send_meta({"type": "deliver_chunk_request", "key": meta["key"],
                           "size": 1 << 24})
        key, chunk = session.chunks.get(timeout=30)
        assert key == meta["key"] and chunk == written.read_bytes()
        assert chunk.startswith(b"%PDF-")
        session.wait_for("to your browser (and kept in")  # the toast, wrapped
        assert f"Exported {SEED_ID}" in session.text()
    finally:
        session.close()
