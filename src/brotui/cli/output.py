"""Everything the command writes to stdout and stderr: user text made visible (control
and invisible characters written out), JSON, tables measured as printed, diff lines
and search hits marked, and UTF-8 whatever the locale says."""

from __future__ import annotations

import json
import os
import re
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from brotui.core.text import INVISIBLE_RANGES, visible
from brotui.i18n import Msg

if TYPE_CHECKING:
    from brotui.core.render import Line
    from brotui.core.search import Hit


def out(text: str = "") -> None:
    """Print user text to stdout with control characters made visible."""
    sys.stdout.write(visible(text) + "\n")


def err(text: str) -> None:
    sys.stderr.write(visible(text) + "\n")


def err_notes(notes: Sequence[str | Msg]) -> None:
    """A write's notes (a work-tree copy kept, ...) on stderr, each said in the reader's
    language (values.SaveResult.notes: sentences not said yet)."""
    for note in notes:
        err(note.text() if isinstance(note, Msg) else note)


_JSON_ESCAPED_RE = re.compile(f"[\x7f-\x9f{''.join(INVISIBLE_RANGES)}]")


def _json_escape(char: str) -> str:
    """A character as a JSON escape (a surrogate pair beyond U+FFFF): the same character
    for a program reading the JSON, visible to a person reading it."""
    code = ord(char)
    if code < 0x10000:
        return f"\\u{code:04x}"
    code -= 0x10000
    return f"\\u{0xd800 + (code >> 10):04x}\\u{0xdc00 + (code & 0x3ff):04x}"


def out_json(data: Any) -> None:
    """One JSON document on stdout; C1 controls and invisible characters escaped too
    (json leaves them raw)."""
    sys.stdout.write(json_text(data) + "\n")


def json_text(data: Any) -> str:
    """The document out_json writes (indented for a person at a terminal)."""
    text = json.dumps(data, ensure_ascii=False, indent=2 if sys.stdout.isatty() else None,
                      default=str)
    if _needs_escapes(text):
        text = _JSON_ESCAPED_RE.sub(lambda m: _json_escape(m.group()), text)
    return text


_ASCII = bytes(range(0x7f))  # DEL (0x7f) is escaped: kept


def _needs_escapes(text: str) -> bool:
    """Whether `text` holds a character out_json escapes. Only its non-ASCII characters
    are searched (the ASCII bytes of its UTF-8 dropped, in C): a city's list is 10 MB of
    JSON, which the pattern would take ~100 ms to scan, and nearly all of it is ASCII."""
    rest = text.encode("utf-8", "surrogatepass").translate(None, _ASCII)
    return _JSON_ESCAPED_RE.search(rest.decode("utf-8", "surrogatepass")) is not None


def table(rows: list[list[str]], header: list[str], made_visible: bool = False) -> None:
    """Columns as wide as their widest cell, measured as printed: control characters
    written out (`\\x1b` is four columns), wide characters two columns, combining marks
    none. With `made_visible`, the last column is already safe to print (it may hold the
    terminal's bold) and the rest are made so."""
    cells = [[*(visible(c) for c in row[:-1]), row[-1] if made_visible else visible(row[-1])]
             for row in [header, *rows]]
    widths = [max(_columns(r[i]) for r in cells) for i in range(len(header) - 1)]
    for row in cells:
        padded = [c + " " * (w - _columns(c)) for c, w in zip(row, widths, strict=False)]
        sys.stdout.write("  ".join([*padded, row[-1]]).rstrip() + "\n")


def _columns(text: str) -> int:
    """How many terminal columns `text` takes (made visible: ASCII is one column each)."""
    if text.isascii():
        return len(text)
    import unicodedata

    return sum(0 if unicodedata.combining(ch) else
               2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


def out_spans(line: Line) -> None:
    """A line of spans: coloured on a terminal that takes colour, else with the
    diff's own marks ([-removed-] {+added+}). User text is made visible either way."""
    from brotui.core import diffrender  # lazy: every command prints, only diff draws spans

    ansi = {diffrender.DEL: "31;9", diffrender.INS: "32;4", diffrender.OLD: "31",
            diffrender.NEW: "32", "label": "1", "muted": "2"}
    if not sys.stdout.isatty() or os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        out(diffrender.plain(line))
        return
    text = "".join(f"\x1b[{ansi[role]}m{visible(span)}\x1b[0m" if role in ansi
                   else visible(span) for role, span in line)
    sys.stdout.write(text + "\n")


def marked(hit: Hit, bold: bool) -> str:
    """A hit's snippet made safe to print, each match in bold (on a terminal) or
    between » and « (anywhere else, readable without colour)."""
    out = []
    for text, is_match in hit.pieces():
        text = visible(text)
        if is_match:
            text = f"\x1b[1m{text}\x1b[22m" if bold else f"»{text}«"
        out.append(text)
    return "".join(out)


def speak_utf8() -> None:
    """brotui reads and writes UTF-8 whatever the locale says. A client's locale reaches
    us over SSH (LC_ALL, which sshd accepts): under a Latin-1 one Python would write
    Latin-1 (or fail on what it cannot), and read the arguments, the environment and
    file names as Latin-1 too, so `--author "Åsa Öberg <...>"` became mojibake with C1
    controls in it (refused as no identity). So Python is started again in its UTF-8
    mode, which reads and writes all of them as UTF-8; a person whose terminal really is
    Latin-1 is told to switch it (see tui.driver.InputNotUtf8)."""
    import codecs
    import contextlib
    import locale

    if sys.flags.utf8_mode or sys.platform == "win32":
        return
    if codecs.lookup(locale.getencoding()).name == "utf-8":
        return
    if sys.executable and sys.orig_argv:
        with contextlib.suppress(OSError):
            os.execv(sys.executable, [sys.executable, "-X", "utf8", *sys.orig_argv[1:]])
    for stream in (sys.stdout, sys.stderr):  # not started again: at least write UTF-8
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(encoding="utf-8", errors="backslashreplace")
