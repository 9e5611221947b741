"""Random keys on every screen, as a cat on the keyboard or a person in a hurry types them:
the app keeps running, nothing ends in a traceback, and nothing the code did not expect
happens (no error is logged). And with git failing under the workers (the archive's
files made unreadable mid-session), the person reads a sentence and the app goes on.

Each screen is run twice, at 80x24 in Swedish and at 160x50 in English, each run with a
fixed seed of its own (from the screen, the size and the language), so a run is the same
keys every time: 300 keys, in turns of 30 ms apart (each handled before the next) and of
bursts (all handed over at once, as one read from a terminal or an SSH packet brings
them), the app checked after each turn. None of the keys is a way out that a person
chooses on purpose (ctrl+q, `q`, ctrl+c, the command palette)."""

from __future__ import annotations

import asyncio
import copy
import logging
import random
import shutil
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from textual.pilot import Pilot

from brotui.core.drafts import Drafts
from brotui.core.errors import BrotuiError
from brotui.core.merge import merge
from brotui.tui.app import BrotuiApp
from tests.app.conftest import burst, screen_text, settle
from tests.conftest import git

SEED = "hagersten-liljeholmen/2020-02-20"  # the second row of the list: several versions
BATCHES = 5  # the runs with git failing under the workers
PER_BATCH = 12
KEYS_PER_RUN = 300
TURN = 20  # keys in one turn: 30 ms apart, or one burst
APART = 0.03  # seconds between keys typed one by one
RUNS = [((80, 24), "sv"), ((160, 50), "en")]  # every screen: both sizes, both languages

KEYS = [
    *"abcdefghijklmnoprstuvwxyzåäö0123456789-:.,", "space", "enter", "escape", "tab",
    "shift+tab", "up", "down", "left", "right", "pageup", "pagedown", "home", "end",
    "backspace", "delete", "question_mark", "f1", "f8", "ctrl+a", "ctrl+d", "ctrl+e",
    "ctrl+f", "ctrl+g", "ctrl+l", "ctrl+n", "ctrl+o", "ctrl+r", "ctrl+s", "ctrl+t",
    "ctrl+u", "ctrl+w", "alt+up", "alt+down",
]


def draft_for(app: BrotuiApp) -> None:
    """The draft dialog, over the editor's view of the minutes (as when it opens)."""
    archive = app.archive
    saved = archive.read(SEED).data.decode("utf-8")
    drafts = Drafts(archive)
    drafts.keep(app.identity, SEED, saved.replace("Kommunpolis", "Polis"),
                archive.history(SEED)[0].oid)
    draft = drafts.get(app.identity, SEED)
    assert draft is not None
    app.offer_draft(draft, saved, lambda _: None)


def conflict_for(app: BrotuiApp) -> None:
    """The conflict screen: Bob and I changed the same role."""
    base = app.archive.load(SEED)
    mine, theirs = copy.deepcopy(base), copy.deepcopy(base)
    mine.attendees[0].role, theirs.attendees[0].role = "Ordförande", "Polischef"
    mine.location, theirs.location = "Rum 1", "Rum 2"
    app.resolve_conflict(SEED, merge(base, mine, theirs), "Bob Berg", lambda _: None)


# The screen, how a person gets there from the list (keys, or what the editor would ask
# the app to show), and the name of the screen that must then be on top.
SCREENS: list[tuple[str, list[str] | Callable[[BrotuiApp], None], str]] = [
    ("list", [], "BrowserScreen"),
    ("view", ["down", "enter"], "ViewScreen"),
    ("view-raw-blame", ["down", "enter", "y", "b"], "ViewScreen"),
    ("editor-form", ["down", "enter", "e"], "EditorScreen"),
    ("editor-raw", ["down", "enter", "e", "ctrl+t"], "EditorScreen"),
    ("history", ["down", "enter", "h"], "HistoryScreen"),
    ("diff", ["down", "enter", "h", "d"], "DiffScreen"),
    ("search", ["ctrl+g", *"skärmtak"], "SearchScreen"),
    ("search-history", ["ctrl+g", "ctrl+t", *"skärmtak", "enter"], "SearchScreen"),
    ("activity", ["ctrl+l"], "ActivityScreen"),
    ("deleted", ["ctrl+l", "ctrl+d"], "ActivityScreen"),
    ("help", ["question_mark"], "HelpScreen"),
    ("new", ["ctrl+n"], "NewProtocolScreen"),
    ("confirm-delete", ["down", "enter", "d"], "ConfirmScreen"),
    ("rename", ["down", "enter", "r"], "RenameScreen"),
    ("restore", ["down", "enter", "h", "ctrl+end", "r"], "DiffScreen"),
    ("leave", ["down", "enter", "e", "ctrl+t", "x", "escape"], "LeaveScreen"),
    ("draft", draft_for, "DraftScreen"),
    ("conflict", conflict_for, "ConflictScreen"),
    ("export", ["down", "enter", "x"], "ExportScreen"),
    ("import", ["ctrl+b"], "ImportScreen"),
]


def keys_for(name: str) -> Iterator[list[str]]:
    """The batches of keys for one screen: the same on every run (a seed from its name)."""
    rng = random.Random(zlib.crc32(name.encode()))
    for _ in range(BATCHES):
        yield [rng.choice(KEYS) for _ in range(PER_BATCH)]


