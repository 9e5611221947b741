"""Building blocks of the protocol form: a group of fields for one model object, and
a list section with a row (group) for each entry."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Button, Static

from brotui.i18n import t
from brotui.tui.text import safe
from brotui.tui.widgets.fields import Field, editor_value, make_editor, parse, shown
from brotui.tui.widgets.form_keys import SKIPPED


@dataclass
class Spot:
    """A place in the form that has a problem: the widget to focus and what is wrong."""

    widget: Widget
    message: str
    around: Widget | None = None  # the group whose problem lines should be seen too

    def go(self) -> None:
        """Focus the widget, with the problem shown under it in view."""
        self.widget.focus(scroll_visible=False)
        (self.around or self.widget).scroll_visible(animate=False)


class RowTools(Static):
    """The row's add, remove, up and down buttons, drawn as one widget (forms get long)."""

    ACTIONS = ("add", "remove", "up", "down")
    GLYPHS = ("+", "−", "↑", "↓")

    @dataclass
    class Pressed(Message):
        tools: RowTools
        action: str

        @property
        def control(self) -> RowTools:
            return self.tools

    def __init__(self) -> None:
        text = Text()
        for glyph in self.GLYPHS:
            text.append(f" {glyph} ", style="reverse")
            text.append(" ")
        super().__init__(text, classes="row-tools")
        self.tooltip = safe(t("form_row_tools"))

    def on_click(self, event: events.Click) -> None:
        index = event.x // 4
        if 0 <= index < len(self.ACTIONS) and event.x % 4 < 3:
            event.stop()
            self.post_message(self.Pressed(self, self.ACTIONS[index]))


class FormGroup(Vertical):
    """The fields of one model object, line by line, with each line's problems under it."""

    def __init__(self, obj: Any, layout: list[list[Field]], *, buttons: int | None = None,
                 classes: str = "", skip: tuple[str, ...] = ()) -> None:
        super().__init__(classes=f"form-group {classes}".strip())
        self.obj = obj
        self.spec = layout
        self.buttons = buttons
        self.fields = {f.key: f for line in layout for f in line}
        self.editors = {key: make_editor(f, getattr(obj, key)) for key, f in self.fields.items()}
        for key in skip:  # passed over by Tab (widgets/form_keys.py)
            self.editors[key].add_class(SKIPPED)
        # What each widget showed at the start and the value it stood for.
        self.original = {key: (shown(f.kind, getattr(obj, key)), getattr(obj, key))
                         for key, f in self.fields.items()}
        self.lines = [Horizontal(classes="form-line") for _ in layout]
        # Problem lines are made when first needed: most fields never have one.
        self.errors: dict[int, Static] = {}
        self._texts: dict[int, str] = {}
        self.changed = False
        self.fresh = False  # a row just added: not blamed for being empty until typed in

    def compose(self) -> ComposeResult:
        for n, (line, box) in enumerate(zip(self.spec, self.lines, strict=True)):
            with box:
                for i, field in enumerate(line):
                    yield Static(safe(t(field.label)),
                                 classes="form-label first" if i == 0 else "form-label")
                    yield self.editors[field.key]
                if n == self.buttons:
                    yield RowTools()

    def sync(self) -> dict[str, str]:
        """Write what the widgets hold into the object; each unreadable value's problem."""
        problems: dict[str, str] = {}
        self.changed = False
        for key, field in self.fields.items():
            current = editor_value(self.editors[key])
            was_shown, original = self.original[key]
            if current == was_shown:
                value = original
            else:
                self.changed = True
                value, problem = parse(field.kind, current, field)
                if problem:
                    problems[key] = problem
            setattr(self.obj, key, value)
        return problems

    def show(self, messages: dict[str | None, list[str]]) -> list[Spot]:
        """Show the problems of each field (key) and of the whole group (None) under them."""
        spots: list[Spot] = []
        for n, line in enumerate(self.spec):
            texts = []
            for field in line:
                editor = self.editors[field.key]
                found = messages.get(field.key, [])
                editor.set_class(bool(found), "has-problem")
                for message in found:
                    label = t(field.label)
                    # (a message that names the field already is not prefixed again:
                    # "Namn (name) saknas.", not "Namn: Namn (name) saknas.")
                    named = label.casefold() in message.split("(")[0].casefold()
                    text = f"{label}: {message}" if len(line) > 1 and not named else message
                    texts.append(text)
                    spots.append(Spot(editor, text, self))
            self._update(n, texts)
        row = messages.get(None, [])
        self._update(len(self.spec), row)
        first = self.editors.get("title") or next(iter(self.editors.values()))
        spots.extend(Spot(first, message, self) for message in row)
        return spots

    def _update(self, n: int, texts: list[str]) -> None:
        """Show the problems under line n (n == number of lines: under the whole group)."""
        text = "\n".join(texts)
        static = self.errors.get(n)
        if static is None:
            if not text:
                return
            static = self.errors[n] = Static(classes="form-error")
            if n < len(self.lines):
                self.mount(static, after=self.lines[n])
            else:
                self.mount(static)
        if self._texts.get(n) != text:
            self._texts[n] = text
            static.update(safe(text))
            static.set_class(bool(text), "shown")

    def focus_first(self) -> None:
        next(iter(self.editors.values())).focus()


