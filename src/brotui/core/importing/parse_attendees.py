"""The parser's people: the attendees, and the chair, secretary and adjusters who sign."""

from __future__ import annotations

import re

from brotui.core.importing import grammar as g
from brotui.core.importing.blocks import Block
from brotui.core.importing.messages import msg
from brotui.core.importing.parse_base import (
    _HEADER_WORDS,
    _SIGN_ROLE,
    _SIGNATURE_LINE_RE,
    _cut,
    _fold,
    _ParserBase,
    _Signature,
)
from brotui.core.importing.parse_people import _person, _person_text
from brotui.core.model import Attendee


class _AttendeesPart(_ParserBase):
    # ------------------------------------------------------------ attendees

    def _attendee_value(self, block: Block, value: str) -> None:
        """People written after the label on one line: "Närvarande: Per Holm, Eva Ek",
        "Närvarande: Lisa Ahl (ordförande), Nora Said – kommunpolis, Erik Falk". A part
        that begins with a name begins a person; the parts after it, until the next
        name, say who that person is."""
        parts = [x.strip() for x in re.split(r",\s*(?![^()]*\))|;\s*|\s+och\s+|\s+and\s+|\t+",
                                             value) if x.strip()]
        groups: list[list[str]] = []
        for part in parts:
            head = re.split(r"\s+[–—-]\s+|\s*\(", part, maxsplit=1)[0].strip()
            starts = (g.is_name(head) or _person_text(part)[0] is not None) and not (
                g.org_like(head) or g.role_like(head))
            if starts or not groups:
                groups.append([part])
            else:
                groups[-1].append(part)
        for group in groups:
            piece = ", ".join(group)
            if not self._attendee_line(block, piece, (piece,), consumed=True):
                self._unplaced_text(piece, block)  # not a person: kept as written

    def _attendee_line(self, block: Block, text: str, cells: tuple[str, ...],
                       consumed: bool = False) -> bool:
        if block.header_row or self._header(cells) is not None:
            header = self._header(cells)
            if header is not None:
                self.header_map = header
                if not consumed:
                    self.leave(block, block.text, "left_table_header")
                return True
        person, used = _person(cells if len(cells) > 1 else (text,), self.header_map)
        if person is None:
            # Several names in one line: "Per Holm, Eva Ek och Karl Ek".
            parts = [x.strip() for x in re.split(r",\s*|;\s*|\s+och\s+|\s+and\s+", text)
                     if x.strip()]
            if len(parts) >= 2 and all(g.is_name(x) for x in parts):
                for part in parts:
                    self._add_attendee(Attendee(name=part, presence=self.presence), block)
                return True
            return False
        if person.presence is None:
            person.presence = self.presence
        elif person.presence != self.presence:
            self.note(block, "note_presence_in_line", name=person.name,
                      presence=msg("presence_" + person.presence, self.ui_lang))
        attendee = Attendee(name=person.name, role=person.role,
                            organisation=person.organisation, presence=person.presence,
                            note=person.note)
        if used:
            self.leave(block, " ".join(used), "left_presence_word",
                       presence=msg("presence_" + attendee.presence, self.ui_lang))
        self._add_attendee(attendee, block)
        return True

    def _header(self, cells: tuple[str, ...]) -> dict[int, str] | None:
        if len(cells) < 2:
            return None
        mapping: dict[int, str] = {}
        for i, cell in enumerate(cells):
            key = _HEADER_WORDS.get(_fold(cell))
            if key is None:
                if cell:
                    return None
                continue
            mapping[i] = key
        return mapping if "name" in mapping.values() else None

    def _add_attendee(self, attendee: Attendee, block: Block) -> None:
        assert attendee.name
        key = attendee.name.casefold()
        if key in self.names_seen:
            self.note(block, "note_attendee_twice", name=attendee.name)
            self.leave(block, block.text, "left_attendee_twice", name=attendee.name)
            return
        self.names_seen[key] = len(self.p.attendees)
        index = len(self.p.attendees)
        self.p.attendees.append(attendee)
        described = ", ".join(x for x in (attendee.role, attendee.organisation) if x)
        value = attendee.name + (f" ({described})" if described else "") + \
            f", {msg('presence_' + attendee.presence, self.ui_lang)}" + \
            (f", {attendee.note}" if attendee.note else "")
        self.find(f"attendees[{index}]", value, block)

    # ------------------------------------------------------------ chair, secretary, adjusters

    def _people_value(self, block: Block, kind: str, value: str, keep: bool) -> None:
        """Names after a label: "Justerare: Eva Ek och Karl Ek", "Ordförande: Per Holm"."""
        parts = [x.strip() for x in re.split(r",\s*|;\s*|\s+och\s+|\s+and\s+|\s*&\s*|\t+", value)
                 if x.strip()]
        names: list[str] = []
        others: list[str] = []
        for part in parts:
            role = _SIGN_ROLE.get(_fold(part))
            if role and names:
                self.signatures[-1].kind = role
                self.signatures[-1].explicit = True
                others.append(part)
                continue
            person, _ = _person((part,), None)
            name = person.name if person else (part if g.is_name(part) else None)
            if name is None:
                others.append(part)
                continue
            if person is not None:
                others += [x for x in (person.role, person.organisation, person.note) if x]
            names.append(name)
            sign_kind = kind
            explicit = False
            if person and person.role and _fold(person.role) in _SIGN_ROLE:
                sign_kind = _SIGN_ROLE[_fold(person.role)]
                explicit = True
            self.signatures.append(_Signature(name, sign_kind, block, explicit))
        if not names:
            if not keep:
                self._unplaced(block)
            return
        if not keep:
            label = g.label_of(block.text)
            known = [x for x in others if _SIGN_ROLE.get(_fold(x))]
            rest = [x for x in others if x not in known]
            if rest:  # "Justerare: Eva Ek, mötet": what is no name stays as text
                self._unplaced_text(", ".join(rest), block)
            self.consume(block, names + rest, "left_label", label=label.word if label else "")

    def _signing_block(self, block: Block) -> bool:
        """A block under "Vid protokollet" / "Justeras": names, their roles, lines to sign
        on, the place and date of signing. False when it is none of these."""
        if _SIGNATURE_LINE_RE.match(block.text):
            self.leave(block, block.text, "left_signature_line")
            return True
        cells = [c for c in block.cells if c] or [block.text]
        roles = [_SIGN_ROLE.get(_fold(c)) for c in cells]
        if all(roles):
            last = self.last_sign_row
            for i, role in enumerate(roles):
                if i < len(last):
                    last[i].kind = role or last[i].kind
                    last[i].explicit = True
            self.leave(block, block.text, "left_signer_role")
            return True
        kinds = self._label_row(block)
        if kinds:
            self.sign_columns = kinds
            self.last_sign_row = []
            self.leave(block, block.text, "left_label", label=block.text)
            return True
        dates = g.find_dates(block.text)
        if dates and len(g.words(_cut(block.text, [(d.start, d.end) for d in dates]))) <= 3:
            self.leave(block, block.text, "left_signing_date")
            return True
        row: list[_Signature] = []
        for i, cell in enumerate(cells):
            person, _ = _person((cell,), None)
            if person is None or person.note:
                return False  # not a row of signers: read as any other text
            kind = self.sign_columns[min(i, len(self.sign_columns) - 1)] if self.sign_columns \
                else g.ADJUSTERS
            explicit = False
            if person.role and _fold(person.role) in _SIGN_ROLE:
                kind = _SIGN_ROLE[_fold(person.role)]
                explicit = True
            signature = _Signature(person.name, kind, block, explicit)
            row.append(signature)
        self.signatures += row
        self.last_sign_row = row
        self.consume(block, [s.name for s in row], "left_signer_role")
        return True

    def _label_row(self, block: Block) -> list[str]:
        """The signers' kinds of a row of labels ("Vid protokollet | Justeras"), one per column."""
        kinds = []
        for cell in block.cells:
            label = g.label_of(cell)
            role = _SIGN_ROLE.get(_fold(cell))
            if label is not None and not label.value and label.kind in (
                    g.CHAIR, g.SECRETARY, g.ADJUSTERS, g.SIGNING):
                kinds.append(label.kind)
            elif role:
                kinds.append(role)
            elif cell:
                return []
        return kinds
