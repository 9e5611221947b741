"""Attachments (bilagor): the files a protocol refers to, kept with it in the archive.

Where: `protocols/<council>/<date>.files/<name>`, beside the protocol's file, in the
same history. Each add, replace and remove is one commit by the person who did it,
through the archive's one write path (lock, compare-and-swap, recovery); delete, move
and restore of a protocol carry its folder along (brotui.core.ops).

How an entry names a file: an item's `attachments` entry names the attachment whose
file name it is, exactly (`Bildspel.pdf`; compared in Unicode NFC, surrounding spaces
left out). Attaching a file under a name gives an item an entry naming it:
- with `item=N`, item §N: an entry of §N that is the name's stem or the name in any
  case (`Bildspel`, `bildspel.PDF`) becomes the name, else the name is added last;
- without, if some item names the file already (a replace), nothing more;
- else the one item with an entry that is the name's stem, any case (the seed's
  `Bildspel` for `Bildspel.pdf`);
- else, if the protocol has one item, that item;
- else `ItemNeeded` (exit status 2) asks which, its `candidates` the items with a
  stem entry (two of them: which one?) or every item (none names it).
Removing an attachment removes every entry naming it. `check` reports an entry that
names no file and a file no entry names (warnings), and errors for what no attach
would have taken.

Limits a person is told, before anything is written: the size (`.brotui.yaml`:
`attachments: {max_size: 20 MB}`, the default), enforced while reading, so standard
input is never held beyond it; the name (names.py: one rule); the type, from the
content (kinds.py), the name's extension agreeing with it. Nothing in a file is ever
run or opened by a program on the server; a PDF's text is read by PDFium in process
(JavaScript and forms never loaded), for the terminal only.

    result = attach(archive, "hagersten-liljeholmen/2020-02-20", "Bildspel.pdf", data,
                    person, item=3)
    result.commit, result.name, result.kind.label, result.items     # ..., (3,)
    detach(archive, protocol_id, "Bildspel.pdf", person)
    attachments(archive, protocol_id, rev)        # [Attachment(name, size, kind, added...)]
    text(archive, protocol_id, "Bildspel.pdf")    # show with brotui.core.text.visible()
    changes(archive, protocol_id, old_rev, new_rev, old_id=...)   # added/replaced/removed
    history(archive, protocol_id)                 # Archive.history + attachment-only commits
    check(archive)                                # [(path, [Problem, ...]), ...]
    data = read_stream(sys.stdin.buffer, max_bytes(archive.settings))

No Textual here: the command line and the TUI call these functions.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

# Names are loaded from their module when first used (PEP 562): the archive reads
# `paths` on every history and listing, and must not pay for the rest.
_WHERE = {
    "check": "check",
    "AttachmentRefused": "errors", "ItemNeeded": "errors",
    "KINDS": "kinds", "Kind": "kinds", "by_name": "kinds", "recognise": "kinds",
    "DEFAULT_MAX_BYTES": "limits", "max_bytes": "limits", "name_from_path": "limits",
    "parse_size": "limits", "read_path": "limits", "read_stream": "limits",
    "Attachment": "listing", "AttachmentChange": "listing", "attachments": "listing",
    "changes": "listing", "history": "listing", "read": "listing", "text": "listing",
    "MESSAGES": "messages", "msg": "messages",
    "name_message": "names", "safe_name": "names",
    "folder_of": "paths", "is_attachment_path": "paths", "owner_of": "paths",
    "path_of": "paths",
    "Attached": "store", "Detached": "store", "attach": "store", "choose_items": "store",
    "detach": "store",
}
__all__ = [
    "DEFAULT_MAX_BYTES", "KINDS", "MESSAGES", "Attached", "Attachment", "AttachmentChange",
    "AttachmentRefused", "Detached", "ItemNeeded", "Kind", "attach", "attachments", "by_name",
    "changes", "check", "choose_items", "detach", "folder_of", "history", "is_attachment_path",
    "max_bytes", "msg", "name_from_path", "name_message", "owner_of", "parse_size", "path_of",
    "read", "read_path", "read_stream", "recognise", "safe_name", "text",
]


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


if TYPE_CHECKING:
    from brotui.core.attachments.check import check
    from brotui.core.attachments.errors import AttachmentRefused, ItemNeeded
    from brotui.core.attachments.kinds import KINDS, Kind, by_name, recognise
    from brotui.core.attachments.limits import (
        DEFAULT_MAX_BYTES,
        max_bytes,
        name_from_path,
        parse_size,
        read_path,
        read_stream,
    )
    from brotui.core.attachments.listing import (
        Attachment,
        AttachmentChange,
        attachments,
        changes,
        history,
        read,
        text,
    )
    from brotui.core.attachments.messages import MESSAGES, msg
    from brotui.core.attachments.names import name_message, safe_name
    from brotui.core.attachments.paths import folder_of, is_attachment_path, owner_of, path_of
    from brotui.core.attachments.store import (
        Attached,
        Detached,
        attach,
        choose_items,
        detach,
    )
