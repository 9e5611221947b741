"""The brotui application: one archive, one person, screens on a stack."""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.widgets import Static

from brotui.core.archive import Archive
from brotui.core.errors import BrotuiError
from brotui.core.identity import Identity, resolve_identity
from brotui.i18n import t
from brotui.tui.commands import ScreenCommands
from brotui.tui.keys import translate_bindings
from brotui.tui.text import safe


class TitleBar(Static):
    """Which archive and who you are: the first line of every screen."""

    def __init__(self, archive: str, who: str) -> None:
        line = safe("brotui", "bold")
        line.append_text(safe(f"  {archive}  ·  "))
        line.append_text(safe(who, "bold"))
        super().__init__(line, id="title-bar")


CUT_SIGNALS = (signal.SIGHUP, signal.SIGTERM)


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

    def __init__(self, archive: Archive, author: str | None = None) -> None:
        super().__init__()
        translate_bindings(self)
        self.archive = archive
        self.identity: Identity | None = None
        self.identity_problem: str | None = None
        try:
            self.identity = resolve_identity(archive.git, author)
        except BrotuiError as exc:
            self.identity_problem = exc.message

    @property
    def who(self) -> str:
        return str(self.identity) if self.identity else t("tui_no_identity")

    def title_bar(self) -> TitleBar:
        """The archive and identity line, for each screen to put on top."""
        return TitleBar(self.archive.name, self.who)

    def on_mount(self) -> None:
        from brotui.tui.screens.browser import BrowserScreen

        self.push_screen(BrowserScreen())
        loop = asyncio.get_running_loop()
        for sig in CUT_SIGNALS:
            with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
                loop.add_signal_handler(sig, self.cut, sig)

    def on_unmount(self) -> None:
        loop = asyncio.get_running_loop()
        for sig in CUT_SIGNALS:
            with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
                loop.remove_signal_handler(sig)

    def cut(self, sig: int) -> None:
        """The session is cut (SIGHUP: the SSH connection dropped) or stopped (SIGTERM):
        keep every open edit as a draft, then go."""
        from brotui.tui.screens.editor import EditorScreen

        for screen in self.screen_stack:
            if isinstance(screen, EditorScreen):
                screen.keep_draft()
        if sig == signal.SIGHUP:
            os._exit(128 + sig)  # no terminal is left to restore or draw on
        self.exit(return_code=128 + sig)

    def compose(self) -> ComposeResult:
        yield from ()

    def action_help(self) -> None:
        from brotui.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))


def run_tui(archive: Archive, author: str | None = None) -> None:
    BrotuiApp(archive, author).run()
