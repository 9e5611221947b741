"""The editor's open time in process (Pilot, 80x24): `e` on a protocol's view until the
form shows with the focus in it, and until every row is built. On the demo's 2020-05-14
and on the seed minutes made 60 attendees / 40 items. Usage: python benchmarks/editor_open.py
(issue 13; benchmarks/terminal.py measures the seed in a real pty)."""
import asyncio
import copy
import tempfile
import time
from pathlib import Path

from textual.widgets import Input

from brotui import i18n
from brotui.core import ops
from brotui.core.demo import build_demo
from brotui.core.identity import Identity
from brotui.core.model import Attendee, Item
from brotui.tui.app import BrotuiApp
from brotui.tui.screens.editor import EditorScreen
from brotui.tui.screens.view import ViewScreen

SEED = "hagersten-liljeholmen/2020-02-20"

async def one(archive, pid):
    app = BrotuiApp(archive, "A <a@b.c>")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause(0.5)
        app.push_screen(ViewScreen(pid))
        await pilot.pause(1.0)
        t = time.perf_counter()
        await pilot.press("e")
        while not (isinstance(app.screen, EditorScreen) and app.screen.form is not None
                   and isinstance(app.screen.focused, Input)):
            await asyncio.sleep(0.002)
        t_form = time.perf_counter() - t
        await pilot.press("x")
        shown = None
        while True:
            s = app.screen
            f = s.focused
            if shown is None and isinstance(f, Input) and "x" in f.value:
                await pilot.pause()  # drawn
                shown = time.perf_counter() - t
            if shown is not None and not s.building:
                break
            if time.perf_counter() - t > 20:
                print("STUCK", type(s).__name__, getattr(s, "_builds", None),
                      getattr(s, "waiting", None), flush=True)
                form = getattr(s, "form", None)
                if form is not None:
                    print({k: len(v.pending) for k, v in form.sections.items()}, flush=True)
                break
            await asyncio.sleep(0.002)
        return t_form, time.perf_counter() - t

async def main():
    i18n.set_language("en")
    d = Path(tempfile.mkdtemp()) / "demo"
    archive = build_demo(d)
    big = copy.deepcopy(archive.load(SEED))
    big.attendees = [Attendee(name=f"Person {n}", role="Roll") for n in range(60)]
    big.attendees[0].name = big.chair
    big.items = [Item(number=n + 1, title=f"Punkt {n + 1}", text="Text.") for n in range(40)]
    ops.save(archive, SEED, big, Identity("A", "a@b.c"))
    for pid in ("hagersten-liljeholmen/2020-05-14", SEED):
        r = [await one(archive, pid) for _ in range(1)]
        print(pid, "form focused ms:", [round(a * 1000) for a, _ in r],
              "built ms:", [round(b * 1000) for _, b in r])

asyncio.run(main())
