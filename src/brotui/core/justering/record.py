"""The justering records of a protocol, read and written in this one module.

Three top-level keys of the protocol's YAML (carried in `Protocol.extra` until
brotui.core.schema declares them; moving them there changes only this file):

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
"""

from __future__ import annotations

import copy
import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from brotui.core.model import Protocol

PLAN_KEY, CORRECTIONS_KEY, SIGNATURES_KEY = "justering", "corrections", "signatures"
KEYS = (PLAN_KEY, CORRECTIONS_KEY, SIGNATURES_KEY)
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


def _date(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            return None
    return None


def _text(value: Any) -> str:
    return value if isinstance(value, str) else "" if value is None else str(value)


def _entries(p: Protocol, key: str) -> list[dict[str, Any]]:
    value = p.extra.get(key)
    return [e for e in value if isinstance(e, dict)] if isinstance(value, list) else []


def plan(p: Protocol) -> Plan:
    value = p.extra.get(PLAN_KEY)
    if not isinstance(value, dict):
        return Plan()
    place = value.get("place")
    return Plan(_date(value.get("date")), place if isinstance(place, str) else None)


def signatures(p: Protocol) -> list[SignatureRecord]:
    """The signatures the protocol records, in order (malformed entries left out)."""
    out = []
    for e in _entries(p, SIGNATURES_KEY):
        item = e.get("item")
        out.append(SignatureRecord(_text(e.get("name")), _text(e.get("role")),
                                   _date(e.get("date")), _text(e.get("content")),
                                   item if isinstance(item, int) and not isinstance(item, bool)
                                   else None))
    return out


def corrections(p: Protocol) -> list[CorrectionRecord]:
    out = []
    for e in _entries(p, CORRECTIONS_KEY):
        changes = e.get("changes")
        lines = tuple(_text(c) for c in changes) if isinstance(changes, list) else (
            (_text(changes),) if changes else ())
        out.append(CorrectionRecord(_date(e.get("date")), _text(e.get("who")),
                                    _text(e.get("reason")), lines))
    return out


def raw(p: Protocol, key: str) -> Any:
    """A record as the file holds it (for comparing two versions exactly)."""
    return p.extra.get(key)


def shape_problems(p: Protocol) -> list[tuple[str, str]]:
    """(key, shape) of each record that is not of the shape it should be."""
    out = []
    if PLAN_KEY in p.extra and not isinstance(p.extra[PLAN_KEY], dict):
        out.append((PLAN_KEY, "map"))
    for key in (CORRECTIONS_KEY, SIGNATURES_KEY):
        value = p.extra.get(key)
        if key in p.extra and not (isinstance(value, list)
                                   and all(isinstance(e, dict) for e in value)):
            out.append((key, "list"))
    return out


def _sig_tree(s: SignatureRecord) -> dict[str, Any]:
    out: dict[str, Any] = {"name": s.name, "role": s.role}
    if s.date:
        out["date"] = s.date
    out["content"] = s.content
    if s.item is not None:
        out["item"] = s.item
    return out


def _correction_tree(c: CorrectionRecord) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if c.date:
        out["date"] = c.date
    out.update(who=c.who, reason=c.reason)
    if c.changes:
        out["changes"] = list(c.changes)
    return out


def _ordered(p: Protocol, updates: dict[str, Any]) -> Protocol:
    """A copy of `p` with records replaced, the others' keys kept in their order and the
    records after them: plan, corrections, then signatures last."""
    out = copy.copy(p)
    extra = {k: v for k, v in p.extra.items() if k not in KEYS}
    for key in KEYS:
        value = updates[key] if key in updates else p.extra.get(key)
        if value not in (None, []):
            extra[key] = value
    out.extra = extra
    return out


def with_signature(p: Protocol, s: SignatureRecord) -> Protocol:
    """`p` with one more signature (the earlier ones exactly as they were)."""
    before = p.extra.get(SIGNATURES_KEY)
    kept = list(before) if isinstance(before, list) else []
    return _ordered(p, {SIGNATURES_KEY: [*kept, _sig_tree(s)]})


def with_correction(p: Protocol, c: CorrectionRecord) -> Protocol:
    before = p.extra.get(CORRECTIONS_KEY)
    kept = list(before) if isinstance(before, list) else []
    return _ordered(p, {CORRECTIONS_KEY: [*kept, _correction_tree(c)]})


def with_records_of(p: Protocol, source: Protocol) -> Protocol:
    """`p` (a corrected text) carrying `source`'s records as they are: a correction
    cannot change the plan, the signatures or the earlier corrections."""
    return _ordered(p, {key: source.extra.get(key) for key in KEYS})


def with_plan(p: Protocol, new: Plan) -> Protocol:
    value: dict[str, Any] = {}
    if new.date:
        value["date"] = new.date
    if new.place:
        value["place"] = new.place
    return _ordered(p, {PLAN_KEY: value or None})


def without_records(p: Protocol) -> Protocol:
    """The protocol's text alone: no justering records, the status neutral."""
    out = copy.copy(p)
    out.extra = {k: v for k, v in p.extra.items() if k not in KEYS}
    out.status = "draft"
    return out


def without_signatures(p: Protocol) -> Protocol:
    """The protocol as a signature signs it: no signature record, the status neutral."""
    out = _ordered(p, {SIGNATURES_KEY: None})
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