def turns_for(name: str, size: tuple[int, int], lang: str) -> Iterator[tuple[bool, list[str]]]:
    """The turns of one run: (whether it is a burst, its keys), the same on every run."""
    rng = random.Random(zlib.crc32(f"{name} {size} {lang}".encode()))
    for _ in range(KEYS_PER_RUN // TURN):
        yield rng.random() < 0.5, [rng.choice(KEYS) for _ in range(TURN)]


@pytest.fixture
def logged(caplog: pytest.LogCaptureFixture) -> pytest.LogCaptureFixture:
    """What brotui logs as an error (read `.records` when asserting: pytest keeps one
    list per phase of a test)."""
    caplog.set_level(logging.ERROR, logger="brotui")
    return caplog


async def reach(pilot: Pilot[None], app: BrotuiApp,
                way: list[str] | Callable[[BrotuiApp], None], screen: str) -> None:
    await settle(pilot)
    if callable(way):
        way(app)
    else:
        for key in way:
            await pilot.press(key)
            await settle(pilot)
    await settle(pilot)
    assert type(app.screen).__name__ == screen, screen_text(app)


async def still_running(pilot: Pilot[None], app: BrotuiApp) -> None:
    await settle(pilot)
    assert app.is_running and app.return_code is None, "the app ended"
    assert app._exception is None, app._exception


@pytest.mark.parametrize(("size", "lang"), RUNS, ids=[f"{w}x{h}-{lang}" for (w, h), lang in RUNS])
@pytest.mark.parametrize(("name", "way", "screen"), SCREENS, ids=[s[0] for s in SCREENS])
async def test_random_keys_never_end_the_app_or_log_an_error(
        make_app: Callable[..., BrotuiApp], demo: Path, name: str,
        way: list[str] | Callable[[BrotuiApp], None], screen: str,
        size: tuple[int, int], lang: str, logged: pytest.LogCaptureFixture) -> None:
    app = make_app(lang)
    async with app.run_test(size=size, notifications=True) as pilot:
        await reach(pilot, app, way, screen)
        for in_a_burst, keys in turns_for(name, size, lang):
            if in_a_burst:
                burst(app, *keys)
            else:
                for key in keys:
                    await pilot.press(key)
                    await asyncio.sleep(APART)
            await still_running(pilot, app)
        unexpected = [r for r in logged.records if not refusal(r)]
        assert not unexpected, [r.getMessage() for r in unexpected]


def refusal(record: logging.LogRecord) -> bool:
    """A worker's refusal, which the person reads as a sentence: 300 keys go far enough
    to confirm a deletion (`d` then `d`) and then read the minutes just deleted ("There
    is no protocol ... in main"), or to save over them ("... has been deleted since")."""
    return record.exc_info is not None and isinstance(record.exc_info[1], BrotuiError)


@contextmanager
def files_unreadable(archive_path: Path) -> Iterator[None]:
    """Every version of every file in the archive made unreadable under git (their
    objects emptied, as a full disk or a failing one leaves them), while the commits and
    folders still read: the branch, the list of commits and the tip are there, but no
    protocol reads; brotui's caches (.git/brotui) moved away, so that what they know
    is read again. Put back afterwards."""
    git_dir = archive_path / ".git"
    caches, aside = git_dir / "brotui", git_dir / "brotui-aside"
    if caches.exists():
        caches.rename(aside)
    listed = git(archive_path, "cat-file", "--batch-all-objects", "--batch-check")
    blobs = [line.split()[0] for line in listed.splitlines() if line.split()[1] == "blob"]
    kept = {}
    for blob in blobs:
        path = git_dir / "objects" / blob[:2] / blob[2:]
        kept[path] = path.read_bytes()
        path.chmod(0o644)
        path.write_bytes(b"")
    try:
        yield
    finally:
        for path, data in kept.items():
            path.write_bytes(data)
        if aside.exists():
            shutil.rmtree(caches, ignore_errors=True)
            aside.rename(caches)


# What a person does next once git fails, and what they read: each runs archive work in
# a worker, whose failure is a sentence naming the object git cannot read (the search's
# one-line status shows its start; the traceback is in the log).
SAID = ("git cannot read the object",)
AFTER_FAILURE: list[tuple[str, list[str]]] = [
    ("list-reload", ["ctrl+r"]),
    ("open", ["down", "enter"]),
    ("search-history", ["ctrl+g", "ctrl+t", *"skärmtak", "enter"]),
]


@pytest.mark.parametrize(("name", "keys"), AFTER_FAILURE, ids=[a[0] for a in AFTER_FAILURE])
async def test_git_failing_under_a_worker_is_a_sentence_and_the_app_goes_on(
        make_app: Callable[..., BrotuiApp], demo: Path, name: str, keys: list[str],
        logged: pytest.LogCaptureFixture) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await settle(pilot)
        assert "2 of 2 protocols" in screen_text(app)
        with files_unreadable(demo):
            for key in keys:
                await pilot.press(key)
                await settle(pilot)
            await still_running(pilot, app)
            text = screen_text(app)
            assert any(said in text for said in SAID), text
            assert "Traceback" not in text
            for batch in keys_for(f"git-{name}"):
                await pilot.press(*batch)
                await still_running(pilot, app)
        # Each failure went to the log with its traceback.
        assert logged.records and all(r.exc_info is not None for r in logged.records)
        # With the files back, the list reads again.
        while len(app.screen_stack) > 2:
            await app.pop_screen()
        await pilot.press("escape", "ctrl+r")
        await still_running(pilot, app)
        assert "2 of 2 protocols" in screen_text(app)
