"""x in the view: which format, and whether the public copy; the view exports."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Checkbox, RadioButton, RadioSet, Static

from brotui.core.publish.files import FORMATS
from brotui.i18n import t
from brotui.tui.base import Modal
from brotui.tui.text import safe
from brotui.tui.widgets.footer import KeysFooter


def format_name(fmt: str) -> str:
    """A format as the dialog names it."""
    match fmt:
        case "pdf":
            return t("tui_export_pdf")
        case "docx":
            return t("tui_export_docx")
        case "md":
            return t("tui_export_md")
        case _:
            return t("tui_export_html")


class ExportScreen(Modal[tuple[str, bool] | None]):
    """Export `protocol_id`: a format (pdf, docx, md, html) and the public copy yes/no;
    dismissed with (format, public) or None."""

    BINDINGS = [
        Binding("escape", "cancel", "key_cancel"),
        Binding("ctrl+s", "export", "key_export", show=False),
    ]

    def __init__(self, protocol_id: str) -> None:
        super().__init__()
        self.protocol_id = protocol_id

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(safe(t("tui_export_title", id=self.protocol_id), "bold"))
            yield Static(safe(t("tui_export_format")), classes="dialog-label")
            with RadioSet(id="export-format"):
                for n, fmt in enumerate(FORMATS):
                    yield RadioButton(safe(format_name(fmt)), value=n == 0, id=f"fmt-{fmt}")
            yield Checkbox(safe(t("tui_export_public")), id="export-public")
            with Horizontal(classes="dialog-buttons"):
                yield Button(safe(f"{t('key_export')} (Ctrl+S)"), id="export", variant="primary")
                yield Button(safe(f"{t('key_cancel')} (Esc)"), id="cancel")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.query_one(RadioSet).focus()

    def choice(self) -> tuple[str, bool]:
        """The format chosen and whether the public copy."""
        pressed = self.query_one(RadioSet).pressed_button
        fmt = (pressed.id or "fmt-pdf").removeprefix("fmt-") if pressed else FORMATS[0]
        return fmt, self.query_one(Checkbox).value

    @on(Button.Pressed, "#export")
    def action_export(self) -> None:
        self.dismiss(self.choice())

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
