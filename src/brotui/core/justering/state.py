"""Where a protocol stands in its justering: who must sign, who has signed this text,
who is missing, whether it is late (the 14-day rule), and what validation says of it.

Pure functions of the protocol and its file's bytes: the list, the view, the command
line and the sign/correct use cases all ask here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from brotui.core.justering import record
from brotui.core.justering.messages import say
from brotui.core.justering.record import ADJUSTER, CHAIR, SignatureRecord
from brotui.core.model import Item, Protocol
from brotui.core.problems import WARNING, Problem
from brotui.i18n import Msg

DRAFT, REVIEW, APPROVED = "draft", "review", "approved"
LIMIT_DAYS = 14
RESIGN_CHOICES = ("chair", "all", "none")


@dataclass(frozen=True)
class Signer:
    """A person who must sign: the name of an attendee and the role."""

    name: str
    role: str  # record.CHAIR or record.ADJUSTER

    def said(self, lang: str | None = None) -> str:
        return f"{self.name} ({say('role_' + self.role, lang)})"


@dataclass(frozen=True)
class State:
    """A protocol's justering as the list and the view show it."""

    status: str
    signers: tuple[Signer, ...]
    content: str  # what a signature now would sign (record.content_id)
    signed: tuple[tuple[Signer, SignatureRecord], ...]  # valid on this text
    missing: tuple[Signer, ...]  # of the signers, who has not signed this text
    stale: tuple[tuple[Signer, SignatureRecord], ...]  # signed an older text only
    approved_on: dt.date | None  # the last required signature's date, if approved
    late: bool  # in review, and past 14 days after the meeting (or planned so)
    plan: record.Plan
    awaiting: tuple[Signer, ...] = ()  # approved, a correction not yet signed by these
    items: dict[str, tuple[Signer, ...]] = field(default_factory=dict)  # "17 a" -> signed it

    @property
    def complete(self) -> bool:
        return bool(self.signers) and not self.missing

    def label(self, lang: str | None = None) -> str:
        """utkast / för justering (signerat: …; saknas: …) / justerat 2020-03-05."""
        name = say("state_" + self.status, lang) if self.status in (DRAFT, REVIEW, APPROVED) \
            else self.status
        if self.status == REVIEW:
            signed = ", ".join(s.name for s, _ in self.signed) or say("nobody", lang)
            missing = ", ".join(s.name for s in self.missing) or say("nobody", lang)
            return f"{name} ({say('state_signed_missing', lang, signed=signed, missing=missing)})"
        if self.status == APPROVED and self.approved_on:
            return say("state_approved_on", lang, date=self.approved_on.isoformat())
        return name

    def as_json(self) -> dict[str, Any]:
        return {
            "status": self.status, "content": self.content,
            "signers": [{"name": s.name, "role": s.role} for s in self.signers],
            "signed": [{"name": s.name, "role": s.role,
                        "date": r.date.isoformat() if r.date else None} for s, r in self.signed],
            "missing": [{"name": s.name, "role": s.role} for s in self.missing],
            "stale": [s.name for s, _ in self.stale],
            "approved_on": self.approved_on.isoformat() if self.approved_on else None,
            "late": self.late, "awaiting": [s.name for s in self.awaiting],
        }


def signers(p: Protocol) -> tuple[Signer, ...]:
    """Who must sign: the chair, then each adjuster (each person once)."""
    out: list[Signer] = []
    if p.chair and p.chair.strip():
        out.append(Signer(p.chair, CHAIR))
    for name in p.adjusters:
        if name and name.strip() and all(s.name != name for s in out):
            out.append(Signer(name, ADJUSTER))
    return tuple(out)


def signer_named(p: Protocol, name: str) -> Signer | None:
    return next((s for s in signers(p) if s.name == name.strip()), None)


def resign_policy(settings: dict[str, Any]) -> str:
    """Who signs a correction again (`.brotui.yaml`: `justering: {resign: chair|all|none}`);
    default: the chair."""
    value = settings.get("justering")
    resign = value.get("resign") if isinstance(value, dict) else None
    return resign if resign in RESIGN_CHOICES else "chair"


