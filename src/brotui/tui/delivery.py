"""A file for the person, where they are: when brotui runs in a browser (textual-serve or
`textual serve`, Textual's web driver), an export written into the archive's export
folder on the server is also sent to the browser as a download (Textual's
`App.deliver_binary`: a single-use link the browser fetches in chunks). In a terminal
the file stays in the export folder, whose path the view says."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.app import App

from brotui.core.archive import Archive
from brotui.core.publish import MEDIA_TYPES, files
from brotui.i18n import t
from brotui.tui.base import Base


def deliver(app: App[Any], path: Path, media_type: str) -> bool:
    """Send the file at `path` to the person's browser if the app runs in one; whether it
    was sent (Textual delivers it in a thread: the download follows)."""
    if not app.is_web:
        return False
    app.deliver_binary(path, save_filename=path.name, mime_type=media_type,
                       open_method="download")
    return True


def export_minutes(screen: Base[Any], protocol_id: str, rev: str | None) -> None:
    """The view's `x`: ask the format, write the export in a worker, say where it went
    (and send it to the browser where brotui runs in one)."""

    def chosen(choice: tuple[str, bool] | None) -> None:
        if choice is None:
            return
        fmt, public = choice

        def write(archive: Archive) -> tuple[files.Exported, Path]:
            return files.export_to_folder(archive, protocol_id, fmt, rev=rev, public=public)

        def written(done: tuple[files.Exported, Path]) -> None:
            exported, path = done
            short, shown = exported.commit[:10], str(path)
            if deliver(screen.app, path, MEDIA_TYPES[fmt]):  # in a browser: sent there too
                said = t("tui_exported_browser", id=exported.protocol_id, rev=short,
                         path=shown, name=path.name)
            else:
                said = t("tui_exported", id=exported.protocol_id, rev=short, path=shown)
            screen.tell(said, timeout=15)

        screen.tell(t("tui_exporting", id=protocol_id))
        screen.run_then(write, written, doing=f"exporting {protocol_id}", group="export")

    screen.app.ask_export(protocol_id, chosen)
