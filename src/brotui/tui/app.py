"""The brotui application: one archive, one person, screens on a stack."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import signal
import sys
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import constants as textual_constants
from textual import events, on
from textual.app import App, ComposeResult, SuspendNotSupported, SystemCommand
from textual.binding import Binding
from textual.command import CommandPalette
from textual.driver import Driver
from textual.message import Message
from textual.reactive import reactive
from textual.screen import Screen
from textual.theme import BUILTIN_THEMES

from brotui.core.access import ACCESS_FILE, OPEN, Access, for_archive
from brotui.core.archive import Archive
from brotui.core.errors import BrotuiError
from brotui.core.identity import Identity, resolve_identity
from brotui.core.text import visible
from brotui.i18n import t
from brotui.tui.commands import Palette, ScreenCommands
from brotui.tui.keys import translate_bindings

log = logging.getLogger("brotui")

if TYPE_CHECKING:  # the app imports no screen, and nothing a screen needs, when loaded
    from brotui.core.drafts import Draft
    from brotui.core.importing import Imported
    from brotui.core.merge import Merged
    from brotui.core.model import Protocol
    from brotui.core.problems import Problem
    from brotui.core.query import Query
    from brotui.core.textparts import Part
    from brotui.core.values import SaveResult

SETTLE = 0.05  # seconds for a filled screen's layout to settle before it is sent


CUT_SIGNALS = (signal.SIGHUP, signal.SIGTERM)
TERMINAL_CHECK = 2.0  # seconds between checks that the terminal is still there


class BrotuiApp(App[None]):
    CSS_PATH = "app.tcss"
    TITLE = "brotui"
    ENABLE_COMMAND_PALETTE = True
    COMMANDS = {ScreenCommands}  # exactly the keys of the screen, in the user's language
    BINDINGS = [
        Binding("question_mark", "help", "key_help", key_display="?"),
        Binding("f1", "help", "key_help", show=False),
        Binding("ctrl+q", "quit", "key_quit", show=False, priority=True),
    ]
    # "not yet on the central server: N saves" in every title line, None when none wait
    sync_title: reactive[str | None] = reactive(None)

    class SyncChanged(Message):
        """A sync with the central server is over (from a worker's thread): the title's
        words now, and sentences for the person (a conflict, a refusal), if any."""

        def __init__(self, title: str | None, said: list[str], severity: str = "warning"
                     ) -> None:
            super().__init__()
            self.title, self.said, self.severity = title, said, severity

    def __init__(self, archive: Archive, author: str | None = None, *,
                 restricted: bool = False, theme: str | None = None,
                 notice: str | None = None) -> None:
        super().__init__(driver_class=prompt_escape_driver())
        translate_bindings(self)
        self.archive = archive
        self.restricted = restricted
        self._holds = 0
        self.notice = notice
        self.identity: Identity | None = None
        from brotui.core.sync.settings import sync_settings

        settings = sync_settings(archive)
        self.syncing = settings.remote is not None  # a central server
        self.fetch_every = settings.interval  # seconds (`.brotui.yaml`: `interval`)
        self.identity_problem: str | None = None
        self.access = read_access(archive)  # who may do what: the keys offered follow it
        # The terminal's own 16 colours, whatever its palette: what a forced command uses.
        self.register_theme(replace(BUILTIN_THEMES["ansi-dark"], name="ansi"))
        if theme is not None:
            self.theme = theme_name(self, theme)
        if restricted and not author:
            # Under a forced command the key's line names the person; nothing else may.
            self.identity_problem = t("restricted_no_author")
            return
        try:
            self.identity = resolve_identity(archive.git, author,
                                             environ={} if restricted else None)
        except BrotuiError as exc:
            self.identity_problem = exc.message

    @property
    def who(self) -> str:
        return str(self.identity) if self.identity else t("tui_no_identity")

    @property
    def archive_label(self) -> str:
        """The archive as the title names it: its path, or over a forced command only its
        folder's name (the server's layout is not the person's business, and at 80
        columns their own name must fit)."""
        return Path(self.archive.name).name if self.restricted else self.archive.name

    def on_mount(self) -> None:
        from brotui.tui.screens.browser import BrowserScreen

        self.push_screen(BrowserScreen())
        loop = asyncio.get_running_loop()
        for sig in CUT_SIGNALS:
            with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
                loop.add_signal_handler(sig, self.cut, sig)
        if self.notice:
            self.notify(self.notice, markup=False, timeout=8)
        if not self.is_headless:
            self.set_interval(TERMINAL_CHECK, self.check_terminal)
        if self.syncing:
            self.set_interval(self.fetch_every, self.fetch_on_interval)

    def fetch_on_interval(self) -> None:
        """The interval's fetch from the central server, in a worker: skipped while a save
        (or a delete, a move, a signature) is under way or the last fetch still runs.
        The title line says what waits for the server; an open view of a protocol the
        fetch changed reads it again."""
        busy = ("save", "change", "sync", "interval-fetch")
        if any(w.group in busy and not w.is_finished for w in self.workers):
            return
        from brotui.core import sync

        archive, identity = self.archive, self.identity

        def work() -> None:
            report = sync.fetch(archive, identity)
            said = report.lines() if report.conflicts else []
            self.post_message(self.SyncChanged(sync.status(archive).title(), said))
            touched = {p for i in report.integrations for p in i.touched}
            if touched:
                self.call_from_thread(self._reload_views, touched)

        self.run_worker(work, name="fetching on the interval", group="interval-fetch",
                        thread=True, exit_on_error=False)

    def _reload_views(self, touched: set[str]) -> None:
        from brotui.tui.screens.view import ViewScreen

        screen = self.screen
        if isinstance(screen, ViewScreen) and screen.rev is None \
                and screen.protocol_id in touched:
            screen.load()  # the branch tip as the fetch left it

    def check_terminal(self) -> None:
        """A terminal that went away without a SIGHUP (its pseudo-terminal closed while it
        was not our controlling terminal) leaves Textual reading an endless end of file,
        at full CPU. On Linux the closed terminal shows as deleted: then go as on SIGHUP.
        Nothing is drawn by this check."""
        try:
            gone = os.readlink("/proc/self/fd/0").endswith(" (deleted)")
        except OSError:
            return
        if gone:
            self.cut(signal.SIGHUP)

    def on_unmount(self) -> None:
        loop = asyncio.get_running_loop()
        for sig in CUT_SIGNALS:
            with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
                loop.remove_signal_handler(sig)

    def cut(self, sig: int) -> None:
        """The session is cut (SIGHUP: the SSH connection dropped) or stopped (SIGTERM):
        keep every open edit as a draft, then go."""
        self.keep_drafts()
        if sig == signal.SIGHUP:
            os._exit(128 + sig)  # no terminal is left to restore or draw on
        self.exit(return_code=128 + sig)

    def keep_drafts(self) -> None:
        """Keep every open edit on the stack as a draft."""
        from brotui.tui.base import HoldsEdits

        for screen in self.screen_stack:
            if isinstance(screen, HoldsEdits):
                screen.keep_draft()

    def hold_display(self, seconds: float = 0.5) -> Callable[..., None]:
        """Send no frames to the terminal until the screen is ready, then one frame of the
        whole of it: a screen that is about to be filled is sent once, filled, instead of
        empty first and then again at every step of its layout (each full screen is 3-5 KB
        over SSH). Call the returned function when it is filled: it is sent once its layout
        has settled (SETTLE later), and in any case after `seconds`."""
        self._holds += 1
        held = True

        def send() -> None:
            nonlocal held
            if held:
                held = False
                self._holds -= 1
                if not self._holds:
                    self.screen.refresh()

        def release(settle: float = SETTLE) -> None:
            if settle:
                self.set_timer(settle, send)
            else:
                send()

        self.set_timer(seconds, send)
        return release

    async def _replace_screen(self, screen: Screen[Any]) -> Screen[Any]:
        """Textual's own, except that taking the old screen apart does not lay the new top
        screen out and repaint it a second time (a whole screen over SSH, after every
        Escape): the old screen is pruned without a parent to refresh."""
        if self._screen_stack:
            self.screen.refresh()
        screen.post_message(events.ScreenSuspend())
        if not self.is_screen_installed(screen) and all(
                screen not in stack for stack in self._screen_stacks.values()):
            self.capture_mouse(None)
            await self._prune(screen, parent=None)
        return screen

    def _display(self, screen: Screen[Any], renderable: Any) -> None:
        if not self._holds:
            super()._display(screen, renderable)

    def on_input_not_utf8(self, _message: Any) -> None:
        """The terminal sent bytes that are not UTF-8 (see driver.InputNotUtf8)."""
        self.notify(t("tui_input_not_utf8"), severity="warning", timeout=15, markup=False)

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        """No blinking cursor: over SSH each blink is a repaint sent twice a second."""
        if hasattr(event.widget, "cursor_blink"):
            event.widget.cursor_blink = False

    # Textual's own ways out of the archive: none of them in restricted mode.

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        if not self.restricted:
            yield from super().get_system_commands(screen)

    def action_suspend_process(self) -> None:
        if not self.restricted:
            super().action_suspend_process()

    def suspend(self) -> Any:
        if self.restricted:
            raise SuspendNotSupported("not in restricted mode")
        return super().suspend()

    def action_screenshot(self, filename: str | None = None, path: str | None = None) -> None:
        if not self.restricted:
            super().action_screenshot(filename, path)

    def deliver_text(self, *args: Any, **kwargs: Any) -> str | None:
        return None if self.restricted else super().deliver_text(*args, **kwargs)

    def deliver_binary(self, *args: Any, **kwargs: Any) -> str | None:
        return None if self.restricted else super().deliver_binary(*args, **kwargs)

    def open_url(self, url: str, *, new_tab: bool = True) -> None:
        if not self.restricted:  # a browser started on the server, by a stranger
            super().open_url(url, new_tab=new_tab)

    def action_change_theme(self) -> None:
        if not self.restricted:
            super().action_change_theme()

    def compose(self) -> ComposeResult:
        yield from ()

    def action_command_palette(self) -> None:
        """Ctrl+P: brotui's palette (tui/commands.py), in the user's language."""
        if self.use_command_palette and not CommandPalette.is_open(self):  # type: ignore[arg-type]
            self.push_screen(Palette())

    async def action_quit(self) -> None:
        """ctrl+q: the editor on top asks first if something is not saved (once its save
        is done, if one is under way); any other open edit is kept as a draft."""
        from brotui.tui.base import HoldsEdits

        if isinstance(self.screen, CommandPalette) and len(self.screen_stack) > 1 \
                and isinstance(self.screen_stack[-2], HoldsEdits):
            await self.pop_screen()  # the palette over the editor: the editor asks
        if isinstance(self.screen, HoldsEdits):
            self.screen.action_leave("quit")
            return
        self.keep_drafts()
        self.exit()

    @on(SyncChanged)
    def _sync_changed(self, message: SyncChanged) -> None:
        self.sync_title = message.title
        for sentence in message.said:
            self.notify(visible(sentence), markup=False, timeout=12,
                        severity="error" if message.severity == "error" else "warning")

    def action_help(self) -> None:
        from brotui.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    # Going from screen to screen: a screen never imports another, it asks the app.

    def open_protocol(self, protocol_id: str, *, rev: str | None = None,
                      find: tuple[Query, Part | None] | None = None,
                      path: str | None = None) -> None:
        """A protocol as minutes: at the tip (editable) or at `rev` (read only)."""
        from brotui.tui.screens.view import ViewScreen

        self.push_screen(ViewScreen(protocol_id, rev=rev, find=find, path=path))

    def open_history(self, protocol_id: str, *, select: str | None = None) -> None:
        from brotui.tui.screens.history import HistoryScreen

        self.push_screen(HistoryScreen(protocol_id, select=select))

    def open_diff(self, protocol_id: str, rev_a: str, rev_b: str | None = None, *,
                  restore: Callable[[], None] | None = None) -> None:
        """`restore`: the diff previews a restore, whose key there goes ahead."""
        from brotui.tui.screens.diff import DiffScreen

        self.push_screen(DiffScreen(protocol_id, rev_a, rev_b, restore=restore))

    def open_editor(self, protocol_id: str, data: bytes, base: str | None, *,
                    new: bool = False, problems: list[Problem] | None = None,
                    unreadable: bool = False, instead: bool = False,
                    imported: Imported | None = None,
                    save_with: Callable[[Any, Protocol], None] | None = None) -> None:
        """The editor on a protocol's text; `instead`: in place of the screen on top;
        `imported`: new minutes from an import, whose first save is the import's;
        `save_with(editor, protocol)`: what ctrl+s does with a valid text instead of a
        save (a correction: tui/justering_flow.py)."""
        from brotui.tui.screens.editor import EditorScreen

        editor = EditorScreen(protocol_id, data, base, new=new, problems=problems,
                              unreadable=unreadable, imported=imported, save_with=save_with)
        if instead:
            self.switch_screen(editor)
        else:
            self.push_screen(editor)

    def open_search(self, text: str = "") -> None:
        from brotui.tui.screens.search import SearchScreen

        self.push_screen(SearchScreen(text))

    def open_activity(self) -> None:
        from brotui.tui.screens.activity import ActivityScreen

        self.push_screen(ActivityScreen())

    def open_import(self) -> None:
        from brotui.tui.screens.import_preview import ImportScreen

        self.push_screen(ImportScreen())

    def open_new(self, from_id: str | None = None) -> None:
        from brotui.tui.screens.new import NewProtocolScreen

        self.push_screen(NewProtocolScreen(from_id))

    def ask_export(self, protocol_id: str,
                   then: Callable[[tuple[str, bool] | None], None]) -> None:
        """Which format, and whether the public copy: (format, public) or None."""
        from brotui.tui.screens.export import ExportScreen

        self.push_screen(ExportScreen(protocol_id), then)

    def open_attachments(self, protocol_id: str, rev: str | None,
                         names: list[tuple[str, bool]]) -> None:
        """A protocol's attachments (name, whether its text can be read), to read."""
        from brotui.tui.screens.attachment import AttachmentScreen

        self.push_screen(AttachmentScreen(protocol_id, rev, names))

    def confirm(self, title: str, question: str, yes: str, key: str,
                then: Callable[[bool | None], None], *,
                show: Callable[[], None] | None = None) -> None:
        """Ask before something is committed: `key` says yes, Escape no."""
        from brotui.tui.screens.confirm import ConfirmScreen

        self.push_screen(ConfirmScreen(title, question, yes, key, show=show), then)

    def ask_line(self, title: str, text: str, label: str, answer: str,
                 then: Callable[[str | None], None], *,
                 check: Callable[[str], str | None] | None = None) -> None:
        """One line asked for (a correction's reason, an item's number); None: cancelled."""
        from brotui.tui.screens.prompt import PromptScreen

        self.push_screen(PromptScreen(title, text, label, answer, check), then)

    def ask_new_date(self, protocol_id: str, base: str | None,
                     then: Callable[[SaveResult | None], None]) -> None:
        from brotui.tui.screens.rename import RenameScreen

        self.push_screen(RenameScreen(protocol_id, base), then)

    def resolve_conflict(self, protocol_id: str, merged: Merged, theirs: str,
                         then: Callable[[Protocol | None], None]
                         | Callable[[Protocol | None], Awaitable[None]]) -> None:
        """Both changed the same fields: the person picks, field by field."""
        from brotui.tui.screens.conflict import ConflictScreen

        self.push_screen(ConflictScreen(protocol_id, merged, theirs), then)

    def ask_leave(self, protocol_id: str, then: Callable[[str | None], None]
                  | Callable[[str | None], Awaitable[None]]) -> None:
        """Unsaved changes: save, discard or stay."""
        from brotui.tui.screens.leave import LeaveScreen

        self.push_screen(LeaveScreen(protocol_id), then)

    def offer_draft(self, draft: Draft, clean: str, then: Callable[[str | None], None]
                    | Callable[[str | None], Awaitable[None]]) -> None:
        """A draft left from an edit not saved: restore, discard or later."""
        from brotui.tui.screens.draft import DraftScreen

        self.push_screen(DraftScreen(draft, clean), then)


