"""A correction (rättelse) of justerade minutes: a reason, its own commit, and a record
in the protocol itself (date, who, reason, the field-level summary of what changed).

The corrected text comes whole (as `put` takes it); its justering records are the
approved protocol's, whatever the given file says of them, so a correction can change
the text but never the signatures, the plan or the earlier corrections. Who signs it
again is the archive's setting (`.brotui.yaml` `justering: {resign: chair|all|none}`,
default the chair): they sign with `brotui sign` as for the approval.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from brotui.core.archive import Archive, validate_id
from brotui.core.commit import Snapshot, commit_change
from brotui.core.errors import BrotuiError
from brotui.core.identity import Identity
from brotui.core.justering import record, state
from brotui.core.justering.messages import say
from brotui.core.justering.record import CorrectionRecord
from brotui.core.justering.sign import _checked, _protocol, text_changes, trailers
from brotui.core.model import Protocol, id_to_path
from brotui.core.values import Write
from brotui.i18n import speaking


@dataclass(frozen=True)
class Corrected:
    id: str
    commit: str | None
    record: CorrectionRecord
    number: int
    resign: tuple[state.Signer, ...]  # who is to sign the corrected text


def summary(old: Protocol, new: Protocol) -> list[str]:
    """What a correction changes, one line per change (core.fielddiff), records left out."""
    return text_changes(old, new)


def correct(archive: Archive, protocol_id: str, corrected: Protocol, reason: str,
            author: Identity, base: str | None = None,
            today: dt.date | None = None) -> Corrected:
    """Save a correction of approved minutes as one commit by `author`."""
    validate_id(protocol_id)
    reason = " ".join(reason.split())
    if not reason:
        raise BrotuiError(say("need_reason"))
    path = id_to_path(protocol_id)
    lang = archive.language
    policy = state.resign_policy(archive.settings)
    today = today or dt.date.today()
    out: dict[str, Corrected] = {}

    def plan(snap: Snapshot) -> Write:
        data = snap.data(path)
        old = _protocol(protocol_id, data, archive)
        if old.status != state.APPROVED:
            label = say("state_" + old.status) if old.status in (state.DRAFT, state.REVIEW) \
                else old.status
            raise BrotuiError(say("not_approved", id=protocol_id, state=label))
        new = record.with_records_of(corrected, old)
        new.status = state.APPROVED
        with speaking(lang):  # the record is the archive's, in its language
            changes = summary(old, new)
        if not changes:
            raise BrotuiError(say("no_change"))
        entry = CorrectionRecord(today, author.name, reason, tuple(changes))
        new = record.with_correction(new, entry)
        new_data = _checked(protocol_id, new)
        number = len(record.corrections(new))
        who = state.resigners(new, policy)
        body = "\n".join([say("commit_reason", lang, reason=reason), "", *changes])
        message = (f"{say('commit_correct', lang, id=protocol_id)}\n\n{body}\n\n"
                   f"{trailers(protocol_id, correction=number)}")
        out["done"] = Corrected(protocol_id, None, entry, number, who)
        return Write({path: new_data}, message)

    result = commit_change(archive, protocol_id, [path], plan, author, base=base)
    done = out["done"]
    return Corrected(done.id, result.commit, done.record, done.number, done.resign)
