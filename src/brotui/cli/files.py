"""Reading a file named on the command line (`put --file`, `check FILE`): never through
a symbolic link, never more than codec.MAX_BYTES."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from brotui.core.errors import BrotuiError, InvalidProtocol
from brotui.core.model import parse_id
from brotui.core.problems import Problem
from brotui.i18n import Msg, t

if TYPE_CHECKING:  # (codec imports YAML, which a warm `brotui list` never loads)
    from brotui.core.codec import Parsed


def read_limited(stream: BinaryIO) -> tuple[bytes | None, list[Problem]]:
    """At most codec.MAX_BYTES from a stream; more is counted, never kept, and refused."""
    # Lazy: `brotui list` imports this module (by way of commands.reading) and must not
    # pay for PyYAML; only reading a file needs the codec.
    from brotui.core import codec

    data = stream.read(codec.MAX_BYTES + 1)
    if len(data) <= codec.MAX_BYTES:
        return data, []
    size = len(data)
    while chunk := stream.read(1 << 20):
        size += len(chunk)
    return None, [codec.too_large(size)]


def read_file(name: str) -> tuple[bytes | None, list[Problem]]:
    """A protocol file named on the command line, or why it is not read: a symbolic link
    (never followed), a file over codec.MAX_BYTES (never read whole), unreadable."""
    from brotui.core import codec

    link = _link_on_the_way(Path(name))
    if link is not None:
        try:
            target = os.readlink(link)
        except OSError:
            target = ""
        if link != Path(name).absolute():
            message = Msg.of("symlink_folder", link=str(link), target=target)
        else:
            message = Msg.of("symlink_target", target=target) if target else Msg.of("symlink")
        return None, [Problem("", None, message)]
    try:
        with open(name, "rb") as f:
            size = os.fstat(f.fileno()).st_size
            if size > codec.MAX_BYTES:
                return None, [codec.too_large(size)]
            return read_limited(f)
    except OSError as exc:
        raise BrotuiError(t("err_read_file", path=name, reason=exc.strerror)) from None


def _link_on_the_way(path: Path) -> Path | None:
    """The symbolic link among the file and the folders between it and the `protocols`
    folder it lies in (just the file, outside an archive), or None."""
    parts = path.absolute().parts
    start = max((i for i, part in enumerate(parts) if part == "protocols"), default=None)
    first = len(parts) - 1 if start is None else start + 1
    for i in range(first, len(parts)):
        candidate = Path(*parts[: i + 1])
        if candidate.is_symlink():
            return candidate
    return None


def id_of_file(path: str) -> str | None:
    """The protocol id a file's path implies (…/protocols/<council>/<date>.yaml), if any."""
    parts = Path(path).resolve().parts
    if len(parts) >= 3 and parts[-3] == "protocols":
        candidate = f"{parts[-2]}/{Path(parts[-1]).stem}"
        return candidate if parse_id(candidate) else None
    return None


def read_protocol(file: str | None, protocol_id: str) -> tuple[Parsed, str]:
    """The protocol a write command was given (`--file F`, or standard input for none or
    `-`), checked as the file of `protocol_id`, and where it came from; InvalidProtocol
    (with the problems and where) if it cannot be read or breaks a rule."""
    from brotui.core.validate import check  # (YAML: only the commands that write pay)

    if file and file != "-":
        where = file
        data, refused = read_file(file)
    else:
        where = "<stdin>"
        data, refused = read_limited(sys.stdin.buffer)
    if data is None:
        raise InvalidProtocol(t("err_invalid", where=where, count=1), refused, where=where)
    parsed = check(data, protocol_id)
    if not parsed.ok:
        raise InvalidProtocol(t("err_invalid", where=where, count=len(parsed.errors)),
                              parsed.problems, where=where)
    return parsed, where
