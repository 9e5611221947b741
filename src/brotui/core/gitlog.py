"""Every `git log` format brotui asks for, and its parser: a protocol's history, the
archive's activity (`--name-status`), the last change of each file (`--name-only`, read
as a stream), the deletions, and the pickaxe of a search through history.

Records are separated by \\x01 (put first in the format) and fields by NUL (`-z`);
names and subjects are decoded leniently, paths with `surrogateescape` (a path is
bytes to git)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import IO, Any, TypeVar

from brotui.core.attachments.paths import owner_of
from brotui.core.model import id_to_path, parse_id, path_to_id
from brotui.core.values import Activity, Commit, Touched

# One commit of a protocol's history, with brotui's `Renamed-from:` trailer (see
# Archive.history).
HISTORY_FORMAT = ("%H%x00%an%x00%ae%x00%at%x00%s"
                  "%x00%(trailers:key=Renamed-from,valueonly,separator=%x1f)")
# One record of the activity: `git log -z --name-status --format=ACTIVITY_FORMAT`.
ACTIVITY_FORMAT = f"%x01{HISTORY_FORMAT}"
# One record of the deletions: the history's fields and the first parent (to restore from).
DELETION_FORMAT = f"%x01{HISTORY_FORMAT}%x00%P"
# One commit and the paths it changed: `git log -z --name-only` (or `--raw`, the pickaxe).
NAME_FORMAT = "%x01%H%x00%an%x00%ae%x00%at%x00%s"

_CHANGES = {"A": "added", "D": "deleted"}

T = TypeVar("T")


def history_records(out: bytes) -> Iterator[tuple[Commit, str]]:
    """(commit, its Renamed-from trailer or "") from `git log -z --format=HISTORY_FORMAT`."""
    fields_ = out.split(b"\0")
    for i in range(0, len(fields_) - 5, 6):
        oid, name, email, when, subject, renamed = (
            f.decode("utf-8", "replace") for f in fields_[i:i + 6])
        yield Commit(oid.strip(), name, email, int(when), subject), \
            renamed.split("\x1f")[0].strip()


def activity_record(record: bytes) -> tuple[Activity, list[str]]:
    """One commit of `git log -z --name-status --format=ACTIVITY_FORMAT`, and the paths
    it changed."""
    parts = record.split(b"\0")
    oid, name, email, when, subject, renamed = (p.decode("utf-8", "replace") for p in parts[:6])
    rest = [p.lstrip(b"\n").decode("utf-8", "surrogateescape") for p in parts[6:]]
    paths = []
    by_id: dict[str, Touched] = {}
    for status, path in zip(rest[0::2], rest[1::2], strict=False):
        paths.append(path)
        protocol_id = path_to_id(path)
        if protocol_id:
            by_id[protocol_id] = Touched(protocol_id, _CHANGES.get(status[:1], "changed"))
        elif (owner := owner_of(path)) and owner not in by_id:
            by_id[owner] = Touched(owner, "changed")  # one of its attachments changed
    touched = list(by_id.values())
    renamed = renamed.split("\x1f")[0].strip()
    return Activity(Commit(oid, name, email, int(when), subject), tuple(touched),
                    renamed if parse_id(renamed) else ""), paths


def name_record(record: bytes) -> tuple[Commit, list[str]]:
    """One commit of `git log -z --name-only --format=NAME_FORMAT`, and the paths."""
    parts = record.split(b"\0")
    oid, name, email, when, subject = (p.decode("utf-8", "replace") for p in parts[:5])
    paths = [p.lstrip(b"\n").decode("utf-8", "surrogateescape") for p in parts[5:]]
    return Commit(oid, name, email, int(when), subject), [p for p in paths if p]


def stream_records(stream: IO[bytes], parse: Callable[[bytes], T]) -> Iterator[T]:
    """Records of `git log --format=%x01... -z` (with --name-only, or --name-status when
    `parse` reads that), read as they come."""
    buffer = b""
    while True:
        chunk = stream.read1(1 << 16) if hasattr(stream, "read1") else stream.read(1 << 16)
        if not chunk:
            break
        buffer += chunk
        *records, buffer = buffer.split(b"\x01")
        for record in records:
            if record:
                yield parse(record)
    if buffer:
        yield parse(buffer)


def deletion_records(out: bytes) -> Iterator[tuple[str, list[Any] | None]]:
    """(path, [commit, author, email, time, subject, first parent]) of each file deleted
    in `git log -z --diff-filter=D --name-only --format=DELETION_FORMAT`, newest first;
    None for a file moved away (brotui mv: its commit's Renamed-from names it), which
    lives on under its new id."""
    for record in out.split(b"\x01"):
        if not record:
            continue
        parts = record.split(b"\0")
        oid, name, email, when, subject, renamed, parents = (
            x.decode("utf-8", "replace") for x in parts[:7])
        moved = {id_to_path(r.strip()) for r in renamed.split("\x1f") if r.strip()}
        for raw in parts[7:]:
            file = raw.lstrip(b"\n").decode("utf-8", "surrogateescape")
            if file:
                yield file, None if file in moved else [
                    oid, name, email, int(when), subject, parents.split(" ")[0]]


def pickaxe_records(out: bytes) -> Iterator[tuple[list[str], list[tuple[str, str, str]]]]:
    """The commits of `git log --raw --no-abbrev -z --format=NAME_FORMAT`: the format's
    fields, and (old blob, new blob, path) of each file the pickaxe kept."""
    for record in out.split(b"\x01"):
        if record:
            yield pickaxe_record(record)


def pickaxe_record(record: bytes) -> tuple[list[str], list[tuple[str, str, str]]]:
    """One commit of `git log --raw --no-abbrev -z --format=NAME_FORMAT`, with or without
    the pickaxe (see pickaxe_records)."""
    fields_ = record.split(b"\0")
    head = [f.decode("utf-8", "replace") for f in fields_[:5]]
    files = []
    rest = fields_[5:]
    for meta, path in zip(rest[0::2], rest[1::2], strict=False):
        meta_ = meta.strip().decode()
        if not meta_.startswith(":"):
            continue
        _, _, old, new, _ = meta_[1:].split(" ", 4)
        files.append((old, new, path.decode("utf-8", "surrogateescape")))
    return head, files