class ListSection(Vertical):
    """A heading, a row for each entry of one of the protocol's lists, and an Add button."""

    def __init__(self, key: str, title: str, noun: str, objects: list[Any],
                 layout: list[list[Field]], new: Callable[[list[Any], int], Any],
                 buttons: int = 0, skip: tuple[str, ...] = (),
                 first: int | None = None) -> None:
        """`first`: how many rows to build at once; the others wait in `pending` until
        `fill()` (the editor opens with a screenful, the rest comes while one types)."""
        super().__init__(classes="form-section")
        self.list_key = key
        self.heading = title
        self.noun = noun
        self.spec = layout
        self.new = new
        self.buttons = buttons
        self.skip = skip
        shown = objects if first is None else objects[:first]
        self.initial = [self._row(obj) for obj in shown]
        self.pending: list[Any] = list(objects[len(shown):])
        self.error = Static(classes="form-error")
        self.add_button = Button(safe(t("form_add", what=t(noun))), name="add-end",
                                 compact=True, classes="add-button")
        self._shown = ""

    def _row(self, obj: Any) -> FormGroup:
        return FormGroup(obj, self.spec, buttons=self.buttons, classes="form-row",
                         skip=self.skip)

    def compose(self) -> ComposeResult:
        yield Static(safe(t(self.heading), "bold"), classes="form-heading")
        yield self.error
        with Vertical(classes="form-rows"):
            yield from self.initial
        yield self.add_button

    @property
    def container(self) -> Vertical:
        return self.query_one(".form-rows", Vertical)

    def rows(self) -> list[FormGroup]:
        return [w for w in self.container.children if isinstance(w, FormGroup)]

    def objects(self) -> list[Any]:
        """The entries as the rows hold them, then those whose rows are still to come."""
        return [row.obj for row in self.rows()] + self.pending

    async def fill(self, chunk: int = 20) -> None:
        """Build the rows still to come, a few at a time (keys are handled between)."""
        while self.pending:
            objs, self.pending = self.pending[:chunk], self.pending[chunk:]
            await self.container.mount_all([self._row(obj) for obj in objs])

    async def add(self, after: FormGroup | None) -> FormGroup:
        """A new, empty entry after `after` (at the end if None), focused."""
        rows = self.rows()
        index = rows.index(after) + 1 if after in rows else len(rows)
        row = self._row(self.new([r.obj for r in rows], index))
        row.fresh = True
        if after in rows:
            await self.container.mount(row, after=after)
        else:
            await self.container.mount(row)
        row.focus_first()
        return row

    async def drop(self, row: FormGroup) -> None:
        """Remove an entry; the focus goes to the next one, else the previous, else Add."""
        rows = self.rows()
        index = rows.index(row)
        await row.remove()
        rows = self.rows()
        if rows:
            rows[min(index, len(rows) - 1)].focus_first()
        else:
            self.add_button.focus()

    def move(self, row: FormGroup, delta: int) -> bool:
        rows = self.rows()
        index = rows.index(row) + delta
        if not 0 <= index < len(rows):
            return False
        if delta < 0:
            self.container.move_child(row, before=rows[index])
        else:
            self.container.move_child(row, after=rows[index])
        self.call_after_refresh(self.screen.scroll_to_widget, row)
        return True

    def first_widget(self) -> Widget:
        rows = self.rows()
        return next(iter(rows[0].editors.values())) if rows else self.add_button

    def show(self, messages: list[str]) -> None:
        """Problems of the list as a whole (e.g. no items at all), under its heading."""
        text = "\n".join(messages)
        if text != self._shown:
            self._shown = text
            self.error.update(safe(text))
            self.error.set_class(bool(text), "shown")

