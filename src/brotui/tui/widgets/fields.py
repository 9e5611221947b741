"""One form field: how a model value is shown in a widget and read back from it."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from rich.text import Text
from textual.validation import Function
from textual.widget import Widget
from textual.widgets import Input, Select, TextArea

from brotui.core.model import PRESENCES, STATUSES
from brotui.i18n import t
from brotui.tui.widgets.text_area import QuietTextArea

# Field kinds: how a value is edited.
LINE = "line"          # one line of text (Input)
TEXT = "text"          # several lines of text (TextArea)
LINES = "lines"        # a list of strings, one per line (TextArea)
NAMES = "names"        # a list of names, separated by commas (Input)
DATE = "date"          # YYYY-MM-DD (Input)
TIME = "time"          # HH:MM (Input)
INT = "int"            # a whole number (Input)
STATUS = "status"      # draft / approved (Select)
PRESENCE = "presence"  # present / excused / absent / adjunct (Select)

# ASCII digits only: `\d`, and int(), take every script's digits (a fullwidth ５ reads like 5).
_TIME_RE = re.compile(r"([01][0-9]|2[0-3]):[0-5][0-9]")
_DATE_RE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_INT_RE = re.compile(r"-?[0-9]+")
_WIDTHS = {DATE: "w-date", TIME: "w-time", INT: "w-int", STATUS: "w-select",
           PRESENCE: "w-select"}


@dataclass(frozen=True)
class Field:
    """A field of a model object: its attribute, its label (a message id) and its kind."""

    key: str
    label: str
    kind: str = LINE


def is_time(text: str) -> bool:
    return not text.strip() or _TIME_RE.fullmatch(text.strip()) is not None


def is_date(text: str) -> bool:
    return not text.strip() or _parse_date(text.strip()) is not None


def _parse_date(text: str) -> dt.date | None:
    if not _DATE_RE.fullmatch(text):
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None


def shown(kind: str, value: Any) -> Any:
    """The widget value that shows a model value."""
    if kind in (STATUS, PRESENCE):
        return value
    if kind == NAMES:
        return ", ".join(value or [])
    if kind == LINES:
        return "\n".join(value or [])
    if kind == DATE and isinstance(value, dt.date):
        return value.isoformat()
    return "" if value is None else str(value)


def parse(kind: str, value: Any) -> tuple[Any, str | None]:
    """A widget value as a model value, and what is wrong with it (None if nothing).

    A value that cannot be read is kept as the text typed, so switching to YAML
    keeps it and validation names it."""
    if kind in (STATUS, PRESENCE):
        if value is Select.NULL:
            return ("draft" if kind == STATUS else "present"), None
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
        date = _parse_date(text)
        return (date, None) if date else (text, t("bad_date", raw=text))
    if kind == TIME:
        return (text, None) if _TIME_RE.fullmatch(text) else (text, t("form_bad_time", raw=text))
    if kind == INT:
        if _INT_RE.fullmatch(text):
            return int(text), None
        return text, t("form_bad_number", raw=text)
    return text, None


def make_editor(field: Field, value: Any) -> Widget:
    """The widget that edits one field, showing `value`."""
    classes = f"field-{field.key} {_WIDTHS.get(field.kind, '')}".strip()
    if field.kind in (STATUS, PRESENCE):
        choices = STATUSES if field.kind == STATUS else PRESENCES
        prefix = "status_" if field.kind == STATUS else "presence_"
        options = [(Text(t(prefix + choice)), choice) for choice in choices]
        if value not in choices:
            options.append((Text(str(value)), value))
        return Select(options, value=value, allow_blank=False, compact=True, classes=classes)
    if field.kind in (TEXT, LINES):
        placeholder = t("form_lines_hint") if field.kind == LINES else ""
        return QuietTextArea(shown(field.kind, value), soft_wrap=True, compact=True,
                             tab_behavior="focus", placeholder=placeholder,
                             classes=f"{classes} form-area")
    placeholder = {DATE: t("form_date_hint"), TIME: t("form_time_hint"),
                   NAMES: t("form_names_hint")}.get(field.kind, "")
    validators = {DATE: [Function(is_date)], TIME: [Function(is_time)]}.get(field.kind, [])
    return Input(shown(field.kind, value), placeholder=placeholder, compact=True,
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
