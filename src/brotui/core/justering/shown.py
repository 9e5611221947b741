"""The justering as lines of the minutes people read (`brotui show`, the view): the
planned justering, the signatures recorded (name, role, date, what was signed) and the
corrections (date, who, reason, what changed). Spans use brotui.core.render's roles."""

from __future__ import annotations

from brotui.core.justering import record
from brotui.core.justering.messages import say
from brotui.core.model import Protocol

Line = list[tuple[str, str]]


def lines(p: Protocol) -> list[Line]:
    out: list[Line] = []
    plan = record.plan(p)
    if plan.date or plan.place:
        where = ", ".join(x for x in (plan.date.isoformat() if plan.date else "",
                                      plan.place or "") if x)
        out += [[], [("label", f"{say('label_plan')}: "), ("text", where)]]
    sigs = record.signatures(p)
    if sigs:
        out += [[], [("title", say("label_signatures"))]]
        for s in sigs:
            role = say("role_" + s.role) if s.role in record.ROLES else s.role
            if s.item is not None:
                role = f"{role}, § {s.item_label}"
            when = s.date.isoformat() if s.date else "?"
            out.append([("text", f"  {s.name}"), ("muted", f" ({role}) {when} "),
                        ("muted", s.content[:12])])
    corrections = record.corrections(p)
    if corrections:
        out += [[], [("title", say("label_corrections"))]]
        for i, c in enumerate(corrections, 1):
            when = c.date.isoformat() if c.date else "?"
            out.append([("text", f"  {i}. {when} {c.who}: "), ("text", c.reason)])
            out += [[("muted", f"     {change}")] for change in c.changes]
    return out
