"""Two versions of a protocol as coloured lines: field by field or line by line, wrapped
to the width they are drawn at. Used by the diff screen and the draft dialog."""

from __future__ import annotations

import os
from dataclasses import dataclass

from rich.console import Console, ConsoleOptions, RenderResult
from rich.style import Style
from rich.text import Text
from textual.color import Color, ColorParseError

from brotui.core import diffrender, fielddiff
from brotui.core.diff import unified
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
