"""What the editor holds that is not a widget: what a save started from, what it wrote
that is still to be put in, the rule that puts what was typed meanwhile on top of it,
the save's work in its thread, the draft kept of what is not saved, and the words of
the status line. No Textual here:
the editor screen (tui/screens/editor.py) shows what these decide."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from brotui.core import codec, diffrender, ops
from brotui.core.archive import Archive
from brotui.core.drafts import Draft, Drafts
from brotui.core.errors import BrotuiError
from brotui.core.git import GitError
from brotui.core.identity import Identity
from brotui.core.merge import Merged, merge
from brotui.core.model import Protocol
from brotui.core.values import SaveResult
from brotui.i18n import t

if TYPE_CHECKING:  # an import's parser is loaded only when one is saved
    from brotui.core.importing import Imported

log = logging.getLogger("brotui")
SeverityLevel = Literal["information", "warning", "error"]  # as Textual's notifications


@dataclass
class Held:
    """What the editor held when ctrl+s was pressed: its text, the protocol that text
    reads as, and the commit it is an edit of. What is typed during the save is measured
    against it: the widgets may hold more than was sent by the time the save ends."""

    text: str
    protocol: Protocol
    base: str | None


@dataclass
class Pending:
    """A save wrote more than the editor held at ctrl+s (others' changes merged, a
    conflict resolved) and keys were typed since: what is still to be put into what the
    widgets hold (see EditorScreen.take_in)."""

    held: Held
    stored: Protocol  # what the save wrote
    theirs: str  # who saved the changes it merged
    at_save: bool = False  # only at the next ctrl+s: a conflict with them was put off


@dataclass(frozen=True)
class TakeIn:
    """What to do with what the widgets hold once a save wrote more than was sent: show
    `target`; or ask the person (`conflict`); or nothing yet (`unreadable`: why the
    YAML typed does not read)."""

    target: Protocol | None = None
    conflict: Merged | None = None
    unreadable: str = ""


def typed_over_saved(p: Pending, now: str, mine: Protocol | None, problem: str) -> TakeIn:
    """What was saved with what was typed since on top: a three-way merge of the model,
    from what was held at ctrl+s to what the widgets hold now (`now`, read as `mine`, or
    `problem` saying why it does not read) and to what was saved."""
    if now == p.held.text:
        return TakeIn(target=p.stored)
    if mine is None:
        return TakeIn(unreadable=problem)
    merged = merge(p.held.protocol, mine, p.stored)
    if merged.conflicts:
        return TakeIn(conflict=merged)
    return TakeIn(target=merged.protocol)


def write_save(archive: Archive, protocol_id: str, protocol: Protocol, identity: Identity,
               base: str | None, new: bool,
               imported: Imported | None = None) -> tuple[SaveResult, str | None]:
    """The editor's save, in its worker thread: new minutes created (refused if the id
    was taken meanwhile), or an edit of `base` saved with what others saved since merged
    in (MergeConflict when the same fields changed). With who saved the changes merged,
    named if what is typed meanwhile conflicts with them. New minutes from an import
    (`imported`) are the import's commit, and its file leaves the waiting list."""
    if new and base is None and imported is not None:
        from brotui.core.importing import Imported as Fixed
        from brotui.core.importing.save import save_imported
        from brotui.core.importing.waiting import WaitingImports

        fixed = Fixed(protocol, codec.dump(protocol), imported.report)
        result = save_imported(archive, protocol_id, fixed, identity)
        WaitingImports(archive, identity).drop(imported.report.sha256)
    elif new and base is None:
        result = ops.create(archive, protocol_id, protocol, identity)
    else:
        result = ops.save(archive, protocol_id, protocol, identity, base=base)
    theirs = None
    if result.merged:
        try:
            earlier = archive.history(protocol_id, limit=2)[1:]
            theirs = earlier[0].author if earlier else None
        except (BrotuiError, GitError):
            log.exception("reading who saved %s before", protocol_id)
    return result, theirs


def save_notes(result: SaveResult) -> list[tuple[str, SeverityLevel, float]]:
    """What the editor says once a save is done: saved as which commit (or that nothing
    changed), whose changes were merged in, and the save's warnings; each with its
    severity and how many seconds it shows."""
    notes: list[tuple[str, SeverityLevel, float]] = []
    if result.commit is None:
        notes.append((t("tui_no_changes"), "information", 5))
    else:
        summary = result.message.splitlines()[0] if result.message else ""
        notes.append((t("tui_saved", commit=result.commit[:10], summary=summary),
                      "information", 5))
    merged = merged_said(result)
    if merged is not None:
        notes.append((merged, "information", 12))
    notes += [(note.text(), "warning", 10) for note in result.notes]
    return notes


def merged_said(result: SaveResult) -> str | None:
    """What a save says of the others' changes it merged in (None if none), for a
    notification: a text changed word by word as it reads now (the removed words left
    out, never the `[-…-]`/`{+…+}` marks of plain text; the diff shows both)."""
    if not result.merged:
        return None
    drawn = ["".join(text for role, text in diffrender.change_line(change)
                     if role != diffrender.DEL).rstrip() for change in result.merged]
    return t("merged_theirs", changes="; ".join(drawn))


def read_typed(text: str) -> tuple[Protocol | None, str]:
    """The protocol a YAML text typed reads as, or why it does not read as one."""
    loaded = codec.load(text)
    if loaded.protocol is None or loaded.errors:
        return None, loaded.errors[0].format() if loaded.errors else "?"
    return loaded.protocol, ""


class DraftKeeper:
    """The draft of one person's edit of one protocol, kept under the git directory
    while it is not saved, so that a cut session loses a few seconds at most."""

    def __init__(self, drafts: Drafts, person: Identity | None, protocol_id: str) -> None:
        self.drafts = drafts
        self.person = person
        self.protocol_id = protocol_id
        self.drafted: str | None = None  # the text of the draft last kept

    def get(self) -> Draft | None:
        return self.drafts.get(self.person, self.protocol_id)

    def discard(self) -> None:
        self.drafts.discard(self.person, self.protocol_id)
        self.drafted = None

    def keep(self, text: str, saved: bool, base: str | None) -> None:
        """Keep `text` (`saved`: it is what counts as saved, so any draft goes). `base`
        is the commit the text is an edit of."""
        if saved:
            if self.drafted is not None:
                self.discard()
            return
        if text != self.drafted:
            try:
                self.drafts.keep(self.person, self.protocol_id, text, base)
            except OSError:
                log.exception("keeping a draft of %s", self.protocol_id)
                return
            self.drafted = text


def status_words(*, saving: bool, new: bool, dirty: bool, errors: int,
                 raw: bool) -> list[str]:
    """`saving · not saved · 2 errors · form`: what matters most comes first."""
    parts = []
    if saving:
        parts.append(t("tui_saving"))
    if new:
        parts.append(t("tui_new_unsaved"))
    elif dirty:
        parts.append(t("tui_unsaved"))
    if errors:
        parts.append(t("tui_error_count", count=errors))
    parts.append(t("tui_mode_raw" if raw else "tui_mode_form"))
    return parts