def resigners(p: Protocol, policy: str) -> tuple[Signer, ...]:
    every = signers(p)
    if policy == "all":
        return every
    if policy == "chair":
        return tuple(s for s in every if s.role == CHAIR)
    return ()


def deadline(p: Protocol) -> dt.date | None:
    return p.date + dt.timedelta(days=LIMIT_DAYS) if p.date else None


def state_of(p: Protocol, data: bytes, today: dt.date | None = None,
             policy: str = "chair") -> State:
    """The protocol's state; `data` its file's bytes (the content signed is taken from
    them), `policy` the archive's resign setting."""
    from brotui.core.justering.items import item_content_id  # (YAML: not on a warm list)
    content = record.content_id(data)
    who = signers(p)
    sigs = [s for s in record.signatures(p) if s.item is None]
    signed, stale = [], []
    for s in who:
        mine = [r for r in sigs if r.name == s.name and r.role == s.role]
        valid = [r for r in mine if r.content == content]
        if valid:
            signed.append((s, valid[-1]))
        elif mine:
            stale.append((s, mine[-1]))
    missing = tuple(s for s in who if all(x != s for x, _ in signed))
    approved_on = None
    plan = record.plan(p)
    awaiting: tuple[Signer, ...] = ()
    if p.status == APPROVED:
        first = _approval_signatures(p, sigs)
        approved_on = max((r.date for r in first if r.date), default=None)
        if record.corrections(p):
            awaiting = tuple(s for s in resigners(p, policy)
                             if all(x != s for x, _ in signed))
    today = today or dt.date.today()
    limit = deadline(p)
    late = p.status == REVIEW and limit is not None and today > limit
    items: dict[str, tuple[Signer, ...]] = {}
    for item in p.items:
        if item.number is None:
            continue
        content_item = item_content_id(item) if any(
            r.on(item) for r in record.signatures(p)) else ""
        by = tuple(s for s in who if any(r.on(item) and r.name == s.name
                                         and r.role == s.role and r.content == content_item
                                         for r in record.signatures(p)))
        if by:
            items[item.label] = by
    return State(p.status, who, content, tuple(signed), missing, tuple(stale), approved_on,
                 late, plan, awaiting, items)


def _approval_signatures(p: Protocol, sigs: list[SignatureRecord]) -> list[SignatureRecord]:
    """The signatures that approved the text: before the first correction, those on the
    content they all share (the last signer's)."""
    if not sigs:
        return []
    by_content: dict[str, list[SignatureRecord]] = {}
    for r in sigs:
        by_content.setdefault(r.content, []).append(r)
    need = {(s.name, s.role) for s in signers(p)}
    for group in by_content.values():
        if need <= {(r.name, r.role) for r in group}:
            return group
    return sigs


def item_locked(p: Protocol, item: Item | int | str) -> bool:
    """Whether an item (an Item of `p`, or its key: 17, "17a") was approved at once
    ("omedelbar justering") by every signer."""
    who = signers(p)
    if not isinstance(item, Item):
        found = next((i for i in p.items if i.key == item), None)
        if found is None:
            return False
        item = found
    if not who:
        return False
    sigs = [r for r in record.signatures(p) if r.on(item)]
    contents = {r.content for r in sigs}
    return any(all(any(r.name == s.name and r.content == c for r in sigs) for s in who)
               for c in contents)


def problems(p: Protocol, lines: dict[str, int] | None = None,
             today: dt.date | None = None) -> list[Problem]:
    """What validation says of the justering: a protocol for review (or approved) needs a
    chair (an error, field `chair`); approval planned more than 14 days after the meeting
    (a warning, field `justering.date`); records of the wrong shape (warnings)."""
    lines = lines or {}
    out: list[Problem] = []
    if p.status in (REVIEW, APPROVED) and not (p.chair or "").strip():
        out.append(Problem("chair", lines.get("chair") or lines.get("status"),
                           Msg.of("review_needs_chair")))
    planned = record.plan(p).date
    limit = deadline(p)
    if planned and limit and planned > limit:
        path = "justering.date"
        out.append(Problem(path, lines.get(path) or lines.get("justering"),
                           Msg.of("late_plan", planned=planned.isoformat(),
                               date=p.date.isoformat() if p.date else "?"), WARNING))
    return out
