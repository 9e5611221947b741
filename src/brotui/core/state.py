"""The files brotui keeps under the git directory (`.git/brotui/`), never in a commit: the
save lock, the JSON caches, the record of a save's pending work-tree updates, the folder
for temporary files; and `write_durably`, the write that survives a kill or a power cut.

A reader who may not write there (a read-only archive) is served all the same: each
cache then reads as empty and is not kept, which is only slower; a save says the
archive is read-only (see `StateDir.save_lock`) before it writes anything.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import json
import os
import random
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from brotui.core.errors import BrotuiError
from brotui.i18n import t

LOCK_TIMEOUT = 60.0
_LOCK_FILE = "save.lock"
_PENDING_FILE = "save-pending.json"


class StateDir:
    """brotui's folder under an archive's git directory; `name` is how the archive is
    named to people (in the refusal of a read-only archive)."""

    def __init__(self, git_dir: Path, name: str) -> None:
        self.root = git_dir / "brotui"
        self.name = name

    def path(self) -> Path:
        """The folder, made if it can be (a read-only archive gets its path all the same)."""
        with contextlib.suppress(OSError):
            self.root.mkdir(exist_ok=True)
        return self.root

    # ------------------------------------------------------------ caches

    def read_json(self, name: str) -> dict[str, Any]:
        """A cache file's JSON object; {} if it is missing, unreadable or no object."""
        try:
            data = json.loads((self.path() / name).read_text("utf-8"))
        except (OSError, ValueError):
            return {}
        return data if isinstance(data, dict) else {}

    def write_json(self, name: str, data: dict[str, Any]) -> None:
        """Replace a cache file atomically; a cache that cannot be written is only slower."""
        self.write_file(name, json.dumps(data, ensure_ascii=False).encode("utf-8"))

    def write_file(self, name: str, data: bytes) -> None:
        """Replace a file of the folder atomically, if it can be written at all."""
        _write_file(self.path() / name, data)

    # ------------------------------------------------------------ the save lock

    @contextlib.contextmanager
    def save_lock(self) -> Iterator[None]:
        """One brotui save at a time per archive; the kernel frees it if we die. Taking it
        is the first write of every save: where it cannot be made, the archive is read-only
        for this person, and the save says so before it writes anything."""
        try:
            self.root.mkdir(exist_ok=True)
            fd = os.open(self.root / _LOCK_FILE, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as exc:
            if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
                raise BrotuiError(t("err_read_only", path=self.name)) from None
            raise
        try:
            deadline = time.monotonic() + LOCK_TIMEOUT
            while True:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() > deadline:
                        raise BrotuiError(t("err_busy")) from None
                    time.sleep(random.uniform(0.002, 0.02))
            yield
        finally:
            os.close(fd)

    @contextlib.contextmanager
    def save_lock_if_free(self) -> Iterator[bool]:
        """The save lock if nobody holds it right now (True), without waiting; False if a
        save is under way, or the lock cannot be made (an archive this person may only
        read)."""
        try:
            fd = os.open(self.path() / _LOCK_FILE, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError:
            yield False
            return
        try:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                yield False
            else:
                yield True
        finally:
            os.close(fd)

    # ------------------------------------------------------------ the pending-save record

    @property
    def pending_path(self) -> Path:
        return self.root / _PENDING_FILE

    def has_pending(self) -> bool:
        """Whether a save left its record of work-tree updates (one stat)."""
        return self.pending_path.exists()

    def write_pending(self, commit: str, files: list[dict[str, str | None]]) -> None:
        """The record a save writes before it moves the branch: its commit and, for each
        file, its path and its blob before and after (None: no file)."""
        _write_file(self.pending_path, json.dumps({"commit": commit, "files": files},
                                                  ensure_ascii=False).encode("utf-8"))

    def read_pending(self) -> tuple[str, list[tuple[Any, Any, Any]]] | None:
        """(commit, [(path, old blob, new blob)]) of the record; None if there is none, or
        it was written half (by a save killed while writing it: it was never acted on)."""
        try:
            record = json.loads(self.pending_path.read_text("utf-8"))
            commit = record["commit"]
            files = [(f["path"], f["old"], f["new"]) for f in record["files"]]
        except (OSError, ValueError, KeyError, TypeError):
            return None
        return commit, files

    def clear_pending(self) -> None:
        with contextlib.suppress(OSError):
            self.pending_path.unlink(missing_ok=True)

    # ------------------------------------------------------------ temporary files

    def tmp_dir(self) -> Path:
        """The folder for a save's temporary files (on the git directory's file system)."""
        path = self.path() / "tmp"
        path.mkdir(exist_ok=True)
        return path

    def clean_tmp(self) -> None:
        """Remove what a save killed while writing left in the temporary folder."""
        for stale in self.tmp_dir().glob("*"):
            with contextlib.suppress(OSError):
                stale.unlink()


def _write_file(path: Path, data: bytes) -> None:
    """Replace a file under the git directory atomically, if it can be written at all."""
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    try:
        tmp.write_bytes(data)
        os.replace(tmp, path)
    except OSError:
        with contextlib.suppress(OSError):
            tmp.unlink()


def write_durably(target: Path, content: bytes, tmp_dir: Path) -> None:
    """Replace a file so that it is always either the old or the new content, even after
    a kill or a power cut: a temporary file in `tmp_dir` (on the target's file system),
    flushed to disk, renamed over the old one, and the rename flushed too."""
    tmp = tmp_dir / f".{target.name}.brotui-{os.getpid()}.tmp"
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o666)
        try:
            view = memoryview(content)
            while view:
                view = view[os.write(fd, view):]
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    with contextlib.suppress(OSError):
        dir_fd = os.open(target.parent, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)
