"""The justering records of a protocol, read and written through this one module.

Three top-level keys of the protocol's YAML, declared in brotui.core.schema
(JUSTERING_PLAN, CORRECTION, SIGNATURE; the model's JusteringPlan, Correction,
Signature), so the codec, validate, merge, fielddiff and blame know them; written
after any key brotui does not know, `signatures:` last:

    justering:                 # optional: when and where approval is planned
      date: 2020-03-05
      place: Kommunhuset
    corrections:               # rättelser, oldest first, each its own commit
    - date: 2020-04-01
      who: Anna Ek
      reason: Fel datum i § 4
      changes:
      - "§4 text: ..."
    signatures:                # always the last key: what is signed is the file without it
    - name: Anna Ek
      role: chair              # chair | adjuster
      date: 2020-03-05
      content: 3b18e512...     # blob id of the file without `status:` and `signatures:`
      item: 4                  # only for "omedelbar justering" of one item

What a signature signs (`content_id`): the canonical file with its top-level `status:`
line and its `signatures:` block taken out, as a git blob id. So anyone can check it
with git alone: `git show C:path | sed '/^status:/d; /^signatures:/,$d' | git hash-object
--stdin`. An item's own content is the blob id of that item written alone.

The views below (Plan, SignatureRecord, CorrectionRecord) are frozen and never None
where the file may leave a value out; only sign and correct write records.
"""

from __future__ import annotations

import copy
import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from brotui.core.model import Correction, JusteringPlan, Protocol, Signature, item_label

PLAN_KEY, CORRECTIONS_KEY, SIGNATURES_KEY = "justering", "corrections", "signatures"
CHAIR, ADJUSTER = "chair", "adjuster"
ROLES = (CHAIR, ADJUSTER)
TAG_PREFIX = "justerat/"
_SIGNATURES_BLOCK = re.compile(rb"^signatures:.*\Z", re.M | re.S)
_STATUS_LINE = re.compile(rb"^status:[^\n]*\n", re.M)


@dataclass(frozen=True)
class Plan:
    """When and where approval is planned (decided at the meeting)."""

    date: dt.date | None = None
    place: str | None = None


@dataclass(frozen=True)
class SignatureRecord:
    """One signature as the protocol records it: who, as what, when, on which content
    (a blob id, see content_id), and for "omedelbar justering" which item."""

    name: str
    role: str
    date: dt.date | None
    content: str
    item: int | None = None
    letter: str | None = None  # of an extra item ("17 a")

    def on(self, item: Any) -> bool:
        """Whether this is a signature of `item` (a model.Item): its number and letter."""
        return self.item is not None and self.item == item.number \
            and (self.letter or None) == (item.letter or None)

    @property
    def item_label(self) -> str | None:
        """The item signed, as people write it ("17", "17 a"), None for the minutes."""
        return item_label(self.item, self.letter) if self.item is not None else None


@dataclass(frozen=True)
class CorrectionRecord:
    """One correction (rättelse): when, by whom, why, and what changed (one line each)."""

    date: dt.date | None
    who: str
    reason: str
    changes: tuple[str, ...] = field(default_factory=tuple)

    @property
    def summary(self) -> str:
        return "; ".join(self.changes)


def plan(p: Protocol) -> Plan:
    value = p.justering
    return Plan(value.date, value.place) if value is not None else Plan()


def signatures(p: Protocol) -> list[SignatureRecord]:
    """The signatures the protocol records, in order."""
    return [SignatureRecord(s.name or "", s.role or "", s.date, s.content or "", s.item,
                            s.letter) for s in p.signatures]


def corrections(p: Protocol) -> list[CorrectionRecord]:
    return [CorrectionRecord(c.date, c.who or "", c.reason or "", tuple(c.changes))
            for c in p.corrections]


def with_signature(p: Protocol, s: SignatureRecord) -> Protocol:
    """`p` with one more signature (the earlier ones exactly as they were)."""
    out = copy.copy(p)
    out.signatures = [*p.signatures, Signature(s.name, s.role, s.date, s.content, s.item,
                                                 s.letter)]
    return out


def with_correction(p: Protocol, c: CorrectionRecord) -> Protocol:
    out = copy.copy(p)
    out.corrections = [*p.corrections, Correction(c.date, c.who, c.reason, list(c.changes))]
    return out


def with_records_of(p: Protocol, source: Protocol) -> Protocol:
    """`p` (a corrected text) carrying `source`'s records as they are: a correction
    cannot change the plan, the signatures or the earlier corrections."""
    out = copy.copy(p)
    out.justering = copy.deepcopy(source.justering)
    out.corrections = copy.deepcopy(source.corrections)
    out.signatures = copy.deepcopy(source.signatures)
    return out


def with_plan(p: Protocol, new: Plan) -> Protocol:
    out = copy.copy(p)
    kept = p.justering.extra if p.justering is not None else {}
    out.justering = JusteringPlan(new.date, new.place or None, dict(kept)) \
        if new.date or new.place or kept else None
    return out


def without_records(p: Protocol) -> Protocol:
    """The protocol's text alone: no justering records, the status neutral."""
    out = copy.copy(p)
    out.justering, out.corrections, out.signatures = None, [], []
    out.status = "draft"
    return out


def without_signatures(p: Protocol) -> Protocol:
    """The protocol as a signature signs it: no signature record, the status neutral."""
    out = copy.copy(p)
    out.signatures = []
    out.status = "draft"
    return out


def tag_name(protocol_id: str) -> str:
    """The annotated tag that marks the commit approving a protocol."""
    return TAG_PREFIX + protocol_id


# ------------------------------------------------------------------ content ids


def blob_id(data: bytes) -> str:
    """git's id of a blob with these bytes (SHA-1; what `git hash-object` says)."""
    import hashlib  # (only here: every command imports this module through render)

    return hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()


def signed_bytes(data: bytes) -> bytes:
    """A protocol file as a signature signs it: without the top-level `status:` line and
    the `signatures:` block (canonical files write it last)."""
    return _STATUS_LINE.sub(b"", _SIGNATURES_BLOCK.sub(b"", data), count=1)


def content_id(data: bytes) -> str:
    """The content a signature on this file signs (see the module's text)."""
    return blob_id(signed_bytes(data))
