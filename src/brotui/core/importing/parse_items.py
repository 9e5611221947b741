"""The parser's items: number and title, text, decisions, attachments (and the next
meetings an item lists, read by `_NextPart`).
"""

from __future__ import annotations

from brotui.core.importing import grammar as g
from brotui.core.importing.blocks import Block
from brotui.core.importing.parse_base import (
    _ATTACHED_RE,
    _ATTACHMENT_LINE_RE,
    _ATTACHMENT_REF_RE,
    _BULLET_RE,
    _DECISION_SENTENCE_RE,
    _is_sentence,
    _ItemDraft,
)
from brotui.core.importing.parse_next import _NextPart
from brotui.core.importing.report import residue


class _ItemsPart(_NextPart):
    # ------------------------------------------------------------ items

    def _open_item(self, block: Block, number: int, rest: str) -> None:
        self._end_item_modes()
        self.section = "item"
        item = _ItemDraft(number, block.place)
        self.items.append(item)
        self.find(f"items[{len(self.items) - 1}].number", number, block)
        head = block.text[:len(block.text) - len(rest)] if rest else block.text
        if not rest:
            item.wants_title = True
        elif block.emphasised or block.bold_from(len(head)) >= len(rest):
            item.title = rest.rstrip(":").strip()
        elif block.bold_from(len(head)) > 0:
            # "**Budget** Förvaltningen redogjorde …": the bold words are the title.
            cut = len(block.text) - len(rest) + block.bold_from(len(head))
            item.title = block.text[len(head):cut].strip().rstrip(":").strip() or None
            remainder = block.text[cut:].strip()
            if remainder:
                item.parts.append((remainder, block))
        elif _is_sentence(rest):
            item.parts.append((rest, block))
            self.note(block, "note_item_sentence", number=number)
        else:
            item.title = rest.rstrip(":").strip() if rest.rstrip(":").strip() else rest
        if item.title:
            self.find(f"items[{len(self.items) - 1}].title", item.title, block)
            heading = g.label_of(item.title)
            if heading is not None and heading.kind == g.NEXT:
                item.next_section = True
                self.next_place = None
        self.leave(block, residue(head, [str(number)]), "left_item_number", number=number)

    def _decision_label(self, item: _ItemDraft, block: Block, label: g.Label) -> bool:
        if label.value:
            item.decisions.append((label.value, block))
            self.consume(block, [label.value], "left_label", label=label.word)
        else:
            self.leave(block, block.text, "left_label", label=label.word)
        item.deciding = True
        item.listing_attachments = False
        return True

    def _item_block(self, item: _ItemDraft, block: Block) -> None:
        text = block.text
        if item.wants_title:
            item.wants_title = False
            if block.emphasised or (not _is_sentence(text) and len(g.words(text)) <= 12
                                    and g.label_of(text) is None):
                item.title = text.rstrip(":").strip()
                self.find(f"items[{len(self.items) - 1}].title", item.title, block)
                label = g.label_of(item.title)
                if label is not None and label.kind == g.NEXT:
                    item.next_section = True
                    self.next_place = None
                return
        if item.deciding:
            if block.gap_before and item.decisions and not block.is_list:
                item.deciding = False
            else:
                bullet = _BULLET_RE.match(text)
                if bullet or not item.decisions or block.gap_before:
                    item.decisions.append((text, block))
                else:
                    previous, first = item.decisions[-1]
                    item.decisions[-1] = (f"{previous}\n{text}", first)
                return
        if item.listing_attachments:
            if block.gap_before and item.attachments:
                item.listing_attachments = False
            else:
                name = _BULLET_RE.sub("", text)
                item.attachments.append((name, block))
                return
        if _ATTACHMENT_LINE_RE.match(text):
            item.attachments.append((text, block))
            return
        if _DECISION_SENTENCE_RE.match(text):
            item.decisions.append((text, block))
            self.note(block, "note_decision_sentence", number=item.number)
            return
        item.parts.append((text, block))
        for m in _ATTACHED_RE.finditer(text):
            noun = m[1] or m[2]
            item.mentions.append((noun[:1].upper() + noun[1:].casefold(), block))
        for m in _ATTACHMENT_REF_RE.finditer(text):
            item.mentions.append((f"{m[1][:1].upper()}{m[1][1:].casefold()} {m[2]}", block))
        if item.next_section:
            label = g.label_of(text)
            if label is not None and label.kind == g.PLACE:
                self._next_place(label.value, block)
            else:
                self._meeting_line(block, label.value if label else text, keep=True, label=label)

    def _end_item_modes(self) -> None:
        if self.items:
            item = self.items[-1]
            item.deciding = item.listing_attachments = item.wants_title = False
