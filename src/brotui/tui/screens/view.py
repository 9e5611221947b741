"""Reading one protocol: rendered as minutes, or as its raw YAML."""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.widgets import Static, TextArea

from brotui.core import attachments, codec, ops, sync
from brotui.core.archive import Archive
from brotui.core.attachments.listing import Attachment
from brotui.core.blame import blame
from brotui.core.blame import notes as blame_notes
from brotui.core.codec import Parsed
from brotui.core.drafts import Drafts
from brotui.core.errors import InvalidProtocol
from brotui.core.identity import Identity
from brotui.core.justering import state as justering
from brotui.core.merge import Merged
from brotui.core.model import Protocol, id_to_path, parse_id, path_to_id
from brotui.core.problems import Problem
from brotui.core.query import Query
from brotui.core.render import Line, Notes
from brotui.core.sync.conflicts import SyncConflict
from brotui.core.text import visible
from brotui.core.textparts import Part, locate
from brotui.core.values import Commit, Revision, SaveResult
from brotui.i18n import t
from brotui.tui import access_keys
from brotui.tui import justering_flow as flow
from brotui.tui.base import Base
from brotui.tui.delivery import export_minutes
from brotui.tui.text import lines_to_text, revision_line, safe
from brotui.tui.widgets.footer import KeysFooter
from brotui.tui.widgets.minutes_pane import MinutesPane
from brotui.tui.widgets.problems_panel import ProblemsPanel
from brotui.tui.widgets.text_area import QuietTextArea


