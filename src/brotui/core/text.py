"""Making user text safe to print: control characters shown, never sent raw."""

from __future__ import annotations

import re

# C0 controls except tab and newline, DEL, and the C1 controls (0x9B is a CSI on
# many terminals). Each becomes a visible escape such as `\x1b`.
CONTROL_RE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def visible(text: str) -> str:
    """`text` with every terminal control character written out as `\\xNN`."""
    return CONTROL_RE.sub(lambda m: f"\\x{ord(m.group()):02x}", text)
