"""The justering of many protocols at once, for the list: each protocol's state in words
(utkast; för justering, who has signed and who is missing; justerat with the date) and
the filter by state. Cheap for a big archive: the minutes in review are read (they are
few, in one `cat-file --batch`), and the approval dates come from the tags
`justerat/<id>` (one `for-each-ref`), never from reading every approved file."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from brotui.core.archive import Archive
from brotui.core.justering import state
from brotui.core.justering.messages import say
from brotui.core.justering.record import TAG_PREFIX
from brotui.core.values import Entry

STATES = (state.DRAFT, state.REVIEW, state.APPROVED)


@dataclass(frozen=True)
class Row:
    """What the list shows of one protocol's justering."""

    id: str
    status: str
    label: str  # in the current language
    state: state.State | None = None  # for minutes in review (who signed, who is missing)
    approved_on: dt.date | None = None
    late: bool = False

    def as_json(self) -> dict[str, object]:
        out: dict[str, object] = {"status": self.status, "label": self.label,
                                  "late": self.late,
                                  "approved_on": self.approved_on.isoformat()
                                  if self.approved_on else None}
        if self.state is not None:
            out.update(signed=[s.name for s, _ in self.state.signed],
                       missing=[s.name for s in self.state.missing],
                       content=self.state.content)
        return out


def approval_dates(archive: Archive) -> dict[str, dt.date]:
    """id -> the day its approval's tag was made, for every justerat/<id> tag."""
    out = archive.git.try_text("for-each-ref", "--format=%(refname)%00%(creatordate:short)",
                               f"refs/tags/{TAG_PREFIX}") or ""
    dates = {}
    for line in out.splitlines():
        ref, _, day = line.partition("\0")
        try:
            dates[ref.removeprefix(f"refs/tags/{TAG_PREFIX}")] = dt.date.fromisoformat(day)
        except ValueError:
            continue
    return dates


def rows(archive: Archive, entries: list[Entry], today: dt.date | None = None
         ) -> dict[str, Row]:
    """The justering row of each entry (broken files left out)."""
    review = [e for e in entries if e.status == state.REVIEW and not e.broken]
    blobs = archive.git.cat_blobs([e.blob for e in review]) if review else {}
    dates = approval_dates(archive) if any(e.status == state.APPROVED for e in entries) else {}
    out: dict[str, Row] = {}
    # Each state's words said once (a city's list has 20,000 rows, in a few states).
    drafts: dict[str, str] = {}
    approved: dict[dt.date | None, str] = {}
    for e in entries:
        if e.broken:
            continue
        if e.status == state.REVIEW:
            from brotui.core import codec  # only for minutes in review: `list` reads no YAML

            data = blobs.get(e.blob, b"")
            p = codec.load(data).protocol
            if p is None:
                continue
            st = state.state_of(p, data, today)
            label = f"{st.label()}; {say('late_mark')}" if st.late else st.label()
            out[e.id] = Row(e.id, e.status, label, st, late=st.late)
        elif e.status == state.APPROVED:
            day = dates.get(e.id)
            if day not in approved:
                approved[day] = say("state_approved_on", date=day.isoformat()) if day else \
                    say("state_approved")
            out[e.id] = Row(e.id, e.status, approved[day], approved_on=day)
        else:
            status = e.status or state.DRAFT
            if status not in drafts:
                drafts[status] = say("state_" + status) if status in STATES else status
            out[e.id] = Row(e.id, status, drafts[status])
    return out


def with_state(entries: list[Entry], wanted: str | None) -> list[Entry]:
    """The entries in state `wanted` (None: all)."""
    if wanted is None:
        return entries
    return [e for e in entries if (e.status or state.DRAFT) == wanted and not e.broken]
