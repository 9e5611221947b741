"""Keys that come while the editor rebuilds its form (after a save that merged another's
change) wait for the form and then act: no NoMatches from half a form, nothing typed
lost. And the focus stays in the field it was in."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Input

from brotui.core import ops
from brotui.core.archive import Archive
from brotui.core.model import Protocol
from brotui.tui.app import BrotuiApp
from brotui.tui.screens.leave import LeaveScreen
from brotui.tui.screens.view import ViewScreen
from brotui.tui.widgets.edit_panes import EditPanes
from brotui.tui.widgets.protocol_form import ProtocolForm
from tests.app.conftest import burst, screen_text, settle
from tests.app.test_edit import (
    NEW_ROLE,
    SEED,
    SEED_PATH,
    field,
    open_editor,
    retype,
    tab_to,
    until,
)
from tests.conftest import BOB

CASES = {
    "ctrl+t twice, ctrl+w": (["ctrl+t", "ctrl+t", "ctrl+w"], ViewScreen),
    "ctrl+t, escape": (["ctrl+t", "escape"], ViewScreen),
    "typed, escape": (["Z", "escape"], LeaveScreen),
    "typed, ctrl+t, ctrl+w": (["Z", "ctrl+t", "ctrl+w"], LeaveScreen),
}


async def save_merging_bobs_change(pilot: object, app: BrotuiApp, demo: Path) -> None:
    """I retype Martin's role; Bob saves another field meanwhile; my ctrl+s merges it,
    and the editor starts rebuilding its form with what is saved now."""
    await tab_to(pilot, field("role", "Kommunpolis"))  # type: ignore[arg-type]
    await retype(pilot, NEW_ROLE)  # type: ignore[arg-type]
    archive = Archive(demo)
    theirs = archive.load(SEED)
    theirs.items[5].title = "Övrigt och avslutning"
    ops.save(archive, SEED, theirs, BOB)
    await pilot.press("ctrl+s")  # type: ignore[attr-defined]


def keys_when_the_rebuild_starts(monkeypatch: pytest.MonkeyPatch, app: BrotuiApp,
                                 keys: list[str]) -> None:
    """The keys arrive (in one burst) just as the form starts being rebuilt with what
    the save merged: the moment a person cannot aim at, made certain."""
    show_form = EditPanes.show_form

    async def rebuilt(panes: EditPanes, protocol: Protocol,
                      unless_changed_from: str | None = None, **kwargs: Any) -> bool:
        if unless_changed_from is not None:
            burst(app, *keys)
            await asyncio.sleep(0)
        return await show_form(panes, protocol, unless_changed_from, **kwargs)

    monkeypatch.setattr(EditPanes, "show_form", rebuilt)


@pytest.mark.parametrize("case", list(CASES), ids=list(CASES))
async def test_keys_during_the_rebuild_after_a_merge_wait_and_act(
        make_app: Callable[..., BrotuiApp], demo: Path, case: str,
        monkeypatch: pytest.MonkeyPatch) -> None:
    keys, ends_on = CASES[case]
    app = make_app()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        editor = await open_editor(pilot, app)
        keys_when_the_rebuild_starts(monkeypatch, app, keys)
        await save_merging_bobs_change(pilot, app, demo)
        await until(pilot, lambda: isinstance(app.screen, ends_on), ends_on.__name__,
                    timeout=20)
        await settle(pilot, 0.3)
        assert app.is_running and app._exception is None, app._exception
        text = (demo / SEED_PATH).read_text(encoding="utf-8")
        assert f"role: {NEW_ROLE}" in text and "title: Övrigt och avslutning" in text
        if "Z" in keys:  # typed during the rebuild: in the editor, asked about, drafted
            assert f"role: {NEW_ROLE}Z" in editor.current_text(), screen_text(app)
            editor.keep_draft()
            draft = editor.drafts.get()
            assert draft is not None and f"{NEW_ROLE}Z" in draft.text


async def test_the_focus_stays_in_its_field_after_a_save_that_merged(
        make_app: Callable[..., BrotuiApp], demo: Path) -> None:
    """After the merge the focus is in the role I typed, not in Council: the next keys
    go on in the role."""
    app = make_app()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        editor = await open_editor(pilot, app)
        await save_merging_bobs_change(pilot, app, demo)
        await until(pilot, lambda: not editor.saving and editor.pending is None
                    and len(editor.query(ProtocolForm)) == 1, "the merge shown")
        await settle(pilot, 0.3)
        assert field("role", NEW_ROLE)(editor.focused), editor.focused
        await pilot.press(*" 2")
        await settle(pilot)
        roles = [w.value for w in editor.query(Input) if w.has_class("field-role")]
        assert f"{NEW_ROLE} 2" in roles
        council = editor.query_one(".field-council", Input)
        assert council.value == "Hägersten-Liljeholmens lokala brottsförebyggande råd"
