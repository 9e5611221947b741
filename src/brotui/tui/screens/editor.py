"""Editing one protocol: a form for every field, or the raw YAML; ctrl+s saves a commit."""

from __future__ import annotations

import copy
import logging
from dataclasses import dataclass, replace

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.message import Message
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Footer, Select, Static, TextArea

from brotui.core import codec, ops
from brotui.core.archive import Archive
from brotui.core.drafts import Drafts
from brotui.core.errors import BrotuiError, MergeConflict
from brotui.core.git import GitError
from brotui.core.identity import Identity
from brotui.core.merge import Merged
from brotui.core.model import Protocol, parse_id
from brotui.core.problems import Problem
from brotui.core.text import visible
from brotui.core.validate import check
from brotui.core.values import SaveResult
from brotui.i18n import t
from brotui.tui.base import Base
from brotui.tui.editing import (
    DraftKeeper,
    Held,
    Pending,
    read_typed,
    status_words,
    typed_over_saved,
)
from brotui.tui.text import safe
from brotui.tui.widgets.form_group import Spot
from brotui.tui.widgets.protocol_form import ProtocolForm, form_blockers
from brotui.tui.widgets.text_area import QuietTextArea

log = logging.getLogger("brotui")
DEBOUNCE = 0.3
DRAFT_EVERY = 3.0  # seconds between drafts: what a killed session can lose at most


