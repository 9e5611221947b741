"""i in the list: minutes staff already have (Word, PDF, text), shown beside what the
import made of them, then opened in the editor to fix before the first save.

The files come from the person's waiting imports (brotui.core.importing.waiting):
sent over SSH with `import NAME --edit < file`, or, outside restricted mode, a path
on the server typed here. The source is shown block by block with its place (line,
paragraph, page), the report beside it with the same places; both are data, never
markup. `e` opens the editor on the imported protocol as new minutes: its first save
is the import's commit (`Imported-from:`), and the file leaves the waiting list.
"""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from brotui.core import importing
from brotui.core.archive import Archive
from brotui.core.errors import BrotuiError, InvalidProtocol
from brotui.core.importing.blocks import Read
from brotui.core.importing.waiting import Waiting, WaitingImports, check_size
from brotui.core.text import visible
from brotui.i18n import language, size_text, t
from brotui.tui.base import Base
from brotui.tui.text import safe
from brotui.tui.widgets.footer import KeysFooter
from brotui.tui.widgets.text_area import QuietTextArea

Preview = tuple[importing.Imported, list[str], bool]  # the import, the source, id taken


def source_lines(read: Read, lang: str) -> list[str]:
    """The source as the import read it: each block's place, then its text (a table
    row's cells apart), so the report's "line 24" is found at a glance."""
    labels = [block.place.label(lang) for block in read.blocks]
    width = max(map(len, labels), default=0)
    out = []
    for label, block in zip(labels, read.blocks, strict=True):
        text = "  |  ".join(block.cells) if len(block.cells) > 1 else block.text
        out.append(f"{label:>{width}}  {visible(text)}")
    return out


