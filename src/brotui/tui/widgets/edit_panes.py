"""The editor's two panes: the protocol as a form, or as YAML with its problems listed
under it. Which one shows, switching between them, the text either holds, each problem
shown where it belongs and moving to it, and the form's rows. The save, the drafts and
leaving are the editor screen's (tui/screens/editor.py); this widget knows none of them."""

from __future__ import annotations

import copy
import re

from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.widget import Widget
from textual.widgets import Select, Static, TextArea

from brotui.core import codec
from brotui.core.model import Protocol
from brotui.core.problems import Problem
from brotui.core.text import visible
from brotui.core.validate import check, line_of
from brotui.i18n import t
from brotui.tui.editing import read_typed
from brotui.tui.text import safe
from brotui.tui.widgets.form_group import Spot
from brotui.tui.widgets.protocol_form import FieldPlace, ProtocolForm, form_blockers
from brotui.tui.widgets.text_area import QuietTextArea

# Rows of each list the form is opened with: a screenful and more (issue 13); the
# others are built after the first paint, while one types (EditorScreen.on_mount).
# The rows the form opens with before the first paint; the rest would be mounted after
# it (`fill_form`). Off (every row at once) until the later mounts keep the terminal's
# cursor: in a real terminal they left it in the top corner, away from the focused field
# (tests/e2e: the cursor never stood after the field), while Pilot saw nothing wrong.
FIRST_ROWS: int | None = None


