"""Which changes justerade minutes may take: the one rule for this archive's writes and
the central server's hook (brotui.core.hook.approved_change_problem calls it).

A change from approved `old` to `new` may only:
- append signatures (the earlier ones untouched) and change nothing else: a signature,
  e.g. the chair's on a correction; or
- append one correction record (the earlier ones untouched), the signatures as they
  were: a rättelse, which may change the text.
The status stays approved; deleting the protocol is refused.
"""

from __future__ import annotations

from typing import Any

from brotui.core.justering import record
from brotui.core.justering.messages import say
from brotui.core.model import Protocol


def _grows(old: list[Any], new: list[Any]) -> int | None:
    """How many entries `new` appends to `old`; None if it rewrites them."""
    if new[:len(old)] != old:
        return None
    return len(new) - len(old)


def approved_change_problem(old: Protocol, new: Protocol | None,
                            lang: str | None = None) -> str | None:
    """Why `old` (if approved) may not become `new` (None: deleted); None if it may."""
    if old.status != "approved":
        return None
    if new is None:
        from brotui.core.sync.messages import say as sync_say

        return sync_say("approved_deleted", lang)
    corrections = _grows(old.corrections, new.corrections)
    if corrections is None:
        from brotui.core.sync.messages import say as sync_say

        return sync_say("approved_corrections_rewritten", lang)
    signed = _grows(old.signatures, new.signatures)
    if signed is None:
        return say("approved_signatures_rewritten", lang)
    if new.status != "approved":
        return say("approved_unapproved", lang)
    if corrections > 1:
        return say("approved_many_corrections", lang)
    if corrections == 1:
        return None if signed == 0 else say("approved_signatures_rewritten", lang)
    if _text(old) == _text(new):
        return None
    from brotui.core.sync.messages import say as sync_say

    return sync_say("approved_changed", lang)


def _text(p: Protocol) -> Protocol:
    return record.without_signatures(p)
