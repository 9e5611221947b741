"""One form field: how a model value is shown in a widget and read back from it."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.validation import Function
from textual.widget import Widget
from textual.widgets import Input, Select, TextArea

from brotui.core import schema
from brotui.i18n import MsgId, t
from brotui.tui.keys import translate_bindings
from brotui.tui.widgets.in_order import BindingsInOrder
from brotui.tui.widgets.text_area import QuietTextArea

# Field kinds: how a value is edited (chosen from the schema's kind by `field_of`).
LINE = "line"          # one line of text (Input)
TEXT = "text"          # several lines of text (TextArea)
LINES = "lines"        # a list of strings, one per line (TextArea)
NAMES = "names"        # a list of names, separated by commas (Input)
DATE = "date"          # YYYY-MM-DD (Input)
TIME = "time"          # HH:MM (Input)
INT = "int"            # a whole number (Input)
CHOICE = "choice"      # one of the field's choices: status, presence (Select)

UNDO_STEPS = 200  # per field: what Ctrl+Z can take back
# ASCII digits only: int() takes every script's digits (a fullwidth ５ reads like 5).
_INT_RE = re.compile(r"-?[0-9]+")
_WIDTHS = {DATE: "w-date", TIME: "w-time", INT: "w-int", CHOICE: "w-select"}
_KINDS = {schema.Kind.LINE: LINE, schema.Kind.TEXT: TEXT, schema.Kind.INT: INT,
          schema.Kind.DATE: DATE, schema.Kind.TIME: TIME, schema.Kind.CHOICE: CHOICE,
          schema.Kind.NAMES: NAMES, schema.Kind.LINES: LINES,
          schema.Kind.TEXTS: LINES}  # decisions: one per line (see PLAN-11 §7.5)


class FieldInput(BindingsInOrder, Input):
    """A one-line field: an Input whose Backspace, End and arrows take effect in the order
    they were typed, even when they arrive together with the characters after them; and
    Ctrl+Z undoes (Textual's Input has no undo; its TextArea has): a word typed is one
    step, each other change one."""

    BINDINGS = [Binding("ctrl+z", "undo", "key_undo", show=False)]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self._undo: list[tuple[str, int]] = []  # the value and cursor before each step
        self._in_word = False
        self._undoing = False
        super().__init__(*args, **kwargs)

    def watch_value(self, old: str, new: str) -> None:
        """Each change as it is made (a watcher runs at the assignment: the Changed
        messages of a burst of keys arrive only after the last of them, all showing the
        last value). Only what is typed here counts: not the value it opens with, nor one
        the form sets while the focus is elsewhere."""
        if self._undoing or old == new or not self.has_focus:
            return
        typed = False
        if len(new) == len(old) + 1:  # one character more: where, and is it a space
            at = 0
            while at < len(old) and old[at] == new[at]:
                at += 1
            typed = not new[at].isspace()
        if not (typed and self._in_word):
            self._undo.append((old, min(self.cursor_position, len(old))))
            del self._undo[:-UNDO_STEPS]
        self._in_word = typed

    def action_undo(self) -> None:
        if not self._undo:
            return
        value, cursor = self._undo.pop()
        self._in_word = False
        self._undoing = True
        try:
            self.value = value
        finally:
            self._undoing = False
        self.cursor_position = min(cursor, len(value))


class FieldSelect(Select[Any]):
    """A choice: Textual's Select, the key its open list shows in the user's language."""

    def compose(self) -> ComposeResult:
        for widget in super().compose():
            if type(widget).__name__ == "SelectOverlay":
                translate_bindings(widget)  # Escape: "Dismiss menu" in English
            yield widget


@dataclass(frozen=True)
class Field:
    """A field of a model object: its attribute, its label (a message id), its kind and,
    for a choice, the values offered (the first is the model's default)."""

    key: str
    label: MsgId
    kind: str = LINE
    choices: tuple[schema.Choice, ...] = ()


def field_of(declared: schema.Field) -> Field:
    """The form's field for a field the schema declares."""
    return Field(declared.key, declared.label, _KINDS[declared.kind], declared.choices)


def is_time(text: str) -> bool:
    return not text.strip() or schema.is_time(text.strip())


def is_date(text: str) -> bool:
    return not text.strip() or schema.parse_date(text.strip()) is not None


def shown(kind: str, value: Any) -> Any:
    """The widget value that shows a model value."""
    if kind == CHOICE:
        return value
    if kind == NAMES:
        return ", ".join(value or [])
    if kind == LINES:
        return "\n".join(value or [])
    if kind == DATE and isinstance(value, dt.date):
        return value.isoformat()
    return "" if value is None else str(value)


def parse(kind: str, value: Any, field: Field | None = None) -> tuple[Any, str | None]:
    """A widget value as a model value, and what is wrong with it (None if nothing).

    A value that cannot be read is kept as the text typed, so switching to YAML
    keeps it and validation names it."""
    if kind == CHOICE:
        if value is Select.NULL:
            return (field.choices[0].value if field and field.choices else None), None
        return value, None
    if kind == TEXT:
        return (value if value.strip() else None), None
    if kind == LINES:
        return [line.strip() for line in value.splitlines() if line.strip()], None
    if kind == NAMES:
        return [name.strip() for name in value.split(",") if name.strip()], None
    text = value.strip()
    if not text:
        return None, None
    if kind == DATE:
        date = schema.parse_date(text)
        return (date, None) if date else (text, t("bad_date", raw=text))
    if kind == TIME:
        if schema.is_time(text):
            return text, None
        wrong = schema.clock_part_wrong(text)
        if wrong is not None:
            return text, t("bad_hour" if wrong[0] == "hour" else "bad_minute",
                           part=wrong[1], raw=text)
        return text, t("form_bad_time", raw=text)
    if kind == INT:
        if _INT_RE.fullmatch(text):
            return int(text), None
        return text, t("form_bad_number", raw=text)
    return text, None


def make_editor(field: Field, value: Any) -> Widget:
    """The widget that edits one field, showing `value`."""
    classes = f"field-{field.key} {_WIDTHS.get(field.kind, '')}".strip()
    if field.kind == CHOICE:
        choices = field.choices
        if field.key == "status":  # review and approved come by `j` and `s`, not by typing
            choices = tuple(c for c in choices if c.value == "draft" or c.value == value)
        options = [(Text(t(choice.label)), choice.value) for choice in choices]
        if value not in {choice.value for choice in field.choices}:
            options.append((Text(str(value)), value))
        return FieldSelect(options, value=value, allow_blank=False, compact=True, classes=classes)
    if field.kind in (TEXT, LINES):
        placeholder = t("form_lines_hint") if field.kind == LINES else ""
        return QuietTextArea(shown(field.kind, value), soft_wrap=True, compact=True,
                             tab_behavior="focus", placeholder=placeholder,
                             classes=f"{classes} form-area")
    placeholder = {DATE: t("form_date_hint"), TIME: t("form_time_hint"),
                   NAMES: t("form_names_hint")}.get(field.kind, "")
    validators = {DATE: [Function(is_date)], TIME: [Function(is_time)]}.get(field.kind, [])
    return FieldInput(shown(field.kind, value), placeholder=placeholder, compact=True,
                 validators=validators, valid_empty=True, classes=classes,
                 select_on_focus=False)


def editor_value(editor: Widget) -> Any:
    """What a field's widget holds now."""
    if isinstance(editor, TextArea):
        return editor.text
    if isinstance(editor, Select):
        return editor.value
    assert isinstance(editor, Input)
    return editor.value
