"""What every brotui screen has: the typed app, its keys in the user's language, the title
bar, the identity check, and archive work in a thread whose every failure reaches the
user as a sentence (the traceback goes to the log; the app keeps running)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol, TypeVar, runtime_checkable

from textual import events, getters, on
from textual.binding import Binding
from textual.message import Message
from textual.notifications import SeverityLevel
from textual.screen import ModalScreen, Screen
from textual.worker import Worker, get_current_worker

from brotui.core.access import Access
from brotui.core.archive import Archive
from brotui.core.errors import describe_failure
from brotui.core.identity import Identity
from brotui.core.sync.push import SyncReport, after_save
from brotui.core.sync.status import status as sync_status
from brotui.core.text import visible
from brotui.i18n import t
from brotui.tui import access_keys
from brotui.tui.app import BrotuiApp, read_access
from brotui.tui.keys import translate_bindings
from brotui.tui.widgets.title_bar import TitleBar

log = logging.getLogger("brotui")

ResultT = TypeVar("ResultT")
T = TypeVar("T")


def sentence_for(exc: BaseException, doing: str) -> str:
    """What the user reads when `doing` failed with `exc`: a refusal's own message, git's
    words, or (for a bug) the kind of error. The traceback always goes to the log."""
    log.error("%s failed", doing, exc_info=exc)
    return describe_failure(exc) or t("tui_unexpected", kind=type(exc).__name__)


class Base(Screen[ResultT]):
    """A brotui screen. Subclasses call `super().__init__()` first."""

    app = getters.app(BrotuiApp)  # the app, typed

    @dataclass
    class WorkFailed(Message):
        """Archive work in a thread failed: what was being done, and the sentence for the
        user (see run_archive_work)."""

        doing: str
        sentence: str

    @dataclass
    class WorkDone(Message):
        """Archive work of run_then finished: its result, for the callback."""

        then: Callable[[Any], None]
        result: Any

    def __init__(self, name: str | None = None, id: str | None = None,
                 classes: str | None = None) -> None:
        super().__init__(name=name, id=id, classes=classes)
        translate_bindings(self)

    def compose_title(self) -> TitleBar:
        """The archive and the person: the first line of a full screen."""
        return TitleBar(self.app.archive_label, self.app.who)

    def tell(self, text: str, *, severity: SeverityLevel = "information",
             timeout: float = 5) -> None:
        """A notification of user text: never markup, control characters shown."""
        self.notify(visible(text), severity=severity, timeout=timeout, markup=False)

    def identity_or_say(self) -> Identity | None:
        """The person a change is committed as, or None after telling why there is none."""
        identity = self.app.identity
        if identity is None:
            problem = self.app.identity_problem or t("tui_no_identity")
            self.notify(t("tui_error", message=problem), markup=False, severity="error")
        return identity

    def refused(self, action: str, protocol_id: str | None = None,
                protocol: Any = None) -> bool:
        """Whether the access file refuses the person `action` (see access_keys), after
        saying its sentence: for a key reached although check_action hides it."""
        said = access_keys.refusal(self.app, action, protocol_id, protocol)
        if said is not None:
            self.notify(said, markup=False, severity="warning", timeout=10)
        return said is not None

    def run_archive_work(self, work: Callable[[Archive], Message | None], *, doing: str,
                         group: str = "archive", exclusive: bool = True) -> Worker[None]:
        """Run `work(archive)` in a thread and post the message it returns (unless the
        worker was cancelled meanwhile). Any exception becomes a WorkFailed with a
        sentence for the user; never Textual's default handler, which ends the app."""
        archive = self.app.archive  # read here, on the app's thread

        def run() -> None:
            worker = get_current_worker()
            message: Message | None
            try:
                message = work(archive)
            except Exception as exc:  # the user gets a sentence, the log the traceback
                message = self.WorkFailed(doing, sentence_for(exc, doing))
            if message is not None and not worker.is_cancelled:
                self.post_message(message)

        return self.run_worker(run, name=doing, group=group, exclusive=exclusive,
                               thread=True, exit_on_error=False)

    def run_then(self, work: Callable[[Archive], T], then: Callable[[T], None], *,
                 doing: str, group: str = "archive", exclusive: bool = True) -> Worker[None]:
        """run_archive_work for work whose result one callback takes, on the app's
        thread: `then(work(archive))`, with no message class of its own. A failure
        reaches work_failed as for run_archive_work, and `then` is not called."""
        def run(archive: Archive) -> Message:
            return self.WorkDone(then, work(archive))

        return self.run_archive_work(run, doing=doing, group=group, exclusive=exclusive)

    @on(WorkDone)
    def _work_done(self, message: WorkDone) -> None:
        message.stop()
        message.then(message.result)

    # ------------------------------------------------------- the central server (sync)

    @on(events.ScreenResume)
    def _read_sync_state(self) -> None:
        """A full screen comes up: how many saves wait for the central server, for the
        title line (a few git processes, in a thread; nothing asked of the server)."""
        if self.app.syncing and not isinstance(self, ModalScreen):
            self.run_sync(lambda archive: None, doing="reading the sync state")

    @on(events.ScreenResume)
    def _read_access(self) -> None:
        """A full screen comes up: the access file as the tip has it now (in a thread),
        and the keys it allows offered anew."""
        if isinstance(self, ModalScreen):
            return
        app, keep = self.app, self.app.access

        def read(archive: Archive) -> Access:
            return read_access(archive, keep)

        def read_done(access: Access) -> None:
            if access != app.access:
                app.access = access
                self.refresh_bindings()

        self.run_then(read, read_done, doing="reading the access file", group="access",
                      exclusive=False)

    def push_after_save(self) -> None:
        """A save landed: push it to the central server (with `sync: on-save`) in a
        worker, so the save is never held up by the server; a server that cannot be
        reached leaves the save queued, counted in the title line."""
        if self.app.syncing:
            identity = self.app.identity
            self.run_sync(lambda archive: after_save(archive, identity),
                          doing="pushing to the central server")

    def run_sync(self, work: Callable[[Archive], SyncReport | None], *, doing: str) -> None:
        """`work(archive)` through run_archive_work, then the sync state for the title line,
        told to the app (which outlives the screen: a push from the editor reports after
        the editor closed). Conflicts the sync recorded are said to the person."""
        app = self.app

        def run(archive: Archive) -> None:
            report = work(archive)
            state = sync_status(archive)
            said = [line for line in report.lines() if report.conflicts] \
                if report is not None else []
            app.post_message(app.SyncChanged(state.title(), said))

        self.run_archive_work(run, doing=doing, group="sync", exclusive=False)

    @on(WorkFailed)
    def _work_failed(self, failure: WorkFailed) -> None:
        failure.stop()
        self.work_failed(failure)

    def work_failed(self, failure: WorkFailed) -> None:
        """What the user sees when archive work failed: by default a notification;
        screens with a place for it override this."""
        self.notify(t("tui_error", message=failure.sentence), markup=False,
                    severity="error", timeout=10)


class Modal(Base[ResultT], ModalScreen[ResultT]):
    """A dialog over the screen below (ModalScreen's look and keys, Base's helpers), with
    F1 for help as on every screen (a dialog's keys shut out the app's)."""

    BINDINGS = [Binding("f1", "app.help", "key_help")]


@runtime_checkable
class HoldsEdits(Protocol):
    """A screen holding edits that are not saved (the editor): kept as a draft when the
    session ends, and asked about before the app quits."""

    def keep_draft(self) -> None: ...

    def action_leave(self, then: str = "close") -> None: ...
