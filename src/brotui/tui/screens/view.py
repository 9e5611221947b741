"""Reading one protocol: rendered as minutes, or as its raw YAML."""

from __future__ import annotations

from dataclasses import dataclass

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Static, TextArea

from brotui.core.archive import Commit, Revision
from brotui.core.codec import Parsed
from brotui.core.errors import BrotuiError
from brotui.core.render import local_time, minutes
from brotui.core.text import visible
from brotui.i18n import t
from brotui.tui.keys import translate_bindings
from brotui.tui.text import lines_to_text, safe
from brotui.tui.widgets.text_area import QuietTextArea


def when(commit: Commit) -> str:
    return local_time(commit.time)


class ViewScreen(Screen[None]):
    """A protocol at the branch tip (editable) or at an earlier revision (read only)."""

    BINDINGS = [
        Binding("e", "edit", "key_edit"),
        Binding("h", "history", "key_history"),
        Binding("y", "toggle_raw", "key_raw"),
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

    def __init__(self, protocol_id: str, rev: str | None = None) -> None:
        super().__init__()
        translate_bindings(self)
        self.protocol_id = protocol_id
        self.rev = rev
        self.revision: Revision | None = None
        self.parsed: Parsed | None = None
        self.raw = False
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
        if self.revision is not None and self.rev is None:
            self.load()  # back from the editor: show the branch tip as it is now

    @work(thread=True, exclusive=True)
    def load(self) -> None:
        archive = self.app.archive  # type: ignore[attr-defined]
        try:
            revision = archive.read(self.protocol_id, self.rev)
            history = archive.history(self.protocol_id, limit=1) if self.rev is None else []
            last = history[0] if history else None
            if self.rev is not None:
                found = [c for c in archive.history(self.protocol_id)
                         if c.oid == revision.commit]
                last = found[0] if found else None
            self.post_message(self.Loaded(revision, revision.parsed(), last))
        except BrotuiError as exc:
            self.post_message(self.Failed(exc.message))

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
            self.query_one("#minutes", Static).update(
                lines_to_text(minutes(message.parsed.protocol)))
            self.show_raw(False)
        else:
            problems = safe(t("tui_broken_file") + "\n", "bold")
            for problem in message.parsed.problems:
                problems.append_text(safe(problem.format() + "\n"))
            widget = self.query_one("#problems", Static)
            widget.update(problems)
            widget.display = True
            self.show_raw(True)

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
        if self.revision is None or self.rev is not None:
            return
        from brotui.tui.screens.editor import EditorScreen

        self.app.push_screen(EditorScreen(self.protocol_id, self.revision.data,
                                          base=self.revision.commit))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "edit" and self.rev is not None:
            return None  # an old revision is read only: the key is shown disabled
        return True
