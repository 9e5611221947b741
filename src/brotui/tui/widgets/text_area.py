"""A TextArea that repaints the lines a key changes, not the whole of itself.

Textual's TextArea repaints all its lines whenever the cursor moves (its `selection` is a
reactive that repaints the widget): over SSH that is about 7 KB per key in the YAML
editor at 80x24. Here the cursor's move repaints the rows it left and entered (and those of
a selection or a matching bracket), and an edit the rows it touched plus any row whose
highlighting changed. Anything bigger (a new line, a wrap that changes the height, a
scroll, undo, a new text) still repaints it all.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from textual.reactive import Reactive, reactive
from textual.widgets import TextArea
from textual.widgets.text_area import Edit, EditResult, Selection

from brotui.tui.widgets.in_order import BindingsInOrder


def _rows(selection: Selection) -> range:
    first, last = sorted((selection.start[0], selection.end[0]))
    return range(first, last + 1)


class QuietTextArea(BindingsInOrder, TextArea):
    """(Its Backspace, Home and arrows also act in typing order: see widgets/in_order.py.)"""

    selection: Reactive[Selection] = reactive(
        Selection(), init=False, always_update=True, repaint=False)

    def _watch_selection(self, previous_selection: Selection, selection: Selection) -> None:
        bracket = self._matching_bracket_location
        super()._watch_selection(previous_selection, selection)
        if not self.is_mounted:
            return
        rows = {*_rows(previous_selection), *_rows(selection)}
        rows.update(loc[0] for loc in (bracket, self._matching_bracket_location) if loc)
        self.refresh_rows(rows)

    def refresh_rows(self, rows: Iterable[int]) -> None:
        """Repaint the screen lines that show these document rows."""
        document = self.wrapped_document
        count = self.document.line_count
        for row in sorted(set(rows)):
            if 0 <= row < count:
                y = document.location_to_offset((row, 0)).y
                self.refresh_lines(y, len(document.get_offsets(row)) + 1)

    def edit(self, edit: Edit) -> EditResult:
        lines_before = self.document.line_count
        highlights_before = {row: sorted(found, key=repr)
                             for row, found in self._highlights.items()}
        result = super().edit(edit)
        if self.document.line_count != lines_before:
            self.refresh()  # the rows below moved
            return result
        rows = set(range(edit.top[0], max(edit.bottom[0], result.end_location[0]) + 1))
        after = self._highlights
        rows.update(row for row in highlights_before.keys() | after.keys()
                    if highlights_before.get(row, []) != sorted(after.get(row, []), key=repr))
        self.refresh_rows(rows)
        return result

    def _undo_batch(self, edits: Sequence[Edit]) -> None:
        super()._undo_batch(edits)
        self.refresh()

    def _redo_batch(self, edits: Sequence[Edit]) -> None:
        super()._redo_batch(edits)
        self.refresh()

    def load_text(self, text: str) -> None:
        super().load_text(text)
        self.refresh()
