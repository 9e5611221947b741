"""What changed between two versions of a protocol: field by field, or line by line."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.message import Message
from textual.widgets import Static

from brotui.core import attachments
from brotui.core.archive import Archive
from brotui.core.values import Commit, Revision
from brotui.i18n import t
from brotui.tui.base import Base
from brotui.tui.text import attachment_changes, safe, when
from brotui.tui.widgets.diff_lines import Palette, Wrapped, field_lines, unified_lines
from brotui.tui.widgets.footer import KeysFooter


class DiffScreen(Base[None]):
    """Two revisions of a protocol compared: rev_a the older, rev_b the newer (None: the tip)."""

    BINDINGS = [
        Binding("escape", "back", "key_back"),
        Binding("backspace", "back", "key_back", show=False),
        Binding("l", "toggle_lines", "key_diff_mode"),
        Binding("r", "restore", "key_restore"),  # only on a restore's preview
    ]

    @dataclass
    class Loaded(Message):
        old: Revision
        new: Revision
        old_commit: Commit | None
        new_commit: Commit | None
        lines: list[Text]
        palette: Palette
        by_field: bool
        attachments: list[str]  # added, replaced, removed, with sizes

    def __init__(self, protocol_id: str, rev_a: str, rev_b: str | None = None, *,
                 restore: Callable[[], None] | None = None) -> None:
        """`restore`: this diff is what a restore would change (the question waits
        under it); its key goes ahead from here."""
        super().__init__()
        self.restore = restore
        self.protocol_id = protocol_id
        self.rev_a = rev_a
        self.rev_b = rev_b
        self.by_field = True  # field by field, else the file's lines

    def compose(self) -> ComposeResult:
        yield self.compose_title()
        yield Static(safe(self.protocol_id, "bold"), id="status-line")
        yield Static(id="diff-header")
        with VerticalScroll(classes="scroll-body", id="diff-scroll"):
            yield Static(safe(t("tui_diff_loading")), id="diff")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.release_display = self.app.hold_display()
        self.query_one("#diff-scroll").focus()
        self.app.theme_changed_signal.subscribe(self, lambda _theme: self.load())
        self.load()

    def load(self) -> None:
        """Read both versions and compare them, by field if both read as protocols
        (a big file takes time)."""
        palette = Palette.from_theme(self.app.theme_variables)
        by_field = self.by_field

        def compare(archive: Archive) -> DiffScreen.Loaded:
            old = archive.read(self.protocol_id, self.rev_a)
            new = archive.read(self.protocol_id, self.rev_b)
            history = archive.history(self.protocol_id)
            texts = old.data.decode("utf-8", "replace"), new.data.decode("utf-8", "replace")
            lines = field_lines(*texts, palette) if by_field else None
            shown_by_field = lines is not None
            if lines is None:
                lines = unified_lines(*texts, palette)
            by_oid = {c.oid: c for c in history}
            # The tip need not have changed this protocol: its version is the latest change.
            latest = history[0] if history and self.rev_b is None else None
            files = attachment_changes(attachments.changes(
                archive, self.protocol_id, old.commit, new.commit))
            return self.Loaded(old, new, by_oid.get(old.commit),
                               by_oid.get(new.commit, latest), lines, palette, shown_by_field,
                               files)

        self.run_archive_work(compare, doing=f"comparing {self.protocol_id}")

    def work_failed(self, failure: Base.WorkFailed) -> None:
        self.query_one("#diff", Static).update(safe(t("tui_error", message=failure.sentence)))
        self.release_display()

    @on(Loaded)
    def _loaded(self, message: Loaded) -> None:
        self.release_display()
        old = safe("- " + t("tui_diff_from", version=self.describe(message.old,
                                                                  message.old_commit)))
        new = safe("+ " + t("tui_diff_to", version=self.describe(message.new,
                                                                message.new_commit)))
        if self.rev_b is None:
            new.append("  " + t("tui_diff_current"))
        old.style, new.style = message.palette.removed, message.palette.added
        mode = safe(t("diff_mode_fields" if message.by_field else "diff_mode_lines"), "bold")
        files = [safe(line, "bold") for line in message.attachments]
        self.query_one("#diff-header", Static).update(Text("\n").join([old, new, *files, mode]))
        body: Text | Wrapped = Wrapped(message.lines)
        if message.old.data == message.new.data:
            body = safe(t("tui_diff_identical"), "bold")
        elif not message.lines:
            body = safe(t("tui_diff_line_ends"), "bold")
        self.query_one("#diff", Static).update(body)

    def action_toggle_lines(self) -> None:
        self.by_field = not self.by_field
        self.load()

    @staticmethod
    def describe(revision: Revision, commit: Commit | None) -> str:
        """A version as people name it: short commit id, author, date."""
        if commit is None:
            return revision.commit[:10]
        return f"{commit.short}  {commit.author}  {when(commit)}"

    def action_back(self) -> None:
        self.app.pop_screen()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return self.restore is not None if action == "restore" else True

    def action_restore(self) -> None:
        """r on a restore's preview: the restore goes ahead (the question under it too)."""
        if self.restore is not None:
            self.app.pop_screen()
            self.restore()