class ViewScreen(Base[None]):
    """A protocol at the branch tip (editable) or at an earlier revision (read only)."""

    BINDINGS = [
        Binding("e", "edit", "key_edit"),
        # j and s come before the rest: at 80 columns the footer has room for ~6 keys,
        # and only the one that fits the minutes' state is shown (see check_action).
        Binding("j", "review", "key_review"),
        Binding("s", "sign", "key_sign"),
        Binding("c", "correct", "key_correct"),  # justerade minutes only
        Binding("o", "sign_item", "key_sign_item", show=False),  # help and palette
        Binding("h", "history", "key_history"),
        Binding("y", "toggle_raw", "key_raw"),
        Binding("b", "toggle_blame", "key_blame"),
        Binding("d", "delete", "key_delete"),
        Binding("r", "rename", "key_rename"),
        Binding("x", "export", "key_export"),
        Binding("a", "attachment", "key_attachment"),
        Binding("escape", "back", "key_back"),
        Binding("backspace", "back", "key_back", show=False),
    ]

    @dataclass
    class Loaded(Message):
        revision: Revision
        parsed: Parsed
        last: Commit | None
        drafted: bool = False  # the person has a draft of these minutes

    @dataclass
    class Unreadable(Message):
        """The file is there but not read (a link, too large): its problems, the commit
        it was found at and a protocol to start from, to replace it."""

        problems: list[Problem]
        commit: str | None
        start: bytes

    @dataclass
    class Fetched(Message):
        """Before editing: the central server's changes taken in; the protocol as it is now
        and an open sync conflict of the person's on it, if any."""

        revision: Revision
        conflict: SyncConflict | None
        merged: Merged | None
        not_reached: str | None
        saved: bool = False  # the choices of a conflict were saved: push them

    def __init__(self, protocol_id: str, rev: str | None = None,
                 find: tuple[Query, Part | None] | None = None,
                 path: str | None = None) -> None:
        """`find`: a search to highlight and scroll to; `path`: the file, for one listed
        under a name that is no id."""
        super().__init__()
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
        self.drafted = False
        self.attachments: list[Attachment] = []
        self.state: justering.State | None = None  # the justering of what is shown

    def compose(self) -> ComposeResult:
        yield self.compose_title()
        yield Static(safe(self.protocol_id, "bold"), id="meta-line")
        yield ProblemsPanel()
        yield MinutesPane()
        yield QuietTextArea.code_editor("", language="yaml", read_only=True, id="raw",
                                   soft_wrap=True)
        yield KeysFooter()

    def on_mount(self) -> None:
        self.release_display = self.app.hold_display()
        self.query_one("#raw").display = False
        self.load()

    def on_screen_resume(self) -> None:
        if (self.revision is not None or self.unreadable is not None) and self.rev is None:
            self.load()  # back from the editor: show the branch tip as it is now

    def load(self) -> None:
        protocol_id, path, rev = self.protocol_id, self.path, self.rev
        named = path_to_id(path) is not None  # history needs an id
        who = self.app.identity

        def read(archive: Archive) -> ViewScreen.Loaded | ViewScreen.Unreadable:
            tip = archive.tip() if rev is None else None
            try:
                revision = archive.read_path(path, rev)
                last = ops.last_change(archive, protocol_id, tip) \
                    if rev is None and named else None
                if rev is not None and named:
                    found = [c for c in archive.history(protocol_id)
                             if c.oid == revision.commit]
                    last = found[0] if found else None
                drafted = rev is None and Drafts(archive).get(who, protocol_id) is not None
                return self.Loaded(revision, revision.parsed(), last, drafted)
            except InvalidProtocol as exc:
                return self.Unreadable(exc.problems, tip, self._start(archive))

        self.run_archive_work(read, doing=f"reading {protocol_id}", group="load")

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

    def work_failed(self, failure: Base.WorkFailed) -> None:
        if failure.doing.startswith(("deleting ", "exporting ", "listing the attachments",
                                     "fetching ", "pushing ", "reading the sync",
                                     "saving the choices", "sending ", "signing ")):
            # the minutes stay as shown; the sentence (what and where) in a notification
            super().work_failed(failure)
            return
        self.query_one(MinutesPane).say(safe(t("tui_error", message=failure.sentence)))
        self.release_display()

    @on(Loaded)
    def _loaded(self, message: Loaded) -> None:
        self.release_display()
        if self.revision == message.revision and self.shown_last == message.last \
                and self.drafted == message.drafted:
            return  # back from the editor or the history, and nothing new: nothing to redraw
        self.shown_last, self.drafted = message.last, message.drafted
        named = path_to_id(self.path) is not None
        self.revision, self.parsed = message.revision, message.parsed
        self.unreadable = None
        self.state = None
        if message.parsed.protocol is not None and message.parsed.ok:
            self.state = justering.state_of(message.parsed.protocol, message.revision.data)
        self.refresh_bindings()
        self.query_one("#meta-line", Static).update(revision_line(
            self.protocol_id, message.last, self.rev is not None,
            self.state.label() if self.state is not None else None, message.drafted))
        raw_text = visible(message.revision.data.decode("utf-8", "replace"))
        self.query_one("#raw", TextArea).load_text(raw_text)
        if message.parsed.ok and message.parsed.protocol is not None:
            lines = self.show_minutes()
            self.query_one(ProblemsPanel).display = False
            self.show_raw(False)
            if self.notes is not None:
                self.load_blame()
            if self.find:
                query, part = self.find
                line = locate(lines, part or Part("field"), query)
                self.call_after_refresh(self.query_one(MinutesPane).scroll_to_line,
                                        lines_to_text(lines[:line]))
        else:
            self.show_problems(message.parsed.problems)
        if named:
            self.load_attachments()

    # ------------------------------------------------------------------ attachments

    def load_attachments(self) -> None:
        """The files kept with these minutes (name, size, type, who added them)."""
        protocol_id, rev = self.protocol_id, self.rev

        def shown(found: list[Attachment]) -> None:
            self.attachments = found
            self.query_one(MinutesPane).show_attachments(found)

        self.run_then(lambda archive: attachments.attachments(archive, protocol_id, rev),
                      shown, doing=f"listing the attachments of {protocol_id}",
                      group="attachments")

    def action_attachment(self) -> None:
        """a: read an attachment's text (a PDF's, a Word file's, a text file's)."""
        if not self.attachments:
            self.tell(t("tui_no_attachments"))
            return
        self.app.open_attachments(self.protocol_id, self.rev,
                                  [(a.name, a.kind is not None and a.kind.readable)
                                   for a in self.attachments])

    def action_export(self) -> None:
        """x: the minutes as PDF, Word, Markdown or a web page, into the export folder."""
        if self.parsed is None or not self.parsed.ok or path_to_id(self.path) is None:
            return
        export_minutes(self, self.protocol_id, self.rev)

    def show_problems(self, problems: list[Problem], heading: str | None = None) -> None:
        """A broken file: what is wrong with it, above its raw text."""
        self.query_one(ProblemsPanel).show(problems, heading)
        self.show_raw(True)

    def show_minutes(self) -> list[Line]:
        """The minutes (with blame beside them when asked, search hits highlighted)."""
        if self.parsed is None or self.parsed.protocol is None:
            return []
        return self.query_one(MinutesPane).show(self.parsed.protocol, self.notes,
                                                self.find[0] if self.find else None)

    def load_blame(self) -> None:
        protocol_id, rev = self.protocol_id, self.rev

        def shown(notes: Notes) -> None:
            self.notes = notes
            self.show_minutes()

        self.run_then(lambda archive: blame_notes(blame(archive, protocol_id, rev)), shown,
                      doing=f"blaming {protocol_id}", group="blame")

    def action_toggle_blame(self) -> None:
        if self.parsed is None or not self.parsed.ok or path_to_id(self.path) is None:
            return  # blame is of a protocol's parts, read through its history
        if self.notes is None:
            self.load_blame()
        else:
            self.notes = None
            self.show_minutes()

    def show_raw(self, raw: bool) -> None:
        self.raw = raw
        self.query_one("#raw").display = raw
        self.query_one("#minutes-scroll").display = not raw
        (self.query_one("#raw") if raw else self.query_one("#minutes-scroll")).focus()

    def action_toggle_raw(self) -> None:
        if self.parsed is not None and self.parsed.ok:
            release = self.app.hold_display()
            self.show_raw(not self.raw)
            release()

    def action_back(self) -> None:
        self.app.pop_screen()

    def action_history(self) -> None:
        self.app.open_history(self.protocol_id)

    def action_edit(self) -> None:
        if self.rev is not None or self.refused("edit", self.protocol_id):
            return
        if self.app.syncing and self.unreadable is None and self.revision is not None \
                and path_to_id(self.path) is not None:
            self.fetch_then_edit()
            return
        self.open_editor()

    def open_editor(self) -> None:
        """The editor on what the view shows (the file as it is, or a blank to replace a
        file that is not read)."""
        if self.unreadable is not None:
            self.app.open_editor(self.protocol_id, self.unreadable.start,
                                 self.unreadable.commit, problems=self.unreadable.problems,
                                 unreadable=True)
        elif self.approved():
            self.tell(t("tui_locked", id=self.protocol_id), severity="warning", timeout=10)
        elif self.revision is not None and self.parsed is not None:
            self.app.open_editor(self.protocol_id, self.revision.data, self.revision.commit,
                                 problems=self.parsed.problems)

    # ------------------------------------------------ the central server, before editing

    def fetch_then_edit(self) -> None:
        """e with a central server: fetch and integrate first, so the editor starts from
        what the others saved; a conflict of the person's own earlier save on these
        minutes (recorded when it met the server) comes up on the conflict screen."""
        protocol_id, path, identity, app = self.protocol_id, self.path, self.app.identity, \
            self.app

        def work(archive: Archive) -> ViewScreen.Fetched:
            report = sync.fetch(archive, identity)
            app.post_message(app.SyncChanged(sync.status(archive).title(), []))
            revision = archive.read_path(path, None)
            said = report.error.message if report.error is not None else None
            conflict, merged = sync.own_conflict(archive, protocol_id, identity)
            return self.Fetched(revision, conflict, merged, said)

        self.tell(t("tui_sync_fetching"))
        self.run_archive_work(work, doing=f"fetching before editing {protocol_id}",
                              group="change")

    @on(Fetched)
    def _fetched(self, message: Fetched) -> None:
        if message.saved:
            self.tell(t("tui_sync_choices_saved", id=self.protocol_id))
            self.push_after_save()
        if message.not_reached:
            self.tell(t("tui_sync_not_reached", message=message.not_reached),
                      severity="warning", timeout=10)
        if message.revision != self.revision:
            self.revision, self.parsed = message.revision, message.revision.parsed()
            self.shown_last = None  # redraw: the view shows what the editor starts from
            self.load()
        if message.conflict is None or message.merged is None or self.parsed is None \
                or not self.parsed.ok:
            self.open_editor()
            return
        self.resolve_sync_conflict(message.conflict, message.merged)

    def resolve_sync_conflict(self, conflict: SyncConflict, merged: Merged) -> None:
        """The person's save and the central server's changed the same fields: pick per
        field, as when two editors collide; the choices are saved on top of the branch
        (merged with whatever came after the server's version), the record closed, the
        save pushed and the editor opened on the result. Escape edits the branch's
        version (the record stays, and comes up again next time)."""
        protocol_id, path, identity = self.protocol_id, self.path, self.app.identity

        def resolved(protocol: Protocol | None) -> None:
            if protocol is None or identity is None:
                self.open_editor()
                return

            def save(archive: Archive) -> ViewScreen.Fetched:
                ops.save(archive, protocol_id, protocol, identity,
                         base=conflict.merge or conflict.remote)
                sync.dismiss(archive, conflict.id, identity)
                return self.Fetched(archive.read_path(path, None), None, None, None,
                                    saved=True)

            self.run_archive_work(save, doing=f"saving the choices for {protocol_id}",
                                  group="change")

        self.app.resolve_conflict(protocol_id, merged, t("tui_sync_theirs"), resolved)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if access_keys.hidden(self.app, action, self.protocol_id, self._shown()):
            return False  # the access file does not let the person: not offered
        if action in ("edit", "delete", "rename", "review", "sign", "correct", "sign_item") \
                and self.rev is not None:
            return False  # an old revision is read only: the key is not shown
        status = self.state.status if self.state is not None else None
        if action == "review":  # shown for drafts only
            return status == justering.DRAFT
        if action == "sign":  # shown while someone is to sign
            return status == justering.REVIEW or (
                self.state is not None and bool(self.state.awaiting))
        if action == "correct":  # justerade minutes: a correction, with a reason
            return status == justering.APPROVED
        if action == "sign_item":  # before: one item at once
            return status in (justering.DRAFT, justering.REVIEW)
        # delete and rename are refused for justerade minutes: not offered
        return not (action in ("delete", "rename") and status == justering.APPROVED)

    # ------------------------------------------------------------ delete, change the date

    def _base(self) -> str | None:
        """The commit the shown version was read at (also of a file that is not read)."""
        if self.revision is not None:
            return self.revision.commit
        return self.unreadable.commit if self.unreadable is not None else None

    def _shown(self) -> Protocol | None:
        return self.parsed.protocol if self.parsed is not None else None

    def _can_change(self, action: str) -> Identity | None:
        """A change (`action`) commits in the user's name: the current version of a
        protocol (a file named by an id), an identity, and the access file's leave. The
        identity, or None."""
        if self._base() is None or self.rev is not None or path_to_id(self.path) is None \
                or self.refused(action, self.protocol_id, self._shown()):
            return None
        return self.identity_or_say()

    def action_delete(self) -> None:
        """d: delete these minutes as one commit, after asking (they stay in the history)."""
        identity = self._can_change("delete")
        if identity is None:
            return

        def answered(yes: bool | None) -> None:
            base = self._base()
            if yes and base is not None:
                self.delete(base, identity)

        self.app.confirm(t("tui_delete_title", id=self.protocol_id), t("tui_delete_question"),
                         t("key_delete"), "d", answered)

    def delete(self, base: str, identity: Identity) -> None:
        protocol_id = self.protocol_id

        def removed(result: SaveResult) -> None:
            self.notify(t("tui_deleted", id=protocol_id, commit=(result.commit or "")[:10]),
                        markup=False)
            self.app.pop_screen()

        self.run_then(lambda archive: ops.remove(archive, protocol_id, identity, base=base),
                      removed, doing=f"deleting {protocol_id}", group="change")

    def action_rename(self) -> None:
        """r: the right date for these minutes; the id follows, as one commit."""
        if self._can_change("rename") is None or self.revision is None:
            return
        old = self.protocol_id

        def done(result: SaveResult | None) -> None:
            if result is not None and result.changed:
                self.notify(t("tui_renamed", old=old, new=result.id,
                              commit=(result.commit or "")[:10]), markup=False)
                self.protocol_id, self.path = result.id, id_to_path(result.id)
                self.load()

        self.app.ask_new_date(self.protocol_id, self.revision.commit, done)

    # ------------------------------------------------------------ justering

    def approved(self) -> bool:
        """Justerat: read only here; the edit key says how to correct it."""
        p = self._shown()
        return p is not None and p.status == justering.APPROVED

    def action_review(self) -> None:
        """j: send these minutes for justering (status review), after asking."""
        identity, p = self._can_change("review"), self._shown()
        if identity is not None and p is not None:
            flow.send_for_review(self, self.protocol_id, p, identity, self._base, self.load)

    def action_sign(self) -> None:
        """s: sign as the person's own identity, after a confirmation of exactly what is
        signed (the content id, and what changed since the signer last saw the text)."""
        identity = self._can_change("sign")
        if identity is not None:
            flow.sign_as(self, self.protocol_id, identity, self.load)

    def action_correct(self) -> None:
        """c: a correction (rättelse) of justerade minutes, in the editor, with a reason."""
        identity = self._can_change("correct")
        if identity is not None and self.approved() and self.revision is not None:
            flow.correct_in_editor(self, self.protocol_id, self.revision.data,
                                   self.revision.commit, identity)

    def action_sign_item(self) -> None:
        """o: sign one item at once ("omedelbar justering"), after a confirmation."""
        identity, p = self._can_change("sign_item"), self._shown()
        if identity is not None and p is not None:
            flow.sign_item(self, self.protocol_id, p, identity, self.load)