class EditorScreen(Base[None]):
    """One protocol in a form or as YAML. Nothing is written until ctrl+s."""

    BINDINGS = [
        Binding("ctrl+s", "save", "key_save", priority=True),
        Binding("ctrl+t", "toggle_mode", "key_mode", priority=True),
        # Tab moves the focus before any key after it is handled, even when keys arrive
        # in one burst (a quick typist, an SSH link): otherwise the text lands in the field
        # the Tab left.
        Binding("tab", "app.focus_next", show=False, priority=True),
        Binding("shift+tab", "app.focus_previous", show=False, priority=True),
        Binding("escape", "leave", "key_close", priority=True),
        Binding("ctrl+w", "close", "key_close", show=False, priority=True),
        Binding("ctrl+a", "add_row", "key_add", priority=True),
        Binding("ctrl+d", "remove_row", "key_remove", priority=True),
        Binding("alt+up", "move_row(-1)", "key_move_up", show=False),
        Binding("alt+down", "move_row(1)", "key_move_down", show=False),
        Binding("f8", "next_problem", "key_next_problem"),
    ]

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
                 unreadable: bool = False) -> None:
        """`problems`: those of the file as stored, if known (the view has them, with the
        ones of its name); `unreadable`: the file itself cannot be shown (a link, too
        large), so `data` is a start for the protocol that replaces it."""
        super().__init__()
        self.protocol_id = protocol_id
        self.data = data
        self.base = base
        self.new = new
        self.unreadable = unreadable
        # Shown while the text is as opened: what is wrong with the file as stored. The
        # text shows escapes as \xNN and drops a BOM, so checking it alone would hide them.
        self.stored_problems = problems
        self.opened_text: str | None = None
        self.raw = True
        self.form: ProtocolForm | None = None
        self.spots: list[Spot] = []
        self.raw_problems: list[Problem] = []
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
        self._shown_problems: str | None = None
        self._shown_status: list[str] | None = None

    def compose(self) -> ComposeResult:
        yield self.compose_title()
        yield Static(id="status-line")
        yield Vertical(id="form-holder")
        with Vertical(id="raw-pane"):
            area = QuietTextArea.code_editor("", language="yaml", soft_wrap=True, id="raw-text")
            area.indent_width = 2
            yield area
            with VerticalScroll(id="raw-problems"):
                yield Static(id="raw-problem-list")
        yield Footer()

    async def on_mount(self) -> None:
        release = self.app.hold_display()
        parsed = check(self.data, self.protocol_id)
        if self.stored_problems is None:
            self.stored_problems = parsed.problems
        broken = self.unreadable or any(p.is_error for p in self.stored_problems)
        # A file that does not validate opens as YAML to be fixed; a new one is filled in.
        if parsed.protocol is not None and (not broken or self.new) \
                and not form_blockers(parsed.protocol):
            await self.show_form(parsed.protocol)
        else:
            text = self.data.decode("utf-8", "replace").removeprefix("\ufeff")
            self.show_raw(visible(text, invisible=False))
            self.opened_text = self.raw_area.text
        self.clean = self.current_text()
        self.validate_now()
        release()
        draft = self.drafts.get()
        if draft is not None and draft.text != self.clean:
            self.app.offer_draft(draft, self.clean, self._draft_answer)
        elif draft is not None:
            self.drafts.discard()  # nothing it would add
        self.set_interval(DRAFT_EVERY, self.keep_draft)

    # ------------------------------------------------------------------ drafts

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
        loaded = codec.load(draft.text)
        if self.form is not None and loaded.ok and loaded.protocol is not None \
                and not form_blockers(loaded.protocol):
            await self.show_form(loaded.protocol)
        else:
            if self.form is not None:
                await self.form.remove()
                self.form = None
            self.show_raw(draft.text)
        self.drafts.drafted = draft.text
        self.validate_now()
        self.tell(t("draft_restored"))

    # ------------------------------------------------------------------- modes

    @property
    def raw_area(self) -> TextArea:
        return self.query_one("#raw-text", TextArea)

    async def show_form(self, protocol: Protocol, unless_changed_from: str | None = None) -> bool:
        """Show `protocol` in a new form. With `unless_changed_from`: keep the focus on the
        same field, and give up (False, the old form left as it was) if the old form no
        longer holds that text once the new one is built: keys typed while it was built
        went into the old form, which stays focused until the new one takes its place."""
        old = self.form
        place = old.field_place(self.focused) if old is not None else None
        form = ProtocolForm(protocol)
        form.display = old is None
        await self.query_one("#form-holder").mount(form)
        if unless_changed_from is not None and old is not None \
                and self.current_text() != unless_changed_from:
            await form.remove()
            return False
        self.form = form
        form.display = True
        target = form.field_at(place) if place is not None \
            and unless_changed_from is not None else None
        if target is not None:
            target.focus()
        else:
            form.header.focus_first()
        if old is not None:
            await old.remove()
        self.raw = False
        self.query_one("#form-holder").display = True
        self.query_one("#raw-pane").display = False
        self.refresh_bindings()
        return True

    def show_raw(self, text: str) -> None:
        self.raw_area.load_text(text)
        self.raw = True
        self.query_one("#form-holder").display = False
        self.query_one("#raw-pane").display = True
        self.raw_area.focus()
        self.refresh_bindings()

    async def action_toggle_mode(self) -> None:
        release = self.app.hold_display()
        try:
            await self._toggle_mode()
        finally:
            release()

    async def _toggle_mode(self) -> None:
        dirty = self.dirty
        if self.raw:
            text = self.raw_area.text
            loaded = codec.load(text)
            reasons = [p.format() for p in loaded.errors]
            if loaded.protocol is not None and not reasons:
                reasons = form_blockers(loaded.protocol)
            if loaded.protocol is None or reasons:
                self.tell(t("tui_cannot_form", reason=reasons[0]), severity="error", timeout=8)
                return
            await self.show_form(loaded.protocol)
        else:
            assert self.form is not None
            self.show_raw(codec.dump(self.form.read()[0]))
            await self.form.remove()
            self.form = None
        if not dirty:
            self.clean = self.current_text()
        self.validate_now()

    def current_text(self) -> str:
        """The protocol as it stands in the editor, as YAML."""
        if self.raw or self.form is None:
            return self.raw_area.text
        return codec.dump(self.form.read()[0])

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
        if self.raw:
            text = self.raw_area.text
            as_opened = text == self.opened_text and self.stored_problems is not None
            if as_opened and not live:
                problems = list(self.stored_problems or [])
            else:
                problems = check(text, self.protocol_id).problems
            self.raw_problems = sorted(problems, key=lambda p: not p.is_error)  # errors first
            lines = [p.format() for p in self.raw_problems]
            if as_opened and self.unreadable:
                lines.append(t("tui_replace_unreadable"))
            shown = "\n".join(lines) or t("tui_no_problems")
            if shown != self._shown_problems:  # an update lays the screen out again
                self._shown_problems = shown
                self.query_one("#raw-problem-list", Static).update(safe(shown))
            count = sum(p.is_error for p in self.raw_problems)
        else:
            assert self.form is not None
            protocol, unreadable = self.form.read()
            problems = check(codec.dump(protocol), self.protocol_id).problems
            self.spots = self.form.show_problems(problems, unreadable)
            count = len(self.spots)
        self.update_status(count)
        self.refresh_bindings()
        return count

    def update_status(self, errors: int) -> None:
        """`Editing <id> · not saved · 2 errors · form`: what matters most comes first."""
        parts = status_words(saving=self.saving, new=self.new, dirty=self.dirty,
                             errors=errors, raw=self.raw)
        if parts == self._shown_status:
            return  # the same words: nothing to send to the terminal
        self._shown_status = parts
        line = safe(t("tui_editing", id=self.protocol_id), "bold")
        line.append_text(safe(" · " + " · ".join(parts)))
        self.query_one("#status-line", Static).update(line)

    def action_next_problem(self) -> None:
        """Move to the next problem: its line in YAML, its field in the form."""
        if not self.raw:
            if self.spots:
                current = self.focused
                widgets = [s.widget for s in self.spots]
                after = widgets.index(current) + 1 if current in widgets else 0
                self.spots[after % len(widgets)].go()
            return
        lines = sorted({p.line for p in self.raw_problems if p.line})
        if lines:
            row = self.raw_area.cursor_location[0] + 1
            target = next((n for n in lines if n > row), lines[0])
            self.raw_area.move_cursor((target - 1, 0), center=True)
            self.raw_area.focus()

    # ------------------------------------------------------------------ saving

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
        if self.raw:
            text = self.raw_area.text
            protocol = check(text, self.protocol_id).protocol
        else:
            assert self.form is not None
            protocol = copy.deepcopy(self.form.read()[0])
            text = codec.dump(protocol)
        assert protocol is not None
        self.held = Held(text, copy.deepcopy(protocol), self.base)
        self.saving = True
        self.update_status(0)
        self.save(protocol, identity, self.base, self.new)

    def refuse(self, count: int) -> None:
        """Say why nothing was saved and go to the first problem."""
        if self.raw:
            first = next(p for p in self.raw_problems if p.is_error)
            if first.line:
                self.raw_area.move_cursor((first.line - 1, 0), center=True)
            self.raw_area.focus()
            message = first.format()
        else:
            spot = self.spots[0]
            spot.go()
            message = spot.message
        self.tell(t("tui_not_saved", count=count, first=message), severity="error", timeout=8)

    def save(self, protocol: Protocol, identity: Identity, base: str | None,
             new: bool) -> None:
        """Write the commit (in a thread); report back with a message, never touch widgets.
        A refusal (Conflict among them) or a failure leaves the text as typed."""
        protocol_id = self.protocol_id

        def write(archive: Archive) -> EditorScreen.Saved | EditorScreen.Conflicted:
            try:
                if new and base is None:
                    result = ops.create(archive, protocol_id, protocol, identity)
                else:
                    result = ops.save(archive, protocol_id, protocol, identity, base=base)
            except MergeConflict as exc:  # the same fields changed: the person decides
                return self.Conflicted(exc)
            theirs = None
            if result.merged:  # named if what was typed since conflicts with their change
                try:
                    earlier = archive.history(protocol_id, limit=2)[1:]
                    theirs = earlier[0].author if earlier else None
                except (BrotuiError, GitError):
                    log.exception("reading who saved %s before", protocol_id)
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
    async def _saved(self, message: Saved) -> None:
        self.saving = False
        result = message.result
        if result.commit is None:
            self.tell(t("tui_no_changes"))
        else:
            summary = result.message.splitlines()[0] if result.message else ""
            self.tell(t("tui_saved", commit=result.commit[:10], summary=summary))
            self.base = result.commit
            self.push_after_save()  # to the central server, in a worker of its own
        note = ops.merged_note(result)
        if note is not None:
            self.tell(note, timeout=12)
        for said in result.notes:
            self.tell(said.text(), severity="warning", timeout=10)
        self.new = False
        self.stored_problems, self.unreadable = None, False  # the file is what was saved
        held = self.held
        assert held is not None
        # What the file holds now: a merge holds others' changes too, a resolved conflict
        # the choices made. Anything else is what the editor held at ctrl+s.
        stored = result.protocol or message.sent
        if stored == held.protocol:
            self.clean = held.text
            if self.raw and self.raw_area.text == held.text:
                canonical = codec.dump(stored)
                if canonical != held.text:  # show what the file now says
                    row, column = self.raw_area.cursor_location
                    self.raw_area.load_text(canonical)
                    self.raw_area.move_cursor((row, column))
                    self.clean = canonical
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
            mine, problem = self._protocol_now(now) if now != p.held.text else (None, "")
            plan = typed_over_saved(p, now, mine, problem)
            if plan.conflict is not None:
                self.pending = None
                self._resolve_typed(p, plan.conflict)
                return "conflict", ""
            if plan.target is None:
                return "unreadable", plan.unreadable
            if await self._show_saved(plan.target, now):
                self.pending = None
                self.clean = self.current_text() if now == p.held.text else codec.dump(p.stored)
                return "done", ""
        return "busy", ""

    def _protocol_now(self, text: str) -> tuple[Protocol | None, str]:
        """The protocol the editor holds now, or why it cannot be read as one."""
        if not self.raw and self.form is not None:
            return copy.deepcopy(self.form.read()[0]), ""
        return read_typed(text)

    async def _show_saved(self, protocol: Protocol, now: str) -> bool:
        """Show `protocol` where the person is typing, the cursor kept where it is; False if
        the form changed while its replacement was built (see show_form)."""
        if self.raw or self.form is None or form_blockers(protocol):
            if self.form is not None and not self.raw:  # the form cannot show it: as YAML
                await self.form.remove()
                self.form = None
                self.show_raw(codec.dump(protocol))
                return True
            row, column = self.raw_area.cursor_location
            self.raw_area.load_text(codec.dump(protocol))
            self.raw_area.move_cursor((row, column))
            return True
        return await self.show_form(protocol, unless_changed_from=now)

    def _resolve_typed(self, p: Pending, merged: Merged) -> None:
        """What was typed during the save changed fields the merge brought others' changes
        to: the conflict screen, with what was saved as the start. Its ctrl+s saves the
        choices, as for a conflict found by a save; Escape puts it off to the next ctrl+s."""
        async def resolved(protocol: Protocol | None) -> None:
            if protocol is not None and await self._show_saved(protocol, self.current_text()):
                self._after_save(leave=False)
                await self.action_save()
                return
            self.pending = replace(p, at_save=True)
            self.tell(t("tui_typed_kept_conflict"), severity="warning", timeout=10)
            self._after_save()

        self.app.resolve_conflict(self.protocol_id, merged, p.theirs, resolved)

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

    # ------------------------------------------------------------ form rows

    async def action_add_row(self) -> None:
        if self.form is not None:
            await self.form.add_row(self.focused)

    async def action_remove_row(self) -> None:
        if self.form is not None:
            await self.form.remove_row(self.focused)

    def action_move_row(self, delta: int) -> None:
        if self.form is not None:
            self.form.move_row(self.focused, delta)

    def refresh_bindings(self) -> None:
        """Tell the footer only when the keys it shows change: redrawing it lays out the
        whole form, and the focus moves at every Tab."""
        shown = tuple((key, b.action, enabled) for key, (_, b, enabled, _) in
                      self.active_bindings.items() if b.show)
        if shown != self._shown_keys:
            self._shown_keys = shown
            super().refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "leave":
            return not _select_open(self.focused)
        if action == "next_problem":
            return bool(self.raw_problems if self.raw else self.spots)
        if action in ("add_row", "remove_row", "move_row"):
            if self.raw or self.form is None:
                return False
            section, row = self.form.place_of(self.focused)
            if section is None or (row is None and action != "add_row"):
                return False
        return True


def _select_open(widget: Widget | None) -> bool:
    """Whether the focus is in an open Select list (where Escape closes the list)."""
    if widget is None:
        return False
    return any(isinstance(n, Select) and n.expanded for n in widget.ancestors_with_self)