def read_access(archive: Archive, keep: Access = OPEN) -> Access:
    """The access file at the archive's tip, or `keep` when git cannot say (the write
    path asks it again, under the save lock, and refuses what it must)."""
    try:
        return for_archive(archive)
    except Exception:  # a failing git: the keys stay as they were; the log has why
        log.warning("reading %s failed", ACCESS_FILE, exc_info=True)
        return keep


def prompt_escape_driver() -> type[Driver] | None:
    """Our Linux driver (a prompt Escape) where Textual would use its own Linux driver."""
    if sys.platform == "win32" or textual_constants.DRIVER is not None:
        return None  # Windows, or a driver named by the environment (e.g. textual-serve)
    from brotui.tui.driver import PromptEscapeDriver

    return PromptEscapeDriver


THEME_NAMES = {"dark": "textual-dark", "light": "textual-light"}


def theme_name(app: App[Any], name: str) -> str:
    """The Textual theme a user's name stands for; an unknown one is refused."""
    name = THEME_NAMES.get(name, name)
    if name not in app.available_themes:
        raise BrotuiError(t("err_theme", theme=name,
                            themes=", ".join(sorted(app.available_themes))))
    return name


def run_tui(archive: Archive, author: str | None = None, *, restricted: bool = False,
            theme: str | None = None, notice: str | None = None) -> None:
    BrotuiApp(archive, author, restricted=restricted, theme=theme, notice=notice).run()
