"""Editing one protocol: a form for every field, or the raw YAML; ctrl+s saves a commit."""

from __future__ import annotations

import copy
import logging
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import partial
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.message import Message
from textual.timer import Timer
from textual.widgets import TextArea

from brotui.core import codec
from brotui.core.archive import Archive
from brotui.core.drafts import Drafts
from brotui.core.errors import MergeConflict
from brotui.core.identity import Identity
from brotui.core.merge import Merged
from brotui.core.model import Protocol, parse_id
from brotui.core.problems import Problem
from brotui.core.validate import check
from brotui.core.values import SaveResult
from brotui.i18n import t
from brotui.tui.base import Base
from brotui.tui.building import Builds, once_built
from brotui.tui.editing import (
    DraftKeeper,
    Held,
    Pending,
    save_notes,
    status_words,
    typed_over_saved,
    write_save,
)
from brotui.tui.editor_keys import EDITOR_BINDINGS, EditorKeys
from brotui.tui.widgets.edit_panes import EditPanes
from brotui.tui.widgets.footer import KeysFooter
from brotui.tui.widgets.protocol_form import ProtocolForm

if TYPE_CHECKING:  # an import's parser is loaded only when one is saved
    from brotui.core.importing import Imported

log = logging.getLogger("brotui")
DEBOUNCE = 0.3
DRAFT_EVERY = 3.0  # seconds between drafts: what a killed session can lose at most


