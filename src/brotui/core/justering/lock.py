"""The lock: justerade minutes refuse every ordinary write (save, put, mv, rm, restore,
and the merge of a save), with a sentence saying so and how to correct them.

`refuse(protocol_id, data, new)` is the one check; ops calls it with the file as the
write found it (its snapshot, under the archive's lock, where it can) and sign/correct
are the only writes that go around it. An item approved at once ("omedelbar justering")
is locked on its own: a save that changes it is refused, the rest may change.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from brotui.core.errors import BrotuiError
from brotui.core.justering.messages import say
from brotui.core.model import Item, Protocol

if TYPE_CHECKING:
    from brotui.core.archive import Archive


class Locked(BrotuiError):
    """The protocol is justerat (or the item approved at once): exit 1, nothing written."""

    def __init__(self, message: str, protocol_id: str) -> None:
        super().__init__(message)
        self.id = protocol_id


def _load(data: bytes | None) -> Protocol | None:
    if not data:
        return None
    from brotui.core import codec

    return codec.load(data).protocol


def refuse(protocol_id: str, data: bytes | None, new: Protocol | None = None) -> None:
    """Raise Locked if the protocol whose file is `data` (None: there is none) is
    justerat; or if `new` changes an item of it that was approved at once."""
    if data is None:
        return
    if b"approved" not in data and b"item:" not in data and (
            new is None or new.status != "approved"):
        return  # the common case costs a byte search, not a YAML parse
    old = _load(data)
    if old is None:
        return
    if old.status == "approved":
        raise Locked(say("locked", id=protocol_id), protocol_id)
    if new is None:
        return
    if new.status == "approved":
        raise Locked(say("approve_by_signing", id=protocol_id), protocol_id)
    from brotui.core.justering.state import item_locked

    for item in old.items:
        if item.number is None or not item_locked(old, item):
            continue
        now = next((i for i in new.items if i.key == item.key), None)
        if now is None or _item_text(now) != _item_text(item):
            raise Locked(say("locked_item", id=protocol_id, number=item.label), protocol_id)


def _item_text(item: Item) -> tuple[object, ...]:
    from dataclasses import astuple

    return astuple(item)


def refuse_at_tip(archive: Archive, protocol_id: str, new: Protocol | None = None) -> None:
    """`refuse` for the protocol as the branch's tip has it."""
    from brotui.core.model import id_to_path

    tip = archive.tip()
    found = archive.git.cat([f"{tip}:{id_to_path(protocol_id)}"])[0] if tip else None
    refuse(protocol_id, found[2] if found is not None and found[1] == "blob" else None, new)
