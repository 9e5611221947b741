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

from brotui.core.justering import record
from brotui.core.justering.messages import say
from brotui.core.model import Protocol


def _grows(before: object, after: object) -> int | None:
    """How many entries `after` appends to `before` (lists); None if it rewrites them."""
    old = before if isinstance(before, list) else ([] if before is None else [before])
    new = after if isinstance(after, list) else ([] if after is None else [after])
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
    corrections = _grows(record.raw(old, record.CORRECTIONS_KEY),
                         record.raw(new, record.CORRECTIONS_KEY))
    if corrections is None:
        from brotui.core.sync.messages import say as sync_say

        return sync_say("approved_corrections_rewritten", lang)
    signed = _grows(record.raw(old, record.SIGNATURES_KEY), record.raw(new, record.SIGNATURES_KEY))
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
