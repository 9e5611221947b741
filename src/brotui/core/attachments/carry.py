"""A protocol's attachments folder carried along when the protocol is deleted, moved or
restored (brotui.core.ops): the same commit removes, renames or brings back its files.

What the folder holds is read before the save lock is taken (the files' paths are
what the commit's snapshot reads), and checked again under the lock against the
snapshot: if someone attached or removed a file meanwhile, the change is planned
again from the new tip (`carrying`), so no file is ever left behind or lost.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from brotui.core.archive import Archive
from brotui.core.attachments.errors import FolderChanged, refuse
from brotui.core.attachments.messages import msg
from brotui.core.attachments.names import shown
from brotui.core.attachments.paths import folder_of, path_of
from brotui.core.commit import Snapshot
from brotui.core.errors import BrotuiError
from brotui.core.git import parse_tree

T = TypeVar("T")
_FILE_MODES = ("100644", "100755")
_ATTEMPTS = 20


@dataclass(frozen=True)
class Folder:
    """A protocol's attachments folder at a commit: the id of what lies at its path
    (None: nothing) and name -> (mode, oid) of each entry in it."""

    protocol_id: str
    tree: str | None
    entries: dict[str, tuple[str, str]]

    @property
    def path(self) -> str:
        return folder_of(self.protocol_id)

    @property
    def names(self) -> list[str]:
        return sorted(self.entries)

    def paths(self) -> list[str]:
        return [path_of(self.protocol_id, name) for name in self.names]

    def files(self) -> dict[str, str]:
        """name -> blob id of the plain files (what an attachment is)."""
        return {n: oid for n, (mode, oid) in self.entries.items() if mode in _FILE_MODES}

    def require(self, *, links: bool = True, folders: bool = False) -> Folder:
        """The folder, if brotui can carry it: no name with a line break (git's batch
        protocol reads a line per path); unless `folders`, no folder or submodule
        inside it (a commit removes files, not folders); unless `links`, no symbolic link
        (a move would make it a file). A refusal names the entry; nothing was written."""
        for name, (mode, _oid) in sorted(self.entries.items()):
            if "\n" in name or "\r" in name:
                refuse("carry_bad_name", folder=self.path, name=shown(name))
            if (not folders and mode in ("040000", "160000")) or (
                    not links and mode not in (*_FILE_MODES, "040000", "160000")):
                refuse("carry_not_file", folder=self.path, name=shown(name))
        return self

    def check(self, snap: Snapshot) -> None:
        """Under the lock: raise FolderChanged unless the snapshot's tip has the folder as
        it was read (the snapshot reads the council's folder: the protocol is a path)."""
        parent, _, name = self.path.rpartition("/")
        entry = snap.trees.get(parent, {}).get(name.encode())
        if (entry[1] if entry else None) != self.tree:
            raise FolderChanged

    def removed(self) -> dict[str, bytes | None]:
        """Every entry of the folder, deleted."""
        return dict.fromkeys(self.paths())

    def moved(self, snap: Snapshot, new_id: str) -> dict[str, bytes | None]:
        """Every file of the folder deleted here and written under `new_id`'s folder, byte
        for byte what the snapshot's tip holds."""
        out: dict[str, bytes | None] = {}
        for name in self.names:
            old = path_of(self.protocol_id, name)
            out[old] = None
            out[path_of(new_id, name)] = snap.data(old)
        return out


def folder(archive: Archive, protocol_id: str, commit: str | None) -> Folder:
    """A protocol's attachments folder at a commit (empty when there is none), in one
    `cat-file --batch`."""
    if commit is None:
        return Folder(protocol_id, None, {})
    found = archive.git.cat([f"{commit}:{folder_of(protocol_id)}"])[0]
    if found is None:
        return Folder(protocol_id, None, {})
    oid, kind, content = found
    entries = parse_tree(content, len(oid)) if kind == "tree" else {}
    return Folder(protocol_id, oid, {raw.decode("utf-8", "surrogateescape"): entry
                                     for raw, entry in entries.items()})


def contents(archive: Archive, at: Folder) -> dict[str, bytes]:
    """name -> the bytes of each plain file of a folder (what a restore brings back), in
    one `cat-file --batch`: read before the lock, as a restore reads its protocol."""
    files = at.files()
    blobs = archive.git.cat_blobs(files.values())
    return {name: blobs[oid] for name, oid in files.items() if oid in blobs}


def carrying(attempt: Callable[[], T]) -> T:
    """`attempt()` again while the attachments folder it read changed before its lock."""
    for _ in range(_ATTEMPTS):
        try:
            return attempt()
        except FolderChanged:
            continue
    raise BrotuiError(msg("busy"))


def carried_line(names: list[str], lang: str, removed: bool = False) -> str:
    """The commit message's line naming the attachments that went along ("" for none)."""
    if not names:
        return ""
    return "\n" + msg("commit_carried_removed" if removed else "commit_carried", lang,
                      names=", ".join(shown(n) for n in names))
