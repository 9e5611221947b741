"""Three-way merge of protocols: two people's edits of the same starting version.

The merge works on the model, not on lines of text: entries are matched as the
field-level diff matches them (attendees by name, items by number and title,
next meetings by date), and each field is merged on its own. A field changed by
one side takes that side's value; changed by both to the same value, that
value; changed by both differently, it is a conflict. An entry removed by one
side and changed by the other is a conflict too.

`merge(base, mine, theirs)` gives the merged protocol, with "mine" in every
conflicting place, and the list of conflicts. `resolve()` applies the choices a
person made for each conflict.
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from brotui.core.fielddiff import attendee_text, meeting_text
from brotui.core.matching import item_label, matcher, name_of
from brotui.core.model import Attendee, Correction, Item, Meeting, Protocol, Signature
from brotui.core.schema import PROTOCOL, Kind, Place
from brotui.i18n import t

_MISSING = object()  # a key absent from an `extra` map


@dataclass(eq=False)
class FieldConflict:
    """One place both sides changed differently. `base`, `mine`, `theirs` are the
    values there (None: absent or removed); `place` is where it is, which `label`
    names for people in the language they read when it is shown.

    The place is `owner.attr` (or `owner.extra[attr]`) in the merged protocol; for a
    whole entry removed by one side and changed by the other, `owner` is the entry
    and `attr` None: `in_list` says whether the merge holds it (mine kept it)."""

    place: Place
    base: Any
    mine: Any
    theirs: Any
    owner: Any
    attr: str | None = None
    in_extra: bool = False
    list_name: str | None = None
    in_list: bool = True

    @property
    def label(self) -> str:
        return self.place.label()

    @property
    def is_text(self) -> bool:
        """A plain text field, which a person may also edit by hand to resolve."""
        return self.attr is not None and not self.in_extra and all(
            v is None or isinstance(v, str) for v in (self.base, self.mine, self.theirs))


@dataclass
class Merged:
    protocol: Protocol  # the merge, with "mine" wherever there is a conflict
    conflicts: list[FieldConflict] = field(default_factory=list)

    @property
    def clean(self) -> bool:
        return not self.conflicts


class _Merger:
    def __init__(self) -> None:
        self.conflicts: list[FieldConflict] = []

    def value(self, owner: Any, attr: str, place: Place, b: Any, m: Any, t: Any,
              in_extra: bool = False) -> Any:
        if m == t:
            return m
        if m == b:
            return t
        if t == b:
            return m
        self.conflicts.append(FieldConflict(place, _none(b), _none(m), _none(t), owner, attr,
                                            in_extra))
        return m

    def extra(self, owner: Any, label: Callable[[str], Place], b: dict[str, Any],
              m: dict[str, Any], t: dict[str, Any]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key in dict.fromkeys([*m, *t, *b]):
            v = self.value(owner, key, label(key), b.get(key, _MISSING), m.get(key, _MISSING),
                           t.get(key, _MISSING), in_extra=True)
            if v is not _MISSING:
                out[key] = v
        return out

    def fields(self, label: Callable[[str], Place], b: Any, m: Any, t: Any,
               names: Sequence[str]) -> Any:
        """A dataclass merged field by field (b may be None: both sides added it)."""
        out = copy.deepcopy(m)
        for name in names:
            base = getattr(b, name) if b is not None else _MISSING
            setattr(out, name, self.value(out, name, label(name), base, getattr(m, name),
                                          getattr(t, name)))
        out.extra = self.extra(out, label, b.extra if b is not None else {}, m.extra, t.extra)
        return out

    def entries(self, list_name: str, kind: str, b: list[Any], m: list[Any], t: list[Any],
                match: Callable[[Sequence[Any], Sequence[Any]],
                                list[tuple[int | None, int | None]]],
                names: Sequence[str], name_of: Callable[[Any], str | None]) -> list[Any]:
        """A list of entries: matched to the base on each side, merged entry by entry.
        The order is mine, or theirs if only they reordered; entries only one side has
        go after the entry they follow on that side."""
        to_mine = {i: j for i, j in match(b, m) if i is not None and j is not None}
        to_theirs = {i: k for i, k in match(b, t) if i is not None and k is not None}
        new_m = [j for j in range(len(m)) if j not in to_mine.values()]
        new_t = [k for k in range(len(t)) if k not in to_theirs.values()]
        both = {new_m[x]: new_t[y] for x, y in match([m[j] for j in new_m],
                                                      [t[k] for k in new_t])
                if x is not None and y is not None}  # added on both sides: one entry
        units: list[tuple[int | None, int | None, int | None]] = [
            (i, to_mine.get(i), to_theirs.get(i)) for i in range(len(b))]
        units += [(None, j, both.get(j)) for j in new_m]
        units += [(None, None, k) for k in new_t if k not in both.values()]

        def label(entry: Any) -> Callable[[str], Place]:
            return lambda name: Place(kind, name_of(entry), name)

        merged: dict[int, Any] = {}  # unit -> merged entry
        for u, (i, j, k) in enumerate(units):
            if j is not None and k is not None:
                merged[u] = self.fields(label(m[j]), b[i] if i is not None else None,
                                        m[j], t[k], names)
            elif i is None:  # added by one side
                merged[u] = copy.deepcopy(m[j] if j is not None else t[k])  # type: ignore[index]
            elif j is not None and m[j] != b[i]:  # changed by me, removed by them
                merged[u] = copy.deepcopy(m[j])
                self.conflicts.append(FieldConflict(Place(kind, name_of(m[j])),
                                                    b[i], m[j], None, merged[u],
                                                    list_name=list_name))
            elif k is not None and t[k] != b[i]:  # removed by me, changed by them
                self.conflicts.append(FieldConflict(Place(kind, name_of(t[k])),
                                                    b[i], None, t[k], copy.deepcopy(t[k]),
                                                    list_name=list_name, in_list=False))
        mine_first = not (_keeps_base_order([i for i, j, _ in units if j is not None], to_mine)
                          and not _keeps_base_order([i for i, _, k in units if k is not None],
                                                    to_theirs))
        first, second = (1, 2) if mine_first else (2, 1)
        order = sorted((u for u in merged if units[u][first] is not None),
                       key=lambda u: units[u][first])  # type: ignore[arg-type, return-value]
        for u in sorted((u for u in merged if units[u][first] is None),
                        key=lambda u: units[u][second]):  # type: ignore[arg-type, return-value]
            at = units[u][second]
            before = [n for n, v in enumerate(order)
                      if units[v][second] is not None and units[v][second] < at]  # type: ignore[operator]
            order.insert(before[-1] + 1 if before else 0, u)
        return [merged[u] for u in order]


def _keeps_base_order(bases: list[int | None], to_side: dict[int, int]) -> bool:
    """Whether one side's entries that come from the base stand in the base's order."""
    positions = [to_side[i] for i in sorted(i for i in bases if i is not None)]
    return positions == sorted(positions)


def shown(value: Any) -> str:
    """A value from either side of a conflict as people read it."""
    if value is None or value == "" or value == []:
        return t("conflict_none")
    if isinstance(value, Attendee):
        return attendee_text(value)
    if isinstance(value, Meeting):
        return meeting_text(value)
    if isinstance(value, Item):
        parts = [item_label(value), value.title or "", value.text or ""]
        return "\n".join(p for p in parts if p)
    if isinstance(value, list):
        return "\n".join(f"- {v if isinstance(v, str) else shown(v)}" for v in value)
    if isinstance(value, Signature | Correction):  # a justering record, its values
        return ", ".join(shown(v) for k, v in vars(value).items()
                         if k != "extra" and v not in (None, "", []))
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def conflict_lines(conflicts: Sequence[FieldConflict]) -> list[str]:
    """Each conflict on one line: the place, and the value as it was, theirs and mine."""
    def one(value: Any) -> str:
        return " ".join(shown(value).split())
    return [t("merge_conflict_line", label=c.label, base=one(c.base), theirs=one(c.theirs),
              mine=one(c.mine)) for c in conflicts]


def _none(value: Any) -> Any:
    return None if value is _MISSING else value


def merge(base: Protocol, mine: Protocol, theirs: Protocol) -> Merged:
    """Merge two edits (`mine`, `theirs`) of `base`, field by field as the schema
    declares them: the header's fields, then each list of parts entry by entry, a single
    part (the contact) field by field."""
    mg = _Merger()
    out = copy.deepcopy(mine)
    for f in PROTOCOL.scalars():
        setattr(out, f.key, mg.value(out, f.key, Place("header", None, f.key),
                                     getattr(base, f.key), getattr(mine, f.key),
                                     getattr(theirs, f.key)))
    for f in PROTOCOL.children():
        part = f.part
        assert part is not None
        names = [g.key for g in part.scalars()]
        b, m, t_ = getattr(base, f.key), getattr(mine, f.key), getattr(theirs, f.key)
        if f.kind is Kind.PARTS and f.whole:  # one record (the signatures): one value
            setattr(out, f.key, copy.deepcopy(mg.value(out, f.key, Place("header", None, f.key),
                                                       b, m, t_)))
        elif f.kind is Kind.PARTS:
            setattr(out, f.key, mg.entries(f.key, part.name, b, m, t_, matcher(part.name),
                                           names, name_of(part.name)))
        elif b == t_:
            setattr(out, f.key, copy.deepcopy(m))
        elif b == m:
            setattr(out, f.key, copy.deepcopy(t_))
        else:
            setattr(out, f.key, mg.fields(_labeller(part.name), b, m or part.cls(),
                                          t_ or part.cls(), names))
    out.items.sort(key=lambda i: (i.number is None, i.number or 0, i.letter or ""))  # by number
    out.extra = mg.extra(out, lambda k: Place("other", None, k), base.extra, mine.extra,
                         theirs.extra)
    return Merged(out, mg.conflicts)


def _labeller(section: str) -> Callable[[str], Place]:
    return lambda key: Place(section, None, key)


def resolve(merged: Merged, choices: dict[int, Any]) -> Protocol:
    """The merged protocol with conflict number n set to choices[n] (a value; for a
    whole entry, the entry or None to leave it out). Conflicts without a choice keep
    "mine". The merge itself is left as it was."""
    memo: dict[int, Any] = {}
    p = copy.deepcopy(merged.protocol, memo)
    for n, c in enumerate(merged.conflicts):
        if n not in choices:
            continue
        value = copy.deepcopy(choices[n])
        owner = memo.get(id(c.owner), c.owner)
        if c.list_name is not None:
            entries = getattr(p, c.list_name)
            if c.in_list:
                at = next(x for x, e in enumerate(entries) if e is owner)
                if value is None:
                    del entries[at]
                else:
                    entries[at] = value
            elif value is not None:
                entries.append(value)
        elif c.in_extra:
            if value is None:
                owner.extra.pop(c.attr, None)
            else:
                owner.extra[c.attr] = value
        else:
            setattr(owner, c.attr, value)  # type: ignore[arg-type]
    p.items.sort(key=lambda i: (i.number is None, i.number or 0, i.letter or ""))
    return p