class ImportScreen(Base[None]):
    """The person's waiting imports; the one chosen beside what was found in it."""

    BINDINGS = [
        Binding("e", "edit", "key_import_edit"),
        Binding("d", "discard", "key_import_discard"),
        Binding("escape", "back", "key_back"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.waiting: list[Waiting] = []
        self.chosen: Waiting | None = None
        self.preview: Preview | None = None

    def compose(self) -> ComposeResult:
        yield self.compose_title()
        yield Static(safe(t("tui_import_heading")), id="import-heading")
        yield Input(placeholder=t("tui_import_path"), id="import-path")
        yield OptionList(id="import-list")
        with Horizontal(id="import-panes"):
            yield QuietTextArea("", read_only=True, soft_wrap=True, id="import-source")
            yield QuietTextArea("", read_only=True, soft_wrap=True, id="import-report")
        yield KeysFooter()

    def on_mount(self) -> None:
        path = self.query_one("#import-path", Input)
        path.display = not self.app.restricted  # over SSH a file comes on stdin only
        self.query_one("#import-panes").display = False
        self.list_waiting()

    # ------------------------------------------------------------ the waiting files

    def list_waiting(self, choose: str | None = None) -> None:
        identity = self.app.identity

        def shown(found: list[Waiting]) -> None:
            self.waiting = found
            options = self.query_one("#import-list", OptionList)
            options.clear_options()
            options.add_options([Option(safe(t(
                "tui_import_row", name=visible(w.name), size=size_text(w.size))), id=w.sha256)
                for w in found])
            heading = self.query_one("#import-heading", Static)
            if not found:
                heading.update(safe(t("tui_import_none" if self.app.restricted
                                      else "tui_import_none_path")))
                self.query_one("#import-path" if not self.app.restricted
                               else "#import-list").focus()
                return
            heading.update(safe(t("tui_import_heading")))
            at = next((n for n, w in enumerate(found) if w.sha256 == choose), 0)
            options.highlighted = at
            options.focus()
            if choose is not None or len(found) == 1:
                self.show(found[at])

        self.run_then(lambda archive: WaitingImports(archive, identity).all(), shown,
                      doing="listing the files waiting to be imported", group="list")

    @on(Input.Submitted, "#import-path")
    def _path(self, event: Input.Submitted) -> None:
        """A file on the server (outside restricted mode): kept waiting, then shown."""
        event.stop()
        name = event.value.strip()
        identity = self.identity_or_say()
        if not name or identity is None or self.app.restricted:
            return

        def keep(archive: Archive) -> str:
            path = Path(name).expanduser()
            try:
                check_size(path.stat().st_size)
                data = path.read_bytes()
            except OSError as exc:
                raise BrotuiError(t("tui_import_unreadable", path=name,
                                    reason=exc.strerror or type(exc).__name__)) from exc
            return WaitingImports(archive, identity).keep(path.name, data).sha256

        self.run_then(keep, lambda sha: self.list_waiting(choose=sha),
                      doing=f"reading {name}", group="read")

    @on(OptionList.OptionSelected, "#import-list")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        found = [w for w in self.waiting if w.sha256 == event.option.id]
        if found:
            self.show(found[0])

    # ------------------------------------------------------------ the preview

    def show(self, waiting: Waiting) -> None:
        """Import the file (in a thread) and show its source beside the report."""
        identity, lang = self.app.identity, language()
        self.chosen, self.preview = waiting, None
        self.query_one("#import-heading", Static).update(
            safe(t("tui_import_reading", name=visible(waiting.name))))

        def work(archive: Archive) -> Preview:
            data = WaitingImports(archive, identity).data(waiting.sha256)
            if data is None:
                raise BrotuiError(t("tui_import_gone", name=visible(waiting.name)))
            imported = importing.import_bytes(data, name=waiting.name, lang=lang)
            read = importing.read_blocks(data, imported.report.kind)
            taken = False
            if imported.protocol_id is not None:
                try:
                    archive.read(imported.protocol_id)
                    taken = True
                except InvalidProtocol:
                    taken = True
                except BrotuiError:
                    taken = False
            return imported, source_lines(read, lang), taken

        self.run_then(work, self.shown, doing=f"importing {waiting.name}", group="read")

    def shown(self, preview: Preview) -> None:
        imported, source, taken = preview
        self.preview = preview
        report = imported.report
        self.query_one("#import-panes").display = True
        self.query_one("#import-source", QuietTextArea).load_text("\n".join(source))
        lines = [visible(line) for line in report.lines(language())]
        self.query_one("#import-report", QuietTextArea).load_text("\n".join(lines))
        if imported.protocol_id is None:
            said = t("tui_import_no_id")
        elif taken:
            said = t("tui_import_taken", id=imported.protocol_id)
        else:
            said = t("tui_import_ready", id=imported.protocol_id)
        self.query_one("#import-heading", Static).update(safe(said))
        self.query_one("#import-report").focus()

    def action_edit(self) -> None:
        """e: the imported minutes in the editor, as new minutes, to fix and save."""
        if self.preview is None:
            return
        imported, _source, taken = self.preview
        protocol_id = imported.protocol_id
        if protocol_id is None or taken:
            self.tell(t("tui_import_taken", id=protocol_id) if taken
                      else t("tui_import_no_id"), severity="warning", timeout=10)
            return
        self.app.open_editor(protocol_id, imported.yaml.encode("utf-8"), None, new=True,
                             imported=imported)

    def action_discard(self) -> None:
        """d: the file leaves the waiting list (nothing was ever committed)."""
        chosen, identity = self.chosen, self.app.identity
        if chosen is None:
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self.run_then(lambda archive: WaitingImports(archive, identity).drop(
                    chosen.sha256), lambda _: self.list_waiting(), doing="discarding "
                    f"{chosen.name}", group="list")
                self.chosen = self.preview = None
                self.query_one("#import-panes").display = False

        self.app.confirm(t("tui_import_discard_title", name=visible(chosen.name)),
                         t("tui_import_discard_question"), t("key_import_discard"),
                         "d", answered)

    def on_screen_resume(self) -> None:
        if self.preview is not None:  # back from the editor: saved, or still waiting
            self.list_waiting(choose=self.chosen.sha256 if self.chosen else None)

    def action_back(self) -> None:
        self.app.pop_screen()
