"""brotui served by the real textual-serve (issue 15, item 1): a textual-serve `Server`
on 127.0.0.1 runs `brotui` for a browser's websocket; the test is the browser: it opens
the websocket as textual-serve's page does (`/ws?width=&height=`), types the keys as
["stdin", ...] messages, and when the app delivers the export the server says
["deliver_file_start", key] on the websocket; the file is then fetched over HTTP from
`/download/<key>`, as the browser's download does, and is the PDF written into the
archive's export folder. (test_web_export.py speaks the web driver's packets itself;
this one runs textual-serve's own server, app service and download manager.)"""

from __future__ import annotations

import asyncio
import json
import os
import re
import shlex
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import aiohttp

from tests.conftest import SEED_ID

ANSI_RE = re.compile(r"\x1b\[[0-9;?<>=]*[ -/]*[@-~]|\x1b[()][0-9A-Za-z]|\x1b[=>]")
EXPORTED = "hagersten-liljeholmen-2020-02-20.pdf"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(repo: Path, port: int) -> subprocess.Popen[bytes]:
    """textual-serve's Server, serving `brotui --repo REPO` on 127.0.0.1:port."""
    command = shlex.join([sys.executable, "-m", "brotui.cli", "--repo", str(repo),
                          "--lang", "en"])
    code = ("import sys; from textual_serve.server import Server; "
            "Server(sys.argv[1], host='127.0.0.1', port=int(sys.argv[2])).serve()")
    env = {**os.environ, "TEXTUAL_ANIMATIONS": "none",
           "BROTUI_AUTHOR": "Signe Sekreterare <signe@example.org>"}
    proc = subprocess.Popen([sys.executable, "-c", code, command, str(port)],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return proc
        if proc.poll() is not None:
            break
        time.sleep(0.1)
    proc.kill()
    out = proc.communicate()[0].decode("utf-8", "replace")
    raise AssertionError(f"textual-serve did not listen on {port}:\n{out}")


class Browser:
    """The websocket end of textual-serve's page: the screen as text, the server's
    messages."""

    def __init__(self, ws: aiohttp.ClientWebSocketResponse) -> None:
        self.ws, self.screen = ws, ""
        self.said: list[list[object]] = []  # the server's JSON messages

    def text(self) -> str:
        return ANSI_RE.sub("", self.screen)

    async def read_until(self, done: Callable[[], bool], timeout: float = 60) -> None:
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while not done():
            left = deadline - loop.time()
            if left <= 0:
                raise AssertionError(f"timed out; the app said:\n{self.text()[-3000:]}\n"
                                     f"messages: {self.said}")
            try:
                message = await self.ws.receive(timeout=min(left, 1))
            except TimeoutError:
                continue
            if message.type == aiohttp.WSMsgType.BINARY:
                self.screen += message.data.decode("utf-8", "replace")
            elif message.type == aiohttp.WSMsgType.TEXT:
                self.said.append(json.loads(message.data))
            elif message.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED,
                                  aiohttp.WSMsgType.ERROR):
                raise AssertionError(f"the websocket closed:\n{self.text()[-3000:]}")

    async def wait_for(self, words: str) -> None:
        await self.read_until(lambda: words in self.text())

    async def type(self, keys: str) -> None:
        await self.ws.send_json(["stdin", keys])


async def export_through_textual_serve(repo: Path, port: int) -> tuple[str, bytes, str]:
    base = f"http://127.0.0.1:{port}"
    async with aiohttp.ClientSession() as http:
        page = await http.get(base + "/")
        assert page.status == 200  # the page a browser opens first
        async with http.ws_connect(base + "/ws?width=100&height=30") as ws:
            browser = Browser(ws)
            await browser.wait_for("1 protocol")
            await browser.type("\r")  # open the seed minutes
            await browser.wait_for("x Expor")
            await asyncio.sleep(1)
            await browser.type("x")  # the export dialog; PDF is the first format
            await browser.wait_for("(Ctrl+S)")
            await browser.type("\x13")  # ctrl+s: export
            await browser.read_until(
                lambda: any(m[0] == "deliver_file_start" for m in browser.said))
            key = next(str(m[1]) for m in browser.said if m[0] == "deliver_file_start")
            download = await http.get(f"{base}/download/{key}")
            assert download.status == 200, await download.text()
            body = await download.read()
            disposition = download.headers.get("Content-Disposition", "")
            assert download.headers["Content-Type"].startswith("application/pdf")
            await browser.wait_for("to your browser (and kept in")  # the toast, wrapped
            assert f"Exported {SEED_ID}" in browser.text()
            await browser.type("q")
            return disposition, body, browser.text()


def test_textual_serve_delivers_the_export_to_the_browser_over_http(repo: Path) -> None:
    port = free_port()
    server = start_server(repo, port)
    try:
        disposition, body, _ = asyncio.run(export_through_textual_serve(repo, port))
    finally:
        server.terminate()
        try:
            server.wait(10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
    written = repo / ".git" / "brotui" / "export" / EXPORTED
    assert written.is_file()  # kept in the export folder on the server too
    assert body.startswith(b"%PDF-") and body == written.read_bytes()
    assert disposition == f"attachment; filename={EXPORTED}"
