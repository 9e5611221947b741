"""Drafts: what someone is typing, kept under the git directory until it is saved.

A draft is the editor's text, the revision the edit started from and when it was
kept, one file per person and protocol in `.git/brotui/drafts/`. It is never in
the work tree and never in a commit. Each write replaces the draft durably
(`state.write_durably`), so a draft on disk is always whole: a process
killed while writing leaves the previous draft.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from brotui.core.archive import Archive
from brotui.core.identity import Identity
from brotui.core.model import parse_id
from brotui.core.state import write_durably


@dataclass(frozen=True)
class Draft:
    id: str
    author: str
    base: str | None  # the commit the edit started from (None: a new protocol)
    time: float
    text: str


def person_key(author: Identity | str | None) -> str:
    """A folder name for a person: their e-mail (or name) hashed, stable and safe."""
    if isinstance(author, Identity):
        key = author.email.lower() or author.name
    else:
        key = (author or "").strip().lower()
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:20] if key else "nobody"


class Drafts:
    """The drafts of one archive."""

    def __init__(self, archive: Archive) -> None:
        self.root = archive.state.root / "drafts"

    def _path(self, author: Identity | str | None, protocol_id: str) -> Path:
        """A draft's file: named after the id, whose rules (model.MAX_SLUG) keep that
        name short enough for any file system; a file listed under a name that is no
        id (made by hand, or long ago) gets its draft too, under a hash of the name."""
        if parse_id(protocol_id) is not None:
            name = protocol_id.replace("/", "--")
        else:
            name = "named-" + hashlib.sha256(protocol_id.encode("utf-8", "replace")).hexdigest()
        return self.root / person_key(author) / (name + ".json")

    def keep(self, author: Identity | str | None, protocol_id: str, text: str,
             base: str | None) -> None:
        """Write (or replace) the draft, whole or not at all."""
        path = self._path(author, protocol_id)
        path.parent.mkdir(parents=True, exist_ok=True)
        data = json.dumps({"id": protocol_id, "author": str(author or ""), "base": base,
                           "time": time.time(), "text": text}, ensure_ascii=False)
        write_durably(path, data.encode("utf-8"), path.parent)

    def get(self, author: Identity | str | None, protocol_id: str) -> Draft | None:
        try:
            data: Any = json.loads(self._path(author, protocol_id).read_text("utf-8"))
        except (OSError, ValueError):
            return None
        if not isinstance(data, dict) or not isinstance(data.get("text"), str):
            return None
        base = data.get("base")
        return Draft(protocol_id, str(data.get("author", "")),
                     base if isinstance(base, str) else None,
                     float(data.get("time") or 0), data["text"])

    def discard(self, author: Identity | str | None, protocol_id: str) -> None:
        with contextlib.suppress(FileNotFoundError, ValueError):
            self._path(author, protocol_id).unlink()

    def mine(self, author: Identity | str | None) -> list[Draft]:
        """A person's drafts, newest first."""
        folder = self.root / person_key(author)
        found = []
        for path in folder.glob("*.json") if folder.is_dir() else []:
            protocol_id = path.stem.replace("--", "/")
            draft = self.get(author, protocol_id) if parse_id(protocol_id) else None
            if draft is not None:
                found.append(draft)
        return sorted(found, key=lambda d: d.time, reverse=True)