class EditorScreen(Builds, EditorKeys, Base[None]):
    """One protocol in a form or as YAML. Nothing is written until ctrl+s."""

    BINDINGS = EDITOR_BINDINGS  # tui/editor_keys.py

    @dataclass
    class Saved(Message):
        result: SaveResult
        sent: Protocol  # what this save was asked to write
        theirs: str | None = None  # who saved the changes it merged (their latest commit)

    @dataclass
    class Conflicted(Message):
        error: MergeConflict

    def __init__(self, protocol_id: str, data: bytes, base: str | None, *,
                 new: bool = False, problems: list[Problem] | None = None,
                 unreadable: bool = False, imported: Imported | None = None,
                 save_with: Callable[[EditorScreen, Protocol], None] | None = None) -> None:
        """`problems`: those of the file as stored, if known (the view has them, with the
        ones of its name); `unreadable`: the file itself cannot be shown (a link, too
        large), so `data` is a start for the protocol that replaces it; `imported`: new
        minutes from an import, whose first save is the import's commit; `save_with`:
        what ctrl+s does with a valid text instead of a save (a correction), which calls
        `saved_elsewhere` once it is written."""
        super().__init__()
        self.save_with = save_with
        self.protocol_id = protocol_id
        self.data = data
        self.base = base
        self.new = new
        self.imported = imported
        self.unreadable = unreadable
        # Shown while the text is as opened: what is wrong with the file as stored. The
        # text shows escapes as \xNN and drops a BOM, so checking it alone would hide them.
        self.stored_problems = problems
        self.opened_text: str | None = None
        self.panes = EditPanes()  # the form or the YAML, and what is wrong in it
        self.clean = ""  # the text that counts as saved, in the current mode's shape
        self.saving = False
        self.held: Held | None = None  # what the save under way (or last) started from
        self.pending: Pending | None = None
        # What to do once the save under way ends: "close" (Escape, ctrl+w, the question's
        # Save) or "quit" (ctrl+q); it still asks first if something was typed meanwhile.
        self.leave_after_save: str | None = None
        self._timer: Timer | None = None
        self._shown_keys: tuple[object, ...] = ()
        self._keeper: DraftKeeper | None = None

    def compose(self) -> ComposeResult:
        yield self.compose_title()
        yield self.panes
        yield KeysFooter()

    async def on_mount(self) -> None:
        release = self.app.hold_display()
        parsed = check(self.data, self.protocol_id)
        if self.stored_problems is None:
            self.stored_problems = parsed.problems
        broken = self.unreadable or any(p.is_error for p in self.stored_problems)
        # A file that does not validate opens as YAML to be fixed; a new one is filled in.
        as_form = not broken or self.new
        try:
            self.opened_text = await self.panes.open(self.data, parsed.protocol, as_form)
            self.clean = self.current_text()
            self.validate_now()
        finally:
            release()
            # The form opens with a screenful of rows; the rest is built after the first
            # paint, while one types. Actions that read the rows (save, Ctrl+T, rows,
            # leaving) wait until it stands, as in any build; keys go where typed.
            self.call_after_refresh(self._fill_form)
        self.set_interval(DRAFT_EVERY, self.keep_draft)

    async def _fill_form(self) -> None:
        try:
            await self.panes.fill_form()
            if self.form is not None and not self.raw:
                self.validate_now()
        finally:
            self._built()  # the build that began with the screen
        self._offer_draft()

    def _offer_draft(self) -> None:
        draft = self.drafts.get()
        if draft is not None and draft.text != self.clean:
            self.app.offer_draft(draft, self.clean, self._draft_answer)
        elif draft is not None and not self.new:
            self.drafts.discard()  # nothing it would add (new minutes: the draft is all)

    @property
    def drafts(self) -> DraftKeeper:
        if self._keeper is None:
            self._keeper = DraftKeeper(Drafts(self.app.archive), self.app.identity,
                                       self.protocol_id)
        return self._keeper

    def keep_draft(self) -> None:
        """Keep what is typed, if it is not saved, under the git directory. Called every
        few seconds and when the session is cut (SIGHUP, SIGTERM: see the app)."""
        if not self.is_mounted:
            return
        try:
            text = self.current_text()
        except Exception:  # a half-built form: keep the last draft
            log.exception("reading the editor for a draft")
            return
        # What is typed is an edit of the commit the editor is on; while what a save
        # wrote is still to be put in, of the one the edit started from.
        base = self.pending.held.base if self.pending is not None else self.base
        self.drafts.keep(text, text == self.clean and not self.new, base)

    @once_built
    async def _draft_answer(self, answer: str | None) -> None:
        draft = self.drafts.get()
        if answer == "discard" or draft is None:
            self.drafts.discard()
            return
        if answer != "restore":
            self.app.pop_screen()  # later: the draft stays, the editor closes
            return
        # The draft's base is where that edit started: a save merges what others saved since.
        self.base = draft.base or self.base
        async with self.rebuilding():
            await self.panes.restore(draft.text)
        self.drafts.drafted = draft.text
        self.validate_now()
        self.tell(t("draft_restored"))

    # ------------------------------------------------------------------- modes

    @property
    def raw(self) -> bool:
        """Whether the YAML shows (else the form)."""
        return self.panes.raw

    @property
    def form(self) -> ProtocolForm | None:
        return self.panes.form

    @property
    def raw_area(self) -> TextArea:
        return self.panes.raw_area

    @once_built
    async def action_toggle_mode(self) -> None:
        release = self.app.hold_display()
        try:
            dirty = self.dirty
            async with self.rebuilding():
                reason = await self.panes.toggle()
            if reason is not None:
                self.tell(t("tui_cannot_form", reason=reason), severity="error", timeout=8)
                return
            if not dirty:
                self.clean = self.current_text()
            self.validate_now()
        finally:
            release()

    def current_text(self) -> str:
        """The protocol as it stands in the editor, as YAML."""
        return self.panes.current_text()

    @property
    def dirty(self) -> bool:
        return self.new or self.current_text() != self.clean

    # -------------------------------------------------------------- validation

    @on(ProtocolForm.Edited)
    @on(TextArea.Changed, "#raw-text")
    def _edited(self) -> None:
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(DEBOUNCE, self._typing_paused)

    @once_built
    async def _typing_paused(self) -> None:
        if self.pending is not None and not self.pending.at_save:
            state, _ = await self.take_in()
            if state == "done":
                self.tell(t("tui_typed_taken_in"))
        self.validate_now()

    def validate_now(self, live: bool = False) -> int:
        """Check what the editor holds, show each problem where it belongs; the error count.
        Until the text is edited, the problems of the file as stored are shown (`live`:
        those of the text, as a save would judge it)."""
        count = self.panes.show_problems(self.protocol_id, self.stored_problems,
                                         self.opened_text, self.unreadable, live)
        self.update_status(count)
        self.refresh_bindings()
        return count

    def update_status(self, errors: int) -> None:
        """`Editing <id> · not saved · 2 errors · form`: what matters most comes first."""
        parts = status_words(saving=self.saving, new=self.new, dirty=self.dirty,
                             errors=errors, raw=self.raw)
        self.panes.show_status(self.protocol_id, parts)

    # ------------------------------------------------------------------ saving

    @once_built
    async def action_save(self) -> None:
        if self.saving:
            return
        identity = self.app.identity
        if identity is None:
            self.leave_after_save = None
            problem = self.app.identity_problem
            self.tell(t("tui_cannot_save", reason=problem), severity="error", timeout=10)
            return
        if parse_id(self.protocol_id) is None:  # listed, but its name is no protocol's
            self.leave_after_save = None
            self.tell(t("err_name_to_fix", path=f"protocols/{self.protocol_id}",
                         problem=t("bad_filename")), severity="error", timeout=10)
            return
        if self.pending is not None:  # what the last save wrote goes in first
            state, _ = await self.take_in()
            if state in ("conflict", "busy"):
                return  # "unreadable": refused below, at the problem
        count = self.validate_now(live=True)
        if count:
            self.leave_after_save = None
            self.refuse(count)
            return
        text, protocol = self.panes.to_save(self.protocol_id)
        assert protocol is not None
        if self.save_with is not None:
            self.save_with(self, protocol)
            return
        self.held = Held(text, copy.deepcopy(protocol), self.base)
        self.saving = True
        self.update_status(0)
        self.save(protocol, identity, self.base, self.new)

    def saved_elsewhere(self) -> None:
        """What `save_with` wrote is saved: nothing is left to keep; close."""
        self.clean = self.current_text()
        self.drafts.discard()
        self.app.pop_screen()

    def refuse(self, count: int) -> None:
        """Say why nothing was saved and go to the first problem."""
        message = self.panes.go_to_first_problem()
        self.tell(t("tui_not_saved", count=count, first=message), severity="error", timeout=8)

    def save(self, protocol: Protocol, identity: Identity, base: str | None,
             new: bool) -> None:
        """Write the commit (in a thread); report back with a message, never touch widgets.
        A refusal (Conflict among them) or a failure leaves the text as typed."""
        protocol_id, imported = self.protocol_id, self.imported if new else None

        def write(archive: Archive) -> EditorScreen.Saved | EditorScreen.Conflicted:
            try:
                result, theirs = write_save(archive, protocol_id, protocol, identity, base, new,
                                            imported)
            except MergeConflict as exc:  # the same fields changed: the person decides
                return self.Conflicted(exc)
            return self.Saved(result, protocol, theirs)

        self.run_archive_work(write, doing=f"saving {protocol_id}", group="save")

    @on(Conflicted)
    def _conflicted(self, message: Conflicted) -> None:
        self.saving = False
        error = message.error
        theirs = getattr(error.theirs, "author", "?")

        def resolved(protocol: Protocol | None) -> None:
            if protocol is None:  # back to editing, with what was typed
                self.leave_after_save = None
                self.validate_now()
                self.tell(t("tui_conflict_open"), severity="warning", timeout=8)
                return
            identity = self.app.identity
            assert identity is not None  # it saved once
            self.saving = True
            self.update_status(0)
            self.save(protocol, identity, error.tip, False)

        assert isinstance(error.merged, Merged)
        self.app.resolve_conflict(self.protocol_id, error.merged, theirs, resolved)

    @on(Saved)
    async def _saved_message(self, message: Saved) -> None:
        await self._saved(message)

    @once_built
    async def _saved(self, message: Saved) -> None:
        self.saving = False
        result = message.result
        for text, severity, timeout in save_notes(result):
            self.tell(text, severity=severity, timeout=timeout)
        self.base = result.commit or self.base
        if result.commit is not None:
            self.push_after_save()  # to the central server, in a worker of its own
        self.new, self.imported = False, None
        self.stored_problems, self.unreadable = None, False  # the file is what was saved
        held = self.held
        assert held is not None
        # What the file holds now: a merge holds others' changes too, a resolved conflict
        # the choices made. Anything else is what the editor held at ctrl+s.
        stored = result.protocol or message.sent
        if stored == held.protocol:
            self.clean = self.panes.show_canonical(held.text, stored)
        else:
            self.clean = codec.dump(stored)
            self.pending = Pending(held, stored, message.theirs or "?")
            state, reason = await self.take_in()
            if state == "conflict":
                return  # the person decides first; the conflict screen's answer goes on
            if state == "unreadable":
                self.tell(t("tui_typed_kept", reason=reason), severity="warning", timeout=15)
        self._after_save()

    async def take_in(self) -> tuple[str, str]:
        """Put what the last save wrote (self.pending) into the editor, with whatever was
        typed since on top: a three-way merge of the model, from what was held at ctrl+s
        to what the widgets hold now and to what was saved. "done"; "unreadable" (the
        YAML typed does not read: kept as typed, tried again when typing pauses, and with
        the reason); "conflict" (typed where the save brought others' changes: the
        conflict screen is up); "busy" (keys kept coming while the form was rebuilt)."""
        p = self.pending
        if p is None:
            return "done", ""
        for _attempt in range(3):
            now = self.current_text()
            mine, problem = self.panes.protocol_now(now) if now != p.held.text else (None, "")
            plan = typed_over_saved(p, now, mine, problem)
            if plan.conflict is not None:
                self.pending = None
                self._resolve_typed(p, plan.conflict)
                return "conflict", ""
            if plan.target is None:
                return "unreadable", plan.unreadable
            async with self.rebuilding():
                shown = await self.panes.show_saved(plan.target, now)
            if shown:
                self.pending = None
                self.clean = self.current_text() if now == p.held.text else codec.dump(p.stored)
                return "done", ""
        return "busy", ""

    def _resolve_typed(self, p: Pending, merged: Merged) -> None:
        """What was typed during the save changed fields the merge brought others' changes
        to: the conflict screen, with what was saved as the start. Its ctrl+s saves the
        choices, as for a conflict found by a save; Escape puts it off to the next ctrl+s."""
        @once_built
        async def resolved(_self: EditorScreen, protocol: Protocol | None) -> None:
            if protocol is None:
                shown = False
            else:
                async with self.rebuilding():
                    shown = await self.panes.show_saved(protocol, self.current_text())
            if shown:
                self._after_save(leave=False)
                await self.action_save()
                return
            self.pending = replace(p, at_save=True)
            self.tell(t("tui_typed_kept_conflict"), severity="warning", timeout=10)
            self._after_save()

        self.app.resolve_conflict(self.protocol_id, merged, p.theirs, partial(resolved, self))

    def _after_save(self, leave: bool = True) -> None:
        """A save is over and the editor shows what it holds now: keep a draft of what is
        not saved yet (typed meanwhile) at once, and leave if that was asked for."""
        self.held = None
        self.drafts.discard()
        self.keep_draft()
        self.validate_now()
        if leave and self.leave_after_save is not None:
            then, self.leave_after_save = self.leave_after_save, None
            self._leave(then)

    def work_failed(self, failure: Base.WorkFailed) -> None:
        """The save failed (refused, git's words, or a bug): nothing was written."""
        self.saving = False
        self.leave_after_save = None
        self.validate_now()
        self.tell(failure.sentence, severity="error", timeout=15)

    # ----------------------------------------------------------------- leaving

    @once_built
    def action_leave(self, then: str = "close") -> None:
        """Close the editor (`then`: "quit" the app), asking first if something is not
        saved. During a save: once it is done, since what is typed meanwhile is not in it."""
        if self.saving:
            self.leave_after_save = then
            return
        self._leave(then)

    def action_close(self) -> None:
        """ctrl+w: like Escape, for terminals where Escape is slow or taken."""
        self.action_leave()

    def _leave(self, then: str) -> None:
        if not self.dirty:
            self._go(then)
            return

        async def answered(answer: str | None) -> None:
            if answer == "discard":
                self.drafts.discard()
                self._go(then)
            elif answer == "save":
                self.leave_after_save = then
                await self.action_save()

        self.app.ask_leave(self.protocol_id, answered)

    def _go(self, then: str) -> None:
        if then == "quit":
            self.app.exit()
        else:
            self.app.pop_screen()
