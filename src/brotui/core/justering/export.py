"""The signatures and corrections an export shows (brotui.core.publish's Minutes), taken
from the archive: each signature with the commit that made it, each correction with its
reason and summary, as the history replays them (history.replay)."""

from __future__ import annotations

from brotui.core.archive import Archive
from brotui.core.justering import history, record
from brotui.core.justering.messages import say
from brotui.core.model import Protocol
from brotui.core.publish.record import Correction, Minutes, Signature


def record_of(archive: Archive, protocol_id: str, lang: str | None = None
              ) -> tuple[tuple[Signature, ...], tuple[Correction, ...]]:
    """The signatures that count (name, role in words, date, commit) and the corrections
    of a protocol at the branch's tip."""
    r = history.replay(archive, protocol_id)
    sigs = tuple(Signature(m.record.name, _role(m.record, lang), m.record.date, m.commit.oid)
                 for m in r.counted() if m.record.date is not None)
    corrs = tuple(Correction(c.record.date, c.record.who, c.record.reason, c.record.summary)
                  for c in r.corrections if c.record.date is not None)
    return sigs, corrs


def _role(r: record.SignatureRecord, lang: str | None) -> str:
    role = say("role_" + r.role, lang) if r.role in record.ROLES else r.role
    role = role[:1].upper() + role[1:]
    return f"{role}, § {r.item_label}" if r.item is not None else role


def minutes(archive: Archive, protocol_id: str, rev: str | None = None,
            lang: str | None = None) -> Minutes:
    """The Minutes to export for a protocol at `rev` (default: the tip), with its record."""
    revision = archive.read(protocol_id, rev)
    protocol: Protocol = archive.load(protocol_id, revision.commit)
    sigs, corrs = recorded(archive, protocol_id, revision.commit, lang, protocol)
    return Minutes(protocol_id, protocol, revision.commit, sigs, corrs)


def recorded(archive: Archive, protocol_id: str, commit: str, lang: str | None = None,
             protocol: Protocol | None = None
             ) -> tuple[tuple[Signature, ...], tuple[Correction, ...]]:
    """The signatures and corrections of a protocol as they stood at `commit`: those of
    the tip, and at an older revision only what was recorded by then (the history is
    replayed: callers skip it for minutes that are a draft)."""
    sigs, corrs = record_of(archive, protocol_id, lang)
    if commit != archive.tip():
        protocol = protocol or archive.load(protocol_id, commit)
        sigs = tuple(s for s in sigs if s.commit and archive.is_ancestor(s.commit, commit))
        corrs = corrs[:len(record.corrections(protocol))]
    return sigs, corrs
