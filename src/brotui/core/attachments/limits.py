"""How large an attachment may be, and reading one without holding more than that.

The limit is the archive's setting `attachments: {max_size: ...}` in `.brotui.yaml`
(a number of bytes, or a size such as `20 MB`, `500 kB`, `1.5 GB`, `25 MiB`), default
20 MB (20,000,000 bytes, as people count megabytes and as sizes are shown). A value
that does not read as a size leaves the default.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Mapping
from pathlib import Path
from typing import Any, BinaryIO, NoReturn

from brotui.core.attachments.errors import refuse
from brotui.core.attachments.messages import Size
from brotui.core.attachments.names import shown

DEFAULT_MAX_BYTES = 20_000_000
_CEILING = 2_000_000_000  # what a setting may raise it to: git and memory have limits too
_CHUNK = 1 << 20
_SIZE_RE = re.compile(r"\s*([0-9]+(?:[.,][0-9]+)?)\s*([kKMG]i?B|B|bytes?)?\s*")
_UNITS = {"B": 1, "byte": 1, "bytes": 1, "kB": 10**3, "KB": 10**3, "MB": 10**6, "GB": 10**9,
          "KiB": 2**10, "kiB": 2**10, "MiB": 2**20, "GiB": 2**30}


def max_bytes(settings: Mapping[str, Any]) -> int:
    """The largest attachment an archive takes, from its settings (`archive.settings`)."""
    section = settings.get("attachments")
    value = section.get("max_size") if isinstance(section, Mapping) else None
    parsed = parse_size(value)
    return DEFAULT_MAX_BYTES if parsed is None else parsed


def parse_size(value: object) -> int | None:
    """A size setting in bytes (a positive int, or `20 MB`...), None if it is not one."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        number = float(value)
        unit = 1
    elif isinstance(value, str) and (m := _SIZE_RE.fullmatch(value)):
        number = float(m[1].replace(",", "."))
        unit = _UNITS.get(m[2] or "B", 0)
    else:
        return None
    result = int(number * unit)
    return min(result, _CEILING) if result > 0 else None


def too_large(actual: int, limit: int) -> NoReturn:
    refuse("too_large", size=Size(actual, limit), limit=Size(limit, actual))


def read_stream(stream: BinaryIO, limit: int) -> bytes:
    """All of a stream (standard input over SSH), refused as soon as it holds more than
    `limit` bytes: what comes after is never read, and never held."""
    data = bytearray()
    while True:
        chunk = stream.read(min(_CHUNK, limit + 1 - len(data)))
        if not chunk:
            return bytes(data)
        data += chunk
        if len(data) > limit:
            refuse("too_large_stream", limit=Size(limit))


def read_path(path: str | os.PathLike[str], limit: int) -> bytes:
    """A file on this computer, to attach: its size checked before a byte is read (a
    file that grows meanwhile is stopped at the limit all the same); a folder, a device
    or a file that cannot be read is refused with a sentence."""
    said = shown(str(path))
    try:
        with open(path, "rb") as f:
            info = os.fstat(f.fileno())
            if stat.S_ISDIR(info.st_mode):
                refuse("not_a_file", path=said)
            if stat.S_ISREG(info.st_mode):
                if info.st_size > limit:
                    too_large(info.st_size, limit)
            elif not stat.S_ISFIFO(info.st_mode):
                refuse("not_a_file", path=said)
            return read_stream(f, limit)
    except IsADirectoryError:
        refuse("not_a_file", path=said)
    except OSError as exc:
        refuse("unreadable", path=said, reason=exc.strerror or type(exc).__name__)


def name_from_path(path: str | os.PathLike[str]) -> str:
    """The name an attached file is given when none is: its own file name."""
    return Path(path).name
