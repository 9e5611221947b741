"""What the editor holds that is not a widget: what a save started from, what it wrote
that is still to be put in, the rule that puts what was typed meanwhile on top of it,
the draft kept of what is not saved, and the words of the status line. No Textual here:
the editor screen (tui/screens/editor.py) shows what these decide."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from brotui.core import codec
from brotui.core.drafts import Draft, Drafts
from brotui.core.identity import Identity
from brotui.core.merge import Merged, merge
from brotui.core.model import Protocol
from brotui.i18n import t

log = logging.getLogger("brotui")


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
