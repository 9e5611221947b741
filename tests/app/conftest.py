"""Fixtures for the TUI: a deterministic demo archive and an app that does not blink.

The demo archive is always built at the same path with the same authors and dates,
so its commit ids, the title bar and every date on screen are the same on every run:
SVG snapshots can compare them exactly."""

from __future__ import annotations

import fcntl
import shutil
import tempfile
import time
import unicodedata
from collections.abc import Awaitable, Callable, Iterator
from pathlib import Path

import pytest
from textual import events
from textual.keys import REPLACED_KEYS, _character_to_key, _get_unicode_name_from_key
from textual.pilot import Pilot
from textual.reactive import reactive
from textual.widgets import Input, TextArea

from brotui import i18n
from brotui.core.archive import Archive
from brotui.core.demo import build_demo
from brotui.tui.app import BrotuiApp

AUTHOR = "Signe Sekreterare <signe@example.org>"
DEMO_PATH = Path(tempfile.gettempdir()) / "brotui-test" / "demo"


@pytest.fixture(autouse=True)
def _still_and_utc(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """No blinking cursors (stable snapshots) and times shown in UTC."""
    for cls in (Input, TextArea):
        still = reactive(False, init=False)
        still.__set_name__(cls, "cursor_blink")
        monkeypatch.setattr(cls, "cursor_blink", still)
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    time.tzset()


@pytest.fixture
def demo(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Path]:
    """A fresh demo archive (5 commits by 3 people).

    A snapshot shows the archive's path, so a snapshot test gets it at one fixed path,
    shared by every test run on the machine: such a test holds a lock on it while it
    runs, and two at once (two workers, two checkouts) wait for each other instead of
    rebuilding the archive under each other's feet. Every other test gets its own, in its
    own temporary folder, and runs beside the rest."""
    if "snap_compare" not in request.fixturenames:
        build_demo(tmp_path / "demo")
        yield tmp_path / "demo"
        return
    DEMO_PATH.parent.mkdir(parents=True, exist_ok=True)
    with open(DEMO_PATH.parent / "lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if DEMO_PATH.exists():
            shutil.rmtree(DEMO_PATH)
        build_demo(DEMO_PATH)
        yield DEMO_PATH


@pytest.fixture
def make_app(demo: Path) -> Callable[..., BrotuiApp]:
    """A BrotuiApp on the demo archive, in a language, as a given person."""

    def make(lang: str = "en", author: str | None = AUTHOR,
             path: Path | None = None) -> BrotuiApp:
        i18n.set_language(lang)
        return BrotuiApp(Archive(path or demo), author)

    return make


def screen_text(app: BrotuiApp) -> str:
    """What the terminal shows right now, as plain text lines."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


def active_links(app: BrotuiApp) -> list[str]:
    """Links and click actions anywhere on screen (user text must never make any)."""
    found = []
    for strip in app.screen._compositor.render_strips():
        for segment in strip:
            style = segment.style
            if style is not None and (style.link or (style.meta or {}).get("@click")):
                found.append(segment.text)
    return found


async def settle(pilot: Pilot[object], delay: float = 0.1) -> None:
    """Let workers finish and the screen catch up."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause(delay)
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def run_before(*keys: str) -> Callable[[Pilot[object]], Awaitable[None]]:
    """For snap_compare: wait for the archive to load, press keys, settling after each."""

    async def run(pilot: Pilot[object]) -> None:
        await settle(pilot)
        for key in keys:
            await pilot.press(key)
            await settle(pilot)

    return run


def burst(app: BrotuiApp, *keys: str) -> None:
    """Keys as a terminal delivers several in one read (a quick typist, tmux's send-keys,
    an SSH packet): all handed to the app at once, none waiting for the one before to be
    handled (Pilot.press waits after each key). Named as Pilot names them."""
    driver = app._driver
    assert driver is not None
    for key in keys:
        if len(key) == 1 and not key.isalnum():
            key = _character_to_key(key)
        try:
            char: str | None = unicodedata.lookup(
                _get_unicode_name_from_key(REPLACED_KEYS.get(key, key)))
        except KeyError:
            char = key if len(key) == 1 else None
        event = events.Key(key, char)
        event.set_sender(app)
        driver.send_message(event)