class EditPanes(Vertical):
    """The form (`form`, None while the YAML shows) or the YAML (`raw`). Tells the
    screen to refresh its keys when the pane changes."""

    DEFAULT_CSS = "EditPanes { height: 1fr; }"

    def __init__(self) -> None:
        super().__init__(id="edit-panes")
        self.raw = True
        self.form: ProtocolForm | None = None
        self.spots: list[Spot] = []  # the form's problems, each at its field
        self.raw_problems: list[Problem] = []  # the YAML's problems, errors first
        self._shown_problems: str | None = None
        self._shown_status: list[str] | None = None

    def compose(self) -> ComposeResult:
        yield Static(id="status-line")
        yield Vertical(id="form-holder")
        with Vertical(id="raw-pane"):
            area = QuietTextArea.code_editor("", language="yaml", soft_wrap=True, id="raw-text")
            area.indent_width = 2
            yield area
            with VerticalScroll(id="raw-problems"):
                yield Static(id="raw-problem-list")

    @property
    def raw_area(self) -> TextArea:
        return self.query_one("#raw-text", TextArea)

    def show_status(self, protocol_id: str, words: list[str]) -> None:
        """`Editing <id> · not saved · 2 errors · form` (tui.editing.status_words)."""
        if words == self._shown_status:
            return  # the same words: nothing to send to the terminal
        self._shown_status = words
        rest = safe(" · " + " · ".join(words))
        line = safe(t("tui_editing", id=protocol_id), "bold")
        if line.cell_len + rest.cell_len > self.app.size.width - 1:
            line = safe(protocol_id, "bold")  # (at 80 columns the words matter more)
        line.append_text(rest)
        self.query_one("#status-line", Static).update(line)

    # ------------------------------------------------------------------- modes

    async def open(self, data: bytes, protocol: Protocol | None, as_form: bool) -> str | None:
        """Show a file as opened: `protocol` (what `data` reads as) in the form if
        `as_form` and the form can show it, else `data` as YAML, escapes written out.
        The YAML text shown, or None for the form."""
        if protocol is not None and as_form and not form_blockers(protocol):
            await self.show_form(protocol, first=FIRST_ROWS)
            return None
        text = data.decode("utf-8", "replace").removeprefix("\ufeff")
        self.show_raw(visible(text, invisible=False))
        return self.raw_area.text

    async def restore(self, text: str) -> None:
        """Show a draft's text: in the form if the form shows and the text fits it, else
        as YAML."""
        loaded = codec.load(text)
        if self.form is not None and loaded.ok and loaded.protocol is not None \
                and not form_blockers(loaded.protocol):
            await self.show_form(loaded.protocol)
        else:
            await self.drop_form(text)

    async def show_form(self, protocol: Protocol, unless_changed_from: str | None = None,
                        at: FieldPlace | None = None, first: int | None = None) -> bool:
        """Show `protocol` in a new form. With `unless_changed_from`: keep the focus on the
        same field, and give up (False, the old form left as it was) if the old form no
        longer holds that text once the new one is built: keys typed while it was built
        went into the old form, which stays focused until the new one takes its place.
        `at`: the field to focus (the one the YAML cursor was in); `first`: build only
        that many rows of each list now (the editor then calls `fill_form`)."""
        old = self.form
        place = old.field_place(self.screen.focused) if old is not None else None
        form = ProtocolForm(protocol, first=first)
        form.display = old is None
        await self.query_one("#form-holder").mount(form)
        if unless_changed_from is not None and old is not None \
                and self.current_text() != unless_changed_from:
            await form.remove()
            return False
        self.form = form
        form.display = True
        target = form.field_at(place) if place is not None \
            and unless_changed_from is not None else None
        if at is not None:
            target = form.field_at(at)
        if target is not None:
            target.focus()
        else:
            form.header.focus_first()
        if old is not None:
            await old.remove()
        self.raw = False
        self.query_one("#form-holder").display = True
        self.query_one("#raw-pane").display = False
        self.screen.refresh_bindings()
        return True

    async def fill_form(self) -> None:
        """Build the rows the form was opened without (show_form's `first`)."""
        if self.form is not None:
            await self.form.fill()

    def show_raw(self, text: str) -> None:
        self.raw_area.load_text(text)
        self.raw = True
        self.query_one("#form-holder").display = False
        self.query_one("#raw-pane").display = True
        self.raw_area.focus()
        self.screen.refresh_bindings()

    async def drop_form(self, text: str) -> None:
        """Show `text` as YAML, the form (if any) gone."""
        self.show_raw(text)
        if self.form is not None:
            await self.form.remove()
            self.form = None

    async def toggle(self) -> str | None:
        """Form to YAML, or YAML to form; why not (the YAML does not read as a protocol
        the form can show), else None."""
        if not self.raw:
            assert self.form is not None
            place = self.form.field_place(self.screen.focused)
            text = codec.dump(self.form.read()[0])
            await self.drop_form(text)
            if place is not None:  # the YAML cursor on the line of the field left
                self._cursor_to(place, codec.load(text).lines)
            return None
        row = self.raw_area.cursor_location[0] + 1
        loaded = codec.load(self.raw_area.text)
        reasons = [p.format() for p in loaded.errors]
        if loaded.protocol is not None and not reasons:
            reasons = form_blockers(loaded.protocol)
        if loaded.protocol is None or reasons:
            return reasons[0]
        await self.show_form(loaded.protocol, at=place_at_line(loaded.lines, row))
        return None

    def _cursor_to(self, place: FieldPlace, lines: dict[str, int]) -> None:
        if place.part == "header":
            path = place.key
        elif place.part == "contact":
            path = f"contact.{place.key}"
        else:
            path = f"{place.part}[{place.row}].{place.key}"
        line = line_of(path, lines)
        if line is None:
            return
        text = self.raw_area.document.get_line(line - 1)
        column = text.find(": ") + 2 if ": " in text else len(text)
        self.raw_area.move_cursor((line - 1, column), center=True)

    def current_text(self) -> str:
        """The protocol as it stands in the editor, as YAML."""
        if self.raw or self.form is None:
            return self.raw_area.text
        return codec.dump(self.form.read()[0])

    def to_save(self, protocol_id: str) -> tuple[str, Protocol | None]:
        """What a save writes: the text and the protocol it reads as (a copy: the form
        goes on editing its own)."""
        if self.raw:
            text = self.raw_area.text
            return text, check(text, protocol_id).protocol
        assert self.form is not None
        protocol = copy.deepcopy(self.form.read()[0])
        return codec.dump(protocol), protocol

    def protocol_now(self, text: str) -> tuple[Protocol | None, str]:
        """The protocol the editor holds now, or why it cannot be read as one."""
        if not self.raw and self.form is not None:
            return copy.deepcopy(self.form.read()[0]), ""
        return read_typed(text)

    async def show_saved(self, protocol: Protocol, now: str) -> bool:
        """Show `protocol` where the person is typing, the cursor kept where it is; False if
        the form changed while its replacement was built (see show_form)."""
        if self.raw or self.form is None or form_blockers(protocol):
            if self.form is not None and not self.raw:  # the form cannot show it: as YAML
                await self.drop_form(codec.dump(protocol))
                return True
            self.load_keeping_cursor(codec.dump(protocol))
            return True
        return await self.show_form(protocol, unless_changed_from=now)

    def show_canonical(self, held: str, stored: Protocol) -> str:
        """A save wrote `stored`, what the YAML `held` says: if the YAML still shows that
        text, show what the file now says (its canonical form). The text now saved."""
        if self.raw and self.raw_area.text == held:
            canonical = codec.dump(stored)
            if canonical != held:
                self.load_keeping_cursor(canonical)
                return canonical
        return held

    def load_keeping_cursor(self, text: str) -> None:
        row, column = self.raw_area.cursor_location
        self.raw_area.load_text(text)
        self.raw_area.move_cursor((row, column))

    # ---------------------------------------------------------------- problems

    def show_problems(self, protocol_id: str, stored: list[Problem] | None,
                      opened_text: str | None, unreadable: bool, live: bool) -> int:
        """Check what the panes hold, show each problem where it belongs; the error count.
        While the YAML is as opened, `stored` (the problems of the file as stored) are
        shown, unless `live` (those of the text, as a save would judge it); `unreadable`:
        the file could not be shown, so the text replaces it."""
        if not self.raw:
            assert self.form is not None
            protocol, unread = self.form.read()
            problems = check(codec.dump(protocol), protocol_id).problems
            self.spots = self.form.show_problems(problems, unread, live)
            return len(self.spots)
        text = self.raw_area.text
        as_opened = text == opened_text and stored is not None
        if as_opened and not live:
            problems = list(stored or [])
        else:
            problems = check(text, protocol_id).problems
        self.raw_problems = sorted(problems, key=lambda p: not p.is_error)  # errors first
        lines = [p.format() for p in self.raw_problems]
        if as_opened and unreadable:
            lines.append(t("tui_replace_unreadable"))
        shown = "\n".join(lines) or t("tui_no_problems")
        if shown != self._shown_problems:  # an update lays the screen out again
            self._shown_problems = shown
            self.query_one("#raw-problem-list", Static).update(safe(shown))
        return sum(p.is_error for p in self.raw_problems)

    def has_problems(self) -> bool:
        return bool(self.raw_problems if self.raw else self.spots)

    def go_to_first_problem(self) -> str:
        """Move to the first error (its line, its field); what it says."""
        if self.raw:
            first = next(p for p in self.raw_problems if p.is_error)
            if first.line:
                self.raw_area.move_cursor((first.line - 1, 0), center=True)
            self.raw_area.focus()
            return first.format()
        spot = self.spots[0]
        spot.go()
        return spot.message

    def next_problem(self) -> None:
        """Move to the next problem: its line in YAML, its field in the form."""
        if not self.raw:
            if self.spots:
                current = self.screen.focused
                widgets = [s.widget for s in self.spots]
                after = widgets.index(current) + 1 if current in widgets else 0
                self.spots[after % len(widgets)].go()
            return
        lines = sorted({p.line for p in self.raw_problems if p.line})
        if lines:
            row = self.raw_area.cursor_location[0] + 1
            target = next((n for n in lines if n > row), lines[0])
            self.raw_area.move_cursor((target - 1, 0), center=True)
            self.raw_area.focus()

    # -------------------------------------------------------------------- rows

    async def add_row(self) -> None:
        if self.form is not None:
            await self.form.add_row(self.screen.focused)

    async def remove_row(self) -> None:
        if self.form is not None:
            await self.form.remove_row(self.screen.focused)

    def move_row(self, delta: int) -> None:
        if self.form is not None:
            self.form.move_row(self.screen.focused, delta)

    def can_change_rows(self, action: str, focused: Widget | None) -> bool:
        """Whether `action` (add_row, remove_row, move_row) applies where the focus is."""
        if self.raw or self.form is None:
            return False
        section, row = self.form.place_of(focused)
        return section is not None and (row is not None or action == "add_row")


_PLACE_RE = re.compile(r"(?P<part>\w+)(?:\[(?P<row>[0-9]+)\])?(?:\.(?P<key>\w+))?")


def place_at_line(lines: dict[str, int], row: int) -> FieldPlace | None:
    """The form's field for a line of the YAML (1-based): the deepest path written on
    the last line at or above it (a text's later lines belong to its key)."""
    above = [(line, len(path), path) for path, line in lines.items() if path and line <= row]
    if not above:
        return None
    m = _PLACE_RE.fullmatch(max(above)[2])
    if m is None:
        return None
    part, index, key = m["part"], m["row"], m["key"]
    if part == "contact" and key:
        return FieldPlace("contact", None, key)
    if index is not None:
        return FieldPlace(part, int(index), key or "")
    return FieldPlace("header", None, part) if key is None else None


def select_open(widget: Widget | None) -> bool:
    """Whether the focus is in an open Select list (where Escape closes the list)."""
    if widget is None:
        return False
    return any(isinstance(n, Select) and n.expanded for n in widget.ancestors_with_self)
