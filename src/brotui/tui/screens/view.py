"""Reading one protocol: rendered as minutes, or as its raw YAML."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Static, TextArea

from brotui.core import codec, ops
from brotui.core.archive import Archive
from brotui.core.blame import blame
from brotui.core.blame import notes as blame_notes
from brotui.core.codec import Parsed
from brotui.core.errors import BrotuiError, InvalidProtocol
from brotui.core.model import id_to_path, parse_id, path_to_id
from brotui.core.problems import Problem
from brotui.core.query import Query
from brotui.core.render import Line, Notes, local_time, minutes
from brotui.core.text import visible
from brotui.core.textparts import Part, locate
from brotui.core.values import Commit, Revision, SaveResult
from brotui.i18n import t
from brotui.tui.failures import explain
from brotui.tui.keys import translate_bindings
from brotui.tui.text import highlight, lines_to_text, safe
from brotui.tui.widgets.text_area import QuietTextArea


def when(commit: Commit) -> str:
    return local_time(commit.time)


class ViewScreen(Screen[None]):
    """A protocol at the branch tip (editable) or at an earlier revision (read only)."""

    BINDINGS = [
        Binding("e", "edit", "key_edit"),
        Binding("h", "history", "key_history"),
        Binding("y", "toggle_raw", "key_raw"),
        Binding("b", "toggle_blame", "key_blame"),
        Binding("d", "delete", "key_delete"),
        Binding("r", "rename", "key_rename"),
        Binding("escape", "back", "key_back"),
        Binding("backspace", "back", "key_back", show=False),
    ]

    @dataclass
    class Loaded(Message):
        revision: Revision
        parsed: Parsed
        last: Commit | None

    @dataclass
    class Failed(Message):
        message: str

    @dataclass
    class Blamed(Message):
        notes: Notes

    @dataclass
    class Unreadable(Message):
        """The file is there but not read (a link, too large): its problems, the commit
        it was found at and a protocol to start from, to replace it."""

        problems: list[Problem]
        commit: str | None
        start: bytes

    @dataclass
    class Deleted(Message):
        result: SaveResult

    @dataclass
    class ChangeFailed(Message):
        message: str

    def __init__(self, protocol_id: str, rev: str | None = None,
                 find: tuple[Query, Part | None] | None = None,
                 path: str | None = None) -> None:
        """`find`: a search to highlight and scroll to; `path`: the file, for one listed
        under a name that is no id."""
        super().__init__()
        translate_bindings(self)
        self.protocol_id = protocol_id
        self.path = path or id_to_path(protocol_id)
        self.rev = rev
        self.find = find  # a search hit to show: its matches highlighted, scrolled to
        self.revision: Revision | None = None
        self.parsed: Parsed | None = None
        self.unreadable: ViewScreen.Unreadable | None = None
        self.raw = False
        self.notes: Notes | None = None  # blame beside each part, when shown
        self.shown_last: Commit | None = None

    def compose(self) -> ComposeResult:
        yield self.app.title_bar()  # type: ignore[attr-defined]
        yield Static(safe(self.protocol_id, "bold"), id="meta-line")
        yield Static(id="problems")
        with VerticalScroll(classes="scroll-body", id="minutes-scroll"):
            yield Static(id="minutes")
        yield QuietTextArea.code_editor("", language="yaml", read_only=True, id="raw",
                                   soft_wrap=True)
        yield Footer()

    def on_mount(self) -> None:
        self.release_display = self.app.hold_display()  # type: ignore[attr-defined]
        self.query_one("#raw").display = False
        self.query_one("#problems").display = False
        self.load()

    def on_screen_resume(self) -> None:
        if (self.revision is not None or self.unreadable is not None) and self.rev is None:
            self.load()  # back from the editor: show the branch tip as it is now

    @work(thread=True, exclusive=True)
    def load(self) -> None:
        archive = self.app.archive  # type: ignore[attr-defined]
        named = path_to_id(self.path) is not None  # history needs an id
        try:
            tip = archive.tip() if self.rev is None else None
            revision = archive.read_path(self.path, self.rev)
            history = archive.history(self.protocol_id, limit=1) \
                if self.rev is None and named else []
            last = history[0] if history else None
            if self.rev is not None and named:
                found = [c for c in archive.history(self.protocol_id)
                         if c.oid == revision.commit]
                last = found[0] if found else None
            self.post_message(self.Loaded(revision, revision.parsed(), last))
        except InvalidProtocol as exc:
            self.post_message(self.Unreadable(exc.problems, tip, self._start(archive)))
        except BrotuiError as exc:
            self.post_message(self.Failed(exc.message))

    def _start(self, archive: Archive) -> bytes:
        """A blank protocol for this id, to write in place of a file that is not read."""
        parsed = parse_id(self.protocol_id)
        if parsed is None:
            return b""
        slug, date = parsed
        return codec.dump(ops.blank_for(archive, slug, date)).encode("utf-8")

    @on(Unreadable)
    def _unreadable(self, message: Unreadable) -> None:
        self.unreadable = message
        self.show_problems(message.problems, t("tui_unreadable_file"))
        self.query_one("#raw").display = False  # there is no text to show

    @on(Failed)
    def _failed(self, message: Failed) -> None:
        self.query_one("#minutes", Static).update(safe(t("tui_error", message=message.message)))
        self.release_display()

    @on(Loaded)
    def _loaded(self, message: Loaded) -> None:
        self.release_display()
        if self.revision == message.revision and self.shown_last == message.last:
            return  # back from the editor or the history, and nothing new: nothing to redraw
        self.shown_last = message.last
        self.revision, self.parsed = message.revision, message.parsed
        self.unreadable = None
        meta = safe(self.protocol_id, "bold")
        if message.last is not None:
            key = "tui_old_revision" if self.rev else "tui_current"
            meta.append_text(safe("  " + t(key, commit=message.last.short,
                                            author=message.last.author,
                                            when=when(message.last))))
        self.query_one("#meta-line", Static).update(meta)
        raw_text = visible(message.revision.data.decode("utf-8", "replace"))
        self.query_one("#raw", TextArea).load_text(raw_text)
        if message.parsed.ok and message.parsed.protocol is not None:
            lines = self.show_minutes()
            self.query_one("#problems").display = False
            self.show_raw(False)
            if self.notes is not None:
                self.load_blame()
            if self.find:
                query, part = self.find
                line = locate(lines, part or Part("field"), query)
                self.call_after_refresh(self.scroll_to_line, lines_to_text(lines[:line]))
        else:
            self.show_problems(message.parsed.problems)

    def show_problems(self, problems: list[Problem], heading: str | None = None) -> None:
        """A broken file: what is wrong with it, above its raw text."""
        text = safe((heading or t("tui_broken_file")) + "\n", "bold")
        for problem in problems:
            text.append_text(safe(problem.format() + "\n"))
        widget = self.query_one("#problems", Static)
        widget.update(text)
        widget.display = True
        self.show_raw(True)

    def show_minutes(self) -> list[Line]:
        """The minutes (with blame beside them when asked, search hits highlighted)."""
        if self.parsed is None or self.parsed.protocol is None:
            return []
        lines = minutes(self.parsed.protocol, self.notes)
        text = lines_to_text(lines)
        self.query_one("#minutes", Static).update(
            highlight(text, self.find[0]) if self.find else text)
        return lines

    @work(thread=True, exclusive=True, group="blame")
    def load_blame(self) -> None:
        archive = self.app.archive  # type: ignore[attr-defined]
        try:
            self.post_message(self.Blamed(blame_notes(blame(archive, self.protocol_id,
                                                            self.rev))))
        except BrotuiError as exc:
            self.post_message(self.Failed(exc.message))

    @on(Blamed)
    def _blamed(self, message: Blamed) -> None:
        self.notes = message.notes
        self.show_minutes()

    def action_toggle_blame(self) -> None:
        if self.parsed is None or not self.parsed.ok or path_to_id(self.path) is None:
            return  # blame is of a protocol's parts, read through its history
        if self.notes is None:
            self.load_blame()
        else:
            self.notes = None
            self.show_minutes()

    def scroll_to_line(self, before: Text) -> None:
        """Scroll the minutes so that what follows `before` (the lines above the hit, as
        drawn at the width the minutes have) is near the top."""
        width = self.query_one("#minutes", Static).content_size.width
        y = len(before.wrap(self.app.console, width)) - 1 if before.plain else 0
        self.query_one("#minutes-scroll").scroll_to(y=max(0, y - 2), animate=False)

    def show_raw(self, raw: bool) -> None:
        self.raw = raw
        self.query_one("#raw").display = raw
        self.query_one("#minutes-scroll").display = not raw
        (self.query_one("#raw") if raw else self.query_one("#minutes-scroll")).focus()

    def action_toggle_raw(self) -> None:
        if self.parsed is not None and self.parsed.ok:
            release = self.app.hold_display()  # type: ignore[attr-defined]
            self.show_raw(not self.raw)
            release()

    def action_back(self) -> None:
        self.app.pop_screen()

    def action_history(self) -> None:
        from brotui.tui.screens.history import HistoryScreen

        self.app.push_screen(HistoryScreen(self.protocol_id))

    def action_edit(self) -> None:
        if self.rev is not None:
            return
        from brotui.tui.screens.editor import EditorScreen

        if self.unreadable is not None:
            self.app.push_screen(EditorScreen(
                self.protocol_id, self.unreadable.start, base=self.unreadable.commit,
                problems=self.unreadable.problems, unreadable=True))
        elif self.revision is not None and self.parsed is not None:
            self.app.push_screen(EditorScreen(self.protocol_id, self.revision.data,
                                              base=self.revision.commit,
                                              problems=self.parsed.problems))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("edit", "delete", "rename") and self.rev is not None:
            return None  # an old revision is read only: the key is shown disabled
        return True

    # ------------------------------------------------------------ delete, change the date

    def _base(self) -> str | None:
        """The commit the shown version was read at (also of a file that is not read)."""
        if self.revision is not None:
            return self.revision.commit
        return self.unreadable.commit if self.unreadable is not None else None

    def _can_change(self) -> bool:
        """A change commits in the user's name: the current version of a protocol (a file
        named by an id) and an identity."""
        if self._base() is None or self.rev is not None or path_to_id(self.path) is None:
            return False
        if self.app.identity is None:  # type: ignore[attr-defined]
            problem = self.app.identity_problem or t("tui_no_identity")  # type: ignore[attr-defined]
            self.notify(t("tui_error", message=problem), markup=False, severity="error")
            return False
        return True

    def action_delete(self) -> None:
        """d: delete these minutes as one commit, after asking (they stay in the history)."""
        if not self._can_change():
            return
        from brotui.tui.screens.confirm import ConfirmScreen

        def answered(yes: bool | None) -> None:
            base = self._base()
            if yes and base is not None:
                self.delete(base)

        self.app.push_screen(ConfirmScreen(t("tui_delete_title", id=self.protocol_id),
                                           t("tui_delete_question"), t("key_delete"), "d"),
                             answered)

    @work(thread=True, exclusive=True, group="change")
    def delete(self, base: str) -> None:
        from brotui.core.ops import remove

        app = self.app
        try:
            result = remove(app.archive, self.protocol_id, app.identity,  # type: ignore[attr-defined]
                            base=base)
        except Exception as exc:  # the user gets a sentence, the log any traceback
            self.post_message(self.ChangeFailed(explain(exc, f"deleting {self.protocol_id}")))
            return
        self.post_message(self.Deleted(result))

    @on(ChangeFailed)
    def _change_failed(self, message: ChangeFailed) -> None:
        self.notify(t("tui_error", message=message.message), markup=False, severity="error")

    @on(Deleted)
    def _deleted(self, message: Deleted) -> None:
        self.notify(t("tui_deleted", id=self.protocol_id,
                      commit=(message.result.commit or "")[:10]), markup=False)
        self.app.pop_screen()

    def action_rename(self) -> None:
        """r: the right date for these minutes; the id follows, as one commit."""
        if not self._can_change() or self.revision is None:
            return
        from brotui.tui.screens.rename import RenameScreen

        old = self.protocol_id

        def done(result: SaveResult | None) -> None:
            if result is not None and result.changed:
                self.notify(t("tui_renamed", old=old, new=result.id,
                              commit=(result.commit or "")[:10]), markup=False)
                self.protocol_id, self.path = result.id, id_to_path(result.id)
                self.load()

        self.app.push_screen(RenameScreen(self.protocol_id, self.revision.commit), done)
