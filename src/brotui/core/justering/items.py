"""What a signature of one item signs ("omedelbar justering"): the item written alone.

Apart from record.py because it writes YAML: record is read by render (the minutes
show their signatures), which sits beside codec in the core's layers, not above it."""

from __future__ import annotations

from brotui.core import codec
from brotui.core.justering.record import blob_id
from brotui.core.model import Item, Protocol


def item_content_id(item: Item) -> str:
    """The content of one item, for "omedelbar justering": the item written alone."""
    alone = Protocol(schema=None, status="draft", items=[item])
    return blob_id(codec.dump(alone).encode("utf-8"))
