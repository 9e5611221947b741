"""What changed between two versions of a protocol: field by field, or line by line."""

from __future__ import annotations

import os
from dataclasses import dataclass

from rich.console import Console, ConsoleOptions, RenderResult
from rich.style import Style
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.color import Color, ColorParseError
from textual.containers import VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Static

from brotui.core import diffrender, fielddiff
from brotui.core.diff import unified
from brotui.core.errors import BrotuiError
from brotui.core.values import Commit, Revision
from brotui.i18n import t
from brotui.tui.keys import translate_bindings
from brotui.tui.screens.view import when
from brotui.tui.text import line_to_text, safe


@dataclass(frozen=True)
class Palette:
    """How added and removed lines and hunk headers look."""

    added: Style
    removed: Style
    hunk: Style

    @classmethod
    def from_theme(cls, variables: dict[str, str]) -> Palette:
        """Green, red and blue as the theme writes text in them: readable on its own
        background, and still light on dark when NO_COLOR turns them grey."""

        def colour(name: str, fallback: str) -> Style:
            try:
                return Style(color=Color.parse(variables[name]).rich_color)
            except (KeyError, ColorParseError):
                return Style(color=fallback)

        return cls(colour("text-success", "green"), colour("text-error", "red"),
                   colour("text-primary", "cyan") + Style(bold=True))


def unified_lines(old: str, new: str, palette: Palette) -> list[Text]:
    """The unified diff of two texts, coloured, without the file header (the screen names both)."""
    styles = {"+": palette.added, "-": palette.removed, "@": palette.hunk}
    lines = []
    for line in unified(old, new, "a", "b")[2:]:
        text = safe(line)
        text.style = styles.get(line[:1], "")
        lines.append(text)
    return lines


def field_lines(old: str, new: str, palette: Palette) -> list[Text] | None:
    """The field-level diff (brotui.core.fielddiff) of two versions, coloured; removed
    and added words are struck through and underlined, and also bracketed as
    [-…-] {+…+} when NO_COLOR asks for no colour. None: a version does not read
    as a protocol, so only a line diff can show it."""
    changes = fielddiff.diff_files(old.encode("utf-8"), new.encode("utf-8"))
    if changes is None:
        return None
    lines = diffrender.lines(changes)
    if os.environ.get("NO_COLOR"):
        return [safe(diffrender.plain(line)) for line in lines]
    styles = {
        diffrender.DEL: palette.removed + Style(strike=True),
        diffrender.INS: palette.added + Style(underline=True),
        diffrender.OLD: palette.removed,
        diffrender.NEW: palette.added,
    }
    return [line_to_text(line, styles) for line in lines]


class Wrapped:
    """Lines wrapped to the width they are drawn at, continuations indented. Each piece
    of an added or removed line starts with its marker, so it reads without colour too."""

    def __init__(self, lines: list[Text]) -> None:
        self.lines = lines

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = max(options.max_width - 1, 8)
        for line in self.lines:
            first, body = line[:1], line[1:]
            marker = first.plain if first.plain in ("+", "-") else " "
            hang = min(len(body.plain) - len(body.plain.lstrip(" ")) + 2, width // 2)
            pieces = body.wrap(console, width - hang, no_wrap=False)
            yield Text.assemble(first, pieces[0])
            for piece in pieces[1:]:
                yield Text.assemble(Text(marker + " " * hang, line.style), piece)


class DiffScreen(Screen[None]):
    """Two revisions of a protocol compared: rev_a the older, rev_b the newer (None: the tip)."""

    BINDINGS = [
        Binding("escape", "back", "key_back"),
        Binding("backspace", "back", "key_back", show=False),
        Binding("l", "toggle_lines", "key_diff_mode"),
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

    @dataclass
    class Failed(Message):
        message: str

    def __init__(self, protocol_id: str, rev_a: str, rev_b: str | None = None) -> None:
        super().__init__()
        translate_bindings(self)
        self.protocol_id = protocol_id
        self.rev_a = rev_a
        self.rev_b = rev_b
        self.by_field = True  # field by field, else the file's lines

    def compose(self) -> ComposeResult:
        yield self.app.title_bar()  # type: ignore[attr-defined]
        yield Static(safe(self.protocol_id, "bold"), id="status-line")
        yield Static(id="diff-header")
        with VerticalScroll(classes="scroll-body", id="diff-scroll"):
            yield Static(safe(t("tui_diff_loading")), id="diff")
        yield Footer()

    def on_mount(self) -> None:
        self.release_display = self.app.hold_display()  # type: ignore[attr-defined]
        self.query_one("#diff-scroll").focus()
        self.app.theme_changed_signal.subscribe(self, lambda _theme: self.load())
        self.load()

    @work(thread=True, exclusive=True)
    def load(self) -> None:
        """Read both versions and compare them, by field if both read as protocols
        (a big file takes time)."""
        archive = self.app.archive  # type: ignore[attr-defined]
        palette = Palette.from_theme(self.app.theme_variables)
        try:
            old = archive.read(self.protocol_id, self.rev_a)
            new = archive.read(self.protocol_id, self.rev_b)
            history = archive.history(self.protocol_id)
        except BrotuiError as exc:
            self.post_message(self.Failed(exc.message))
            return
        texts = old.data.decode("utf-8", "replace"), new.data.decode("utf-8", "replace")
        by_field = self.by_field
        lines = field_lines(*texts, palette) if by_field else None
        if lines is None:
            lines, by_field = unified_lines(*texts, palette), False
        by_oid = {c.oid: c for c in history}
        # The tip need not have changed this protocol: its version is the latest change.
        latest = history[0] if history and self.rev_b is None else None
        self.post_message(self.Loaded(old, new, by_oid.get(old.commit),
                                      by_oid.get(new.commit, latest), lines, palette,
                                      by_field))

    @on(Failed)
    def _failed(self, message: Failed) -> None:
        self.query_one("#diff", Static).update(safe(t("tui_error", message=message.message)))
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
        self.query_one("#diff-header", Static).update(Text("\n").join([old, new, mode]))
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
