"""Making user text safe to print: control and invisible characters shown, never sent raw."""

from __future__ import annotations

import datetime as dt
import re

# C0 controls except tab and newline, DEL, and the C1 controls (0x9B is a CSI on
# many terminals). Each becomes a visible escape such as `\x1b`. (A protocol may not
# hold them: see validate.)
CONTROL_RE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")

# Characters that print as nothing, or reorder what follows them: Unicode's format
# characters (Cf: the soft hyphen, zero-width spaces and joiners, the bidirectional
# embeddings, overrides and isolates, the byte order mark, ...), the line and paragraph
# separators (Zl, Zp), and the Hangul fillers, letters drawn as blank. In a name they let
# "Clas Cederlid" be someone else who looks exactly like him. They may stand in a
# protocol's text, but are shown as escapes such as `\u202e`. The ranges are those of
# Unicode 15 (a test checks them against the running Python's unicodedata).
INVISIBLE_RANGES = (
    "\u00ad", "\u0600-\u0605", "\u061c", "\u06dd", "\u070f", "\u0890-\u0891", "\u08e2",
    "\u115f-\u1160", "\u180e", "\u200b-\u200f", "\u2028-\u202e", "\u2060-\u2064",
    "\u2066-\u206f", "\u3164", "\ufeff", "\uffa0", "\ufff9-\ufffb", "\U000110bd",
    "\U000110cd", "\U00013430-\U0001343f", "\U0001bca0-\U0001bca3",
    "\U0001d173-\U0001d17a", "\U000e0001", "\U000e0020-\U000e007f",
)
INVISIBLE_RE = re.compile(f"[{''.join(INVISIBLE_RANGES)}]")
_SHOWN_RE = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{''.join(INVISIBLE_RANGES)}]")
_NOT_IN_NAMES_RE = re.compile(f"[\x00-\x1f\x7f-\x9f{''.join(INVISIBLE_RANGES)}]")


def escape(char: str) -> str:
    """One character written out: `\\x1b`, `\\u202e`, `\\U000e0041`."""
    code = ord(char)
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def visible(text: str, invisible: bool = True) -> str:
    """`text` with every control and invisible character written out (`\\x1b`, `\\u202e`);
    without `invisible`, the control characters only (for text to be edited: the
    invisible ones are data a protocol may hold, and an escape typed back is not them)."""
    return (_SHOWN_RE if invisible else CONTROL_RE).sub(lambda m: escape(m.group()), text)


def first_invisible(text: str) -> str | None:
    """The first control or invisible character in `text` (tab and newline included), if
    any: what a name must not hold."""
    m = _NOT_IN_NAMES_RE.search(text)
    return m.group() if m else None


def local_time(epoch: int | None) -> str:
    """A commit's time as people read it in lists: `2020-02-27 08:45`, local time."""
    if epoch is None:
        return ""
    return dt.datetime.fromtimestamp(epoch).strftime("%Y-%m-%d %H:%M")
