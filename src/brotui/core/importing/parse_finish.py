"""The parser's end: signers to fields, drafts to items, names from the text, the report."""

from __future__ import annotations

import re

from brotui.core.importing import grammar as g
from brotui.core.importing.blocks import Block
from brotui.core.importing.messages import msg
from brotui.core.importing.parse_base import (
    _CHAIR_ROLES,
    _SECRETARY_ROLES,
    Parsed,
    _fold,
    _ItemDraft,
    _meeting_text,
    _ParserBase,
    _short,
)
from brotui.core.model import Item


class _FinishPart(_ParserBase):
    # ------------------------------------------------------------ the end

    def _finish(self) -> Parsed:
        p = self.p
        for value, block in self.places_said:
            if value and id(block) not in self.places_used:
                self._unplaced_text(value, block)  # a place no meeting took: kept as text
        if self.council_arg:
            p.council = self.council_arg
            self.find("council", self.council_arg, None)
        self._signers()
        self._build_items()
        self._mentions()
        self._roles_as_signers()
        if self.p.chair in self.p.adjusters:  # the chair signs, and is not an adjuster
            self.p.adjusters.remove(self.p.chair)
            self.found = [f for f in self.found if not (f.field.startswith("adjusters[")
                                                        and f.value == self.p.chair)]
            self.note(None, "note_chair_not_adjuster", name=self.p.chair)
        meetings = [m for item in self.items for m, _ in item.meetings] + [
            m for m, _ in getattr(self, "_next_meetings", [])]
        places = {id(m): b for item in self.items for m, b in item.meetings}
        places.update({id(m): b for m, b in self._next_meetings})
        consumed = {id(m) for m, _ in self._next_meetings}  # not kept as an item's text
        seen: set[tuple[object, ...]] = set()
        for m in meetings:
            key = (m.date, m.start, m.end, m.location)
            if key in seen:
                if id(m) in consumed and m.location:
                    self.leave(places.get(id(m)), m.location, "left_meeting_again")
                continue
            seen.add(key)
            p.next_meetings.append(m)
            self.find(f"next_meetings[{len(p.next_meetings) - 1}]", _meeting_text(m),
                      places.get(id(m)))
        if p.contact is not None and not (p.contact.name or p.contact.phone or p.contact.email):
            p.contact = None
        signals = {
            "date": int(p.date is not None), "council": int(self.council_block is not None),
            "attendees": len(p.attendees), "items": len(p.items), "labels": self.labels_seen,
        }
        return Parsed(p, self.found, self.left, self.notes, self.language, signals)

    def _signers(self) -> None:
        """The signers found under their labels, as fields. A name that fills no field
        (written twice, or the chair among those who sign "Justeras") is left out with
        the field it already is, so its words are accounted for."""
        p = self.p
        for s in self.signatures:
            if s.kind == g.SECRETARY:
                self._set_person("secretary", s.name, s.block)
            elif s.kind == g.CHAIR:
                self._set_person("chair", s.name, s.block)
        adjusters: set[str] = set()
        for s in self.signatures:
            if s.kind not in (g.ADJUSTERS, g.SIGNING):
                continue
            if s.name in (p.chair, p.secretary) or s.name in adjusters:
                key = "chair" if s.name == p.chair else (
                    "secretary" if s.name == p.secretary else "adjusters")
                self.leave(s.block, s.name, "left_signer_again", field=key)
                continue
            adjusters.add(s.name)
            p.adjusters.append(s.name)
            self.find(f"adjusters[{len(p.adjusters) - 1}]", s.name, s.block)

    def _set_person(self, key: str, name: str, block: Block) -> None:
        current = getattr(self.p, key)
        if current is None:
            setattr(self.p, key, name)
            self.find(key, name, block)
            return
        if current != name:
            self.note(block, "note_person_conflict", field=key, first=current, second=name)
        self.leave(block, name, "left_signer_again", field=key)

    def _build_items(self) -> None:
        p = self.p
        if self.extra:
            number = (self.items[-1].number + 1) if self.items else 1
            title = msg("extra_item_title", self.language) if self.items else None
            draft = _ItemDraft(number, self.extra[0][1].place, title=title, parts=self.extra)
            self.items.append(draft)
            if title:
                self.note(self.extra[0][1], "note_extra_item", number=number, title=title)
                self.find(f"items[{len(self.items) - 1}].number", number, self.extra[0][1])
            else:
                self.note(self.extra[0][1], "note_no_items")
        for index, draft in enumerate(self.items):
            item = Item(number=draft.number, title=draft.title)
            text = ""
            for n, (part, block) in enumerate(draft.parts):
                if n == 0:
                    text = part
                else:
                    text += ("\n\n" if block.gap_before else "\n") + part
            item.text = text or None
            if item.text:
                self.find(f"items[{index}].text", _short(item.text), draft.parts[0][1])
            for j, (decision, block) in enumerate(draft.decisions):
                item.decisions.append(decision)
                self.find(f"items[{index}].decisions[{j}]", _short(decision), block)
            # A line "Bilaga 1: Budget" is the attachment; "enligt bilaga 1" or "se bifogad
            # budget" in the text beside it names the same one. The text is kept either way;
            # a line written twice is left out the second time.
            names: list[tuple[str, Block]] = []
            for name, block in draft.attachments:
                if any(_fold(name) == _fold(x) for x, _ in names):
                    self.leave(block, name, "left_attachment_again")
                    continue
                names.append((name, block))
            for name, block in draft.mentions:
                if any(_fold(name) == _fold(x) or _fold(x).startswith(_fold(name) + ":")
                       or _fold(x).startswith(_fold(name) + " ")
                       or (len(name.split()) == 1 and _fold(name) in g.words(x))
                       for x, _ in names):
                    continue
                names.append((name, block))
            for name, block in names:
                item.attachments.append(name)
                self.find(f"items[{index}].attachments[{len(item.attachments) - 1}]", name,
                          block)
            p.items.append(item)

    def _mentions(self) -> None:
        """Chair, secretary and adjusters named in the items' text ("öppnades av
        mötesordförande Abit Dundar", "Till justerare utsågs Eva Ek"), for the fields the
        labels left empty, and only names of attendees."""
        p = self.p
        names = [a.name for a in p.attendees if a.name]
        if not names:
            return
        alt = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
        patterns = [
            ("chair", re.compile(rf"(?<!vice )\b(?:mötes)?ordförande(?:n)?\s+({alt})\b", re.I)),
            ("chair", re.compile(rf"\b({alt})\s+(?:valdes|utsågs)\s+(?:till\s+)?"
                                 r"(?:mötes)?ordförande", re.I)),
            ("chair", re.compile(rf"\b(?:chaired\s+by|chair,?)\s+({alt})\b", re.I)),
            ("chair", re.compile(rf"\b({alt})\s+(?:was\s+elected\s+chair|chaired\s+the\s+meeting)",
                                 re.I)),
            ("secretary", re.compile(rf"\b({alt})\s+(?:valdes|utsågs)\s+(?:till\s+)?"
                                     r"(?:mötes)?(?:sekreterare|protokollförare)", re.I)),
            ("secretary", re.compile(rf"\b(?:till\s+)?(?:mötes)?(?:sekreterare|protokollförare)\s+"
                                     rf"(?:valdes|utsågs)\s+({alt})\b", re.I)),
            ("secretary", re.compile(rf"\b({alt})\s+took\s+the\s+minutes", re.I)),
            ("adjusters", re.compile(rf"\b(?:till\s+)?(?:att\s+)?(?:justerare|justera)\s+"
                                     rf"(?:protokollet\s+)?(?:valdes|utsågs)\s+((?:{alt})"
                                     rf"(?:(?:,\s*|\s+och\s+)(?:{alt}))*)", re.I)),
            ("adjusters", re.compile(rf"\b((?:{alt})(?:(?:,\s*|\s+och\s+)(?:{alt}))*)\s+"
                                     r"(?:valdes|utsågs)\s+(?:till\s+)?(?:att\s+)?"
                                     r"(?:justerare|justera)", re.I)),
            ("adjusters", re.compile(rf"\b((?:{alt})(?:(?:,\s*|\s+and\s+)(?:{alt}))*)\s+"
                                     r"(?:was|were)\s+(?:appointed|elected|chosen)\s+to\s+"
                                     r"(?:check|sign|approve)", re.I)),
        ]
        for draft, item in zip(self.items, p.items, strict=True):
            for part, block in draft.parts + draft.decisions:
                for key, pattern in patterns:
                    for m in pattern.finditer(part):
                        found = [n for n in names if re.search(rf"\b{re.escape(n)}\b", m[1])]
                        if key == "adjusters":
                            if p.adjusters and self._adjusters_from_labels:
                                continue
                            for name in found:
                                if name not in p.adjusters and name != p.chair:
                                    p.adjusters.append(name)
                                    self.find(f"adjusters[{len(p.adjusters) - 1}]", name, block)
                                    self.note(block, "note_from_text", field="adjusters",
                                              name=name, number=item.number)
                        elif getattr(p, key) is None and found:
                            setattr(p, key, found[0])
                            self.find(key, found[0], block)
                            self.note(block, "note_from_text", field=key, name=found[0],
                                      number=item.number)

    @property
    def _adjusters_from_labels(self) -> bool:
        return any(s.kind in (g.ADJUSTERS, g.SIGNING) for s in self.signatures)

    def _roles_as_signers(self) -> None:
        """An attendee whose role is exactly "ordförande" (or "sekreterare") is the chair
        (secretary) when nothing else said who was."""
        p = self.p
        for index, a in enumerate(p.attendees):
            role = _fold(a.role or "")
            if p.chair is None and role in _CHAIR_ROLES and a.name:
                p.chair = a.name
                self.find("chair", a.name, None)
                self.note(None, "note_role_as_field", field="chair", name=a.name,
                          path=f"attendees[{index}]")
            if p.secretary is None and role in _SECRETARY_ROLES and a.name:
                p.secretary = a.name
                self.find("secretary", a.name, None)
                self.note(None, "note_role_as_field", field="secretary", name=a.name,
                          path=f"attendees[{index}]")
