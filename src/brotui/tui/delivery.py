"""A file for the person, where they are: when brotui runs in a browser (textual-serve or
`textual serve`, Textual's web driver), an export written into the archive's export
folder on the server is also sent to the browser as a download (Textual's
`App.deliver_binary`: a single-use link the browser fetches in chunks). In a terminal
the file stays in the export folder, whose path the view says."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.app import App


def deliver(app: App[Any], path: Path, media_type: str) -> bool:
    """Send the file at `path` to the person's browser if the app runs in one; whether it
    was sent (Textual delivers it in a thread: the download follows)."""
    if not app.is_web:
        return False
    app.deliver_binary(path, save_filename=path.name, mime_type=media_type,
                       open_method="download")
    return True
