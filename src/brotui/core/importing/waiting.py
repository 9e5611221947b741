"""Files waiting to be imported in the TUI, kept per person under the git directory.

`ssh brotui@server import NAME --edit < file` (restricted mode: a file arrives on
standard input, never as a path on the server) and a path chosen in the TUI keep the
file here; the TUI shows it beside what the import made of it, the person fixes the
protocol in the editor, and its first save commits it (with the `Imported-from:`
trailer) and removes the file. Nothing here is in the work tree or in a commit.

    .git/brotui/imports/<person>/<sha256>.json  {"name", "size", "time", "sha256"}
    .git/brotui/imports/<person>/<sha256>.bin   the bytes as sent
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import re
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from brotui.core.archive import Archive
from brotui.core.drafts import person_key
from brotui.core.identity import Identity
from brotui.core.importing import MAX_BYTES
from brotui.core.importing.errors import refuse
from brotui.core.state import write_durably
from brotui.i18n import size_texts

_SHA = re.compile(r"[0-9a-f]{64}")


def check_size(size: int) -> None:
    """Refused (ImportRefused, with both sizes) over the import's limit."""
    if size > MAX_BYTES:
        big, limit = size_texts(size, MAX_BYTES)
        refuse("refused_too_large", size=big, limit=limit)


@dataclass(frozen=True)
class Waiting:
    """A file waiting for its person: its name as sent, size, when and its SHA-256."""

    name: str
    size: int
    time: float
    sha256: str


class WaitingImports:
    """One person's files waiting to be imported in one archive."""

    def __init__(self, archive: Archive, person: Identity | str | None) -> None:
        self.folder = archive.state.root / "imports" / person_key(person)

    def keep(self, name: str, data: bytes) -> Waiting:
        """Keep a file (the same bytes twice are one file). Refused, nothing kept, over
        the import's size limit."""
        check_size(len(data))
        sha = hashlib.sha256(data).hexdigest()
        self.folder.mkdir(parents=True, exist_ok=True)
        write_durably(self.folder / f"{sha}.bin", data, self.folder)
        waiting = Waiting(name, len(data), time.time(), sha)
        meta = {"name": name, "size": len(data), "time": waiting.time, "sha256": sha}
        write_durably(self.folder / f"{sha}.json",
                      json.dumps(meta, ensure_ascii=False).encode("utf-8"), self.folder)
        return waiting

    def all(self) -> list[Waiting]:
        """The person's waiting files, oldest first (one directory listing)."""
        found = []
        for path in self.folder.glob("*.json") if self.folder.is_dir() else []:
            waiting = self._read(path)
            if waiting is not None:
                found.append(waiting)
        return sorted(found, key=lambda w: w.time)

    def data(self, sha256: str) -> bytes | None:
        """The bytes of a waiting file, or None if it is gone (or not one of ours)."""
        if not _SHA.fullmatch(sha256):
            return None
        try:
            data = (self.folder / f"{sha256}.bin").read_bytes()
        except OSError:
            return None
        return data if hashlib.sha256(data).hexdigest() == sha256 else None

    def drop(self, sha256: str) -> None:
        """The file is imported or discarded: gone from the waiting list."""
        if _SHA.fullmatch(sha256):
            for suffix in (".json", ".bin"):
                with contextlib.suppress(FileNotFoundError):
                    (self.folder / f"{sha256}{suffix}").unlink()

    def _read(self, path: Path) -> Waiting | None:
        try:
            meta: Any = json.loads(path.read_text("utf-8"))
        except (OSError, ValueError):
            return None
        if not isinstance(meta, dict) or not _SHA.fullmatch(str(meta.get("sha256"))) \
                or not (self.folder / f"{meta['sha256']}.bin").is_file():
            return None
        return Waiting(str(meta.get("name") or "-"), int(meta.get("size") or 0),
                       float(meta.get("time") or 0), str(meta["sha256"]))
