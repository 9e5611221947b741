"""A field diff's changes in the domain's words, as lines of spans and as a commit message.

Rendering gives lines of (role, text) spans like `brotui.core.render`: the
command line writes them with colours or with `[-old-]{+new+}` markers, the
TUI as Rich Text. The text is the protocol's own: never markup.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from brotui.core.fielddiff import (
    ADDED,
    CHANGED,
    MOVED,
    REMOVED,
    RENUMBERED,
    SWAPPED,
    Change,
    choice_field,
    choice_said,
)
from brotui.core.render import LABEL, MUTED, TEXT, Line
from brotui.core.schema import PARTS, Place, section_label
from brotui.core.words import Budget, elide, words
from brotui.i18n import t

# Span roles of a diff, besides render's LABEL, TEXT and MUTED: words removed and
# added inside a text (marked [-…-] and {+…+} without colour), and whole values
# before and after (old → new, which reads without marks).
DEL, INS, OLD, NEW = "del", "ins", "old", "new"


# ------------------------------------------------------------------- rendering

def part_label(section: str, subject: str | None, field: str | None,
               lang: str | None = None) -> str:
    """A part of the minutes as people name it (see `schema.Place.label`)."""
    return Place(section, subject, field).label(lang)


def where(change: Change, lang: str | None = None) -> str:
    """The part a change is in: for a whole entry added, removed or moved, its list."""
    c = change
    if c.field is None and c.section in ("item", "attendee", "meeting"):
        label = section_label(c.section)
        return t(label, lang=lang)
    return part_label(c.section, c.subject, c.field, lang)


def _whole(change: Change) -> bool:
    """A value read better whole (old → new): a date, a time, a choice, a number, a
    phone number, as the schema says; an unknown key's value by the name it shares."""
    if change.field is None:
        return False
    part = next((p for p in PARTS if p.name == change.section), None)
    f = part.get(change.field) if part is not None else None
    if f is None:  # "other" or an unknown key: as a known field of that name would be
        f = next((g for p in PARTS if (g := p.get(change.field)) is not None), None)
    return f is not None and f.whole


def _prose(change: Change, budget: Budget) -> list[tuple[str, str]] | None:
    """The words of a text worth marking word by word (several words, most of them
    kept), else None. Dates, times, numbers and short values read better whole:
    old → new."""
    old, new = change.old, change.new
    if not old or not new or _whole(change):
        return None
    old_words, new_words = old.split(), new.split()
    if old_words != new_words and max(len(old_words), len(new_words)) < 3:
        return None
    segments = words(old, new, budget)
    if old_words == new_words:
        return segments  # only spacing changed
    kept = sum(len(text) for op, text in segments if op == "=" and text.strip())
    if kept < max(len(old), len(new)) / 2:
        return None  # mostly rewritten: old → new reads better
    return segments


def change_line(change: Change, lang: str | None = None, budget: Budget | None = None
                ) -> Line:
    """One change as a line of spans: the part, then what happened to it. `budget`:
    the time its word marks may take (see DIFF_SECONDS), shared with other lines."""
    c = change
    choice = choice_field(c.section, c.field)
    if choice is not None:  # said in the language drawn in, not the one of the diff
        c = dataclasses.replace(c, old=choice_said(choice, c.old, lang),
                                new=choice_said(choice, c.new, lang))
    segments = None
    if c.kind == CHANGED:
        segments = _prose(c, budget or Budget())
    line: Line = [(LABEL, where(c, lang) + ": ")]
    if c.kind == SWAPPED:
        line.append((TEXT, t("diff_swapped", a=f"§{c.old}", b=f"§{c.new}", lang=lang)))
    elif c.kind == RENUMBERED:
        line.append((TEXT, t("diff_renumbered", old=c.old or "", new=c.new or "", lang=lang)))
    elif c.kind == MOVED:
        line.append((TEXT, t("diff_moved", what=c.subject or "", old=f"§{c.old}",
                             new=f"§{c.new}", lang=lang)))
    elif c.kind == ADDED:
        line += [(NEW, "+ " + (c.new or ""))]
    elif c.kind == REMOVED:
        line += [(OLD, "− " + (c.old or ""))]
    elif segments is not None:
        if all(op == "=" or text.isspace() for op, text in segments):
            line.append((MUTED, t("diff_whitespace", lang=lang)))
        else:
            for op, text in elide(segments):
                line.append(({"=": TEXT, "-": DEL, "+": INS}.get(op, MUTED), text))
    else:
        line += [(OLD, c.old or ""), (MUTED, " → "), (NEW, c.new or "")]
    return line


def lines(changes: Sequence[Change], lang: str | None = None) -> list[Line]:
    if not changes:
        return [[(MUTED, t("diff_no_change", lang=lang))]]
    budget = Budget()
    return [change_line(c, lang, budget) for c in changes]


def plain(line: Line) -> str:
    """A line without colour: removed text as [-…-], added as {+…+}."""
    out = []
    for role, text in line:
        if role == DEL:
            out.append(f"[-{text}-]")
        elif role == INS:
            out.append(f"{{+{text}+}}")
        else:
            out.append(text)
    return "".join(out).rstrip()



# ------------------------------------------------------------- commit messages


def summary(change: Change, lang: str | None = None) -> str:
    """A change in a few words, for a commit's summary line."""
    c = change
    if c.section == "protocol":
        return t("commit_new_short" if c.kind == ADDED else "commit_removed_short", lang=lang)
    if c.kind in (SWAPPED, RENUMBERED, MOVED):
        return plain(change_line(c, lang)[1:])
    if c.section == "attendee" and c.field is None:
        return t("sum_attendee_added" if c.kind == ADDED else "sum_attendee_removed",
                 name=c.subject or "?", lang=lang)
    if c.section == "item" and c.field is None:
        return t("sum_item_added" if c.kind == ADDED else "sum_item_removed",
                 item=c.subject or "?", lang=lang)
    if c.section == "meeting" and c.field is None:
        return t("sum_meeting_added" if c.kind == ADDED else "sum_meeting_removed", lang=lang)
    return t("sum_changed", what=where(c, lang), lang=lang)


def message(protocol_id: str, changes: Sequence[Change], lang: str | None = None,
            width: int = 72) -> str:
    """A commit message: the summary line, a body listing every change, the trailer."""
    if not changes:
        subject = t("commit_changed", id=protocol_id, what=t("what_format", lang=lang),
                    lang=lang)
        body = t("commit_format_body", lang=lang)
    else:
        parts = list(dict.fromkeys(summary(c, lang) for c in changes))
        subject = f"{protocol_id}: {parts[0]}"
        for n in range(len(parts), 0, -1):
            rest = len(parts) - n
            more = t("commit_more", n=rest, lang=lang) if rest else ""
            candidate = f"{protocol_id}: {', '.join(parts[:n])}{more}"
            if len(candidate) <= width or n == 1:
                subject = candidate
                break
        budget = Budget()
        body = "\n".join("- " + plain(change_line(c, lang, budget)) for c in changes)
    return f"{subject}\n\n{body}\n\nProtocol: {protocol_id}\n"
