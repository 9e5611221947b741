"""Where a protocol's attachments lie: `protocols/<council>/<date>.files/<name>`."""

from __future__ import annotations

from brotui.core.model import parse_id

FOLDER_SUFFIX = ".files"


def folder_of(protocol_id: str) -> str:
    """The attachments folder of a (well-formed) id, beside its file."""
    return f"protocols/{protocol_id}{FOLDER_SUFFIX}"


def path_of(protocol_id: str, name: str) -> str:
    """The path of one attachment of a protocol."""
    return f"{folder_of(protocol_id)}/{name}"


def owner_of(path: str) -> str | None:
    """The id of the protocol whose attachments folder holds `path` (anything in it, also
    deeper down), None if `path` is not inside such a folder."""
    parts = path.split("/")
    if len(parts) < 4 or parts[0] != "protocols" or not parts[2].endswith(FOLDER_SUFFIX):
        return None
    protocol_id = f"{parts[1]}/{parts[2][:-len(FOLDER_SUFFIX)]}"
    return protocol_id if parse_id(protocol_id) else None


def is_attachment_path(path: str) -> bool:
    """Whether a path of the archive lies in a protocol's attachments folder (so it is no
    protocol of its own and the archive's list leaves it out)."""
    return owner_of(path) is not None
